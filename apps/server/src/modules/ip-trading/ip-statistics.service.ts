import { INDUSTRY_DIVISION_LABELS, type IpStatistics, LISTING_KIND_LABELS, type ListingKind } from '@innotown/contracts/ip-trading';
import type { Db } from '../../platform/db.ts';
import { type StatFact, statFacts } from './ip-statistics.repository.ts';

type Row = IpStatistics['byTown'][number];
const OPEN_LICENCE = { zh: '开放许可', en: 'Open licence' };

function group(facts: StatFact[], keyOf: (f: StatFact) => string, labelOf: (f: StatFact) => { zh: string; en: string }): Row[] {
  const rows = new Map<string, Row>();
  for (const f of facts) {
    const key = keyOf(f);
    const label = labelOf(f);
    const row = rows.get(key) ?? { key, label: label.zh, labelEn: label.en, listings: 0, deals: 0, dealValueFen: 0 };
    row.listings += f.listings;
    row.deals += f.dealsCompleted;
    row.dealValueFen += f.valueFen;
    rows.set(key, row);
  }
  return [...rows.values()];
}
const byValue = (a: Row, b: Row) =>
  b.dealValueFen - a.dealValueFen || b.deals - a.deals || b.listings - a.listings || a.key.localeCompare(b.key);

/**
 * Trading statistics, pure over the grouped facts: listings (published; open-licence declarations included),
 * deals (completed: contracts recorded, and open licences taken) and deal value (their amounts in fen), by year,
 * seller's town, seller's industry (GB/T 4754 division of its industry code) and kind, for one year or all years.
 */
export function summarise(facts: StatFact[], year: number | null): IpStatistics {
  const years = [...new Set(facts.map((f) => f.year))].sort((a, b) => a - b);
  const inYear = year === null ? facts : facts.filter((f) => f.year === year);
  const sum = (pick: (f: StatFact) => number, of = inYear) => of.reduce((s, f) => s + pick(f), 0);
  const trading = inYear.filter((f) => f.kind !== 'open_licence');
  const open = inYear.filter((f) => f.kind === 'open_licence');
  return {
    year,
    years,
    totals: {
      listings: sum((f) => f.listings, trading),
      published: sum((f) => f.listings, trading),
      offers: sum((f) => f.offers, trading),
      deals: sum((f) => f.deals, trading),
      dealsCompleted: sum((f) => f.dealsCompleted, trading),
      dealValueFen: sum((f) => f.valueFen, trading),
      openLicences: sum((f) => f.listings, open),
      openLicencesTaken: sum((f) => f.dealsCompleted, open),
      openLicenceValueFen: sum((f) => f.valueFen, open),
    },
    byYear: group(
      facts,
      (f) => String(f.year),
      (f) => ({ zh: `${f.year}年`, en: String(f.year) }),
    ).sort((a, b) => a.key.localeCompare(b.key)),
    byTown: group(
      inYear,
      (f) => f.townId,
      (f) => ({ zh: f.townName, en: f.townNameEn }),
    ).sort(byValue),
    byIndustry: group(
      inYear,
      (f) => f.industry,
      (f) => INDUSTRY_DIVISION_LABELS[f.industry] ?? { zh: f.industry, en: f.industry },
    ).sort(byValue),
    byKind: group(
      inYear,
      (f) => f.kind,
      (f) => (f.kind === 'open_licence' ? OPEN_LICENCE : (LISTING_KIND_LABELS[f.kind as ListingKind] ?? { zh: f.kind, en: f.kind })),
    ).sort(byValue),
  };
}

export async function statistics(db: Db, year: number | undefined): Promise<IpStatistics> {
  return summarise(await statFacts(db), year ?? null);
}
