import type { Db } from '../../platform/db.ts';
import { type DatedCount, servicePlatformEntries, settledVoucherFen } from './platform-statistics.repository.ts';

/**
 * Statistics the platform already knows are computed from the modules' records, never typed by the
 * towns (the catalogue marks them `source: 'platform'`; submission-rules refuses a typed value).
 *
 * Which years a computed statistic covers: from the first year the platform holds any record of
 * it, city-wide, up to the current year. Earlier years keep the figures towns reported before the
 * platform existed (their approved history), so the 2014 base year and the trend stay intact.
 *
 * - `service_platforms` (个, stock at year end): institutions registered as public service platforms
 *   plus approved members of the service alliance (公共服务平台联盟), each once, in its town.
 * - `voucher_subsidies_settled` (万元, flow in the year): innovation-voucher subsidies settled out of the
 *   vouchers ledger, by the voucher holder's town and the Shanghai year of settlement.
 *
 * Seams — statistics the platform will compute once their module exists (until then towns report them):
 * - `invention_applications`, `invention_patents_valid`: the patent database (issue 5) exists, but holds a
 *   sample (demo and imported records), not the city's full CNIPA record, so towns keep reporting these two
 *   (decision in ARCHITECTURE.md › Patent landscape). The landscape computes them from the database beside
 *   the reported figures; when the database holds the full record, add a source here from
 *   modules/patent-landscape/patent-landscape.repository.ts (inventionApplications, inventionValidity).
 * - `parks_incubators`: no incubation module and no institution kind for science parks or incubators
 *   in the data yet; count them here when the incubation module (plan section 三) registers them.
 * - `key_problems_solved`: the projects module (key-problem board, plan section 二) is not built.
 */

export type PlatformFigure = { townId: string; year: number; statisticCode: string; value: number };

type PlatformSource = {
  /** A stock is counted cumulatively (entries up to the year's end); a flow is the year's own sum. */
  kind: 'stock' | 'flow';
  /** Records per town and year, in the source's own measure. */
  records: (db: Db) => Promise<DatedCount[]>;
  /** From the source's measure to the statistic's unit. */
  scale: number;
};

const FEN_PER_WAN_YUAN = 1_000_000;

export const PLATFORM_SOURCES: Readonly<Record<string, PlatformSource>> = {
  service_platforms: { kind: 'stock', records: servicePlatformEntries, scale: 1 },
  voucher_subsidies_settled: { kind: 'flow', records: settledVoucherFen, scale: 1 / FEN_PER_WAN_YUAN },
};

/** The statistics whose source is not built yet, and the module that will provide them. */
export const PENDING_PLATFORM_SOURCES: Readonly<Record<string, string>> = {
  invention_applications: 'ip (patent database, issue 5)',
  invention_patents_valid: 'ip (patent database, issue 5)',
  parks_incubators: 'incubation',
  key_problems_solved: 'projects',
};

export const PLATFORM_STATISTIC_CODES: readonly string[] = Object.keys(PLATFORM_SOURCES);

/**
 * Expands a source's dated records into one figure per town and year, from the first record year
 * to `lastYear`, with 0 for a town without records (the platform knows it has none).
 */
export function expandFigures(
  code: string,
  source: Pick<PlatformSource, 'kind' | 'scale'>,
  records: readonly DatedCount[],
  townIds: readonly string[],
  lastYear: number,
): PlatformFigure[] {
  if (records.length === 0) return [];
  const firstYear = Math.min(...records.map((r) => r.year));
  const byTownYear = new Map<string, number>();
  for (const r of records) byTownYear.set(`${r.townId}:${r.year}`, (byTownYear.get(`${r.townId}:${r.year}`) ?? 0) + r.value);
  const out: PlatformFigure[] = [];
  for (const townId of townIds) {
    let running = 0;
    for (let year = firstYear; year <= lastYear; year++) {
      const own = byTownYear.get(`${townId}:${year}`) ?? 0;
      running += own;
      const raw = source.kind === 'stock' ? running : own;
      out.push({ townId, year, statisticCode: code, value: raw * source.scale });
    }
  }
  return out;
}

/** Every platform-computed figure per town and year up to `lastYear` (the current year). */
export async function platformFigures(db: Db, townIds: readonly string[], lastYear: number): Promise<PlatformFigure[]> {
  const all = await Promise.all(
    Object.entries(PLATFORM_SOURCES).map(async ([code, source]) =>
      expandFigures(code, source, await source.records(db), townIds, lastYear),
    ),
  );
  return all.flat();
}

/** A town's figures of one year, statistic code → value (as the dashboards read them). */
export type TownYearFigures = { townId: string; year: number; values: Record<string, number> };

/**
 * The figures the indicators use: the towns' approved figures, where the platform computes a
 * statistic for a year its value instead (a typed value for such a year, left from before the
 * statistic was computed, is ignored). Town-years with only computed figures are added.
 */
export function overlayPlatformFigures(approved: readonly TownYearFigures[], computed: readonly PlatformFigure[]): TownYearFigures[] {
  const covered = new Set(computed.map((f) => `${f.statisticCode}:${f.year}`));
  const out = new Map<string, TownYearFigures>();
  for (const f of approved) {
    const values: Record<string, number> = Object.create(null);
    for (const code in f.values) if (!covered.has(`${code}:${f.year}`)) values[code] = f.values[code] as number;
    out.set(`${f.townId}:${f.year}`, { townId: f.townId, year: f.year, values });
  }
  for (const f of computed) {
    const key = `${f.townId}:${f.year}`;
    const row = out.get(key) ?? { townId: f.townId, year: f.year, values: Object.create(null) };
    row.values[f.statisticCode] = f.value;
    out.set(key, row);
  }
  return [...out.values()];
}
