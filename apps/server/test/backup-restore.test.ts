import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import * as vouchers from '../src/modules/vouchers/vouchers.repository.ts';
import { createPglite, type Database, openDatabase } from '../src/platform/db.ts';
import { createTestDatabase, DEMO_PASSWORD } from './harness.ts';

/**
 * The restore test of docs/backup.md: a backup taken the documented way (pg_dump custom format on PostgreSQL,
 * the data directory's dump on PGlite) and restored into an empty database holds every row of every table,
 * balanced ledgers and intact stored files (uploads live in the database), and the platform runs on it.
 */

const run = promisify(execFile);
const onPostgres = Boolean(process.env.DATABASE_URL);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function rowsOf<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Every table of the schema with its row count. */
async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = await rowsOf<{ name: string }>(
    database,
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await rowsOf<{ n: number }>(database, sql.raw(`select count(*)::int as n from "${name}"`));
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

/** Takes a backup of `source` and restores it into a new, empty database, as docs/backup.md says. */
async function backupAndRestore(source: Database): Promise<Database> {
  if (onPostgres) {
    const url = new URL(process.env.DATABASE_URL as string);
    const [{ name }] = (await rowsOf<{ name: string }>(source, sql`select current_database() as name`)) as [{ name: string }];
    const dir = mkdtempSync(path.join(tmpdir(), 'innotown-backup-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'innotown.dump');
    const from = new URL(url);
    from.pathname = `/${name}`;
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, from.toString()]);
    const target = `${name}_restored`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`create database ${target}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${target} with (force)`);
      await admin.end();
    });
    const to = new URL(url);
    to.pathname = `/${target}`;
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', to.toString(), file]);
    const restored = await openDatabase({ databaseUrl: to.toString(), poolMax: 4 });
    cleanups.push(() => restored.close());
    return restored;
  }
  const pglite = (source.db as unknown as { $client: PGlite }).$client;
  const dump = await pglite.dumpDataDir('gzip');
  const copy = createPglite({ loadDataDir: dump });
  await copy.waitReady;
  const restored = await openDatabase({ pglite: copy });
  cleanups.push(() => restored.close());
  return restored;
}

describe(`backup and restore (${onPostgres ? 'pg_dump / pg_restore' : 'PGlite data directory'})`, () => {
  it('a restored backup holds every row, balanced ledgers and intact files, and the platform runs on it', async () => {
    const source = await createTestDatabase();
    cleanups.push(() => source.drop());
    const before = await tableCounts(source);
    expect(before.patents).toBeGreaterThan(0);
    expect(before.ledger_entries).toBeGreaterThan(0);

    const restored = await backupAndRestore(source);
    expect(await tableCounts(restored)).toEqual(before);

    // The money: every programme's ledger balances and its stored balances equal the sum of their entries.
    const programmes = await rowsOf<{ id: string }>(restored, sql`select id from voucher_programmes`);
    expect(programmes.length).toBeGreaterThan(0);
    for (const { id } of programmes) {
      expect(await vouchers.ledgerCheck(restored.db, id)).toMatchObject({ balanced: true, storedBalancesMatchEntries: true });
    }
    // Uploads are stored in the database: their bytes come back as stored.
    const files = await rowsOf<{ sha256: string; size: number; content: Buffer | Uint8Array }>(
      restored,
      sql`select sha256, size, content from files`,
    );
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect([createHash('sha256').update(f.content).digest('hex'), f.content.length]).toEqual([f.sha256, f.size]);
    // Migrations see nothing to do, and a user signs in.
    await restored.migrate();
    const config = loadConfig(
      { NODE_ENV: 'test', SEED_DEMO: 'false', JOBS_ENABLED: 'false', WEB_DIST_DIR: '/nonexistent' } as NodeJS.ProcessEnv,
      {},
    );
    const app = await buildApp({ config, database: restored, logger: false });
    cleanups.push(() => app.close());
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    expect(login.statusCode).toBe(200);
  });
});
