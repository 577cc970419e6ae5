import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

const TTL_MS = 10 * 60_000;
const cache = new WeakMap<Db, Map<string, { at: number; words: Promise<Set<string>> }>>();

/**
 * The most common lexemes of a table's `search_vector`, from the planner's statistics (ANALYZE keeps them; empty
 * before the first). A query's last word that is one of them is taken as typed in full (tsqueryText): a prefix
 * would make GIN read the posting lists of every lexeme it starts. Cached for ten minutes per database and table.
 */
export function commonLexemes(db: Db, table: 'patents' | 'resources'): Promise<Set<string>> {
  const perTable = cache.get(db) ?? new Map<string, { at: number; words: Promise<Set<string>> }>();
  cache.set(db, perTable);
  const cached = perTable.get(table);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.words;
  const words = (
    db.execute(
      sql`select unnest(most_common_elems::text::text[]) as w from pg_stats
        where schemaname = current_schema() and tablename = ${table} and attname = 'search_vector'`,
    ) as unknown as Promise<{ rows: { w: string }[] }>
  ).then((r) => new Set(r.rows.map((x) => x.w)));
  perTable.set(table, { at: Date.now(), words });
  words.catch(() => perTable.delete(table));
  return words;
}
