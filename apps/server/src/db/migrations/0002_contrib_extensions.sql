-- Contrib extensions the modules rely on (both ship with PostgreSQL's contrib and with PGlite):
-- btree_gist for exclusion constraints such as "bookings of one instrument never overlap",
-- pg_trgm for partial matches of names and Latin model numbers (3+ characters).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
