import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, pgConstraint } from '../../platform/errors.ts';
import { TargetErrors } from './targets.errors.ts';
import * as repo from './targets.repository.ts';

/** Reporting periods: the city opens a year (or a quarter) with a deadline and closes it when done. */

export async function createPeriod(db: Db, ctx: RequestContext, input: { year: number; quarter?: number | null; deadline: string }) {
  try {
    return await db.transaction(async (tx) => {
      const p = await repo.insertPeriod(tx, { year: input.year, quarter: input.quarter ?? null, deadline: input.deadline });
      await recordAudit(tx, ctx, {
        action: 'reporting_period.create',
        targetType: 'reportingPeriod',
        targetId: p.id,
        result: 'success',
        statusCode: 201,
        changes: { year: p.year, quarter: p.quarter, deadline: p.deadline },
      });
      return p;
    });
  } catch (err) {
    if (pgConstraint(err) === 'reporting_periods_uq') throw new AppError(TargetErrors.TARGET_PERIOD_EXISTS);
    throw err;
  }
}

export async function setPeriodOpen(db: Db, ctx: RequestContext, id: string, open: boolean) {
  return db.transaction(async (tx) => {
    const p = await repo.findPeriod(tx, id, true);
    if (!p) throw notFound();
    const status = open ? 'open' : 'closed';
    await repo.setPeriodStatus(tx, id, status);
    await recordAudit(tx, ctx, {
      action: `reporting_period.${open ? 'reopen' : 'close'}`,
      targetType: 'reportingPeriod',
      targetId: id,
      result: 'success',
      changes: { status: { from: p.status, to: status } },
    });
    return { ...p, status };
  });
}

/** Each town's latest version for a period; late = nothing approved or submitted after the deadline passed. */
export async function periodProgress(db: Db, id: string, today: string) {
  const period = await repo.findPeriod(db, id);
  if (!period) throw notFound();
  const rows = await repo.periodProgress(db, id);
  return {
    period,
    towns: rows.map((r) => ({
      ...r,
      late: today > period.deadline && r.status !== 'submitted' && r.status !== 'approved',
    })),
  };
}
