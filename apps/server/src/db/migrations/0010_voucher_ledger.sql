CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"route" varchar(200) NOT NULL,
	"key" varchar(200) NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_route_key_pk" PRIMARY KEY("user_id","route","key")
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"key" varchar(60) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"voucher_id" uuid,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_accounts_not_negative" CHECK ("ledger_accounts"."kind" = 'funding' or "ledger_accounts"."balance_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"debit_account_id" uuid NOT NULL,
	"credit_account_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"kind" varchar(16) NOT NULL,
	"voucher_id" uuid,
	"reservation_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_positive" CHECK ("ledger_entries"."amount_fen" > 0),
	CONSTRAINT "ledger_entries_two_sides" CHECK ("ledger_entries"."debit_account_id" <> "ledger_entries"."credit_account_id")
);
--> statement-breakpoint
CREATE TABLE "voucher_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"applicant_user_id" uuid,
	"planned_use" text NOT NULL,
	"categories" text[] NOT NULL,
	"amount_fen" bigint NOT NULL,
	"approved_fen" bigint,
	"status" varchar(16) DEFAULT 'submitted' NOT NULL,
	"reason" varchar(24),
	"comment" text,
	"reviewed_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"voucher_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_applications_amount" CHECK ("voucher_applications"."amount_fen" > 0 and ("voucher_applications"."approved_fen" is null or "voucher_applications"."approved_fen" between 1 and "voucher_applications"."amount_fen"))
);
--> statement-breakpoint
CREATE TABLE "voucher_enterprise_totals" (
	"programme_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"awarded_fen" bigint NOT NULL,
	"cap_fen" bigint NOT NULL,
	CONSTRAINT "voucher_enterprise_totals_cap" CHECK ("voucher_enterprise_totals"."awarded_fen" >= 0 and "voucher_enterprise_totals"."awarded_fen" <= "voucher_enterprise_totals"."cap_fen")
);
--> statement-breakpoint
CREATE TABLE "voucher_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"name" varchar(120) NOT NULL,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"total_budget_fen" bigint NOT NULL,
	"cap_per_enterprise_fen" bigint NOT NULL,
	"ratio_tech_sme_bp" integer NOT NULL,
	"ratio_high_tech_bp" integer NOT NULL,
	"ratio_default_bp" integer NOT NULL,
	"categories" text[] NOT NULL,
	"provider_scope" varchar(16) NOT NULL,
	"provider_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"validity_days" integer NOT NULL,
	"claimant" varchar(16) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_programmes_money" CHECK ("voucher_programmes"."total_budget_fen" > 0 and "voucher_programmes"."cap_per_enterprise_fen" > 0),
	CONSTRAINT "voucher_programmes_ratios" CHECK ("voucher_programmes"."ratio_tech_sme_bp" between 1 and 10000 and "voucher_programmes"."ratio_high_tech_bp" between 1 and 10000 and "voucher_programmes"."ratio_default_bp" between 1 and 10000),
	CONSTRAINT "voucher_programmes_window" CHECK ("voucher_programmes"."window_end" >= "voucher_programmes"."window_start")
);
--> statement-breakpoint
CREATE TABLE "voucher_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"order_ref" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"category" varchar(24) NOT NULL,
	"order_price_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"settled_fen" bigint,
	"status" varchar(16) DEFAULT 'reserved' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "voucher_reservations_amount" CHECK ("voucher_reservations"."amount_fen" > 0 and ("voucher_reservations"."settled_fen" is null or "voucher_reservations"."settled_fen" between 1 and "voucher_reservations"."amount_fen"))
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"application_id" uuid,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"face_value_fen" bigint NOT NULL,
	"ratio_bp" integer NOT NULL,
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"expired_at" timestamp with time zone,
	CONSTRAINT "vouchers_face_value" CHECK ("vouchers"."face_value_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_debit_account_id_ledger_accounts_id_fk" FOREIGN KEY ("debit_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_credit_account_id_ledger_accounts_id_fk" FOREIGN KEY ("credit_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_enterprise_totals" ADD CONSTRAINT "voucher_enterprise_totals_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_enterprise_totals" ADD CONSTRAINT "voucher_enterprise_totals_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_programmes" ADD CONSTRAINT "voucher_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_application_id_voucher_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."voucher_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_key_uq" ON "ledger_accounts" USING btree ("programme_id","key");--> statement-breakpoint
CREATE INDEX "ledger_entries_programme_idx" ON "ledger_entries" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "voucher_applications_programme_idx" ON "voucher_applications" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "voucher_applications_town_idx" ON "voucher_applications" USING btree ("town_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_enterprise_totals_pk" ON "voucher_enterprise_totals" USING btree ("programme_id","enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_reservations_order_uq" ON "voucher_reservations" USING btree ("order_ref") WHERE "voucher_reservations"."status" in ('reserved', 'settled');--> statement-breakpoint
CREATE INDEX "voucher_reservations_voucher_idx" ON "voucher_reservations" USING btree ("voucher_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_application_uq" ON "vouchers" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "vouchers_enterprise_idx" ON "vouchers" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "vouchers_town_idx" ON "vouchers" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "vouchers_expiry_idx" ON "vouchers" USING btree ("status","expires_at");--> statement-breakpoint
-- hand-written: ledger entries are immutable (security.md money invariant 5; corrections are reversing entries).
CREATE OR REPLACE FUNCTION ledger_entries_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_guard();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_guard();
