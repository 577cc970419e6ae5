import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type Actor, recordInScope, scopeOf } from '../../platform/policy.ts';
import { compositeIndex, type IndexIndicator } from './composite-index.ts';
import { centreOf, loadModel, points, rankTowns, seriesOf } from './indicators.service.ts';
import { progressOf } from './progress.ts';
import * as repo from './targets.repository.ts';

type Model = Awaited<ReturnType<typeof loadModel>>;

/** Every town's value of every indicator in every year: town → indicator code → year → value. */
function townValues(m: Model) {
  const out = new Map<string, Map<string, Map<number, number | null>>>();
  for (const town of m.towns) {
    const figures = m.byTown.get(town.id);
    const perIndicator = new Map<string, Map<number, number | null>>();
    for (const def of m.defs) perIndicator.set(def.code, new Map(seriesOf(def, m.units, figures, m.years).map((p) => [p.year, p.value])));
    out.set(town.id, perIndicator);
  }
  return out;
}

/**
 * One town's page: each indicator over the years with the town's own targets and progress, its rank
 * among the towns per year, the composite index over the years (normalised across all towns and
 * years, as in the comparison) and its approved base statistics of the year for those who may read the
 * town's submissions (the city; a town admin for their own town) — the public sees the indicators only.
 */
export async function townDashboard(db: Db, code: string, askedYear: number | undefined, actor: Actor) {
  const m = await loadModel(db);
  const town = m.towns.find((t) => t.code === code);
  if (!town) throw notFound();
  const values = townValues(m);
  // By default the latest year the town itself has approved figures for (a later year may still be in review).
  const ownYears = m.years.filter((y) => m.reporting.get(y)?.has(town.id));
  const year = askedYear ?? ownYears.at(-1) ?? m.years.at(-1) ?? null;

  const indicators = m.defs.map((def) => {
    const series = seriesOf(def, m.units, m.byTown.get(town.id), m.years);
    const citySeries = seriesOf(def, m.units, m.city, m.years).map((p) => ({ year: p.year, value: p.value }));
    const targets = m.targets
      .filter((t) => t.indicatorId === def.id && t.townId === town.id)
      .map((t) => ({ year: t.year, value: t.value }));
    const asOf = series.filter((p) => year === null || p.year <= year);
    const ranks = m.years.map((y) => {
      const all = m.towns.map((t) => ({ id: t.id, v: values.get(t.id)?.get(def.code)?.get(y) ?? null }));
      const ranked = rankTowns(all, def.direction);
      return { year: y, rank: ranked.get(town.id) ?? null, of: ranked.size };
    });
    return {
      indicator: def,
      series,
      targets,
      progress: progressOf({ series: points(asOf), targets, baseYear: def.baseYear, direction: def.direction as 'higher' | 'lower' }),
      ranks,
      cityValue: citySeries.find((p) => p.year === year)?.value ?? null,
      citySeries,
    };
  });

  const indexIndicators: IndexIndicator[] = m.defs
    .filter((d) => d.inIndex && d.compiled)
    .map((d) => ({ code: d.code, direction: d.direction as 'higher' | 'lower' }));
  const observations = m.towns.flatMap((t) =>
    m.years.map((y) => ({
      townId: t.id,
      year: y,
      values: Object.fromEntries(indexIndicators.map((i) => [i.code, values.get(t.id)?.get(i.code)?.get(y) ?? null])),
    })),
  );
  const results = compositeIndex(indexIndicators, observations).results;
  const index = m.years.map((y) => {
    const ofYear = results.filter((r) => r.year === y);
    const ranked = rankTowns(
      ofYear.map((r) => ({ id: r.townId, v: r.index })),
      'higher',
    );
    return { year: y, index: ofYear.find((r) => r.townId === town.id)?.index ?? null, rank: ranked.get(town.id) ?? null };
  });

  const scope = scopeOf(actor, { resource: 'statisticSubmission', action: 'read' });
  const withStatistics = scope !== null && recordInScope(actor, scope, { townId: town.id });
  let statistics = null;
  if (withStatistics && year !== null) {
    const figures = m.byTown.get(town.id);
    statistics = (await repo.listStatistics(db)).map((s) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      unit: s.unit,
      value: figures?.get(year)?.[s.code] ?? null,
      previousYearValue: figures?.get(year - 1)?.[s.code] ?? null,
    }));
  }

  return {
    town: { id: town.id, code: town.code, name: town.name, nameEn: town.nameEn, centre: centreOf(town.code) },
    year,
    years: m.years,
    townCount: m.towns.length,
    indicators,
    index,
    statistics,
  };
}
