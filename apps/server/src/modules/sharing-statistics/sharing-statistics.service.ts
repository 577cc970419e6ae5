import type {
  InternalUsageCreate,
  PurchaseReviewCreate,
  SharingLevel,
  SharingQuery,
  SharingReport,
  SharingRow,
} from '@innotown/contracts/sharing-statistics';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Actor, recordInScope, requireAccess, scopeFilter, scopeOf } from '../../platform/policy.ts';
import { quoteLexeme } from '../../platform/search/search-vector.ts';
import { tokensForQuery } from '../../platform/search/tokenizer.ts';
import { addCalendarDays, shanghaiDate, type WorkingCalendar } from '../../platform/working-days.ts';
import { loadCalendar } from '../holidays/holidays.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import {
  availableMinutes,
  deemedConfirmedBefore,
  figuresOf,
  idleInstruments,
  isIdle,
  monthsOf,
  type OpeningHours,
  periodInstants,
  type RawFigures,
  ratio,
  scheduleDays,
  sumRaw,
  topUsed,
} from './sharing-rules.ts';
import { SharingErrors } from './sharing-statistics.errors.ts';
import * as repo from './sharing-statistics.repository.ts';

const READ = { resource: 'sharingStatistics', action: 'read' } as const;
const RECORD_INTERNAL = { resource: 'internalUsage', action: 'create' } as const;
const LIST_INTERNAL = { resource: 'internalUsage', action: 'list' } as const;
const DELETE_INTERNAL = { resource: 'internalUsage', action: 'delete' } as const;
const REVIEW_READ = { resource: 'purchaseReview', action: 'read' } as const;
const REVIEW_DECIDE = { resource: 'purchaseReview', action: 'review' } as const;

/** The unit a caller asked for, checked against their scope: outside it (or missing) is 404. */
type Target = { level: SharingLevel; id: string | null; name: string; unit: repo.Unit };

async function resolveTarget(db: Db, actor: Actor, q: Pick<SharingQuery, 'level' | 'id'>): Promise<Target> {
  const scope = scopeOf(actor, READ);
  if (!scope) throw notFound();
  const inScope = (r: { townId: string; institutionId?: string }) => recordInScope(actor, scope, r);
  switch (q.level) {
    case 'city':
      if (scope !== 'all') throw notFound();
      return { level: 'city', id: null, name: '中山市', unit: { kind: 'all' } };
    case 'town': {
      const town = await repo.findTown(db, q.id as string);
      // Only the city and the town's own admin; an institution's provider sees its institution only.
      if (!town || scope === 'institution' || !inScope({ townId: town.id })) throw notFound();
      return { level: 'town', id: town.id, name: town.name, unit: { kind: 'town', townId: town.id } };
    }
    case 'institution': {
      const inst = await repo.findInstitution(db, q.id as string);
      if (!inst || !inScope({ townId: inst.townId, institutionId: inst.id })) throw notFound();
      return { level: 'institution', id: inst.id, name: inst.name, unit: { kind: 'institution', institutionId: inst.id } };
    }
    case 'instrument': {
      const r = await repo.findInstrument(db, q.id as string);
      if (r?.kind !== 'instrument' || !inScope(r)) throw notFound();
      return { level: 'instrument', id: r.id, name: r.name, unit: { kind: 'instrument', resourceId: r.id } };
    }
  }
}

type InstrumentRow = SharingRow & { raw: RawFigures; townId: string; institutionId: string; openingHours: OpeningHours | null };

async function calendarFor(db: Db, from: string, to: string): Promise<WorkingCalendar> {
  return loadCalendar(db, Number(from.slice(0, 4)), Number(to.slice(0, 4)));
}

function periodOf(from: string, to: string, now: Date): repo.Period {
  return { from, to, ...periodInstants(from, to), deemedBefore: deemedConfirmedBefore(now) };
}

/** Every evaluated instrument of a unit with its figures over the period. */
async function instrumentRows(db: Db, unit: repo.Unit, period: repo.Period, calendar: WorkingCalendar) {
  const { days, workingDays } = scheduleDays(period.from, period.to, calendar);
  const sums = await repo.usageSums(db, unit, period);
  const rows: InstrumentRow[] = sums.instruments.map((s) => {
    const raw: RawFigures = {
      instruments: 1,
      originalValueFen: s.originalValueFen,
      availableMinutes: availableMinutes(s.openingHours, days),
      externalMinutes: s.externalMinutes,
      internalMinutes: s.internalMinutes,
      externalIncomeFen: s.externalIncomeFen,
      internalIncomeFen: s.internalIncomeFen,
      externalServices: s.externalServices,
      externalUsers: s.externalUsers,
      noShows: s.noShows,
    };
    const figures = figuresOf(raw);
    return {
      level: 'instrument',
      id: s.id,
      name: s.name,
      model: s.model,
      institutionName: s.institutionName,
      townName: s.townName,
      idle: isIdle(figures),
      figures,
      raw,
      townId: s.townId,
      institutionId: s.institutionId,
      openingHours: s.openingHours,
    };
  });
  return { rows, sums, workingDays };
}

const strip = ({ raw: _r, townId: _t, institutionId: _i, openingHours: _o, ...row }: InstrumentRow): SharingRow => row;

/** Adds up instrument rows into units (towns or institutions), with the database's distinct user counts. */
function rollUp(
  rows: readonly InstrumentRow[],
  keyOf: (r: InstrumentRow) => string,
  units: readonly { id: string; name: string; townName?: string | null }[],
  level: 'town' | 'institution',
  users: ReadonlyMap<string, number>,
): SharingRow[] {
  const groups = new Map<string, RawFigures[]>();
  for (const r of rows) {
    const list = groups.get(keyOf(r)) ?? [];
    list.push(r.raw);
    groups.set(keyOf(r), list);
  }
  return units.map((u) => {
    const figures = figuresOf(sumRaw(groups.get(u.id) ?? [], users.get(u.id) ?? 0));
    return {
      level,
      id: u.id,
      name: u.name,
      model: null,
      institutionName: null,
      townName: u.townName ?? null,
      idle: figures.instruments > 0 && isIdle(figures),
      figures,
    };
  });
}

export async function report(db: Db, ctx: RequestContext, q: SharingQuery, now = new Date()): Promise<SharingReport> {
  return (await compute(db, await resolveTarget(db, ctx.actor, q), q, now)).report;
}

async function compute(db: Db, target: Target, q: SharingQuery, now: Date) {
  const calendar = await calendarFor(db, q.from, q.to);
  const period = periodOf(q.from, q.to, now);
  const {
    rows: instruments,
    workingDays,
    sums: { users, monthly },
  } = await instrumentRows(db, target.unit, period, calendar);
  const totals = figuresOf(
    sumRaw(
      instruments.map((r) => r.raw),
      users.all,
    ),
  );

  // Towns present among the instruments (the city: every town, also those without instruments).
  const townUnits =
    target.level === 'city'
      ? await repo.allTowns(db)
      : [...new Map(instruments.map((r) => [r.townId, { id: r.townId, name: r.townName as string }])).values()];
  const byTownRows = rollUp(instruments, (r) => r.townId, townUnits, 'town', users.byTown);

  let rows: SharingRow[];
  if (target.level === 'city') rows = byTownRows;
  else if (target.level === 'town') {
    const insts = await repo.institutionsOfTown(db, target.id as string);
    const withInstruments = new Set(instruments.map((r) => r.institutionId));
    rows = rollUp(
      instruments,
      (r) => r.institutionId,
      insts.filter((i) => withInstruments.has(i.id)).map((i) => ({ ...i, townName: target.name })),
      'institution',
      users.byInstitution,
    );
  } else if (target.level === 'institution') rows = instruments.map(strip);
  else rows = [];

  // Trend: counted minutes per month against the month's available hours.
  const trend = monthsOf(q.from, q.to).map((m) => {
    const { days } = scheduleDays(m.from, m.to, calendar);
    const available = instruments.reduce((sum, r) => sum + availableMinutes(r.openingHours, days), 0);
    const used = monthly.get(m.month) ?? { external: 0, internal: 0 };
    const effective = used.external + used.internal;
    return {
      month: m.month,
      availableHours: Math.round((available / 60) * 100) / 100,
      effectiveHours: Math.round((effective / 60) * 100) / 100,
      externalHours: Math.round((used.external / 60) * 100) / 100,
      utilisationRate: ratio(effective, available),
    };
  });

  const result: SharingReport = {
    level: target.level,
    id: target.id,
    name: target.name,
    from: q.from,
    to: q.to,
    workingDays,
    totals,
    rows,
    byTown: byTownRows.map((t) => ({
      id: t.id,
      name: t.name,
      utilisationRate: t.figures.utilisationRate,
      effectiveHours: t.figures.effectiveHours,
    })),
    topUsed: topUsed(instruments).map(strip),
    idle: idleInstruments(instruments).map(strip),
    trend,
  };
  return { report: result, instruments: instruments.map(strip) };
}

/** The evaluation sheet of a unit: the report plus every instrument of the unit (for the export's detail sheet). */
export async function evaluationSheet(db: Db, ctx: RequestContext, q: SharingQuery, now = new Date()) {
  const target = await resolveTarget(db, ctx.actor, q);
  const sheet = await compute(db, target, q, now);
  await recordAudit(db, ctx, {
    action: 'sharing_statistics.export',
    targetType: target.level,
    targetId: target.id,
    result: 'success',
    statusCode: 200,
    changes: { from: q.from, to: q.to, level: q.level },
  });
  return sheet;
}

// ---------------------------------------------------------------------------------------------
// Internal use by the owner's own staff.

const FIVE_YEARS_DAYS = 5 * 366;

async function ownedInstrument(db: Db, actor: Actor, permission: typeof RECORD_INTERNAL | typeof LIST_INTERNAL, id: string) {
  const r = requireAccess(actor, permission, await repo.findInstrument(db, id), (x) => ({
    institutionId: x.institutionId,
    townId: x.townId,
  }));
  if (r.kind !== 'instrument') throw new AppError(SharingErrors.SHARING_NOT_INSTRUMENT);
  return r;
}

export async function recordInternalUsage(db: Db, ctx: RequestContext, resourceId: string, input: InternalUsageCreate, now = new Date()) {
  return db.transaction(async (tx) => {
    const instrument = await ownedInstrument(tx, ctx.actor, RECORD_INTERNAL, resourceId);
    const today = shanghaiDate(now);
    if (input.usedOn > today || input.usedOn < addCalendarDays(today, -FIVE_YEARS_DAYS)) {
      throw new AppError(SharingErrors.INTERNAL_USAGE_OUT_OF_RANGE);
    }
    const minutes = Math.max(1, Math.round(input.hours * 60));
    const row = await repo.insertInternalUsage(tx, {
      resourceId: instrument.id,
      institutionId: instrument.institutionId,
      townId: instrument.townId,
      usedOn: input.usedOn,
      minutes,
      incomeFen: input.incomeFen,
      note: input.note ?? null,
      recordedBy: ctx.actor.userId as string,
    });
    await recordAudit(tx, ctx, {
      action: 'internal_usage.record',
      targetType: 'resource',
      targetId: instrument.id,
      result: 'success',
      statusCode: 201,
      changes: { usedOn: input.usedOn, minutes, incomeFen: input.incomeFen },
    });
    return row;
  });
}

/** The owner withdraws a mistaken entry (and records it again if need be); the audit keeps what it said. */
export async function deleteInternalUsage(db: Db, ctx: RequestContext, id: string) {
  await db.transaction(async (tx) => {
    const row = requireAccess(ctx.actor, DELETE_INTERNAL, await repo.findInternalUsage(tx, id), (u) => ({
      institutionId: u.institutionId,
      townId: u.townId,
    }));
    if (!(await repo.deleteInternalUsage(tx, id))) throw notFound();
    await recordAudit(tx, ctx, {
      action: 'internal_usage.delete',
      targetType: 'resource',
      targetId: row.resourceId,
      result: 'success',
      statusCode: 204,
      changes: { id, usedOn: row.usedOn, minutes: row.minutes, incomeFen: row.incomeFen },
    });
  });
}

export async function listInternalUsages(db: Db, ctx: RequestContext, resourceId: string, q: { from?: string; to?: string }) {
  const instrument = await ownedInstrument(db, ctx.actor, LIST_INTERNAL, resourceId);
  return repo.listInternalUsages(db, instrument.id, q.from, q.to);
}

// ---------------------------------------------------------------------------------------------
// New-purchase review (新购仪器查重).

const SIMILAR_LIMIT = 20;
const reviewScoped = (r: repo.PurchaseReviewView) => ({ institutionId: r.institutionId, townId: r.townId });

/** Similar instruments already in the city, by the catalogue's tokens, with their utilisation over the last 12 months. */
export async function similarInstruments(
  db: Db,
  planned: { name: string; model: string | null; category: string | null; keywords: string | null },
  now = new Date(),
) {
  // Any token may match (a planned 积分球光谱辐射计 should also find a 光谱辐射计); ranking puts the closest first.
  // The name, model and keywords say what is planned; the category (光学测量 …) is broad, so it is asked only
  // when they find nothing.
  // Whole tokens of two or more characters: a filed form is not typed-ahead input, and single characters
  // (the '2' of '2 m') would match every second unit (2号机).
  const anyOf = (text: string) =>
    tokensForQuery(text)
      .filter((t) => [...t].length >= 2)
      .map(quoteLexeme)
      .join(' | ');
  let ids = await repo.similarInstrumentIds(
    db,
    anyOf([planned.name, planned.model, planned.keywords].filter(Boolean).join(' ')),
    SIMILAR_LIMIT,
  );
  if (ids.length === 0 && planned.category) ids = await repo.similarInstrumentIds(db, anyOf(planned.category), SIMILAR_LIMIT);
  const to = shanghaiDate(now);
  const from = addCalendarDays(to, -364);
  const calendar = await calendarFor(db, from, to);
  const { days } = scheduleDays(from, to, calendar);
  const sums = await repo.usageSums(db, { kind: 'instruments', resourceIds: ids }, periodOf(from, to, now));
  const byId = new Map(sums.instruments.map((s) => [s.id, s]));
  const similar = ids.flatMap((id) => {
    const s = byId.get(id);
    if (!s) return [];
    const available = availableMinutes(s.openingHours, days);
    const effective = s.externalMinutes + s.internalMinutes;
    return [
      {
        id: s.id,
        name: s.name,
        model: s.model,
        category: s.category,
        institutionName: s.institutionName,
        townName: s.townName,
        sharing: s.sharing,
        originalValueFen: s.originalValueFen,
        availableHours: Math.round((available / 60) * 100) / 100,
        effectiveHours: Math.round((effective / 60) * 100) / 100,
        utilisationRate: ratio(effective, available),
      },
    ];
  });
  return { similar, similarFrom: from, similarTo: to };
}

export async function createPurchaseReview(db: Db, ctx: RequestContext, input: PurchaseReviewCreate) {
  const { actor } = ctx;
  if (!actor.institutionId || !actor.userId) throw new AppError(SharingErrors.PURCHASE_REVIEW_NO_INSTITUTION);
  return db.transaction(async (tx) => {
    const inst = await repo.findInstitution(tx, actor.institutionId as string);
    if (!inst) throw new AppError(SharingErrors.PURCHASE_REVIEW_NO_INSTITUTION);
    const id = await repo.insertPurchaseReview(tx, {
      institutionId: inst.id,
      townId: inst.townId,
      name: input.name,
      model: input.model ?? null,
      category: input.category ?? null,
      keywords: input.keywords ?? null,
      budgetFen: input.budgetFen,
      reason: input.reason,
      createdBy: actor.userId as string,
    });
    const review = (await repo.findPurchaseReview(tx, id)) as repo.PurchaseReviewView;
    await recordAudit(tx, ctx, {
      action: 'purchase_review.create',
      targetType: 'purchaseReview',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: { name: input.name, budgetFen: input.budgetFen },
    });
    await notify(tx, {
      userIds: await repo.reviewerUserIds(tx, inst.townId),
      kind: 'purchase_review.submitted',
      title: `新购仪器查重待审核：${inst.name} 拟购 ${input.name}`,
      titleEn: `Planned purchase to review: ${input.name} (${inst.name})`,
      link: `/purchase-reviews/${id}`,
    });
    return review;
  });
}

export async function findPurchaseReview(db: Db, ctx: RequestContext, id: string, now = new Date()) {
  const review = requireAccess(ctx.actor, REVIEW_READ, await repo.findPurchaseReview(db, id), reviewScoped);
  return { ...review, ...(await similarInstruments(db, review, now)) };
}

export async function listPurchaseReviews(db: Db, ctx: RequestContext, q: { status?: string | undefined; page: number; pageSize: number }) {
  const filter = scopeFilter(ctx.actor, REVIEW_READ);
  if (!filter) return { items: [], total: 0 };
  return repo.listPurchaseReviews(db, filter, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

export async function decidePurchaseReview(
  db: Db,
  ctx: RequestContext,
  id: string,
  decision: 'approved' | 'rejected',
  comment: string | null,
) {
  return db.transaction(async (tx) => {
    requireAccess(ctx.actor, REVIEW_DECIDE, await repo.findPurchaseReview(tx, id), reviewScoped);
    const moved = await repo.decidePurchaseReview(tx, id, {
      status: decision,
      decisionComment: comment,
      decidedBy: ctx.actor.userId as string,
    });
    if (!moved) throw new AppError(SharingErrors.PURCHASE_REVIEW_DECIDED);
    const after = (await repo.findPurchaseReview(tx, id)) as repo.PurchaseReviewView;
    await recordAudit(tx, ctx, {
      action: decision === 'approved' ? 'purchase_review.approve' : 'purchase_review.reject',
      targetType: 'purchaseReview',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'submitted', to: decision }, comment },
    });
    const [zh, en] = decision === 'approved' ? ['已同意', 'approved'] : ['未同意', 'rejected'];
    // Both sides: the filing institution's providers and the reviewers of its town and the city.
    const userIds = [...(await repo.providerUserIds(tx, after.institutionId)), ...(await repo.reviewerUserIds(tx, after.townId))].filter(
      (u) => u !== ctx.actor.userId,
    );
    await notify(tx, {
      userIds,
      kind: `purchase_review.${decision}`,
      title: `新购仪器申请${zh}：${after.name}（${after.institutionName}）`,
      titleEn: `Planned purchase ${en}: ${after.name} (${after.institutionName})`,
      body: comment,
      link: `/purchase-reviews/${id}`,
    });
    return after;
  });
}
