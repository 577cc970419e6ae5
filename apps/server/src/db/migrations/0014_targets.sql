CREATE TABLE "indicator_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_revisions_version_uq" UNIQUE("indicator_id","version")
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"town_id" uuid,
	"year" integer NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "indicator_targets_uq" UNIQUE NULLS NOT DISTINCT("indicator_id","town_id","year"),
	CONSTRAINT "indicator_targets_year" CHECK ("indicator_targets"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(60) NOT NULL,
	"name_zh" varchar(120) NOT NULL,
	"name_en" varchar(160) NOT NULL,
	"unit" varchar(16) NOT NULL,
	"formula" text NOT NULL,
	"direction" varchar(8) DEFAULT 'higher' NOT NULL,
	"base_year" integer,
	"in_index" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code"),
	CONSTRAINT "indicators_direction" CHECK ("indicators"."direction" in ('higher', 'lower'))
);
--> statement-breakpoint
CREATE TABLE "reporting_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer,
	"deadline" date NOT NULL,
	"status" varchar(8) DEFAULT 'open' NOT NULL,
	CONSTRAINT "reporting_periods_uq" UNIQUE NULLS NOT DISTINCT("year","quarter"),
	CONSTRAINT "reporting_periods_quarter" CHECK ("reporting_periods"."quarter" is null or "reporting_periods"."quarter" between 1 and 4),
	CONSTRAINT "reporting_periods_status" CHECK ("reporting_periods"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "statistic_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	CONSTRAINT "statistic_submissions_version_uq" UNIQUE("period_id","town_id","version"),
	CONSTRAINT "statistic_submissions_status" CHECK ("statistic_submissions"."status" in ('draft', 'submitted', 'returned', 'approved', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "statistics" (
	"code" varchar(60) PRIMARY KEY NOT NULL,
	"name_zh" varchar(120) NOT NULL,
	"name_en" varchar(160) NOT NULL,
	"unit" varchar(16) NOT NULL,
	"source" varchar(16) DEFAULT 'submitted' NOT NULL,
	"min_value" double precision DEFAULT 0 NOT NULL,
	"max_value" double precision NOT NULL,
	"yoy_threshold_pct" integer DEFAULT 30 NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_source" CHECK ("statistics"."source" in ('submitted', 'platform')),
	CONSTRAINT "statistics_range" CHECK ("statistics"."max_value" > "statistics"."min_value"),
	CONSTRAINT "statistics_threshold" CHECK ("statistics"."yoy_threshold_pct" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "submission_values" (
	"submission_id" uuid NOT NULL,
	"statistic_code" varchar(60) NOT NULL,
	"value" double precision NOT NULL,
	"explanation" text,
	CONSTRAINT "submission_values_uq" UNIQUE("submission_id","statistic_code")
);
--> statement-breakpoint
ALTER TABLE "indicator_revisions" ADD CONSTRAINT "indicator_revisions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_revisions" ADD CONSTRAINT "indicator_revisions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_submissions" ADD CONSTRAINT "statistic_submissions_period_id_reporting_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."reporting_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_submissions" ADD CONSTRAINT "statistic_submissions_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_submissions" ADD CONSTRAINT "statistic_submissions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_submissions" ADD CONSTRAINT "statistic_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_submissions" ADD CONSTRAINT "statistic_submissions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_values" ADD CONSTRAINT "submission_values_submission_id_statistic_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."statistic_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_values" ADD CONSTRAINT "submission_values_statistic_code_statistics_code_fk" FOREIGN KEY ("statistic_code") REFERENCES "public"."statistics"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "statistic_submissions_open_uq" ON "statistic_submissions" USING btree ("period_id","town_id") WHERE "statistic_submissions"."status" in ('draft', 'submitted', 'returned');--> statement-breakpoint
CREATE UNIQUE INDEX "statistic_submissions_approved_uq" ON "statistic_submissions" USING btree ("period_id","town_id") WHERE "statistic_submissions"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "statistic_submissions_town_idx" ON "statistic_submissions" USING btree ("town_id");
--> statement-breakpoint
-- hand-written: the revision history is append-only (no UPDATE, DELETE or TRUNCATE).
CREATE OR REPLACE FUNCTION indicator_revisions_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'indicator_revisions is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_revisions_append_only BEFORE UPDATE OR DELETE ON indicator_revisions
  FOR EACH ROW EXECUTE FUNCTION indicator_revisions_guard();
--> statement-breakpoint
CREATE TRIGGER indicator_revisions_no_truncate BEFORE TRUNCATE ON indicator_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_revisions_guard();
