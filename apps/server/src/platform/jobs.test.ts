import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.ts';
import { jobs } from '../db/schema/platform.ts';
import { type Database, type Db, openDatabase } from './db.ts';
import {
  claimJob,
  enqueue,
  type JobHandlers,
  type JobRow,
  nextSlot,
  recoverExpiredJobs,
  scheduleNext,
  slotKey,
  startWorker,
  type Worker,
  type WorkerOptions,
} from './jobs.ts';

const log = pino({ level: 'silent' });
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
const instances: Database[] = [];

/**
 * Another "instance" of the server: on PostgreSQL its own pool on the same database (three at
 * most, reused across tests); PGlite is a single embedded connection, so there all share it.
 */
let nextInstance = 0;
async function openInstance(): Promise<Db> {
  if (database.kind === 'pglite') return db;
  const i = nextInstance++ % 3;
  if (!instances[i]) {
    const result = (await db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] };
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${result.rows[0]?.name}`;
    instances[i] = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
  }
  return (instances[i] as Database).db;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await Promise.all(instances.map((i) => i.close()));
  await database?.drop();
});
beforeEach(async () => {
  await db.delete(jobs);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(20);
  }
}
const jobRow = async (id: number) => (await db.select().from(jobs).where(eq(jobs.id, id)))[0] as JobRow;
const statusCount = async (status: string) => (await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.status, status))).length;

const workers: Worker[] = [];
function worker(on: Db, handlers: JobHandlers, options: Partial<WorkerOptions> = {}) {
  const w = startWorker(on, handlers, { workerId: `w${workers.length}`, log, pollMs: 20, backoffMs: () => 0, ...options });
  workers.push(w);
  return w;
}
async function stopAll() {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
}

describe('nextSlot', () => {
  it('aligns "every N minutes" to the clock', () => {
    expect(nextSlot({ name: 'x', everyMinutes: 15 }, new Date('2026-03-01T10:07:00Z')).toISOString()).toBe('2026-03-01T10:15:00.000Z');
    expect(nextSlot({ name: 'x', everyMinutes: 15 }, new Date('2026-03-01T10:15:00Z')).toISOString()).toBe('2026-03-01T10:30:00.000Z');
    expect(nextSlot({ name: 'x', everyMinutes: 60 }, new Date('2026-03-01T23:59:59Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('runs daily jobs at a Shanghai wall-clock time', () => {
    // 03:30 in Shanghai is 19:30 UTC the day before.
    const daily = { name: 'x', dailyAt: '03:30' };
    expect(nextSlot(daily, new Date('2026-03-01T20:00:00Z')).toISOString()).toBe('2026-03-02T19:30:00.000Z');
    expect(nextSlot(daily, new Date('2026-03-01T19:00:00Z')).toISOString()).toBe('2026-03-01T19:30:00.000Z');
    expect(nextSlot(daily, new Date('2026-03-01T19:30:00Z')).toISOString()).toBe('2026-03-02T19:30:00.000Z');
  });

  it('refuses nonsense schedules', () => {
    expect(() => nextSlot({ name: 'x', dailyAt: '24:00' }, new Date())).toThrow(RangeError);
    expect(() => nextSlot({ name: 'x', everyMinutes: 0 }, new Date())).toThrow(RangeError);
  });
});

describe('enqueue', () => {
  it('creates a singleton job once, even from concurrent callers on several instances', async () => {
    const others = [await openInstance(), await openInstance()];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => enqueue([db, ...others][i % 3] as Db, 'report.monthly', { i }, { singletonKey: '2026-09' })),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await db.select().from(jobs).where(eq(jobs.name, 'report.monthly'))).toHaveLength(1);
    // Without a key every call is a job; the same key under another name is another job.
    await enqueue(db, 'report.monthly', {});
    await enqueue(db, 'report.monthly', {});
    expect(await enqueue(db, 'report.other', {}, { singletonKey: '2026-09' })).not.toBeNull();
    expect(await db.select().from(jobs).where(eq(jobs.name, 'report.monthly'))).toHaveLength(3);
  });

  it('does not hand out a job before its runAt', async () => {
    await enqueue(db, 'later', {}, { runAt: new Date(Date.now() + 60_000) });
    expect(await claimJob(db, ['later'], 'w', 1000)).toBeNull();
    const due = await enqueue(db, 'later', {}, { runAt: new Date(Date.now() - 1000) });
    expect((await claimJob(db, ['later'], 'w', 1000))?.id).toBe(due?.id);
  });
});

describe('workers', () => {
  it('three instances run 200 jobs, each exactly once', async () => {
    const values = Array.from({ length: 200 }, (_, i) => ({ name: 'count', payload: { n: i } }));
    await db.insert(jobs).values(values);
    const handled = new Map<number, string[]>();
    const handlers = (workerId: string): JobHandlers => ({
      count: async ({ job }) => {
        handled.set(job.id, [...(handled.get(job.id) ?? []), workerId]);
        await sleep(Math.random() * 3);
        return { ok: true };
      },
    });
    for (let i = 0; i < 3; i++) {
      const on = await openInstance();
      worker(on, handlers(`instance-${i}`), { workerId: `instance-${i}` });
    }
    await waitFor(async () => (await statusCount('done')) === 200);
    await stopAll();
    expect(handled.size).toBe(200);
    expect([...handled.values()].every((by) => by.length === 1)).toBe(true);
    const rows = await db.select().from(jobs);
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1 && r.lockedBy === null && r.finishedAt !== null)).toBe(true);
    expect(rows[0]?.result).toEqual({ ok: true });
    // The work was shared, not done by one instance while the others idled.
    expect(new Set([...handled.values()].map((by) => by[0])).size).toBeGreaterThan(1);
  });

  it('retries a failing job with backoff, then marks it failed with the last error', async () => {
    const job = (await enqueue(db, 'flaky', {}, { maxAttempts: 3 })) as JobRow;
    const once = (await enqueue(db, 'flaky-once', {}, { maxAttempts: 3 })) as JobRow;
    let calls = 0;
    let onceCalls = 0;
    worker(db, {
      flaky: () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
      'flaky-once': () => {
        onceCalls++;
        if (onceCalls === 1) throw new Error('first time');
        return 'second time lucky';
      },
    });
    await waitFor(async () => (await jobRow(job.id)).status === 'failed' && (await jobRow(once.id)).status === 'done');
    await stopAll();
    expect(calls).toBe(3);
    expect(await jobRow(job.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error: boom 3', lockedBy: null });
    expect(await jobRow(once.id)).toMatchObject({ status: 'done', attempts: 2, result: 'second time lucky', lastError: null });
  });

  it('waits out the backoff before the next attempt', async () => {
    const job = (await enqueue(db, 'slow-retry', {})) as JobRow;
    worker(db, { 'slow-retry': () => Promise.reject(new Error('not yet')) }, { backoffMs: () => 60_000 });
    await waitFor(async () => (await jobRow(job.id)).attempts === 1 && (await jobRow(job.id)).status === 'queued');
    await sleep(150);
    await stopAll();
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: not yet' });
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('leaves jobs it has no handler for to other instances', async () => {
    const job = (await enqueue(db, 'elsewhere', {})) as JobRow;
    worker(db, { unrelated: () => {} });
    await sleep(150);
    await stopAll();
    expect((await jobRow(job.id)).status).toBe('queued');
  });

  it('stops gracefully: the running job finishes, no new job starts', async () => {
    const first = (await enqueue(db, 'long', {})) as JobRow;
    let started = false;
    const w = worker(db, {
      long: async () => {
        started = true;
        await sleep(300);
        return 'finished';
      },
    });
    await waitFor(async () => started);
    const stopped = w.stop();
    const second = (await enqueue(db, 'long', {})) as JobRow;
    await stopped;
    workers.splice(0);
    expect(await jobRow(first.id)).toMatchObject({ status: 'done', result: 'finished' });
    expect((await jobRow(second.id)).status).toBe('queued');
  });
});

describe('crash recovery', () => {
  it('requeues a job whose worker vanished, or fails it when out of attempts', async () => {
    const past = new Date(Date.now() - 60_000);
    const [lost, exhausted, alive] = await db
      .insert(jobs)
      .values([
        { name: 'recover', status: 'running', attempts: 1, maxAttempts: 3, lockedBy: 'crashed', lockedUntil: past },
        { name: 'recover', status: 'running', attempts: 3, maxAttempts: 3, lockedBy: 'crashed', lockedUntil: past },
        { name: 'recover', status: 'running', attempts: 1, maxAttempts: 3, lockedBy: 'busy', lockedUntil: new Date(Date.now() + 60_000) },
      ])
      .returning();
    const recovered = await recoverExpiredJobs(db);
    expect([recovered.requeued, recovered.failed, recovered.gaveUp.map((j) => j.id)]).toEqual([1, 1, [(exhausted as JobRow).id]]);
    expect(await jobRow((exhausted as JobRow).id)).toMatchObject({
      status: 'failed',
      lastError: 'lock expired: worker crashed did not finish',
    });
    expect((await jobRow((alive as JobRow).id)).status).toBe('running');

    let runs = 0;
    worker(db, { recover: () => void runs++ }, { maintenanceMs: 50 });
    await waitFor(async () => (await jobRow((lost as JobRow).id)).status === 'done');
    await stopAll();
    expect(runs).toBe(1);
    expect((await jobRow((lost as JobRow).id)).attempts).toBe(2);
  });

  it('tells the job’s module when a job fails for good with its worker gone', async () => {
    const [exhausted] = await db
      .insert(jobs)
      .values({
        name: 'give-up',
        status: 'running',
        attempts: 2,
        maxAttempts: 2,
        lockedBy: 'crashed',
        lockedUntil: new Date(Date.now() - 1000),
        payload: { importId: 'x' },
      })
      .returning();
    const told: unknown[] = [];
    worker(
      db,
      { 'give-up': () => 'never runs' },
      { maintenanceMs: 50, onGiveUp: { 'give-up': async ({ job }) => void told.push(job.payload) } },
    );
    await waitFor(async () => told.length === 1);
    await stopAll();
    expect(told).toEqual([{ importId: 'x' }]);
    expect((await jobRow((exhausted as JobRow).id)).status).toBe('failed');
  });

  it('a worker recovers expired locks by itself', async () => {
    const [lost] = await db
      .insert(jobs)
      .values({ name: 'recover-self', status: 'running', attempts: 1, lockedBy: 'crashed', lockedUntil: new Date(Date.now() - 1000) })
      .returning();
    worker(db, { 'recover-self': () => 'ok' }, { maintenanceMs: 50 });
    await waitFor(async () => (await jobRow((lost as JobRow).id)).status === 'done');
    await stopAll();
  });

  it('keeps the lock of a long job alive, so another instance does not steal it', async () => {
    const job = (await enqueue(db, 'marathon', {})) as JobRow;
    let runs = 0;
    const other = await openInstance();
    worker(
      db,
      {
        marathon: async () => {
          runs++;
          await sleep(2000);
        },
      },
      // Heartbeats every 300 ms keep a 900 ms lock alive through a job that lasts 2 s.
      { lockMs: 900 },
    );
    // Another instance keeps looking for expired locks while the job runs.
    worker(other, { marathon: async () => void runs++ }, { lockMs: 900, maintenanceMs: 50 });
    await waitFor(async () => (await jobRow(job.id)).status === 'done');
    await stopAll();
    expect(runs).toBe(1);
    expect((await jobRow(job.id)).attempts).toBe(1);
  });
});

describe('schedules', () => {
  const schedule = { name: 'tick', everyMinutes: 15 } as const;

  it('two instances scheduling the same slot create it once', async () => {
    const other = await openInstance();
    const now = new Date('2026-03-01T10:07:00Z');
    const results = await Promise.all([
      scheduleNext(db, schedule, now),
      scheduleNext(other, schedule, now),
      scheduleNext(db, schedule, now),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await db.select().from(jobs).where(eq(jobs.name, 'tick'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ singletonKey: slotKey('tick', new Date('2026-03-01T10:15:00Z')), status: 'queued' });
    expect(rows[0]?.runAt.toISOString()).toBe('2026-03-01T10:15:00.000Z');
    // The next slot is another job.
    expect((await scheduleNext(db, schedule, new Date('2026-03-01T10:20:00Z'))).created).toBe(true);
  });

  it('workers on two instances keep exactly one pending run per slot', async () => {
    const other = await openInstance();
    worker(db, { tick: () => {} }, { schedules: [schedule], maintenanceMs: 30 });
    worker(other, { tick: () => {} }, { schedules: [schedule], maintenanceMs: 30 });
    await sleep(300);
    await stopAll();
    const rows = await db.select().from(jobs).where(eq(jobs.name, 'tick'));
    expect(rows).toHaveLength(1);
    const runAt = rows[0]?.runAt as Date;
    expect(rows[0]?.singletonKey).toBe(slotKey('tick', runAt));
    expect(runAt.getTime() % (15 * 60_000)).toBe(0);
    expect(runAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });
});
