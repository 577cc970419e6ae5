CREATE TABLE "patent_landscape_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"change_seq" bigint NOT NULL,
	"refreshed_at" timestamp with time zone,
	"refresh_ms" integer
);
--> statement-breakpoint
CREATE TABLE "patent_landscape_summary" (
	"town_id" uuid,
	"year" integer NOT NULL,
	"dim" varchar(12) NOT NULL,
	"key" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "patent_landscape_summary_idx" ON "patent_landscape_summary" USING btree ("dim","town_id","year");--> statement-breakpoint
-- custom SQL (keep when regenerating)
-- Every statement that writes patents advances this sequence (not transactional, takes no lock, so concurrent
-- writers never wait on each other); the landscape summary records the value it was built at.
CREATE SEQUENCE "patent_landscape_changes";--> statement-breakpoint
SELECT setval('patent_landscape_changes', 1, true);--> statement-breakpoint
INSERT INTO "patent_landscape_state" ("id", "change_seq") VALUES (1, 0);--> statement-breakpoint
CREATE FUNCTION patent_landscape_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('patent_landscape_changes');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER patents_landscape_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "patents"
  FOR EACH STATEMENT EXECUTE FUNCTION patent_landscape_changed();
