/**
 * Fictional demo enterprises with seven years of figures (2019–2025).
 *
 * Size classes follow the statistical rule for industrial enterprises (统计上大中小微型企业
 * 划分办法): micro < 20 staff or < 300万元 revenue, small ≥ 20 staff and ≥ 300万元, medium ≥ 300
 * staff and ≥ 2000万元, large ≥ 1000 staff and ≥ 4亿元. Flags follow their real criteria loosely:
 * 高新技术企业 need R&D ≥ 3–5% of revenue (by revenue tier), ≥ 10% R&D staff and ≥ 60% of
 * revenue from high-tech products; 科技型中小企业 are SMEs (≤ 500 staff, ≤ 2亿元 revenue);
 * 规模以上工业 means annual revenue ≥ 2000万元 (latest year).
 */

import { makeCreditCode } from './credit-codes.ts';
import type { SeedEnterprise } from './demo-data.ts';
import { BRAND_FIRST, BRAND_SECOND, GIVEN, MOBILE_PREFIXES, ROADS, SECTORS, type Sector, SURNAMES } from './enterprise-names.ts';
import type { Random } from './random.ts';
import type { TownRow } from './towns-data.ts';

type SizeClass = SeedEnterprise['sizeClass'];
type Figures = SeedEnterprise['figures'][number];

export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2025;
const YUAN = 100; // fen per yuan
const WAN = 10_000 * YUAN; // fen per 万元
const ABOVE_SCALE_FEN = 2_000 * WAN;

const SIZE_WEIGHTS: readonly (readonly [SizeClass, number])[] = [
  ['large', 2],
  ['medium', 10],
  ['small', 46],
  ['micro', 42],
];

/** Latest-year revenue (万元) and headcount ranges, and the base chance of being high-tech. */
const SIZE_PROFILES: Record<SizeClass, { revenueWan: [number, number]; employees: [number, number]; highTech: number }> = {
  large: { revenueWan: [40_000, 500_000], employees: [1_000, 6_000], highTech: 0.6 },
  medium: { revenueWan: [2_000, 40_000], employees: [300, 999], highTech: 0.35 },
  // Some small firms pass 2000万元 with fewer than 300 staff: above-scale yet small.
  small: { revenueWan: [300, 2_500], employees: [20, 299], highTech: 0.13 },
  micro: { revenueWan: [50, 300], employees: [3, 19], highTech: 0.04 },
};

const DESCRIPTIONS: Record<Sector['kind'], readonly string[]> = {
  manufacturing: ['主要从事{p}的研发、生产和销售。', '专业生产{p}，产品内销与出口并重。', '{p}制造企业，具备自主设计和规模化生产能力。'],
  service: ['主要提供{p}。', '专注于{p}，服务珠三角制造企业。'],
  agriculture: ['主要从事{p}的种植和销售。', '{p}种植企业，产品销往珠三角各地。'],
};

export type Registry = { names: Set<string>; creditCodes: Set<string> };

/** What the demo enterprise fixes; everything else is drawn. */
export type EnterpriseOverrides = Partial<
  Pick<SeedEnterprise, 'name' | 'industryCode' | 'sizeClass' | 'isHighTech' | 'isTechSme' | 'contactName'>
>;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function sectorOf(code: string): Sector {
  const sector = SECTORS[code];
  if (!sector) throw new Error(`no sector for industry code ${code}`);
  return sector;
}

function shortTownName(town: TownRow): string {
  return town.name.replace(/(街道|镇)$/, '');
}

/**
 * 中山市 [+ town] + 字号 + industry word + 有限公司, unique in the registry. Two-character trade
 * names run out in the biggest towns at large scales, so repeated collisions move on to three.
 */
function makeName(rng: Random, town: TownRow, sector: Sector, size: SizeClass, names: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    let brand = '';
    const length = attempt < 8 ? 2 : attempt < 40 ? 3 : 4;
    for (let i = 0; i < length; i++) {
      let c = rng.pick(i === 0 ? BRAND_FIRST : BRAND_SECOND);
      while (brand.endsWith(c)) c = rng.pick(BRAND_SECOND);
      brand += c;
    }
    const r = rng.next();
    const place = town.kind === 'town' && r < 0.3 ? town.name : town.kind === 'town' && r < 0.5 ? shortTownName(town) : '';
    const form = size === 'large' && rng.chance(0.5) ? '股份有限公司' : '有限公司';
    const name = `中山市${place}${brand}${rng.pick(sector.words)}${form}`;
    if (!names.has(name)) {
      names.add(name);
      return name;
    }
  }
}

function makePerson(rng: Random): string {
  const given = rng.pick(GIVEN) + (rng.chance(0.75) ? rng.pick(GIVEN) : '');
  return rng.pick(SURNAMES) + given;
}

function makeMobile(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Minimum R&D intensity of a high-tech enterprise by revenue tier (工作指引). */
function highTechMinRd(revenueFen: number): number {
  if (revenueFen < 5_000 * WAN) return 0.05;
  if (revenueFen < 20_000 * WAN) return 0.04;
  return 0.03;
}

export function generateEnterprise(
  rng: Random,
  town: TownRow,
  key: string,
  registry: Registry,
  overrides: EnterpriseOverrides = {},
): SeedEnterprise {
  const industryCode = overrides.industryCode ?? rng.weighted(town.sectors);
  const sector = sectorOf(industryCode);
  let sizeClass = overrides.sizeClass ?? rng.weighted(SIZE_WEIGHTS);
  if (sizeClass === 'large' && sector.kind !== 'manufacturing' && !overrides.sizeClass) sizeClass = 'medium';
  const profile = SIZE_PROFILES[sizeClass];

  const revenueFen = Math.round(rng.logBetween(profile.revenueWan[0], profile.revenueWan[1]) * WAN);
  const employees = Math.round(rng.logBetween(profile.employees[0], profile.employees[1] + 1) - 0.5);

  const isHighTech = overrides.isHighTech ?? rng.chance(Math.min(0.9, profile.highTech * sector.tech));
  const smeEligible = sizeClass !== 'large' && employees <= 500 && revenueFen <= 20_000 * WAN;
  const isTechSme = overrides.isTechSme ?? (smeEligible && rng.chance(isHighTech ? 0.8 : Math.min(0.6, 0.17 * sector.tech)));

  // Per-firm intensities; each year then wobbles around them.
  const rdShare = isHighTech
    ? clamp(highTechMinRd(revenueFen) + rng.between(0, 0.012), 0.005, 0.06)
    : isTechSme
      ? rng.between(0.015, 0.04)
      : rng.between(0.005, 0.02);
  const rdStaffShare = isHighTech ? rng.between(0.1, 0.3) : isTechSme ? rng.between(0.05, 0.15) : rng.between(0, 0.06);
  const highTechShare = isHighTech ? rng.between(0.6, 0.9) : isTechSme && rng.chance(0.3) ? rng.between(0.1, 0.4) : 0;
  const minRdStaff = isHighTech ? 0.1 : 0; // the high-tech criterion, kept every year
  const trend = rng.between(-0.04, 0.14) + (isHighTech ? 0.03 : 0);

  // Revenue is drawn for the latest year and walked back, with the 2020 dip and 2021 rebound.
  const revenues: number[] = [revenueFen];
  for (let year = LAST_YEAR; year > FIRST_YEAR; year--) {
    const growth = trend + rng.between(-0.05, 0.05) + (year === 2020 ? -0.12 : year === 2021 ? 0.08 : 0);
    revenues.unshift((revenues[0] ?? revenueFen) / (1 + growth));
  }
  const figures: Figures[] = revenues.map((revenue, i) => {
    const rev = Math.round(revenue);
    const staff = Math.max(1, Math.round(employees * Math.sqrt(revenue / revenueFen)));
    return {
      year: FIRST_YEAR + i,
      revenueFen: rev,
      rdExpenditureFen: Math.round(rev * clamp(rdShare + rng.between(-0.003, 0.003), 0.005, 0.06)),
      employees: staff,
      rdStaff: Math.min(staff, Math.round(staff * clamp(rdStaffShare + rng.between(-0.01, 0.01), minRdStaff, 1))),
      highTechOutputFen: highTechShare > 0 ? Math.round(rev * clamp(highTechShare + rng.between(-0.03, 0.03), 0, 1)) : 0,
    };
  });

  const name = overrides.name ?? makeName(rng, town, sector, sizeClass, registry.names);
  registry.names.add(name);
  // Bigger firms are older, so fewer of them carry the post-2015 'MA…' codes.
  const recent = rng.chance(sizeClass === 'micro' || sizeClass === 'small' ? 0.6 : 0.2);
  const template = rng.pick(DESCRIPTIONS[sector.kind]);
  const road = rng.pick(ROADS);
  const number = rng.int(1, 288);

  return {
    key,
    name,
    creditCode: makeCreditCode(rng, '91', registry.creditCodes, recent),
    industryCode,
    townCode: town.code,
    sizeClass,
    isHighTech,
    isTechSme,
    isAboveScale: revenueFen >= ABOVE_SCALE_FEN,
    address: `广东省中山市${town.name}${road}${number}号`,
    description: template.replace('{p}', sector.product),
    contactName: overrides.contactName ?? makePerson(rng),
    contactPhone: makeMobile(rng),
    figures,
  };
}
