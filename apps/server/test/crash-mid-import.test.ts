import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_HEADER, csvRow } from '../bench/patent-import-files.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { generateDemoData } from '../src/seed/demo-data.ts';
import { applicantsFromEnterprises, generatePatents } from '../src/seed/patent-generator.ts';
import { one, rows } from './fixtures.ts';
import { DEMO_PASSWORD } from './harness.ts';

// Security promise: kill -9 of the server during a 10k-row patent import leaves 0 or all rows, and the
// interrupted import, run again, gives the same result as an uninterrupted one.

const RECORDS = 10_000;
/** ≈ 2,000 records written (the whole file adds ≈ 15 MB to `patents`), while the load has seconds to go. */
const KILL_AFTER_BYTES = 3 * 1024 * 1024;
const postgresUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), 'innotown-crash-import-'));
const databaseName = `innotown_crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let childDatabaseUrl: string | undefined;
let server: ChildProcess | undefined;
let exited: Promise<unknown> = Promise.resolve();
let base = '';
/** On PostgreSQL, a connection that watches the import from outside while the server runs. */
let observer: Database | undefined;

// The benchmark's generator and CSV writer; serials from 5,000,000 on never meet the demo data's numbers.
const patents = [
  ...generatePatents({
    count: RECORDS,
    applicants: applicantsFromEnterprises(generateDemoData({ scale: 1 }).enterprises, { seed: 2026 }),
    seed: 7,
    serialOffset: 5_000_000,
    asOf: '2026-06-30',
  }),
];
const csv = Buffer.from(`${CSV_HEADER.join(',')}\r\n${patents.map(csvRow).join('')}`);
const fileNumbers = JSON.stringify(patents.map((p) => p.applicationNumber));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServer(): Promise<void> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    SEED_DEMO: 'true',
    JOBS_ENABLED: 'true',
    JOBS_POLL_MS: '200',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
  };
  if (childDatabaseUrl) env.DATABASE_URL = childDatabaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  server = child;
  exited = new Promise((resolve) => child.once('exit', resolve));
  base = `http://127.0.0.1:${port}`;
  // The first start migrates and seeds the demo data (a minute or more on two busy cores).
  for (const started = Date.now(); ; await pause(250)) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} while starting`);
    const health = await fetch(`${base}/api/health`).catch(() => undefined);
    if (health?.ok) return;
    if (Date.now() - started > 240_000) throw new Error('server did not start within 240 s');
  }
}

async function stopServer(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  server?.kill(signal);
  await exited;
  server = undefined;
}

/** Our own connection to the server's database; PGlite has one opener, so only while the server is down. */
async function withDatabase<T>(use: (database: Database) => Promise<T>): Promise<T> {
  if (!postgresUrl) expect(server, 'PGlite is opened only while the server is down').toBeUndefined();
  const database = await openDatabase({ databaseUrl: childDatabaseUrl, dataDir, poolMax: 1 });
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/** What the crash must not change: the counts, and every index, key and trigger of the patent tables. */
async function snapshot(database: Database) {
  const counts = await one<{ patents: number; events: number; fromFile: number }>(
    database,
    sql`select (select count(*)::int from patents) as patents, (select count(*)::int from patent_events) as events,
      (select count(*)::int from patents where application_number in (select jsonb_array_elements_text(${fileNumbers}::jsonb))) as "fromFile"`,
  );
  const schema = await rows<{ item: string }>(
    database,
    sql`select indexdef as item from pg_indexes where tablename in ('patents', 'patent_events')
      union all select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
        where conrelid in ('patents'::regclass, 'patent_events'::regclass)
      union all select 'trigger ' || tgname || ' ' || tgenabled::text from pg_trigger where tgrelid = 'patents'::regclass and not tgisinternal
      order by 1`,
  );
  return { ...counts, schema: schema.map((r) => r.item) };
}

async function login(): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('innotown_session='));
  return (session as string).split(';')[0] as string;
}

afterAll(async () => {
  await stopServer('SIGTERM');
  await observer?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (childDatabaseUrl && postgresUrl) {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
}, 60_000);

describe('kill -9 of the server during a 10,000-record patent import', () => {
  it('leaves none of the file; the job queue runs the import again and then all of it is there, once', async () => {
    if (postgresUrl) {
      // A fresh, empty database: the server migrates and seeds it as a new installation would.
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`create database ${databaseName}`);
      await admin.end();
      const url = new URL(postgresUrl);
      url.pathname = `/${databaseName}`;
      childDatabaseUrl = url.toString();
    }
    await startServer();
    await stopServer('SIGTERM');
    const { before, patentsFile } = await withDatabase(async (database) => ({
      before: await snapshot(database),
      patentsFile: (await one<{ file: string }>(database, sql`select pg_relation_filepath('patents') as file`)).file,
    }));
    expect(before.fromFile).toBe(0);

    // The patents table's size on disk grows as soon as the import's COPY writes rows (uncommitted or not).
    observer = postgresUrl ? await openDatabase({ databaseUrl: childDatabaseUrl, poolMax: 1 }) : undefined;
    const tableBytes = async () =>
      observer
        ? (await one<{ n: number }>(observer, sql`select pg_relation_size('patents')::bigint as n`)).n
        : statSync(path.join(dataDir, 'pglite', patentsFile)).size;

    await startServer();
    const cookie = await login();
    // Measured with the server up: from here on only the import writes to `patents`.
    const bytesBefore = await tableBytes();
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'crash-10k.csv');
    const upload = await fetch(`${base}/api/v1/patent-imports`, { method: 'POST', headers: { cookie }, body: form });
    expect(upload.status, await upload.clone().text()).toBe(202);
    const importId = ((await upload.json()) as { id: string }).id;

    // The job opens one transaction and COPYs batches of 500 records into `patents` (≈ 1.5 kB a record on disk):
    // kill once a few batches are in, so that a load committing batch by batch would leave rows behind.
    const uploaded = Date.now();
    while ((await tableBytes()) - bytesBefore < KILL_AFTER_BYTES) {
      if (Date.now() - uploaded > 60_000) throw new Error('the patents table did not grow by 3 MB within 60 s of the upload');
      await pause(20);
    }
    const bytesAtKill = (await tableBytes()) - bytesBefore;
    await stopServer('SIGKILL');

    if (observer) {
      // PostgreSQL notices the dead client and rolls its transaction back; the retry must not wait on its locks.
      for (const since = Date.now(); ; await pause(100)) {
        const left = await one<{ n: number }>(
          observer,
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        );
        if (left.n === 0) break;
        if (Date.now() - since > 30_000) throw new Error('the killed server’s connections were still open after 30 s');
      }
      await observer.close();
      observer = undefined;
    }

    const afterCrash = await withDatabase(async (database) => {
      const state = await snapshot(database);
      const job = await one<{ status: string; attempts: number; max_attempts: number; lease_left_s: number }>(
        database,
        sql`select status, attempts, max_attempts, extract(epoch from locked_until - now())::float as lease_left_s
          from jobs where name = 'patent-import.run' and payload->>'importId' = ${importId}`,
      );
      const imported = await one<{ status: string }>(database, sql`select status from patent_imports where id = ${importId}`);
      // The dead worker's lease (5 minutes, renewed every 100 s) is what brings the job back; waiting it out is
      // the only step skipped here: the lease is made to have run out while the server is down.
      await database.db.execute(sql`update jobs set locked_until = now() - interval '1 second' where payload->>'importId' = ${importId}`);
      return { state, job, imported };
    });
    expect(afterCrash.imported.status, 'the import finished before the kill: make the file bigger').toBe('running');
    expect(bytesAtKill).toBeGreaterThanOrEqual(KILL_AFTER_BYTES);
    expect(afterCrash.state.fromFile, 'rows of the file were left after the crash').toBe(0);
    expect(afterCrash.state).toEqual(before);
    expect(afterCrash.job).toMatchObject({ status: 'running', attempts: 1, max_attempts: 2 });
    expect(afterCrash.job.lease_left_s).toBeLessThanOrEqual(300);

    // The restarted server's job maintenance requeues the job; the import runs again from the stored upload.
    const restarted = Date.now();
    await startServer();
    const again = await login();
    let view: { status: string; recordsRead: number; inserted: number; updated: number } | undefined;
    for (;;) {
      view = await fetch(`${base}/api/v1/patent-imports/${importId}`, { headers: { cookie: again } }).then((r) => r.json());
      if (view?.status === 'succeeded' || view?.status === 'failed') break;
      if (Date.now() - restarted > 150_000) throw new Error(`the import was still ${view?.status} 150 s after the restart`);
      await pause(500);
    }
    expect(view).toMatchObject({ status: 'succeeded', recordsRead: RECORDS, inserted: RECORDS, updated: 0 });
    await stopServer('SIGTERM');

    const after = await withDatabase(async (database) => ({
      state: await snapshot(database),
      job: await one(database, sql`select status, attempts from jobs where payload->>'importId' = ${importId}`),
      withFiledEvent: await one<{ n: number }>(
        database,
        sql`select count(distinct e.patent_id)::int as n from patent_events e join patents p on p.id = e.patent_id
          where e.kind = 'filed' and p.application_number in (select jsonb_array_elements_text(${fileNumbers}::jsonb))`,
      ),
    }));
    expect(after.state.patents).toBe(before.patents + RECORDS);
    expect(after.state.fromFile).toBe(RECORDS);
    expect(after.withFiledEvent.n).toBe(RECORDS);
    expect(after.state.schema).toEqual(before.schema);
    expect(after.job).toEqual({ status: 'done', attempts: 2 });
  }, 600_000);
});
