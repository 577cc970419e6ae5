CREATE TABLE "internal_usages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"used_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"income_fen" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "internal_usages_minutes" CHECK ("internal_usages"."minutes" > 0 and "internal_usages"."minutes" <= 44640),
	CONSTRAINT "internal_usages_income_non_negative" CHECK ("internal_usages"."income_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"name" varchar(120) NOT NULL,
	"model" varchar(80),
	"category" varchar(60),
	"keywords" varchar(200),
	"budget_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" varchar(16) DEFAULT 'submitted' NOT NULL,
	"decision_comment" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_reviews_status" CHECK ("purchase_reviews"."status" in ('submitted', 'approved', 'rejected')),
	CONSTRAINT "purchase_reviews_budget_positive" CHECK ("purchase_reviews"."budget_fen" > 0),
	CONSTRAINT "purchase_reviews_reject_reason" CHECK ("purchase_reviews"."status" <> 'rejected' or "purchase_reviews"."decision_comment" is not null)
);
--> statement-breakpoint
ALTER TABLE "internal_usages" ADD CONSTRAINT "internal_usages_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_usages" ADD CONSTRAINT "internal_usages_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_usages" ADD CONSTRAINT "internal_usages_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_usages" ADD CONSTRAINT "internal_usages_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_reviews" ADD CONSTRAINT "purchase_reviews_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_reviews" ADD CONSTRAINT "purchase_reviews_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_reviews" ADD CONSTRAINT "purchase_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_reviews" ADD CONSTRAINT "purchase_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "internal_usages_resource_idx" ON "internal_usages" USING btree ("resource_id","used_on");--> statement-breakpoint
CREATE INDEX "internal_usages_used_on_idx" ON "internal_usages" USING btree ("used_on");--> statement-breakpoint
CREATE INDEX "purchase_reviews_institution_idx" ON "purchase_reviews" USING btree ("institution_id","created_at");--> statement-breakpoint
CREATE INDEX "purchase_reviews_town_idx" ON "purchase_reviews" USING btree ("town_id","status");