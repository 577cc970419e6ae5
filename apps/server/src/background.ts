import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import { auditEvents } from './db/schema/platform.ts';
import { purgeExpiredChallenges } from './modules/auth/two-factor.repository.ts';
import { BOOKING_SCHEDULES, bookingHandlers } from './modules/bookings/bookings.jobs.ts';
import { patentImportGiveUp, patentImportHandlers } from './modules/patent-import/patent-import.jobs.ts';
import { patentLandscapeHandlers } from './modules/patent-landscape/patent-landscape.jobs.ts';
import { SERVICE_ORDER_SCHEDULES, serviceOrderHandlers } from './modules/service-orders/service-orders.jobs.ts';
import { SERVICE_REQUIREMENT_SCHEDULES, serviceRequirementHandlers } from './modules/service-requirements/service-requirements.jobs.ts';
import { targetReportHandlers } from './modules/target-report/target-report.jobs.ts';
import { TARGET_SCHEDULES, targetHandlers } from './modules/targets/reminders.ts';
import { VOUCHER_SCHEDULES, voucherHandlers } from './modules/vouchers/vouchers.jobs.ts';
import { recordAudit } from './platform/audit.ts';
import { systemContext } from './platform/context.ts';
import type { Db } from './platform/db.ts';
import { purgeRateLimitHits } from './platform/http/rate-limits.ts';
import type { App } from './platform/http/types.ts';
import { purgeIdempotencyKeys } from './platform/idempotency.ts';
import { type JobHandlers, purgeFinishedJobs, type Schedule, startWorker } from './platform/jobs.ts';
import { ANONYMOUS } from './platform/policy.ts';
import { purgeExpiredSessions, sessionSettingsOf } from './platform/sessions.ts';

/** Cybersecurity Law art. 21: network logs kept at least six months; the database trigger agrees. */
export const AUDIT_RETENTION_DAYS = 183;

export const HOUSEKEEPING_SCHEDULES: readonly Schedule[] = [
  { name: 'sessions.purge', everyMinutes: 15 },
  { name: 'rate-limits.purge', everyMinutes: 15 },
  { name: 'audit.retention', dailyAt: '03:30' },
  { name: 'jobs.purge', dailyAt: '03:45' },
  { name: 'idempotency.purge', dailyAt: '03:50' },
];

const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });

/**
 * Deletes audit events past retention, in batches so that no statement holds locks for long.
 * The cut-off is the database's clock, the same one the append-only trigger checks.
 */
export async function deleteExpiredAuditEvents(db: Db, retentionDays = AUDIT_RETENTION_DAYS, batchSize = 5000): Promise<number> {
  if (!Number.isInteger(retentionDays) || retentionDays < AUDIT_RETENTION_DAYS) {
    throw new RangeError(`audit events are kept at least ${AUDIT_RETENTION_DAYS} days`);
  }
  let total = 0;
  for (;;) {
    const deleted = await db
      .delete(auditEvents)
      .where(
        sql`${auditEvents.id} in (
          select id from ${auditEvents}
          where occurred_at < now() - ${retentionDays}::int * interval '1 day'
          order by id limit ${batchSize}
        )`,
      )
      .returning({ id: auditEvents.id });
    total += deleted.length;
    if (deleted.length < batchSize) return total;
  }
}

export function housekeepingHandlers(
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'passwordMaxAgeDays'>,
): JobHandlers {
  return {
    'sessions.purge': async ({ db, log }) => {
      const deleted = await purgeExpiredSessions(db, sessionSettingsOf(config));
      // Pending sign-ins (password right, code not yet given) end with the sessions' housekeeping.
      const challenges = await purgeExpiredChallenges(db);
      log.info({ deleted, challenges }, 'expired sessions and pending sign-ins purged');
      return { deleted, challenges };
    },
    'audit.retention': async ({ db, log }) => {
      const deleted = await deleteExpiredAuditEvents(db);
      log.info({ deleted, retentionDays: AUDIT_RETENTION_DAYS }, 'audit events past retention deleted');
      // Removing audit records is itself on the record.
      if (deleted > 0) {
        await recordAudit(db, SYSTEM, {
          action: 'audit_event.purge',
          targetType: 'auditEvent',
          result: 'success',
          changes: { deleted, retentionDays: AUDIT_RETENTION_DAYS },
        });
      }
      return { deleted };
    },
    // Idempotency keys older than 7 days: a retry after a week runs as a new request.
    'idempotency.purge': async ({ db, log }) => {
      const deleted = await purgeIdempotencyKeys(db);
      log.info({ deleted }, 'old idempotency keys purged');
      return { deleted };
    },
    // Rate-limit counts of finished minutes count nothing any more.
    'rate-limits.purge': async ({ db }) => ({ deleted: await purgeRateLimitHits(db) }),
    'jobs.purge': async ({ db, log }) => {
      const deleted = await purgeFinishedJobs(db);
      log.info({ deleted }, 'finished jobs purged');
      return { deleted };
    },
  };
}

/** Starts this instance's share of background work (job workers, schedules). */
export function startBackgroundWork(app: Pick<App, 'db' | 'config' | 'log'>): { stop: () => Promise<void> } {
  if (!app.config.jobsEnabled) {
    app.log.info('background jobs disabled on this instance (JOBS_ENABLED=false)');
    return { stop: async () => {} };
  }
  const handlers = {
    ...housekeepingHandlers(app.config),
    ...bookingHandlers(app.config),
    ...voucherHandlers(),
    ...serviceOrderHandlers(),
    ...serviceRequirementHandlers(),
    ...targetHandlers(),
    ...targetReportHandlers(),
    ...patentImportHandlers(),
    ...patentLandscapeHandlers(),
  };
  const worker = startWorker(app.db, handlers, {
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(-100),
    log: app.log.child({ component: 'jobs' }),
    pollMs: app.config.jobsPollMs,
    onGiveUp: { ...patentImportGiveUp() },
    schedules: [
      ...HOUSEKEEPING_SCHEDULES,
      ...BOOKING_SCHEDULES,
      ...VOUCHER_SCHEDULES,
      ...SERVICE_ORDER_SCHEDULES,
      ...SERVICE_REQUIREMENT_SCHEDULES,
      ...TARGET_SCHEDULES,
    ],
  });
  return { stop: () => worker.stop() };
}
