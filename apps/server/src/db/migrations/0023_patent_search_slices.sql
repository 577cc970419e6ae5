DROP INDEX "patents_search_idx";--> statement-breakpoint
-- custom SQL (keep when regenerating)
-- The patent word search at 1,000,000 rows (docs/benchmarks.md): a GIN index answers "which rows hold these words"
-- fast, but reading every matching row to sort or count them is not (a common word matches 100,000 rows). So the
-- indexed document adds derived lexemes that let GIN itself cut the matches down before any row is read:
--   §aYYYYMM  the application month, §gYYYYMM  the grant month — the newest rows of a word are `q & (§a202610 | …)`;
--   §s1, §s2, §s3  on one row in 10, 100, 1,000 (by a hash of the id, nested) — a fixed uniform sample of any
--   match, for estimated counts and facets.
-- Real words never hold '§' (the tokenizer keeps letters and digits). The title document is the weight-A (title)
-- lexemes only, for the first relevance tier. Both functions are deterministic in their arguments.
-- The bodies call only pg_catalog functions: PostgreSQL 17 builds indexes with search_path = pg_catalog.
CREATE OR REPLACE FUNCTION patent_search_doc(v tsvector, applied date, granted date, id uuid) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(v, ''::tsvector) || array_to_tsvector(array_remove(array[
    '§a' || (extract(year from applied)::int * 100 + extract(month from applied)::int)::text,
    '§g' || (extract(year from granted)::int * 100 + extract(month from granted)::int)::text,
    case when (hashtext(id::text) & 2147483647) % 10 = 0 then '§s1' end,
    case when (hashtext(id::text) & 2147483647) % 100 = 0 then '§s2' end,
    case when (hashtext(id::text) & 2147483647) % 1000 = 0 then '§s3' end], null)) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION patent_title_doc(v tsvector, applied date, granted date) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ts_filter(coalesce(v, ''::tsvector), '{a}'::"char"[]) || array_to_tsvector(array_remove(array[
    '§a' || (extract(year from applied)::int * 100 + extract(month from applied)::int)::text,
    '§g' || (extract(year from granted)::int * 100 + extract(month from granted)::int)::text], null)) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patents_search_doc_idx" ON "patents" USING gin (patent_search_doc("search_vector", "application_date", "grant_date", "id"));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patents_title_doc_idx" ON "patents" USING gin (patent_title_doc("search_vector", "application_date", "grant_date"));
