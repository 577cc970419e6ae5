import { sql } from 'drizzle-orm';
import * as repo from '../modules/funding/funding.repository.ts';
import type { Db } from '../platform/db.ts';

/**
 * Demo special funds (资金投入保障) for 2025 and 2026: the city's own lines and a few towns' lines,
 * allocated, partly committed (linked to the institution that spends it where there is one) and
 * partly disbursed. Invented amounts of a plausible size (a few million yuan per programme). Written
 * through the repository, so the fund lines' totals are the real running balances.
 */

type Seed = {
  year: number;
  programme: string;
  town: string | null;
  allocation: number;
  commitment: number;
  disbursement: number;
  link?: string;
};
const WAN = 1_000_000; // fen per 万元

const FUNDS: readonly Seed[] = [
  { year: 2025, programme: 'service_platforms', town: null, allocation: 800 * WAN, commitment: 760 * WAN, disbursement: 700 * WAN },
  { year: 2025, programme: 'key_projects', town: null, allocation: 1200 * WAN, commitment: 1100 * WAN, disbursement: 900 * WAN },
  { year: 2025, programme: 'parks_incubators', town: null, allocation: 500 * WAN, commitment: 420 * WAN, disbursement: 380 * WAN },
  { year: 2025, programme: 'talent', town: null, allocation: 600 * WAN, commitment: 560 * WAN, disbursement: 520 * WAN },
  {
    year: 2025,
    programme: 'service_platforms',
    town: '古镇镇',
    allocation: 300 * WAN,
    commitment: 280 * WAN,
    disbursement: 260 * WAN,
    link: 'platform',
  },
  {
    year: 2025,
    programme: 'service_platforms',
    town: '小榄镇',
    allocation: 200 * WAN,
    commitment: 180 * WAN,
    disbursement: 150 * WAN,
    link: 'platform',
  },
  { year: 2026, programme: 'service_platforms', town: null, allocation: 1000 * WAN, commitment: 650 * WAN, disbursement: 320 * WAN },
  { year: 2026, programme: 'key_projects', town: null, allocation: 1500 * WAN, commitment: 900 * WAN, disbursement: 400 * WAN },
  { year: 2026, programme: 'parks_incubators', town: null, allocation: 600 * WAN, commitment: 300 * WAN, disbursement: 120 * WAN },
  { year: 2026, programme: 'talent', town: null, allocation: 800 * WAN, commitment: 500 * WAN, disbursement: 260 * WAN },
  {
    year: 2026,
    programme: 'service_platforms',
    town: '古镇镇',
    allocation: 350 * WAN,
    commitment: 240 * WAN,
    disbursement: 120 * WAN,
    link: 'platform',
  },
  { year: 2026, programme: 'parks_incubators', town: '古镇镇', allocation: 150 * WAN, commitment: 90 * WAN, disbursement: 40 * WAN },
  {
    year: 2026,
    programme: 'service_platforms',
    town: '小榄镇',
    allocation: 250 * WAN,
    commitment: 200 * WAN,
    disbursement: 90 * WAN,
    link: 'platform',
  },
  { year: 2026, programme: 'key_projects', town: '东凤镇', allocation: 180 * WAN, commitment: 60 * WAN, disbursement: 0 },
  { year: 2026, programme: 'talent', town: '中山港街道', allocation: 220 * WAN, commitment: 150 * WAN, disbursement: 80 * WAN },
];

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

export async function seedFunding(tx: Db, adminId: string | null): Promise<number> {
  const towns = new Map(rowsOf<{ id: string; name: string }>(await tx.execute(sql`select id, name from towns`)).map((t) => [t.name, t.id]));
  const platformOf = async (townId: string) =>
    rowsOf<{ id: string }>(
      await tx.execute(
        sql`select id from institutions where town_id = ${townId} and type in ('public_service_platform', 'ip_protection_centre') order by name limit 1`,
      ),
    )[0]?.id ?? null;
  let records = 0;
  for (const f of FUNDS) {
    const townId = f.town ? (towns.get(f.town) ?? null) : null;
    if (f.town && !townId) continue;
    const line = { year: f.year, programme: f.programme, townId };
    const linkId = f.link && townId ? await platformOf(townId) : null;
    const steps = [
      ['allocation', f.allocation, `${f.year}-02-15`, f.town ? '镇街配套资金下达' : '市财政专项资金下达'],
      ['commitment', f.commitment, `${f.year}-05-20`, linkId ? '平台建设项目立项' : '项目立项安排'],
      ['disbursement', f.disbursement, `${f.year}-09-30`, '按进度拨付'],
    ] as const;
    for (const [kind, amountFen, recordDate, note] of steps) {
      if (amountFen <= 0) continue;
      const link = kind !== 'allocation' && linkId ? { linkType: 'institution', linkId } : {};
      await repo.insertRecord(tx, { ...line, kind, amountFen, recordDate, note, createdBy: adminId, ...link });
      await repo.addToLine(tx, line, kind, amountFen);
      records++;
    }
  }
  return records;
}
