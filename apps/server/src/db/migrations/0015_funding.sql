CREATE TABLE "funding_balances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"programme" varchar(24) NOT NULL,
	"town_id" uuid,
	"allocated_fen" bigint DEFAULT 0 NOT NULL,
	"committed_fen" bigint DEFAULT 0 NOT NULL,
	"disbursed_fen" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_balances_line_uq" UNIQUE NULLS NOT DISTINCT("year","programme","town_id"),
	CONSTRAINT "funding_balances_order" CHECK (0 <= "funding_balances"."disbursed_fen" and "funding_balances"."disbursed_fen" <= "funding_balances"."committed_fen" and "funding_balances"."committed_fen" <= "funding_balances"."allocated_fen")
);
--> statement-breakpoint
CREATE TABLE "funding_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"programme" varchar(24) NOT NULL,
	"town_id" uuid,
	"kind" varchar(16) NOT NULL,
	"amount_fen" bigint NOT NULL,
	"record_date" date NOT NULL,
	"note" text,
	"link_type" varchar(24),
	"link_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_records_amount" CHECK ("funding_records"."amount_fen" > 0),
	CONSTRAINT "funding_records_year" CHECK ("funding_records"."year" between 2000 and 2100),
	CONSTRAINT "funding_records_kind" CHECK ("funding_records"."kind" in ('allocation', 'commitment', 'disbursement')),
	CONSTRAINT "funding_records_programme" CHECK ("funding_records"."programme" in ('service_platforms', 'key_projects', 'parks_incubators', 'talent')),
	CONSTRAINT "funding_records_link" CHECK (("funding_records"."link_type" is null and "funding_records"."link_id" is null) or ("funding_records"."link_type" in ('voucher_programme', 'institution') and "funding_records"."link_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "funding_balances" ADD CONSTRAINT "funding_balances_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_records" ADD CONSTRAINT "funding_records_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_records" ADD CONSTRAINT "funding_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_records_line_idx" ON "funding_records" USING btree ("year","programme","town_id");--> statement-breakpoint
CREATE INDEX "funding_records_town_idx" ON "funding_records" USING btree ("town_id");--> statement-breakpoint
-- hand-written: funding records are the audit trail of the balances; they are never changed or removed.
CREATE OR REPLACE FUNCTION funding_records_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'funding_records is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER funding_records_no_update_delete BEFORE UPDATE OR DELETE ON funding_records
  FOR EACH ROW EXECUTE FUNCTION funding_records_guard();
