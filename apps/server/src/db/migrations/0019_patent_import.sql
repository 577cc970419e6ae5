CREATE TABLE "patent_import_rows" (
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"id" uuid NOT NULL,
	"application_number" varchar(40) NOT NULL,
	"jurisdiction" varchar(2) NOT NULL,
	"publication_number" varchar(40),
	"grant_number" varchar(40),
	"kind" varchar(16) NOT NULL,
	"title" text NOT NULL,
	"abstract" text,
	"claims" text,
	"main_class" varchar(24),
	"ipc_codes" text[] NOT NULL,
	"locarno_codes" text[] NOT NULL,
	"class_prefixes" text[] NOT NULL,
	"application_date" date NOT NULL,
	"publication_date" date,
	"grant_date" date,
	"legal_status" varchar(16) NOT NULL,
	"legal_status_date" date,
	"applicants" text[] NOT NULL,
	"owners" text[] NOT NULL,
	"inventors" text[] NOT NULL,
	"owner_enterprise_ids" uuid[] NOT NULL,
	"local_applicant" boolean NOT NULL,
	"town_id" uuid,
	"applicant_address" text,
	"agency" varchar(120),
	"fees_paid_until" date,
	"search_vector" "tsvector",
	"source" varchar(16) NOT NULL,
	"events" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "patent_import_rows_import_idx" ON "patent_import_rows" USING btree ("import_id");--> statement-breakpoint
-- custom SQL (keep when regenerating)
ALTER TABLE "patent_import_rows" SET UNLOGGED;
