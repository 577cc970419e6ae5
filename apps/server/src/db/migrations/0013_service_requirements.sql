CREATE TABLE "requirement_quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requirement_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"turnaround_days" integer NOT NULL,
	"note" text,
	"status" varchar(16) DEFAULT 'submitted' NOT NULL,
	"decline_reason" varchar(24),
	"decline_comment" text,
	"created_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requirement_quotes_status" CHECK ("requirement_quotes"."status" in ('submitted', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "requirement_quotes_price" CHECK ("requirement_quotes"."price_fen" >= 0),
	CONSTRAINT "requirement_quotes_turnaround" CHECK ("requirement_quotes"."turnaround_days" between 1 and 365),
	CONSTRAINT "requirement_quotes_decline_reason" CHECK ("requirement_quotes"."decline_reason" is null or "requirement_quotes"."decline_reason" in ('price_too_high', 'too_slow', 'not_matching', 'other_quote_chosen', 'other')),
	CONSTRAINT "requirement_quotes_declined_has_reason" CHECK (("requirement_quotes"."status" = 'declined') = ("requirement_quotes"."decline_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "service_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"category" varchar(24) NOT NULL,
	"title" varchar(120) NOT NULL,
	"description" text NOT NULL,
	"budget_min_fen" bigint,
	"budget_max_fen" bigint,
	"quote_deadline" timestamp with time zone NOT NULL,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_requirements_status" CHECK ("service_requirements"."status" in ('open', 'awarded', 'cancelled', 'expired')),
	CONSTRAINT "service_requirements_category" CHECK ("service_requirements"."category" in ('resource_sharing', 'information', 'rnd', 'testing', 'training', 'tech_transfer', 'ip')),
	CONSTRAINT "service_requirements_budget" CHECK (("service_requirements"."budget_min_fen" is null or "service_requirements"."budget_min_fen" >= 0) and ("service_requirements"."budget_max_fen" is null or "service_requirements"."budget_max_fen" >= 0)
        and ("service_requirements"."budget_min_fen" is null or "service_requirements"."budget_max_fen" is null or "service_requirements"."budget_min_fen" <= "service_requirements"."budget_max_fen"))
);
--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "requirement_id" uuid;--> statement-breakpoint
ALTER TABLE "requirement_quotes" ADD CONSTRAINT "requirement_quotes_requirement_id_service_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."service_requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_quotes" ADD CONSTRAINT "requirement_quotes_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_quotes" ADD CONSTRAINT "requirement_quotes_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_quotes" ADD CONSTRAINT "requirement_quotes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_quotes" ADD CONSTRAINT "requirement_quotes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requirements" ADD CONSTRAINT "service_requirements_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requirements" ADD CONSTRAINT "service_requirements_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requirements" ADD CONSTRAINT "service_requirements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_quotes_live_uq" ON "requirement_quotes" USING btree ("requirement_id","institution_id") WHERE "requirement_quotes"."status" in ('submitted', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_quotes_accepted_uq" ON "requirement_quotes" USING btree ("requirement_id") WHERE "requirement_quotes"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "requirement_quotes_institution_idx" ON "requirement_quotes" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "service_requirements_enterprise_idx" ON "service_requirements" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "service_requirements_town_idx" ON "service_requirements" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "service_requirements_open_idx" ON "service_requirements" USING btree ("category","quote_deadline") WHERE "service_requirements"."status" = 'open';--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_requirement_id_service_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."service_requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_orders_requirement_uq" ON "service_orders" USING btree ("requirement_id") WHERE "service_orders"."requirement_id" is not null;