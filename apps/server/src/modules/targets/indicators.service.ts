import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { TOWN_CENTRES } from '../innovation-map/town-centres-data.ts';
import { compositeIndex, type IndexIndicator, type IndexObservation } from './composite-index.ts';
import { type CompiledFormula, compileFormula, type EvaluationProblem, evaluate } from './formula/formula.ts';
import { overlayPlatformFigures, platformFigures } from './platform-statistics.ts';
import { type Point, type Progress, progressOf } from './progress.ts';
import * as repo from './targets.repository.ts';

/**
 * Indicator values over approved figures. A town's value is its formula over its own figures; the
 * city's is the formula over the sums of all towns' figures (ratios of sums, not sums or means of
 * ratios), with the number of towns that reported so a partial year is visible as such.
 */

/** year → statistic → value: a town's as read (one object per year), the city's summed. */
type Figures = Map<number, Record<string, number>>;
type SeriesPoint = { year: number; value: number | null; problem: EvaluationProblem | null };

export type IndicatorDefinition = repo.IndicatorRow & { compiled: CompiledFormula | null };

function entry<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = create();
    map.set(key, v);
  }
  return v;
}

export async function loadModel(db: Db, now = new Date()) {
  const [statistics, indicators, targets, approved, towns] = await Promise.all([
    repo.listStatistics(db),
    repo.listIndicators(db),
    repo.listTargets(db),
    repo.approvedFiguresByTownYear(db),
    repo.townsInOrder(db),
  ]);
  // Statistics the platform computes (service platforms, settled vouchers, …) replace typed ones.
  const computed = await platformFigures(
    db,
    towns.map((t) => t.id),
    Number(shanghaiDate(now).slice(0, 4)),
  );
  const figures = overlayPlatformFigures(approved, computed);
  const units = new Map(statistics.map((s) => [s.code, s.unit]));
  const defs: IndicatorDefinition[] = indicators.map((i) => {
    const c = compileFormula(i.formula, units, i.unit);
    return { ...i, compiled: c.ok ? c.formula : null };
  });
  const byTown = new Map<string, Figures>();
  const city: Figures = new Map();
  const reporting = new Map<number, Set<string>>();
  for (const f of figures) {
    entry(byTown, f.townId, () => new Map()).set(f.year, f.values);
    const sums = entry(city, f.year, () => Object.create(null) as Record<string, number>);
    for (const code in f.values) sums[code] = (sums[code] ?? 0) + (f.values[code] as number);
  }
  // A town reports a year when it has approved figures for it; computed ones do not make a year reported.
  for (const f of approved) entry(reporting, f.year, () => new Set()).add(f.townId);
  const years = [...reporting.keys()].sort((a, b) => a - b);
  return { units, defs, targets, byTown, city, reporting, years, towns };
}

export function seriesOf(
  def: IndicatorDefinition,
  units: Map<string, string>,
  figures: Figures | undefined,
  years: number[],
): SeriesPoint[] {
  if (!def.compiled) return years.map((year) => ({ year, value: null, problem: null }));
  const compiled = def.compiled;
  const lookup = (s: string, y: number) => {
    const v = figures?.get(y)?.[s];
    return typeof v === 'number' ? v : undefined;
  };
  return years.map((year) => {
    const r = evaluate(compiled, units, year, lookup);
    return { year, value: r.value, problem: r.problem };
  });
}

export const points = (s: SeriesPoint[]): Point[] =>
  s.filter((p): p is Point & SeriesPoint => p.value !== null).map((p) => ({ year: p.year, value: p.value }));

export type OverviewItem = {
  indicator: IndicatorDefinition;
  series: SeriesPoint[];
  targets: Point[];
  progress: Progress;
};

/**
 * The city overview: every indicator with its city series, targets and progress (those without a target too).
 * With `asOf`, progress is judged as it stood in that year (the series still runs to the latest year).
 */
export async function cityOverview(db: Db, asOf?: number) {
  return overviewOf(await loadModel(db), null, asOf);
}

/** The same overview for one town: its own figures and the targets set for it (none: no_target). */
export async function townOverview(db: Db, townId: string, asOf?: number) {
  return overviewOf(await loadModel(db), townId, asOf);
}

function overviewOf(m: Awaited<ReturnType<typeof loadModel>>, townId: string | null, asOf?: number) {
  const figures = townId === null ? m.city : m.byTown.get(townId);
  const upTo = (s: SeriesPoint[]) => (asOf === undefined ? s : s.filter((p) => p.year <= asOf));
  const items: OverviewItem[] = m.defs.map((def) => {
    const series = seriesOf(def, m.units, figures, m.years);
    const targets = m.targets.filter((t) => t.indicatorId === def.id && t.townId === townId).map((t) => ({ year: t.year, value: t.value }));
    return {
      indicator: def,
      series,
      targets,
      progress: progressOf({
        series: points(upTo(series)),
        targets,
        baseYear: def.baseYear,
        direction: def.direction as 'higher' | 'lower',
      }),
    };
  });
  return {
    items,
    years: m.years,
    townsReporting: m.years.map((y) => ({ year: y, towns: m.reporting.get(y)?.size ?? 0 })),
    townCount: m.towns.length,
  };
}

/**
 * Every town's value of every indicator in `year`, its rank per indicator, and the composite index
 * (over the indicators marked for it, normalised across all towns and years).
 */
export async function townComparison(db: Db, year: number) {
  const m = await loadModel(db);
  // Each town's series of each indicator, once: the index normalises across all towns and years, the
  // table shows `year` (which may lie outside the years with figures: then every value is null).
  const years = m.years.includes(year) ? m.years : [...m.years, year];
  const observations: IndexObservation[] = [];
  const valuesByTown = new Map<string, Record<string, number | null>>();
  for (const town of m.towns) {
    const figures = m.byTown.get(town.id);
    const perYear = years.map(() => ({}) as Record<string, number | null>);
    for (const def of m.defs) {
      const series = seriesOf(def, m.units, figures, years);
      for (let i = 0; i < years.length; i++) (perYear[i] as Record<string, number | null>)[def.code] = series[i]?.value ?? null;
    }
    for (const [i, y] of years.entries()) {
      if (m.reporting.has(y)) observations.push({ townId: town.id, year: y, values: perYear[i] as Record<string, number | null> });
      if (y === year) valuesByTown.set(town.id, perYear[i] as Record<string, number | null>);
    }
  }
  const indexIndicators: IndexIndicator[] = m.defs
    .filter((d) => d.inIndex && d.compiled)
    .map((d) => ({ code: d.code, direction: d.direction as 'higher' | 'lower' }));
  // compositeIndex reads only the index indicators' codes from each observation's values.
  const index = compositeIndex(indexIndicators, observations);
  const indexOf = new Map(index.results.filter((r) => r.year === year).map((r) => [r.townId, r.index]));
  const rank = (code: string, direction: string) =>
    rankTowns(
      m.towns.map((t) => ({ id: t.id, v: valuesByTown.get(t.id)?.[code] ?? null })),
      direction,
    );
  const ranks = new Map(m.defs.map((d) => [d.code, rank(d.code, d.direction)]));
  return {
    year,
    indicators: m.defs,
    towns: m.towns.map((t) => ({
      townId: t.id,
      townCode: t.code,
      townName: t.name,
      townNameEn: t.nameEn,
      centre: centreOf(t.code),
      index: indexOf.get(t.id) ?? null,
      values: m.defs.map((d) => ({
        code: d.code,
        value: valuesByTown.get(t.id)?.[d.code] ?? null,
        rank: ranks.get(d.code)?.get(t.id) ?? null,
        target: m.targets.find((x) => x.indicatorId === d.id && x.townId === t.id && x.year >= year)?.value ?? null,
      })),
    })),
    indexTreatments: index.treatments,
  };
}

/** Rank of each town among those with a value (1 = best in the indicator's direction). */
export function rankTowns(values: { id: string; v: number | null }[], direction: string): Map<string, number> {
  const ranked = values
    .filter((x): x is { id: string; v: number } => x.v !== null)
    .sort((a, b) => (direction === 'lower' ? a.v - b.v : b.v - a.v));
  return new Map(ranked.map((x, i) => [x.id, i + 1]));
}

/** The town's approximate centre on the city map (GCJ-02), null for a town without one. */
export function centreOf(code: string): [number, number] | null {
  const c = TOWN_CENTRES[code];
  return c ? [c[0], c[1]] : null;
}
