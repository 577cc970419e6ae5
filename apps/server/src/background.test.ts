import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { AUDIT_RETENTION_DAYS, deleteExpiredAuditEvents, housekeepingHandlers, startBackgroundWork } from './background.ts';
import { sessions, users } from './db/schema/accounts.ts';
import { auditEvents, jobs } from './db/schema/platform.ts';
import { enqueue, type JobRow } from './platform/jobs.ts';

const log = pino({ level: 'silent' });
const DAY_MS = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobsEnabled: true, jobsPollMs: 50 });
});
afterAll(async () => {
  await t?.close();
});

const runHandler = async (name: string) => {
  const handler = housekeepingHandlers(t.config)[name];
  if (!handler) throw new Error(`no handler ${name}`);
  return handler({ db: t.database.db, job: { id: 0, name } as JobRow, log });
};
const auditAction = (action: string) => t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action));

describe('audit.retention', () => {
  it('deletes only audit events older than 183 days, and records that it did', async () => {
    const db = t.database.db;
    await db.insert(auditEvents).values([
      { action: 'test.ancient', result: 'success', occurredAt: new Date(Date.now() - 400 * DAY_MS) },
      { action: 'test.old', result: 'success', occurredAt: new Date(Date.now() - (AUDIT_RETENTION_DAYS + 1) * DAY_MS) },
      { action: 'test.young', result: 'success', occurredAt: new Date(Date.now() - (AUDIT_RETENTION_DAYS - 1) * DAY_MS) },
    ]);
    expect(await runHandler('audit.retention')).toEqual({ deleted: 2 });
    expect(await auditAction('test.ancient')).toHaveLength(0);
    expect(await auditAction('test.old')).toHaveLength(0);
    expect(await auditAction('test.young')).toHaveLength(1);
    const [purge] = await auditAction('audit_event.purge');
    expect(purge).toMatchObject({ username: 'system', changes: { deleted: 2, retentionDays: 183 } });
  });

  it('works in batches and refuses a shorter retention', async () => {
    const old = new Date(Date.now() - 200 * DAY_MS);
    await t.database.db
      .insert(auditEvents)
      .values(Array.from({ length: 7 }, () => ({ action: 'test.batch', result: 'success', occurredAt: old })));
    expect(await deleteExpiredAuditEvents(t.database.db, AUDIT_RETENTION_DAYS, 3)).toBe(7);
    await expect(deleteExpiredAuditEvents(t.database.db, 30)).rejects.toThrow(RangeError);
  });

  it('could not delete a young event even if asked: the trigger refuses', async () => {
    await expect(t.database.db.delete(auditEvents).where(eq(auditEvents.action, 'test.young'))).rejects.toThrow();
    expect(await auditAction('test.young')).toHaveLength(1);
  });
});

describe('sessions.purge', () => {
  it('deletes expired and idle sessions, keeps live ones', async () => {
    const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'expert'));
    const userId = user?.id as string;
    const now = Date.now();
    await t.database.db.insert(sessions).values([
      { tokenHash: 'a'.repeat(64), userId, expiresAt: new Date(now - 1000) },
      { tokenHash: 'b'.repeat(64), userId, expiresAt: new Date(now + 3_600_000), lastSeenAt: new Date(now - 31 * 60_000) },
      { tokenHash: 'c'.repeat(64), userId, expiresAt: new Date(now + 3_600_000) },
    ]);
    const result = (await runHandler('sessions.purge')) as { deleted: number };
    expect(result.deleted).toBeGreaterThanOrEqual(2);
    const left = await t.database.db.select({ h: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId));
    expect(left.map((s) => s.h)).toEqual(['c'.repeat(64)]);
  });
});

describe('startBackgroundWork', () => {
  it('schedules the housekeeping jobs once and runs due ones; stop() ends the worker', async () => {
    const work = startBackgroundWork(t.app);
    // A second instance's background work schedules the same slots: still one job per slot.
    const twin = startBackgroundWork(t.app);
    const due = (await enqueue(t.database.db, 'sessions.purge', {})) as JobRow;
    const status = async () => (await t.database.db.select().from(jobs).where(eq(jobs.id, due.id)))[0]?.status;
    for (let i = 0; i < 200 && (await status()) !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
    await Promise.all([work.stop(), twin.stop()]);
    expect(await status()).toBe('done');
    const scheduled = await t.database.db
      .select({ name: jobs.name, key: jobs.singletonKey, runAt: jobs.runAt })
      .from(jobs)
      // Writes to patents enqueue their landscape refresh with a key of their own: not a schedule.
      .where(sql`${jobs.singletonKey} is not null and ${jobs.name} <> 'patent-landscape.refresh-summary'`);
    expect(scheduled.map((j) => j.name).sort()).toEqual([
      'audit.retention',
      'bookings.no_show_sweep',
      'idempotency.purge',
      'jobs.purge',
      'rate-limits.purge',
      'service_orders.sla_escalate',
      'service_requirements.expire',
      'sessions.purge',
      'targets.deadline_reminders',
      'vouchers.expire',
    ]);
    for (const j of scheduled) {
      expect(j.key).toBe(`${j.name}@${j.runAt.toISOString()}`);
      expect(j.runAt.getTime()).toBeGreaterThan(Date.now() - 1000);
    }
  });

  it('does nothing when jobs are disabled', async () => {
    const before = (await t.database.db.select().from(jobs)).length;
    const work = startBackgroundWork({ db: t.app.db, config: { ...t.config, jobsEnabled: false }, log: t.app.log });
    await new Promise((r) => setTimeout(r, 100));
    await work.stop();
    expect((await t.database.db.select().from(jobs)).length).toBe(before);
  });
});
