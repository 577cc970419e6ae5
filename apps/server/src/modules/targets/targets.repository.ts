import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/accounts.ts';
import { towns } from '../../db/schema/organisations.ts';
import {
  indicatorRevisions,
  indicators,
  indicatorTargets,
  reportingPeriods,
  statisticSubmissions,
  statistics,
  submissionValues,
} from '../../db/schema/targets.ts';
import type { Db } from '../../platform/db.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { PLATFORM_STATISTIC_CODES } from './platform-statistics.ts';
import { CATALOGUE_INDICATORS, CATALOGUE_STATISTICS } from './targets.catalogue.ts';

export type StatisticRow = typeof statistics.$inferSelect;
export type PeriodRow = typeof reportingPeriods.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Catalogue

/** Loads the plan's catalogue where it is missing; never overwrites what city admins changed. */
export async function ensureCatalogue(db: Db) {
  await db
    .insert(statistics)
    .values(CATALOGUE_STATISTICS.map((s, i) => ({ ...s, sortOrder: i })))
    .onConflictDoNothing();
  // Where a statistic is computed follows the code, not an edit: one the platform now computes is
  // marked so in databases loaded before it did (a town can no longer type it). Not required either.
  await db
    .update(statistics)
    .set({ source: 'platform', required: false })
    .where(and(inArray(statistics.code, [...PLATFORM_STATISTIC_CODES]), eq(statistics.source, 'submitted')));
  for (const i of CATALOGUE_INDICATORS) {
    const [row] = await db
      .insert(indicators)
      .values({
        code: i.code,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        unit: i.unit,
        formula: i.formula,
        direction: i.direction,
        baseYear: i.baseYear,
        inIndex: i.inIndex,
      })
      .onConflictDoNothing()
      .returning({ id: indicators.id });
    if (!row) continue;
    const targets = Object.entries(i.targets).map(([year, value]) => ({ indicatorId: row.id, townId: null, year: Number(year), value }));
    if (targets.length) await db.insert(indicatorTargets).values(targets);
    await db.insert(indicatorRevisions).values({ indicatorId: row.id, version: 1, snapshot: { ...i } });
  }
}

export async function listStatistics(db: Db): Promise<StatisticRow[]> {
  return db.select().from(statistics).orderBy(asc(statistics.sortOrder), asc(statistics.code));
}

// ---------------------------------------------------------------------------------------------
// Periods

export async function listPeriods(db: Db): Promise<PeriodRow[]> {
  return db.select().from(reportingPeriods).orderBy(desc(reportingPeriods.year), sql`${reportingPeriods.quarter} desc nulls first`);
}

export async function findPeriod(db: Db, id: string, lock = false): Promise<PeriodRow | undefined> {
  const q = db.select().from(reportingPeriods).where(eq(reportingPeriods.id, id));
  return (lock ? await q.for('update') : await q)[0];
}

export async function annualPeriod(db: Db, year: number): Promise<PeriodRow | undefined> {
  return (
    await db
      .select()
      .from(reportingPeriods)
      .where(and(eq(reportingPeriods.year, year), isNull(reportingPeriods.quarter)))
  )[0];
}

export async function insertPeriod(db: Db, values: { year: number; quarter: number | null; deadline: string }): Promise<PeriodRow> {
  return (await db.insert(reportingPeriods).values(values).returning())[0] as PeriodRow;
}

export async function setPeriodStatus(db: Db, id: string, status: 'open' | 'closed') {
  await db.update(reportingPeriods).set({ status }).where(eq(reportingPeriods.id, id));
}

// ---------------------------------------------------------------------------------------------
// Submissions

const submitter = alias(users, 'submitter');
const reviewer = alias(users, 'reviewer');

const submissionColumns = {
  id: statisticSubmissions.id,
  periodId: statisticSubmissions.periodId,
  year: reportingPeriods.year,
  quarter: reportingPeriods.quarter,
  periodStatus: reportingPeriods.status,
  townId: statisticSubmissions.townId,
  townName: towns.name,
  version: statisticSubmissions.version,
  status: statisticSubmissions.status,
  createdAt: statisticSubmissions.createdAt,
  submittedAt: statisticSubmissions.submittedAt,
  submittedByName: submitter.displayName,
  reviewedAt: statisticSubmissions.reviewedAt,
  reviewedByName: reviewer.displayName,
  reviewComment: statisticSubmissions.reviewComment,
};

function submissionQuery(db: Db) {
  return db
    .select(submissionColumns)
    .from(statisticSubmissions)
    .innerJoin(reportingPeriods, eq(reportingPeriods.id, statisticSubmissions.periodId))
    .innerJoin(towns, eq(towns.id, statisticSubmissions.townId))
    .leftJoin(submitter, eq(submitter.id, statisticSubmissions.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, statisticSubmissions.reviewedBy));
}
export type SubmissionView = Awaited<ReturnType<typeof findSubmission>> & object;

export async function findSubmission(db: Db, id: string) {
  return (await submissionQuery(db).where(eq(statisticSubmissions.id, id)))[0];
}

/** Row lock on the submission (every transition takes it first). */
export async function lockSubmission(db: Db, id: string) {
  await db.select({ id: statisticSubmissions.id }).from(statisticSubmissions).where(eq(statisticSubmissions.id, id)).for('update');
}

export async function listSubmissions(
  db: Db,
  scope: ScopeFilter,
  filter: { periodId?: string | undefined; townId?: string | undefined; status?: string | undefined },
) {
  const where = [
    scope.kind === 'town' ? eq(statisticSubmissions.townId, scope.townId) : undefined,
    filter.periodId ? eq(statisticSubmissions.periodId, filter.periodId) : undefined,
    filter.townId ? eq(statisticSubmissions.townId, filter.townId) : undefined,
    filter.status ? eq(statisticSubmissions.status, filter.status) : undefined,
  ];
  return submissionQuery(db)
    .where(and(...where))
    .orderBy(desc(reportingPeriods.year), asc(towns.code), desc(statisticSubmissions.version))
    .limit(1000);
}

/** The version in the works (draft, submitted or returned) of a town for a period. */
export async function openSubmission(db: Db, periodId: string, townId: string) {
  return (
    await db
      .select({ id: statisticSubmissions.id, status: statisticSubmissions.status })
      .from(statisticSubmissions)
      .where(
        and(
          eq(statisticSubmissions.periodId, periodId),
          eq(statisticSubmissions.townId, townId),
          inArray(statisticSubmissions.status, ['draft', 'submitted', 'returned']),
        ),
      )
      .for('update')
  )[0];
}

export async function approvedSubmissionId(db: Db, periodId: string, townId: string): Promise<string | undefined> {
  return (
    await db
      .select({ id: statisticSubmissions.id })
      .from(statisticSubmissions)
      .where(
        and(
          eq(statisticSubmissions.periodId, periodId),
          eq(statisticSubmissions.townId, townId),
          eq(statisticSubmissions.status, 'approved'),
        ),
      )
  )[0]?.id;
}

export async function nextVersion(db: Db, periodId: string, townId: string): Promise<number> {
  const [r] = await db
    .select({ v: sql<number>`coalesce(max(${statisticSubmissions.version}), 0)::int` })
    .from(statisticSubmissions)
    .where(and(eq(statisticSubmissions.periodId, periodId), eq(statisticSubmissions.townId, townId)));
  return (r?.v ?? 0) + 1;
}

export async function insertSubmission(db: Db, values: { periodId: string; townId: string; version: number; createdBy: string | null }) {
  return (await db.insert(statisticSubmissions).values(values).returning({ id: statisticSubmissions.id }))[0]?.id as string;
}

/** Moves a submission from one of `from` to `set.status`; false when it was not in one of them. */
export async function transitionSubmission(
  db: Db,
  id: string,
  from: readonly string[],
  set: Partial<typeof statisticSubmissions.$inferInsert> & { status: string },
): Promise<boolean> {
  const rows = await db
    .update(statisticSubmissions)
    .set(set)
    .where(and(eq(statisticSubmissions.id, id), inArray(statisticSubmissions.status, [...from])))
    .returning({ id: statisticSubmissions.id });
  return rows.length === 1;
}

export async function supersedeApproved(db: Db, periodId: string, townId: string) {
  await db
    .update(statisticSubmissions)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(statisticSubmissions.periodId, periodId),
        eq(statisticSubmissions.townId, townId),
        eq(statisticSubmissions.status, 'approved'),
      ),
    );
}

export async function submissionValuesOf(db: Db, submissionId: string) {
  return db
    .select({ statisticCode: submissionValues.statisticCode, value: submissionValues.value, explanation: submissionValues.explanation })
    .from(submissionValues)
    .innerJoin(statistics, eq(statistics.code, submissionValues.statisticCode))
    .where(eq(submissionValues.submissionId, submissionId))
    .orderBy(asc(statistics.sortOrder));
}

/** The values of many submissions at once (the submissions export), by submission. */
export async function valuesOfSubmissions(db: Db, submissionIds: readonly string[]) {
  if (submissionIds.length === 0) return new Map<string, Map<string, number>>();
  const rows = await db
    .select({ submissionId: submissionValues.submissionId, statisticCode: submissionValues.statisticCode, value: submissionValues.value })
    .from(submissionValues)
    .where(inArray(submissionValues.submissionId, [...submissionIds]));
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.submissionId) ?? new Map<string, number>();
    m.set(r.statisticCode, r.value);
    out.set(r.submissionId, m);
  }
  return out;
}

export async function replaceValues(
  db: Db,
  submissionId: string,
  values: { statisticCode: string; value: number; explanation: string | null }[],
) {
  await db.delete(submissionValues).where(eq(submissionValues.submissionId, submissionId));
  if (values.length) await db.insert(submissionValues).values(values.map((v) => ({ ...v, submissionId })));
}

/**
 * Approved annual figures: statistic → year → value for one town, or summed over all towns (the
 * city) when townId is null. Only approved versions count.
 */
export async function approvedAnnualFigures(db: Db, townId: string | null, years?: readonly number[]) {
  const rows = await db
    .select({
      townId: statisticSubmissions.townId,
      year: reportingPeriods.year,
      statisticCode: submissionValues.statisticCode,
      value: submissionValues.value,
    })
    .from(submissionValues)
    .innerJoin(statisticSubmissions, eq(statisticSubmissions.id, submissionValues.submissionId))
    .innerJoin(reportingPeriods, eq(reportingPeriods.id, statisticSubmissions.periodId))
    .where(
      and(
        eq(statisticSubmissions.status, 'approved'),
        isNull(reportingPeriods.quarter),
        townId ? eq(statisticSubmissions.townId, townId) : undefined,
        years?.length ? inArray(reportingPeriods.year, [...years]) : undefined,
      ),
    );
  return rows;
}

/**
 * Every approved annual figure, one row per town and year with its figures as one JSON object: the
 * dashboards read all of them on every request, and 375 rows of JSON decode far faster than 17,000
 * rows of (town, year, statistic, value) (see docs/benchmarks.md, bench:dashboard).
 */
export async function approvedFiguresByTownYear(db: Db): Promise<{ townId: string; year: number; values: Record<string, number> }[]> {
  return db
    .select({
      townId: statisticSubmissions.townId,
      year: reportingPeriods.year,
      values: sql<Record<string, number>>`json_object_agg(${submissionValues.statisticCode}, ${submissionValues.value})`,
    })
    .from(submissionValues)
    .innerJoin(statisticSubmissions, eq(statisticSubmissions.id, submissionValues.submissionId))
    .innerJoin(reportingPeriods, eq(reportingPeriods.id, statisticSubmissions.periodId))
    .where(and(eq(statisticSubmissions.status, 'approved'), isNull(reportingPeriods.quarter)))
    .groupBy(statisticSubmissions.townId, reportingPeriods.year);
}

export async function townsInOrder(db: Db) {
  return db.select({ id: towns.id, code: towns.code, name: towns.name, nameEn: towns.nameEn }).from(towns).orderBy(asc(towns.code));
}

export async function periodProgress(db: Db, periodId: string) {
  return db
    .select({
      townId: towns.id,
      townName: towns.name,
      status: statisticSubmissions.status,
      version: statisticSubmissions.version,
      submissionId: statisticSubmissions.id,
    })
    .from(towns)
    .leftJoin(
      statisticSubmissions,
      and(
        eq(statisticSubmissions.townId, towns.id),
        eq(statisticSubmissions.periodId, periodId),
        // the latest version of each town
        sql`${statisticSubmissions.version} = (select max(s2.version) from statistic_submissions s2 where s2.town_id = ${towns.id} and s2.period_id = ${periodId})`,
      ),
    )
    .orderBy(asc(towns.code));
}

// ---------------------------------------------------------------------------------------------
// Indicators

export type IndicatorRow = typeof indicators.$inferSelect;

export async function listIndicators(db: Db): Promise<IndicatorRow[]> {
  return db.select().from(indicators).orderBy(asc(indicators.code));
}

/** Every target: the city's (townId null) and the towns'. */
export async function listTargets(db: Db) {
  return db
    .select({
      indicatorId: indicatorTargets.indicatorId,
      townId: indicatorTargets.townId,
      year: indicatorTargets.year,
      value: indicatorTargets.value,
    })
    .from(indicatorTargets)
    .orderBy(asc(indicatorTargets.year));
}

export async function findIndicator(db: Db, id: string, lock = false): Promise<IndicatorRow | undefined> {
  const q = db.select().from(indicators).where(eq(indicators.id, id));
  return (lock ? await q.for('update') : await q)[0];
}

export async function insertIndicator(db: Db, values: typeof indicators.$inferInsert): Promise<IndicatorRow> {
  return (await db.insert(indicators).values(values).returning())[0] as IndicatorRow;
}

export async function updateIndicator(db: Db, id: string, values: Partial<typeof indicators.$inferInsert>): Promise<IndicatorRow> {
  return (await db.update(indicators).set(values).where(eq(indicators.id, id)).returning())[0] as IndicatorRow;
}

export async function replaceTargets(db: Db, indicatorId: string, targets: { year: number; value: number; townId: string | null }[]) {
  await db.delete(indicatorTargets).where(eq(indicatorTargets.indicatorId, indicatorId));
  if (targets.length) await db.insert(indicatorTargets).values(targets.map((t) => ({ ...t, indicatorId })));
}

export async function insertRevision(db: Db, values: { indicatorId: string; version: number; snapshot: object; changedBy: string | null }) {
  await db.insert(indicatorRevisions).values(values);
}

export async function listRevisions(db: Db, indicatorId: string) {
  return db
    .select({
      version: indicatorRevisions.version,
      snapshot: indicatorRevisions.snapshot,
      changedByName: users.displayName,
      changedAt: indicatorRevisions.changedAt,
    })
    .from(indicatorRevisions)
    .leftJoin(users, eq(users.id, indicatorRevisions.changedBy))
    .where(eq(indicatorRevisions.indicatorId, indicatorId))
    .orderBy(desc(indicatorRevisions.version));
}
