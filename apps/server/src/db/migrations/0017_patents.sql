CREATE TABLE "patent_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patent_id" uuid NOT NULL,
	"event_date" date NOT NULL,
	"kind" varchar(24) NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" varchar(16) NOT NULL,
	"ref_id" uuid,
	"import_key" varchar(200),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patent_events_import_key" UNIQUE("patent_id","import_key"),
	CONSTRAINT "patent_events_kind" CHECK ("patent_events"."kind" in ('filed', 'published', 'granted', 'lapsed', 'restored', 'transferred', 'licensed', 'pledged', 'pledge_released', 'invalidated', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "patent_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"format" varchar(8) NOT NULL,
	"filename" varchar(255) NOT NULL,
	"file_id" uuid,
	"status" varchar(12) DEFAULT 'queued' NOT NULL,
	"bytes_total" integer DEFAULT 0 NOT NULL,
	"bytes_read" integer DEFAULT 0 NOT NULL,
	"records_read" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"report_file_id" uuid,
	"error_message" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "patent_imports_format" CHECK ("patent_imports"."format" in ('csv', 'xlsx', 'xml')),
	CONSTRAINT "patent_imports_status" CHECK ("patent_imports"."status" in ('queued', 'running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "patents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_number" varchar(40) NOT NULL,
	"jurisdiction" varchar(2) DEFAULT 'CN' NOT NULL,
	"publication_number" varchar(40),
	"grant_number" varchar(40),
	"kind" varchar(16) NOT NULL,
	"title" text NOT NULL,
	"abstract" text,
	"claims" text,
	"main_class" varchar(24),
	"ipc_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"locarno_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"class_prefixes" text[] DEFAULT '{}'::text[] NOT NULL,
	"application_date" date NOT NULL,
	"publication_date" date,
	"grant_date" date,
	"legal_status" varchar(16) NOT NULL,
	"legal_status_date" date,
	"applicants" text[] NOT NULL,
	"owners" text[] NOT NULL,
	"inventors" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_enterprise_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"local_applicant" boolean DEFAULT false NOT NULL,
	"town_id" uuid,
	"applicant_address" text,
	"agency" varchar(120),
	"fees_paid_until" date,
	"search_vector" "tsvector",
	"source" varchar(16) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patents_application_number_key" UNIQUE("application_number"),
	CONSTRAINT "patents_kind" CHECK ("patents"."kind" in ('invention', 'utility_model', 'design')),
	CONSTRAINT "patents_legal_status" CHECK ("patents"."legal_status" in ('pending', 'granted', 'lapsed', 'invalidated', 'expired', 'rejected', 'withdrawn')),
	CONSTRAINT "patents_publication_after_application" CHECK ("patents"."publication_date" is null or "patents"."publication_date" >= "patents"."application_date"),
	CONSTRAINT "patents_grant_after_application" CHECK ("patents"."grant_date" is null or "patents"."grant_date" >= "patents"."application_date"),
	CONSTRAINT "patents_applicants" CHECK (cardinality("patents"."applicants") > 0)
);
--> statement-breakpoint
ALTER TABLE "patent_events" ADD CONSTRAINT "patent_events_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_imports" ADD CONSTRAINT "patent_imports_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_imports" ADD CONSTRAINT "patent_imports_report_file_id_files_id_fk" FOREIGN KEY ("report_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_imports" ADD CONSTRAINT "patent_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patents" ADD CONSTRAINT "patents_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patent_events_patent_idx" ON "patent_events" USING btree ("patent_id","event_date");--> statement-breakpoint
CREATE INDEX "patent_imports_created_idx" ON "patent_imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "patents_search_idx" ON "patents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "patents_class_prefixes_idx" ON "patents" USING gin ("class_prefixes");--> statement-breakpoint
CREATE INDEX "patents_owner_enterprises_idx" ON "patents" USING gin ("owner_enterprise_ids");--> statement-breakpoint
CREATE INDEX "patents_newest_idx" ON "patents" USING btree ("application_date" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "patents_town_date_idx" ON "patents" USING btree ("town_id","application_date");--> statement-breakpoint
CREATE INDEX "patents_kind_date_idx" ON "patents" USING btree ("kind","application_date");