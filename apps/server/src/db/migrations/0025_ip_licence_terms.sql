ALTER TABLE "ip_deals" ADD COLUMN "licence_starts_on" date;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD COLUMN "licence_ends_on" date;--> statement-breakpoint
ALTER TABLE "ip_open_licence_takes" ADD COLUMN "licence_starts_on" date;--> statement-breakpoint
ALTER TABLE "ip_open_licence_takes" ADD COLUMN "licence_ends_on" date;--> statement-breakpoint
ALTER TABLE "ip_deals" ADD CONSTRAINT "ip_deals_licence_term" CHECK (("ip_deals"."licence_starts_on" is null) = ("ip_deals"."licence_ends_on" is null) and ("ip_deals"."licence_ends_on" is null or ("ip_deals"."kind" in ('exclusive_licence', 'non_exclusive_licence') and "ip_deals"."licence_ends_on" >= "ip_deals"."licence_starts_on")));--> statement-breakpoint
ALTER TABLE "ip_open_licence_takes" ADD CONSTRAINT "ip_open_licence_takes_term" CHECK (("ip_open_licence_takes"."licence_starts_on" is null) = ("ip_open_licence_takes"."licence_ends_on" is null) and ("ip_open_licence_takes"."licence_ends_on" is null or "ip_open_licence_takes"."licence_ends_on" >= "ip_open_licence_takes"."licence_starts_on"));--> statement-breakpoint
-- custom SQL (keep when regenerating)
-- Licence terms (ARCHITECTURE.md "IP trading"). An exclusive licence binds only while its term runs: until its last
-- day (Shanghai) no other licence is listed or started, no open licence is declared; a licence completed later may
-- not overlap its term. Licences taken under an open licence run from the day taken to the end of the
-- declaration's validity, and an exclusive licence is not started while one of them runs. Exclusive licences
-- completed before terms were recorded have none and keep binding, as before.
UPDATE ip_open_licence_takes t SET
  licence_starts_on = (t.created_at AT TIME ZONE 'Asia/Shanghai')::date,
  licence_ends_on = greatest(o.valid_until, (t.created_at AT TIME ZONE 'Asia/Shanghai')::date)
FROM ip_open_licences o WHERE o.id = t.open_licence_id AND t.licence_starts_on IS NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ip_shanghai_today() RETURNS date
LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date $$;
--> statement-breakpoint
-- A completed exclusive licence of the patent whose term has not ended (or has none recorded).
CREATE OR REPLACE FUNCTION ip_exclusive_licence_binding(patent uuid, except_deal uuid DEFAULT NULL) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM ip_deals d WHERE d.patent_id = patent AND d.kind = 'exclusive_licence' AND d.status = 'completed'
      AND d.id IS DISTINCT FROM except_deal AND (d.licence_ends_on IS NULL OR d.licence_ends_on >= ip_shanghai_today())
  )
$$;
--> statement-breakpoint
-- A licence taken under an open licence whose term has not ended.
CREATE OR REPLACE FUNCTION ip_open_licence_take_running(patent uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM ip_open_licence_takes t WHERE t.patent_id = patent
      AND (t.licence_ends_on IS NULL OR t.licence_ends_on >= ip_shanghai_today())
  )
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ip_listings_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE p record;
BEGIN
  IF NEW.status NOT IN ('submitted', 'published') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN RETURN NEW; END IF;
  SELECT legal_status, owner_enterprise_ids INTO p FROM patents WHERE id = NEW.patent_id FOR SHARE;
  IF p.legal_status IS DISTINCT FROM 'granted' THEN PERFORM ip_refuse('ip_patent_not_in_force'); END IF;
  IF NOT (NEW.seller_enterprise_id = ANY (p.owner_enterprise_ids)) THEN PERFORM ip_refuse('ip_seller_not_owner'); END IF;
  IF NEW.kind IN ('exclusive_licence', 'non_exclusive_licence') AND ip_exclusive_licence_binding(NEW.patent_id) THEN
    PERFORM ip_refuse('ip_exclusive_licence_exists');
  END IF;
  IF NEW.kind = 'exclusive_licence' AND (
    EXISTS (SELECT 1 FROM ip_open_licences o WHERE o.patent_id = NEW.patent_id AND o.status = 'active')
    OR ip_open_licence_take_running(NEW.patent_id)
  ) THEN PERFORM ip_refuse('ip_open_licence_conflict'); END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
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
    IF NEW.kind IN ('exclusive_licence', 'non_exclusive_licence') AND ip_exclusive_licence_binding(NEW.patent_id) THEN
      PERFORM ip_refuse('ip_exclusive_licence_exists');
    END IF;
    IF NEW.kind = 'exclusive_licence' AND (
      EXISTS (SELECT 1 FROM ip_open_licences o WHERE o.patent_id = NEW.patent_id AND o.status = 'active')
      OR ip_open_licence_take_running(NEW.patent_id)
    ) THEN PERFORM ip_refuse('ip_open_licence_conflict'); END IF;
  ELSIF NEW.kind IN ('exclusive_licence', 'non_exclusive_licence') THEN
    -- Completion records the contract's term. No licence's term overlaps an exclusive licence's: a licence may not
    -- overlap an exclusive one completed meanwhile, nor an exclusive licence another licence (deal or open licence
    -- taken) completed meanwhile. Non-exclusive licences recorded before terms existed have none and bind nothing.
    IF NEW.licence_ends_on IS NULL THEN PERFORM ip_refuse('ip_licence_term_required'); END IF;
    IF EXISTS (
      SELECT 1 FROM ip_deals d WHERE d.patent_id = NEW.patent_id AND d.id <> NEW.id AND d.kind = 'exclusive_licence'
        AND d.status = 'completed'
        AND (d.licence_ends_on IS NULL OR (d.licence_ends_on >= NEW.licence_starts_on AND d.licence_starts_on <= NEW.licence_ends_on))
    ) THEN PERFORM ip_refuse('ip_exclusive_licence_exists'); END IF;
    IF NEW.kind = 'exclusive_licence' AND (
      EXISTS (
        SELECT 1 FROM ip_deals d WHERE d.patent_id = NEW.patent_id AND d.id <> NEW.id AND d.kind = 'non_exclusive_licence'
          AND d.status = 'completed' AND d.licence_ends_on >= NEW.licence_starts_on AND d.licence_starts_on <= NEW.licence_ends_on
      ) OR EXISTS (
        SELECT 1 FROM ip_open_licence_takes t WHERE t.patent_id = NEW.patent_id
          AND t.licence_ends_on >= NEW.licence_starts_on AND t.licence_starts_on <= NEW.licence_ends_on
      )
    ) THEN PERFORM ip_refuse('ip_exclusive_licence_overlap'); END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ip_open_licences_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE p record;
BEGIN
  IF NEW.status <> 'active' THEN RETURN NEW; END IF;
  SELECT legal_status, owner_enterprise_ids INTO p FROM patents WHERE id = NEW.patent_id FOR UPDATE;
  IF p.legal_status IS DISTINCT FROM 'granted' THEN PERFORM ip_refuse('ip_patent_not_in_force'); END IF;
  IF NOT (NEW.enterprise_id = ANY (p.owner_enterprise_ids)) THEN PERFORM ip_refuse('ip_seller_not_owner'); END IF;
  IF ip_exclusive_licence_binding(NEW.patent_id) OR EXISTS (
    SELECT 1 FROM ip_deals d WHERE d.patent_id = NEW.patent_id AND d.status = 'in_progress' AND d.kind IN ('exclusive_licence', 'transfer')
  ) THEN PERFORM ip_refuse('ip_open_licence_conflict'); END IF;
  RETURN NEW;
END;
$$;
