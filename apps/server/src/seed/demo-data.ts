/**
 * Deterministic demo data for InnoTown: Zhongshan's 23 towns, ~40 institutions, ~300 × scale
 * fictional enterprises with 2019–2025 figures, the demo accounts and the 2025–2026 holiday
 * calendar. Pure: no database, no clock, no Math.random — the same options always give the
 * same output, so the seed can be re-run and tests can rely on it.
 *
 * Provenance: towns from the NBS 2023 division codes and product.md (see towns-data.ts);
 * institutions from product.md and public knowledge (institutions-data.ts); enterprises and
 * people are invented (enterprise-names.ts, enterprises.ts); holidays from the State Council
 * notices (holidays-data.ts).
 */
import type { Role } from '@innotown/contracts/common';
import type { InstitutionType } from '@innotown/contracts/institutions';
import { makeCreditCode } from './credit-codes.ts';
import { generateEnterprise, type Registry } from './enterprises.ts';
import { holidays } from './holidays-data.ts';
import { INSTITUTION_ROWS } from './institutions-data.ts';
import { mixSeed, Random } from './random.ts';
import { generateResources, type SeedBooking, type SeedResource, type SeedResourceLink } from './resources-data.ts';
import { generateServices, type SeedMembership, type SeedService } from './services-data.ts';
import { TOWN_ROWS, type TownRow } from './towns-data.ts';
import { generateUsageHistory } from './usage-history.ts';

export type SeedTown = {
  code: string;
  name: string;
  nameEn: string;
  kind: 'town' | 'subdistrict';
  industries: string[];
  description: string;
  population: number;
  longitude: number;
  latitude: number;
};
export type SeedInstitution = {
  key: string;
  name: string;
  type: InstitutionType;
  level: 'national' | 'provincial' | 'city' | 'town';
  townCode: string;
  creditCode: string | null;
  description: string;
  website: string | null;
};
export type SeedEnterprise = {
  key: string;
  name: string;
  creditCode: string;
  industryCode: string;
  townCode: string;
  sizeClass: 'large' | 'medium' | 'small' | 'micro';
  isHighTech: boolean;
  isTechSme: boolean;
  isAboveScale: boolean;
  address: string;
  description: string;
  contactName: string;
  contactPhone: string;
  figures: {
    year: number;
    revenueFen: number;
    rdExpenditureFen: number;
    employees: number;
    rdStaff: number;
    highTechOutputFen: number;
  }[];
};
export type SeedUser = {
  username: string;
  displayName: string;
  role: Role;
  townCode?: string;
  institutionKey?: string;
  enterpriseKey?: string;
  email: string | null;
  phone: string | null;
};
export type DemoData = {
  towns: SeedTown[];
  institutions: SeedInstitution[];
  enterprises: SeedEnterprise[];
  users: SeedUser[];
  holidays: { date: string; name: string; isWorkday: boolean }[];
  /** The innovation resource catalogue (fixed count, independent of scale and seed); keyed by institution key. */
  resources: SeedResource[];
  /** Links between resources, by resource key. */
  resourceLinks: SeedResourceLink[];
  /** Bookings of the `enterprise` account on lighting instruments, at fixed times. */
  bookings: SeedBooking[];
  /** A year of use of the instruments (the last months only at scale < 1), for the sharing statistics. */
  usageHistory: UsageHistory;
  /** The service alliance: members (approved) and applications waiting for the city. */
  memberships: SeedMembership[];
  /** The service marketplace catalogue, linked to resources by key. */
  services: SeedService[];
};
export type { SeedBooking, SeedMembership, SeedResource, SeedResourceLink, SeedService };
export type UsageHistory = ReturnType<typeof generateUsageHistory>;

/** Password of every demo account. */
export const DEMO_PASSWORD = 'InnoTown#2026';
export const DEFAULT_SEED = 2026;
/** Enterprises at scale 1. */
export const ENTERPRISES_PER_SCALE = 300;

const GUZHEN_CODE = '442000105';
/** The lighting company of the `enterprise` account: always the first enterprise of 古镇镇. */
export const DEMO_ENTERPRISE_KEY = 'guzhen-0001';
const DEMO_ENTERPRISE_NAME = '中山市古镇镇星耀灯饰照明有限公司';
const DEMO_CONTACT = '梁嘉敏';
/** Fixed streams so that institutions and the demo enterprise are the same under any seed. */
const INSTITUTION_STREAM = 0x1e571;
const DEMO_ENTERPRISE_STREAM = 0xde0;

const USERS: readonly SeedUser[] = [
  { username: 'admin', displayName: '市科技局管理员', role: 'city_admin', email: 'admin@innotown.example', phone: null },
  {
    username: 'guzhen',
    displayName: '古镇镇管理员',
    role: 'town_admin',
    townCode: GUZHEN_CODE,
    email: 'guzhen@innotown.example',
    phone: '13800001105',
  },
  {
    username: 'xiaolan',
    displayName: '小榄镇管理员',
    role: 'town_admin',
    townCode: '442000118',
    email: 'xiaolan@innotown.example',
    phone: '13800001118',
  },
  {
    username: 'provider',
    displayName: '市生产力促进中心服务专员',
    role: 'provider',
    institutionKey: 'zhongshan-productivity-centre',
    email: 'provider@innotown.example',
    phone: '13800002001',
  },
  {
    username: 'enterprise',
    displayName: DEMO_CONTACT,
    role: 'enterprise',
    enterpriseKey: DEMO_ENTERPRISE_KEY,
    email: 'enterprise@innotown.example',
    phone: null,
  },
  { username: 'expert', displayName: '林国华', role: 'expert', email: 'expert@innotown.example', phone: '13800004001' },
  {
    username: 'bank',
    displayName: '工行中山分行科技金融客户经理',
    role: 'financier',
    institutionKey: 'icbc-zhongshan',
    email: 'bank@innotown.example',
    phone: '13800005001',
  },
  // A few more, so that lists and permissions have something to compare with.
  {
    username: 'dongfeng',
    displayName: '东凤镇管理员',
    role: 'town_admin',
    townCode: '442000103',
    email: 'dongfeng@innotown.example',
    phone: '13800001103',
  },
  {
    username: 'lamplab',
    displayName: '国家灯具检测中心业务专员',
    role: 'provider',
    institutionKey: 'national-lighting-test-centre',
    email: 'lamplab@innotown.example',
    phone: '13800002002',
  },
];

function toSeedTown(row: TownRow): SeedTown {
  const { code, name, nameEn, kind, industries, description, population, longitude, latitude } = row;
  return { code, name, nameEn, kind, industries: [...industries], description, population, longitude, latitude };
}

/** Splits `total` over the towns by weight (largest remainder), so the sum is exact. */
function allocate(total: number): number[] {
  const weightSum = TOWN_ROWS.reduce((sum, t) => sum + t.weight, 0);
  const exact = TOWN_ROWS.map((t) => (total * t.weight) / weightSum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

export function generateDemoData(options: { scale?: number; seed?: number } = {}): DemoData {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`scale must be a finite number ≥ 0, got ${scale}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);

  const registry: Registry = { names: new Set(), creditCodes: new Set() };

  const institutionRng = new Random(INSTITUTION_STREAM);
  const institutions = INSTITUTION_ROWS.map(
    ({ creditCategory, ...row }): SeedInstitution => ({
      ...row,
      creditCode: creditCategory ? makeCreditCode(institutionRng, creditCategory, registry.creditCodes) : null,
    }),
  );

  // The demo enterprise comes first and from its own stream: same company under every seed and scale.
  const guzhen = TOWN_ROWS.find((t) => t.code === GUZHEN_CODE);
  if (!guzhen) throw new Error('古镇镇 missing from the town table');
  const demoEnterprise = generateEnterprise(new Random(DEMO_ENTERPRISE_STREAM), guzhen, DEMO_ENTERPRISE_KEY, registry, {
    name: DEMO_ENTERPRISE_NAME,
    industryCode: 'C3872',
    sizeClass: 'small',
    isHighTech: true,
    isTechSme: true,
    contactName: DEMO_CONTACT,
  });

  const counts = allocate(Math.max(0, Math.round(ENTERPRISES_PER_SCALE * scale) - 1));
  const enterprises: SeedEnterprise[] = [];
  TOWN_ROWS.forEach((town, townIndex) => {
    // One stream per town: a town's first enterprises stay the same when the scale grows.
    const rng = new Random(mixSeed(seed, townIndex + 1));
    let number = 1;
    if (town.code === GUZHEN_CODE) {
      enterprises.push(demoEnterprise);
      number++;
    }
    for (let i = 0; i < (counts[townIndex] ?? 0); i++, number++) {
      const key = `${town.slug}-${String(number).padStart(4, '0')}`;
      enterprises.push(generateEnterprise(rng, town, key, registry));
    }
  });

  const users = USERS.map((u) => ({
    ...u,
    ...(u.enterpriseKey === DEMO_ENTERPRISE_KEY ? { phone: demoEnterprise.contactPhone } : {}),
  }));

  const catalogue = generateResources(institutions, new Map(TOWN_ROWS.map((t) => [t.code, t.name])));
  const calendar = holidays();
  const usageHistory = generateUsageHistory(catalogue.resources, enterprises, calendar, {
    scale,
    excludeEnterpriseKey: DEMO_ENTERPRISE_KEY,
  });

  const alliance = generateServices(institutions, catalogue.resources);

  return {
    towns: TOWN_ROWS.map(toSeedTown),
    institutions,
    enterprises,
    users,
    holidays: calendar,
    ...catalogue,
    usageHistory,
    ...alliance,
  };
}
