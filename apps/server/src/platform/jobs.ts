import { and, inArray, lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { jobs } from '../db/schema/platform.ts';
import type { Db } from './db.ts';
import { loggableError } from './masking.ts';

/**
 * A job queue in the `jobs` table, the same on PGlite and PostgreSQL. Every instance may run
 * workers: a job is claimed with FOR UPDATE SKIP LOCKED, so each runs on one instance at a time;
 * a crashed instance's jobs come back when their lock expires (delivery is at least once, so
 * handlers should be idempotent). Recurring jobs are enqueued slot by slot under a singleton key,
 * so however many instances schedule a slot, it exists once.
 */

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type JobLogger = FastifyBaseLogger;
export type JobContext = { db: Db; job: JobRow; log: JobLogger };
/** Whatever the handler returns is kept as the job's result (JSON). Throwing means failure. */
export type JobHandler = (ctx: JobContext) => Promise<unknown> | unknown;
export type JobHandlers = Record<string, JobHandler>;
/**
 * What a module does when one of its jobs fails for good because its worker vanished (a crash on the last
 * attempt): the handler never got to record the failure in the module's own tables, so this does.
 */
export type GiveUpHandlers = Record<string, (ctx: JobContext) => Promise<void>>;

export type EnqueueOptions = {
  runAt?: Date;
  /** At most one job per (name, singletonKey), ever: a second enqueue is a no-op. */
  singletonKey?: string;
  maxAttempts?: number;
};

/** Adds a job; returns it, or null when a job with the same singleton key already exists. */
export async function enqueue(db: Db, name: string, payload: unknown = {}, options: EnqueueOptions = {}): Promise<JobRow | null> {
  const rows = await db
    .insert(jobs)
    .values({
      name,
      payload,
      runAt: options.runAt,
      singletonKey: options.singletonKey ?? null,
      maxAttempts: options.maxAttempts ?? 3,
    })
    .onConflictDoNothing({ target: [jobs.name, jobs.singletonKey] })
    .returning();
  return rows[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Recurring jobs

export type Schedule = {
  name: string;
  payload?: unknown;
  maxAttempts?: number;
} & (
  | { everyMinutes: number }
  /** 'HH:MM', Shanghai time. */
  | { dailyAt: string }
);

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Slots are aligned to Shanghai midnight; China keeps UTC+8 all year.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The first slot of a schedule strictly after `after`. */
export function nextSlot(schedule: Schedule, after: Date): Date {
  const local = after.getTime() + SHANGHAI_OFFSET_MS;
  if ('everyMinutes' in schedule) {
    const n = schedule.everyMinutes;
    if (!Number.isInteger(n) || n < 1 || n > 1440) throw new RangeError(`everyMinutes must be 1..1440: ${n}`);
    const period = n * MINUTE_MS;
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    // Count from midnight so that "every 15 minutes" means :00, :15, :30, :45.
    let slot = dayStart + (Math.floor((local - dayStart) / period) + 1) * period;
    if (slot > dayStart + DAY_MS) slot = dayStart + DAY_MS;
    return new Date(slot - SHANGHAI_OFFSET_MS);
  }
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.dailyAt);
  if (!m) throw new RangeError(`dailyAt must be HH:MM: ${schedule.dailyAt}`);
  let slot = Math.floor(local / DAY_MS) * DAY_MS + Number(m[1]) * 3_600_000 + Number(m[2]) * MINUTE_MS;
  if (slot <= local) slot += DAY_MS;
  return new Date(slot - SHANGHAI_OFFSET_MS);
}

export const slotKey = (name: string, slot: Date) => `${name}@${slot.toISOString()}`;

/** Enqueues the schedule's next slot once, whichever instance asks first. */
export async function scheduleNext(db: Db, schedule: Schedule, now = new Date()): Promise<{ slot: Date; created: boolean }> {
  const slot = nextSlot(schedule, now);
  const job = await enqueue(db, schedule.name, schedule.payload ?? {}, {
    runAt: slot,
    singletonKey: slotKey(schedule.name, slot),
    ...(schedule.maxAttempts ? { maxAttempts: schedule.maxAttempts } : {}),
  });
  return { slot, created: job !== null };
}

// ---------------------------------------------------------------------------------------------
// Claiming, finishing, recovering

const afterMs = (ms: number) => sql`now() + ${Math.max(0, Math.round(ms))}::int * interval '1 millisecond'`;

/** Takes the next due job among `names`, or null; the lock lasts lockMs unless extended. */
export async function claimJob(db: Db, names: readonly string[], workerId: string, lockMs: number): Promise<JobRow | null> {
  if (names.length === 0) return null;
  const nameList = sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  );
  const rows = await db
    .update(jobs)
    .set({ status: 'running', lockedBy: workerId, lockedUntil: afterMs(lockMs), attempts: sql`${jobs.attempts} + 1` })
    .where(
      // The outer status check is belt and braces: SKIP LOCKED already keeps two claims apart.
      sql`${jobs.status} = 'queued' and ${jobs.id} = (
        select j.id from ${jobs} j
        where j.status = 'queued' and j.run_at <= now() and j.name in (${nameList})
        order by j.run_at, j.id
        for update skip locked
        limit 1
      )`,
    )
    .returning();
  return rows[0] ?? null;
}

const ownedBy = (job: JobRow, workerId: string) =>
  sql`${jobs.id} = ${job.id} and ${jobs.lockedBy} = ${workerId} and ${jobs.status} = 'running'`;

/** Keeps a long-running job's lock alive; false when the job is no longer this worker's. */
export async function extendLock(db: Db, job: JobRow, workerId: string, lockMs: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: afterMs(lockMs) })
    .where(ownedBy(job, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Marks the job done; false when its lock had expired and another worker may have it. */
export async function completeJob(db: Db, job: JobRow, workerId: string, result: unknown): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'done', result: result ?? null, finishedAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
    .where(ownedBy(job, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Requeues the job after `retryInMs`, or marks it failed once it has used its attempts. */
export async function failJob(db: Db, job: JobRow, workerId: string, error: unknown, retryInMs: number): Promise<JobStatus | null> {
  const final = job.attempts >= job.maxAttempts;
  const rows = await db
    .update(jobs)
    .set({
      status: final ? 'failed' : 'queued',
      lastError: describeError(error),
      lockedBy: null,
      lockedUntil: null,
      ...(final ? { finishedAt: sql`now()` } : { runAt: afterMs(retryInMs) }),
    })
    .where(ownedBy(job, workerId))
    .returning({ status: jobs.status });
  return (rows[0]?.status as JobStatus | undefined) ?? null;
}

/** Jobs whose worker vanished (lock expired): back to the queue, or failed if out of attempts. */
export async function recoverExpiredJobs(db: Db): Promise<{ requeued: number; failed: number; gaveUp: JobRow[] }> {
  const rows = await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'queued' end`,
      finishedAt: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then now() end`,
      lastError: sql`'lock expired: worker ' || coalesce(${jobs.lockedBy}, '?') || ' did not finish'`,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(and(sql`${jobs.status} = 'running'`, lt(jobs.lockedUntil, sql`now()`)))
    .returning();
  const gaveUp = rows.filter((r) => r.status === 'failed');
  return { requeued: rows.length - gaveUp.length, failed: gaveUp.length, gaveUp };
}

/** Deletes finished jobs: done ones after `doneDays`, failed ones after `failedDays`. */
export async function purgeFinishedJobs(db: Db, doneDays = 7, failedDays = 30): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(
      sql`(${jobs.status} = 'done' and ${jobs.finishedAt} < now() - ${doneDays}::int * interval '1 day')
        or (${jobs.status} = 'failed' and ${jobs.finishedAt} < now() - ${failedDays}::int * interval '1 day')`,
    )
    .returning({ id: jobs.id });
  return rows.length;
}

export async function findJobs(db: Db, names: readonly string[]): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(inArray(jobs.name, [...names]));
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}

/** 30 s, 2 min, 8 min, … capped at an hour. */
export const defaultBackoff = (attempt: number) => Math.min(3_600_000, 30_000 * 4 ** Math.max(0, attempt - 1));

// ---------------------------------------------------------------------------------------------
// The worker

export type WorkerOptions = {
  /** Names this instance in locks and logs, e.g. host:pid. */
  workerId: string;
  log: JobLogger;
  pollMs?: number;
  concurrency?: number;
  /** How long a claim lasts without a heartbeat; a crashed worker's jobs return after this. */
  lockMs?: number;
  /** Recurring jobs this instance helps to schedule. */
  schedules?: readonly Schedule[];
  /** By job name: told when a job of that name fails for good with its worker gone (see GiveUpHandlers). */
  onGiveUp?: GiveUpHandlers;
  /** How often to recover expired locks and top up the schedules. */
  maintenanceMs?: number;
  backoffMs?: (attempt: number) => number;
};

export type Worker = {
  /** Stops claiming, waits for running jobs to finish. */
  stop: () => Promise<void>;
};

export function startWorker(db: Db, handlers: JobHandlers, options: WorkerOptions): Worker {
  const { workerId, log } = options;
  const pollMs = options.pollMs ?? 2000;
  const lockMs = options.lockMs ?? 5 * MINUTE_MS;
  const maintenanceMs = options.maintenanceMs ?? 30_000;
  const backoff = options.backoffMs ?? defaultBackoff;
  const names = Object.keys(handlers);
  let stopping = false;

  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  async function run(job: JobRow) {
    const jobLog = log.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    const handler = handlers[job.name] as JobHandler;
    const heartbeat = setInterval(
      () => {
        extendLock(db, job, workerId, lockMs).catch((err) => jobLog.warn({ err: loggableError(err) }, 'job lock extension failed'));
      },
      Math.max(50, Math.floor(lockMs / 3)),
    );
    const started = Date.now();
    try {
      const result = await handler({ db, job, log: jobLog });
      if (!(await completeJob(db, job, workerId, result ?? null))) jobLog.warn('job finished after its lock was lost; it may run again');
      else jobLog.info({ ms: Date.now() - started }, 'job done');
    } catch (err) {
      try {
        const status = await failJob(db, job, workerId, err, backoff(job.attempts));
        jobLog[status === 'failed' ? 'error' : 'warn'](
          { err: loggableError(err), status },
          status === 'failed' ? 'job failed for good' : 'job failed; will retry',
        );
      } catch (err2) {
        jobLog.error({ err: loggableError(err2) }, 'could not record job failure; its lock will expire');
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function loop() {
    while (!stopping) {
      let job: JobRow | null;
      try {
        job = await claimJob(db, names, workerId, lockMs);
      } catch (err) {
        log.error({ err: loggableError(err) }, 'job claim failed');
        await sleep(pollMs);
        continue;
      }
      if (job) await run(job);
      else await sleep(pollMs);
    }
  }

  async function maintenance() {
    while (!stopping) {
      try {
        const { requeued, failed, gaveUp } = await recoverExpiredJobs(db);
        if (requeued || failed) log.warn({ requeued, failed }, 'recovered jobs with expired locks');
        for (const job of gaveUp) {
          const jobLog = log.child({ jobId: job.id, job: job.name, attempt: job.attempts });
          jobLog.error('job failed for good: its worker vanished on the last attempt');
          await options.onGiveUp?.[job.name]?.({ db, job, log: jobLog });
        }
        for (const schedule of options.schedules ?? []) await scheduleNext(db, schedule);
      } catch (err) {
        log.error({ err: loggableError(err) }, 'job maintenance failed');
      }
      await sleep(maintenanceMs);
    }
  }

  const loops = [maintenance(), ...Array.from({ length: Math.max(1, options.concurrency ?? 1) }, loop)];
  log.info({ workerId, jobs: names, concurrency: options.concurrency ?? 1 }, 'job worker started');

  return {
    stop: async () => {
      stopping = true;
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
      log.info({ workerId }, 'job worker stopped');
    },
  };
}
