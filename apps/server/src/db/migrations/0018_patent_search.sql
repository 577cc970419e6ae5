-- Custom SQL migration file, put your code below! --
-- custom SQL (keep when regenerating)
-- Patent search (issue 5): names as one text for the trigram index (array_to_string is only STABLE, an index
-- expression must be IMMUTABLE), partial-name search of applicants/owners and inventors (3+ characters), and the
-- grant-date order of the search.
CREATE OR REPLACE FUNCTION patent_names_text(names text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_string(names, ' | ') $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patents_parties_trgm_idx" ON "patents" USING gin (patent_names_text("applicants" || "owners") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patents_inventors_trgm_idx" ON "patents" USING gin (patent_names_text("inventors") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patents_grant_idx" ON "patents" USING btree ("grant_date" DESC NULLS LAST, "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patents_legal_status_idx" ON "patents" USING btree ("legal_status", "application_date");
