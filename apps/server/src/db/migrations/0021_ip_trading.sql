CREATE TABLE "ip_deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"patent_id" uuid NOT NULL,
	"kind" varchar(24) NOT NULL,
	"seller_enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"buyer_enterprise_id" uuid,
	"buyer_institution_id" uuid,
	"amount_fen" bigint,
	"terms" text DEFAULT '' NOT NULL,
	"status" varchar(16) NOT NULL,
	"contract_file_id" uuid,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_deals_offer_key" UNIQUE("offer_id"),
	CONSTRAINT "ip_deals_kind" CHECK ("ip_deals"."kind" in ('transfer', 'exclusive_licence', 'non_exclusive_licence', 'pledge')),
	CONSTRAINT "ip_deals_status" CHECK ("ip_deals"."status" in ('in_progress', 'completed', 'cancelled')),
	CONSTRAINT "ip_deals_buyer" CHECK (num_nonnulls("ip_deals"."buyer_enterprise_id", "ip_deals"."buyer_institution_id") = 1),
	CONSTRAINT "ip_deals_completed_contract" CHECK ("ip_deals"."status" <> 'completed' or ("ip_deals"."contract_file_id" is not null and "ip_deals"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "ip_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patent_id" uuid NOT NULL,
	"seller_enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"kind" varchar(24) NOT NULL,
	"asking_price_fen" bigint,
	"terms" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" varchar(16) NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_listings_kind" CHECK ("ip_listings"."kind" in ('transfer', 'exclusive_licence', 'non_exclusive_licence', 'pledge')),
	CONSTRAINT "ip_listings_status" CHECK ("ip_listings"."status" in ('submitted', 'published', 'rejected', 'withdrawn', 'closed')),
	CONSTRAINT "ip_listings_price" CHECK ("ip_listings"."asking_price_fen" is null or "ip_listings"."asking_price_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "ip_offer_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"side" varchar(8) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"amount_fen" bigint,
	"body" text DEFAULT '' NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_offer_messages_side" CHECK ("ip_offer_messages"."side" in ('seller', 'buyer')),
	CONSTRAINT "ip_offer_messages_kind" CHECK ("ip_offer_messages"."kind" in ('offer', 'message', 'counter', 'accepted', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "ip_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"buyer_enterprise_id" uuid,
	"buyer_institution_id" uuid,
	"amount_fen" bigint,
	"terms" text DEFAULT '' NOT NULL,
	"status" varchar(16) NOT NULL,
	"awaiting" varchar(8) NOT NULL,
	"decline_reason" varchar(24),
	"decline_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_offers_status" CHECK ("ip_offers"."status" in ('open', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "ip_offers_awaiting" CHECK ("ip_offers"."awaiting" in ('seller', 'buyer')),
	CONSTRAINT "ip_offers_buyer" CHECK (num_nonnulls("ip_offers"."buyer_enterprise_id", "ip_offers"."buyer_institution_id") = 1),
	CONSTRAINT "ip_offers_amount" CHECK ("ip_offers"."amount_fen" is null or "ip_offers"."amount_fen" > 0),
	CONSTRAINT "ip_offers_decline_reason" CHECK (("ip_offers"."status" = 'declined') = ("ip_offers"."decline_reason" is not null) and ("ip_offers"."decline_reason" is null or "ip_offers"."decline_reason" in ('price', 'too_early', 'wrong_technology', 'terms', 'listing_closed', 'other')))
);
--> statement-breakpoint
CREATE TABLE "ip_open_licence_takes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"open_licence_id" uuid NOT NULL,
	"patent_id" uuid NOT NULL,
	"licensee_enterprise_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"payment_reference" varchar(100) NOT NULL,
	"notice" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_open_licence_takes_once" UNIQUE("open_licence_id","licensee_enterprise_id"),
	CONSTRAINT "ip_open_licence_takes_amount" CHECK ("ip_open_licence_takes"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ip_open_licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patent_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"fee_fen" bigint NOT NULL,
	"terms" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" varchar(16) NOT NULL,
	"ended_at" timestamp with time zone,
	"end_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_open_licences_status" CHECK ("ip_open_licences"."status" in ('active', 'withdrawn', 'ended')),
	CONSTRAINT "ip_open_licences_fee" CHECK ("ip_open_licences"."fee_fen" >= 0),
	CONSTRAINT "ip_open_licences_validity" CHECK ("ip_open_licences"."valid_until" >= "ip_open_licences"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_listing_id_ip_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."ip_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_offer_id_ip_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."ip_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_seller_enterprise_id_enterprises_id_fk" FOREIGN KEY ("seller_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_buyer_enterprise_id_enterprises_id_fk" FOREIGN KEY ("buyer_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_buyer_institution_id_institutions_id_fk" FOREIGN KEY ("buyer_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_contract_file_id_files_id_fk" FOREIGN KEY ("contract_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_listings" ADD CONSTRAINT "ip_listings_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_listings" ADD CONSTRAINT "ip_listings_seller_enterprise_id_enterprises_id_fk" FOREIGN KEY ("seller_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_listings" ADD CONSTRAINT "ip_listings_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_listings" ADD CONSTRAINT "ip_listings_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_listings" ADD CONSTRAINT "ip_listings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_offer_messages" ADD CONSTRAINT "ip_offer_messages_offer_id_ip_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."ip_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_offer_messages" ADD CONSTRAINT "ip_offer_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_offers" ADD CONSTRAINT "ip_offers_listing_id_ip_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."ip_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_offers" ADD CONSTRAINT "ip_offers_buyer_enterprise_id_enterprises_id_fk" FOREIGN KEY ("buyer_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_offers" ADD CONSTRAINT "ip_offers_buyer_institution_id_institutions_id_fk" FOREIGN KEY ("buyer_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_offers" ADD CONSTRAINT "ip_offers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_offers" ADD CONSTRAINT "ip_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licence_takes" ADD CONSTRAINT "ip_open_licence_takes_open_licence_id_ip_open_licences_id_fk" FOREIGN KEY ("open_licence_id") REFERENCES "public"."ip_open_licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licence_takes" ADD CONSTRAINT "ip_open_licence_takes_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licence_takes" ADD CONSTRAINT "ip_open_licence_takes_licensee_enterprise_id_enterprises_id_fk" FOREIGN KEY ("licensee_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licence_takes" ADD CONSTRAINT "ip_open_licence_takes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licences" ADD CONSTRAINT "ip_open_licences_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licences" ADD CONSTRAINT "ip_open_licences_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licences" ADD CONSTRAINT "ip_open_licences_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_open_licences" ADD CONSTRAINT "ip_open_licences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ip_deals_one_exclusive_in_progress" ON "ip_deals" USING btree ("patent_id") WHERE "ip_deals"."status" = 'in_progress' and "ip_deals"."kind" in ('transfer', 'exclusive_licence');--> statement-breakpoint
CREATE UNIQUE INDEX "ip_deals_one_pledge_in_progress" ON "ip_deals" USING btree ("patent_id") WHERE "ip_deals"."status" = 'in_progress' and "ip_deals"."kind" = 'pledge';--> statement-breakpoint
CREATE INDEX "ip_deals_patent_idx" ON "ip_deals" USING btree ("patent_id");--> statement-breakpoint
CREATE INDEX "ip_deals_seller_idx" ON "ip_deals" USING btree ("seller_enterprise_id");--> statement-breakpoint
CREATE INDEX "ip_deals_buyer_enterprise_idx" ON "ip_deals" USING btree ("buyer_enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ip_listings_one_live_per_kind" ON "ip_listings" USING btree ("patent_id","seller_enterprise_id","kind") WHERE "ip_listings"."status" in ('submitted', 'published');--> statement-breakpoint
CREATE INDEX "ip_listings_status_idx" ON "ip_listings" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "ip_listings_seller_idx" ON "ip_listings" USING btree ("seller_enterprise_id");--> statement-breakpoint
CREATE INDEX "ip_listings_patent_idx" ON "ip_listings" USING btree ("patent_id");--> statement-breakpoint
CREATE INDEX "ip_offer_messages_offer_idx" ON "ip_offer_messages" USING btree ("offer_id","created_at");--> statement-breakpoint
CREATE INDEX "ip_offers_listing_idx" ON "ip_offers" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "ip_offers_buyer_enterprise_idx" ON "ip_offers" USING btree ("buyer_enterprise_id");--> statement-breakpoint
CREATE INDEX "ip_offers_buyer_institution_idx" ON "ip_offers" USING btree ("buyer_institution_id");--> statement-breakpoint
CREATE INDEX "ip_open_licence_takes_patent_idx" ON "ip_open_licence_takes" USING btree ("patent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ip_open_licences_one_active" ON "ip_open_licences" USING btree ("patent_id") WHERE "ip_open_licences"."status" = 'active';--> statement-breakpoint
CREATE INDEX "ip_open_licences_status_idx" ON "ip_open_licences" USING btree ("status","created_at");--> statement-breakpoint
-- custom SQL (keep when regenerating)
-- The trading rules the database decides under races (ARCHITECTURE.md "IP trading"). Each guard takes the patent's
-- row lock first, so listings, deals and open-licence declarations of one patent are decided one after another and
-- each check reads what the previous one committed. Violations are raised as check_violation with a constraint
-- name the service maps to the same 409 code its own earlier check gives.
CREATE OR REPLACE FUNCTION ip_refuse(name text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'IP trading rule % refused', name USING ERRCODE = 'check_violation', CONSTRAINT = name;
END;
$$;
--> statement-breakpoint
-- Only the current owner lists a patent in force: on insert and whenever a listing is (re)published.
CREATE OR REPLACE FUNCTION ip_listings_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE p record;
BEGIN
  IF NEW.status NOT IN ('submitted', 'published') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN RETURN NEW; END IF;
  SELECT legal_status, owner_enterprise_ids INTO p FROM patents WHERE id = NEW.patent_id FOR SHARE;
  IF p.legal_status IS DISTINCT FROM 'granted' THEN PERFORM ip_refuse('ip_patent_not_in_force'); END IF;
  IF NOT (NEW.seller_enterprise_id = ANY (p.owner_enterprise_ids)) THEN PERFORM ip_refuse('ip_seller_not_owner'); END IF;
  IF NEW.kind IN ('exclusive_licence', 'non_exclusive_licence') AND EXISTS (
    SELECT 1 FROM ip_deals d WHERE d.patent_id = NEW.patent_id AND d.kind = 'exclusive_licence' AND d.status = 'completed'
  ) THEN PERFORM ip_refuse('ip_exclusive_licence_exists'); END IF;
  IF NEW.kind = 'exclusive_licence' AND EXISTS (
    SELECT 1 FROM ip_open_licences o WHERE o.patent_id = NEW.patent_id AND o.status = 'active'
  ) THEN PERFORM ip_refuse('ip_open_licence_conflict'); END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ip_listings_guard BEFORE INSERT OR UPDATE OF status ON ip_listings
  FOR EACH ROW EXECUTE FUNCTION ip_listings_guard();
--> statement-breakpoint
-- A deal starts (accepted offer) or completes only while the seller owns the patent in force; a transfer or
-- exclusive licence in progress excludes another (also the partial unique index ip_deals_one_exclusive_in_progress);
-- an exclusive licence excludes an active open-licence declaration and follows no completed exclusive licence.
CREATE OR REPLACE FUNCTION ip_deals_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE p record;
BEGIN
  IF TG_OP = 'UPDATE' AND NOT (NEW.status = 'completed' AND OLD.status <> 'completed') THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' AND NEW.status <> 'in_progress' THEN PERFORM ip_refuse('ip_deals_insert_in_progress'); END IF;
  SELECT legal_status, owner_enterprise_ids INTO p FROM patents WHERE id = NEW.patent_id FOR UPDATE;
  IF p.legal_status IS DISTINCT FROM 'granted' THEN PERFORM ip_refuse('ip_patent_not_in_force'); END IF;
  IF NOT (NEW.seller_enterprise_id = ANY (p.owner_enterprise_ids)) THEN PERFORM ip_refuse('ip_seller_not_owner'); END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.kind IN ('transfer', 'exclusive_licence') AND EXISTS (
      SELECT 1 FROM ip_deals d WHERE d.patent_id = NEW.patent_id AND d.status = 'in_progress' AND d.kind IN ('transfer', 'exclusive_licence')
    ) THEN PERFORM ip_refuse('ip_deals_one_exclusive_in_progress'); END IF;
    IF NEW.kind IN ('exclusive_licence', 'non_exclusive_licence') AND EXISTS (
      SELECT 1 FROM ip_deals d WHERE d.patent_id = NEW.patent_id AND d.kind = 'exclusive_licence' AND d.status = 'completed'
    ) THEN PERFORM ip_refuse('ip_exclusive_licence_exists'); END IF;
    IF NEW.kind = 'exclusive_licence' AND EXISTS (
      SELECT 1 FROM ip_open_licences o WHERE o.patent_id = NEW.patent_id AND o.status = 'active'
    ) THEN PERFORM ip_refuse('ip_open_licence_conflict'); END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ip_deals_guard BEFORE INSERT OR UPDATE OF status ON ip_deals
  FOR EACH ROW EXECUTE FUNCTION ip_deals_guard();
--> statement-breakpoint
-- An open-licence declaration: the owner, a patent in force, no exclusive licence (in progress or done) and no
-- transfer in progress.
CREATE OR REPLACE FUNCTION ip_open_licences_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE p record;
BEGIN
  IF NEW.status <> 'active' THEN RETURN NEW; END IF;
  SELECT legal_status, owner_enterprise_ids INTO p FROM patents WHERE id = NEW.patent_id FOR UPDATE;
  IF p.legal_status IS DISTINCT FROM 'granted' THEN PERFORM ip_refuse('ip_patent_not_in_force'); END IF;
  IF NOT (NEW.enterprise_id = ANY (p.owner_enterprise_ids)) THEN PERFORM ip_refuse('ip_seller_not_owner'); END IF;
  IF EXISTS (
    SELECT 1 FROM ip_deals d WHERE d.patent_id = NEW.patent_id
      AND ((d.kind = 'exclusive_licence' AND d.status IN ('in_progress', 'completed')) OR (d.kind = 'transfer' AND d.status = 'in_progress'))
  ) THEN PERFORM ip_refuse('ip_open_licence_conflict'); END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ip_open_licences_guard BEFORE INSERT ON ip_open_licences
  FOR EACH ROW EXECUTE FUNCTION ip_open_licences_guard();
--> statement-breakpoint
-- A licence is taken only under an active declaration within its validity (Shanghai day), by someone other than
-- an owner, paying at least the stated fee; the declaration's row lock orders it against a withdrawal.
CREATE OR REPLACE FUNCTION ip_open_licence_takes_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE o record; p record; today date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
  SELECT status, patent_id, fee_fen, valid_from, valid_until INTO o FROM ip_open_licences WHERE id = NEW.open_licence_id FOR SHARE;
  IF o.status IS DISTINCT FROM 'active' OR today < o.valid_from OR today > o.valid_until THEN
    PERFORM ip_refuse('ip_open_licence_not_active');
  END IF;
  IF NEW.patent_id <> o.patent_id THEN PERFORM ip_refuse('ip_open_licence_takes_patent'); END IF;
  SELECT legal_status, owner_enterprise_ids INTO p FROM patents WHERE id = NEW.patent_id FOR SHARE;
  IF p.legal_status IS DISTINCT FROM 'granted' THEN PERFORM ip_refuse('ip_patent_not_in_force'); END IF;
  IF NEW.licensee_enterprise_id = ANY (p.owner_enterprise_ids) THEN PERFORM ip_refuse('ip_open_licence_own_patent'); END IF;
  IF NEW.amount_fen < o.fee_fen THEN PERFORM ip_refuse('ip_open_licence_amount'); END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ip_open_licence_takes_guard BEFORE INSERT ON ip_open_licence_takes
  FOR EACH ROW EXECUTE FUNCTION ip_open_licence_takes_guard();
