import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as accounts from '../db/schema/accounts.ts';
import * as organisations from '../db/schema/organisations.ts';
import './pg-transaction-fix.ts';
import * as platform from '../db/schema/platform.ts';

export const schema = { ...accounts, ...organisations, ...platform };
export type Schema = typeof schema;

/** One type for both engines; a transaction is usable wherever a Db is. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';
export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Run raw SQL text (several statements allowed only on PGlite). */
  close: () => Promise<void>;
  migrate: () => Promise<void>;
};

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');

// pg returns int8 as string by default; our bigints are counts and fen far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Keys for pg_advisory_lock so that several instances never migrate or seed at once. */
const MIGRATE_LOCK = 7_420_001;

/**
 * Every PGlite the platform opens (server, CLI, tests) comes from here, with the contrib
 * extensions our migrations create: btree_gist (exclusion constraints on time ranges) and
 * pg_trgm (partial matches of names and model numbers). PostgreSQL ships both in contrib.
 */
export function createPglite(options: Omit<PGliteOptions, 'extensions'> = {}): PGlite {
  return new PGlite({ ...options, extensions: { btree_gist, pg_trgm } });
}

export type OpenDatabaseOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolMax?: number;
  /** An already loaded PGlite (tests load a migrated snapshot). */
  pglite?: PGlite;
};

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolMax ?? 10 });
    pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing
    // The same for a client that is checked out (inside a transaction, between two queries) when the server goes
    // away: without a listener its 'error' event would crash the process; the transaction's next query fails
    // instead, and the pool drops the client when it is released with that error (test/database-crash.test.ts).
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      close: () => pool.end(),
      migrate: async () => {
        const lockClient = await pool.connect();
        try {
          await lockClient.query('select pg_advisory_lock($1)', [MIGRATE_LOCK]);
          await migratePg(drizzlePg(pool), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await lockClient.query('select pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => {});
          lockClient.release();
        }
      },
    };
  }
  let client = options.pglite;
  if (!client) {
    const dir = options.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    client = createPglite({ dataDir: path.join(dir, 'pglite') });
  }
  const pglite = client;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: () => pglite.close(),
    migrate: async () => {
      await migratePglite(drizzlePglite(pglite), { migrationsFolder: MIGRATIONS_DIR });
    },
  };
}
