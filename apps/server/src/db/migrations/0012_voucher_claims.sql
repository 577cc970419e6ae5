CREATE TABLE "voucher_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"voucher_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"claimant_role" varchar(16) NOT NULL,
	"claimed_fen" bigint NOT NULL,
	"invoice_file_id" uuid NOT NULL,
	"evidence_file_ids" uuid[] NOT NULL,
	"booking_id" uuid,
	"usage_minutes" integer,
	"usage_samples" integer,
	"usage_fee_unit" varchar(8),
	"usage_fee_fen" bigint,
	"usage_value_fen" bigint,
	"usage_limit_fen" bigint,
	"status" varchar(16) DEFAULT 'submitted' NOT NULL,
	"reason" varchar(24),
	"comment" text,
	"note" text,
	"created_by" uuid NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"settled_by" uuid,
	"settled_at" timestamp with time zone,
	"rejected_by" uuid,
	"rejected_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_claims_amount" CHECK ("voucher_claims"."claimed_fen" > 0),
	CONSTRAINT "voucher_claims_status" CHECK ("voucher_claims"."status" in ('submitted', 'verified', 'settled', 'rejected')),
	CONSTRAINT "voucher_claims_claimant" CHECK ("voucher_claims"."claimant_role" in ('provider', 'enterprise')),
	CONSTRAINT "voucher_claims_reason" CHECK (("voucher_claims"."status" = 'rejected') = ("voucher_claims"."reason" is not null) and ("voucher_claims"."reason" is null or "voucher_claims"."reason" in ('evidence_missing', 'amount_above_usage', 'invoice_mismatch', 'not_eligible', 'not_delivered', 'other'))),
	CONSTRAINT "voucher_claims_evidence" CHECK (cardinality("voucher_claims"."evidence_file_ids") >= 1),
	CONSTRAINT "voucher_claims_usage_limit" CHECK ("voucher_claims"."usage_limit_fen" is null or "voucher_claims"."claimed_fen" <= "voucher_claims"."usage_limit_fen")
);
--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_reservation_id_voucher_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."voucher_reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_invoice_file_id_files_id_fk" FOREIGN KEY ("invoice_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_claims_reservation_uq" ON "voucher_claims" USING btree ("reservation_id") WHERE "voucher_claims"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_claims_booking_uq" ON "voucher_claims" USING btree ("booking_id") WHERE "voucher_claims"."booking_id" is not null and "voucher_claims"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "voucher_claims_town_idx" ON "voucher_claims" USING btree ("town_id","status");--> statement-breakpoint
CREATE INDEX "voucher_claims_institution_idx" ON "voucher_claims" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "voucher_claims_enterprise_idx" ON "voucher_claims" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "voucher_claims_order_idx" ON "voucher_claims" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_order_ref_service_orders_id_fk" FOREIGN KEY ("order_ref") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_reservations_order_idx" ON "voucher_reservations" USING btree ("order_ref");--> statement-breakpoint
-- hand-written: a settled or rejected claim is final, and claims are never deleted (the money trail).
CREATE OR REPLACE FUNCTION voucher_claims_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'voucher_claims rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status IN ('settled', 'rejected') THEN
    RAISE EXCEPTION 'voucher claim % is final (%)', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER voucher_claims_final BEFORE UPDATE OR DELETE ON voucher_claims
  FOR EACH ROW EXECUTE FUNCTION voucher_claims_guard();
