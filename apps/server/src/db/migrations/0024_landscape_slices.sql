CREATE TABLE "patent_landscape_dirty" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "patent_landscape_dirty_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"town_id" uuid,
	"year" integer,
	"by_grant" boolean NOT NULL
);
--> statement-breakpoint
DROP INDEX "patent_landscape_summary_idx";--> statement-breakpoint
ALTER TABLE "patent_landscape_summary" ADD COLUMN "facet" varchar(12) DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "patent_landscape_dirty_slice_idx" ON "patent_landscape_dirty" USING btree ("town_id","year");--> statement-breakpoint
CREATE INDEX "patent_landscape_summary_slice_idx" ON "patent_landscape_summary" USING btree ("town_id","year");--> statement-breakpoint
CREATE INDEX "patent_landscape_summary_idx" ON "patent_landscape_summary" USING btree ("dim","facet","town_id","year");--> statement-breakpoint
ALTER TABLE "patent_landscape_state" DROP COLUMN "change_seq";--> statement-breakpoint
-- custom SQL (keep when regenerating)
-- Incremental upkeep of the landscape summary: instead of one sequence that made the whole summary stale on
-- any write, statement triggers record the (town, year) slices a write changed (see db/schema/patent-landscape.ts).
DROP TRIGGER "patents_landscape_changed" ON "patents";--> statement-breakpoint
DROP FUNCTION patent_landscape_changed();--> statement-breakpoint
DROP SEQUENCE "patent_landscape_changes";--> statement-breakpoint
-- The summary as it stands may predate writes: everything is dirty until the first refresh.
INSERT INTO "patent_landscape_dirty" ("town_id", "year", "by_grant") VALUES (NULL, NULL, true);--> statement-breakpoint
-- Marks the slices of the changed rows (transition tables: one statement, however many rows) and enqueues the
-- refresh job; the job becomes visible to workers when the writer commits, together with the marks. An update
-- that leaves every column the landscape reads unchanged (owners after a transfer, fees, search vector) marks nothing;
-- the legal-status date counts only once the patent is no longer in force (the `valid` rows read nothing else of it).
CREATE FUNCTION patent_landscape_mark() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO patent_landscape_dirty (town_id, year, by_grant) VALUES (NULL, NULL, true) RETURNING id INTO last_id;
  ELSIF TG_OP = 'INSERT' THEN
    WITH marked AS (
      INSERT INTO patent_landscape_dirty (town_id, year, by_grant)
      SELECT DISTINCT p.town_id, s.year, s.by_grant FROM new_rows p
      CROSS JOIN LATERAL (VALUES (extract(year from p.application_date)::int, false), (extract(year from p.grant_date)::int, true)) s(year, by_grant)
      WHERE s.year IS NOT NULL
      RETURNING id)
    SELECT max(id) INTO last_id FROM marked;
  ELSIF TG_OP = 'DELETE' THEN
    WITH marked AS (
      INSERT INTO patent_landscape_dirty (town_id, year, by_grant)
      SELECT DISTINCT p.town_id, s.year, s.by_grant FROM old_rows p
      CROSS JOIN LATERAL (VALUES (extract(year from p.application_date)::int, false), (extract(year from p.grant_date)::int, true)) s(year, by_grant)
      WHERE s.year IS NOT NULL
      RETURNING id)
    SELECT max(id) INTO last_id FROM marked;
  ELSE
    WITH changed AS (
      SELECT o.town_id o_town, o.application_date o_app, o.grant_date o_grant,
             n.town_id n_town, n.application_date n_app, n.grant_date n_grant
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.town_id, o.application_date, o.grant_date, o.kind, o.legal_status, o.local_applicant,
             o.applicants, o.inventors, o.class_prefixes,
             CASE WHEN o.legal_status = 'granted' THEN NULL ELSE o.legal_status_date END)
            IS DISTINCT FROM
            (n.town_id, n.application_date, n.grant_date, n.kind, n.legal_status, n.local_applicant,
             n.applicants, n.inventors, n.class_prefixes,
             CASE WHEN n.legal_status = 'granted' THEN NULL ELSE n.legal_status_date END)),
    marked AS (
      INSERT INTO patent_landscape_dirty (town_id, year, by_grant)
      SELECT DISTINCT s.town_id, s.year, s.by_grant FROM changed c
      CROSS JOIN LATERAL (VALUES (c.o_town, extract(year from c.o_app)::int, false), (c.o_town, extract(year from c.o_grant)::int, true),
                                 (c.n_town, extract(year from c.n_app)::int, false), (c.n_town, extract(year from c.n_grant)::int, true))
        s(town_id, year, by_grant)
      WHERE s.year IS NOT NULL
      RETURNING id)
    SELECT max(id) INTO last_id FROM marked;
  END IF;
  IF last_id IS NOT NULL THEN
    INSERT INTO jobs (name, payload, singleton_key, max_attempts)
    VALUES ('patent-landscape.refresh-summary', '{}', 'slices:' || last_id, 2) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER patents_landscape_inserted AFTER INSERT ON "patents" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patent_landscape_mark();--> statement-breakpoint
CREATE TRIGGER patents_landscape_updated AFTER UPDATE ON "patents" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patent_landscape_mark();--> statement-breakpoint
CREATE TRIGGER patents_landscape_deleted AFTER DELETE ON "patents" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patent_landscape_mark();--> statement-breakpoint
CREATE TRIGGER patents_landscape_truncated AFTER TRUNCATE ON "patents"
  FOR EACH STATEMENT EXECUTE FUNCTION patent_landscape_mark();
