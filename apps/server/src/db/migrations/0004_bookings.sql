CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"mode" varchar(20) NOT NULL,
	"period" "tstzrange",
	"sample_count" integer,
	"purpose" text NOT NULL,
	"sample_details" text,
	"quoted_fee_fen" bigint,
	"quoted_fee_max_fen" bigint,
	"status" varchar(16) DEFAULT 'requested' NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_late" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_mode" CHECK ("bookings"."mode" in ('self_service', 'operator_assisted', 'sample')),
	CONSTRAINT "bookings_status" CHECK ("bookings"."status" in ('requested', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show')),
	CONSTRAINT "bookings_period_or_samples" CHECK (("bookings"."mode" = 'sample') = ("bookings"."period" is null) and ("bookings"."mode" <> 'sample' or "bookings"."sample_count" > 0)),
	CONSTRAINT "bookings_period_not_empty" CHECK ("bookings"."period" is null or not isempty("bookings"."period")),
	CONSTRAINT "bookings_fee_non_negative" CHECK (coalesce("bookings"."quoted_fee_fen", 0) >= 0 and coalesce("bookings"."quoted_fee_max_fen", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "instrument_trainings" (
	"resource_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trained_by" uuid NOT NULL,
	CONSTRAINT "instrument_trainings_resource_id_user_id_pk" PRIMARY KEY("resource_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_trainings" ADD CONSTRAINT "instrument_trainings_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_trainings" ADD CONSTRAINT "instrument_trainings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_trainings" ADD CONSTRAINT "instrument_trainings_trained_by_users_id_fk" FOREIGN KEY ("trained_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_resource_idx" ON "bookings" USING btree ("resource_id","status");--> statement-breakpoint
CREATE INDEX "bookings_enterprise_idx" ON "bookings" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "bookings_institution_idx" ON "bookings" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "bookings_town_idx" ON "bookings" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "instrument_trainings_user_idx" ON "instrument_trainings" USING btree ("user_id");--> statement-breakpoint
-- Invariant 9 (hand-written: drizzle cannot express EXCLUDE): two confirmed bookings of one instrument
-- never overlap. The database, not a check in TypeScript, decides between concurrent approvals;
-- btree_gist (migration 0002) lets the uuid column take part in the GiST index.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist ("resource_id" WITH =, "period" WITH &&) WHERE ("status" = 'confirmed');
