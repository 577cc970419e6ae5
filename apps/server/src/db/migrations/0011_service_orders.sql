CREATE TABLE "order_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_role" varchar(16) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16) NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"status" varchar(16) DEFAULT 'requested' NOT NULL,
	"needs" text NOT NULL,
	"quantity" integer NOT NULL,
	"quoted_price_fen" bigint,
	"quote_note" text,
	"quote_outside_range" boolean,
	"result_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rating" integer,
	"rating_comment" text,
	"dispute_reason" text,
	"decision" varchar(16),
	"decision_note" text,
	"quote_due_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_orders_status" CHECK ("service_orders"."status" in ('requested', 'quoted', 'accepted', 'in_progress', 'delivered', 'completed', 'disputed', 'closed', 'cancelled')),
	CONSTRAINT "service_orders_quantity" CHECK ("service_orders"."quantity" between 1 and 100000),
	CONSTRAINT "service_orders_price" CHECK ("service_orders"."quoted_price_fen" is null or "service_orders"."quoted_price_fen" >= 0),
	CONSTRAINT "service_orders_rating" CHECK ("service_orders"."rating" is null or "service_orders"."rating" between 1 and 5),
	CONSTRAINT "service_orders_decision" CHECK ("service_orders"."decision" is null or "service_orders"."decision" in ('refund', 'partial', 'upheld'))
);
--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "service_orders_institution_idx" ON "service_orders" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "service_orders_enterprise_idx" ON "service_orders" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "service_orders_town_idx" ON "service_orders" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "service_orders_due_idx" ON "service_orders" USING btree ("quote_due_at") WHERE "service_orders"."status" = 'requested' and "service_orders"."escalated_at" is null;--> statement-breakpoint
-- hand-written: the order history is append-only (no UPDATE, DELETE or TRUNCATE).
CREATE OR REPLACE FUNCTION order_events_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'order_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER order_events_append_only BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION order_events_guard();
--> statement-breakpoint
CREATE TRIGGER order_events_no_truncate BEFORE TRUNCATE ON order_events
  FOR EACH STATEMENT EXECUTE FUNCTION order_events_guard();
