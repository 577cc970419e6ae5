import type { FundingProgramme, FundingRecordCreate, FundingSummary } from '@innotown/contracts/funding';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound, pgConstraint } from '../../platform/errors.ts';
import { requireAccess, scopeFilter } from '../../platform/policy.ts';
import { FundingErrors } from './funding.errors.ts';
import * as repo from './funding.repository.ts';

/**
 * Funding tracking: a fund line is (year, programme, town — or the city). Allocations raise what
 * the line may commit, commitments what it may disburse; funding_balances keeps the running totals
 * and its CHECK refuses a commitment beyond the allocation or a disbursement beyond the commitments,
 * under any concurrency. Records are append-only. Voucher lines are read from the vouchers ledger.
 *
 * Who: the city admin records and sees every line, the city's own included; a town admin records and
 * sees only their town's lines (their town's vouchers included) — another town's or the city's is "not found".
 */

const READ = { resource: 'funding', action: 'read' } as const;
const RECORD = { resource: 'funding', action: 'record' } as const;

/** The lines a caller may see, narrowed by what they asked for. */
function linesInScope(ctx: RequestContext, requested: string | 'city' | undefined): repo.LineFilter['townId'] {
  const scope = scopeFilter(ctx.actor, READ);
  if (!scope) throw forbidden();
  if (scope.kind === 'all') return requested;
  if (scope.kind !== 'town') throw forbidden();
  if (requested && requested !== scope.townId) throw notFound();
  return scope.townId;
}

export async function createRecord(db: Db, ctx: RequestContext, input: FundingRecordCreate) {
  const target = requireAccess(ctx.actor, RECORD, input, (i) => ({ townId: i.townId }));
  if (target.townId && !(await repo.townExists(db, target.townId))) throw new AppError(FundingErrors.FUNDING_TOWN_NOT_FOUND);
  if (target.link && !(await repo.linkTarget(db, target.link.type, target.link.id)))
    throw new AppError(FundingErrors.FUNDING_LINK_NOT_FOUND);
  const line = { year: input.year, programme: input.programme, townId: input.townId };
  try {
    return await db.transaction(async (tx) => {
      const id = await repo.insertRecord(tx, {
        ...line,
        kind: input.kind,
        amountFen: input.amountFen,
        recordDate: input.recordDate,
        note: input.note?.trim() || null,
        linkType: input.link?.type ?? null,
        linkId: input.link?.id ?? null,
        createdBy: ctx.actor.userId,
      });
      await repo.addToLine(tx, line, input.kind, input.amountFen);
      await recordAudit(tx, ctx, {
        action: `funding.${input.kind}`,
        targetType: 'fundingRecord',
        targetId: id,
        result: 'success',
        statusCode: 201,
        changes: { ...line, amountFen: input.amountFen, link: input.link ?? null },
      });
      return (await repo.findRecord(tx, id)) as repo.RecordView;
    });
  } catch (err) {
    if (pgConstraint(err) !== 'funding_balances_order') throw err;
    const now = await repo.lineOf(db, line);
    const details = { allocatedFen: now?.allocatedFen ?? 0, committedFen: now?.committedFen ?? 0, disbursedFen: now?.disbursedFen ?? 0 };
    throw new AppError(input.kind === 'disbursement' ? FundingErrors.FUNDING_ABOVE_COMMITTED : FundingErrors.FUNDING_ABOVE_ALLOCATED, {
      details,
    });
  }
}

export async function findRecord(db: Db, ctx: RequestContext, id: string) {
  return requireAccess(ctx.actor, READ, await repo.findRecord(db, id), (r) => ({ townId: r.townId }));
}

export async function listRecords(
  db: Db,
  ctx: RequestContext,
  q: { year?: number; programme?: string; townId?: string; kind?: string; page: number; pageSize: number },
) {
  const townId = linesInScope(ctx, q.townId);
  return repo.listRecords(db, { townId, year: q.year, programme: q.programme, kind: q.kind }, q);
}

type Figures = { allocatedFen: number | null; committedFen: number; disbursedFen: number };
const add = (a: Figures, b: Figures): Figures => ({
  allocatedFen: (a.allocatedFen ?? 0) + (b.allocatedFen ?? 0),
  committedFen: a.committedFen + b.committedFen,
  disbursedFen: a.disbursedFen + b.disbursedFen,
});
const ZERO: Figures = { allocatedFen: 0, committedFen: 0, disbursedFen: 0 };

/** Every line in scope (recorded and computed), per programme and year, and the totals. */
export async function summary(db: Db, ctx: RequestContext, q: { year?: number; townId?: string }): Promise<FundingSummary> {
  const townId = linesInScope(ctx, q.townId);
  const filter = { townId, year: q.year };
  const [recorded, vouchers] = await Promise.all([repo.balances(db, filter), repo.voucherLines(db, filter)]);
  const lines = [
    ...recorded.map((l) => ({ ...l, programme: l.programme as FundingProgramme, computed: false })),
    ...vouchers.map((l) => ({ ...l, programme: 'vouchers' as const, computed: true })),
  ].sort((a, b) => b.year - a.year || a.programme.localeCompare(b.programme) || (a.townName ?? '').localeCompare(b.townName ?? '', 'zh'));
  const byKey = new Map<string, { year: number; programme: FundingProgramme } & Figures>();
  for (const l of lines) {
    const key = `${l.year}:${l.programme}`;
    const prev = byKey.get(key) ?? { year: l.year, programme: l.programme, ...ZERO };
    byKey.set(key, { ...prev, ...add(prev, l) });
  }
  return {
    scope: townId && townId !== 'city' ? 'town' : 'city',
    years: [...new Set(lines.map((l) => l.year))].sort((a, b) => b - a),
    lines,
    byProgramme: [...byKey.values()],
    totals: lines.reduce<Figures>(add, ZERO) as FundingSummary['totals'],
  };
}
