import { PATENT_INDUSTRIES, patentIndustry } from '@innotown/contracts/patent-industries';
import type { KindCounts, PatentLandscape, PatentLandscapeIndicator, PatentLandscapeQuery } from '@innotown/contracts/patent-landscape';
import { LANDSCAPE_TOP } from '@innotown/contracts/patent-landscape';
import { type PatentLegalStatus, patentLegalStatuses } from '@innotown/contracts/patents';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import * as targetsRepo from '../targets/targets.repository.ts';
import { shortIpcTitle } from './ipc-titles.ts';
import * as repo from './patent-landscape.repository.ts';
import * as summaryRepo from './patent-landscape-summary.repository.ts';

/**
 * The patent landscape of one filter (town, industry, IPC prefix, applicant, period). Patent data is
 * public: anyone may ask for any filter. Rules of the figures (also in ARCHITECTURE.md):
 * - filings count by application year, grants by grant year (whenever filed), both in the period;
 *   the other charts (applicants, inventors, IPC, industries, local/outside, legal status) count the
 *   patents filed in the period;
 * - growth = this year ÷ the year before − 1, null when the year before has none; the CAGR runs from
 *   the first to the last year of the period with filings;
 * - a patent counts once per IPC subclass / main group / industry it falls in (so shares may sum to
 *   more than the total), and an applicant or inventor once per patent;
 * - indicators: invention applications of local applicants filed in the year per million people, and
 *   inventions granted by the year's end and not lapsed, invalidated or expired by then per 10,000
 *   people; population is the town's approved `population` of target monitoring for that year. The
 *   city's row sums only the towns with an approved population that year (numerator and denominator
 *   alike), as target monitoring sums what was reported.
 */

export const LANDSCAPE_YEARS_DEFAULT = 10;
const TOP_GROUPS = 8;
const TOP_SUBCLASSES = 24;

const emptyKinds = (): KindCounts => ({ invention: 0, utility_model: 0, design: 0, total: 0 });
const growth = (now: number, before: number | undefined) => (before === undefined || before === 0 ? null : now / before - 1);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

type Resolved = { where: repo.LandscapeWhere; filter: PatentLandscape['filter'] };

export async function resolveFilter(db: Db, query: PatentLandscapeQuery, now = new Date()): Promise<Resolved> {
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const to = query.to ?? (query.from !== undefined ? Math.min(thisYear, query.from + LANDSCAPE_YEARS_DEFAULT - 1) : thisYear);
  const from = query.from ?? to - LANDSCAPE_YEARS_DEFAULT + 1;
  let town: PatentLandscape['filter']['town'] = null;
  if (query.town) {
    const row = (await targetsRepo.townsInOrder(db)).find((t) => t.id === query.town);
    if (!row) throw notFound();
    town = { id: row.id, name: row.name, nameEn: row.nameEn };
  }
  const industry = query.industry ? (patentIndustry(query.industry) ?? null) : null;
  const ipc = query.ipc ?? null;
  // A partial subgroup (F21V29/7) is not one of the stored prefixes; the repository matches it by LIKE.
  const partialSubgroup = ipc?.includes('/') === true && !ipc.endsWith('/');
  return {
    where: {
      townId: town?.id ?? null,
      industry,
      ipc: ipc ? { prefix: ipc, partialSubgroup } : null,
      applicant: query.applicant ?? null,
      from,
      to,
    },
    filter: {
      town,
      industry: industry ? { code: industry.code, nameZh: industry.nameZh, nameEn: industry.nameEn } : null,
      ipc: ipc ? { code: ipc, titleZh: shortIpcTitle(ipc, 60) } : null,
      applicant: query.applicant ?? null,
      from,
      to,
    },
  };
}

/**
 * Where the figures come from: a filter of town and years — with at most an IPC subclass or an industry —
 * reads the pre-counted summary unless one of the slices (town, year) it covers is dirty (written since the
 * last refresh); any other filter (an applicant, a class group or subgroup, class and industry together), or a
 * dirty slice, counts the patents themselves — the same answers (tested), only slower. With a subclass or an
 * industry the top applicants and inventors are counted live within it (the summary keeps names without facets).
 * A dirty slice asks for a refresh in the job queue (the trigger marking it asked too).
 */
async function sourceFor(db: Db, where: repo.LandscapeWhere, options: LandscapeOptions) {
  const facet = summaryRepo.facetOf(where);
  if (options.summary === false || facet === null) return { figures: repo, names: repo, from: 'live' as const };
  const state = await summaryRepo.dirtyFor(db, where);
  if (state.dirty) {
    await options.onStale?.(state.lastId);
    return { figures: repo, names: repo, from: 'live' as const };
  }
  return { figures: summaryRepo, names: facet === '' ? summaryRepo : repo, from: 'summary' as const };
}

export type LandscapeOptions = {
  now?: Date;
  /** false: always count the patents (tests compare both sources). */
  summary?: boolean;
  /** Called with the newest dirty mark when a slice the filter covers is dirty (the routes enqueue a refresh). */
  onStale?: (lastMark: number) => Promise<void>;
  /** Told where the figures came from (tests, benchmarks). */
  onSource?: (source: 'summary' | 'live') => void;
};

export async function landscape(db: Db, query: PatentLandscapeQuery, options: LandscapeOptions = {}): Promise<PatentLandscape> {
  const now = options.now ?? new Date();
  const { where, filter } = await resolveFilter(db, query, now);
  const src = await sourceFor(db, where, options);
  options.onSource?.(src.from);
  const [filed, grants, applicants, inventors, classes, industries, applications, validity, figures, towns] = await Promise.all([
    src.figures.filedBreakdown(db, where),
    src.figures.grantsByYear(db, where),
    src.names.topNames(db, where, 'applicants', LANDSCAPE_TOP),
    src.names.topNames(db, where, 'inventors', LANDSCAPE_TOP),
    src.figures.classCounts(db, where),
    src.figures.industryCounts(db, where),
    src.figures.inventionApplications(db, where),
    src.figures.inventionValidity(db, where),
    targetsRepo.approvedFiguresByTownYear(db),
    targetsRepo.townsInOrder(db),
  ]);

  const years = yearRows(filter.from, filter.to, filed, grants);
  const totals = { filed: emptyKinds(), granted: 0, inForce: 0, local: 0, outside: 0 };
  const status = new Map<PatentLegalStatus, number>();
  for (const r of filed) {
    totals.filed[r.kind as keyof KindCounts] += r.n;
    totals.filed.total += r.n;
    if (r.granted) totals.granted += r.n;
    if (r.legalStatus === 'granted') totals.inForce += r.n;
    if (r.local) totals.local += r.n;
    else totals.outside += r.n;
    status.set(r.legalStatus as PatentLegalStatus, (status.get(r.legalStatus as PatentLegalStatus) ?? 0) + r.n);
  }
  const withFilings = years.filter((y) => y.filed.total > 0);
  const first = withFilings[0];
  const last = withFilings[withFilings.length - 1];
  const filedCagr =
    first && last && last.year > first.year ? round((last.filed.total / first.filed.total) ** (1 / (last.year - first.year)) - 1, 6) : null;

  const population = new Map<string, number>();
  for (const f of figures) {
    const p = f.values.population;
    if (typeof p === 'number' && p > 0) population.set(`${f.townId}:${f.year}`, p);
  }

  return {
    filter,
    generatedAt: now.toISOString(),
    totals,
    years,
    filedCagr,
    topApplicants: applicants,
    topInventors: inventors,
    ipc: ipcTree(classes),
    industries: PATENT_INDUSTRIES.map((i) => ({
      code: i.code,
      nameZh: i.nameZh,
      nameEn: i.nameEn,
      count: industries.counts.get(i.code) ?? 0,
    }))
      .filter((i) => i.count > 0)
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    unmapped: industries.unmapped,
    legalStatus: patentLegalStatuses.filter((s) => status.has(s)).map((s) => ({ status: s, count: status.get(s) ?? 0 })),
    indicators: indicatorRows(filter, towns, population, applications, validity),
  };
}

function yearRows(from: number, to: number, filed: repo.FiledRow[], grants: { year: number; kind: string; n: number }[]) {
  const filedBy = new Map<number, KindCounts>();
  const grantedBy = new Map<number, KindCounts>();
  const add = (map: Map<number, KindCounts>, year: number, kind: string, n: number) => {
    const c = map.get(year) ?? emptyKinds();
    c[kind as keyof KindCounts] += n;
    c.total += n;
    map.set(year, c);
  };
  for (const r of filed) add(filedBy, r.year, r.kind, r.n);
  for (const r of grants) add(grantedBy, r.year, r.kind, r.n);
  const out: PatentLandscape['years'] = [];
  for (let year = from; year <= to; year++) {
    const f = filedBy.get(year) ?? emptyKinds();
    const g = grantedBy.get(year) ?? emptyKinds();
    const prevF = year > from ? (filedBy.get(year - 1) ?? emptyKinds()) : undefined;
    const prevG = year > from ? (grantedBy.get(year - 1) ?? emptyKinds()) : undefined;
    out.push({
      year,
      filed: f,
      granted: g,
      filedGrowth: nullableRound(growth(f.total, prevF?.total)),
      grantedGrowth: nullableRound(growth(g.total, prevG?.total)),
      inventionFiledGrowth: nullableRound(growth(f.invention, prevF?.invention)),
    });
  }
  return out;
}

const nullableRound = (v: number | null) => (v === null ? null : round(v, 6));

/** The largest subclasses with their largest main groups (the treemap's two levels). */
function ipcTree(classes: { code: string; n: number }[]): PatentLandscape['ipc'] {
  const subclasses = classes.filter((c) => !c.code.endsWith('/')).sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
  const groups = classes.filter((c) => c.code.endsWith('/'));
  return subclasses.slice(0, TOP_SUBCLASSES).map((s) => ({
    code: s.code,
    titleZh: shortIpcTitle(s.code),
    count: s.n,
    groups: groups
      .filter((g) => g.code.startsWith(s.code))
      .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code))
      .slice(0, TOP_GROUPS)
      .map((g) => ({ code: g.code, titleZh: shortIpcTitle(g.code), count: g.n })),
  }));
}

function indicatorRows(
  filter: PatentLandscape['filter'],
  towns: { id: string; name: string; nameEn: string }[],
  population: Map<string, number>,
  applications: { townId: string; year: number; n: number }[],
  validity: { townId: string; grantYear: number; endYear: number | null; n: number }[],
): PatentLandscapeIndicator[] {
  const appsBy = new Map(applications.map((a) => [`${a.townId}:${a.year}`, a.n]));
  const validAt = (townId: string, year: number) =>
    validity
      .filter((v) => v.townId === townId && v.grantYear <= year && (v.endYear === null || v.endYear > year))
      .reduce((s, v) => s + v.n, 0);
  const shown = filter.town
    ? towns.filter((t) => t.id === filter.town?.id)
    : towns.filter((t) => applications.some((a) => a.townId === t.id) || validity.some((v) => v.townId === t.id));
  const rows: PatentLandscapeIndicator[] = [];
  const row = (
    townId: string | null,
    townName: string,
    townNameEn: string,
    year: number,
    pop: number | null,
    apps: number,
    valid: number,
  ) => ({
    townId,
    townName,
    townNameEn,
    year,
    population: pop,
    inventionApplications: apps,
    validInventions: valid,
    applicationsPerMillion: pop ? round((apps / pop) * 1_000_000, 2) : null,
    validPer10k: pop ? round((valid / pop) * 10_000, 2) : null,
  });
  for (let year = filter.from; year <= filter.to; year++) {
    if (!filter.town) {
      // The city: the towns with a population that year, numerator and denominator alike.
      // Without any population that year, the counts of every town (and no ratios).
      let pop = 0;
      let apps = 0;
      let valid = 0;
      let allApps = 0;
      let allValid = 0;
      for (const t of towns) {
        const a = appsBy.get(`${t.id}:${year}`) ?? 0;
        const v = validAt(t.id, year);
        allApps += a;
        allValid += v;
        const p = population.get(`${t.id}:${year}`);
        if (p === undefined) continue;
        pop += p;
        apps += a;
        valid += v;
      }
      rows.push(
        pop > 0
          ? row(null, '中山市', 'Zhongshan', year, pop, apps, valid)
          : row(null, '中山市', 'Zhongshan', year, null, allApps, allValid),
      );
    }
    for (const t of shown) {
      rows.push(
        row(
          t.id,
          t.name,
          t.nameEn,
          year,
          population.get(`${t.id}:${year}`) ?? null,
          appsBy.get(`${t.id}:${year}`) ?? 0,
          validAt(t.id, year),
        ),
      );
    }
  }
  return rows;
}
