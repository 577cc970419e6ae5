CREATE TABLE "ip_case_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"location" varchar(200),
	"attendees" varchar(500),
	"minutes" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_no" varchar(16) NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" varchar(24) NOT NULL,
	"status" varchar(12) NOT NULL,
	"track" varchar(8),
	"suggested_track" varchar(8) NOT NULL,
	"title" varchar(200) NOT NULL,
	"description" text NOT NULL,
	"complainant_enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"patent_id" uuid,
	"patent_number" varchar(40),
	"patent_kind" varchar(16),
	"suspected_product" varchar(200),
	"seller" varchar(200),
	"marketplace_url" varchar(500),
	"counterparty_name" varchar(200),
	"counterparty_enterprise_id" uuid,
	"trade_fair" boolean DEFAULT false NOT NULL,
	"trade_fair_name" varchar(100),
	"evidence_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"officer_id" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"triaged_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"first_session_on" date,
	"outcome" varchar(24),
	"outcome_summary" text,
	"outcome_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closing_report" text,
	"closing_report_file_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_cases_case_no_key" UNIQUE("case_no"),
	CONSTRAINT "ip_cases_kind" CHECK ("ip_cases"."kind" in ('infringement_complaint', 'defence_assistance')),
	CONSTRAINT "ip_cases_status" CHECK ("ip_cases"."status" in ('filed', 'acknowledged', 'triaged', 'assigned', 'mediating', 'concluded', 'closed')),
	CONSTRAINT "ip_cases_track" CHECK (("ip_cases"."track" is null or "ip_cases"."track" in ('fast', 'normal')) and "ip_cases"."suggested_track" in ('fast', 'normal')),
	CONSTRAINT "ip_cases_outcome" CHECK ("ip_cases"."outcome" is null or "ip_cases"."outcome" in ('mediated_agreement', 'withdrawn', 'referred_administrative', 'referred_court')),
	CONSTRAINT "ip_cases_marketplace_url" CHECK ("ip_cases"."marketplace_url" is null or "ip_cases"."marketplace_url" ~* '^https?://'),
	CONSTRAINT "ip_cases_counterparty" CHECK ("ip_cases"."counterparty_enterprise_id" is null or "ip_cases"."counterparty_enterprise_id" <> "ip_cases"."complainant_enterprise_id"),
	CONSTRAINT "ip_cases_ack" CHECK (("ip_cases"."status" = 'filed') = ("ip_cases"."acknowledged_at" is null)),
	CONSTRAINT "ip_cases_triaged" CHECK (("ip_cases"."status" in ('filed', 'acknowledged')) = ("ip_cases"."triaged_at" is null and "ip_cases"."track" is null)),
	CONSTRAINT "ip_cases_assigned" CHECK (("ip_cases"."status" in ('filed', 'acknowledged', 'triaged')) = ("ip_cases"."assigned_at" is null and "ip_cases"."officer_id" is null)),
	CONSTRAINT "ip_cases_outcome_set" CHECK (("ip_cases"."status" in ('concluded', 'closed')) = ("ip_cases"."outcome" is not null and "ip_cases"."outcome_at" is not null)),
	CONSTRAINT "ip_cases_closed" CHECK (("ip_cases"."status" = 'closed') = ("ip_cases"."closed_at" is not null and "ip_cases"."closing_report" is not null)),
	CONSTRAINT "ip_cases_order" CHECK (("ip_cases"."acknowledged_at" is null or "ip_cases"."acknowledged_at" >= "ip_cases"."filed_at")
        and ("ip_cases"."triaged_at" is null or "ip_cases"."triaged_at" >= "ip_cases"."acknowledged_at")
        and ("ip_cases"."assigned_at" is null or "ip_cases"."assigned_at" >= "ip_cases"."triaged_at")
        and ("ip_cases"."closed_at" is null or "ip_cases"."closed_at" >= "ip_cases"."outcome_at"))
);
--> statement-breakpoint
CREATE TABLE "ip_centre_staff" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"duty" varchar(16) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_centre_staff_duty" CHECK ("ip_centre_staff"."duty" in ('admin', 'officer', 'examiner'))
);
--> statement-breakpoint
CREATE TABLE "pre_exam_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(16) NOT NULL,
	"institution_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"title" varchar(200) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"class_code" varchar(24) NOT NULL,
	"class_group" varchar(8) NOT NULL,
	"applicant_credit_code" varchar(18) NOT NULL,
	"status" varchar(12) NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"first_submitted_at" timestamp with time zone NOT NULL,
	"passed_at" timestamp with time zone,
	"forwarded_on" date,
	"granted_on" date,
	"application_number" varchar(40),
	"patent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pre_exam_applications_number_key" UNIQUE("number"),
	CONSTRAINT "pre_exam_applications_appno_key" UNIQUE("application_number"),
	CONSTRAINT "pre_exam_applications_kind" CHECK ("pre_exam_applications"."kind" in ('utility_model', 'design')),
	CONSTRAINT "pre_exam_applications_status" CHECK ("pre_exam_applications"."status" in ('submitted', 'returned', 'passed', 'granted')),
	CONSTRAINT "pre_exam_applications_round" CHECK ("pre_exam_applications"."round" >= 1),
	CONSTRAINT "pre_exam_applications_passed" CHECK (("pre_exam_applications"."status" in ('passed', 'granted')) = ("pre_exam_applications"."passed_at" is not null)),
	CONSTRAINT "pre_exam_applications_granted" CHECK (("pre_exam_applications"."status" = 'granted') = ("pre_exam_applications"."granted_on" is not null and "pre_exam_applications"."application_number" is not null)),
	CONSTRAINT "pre_exam_applications_grant_order" CHECK ("pre_exam_applications"."granted_on" is null or ("pre_exam_applications"."forwarded_on" is not null and "pre_exam_applications"."granted_on" >= "pre_exam_applications"."forwarded_on"))
);
--> statement-breakpoint
CREATE TABLE "pre_exam_classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"scheme" varchar(8) NOT NULL,
	"prefix" varchar(24) NOT NULL,
	"label" varchar(100) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pre_exam_classes_key" UNIQUE("institution_id","scheme","prefix"),
	CONSTRAINT "pre_exam_classes_scheme" CHECK ("pre_exam_classes"."scheme" in ('ipc', 'locarno'))
);
--> statement-breakpoint
CREATE TABLE "pre_exam_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"file_ids" uuid[] NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"decision" varchar(12),
	"advice" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "pre_exam_rounds_key" UNIQUE("application_id","round"),
	CONSTRAINT "pre_exam_rounds_decision" CHECK ("pre_exam_rounds"."decision" is null or "pre_exam_rounds"."decision" in ('returned', 'passed')),
	CONSTRAINT "pre_exam_rounds_decided" CHECK (("pre_exam_rounds"."decision" is null) = ("pre_exam_rounds"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "ip_case_sessions" ADD CONSTRAINT "ip_case_sessions_case_id_ip_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ip_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_case_sessions" ADD CONSTRAINT "ip_case_sessions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_complainant_enterprise_id_enterprises_id_fk" FOREIGN KEY ("complainant_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_counterparty_enterprise_id_enterprises_id_fk" FOREIGN KEY ("counterparty_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_closing_report_file_id_files_id_fk" FOREIGN KEY ("closing_report_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_centre_staff" ADD CONSTRAINT "ip_centre_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_centre_staff" ADD CONSTRAINT "ip_centre_staff_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_applications" ADD CONSTRAINT "pre_exam_applications_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_applications" ADD CONSTRAINT "pre_exam_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_applications" ADD CONSTRAINT "pre_exam_applications_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_applications" ADD CONSTRAINT "pre_exam_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_applications" ADD CONSTRAINT "pre_exam_applications_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_classes" ADD CONSTRAINT "pre_exam_classes_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_classes" ADD CONSTRAINT "pre_exam_classes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_rounds" ADD CONSTRAINT "pre_exam_rounds_application_id_pre_exam_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."pre_exam_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_exam_rounds" ADD CONSTRAINT "pre_exam_rounds_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ip_case_sessions_case_idx" ON "ip_case_sessions" USING btree ("case_id","held_on");--> statement-breakpoint
CREATE INDEX "ip_cases_complainant_idx" ON "ip_cases" USING btree ("complainant_enterprise_id","filed_at");--> statement-breakpoint
CREATE INDEX "ip_cases_counterparty_idx" ON "ip_cases" USING btree ("counterparty_enterprise_id");--> statement-breakpoint
CREATE INDEX "ip_cases_officer_idx" ON "ip_cases" USING btree ("officer_id","status");--> statement-breakpoint
CREATE INDEX "ip_cases_queue_idx" ON "ip_cases" USING btree ("institution_id","status","filed_at");--> statement-breakpoint
CREATE INDEX "ip_cases_patent_idx" ON "ip_cases" USING btree ("patent_id");--> statement-breakpoint
CREATE INDEX "ip_centre_staff_inst_idx" ON "ip_centre_staff" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "pre_exam_applications_enterprise_idx" ON "pre_exam_applications" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "pre_exam_applications_queue_idx" ON "pre_exam_applications" USING btree ("institution_id","status","created_at");--> statement-breakpoint
CREATE INDEX "pre_exam_applications_patent_idx" ON "pre_exam_applications" USING btree ("patent_id");