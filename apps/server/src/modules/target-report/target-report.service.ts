import type { TargetReport, TargetReportQuery } from '@innotown/contracts/target-report';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type Permission, scopeOf } from '../../platform/policy.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { cityOverview, townComparison, townOverview } from '../targets/indicators.service.ts';
import { periodProgress } from '../targets/periods.service.ts';
import { type Point, progressOf } from '../targets/progress.ts';
import { CATALOGUE_INDICATORS } from '../targets/targets.catalogue.ts';
import * as targetsRepo from '../targets/targets.repository.ts';

/** The plan's indicators in the plan's order, then those the city added, by code. */
const PLAN_ORDER = new Map(CATALOGUE_INDICATORS.map((i, n) => [i.code, n]));
const planOrder = (a: { code: string }, b: { code: string }) =>
  (PLAN_ORDER.get(a.code) ?? PLAN_ORDER.size) - (PLAN_ORDER.get(b.code) ?? PLAN_ORDER.size) || a.code.localeCompare(b.code);

export const REPORT_READ: Permission = { resource: 'targetReport', action: 'read' };

/**
 * Which report the caller gets: the city's (no town) or one town's. A town admin always gets their
 * own town's; naming another town is answered like a town that does not exist (404).
 */
export async function resolveTown(db: Db, ctx: RequestContext, town: string | undefined): Promise<{ id: string; name: string } | null> {
  const scope = scopeOf(ctx.actor, REPORT_READ);
  if (scope === 'town') {
    if (!ctx.actor.townId || (town !== undefined && town !== ctx.actor.townId)) throw notFound();
    town = ctx.actor.townId;
  } else if (scope !== 'all') {
    throw notFound();
  }
  if (town === undefined) return null;
  const row = (await targetsRepo.townsInOrder(db)).find((t) => t.id === town);
  if (!row) throw notFound();
  return row;
}

/**
 * The report's contents for `year`, as of that year: series cut at the year, progress recomputed on
 * them (so the 2023 report says where 2023 stood, whatever came later), the towns' composite index
 * in the year and the reporting period's late or missing submissions.
 */
export async function reportData(db: Db, ctx: RequestContext, query: TargetReportQuery, now = new Date()): Promise<TargetReport> {
  const town = await resolveTown(db, ctx, query.town);
  const year = query.year;
  const [overview, city, comparison, period] = await Promise.all([
    town ? townOverview(db, town.id) : cityOverview(db),
    town ? cityOverview(db) : null,
    townComparison(db, year),
    targetsRepo.annualPeriod(db, year),
  ]);
  const cityValueOf = (code: string) =>
    city?.items.find((x) => x.indicator.code === code)?.series.find((p) => p.year === year)?.value ?? null;
  const indicators = overview.items.map(({ indicator: d, series, targets }) => {
    const upToYear = series.filter((p) => p.year <= year).map((p) => ({ year: p.year, value: p.value }));
    const points = upToYear.filter((p): p is Point => p.value !== null);
    const progress = progressOf({ series: points, targets, baseYear: d.baseYear, direction: d.direction as 'higher' | 'lower' });
    return {
      code: d.code,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      unit: d.unit,
      direction: d.direction as 'higher' | 'lower',
      baseYear: d.baseYear,
      value: upToYear.find((p) => p.year === year)?.value ?? null,
      cityValue: town ? cityValueOf(d.code) : null,
      status: progress.status,
      base: progress.base,
      target: progress.target,
      expected: progress.expected,
      forecast: progress.forecast,
      growthRate: progress.growthRate,
      series: upToYear,
      targets,
    };
  });
  indicators.sort(planOrder);
  const ranked = [...comparison.towns].sort((a, b) => (b.index ?? Number.NEGATIVE_INFINITY) - (a.index ?? Number.NEGATIVE_INFINITY));
  const ranking = ranked.map((t, i) => ({ townId: t.townId, townName: t.townName, index: t.index, rank: t.index === null ? null : i + 1 }));
  const progress = period ? await periodProgress(db, period.id, shanghaiDate(now)) : null;
  const missing = (progress?.towns ?? []).filter((t) => t.status !== 'approved' && (!town || t.townId === town.id));
  return {
    year,
    town,
    generatedAt: now.toISOString(),
    indicators,
    ranking,
    townsReporting: overview.townsReporting.find((r) => r.year === year)?.towns ?? 0,
    townCount: overview.townCount,
    submissions: {
      deadline: progress?.period.deadline ?? null,
      towns: missing.map((t) => ({
        townId: t.townId,
        townName: t.townName,
        status: t.status as TargetReport['submissions']['towns'][number]['status'],
        late: t.late,
      })),
    },
  };
}
