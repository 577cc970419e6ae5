import { roles } from '@innotown/contracts/common';
import { isValidCreditCode } from '@innotown/contracts/credit-code';
import { institutionTypes } from '@innotown/contracts/institutions';
import {
  feeUnits,
  openingHoursSchema,
  resourceKinds,
  resourceLinkRelations,
  resourceReviewStatuses,
  resourceSharings,
  resourceSpecsSchemas,
} from '@innotown/contracts/resources';
import { describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE_KEY, DEMO_PASSWORD, type DemoData, generateDemoData } from './demo-data.ts';
import { SECTORS } from './enterprise-names.ts';
import { DEMO_SPECTRO_KEY, RESOURCE_COUNT } from './resources-data.ts';

const data = generateDemoData();
const GUZHEN = '442000105';

function allCreditCodes(d: DemoData): string[] {
  return [...d.enterprises.map((e) => e.creditCode), ...d.institutions.flatMap((i) => (i.creditCode ? [i.creditCode] : []))];
}

describe('generateDemoData', () => {
  it('is deterministic: same options, same output; another seed, other enterprises', () => {
    expect(generateDemoData()).toEqual(data);
    expect(JSON.stringify(generateDemoData({ seed: 7 }))).toBe(JSON.stringify(generateDemoData({ seed: 7 })));
    const other = generateDemoData({ seed: 7 });
    expect(other.enterprises).not.toEqual(data.enterprises);
    // What the demo relies on does not move with the seed.
    expect(other.towns).toEqual(data.towns);
    expect(other.institutions).toEqual(data.institutions);
    expect(other.enterprises[0]?.key).toBe(data.enterprises[0]?.key);
    expect(other.enterprises.find((e) => e.key === DEMO_ENTERPRISE_KEY)).toEqual(
      data.enterprises.find((e) => e.key === DEMO_ENTERPRISE_KEY),
    );
  });

  it('has the 23 towns with official codes, kinds, populations and coordinates inside Zhongshan', () => {
    expect(data.towns).toHaveLength(23);
    expect(new Set(data.towns.map((t) => t.code)).size).toBe(23);
    for (const t of data.towns) {
      expect(t.code).toMatch(/^442000\d{3}$/);
      expect(t.kind).toBe(t.name.endsWith('街道') ? 'subdistrict' : 'town');
      expect(t.nameEn).toMatch(t.kind === 'town' ? /^[A-Z][a-z]+ Town$/ : /^[A-Z][a-z]+ Subdistrict$/);
      expect(t.industries.length).toBeGreaterThan(0);
      expect(t.longitude).toBeGreaterThan(113.1);
      expect(t.longitude).toBeLessThan(113.7);
      expect(t.latitude).toBeGreaterThan(22.2);
      expect(t.latitude).toBeLessThan(22.8);
    }
    const guzhen = data.towns.find((t) => t.code === GUZHEN);
    expect(guzhen).toMatchObject({ name: '古镇镇', nameEn: 'Guzhen Town', industries: ['灯饰照明'] });
    expect(data.towns.find((t) => t.name === '石岐街道')?.nameEn).toBe('Shiqi Subdistrict');
    const population = data.towns.reduce((sum, t) => sum + t.population, 0);
    expect(population).toBeGreaterThan(4_200_000);
    expect(population).toBeLessThan(4_600_000);
  });

  it('has about 40 institutions with unique keys, known types and towns, including those of product.md', () => {
    const townCodes = new Set(data.towns.map((t) => t.code));
    expect(data.institutions.length).toBeGreaterThanOrEqual(35);
    expect(data.institutions.length).toBeLessThanOrEqual(45);
    expect(new Set(data.institutions.map((i) => i.key)).size).toBe(data.institutions.length);
    expect(new Set(data.institutions.map((i) => i.name)).size).toBe(data.institutions.length);
    for (const i of data.institutions) {
      expect(i.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(institutionTypes).toContain(i.type);
      expect(townCodes.has(i.townCode)).toBe(true);
      if (i.website) expect(i.website).toMatch(/^https:\/\//);
    }
    const names = data.institutions.map((i) => i.name);
    for (const named of [
      '中山装备制造工业研究院',
      '北京理工大学中山研究院',
      '中山翠亨(中兴)智慧城市研究院',
      '中瑞科技发展公司',
      '广东(灯饰)知识产权运营中心',
      '中山市生产力促进中心',
    ]) {
      expect(names).toContain(named);
    }
  });

  it('gives every enterprise and institution a valid, unique credit code of Zhongshan', () => {
    const codes = allCreditCodes(data);
    for (const code of codes) {
      expect(isValidCreditCode(code), code).toBe(true);
      expect(code.slice(2, 8)).toBe('442000');
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives enterprises unique names and keys, industry codes of their town, sane contacts', () => {
    const towns = new Map(data.towns.map((t) => [t.code, t]));
    expect(new Set(data.enterprises.map((e) => e.name)).size).toBe(data.enterprises.length);
    expect(new Set(data.enterprises.map((e) => e.key)).size).toBe(data.enterprises.length);
    for (const e of data.enterprises) {
      expect(e.industryCode).toMatch(/^[A-T]\d{2,4}$/);
      expect(SECTORS[e.industryCode]).toBeDefined();
      expect(towns.has(e.townCode)).toBe(true);
      expect(e.name).toMatch(/^中山市.+有限公司$/);
      expect(e.address).toContain(towns.get(e.townCode)?.name);
      expect(e.contactPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(e.contactName).toMatch(/^\p{Script=Han}{2,3}$/u);
    }
    // 古镇 is a lighting town: its enterprises are in lighting (C387x, C3975) or lighting design.
    for (const e of data.enterprises.filter((x) => x.townCode === GUZHEN)) {
      expect(e.industryCode).toMatch(/^(C387\d|C3975|M7492)$/);
    }
  });

  it('spreads enterprises over towns by industry strength', () => {
    const perTown = (name: string) => {
      const code = data.towns.find((t) => t.name === name)?.code;
      return data.enterprises.filter((e) => e.townCode === code).length;
    };
    expect(perTown('古镇镇')).toBeGreaterThan(30);
    expect(perTown('小榄镇')).toBeGreaterThan(30);
    expect(perTown('古镇镇')).toBeGreaterThan(perTown('神湾镇') * 5);
  });

  it('has plausible figures for 2019–2025', () => {
    for (const e of data.enterprises) {
      expect(e.figures.map((f) => f.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
      for (const f of e.figures) {
        for (const v of [f.revenueFen, f.rdExpenditureFen, f.employees, f.rdStaff, f.highTechOutputFen]) {
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(f.employees).toBeGreaterThan(0);
        expect(f.rdStaff).toBeLessThanOrEqual(f.employees);
        expect(f.highTechOutputFen).toBeLessThanOrEqual(f.revenueFen);
        const rd = f.rdExpenditureFen / f.revenueFen;
        expect(rd).toBeGreaterThanOrEqual(0.0049);
        expect(rd).toBeLessThanOrEqual(0.0601);
        if (!e.isHighTech && !e.isTechSme) expect(f.highTechOutputFen).toBe(0);
      }
      const latest = e.figures[e.figures.length - 1];
      expect(e.isAboveScale).toBe((latest?.revenueFen ?? 0) >= 2_000_000_000);
      const staff = latest?.employees ?? 0;
      const range = { large: [1000, 6000], medium: [300, 999], small: [20, 299], micro: [1, 19] }[e.sizeClass];
      expect(staff).toBeGreaterThanOrEqual(range[0] ?? 0);
      expect(staff).toBeLessThanOrEqual(range[1] ?? 0);
      if (e.sizeClass === 'large') expect(e.isTechSme).toBe(false);
    }
  });

  it('has realistic shares of sizes and flags', () => {
    const all = generateDemoData({ scale: 10 }).enterprises;
    const share = (p: (e: DemoData['enterprises'][number]) => boolean) => all.filter(p).length / all.length;
    expect(share((e) => e.isHighTech)).toBeGreaterThan(0.1);
    expect(share((e) => e.isHighTech)).toBeLessThan(0.2);
    expect(share((e) => e.isTechSme)).toBeGreaterThan(0.18);
    expect(share((e) => e.isTechSme)).toBeLessThan(0.32);
    expect(share((e) => e.sizeClass === 'small' || e.sizeClass === 'micro')).toBeGreaterThan(0.8);
  });

  it('has exactly the demo accounts, with resolvable bindings', () => {
    const byName = new Map(data.users.map((u) => [u.username, u]));
    expect(byName.size).toBe(data.users.length);
    expect(data.users.length).toBeLessThanOrEqual(12);
    const expected = {
      admin: 'city_admin',
      guzhen: 'town_admin',
      xiaolan: 'town_admin',
      provider: 'provider',
      enterprise: 'enterprise',
      expert: 'expert',
      bank: 'financier',
    } as const;
    for (const [username, role] of Object.entries(expected)) expect(byName.get(username)?.role, username).toBe(role);
    // The extra accounts, so a change to them is deliberate.
    expect(data.users.map((u) => u.username).filter((n) => !(n in expected))).toEqual(['dongfeng', 'lamplab']);

    const towns = new Set(data.towns.map((t) => t.code));
    const institutions = new Map(data.institutions.map((i) => [i.key, i]));
    const enterprises = new Map(data.enterprises.map((e) => [e.key, e]));
    for (const u of data.users) {
      expect(roles).toContain(u.role);
      if (u.townCode) expect(towns.has(u.townCode)).toBe(true);
      if (u.institutionKey) expect(institutions.has(u.institutionKey)).toBe(true);
      if (u.enterpriseKey) expect(enterprises.has(u.enterpriseKey)).toBe(true);
      if (u.phone) expect(u.phone).toMatch(/^1[3-9]\d{9}$/);
      // Each role has exactly the binding it needs.
      expect(Boolean(u.townCode)).toBe(u.role === 'town_admin');
      expect(Boolean(u.enterpriseKey)).toBe(u.role === 'enterprise');
      expect(Boolean(u.institutionKey)).toBe(u.role === 'provider' || u.role === 'financier');
    }
    expect(byName.get('guzhen')?.townCode).toBe(GUZHEN);
    expect(data.towns.find((t) => t.code === byName.get('xiaolan')?.townCode)?.name).toBe('小榄镇');
    expect(institutions.get(byName.get('bank')?.institutionKey ?? '')?.type).toBe('bank');
    expect(institutions.get(byName.get('provider')?.institutionKey ?? '')?.name).toBe('中山市生产力促进中心');
    const company = enterprises.get(byName.get('enterprise')?.enterpriseKey ?? '');
    expect(company?.townCode).toBe(GUZHEN);
    expect(company?.industryCode).toMatch(/^C387\d$/);
    expect(DEMO_PASSWORD).toBe('InnoTown#2026');
  });

  it('lists 2025 and 2026 holidays and make-up workdays on weekends', () => {
    const dates = data.holidays.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    const day = (date: string) => data.holidays.find((h) => h.date === date);
    expect(day('2026-02-17')).toMatchObject({ name: '春节', isWorkday: false });
    expect(day('2026-01-04')).toMatchObject({ isWorkday: true });
    expect(day('2025-10-08')).toMatchObject({ isWorkday: false });
    expect(data.holidays.filter((h) => h.date.startsWith('2025') && !h.isWorkday)).toHaveLength(28);
    expect(data.holidays.filter((h) => h.date.startsWith('2026') && !h.isWorkday)).toHaveLength(33);
    for (const h of data.holidays.filter((x) => x.isWorkday)) {
      expect([0, 6], h.date).toContain(new Date(`${h.date}T00:00:00Z`).getUTCDay());
    }
  });

  it('scales enterprises but keeps towns, institutions and users', () => {
    const small = generateDemoData({ scale: 0.1 });
    expect(small.enterprises).toHaveLength(30);
    expect(small.towns).toHaveLength(23);
    expect(small.institutions).toEqual(data.institutions);
    expect(small.users.map((u) => u.username)).toEqual(data.users.map((u) => u.username));
    expect(small.enterprises.some((e) => e.key === DEMO_ENTERPRISE_KEY)).toBe(true);

    const big = generateDemoData({ scale: 10 });
    expect(big.enterprises).toHaveLength(3000);
    expect(new Set(big.enterprises.map((e) => e.name)).size).toBe(3000);
    expect(new Set(allCreditCodes(big)).size).toBe(3000 + big.institutions.filter((i) => i.creditCode).length);
    // A town's first enterprises do not change when the scale grows.
    expect(big.enterprises.find((e) => e.key === 'xiaolan-0003')).toEqual(data.enterprises.find((e) => e.key === 'xiaolan-0003'));

    expect(generateDemoData({ scale: 0 }).enterprises.map((e) => e.key)).toEqual([DEMO_ENTERPRISE_KEY]);
    expect(() => generateDemoData({ scale: -1 })).toThrow(RangeError);
  });

  // Speed is measured by `npm run bench:*`, never asserted in a test (it flakes on a loaded machine).
  it('builds 30,000 enterprises with unique names and codes', () => {
    const huge = generateDemoData({ scale: 100 });
    expect(huge.enterprises).toHaveLength(30_000);
    expect(new Set(huge.enterprises.map((e) => e.name)).size).toBe(30_000);
    expect(new Set(huge.enterprises.map((e) => e.creditCode)).size).toBe(30_000);
  });

  it('has a fixed catalogue of ~300 resources of known institutions, independent of scale and seed', () => {
    expect(data.resources).toHaveLength(RESOURCE_COUNT);
    expect(RESOURCE_COUNT).toBe(300);
    expect(generateDemoData({ scale: 0.1, seed: 7 }).resources).toEqual(data.resources);
    expect(generateDemoData({ scale: 0.1 }).resourceLinks).toEqual(data.resourceLinks);
    expect(new Set(data.resources.map((r) => r.key)).size).toBe(RESOURCE_COUNT);
    const institutions = new Map(data.institutions.map((i) => [i.key, i]));
    const count = (kind: string) => data.resources.filter((r) => r.kind === kind).length;
    expect(count('instrument')).toBeGreaterThanOrEqual(150);
    expect(count('lab')).toBeGreaterThanOrEqual(30);
    expect(count('expert')).toBeGreaterThanOrEqual(40);
    expect(count('result')).toBeGreaterThanOrEqual(25);
    for (const r of data.resources) {
      const inst = institutions.get(r.institutionKey);
      expect(inst, r.key).toBeDefined();
      expect(['bank', 'guarantor', 'insurer']).not.toContain(inst?.type);
      expect(resourceKinds).toContain(r.kind);
      expect(resourceSharings).toContain(r.sharing);
      expect(resourceReviewStatuses).toContain(r.reviewStatus);
      if (r.feeUnit !== null) expect(feeUnits).toContain(r.feeUnit);
      if (r.feeMinFen !== null && r.feeMaxFen !== null) expect(r.feeMinFen, r.key).toBeLessThanOrEqual(r.feeMaxFen);
      for (const v of [r.feeMinFen, r.feeMaxFen, r.originalValueFen]) if (v !== null) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
      expect(r.name.length).toBeLessThanOrEqual(120);
      expect(resourceSpecsSchemas[r.kind].safeParse(r.specs).success, r.key).toBe(true);
      if (r.contactPhone) expect(r.contactPhone).toMatch(/^1[3-9]\d{9}$/);
      if (r.contactEmail) expect(r.contactEmail).toMatch(/^[a-z0-9.]+@[a-z0-9-]+\.example$/);
      expect(r.reviewComment !== null).toBe(r.reviewStatus === 'rejected');
      if (r.kind === 'instrument') {
        expect(r.openingHours, r.key).not.toBeNull();
        expect(openingHoursSchema.safeParse(r.openingHours).success).toBe(true);
        expect(r.originalValueFen).toBeGreaterThanOrEqual(300_000 * 100);
        expect(r.originalValueFen).toBeLessThanOrEqual(8_000_000 * 100);
        expect(r.model).toMatch(/[A-Za-z0-9]/);
        expect(r.manufacturer).toBeTruthy();
        expect(r.purchaseYear).toBeGreaterThanOrEqual(2010);
        expect(r.feeUnit).not.toBeNull();
        if (institutions.get(r.institutionKey)?.type === 'testing_lab') expect(r.accreditations).toEqual(['CMA', 'CNAS']);
      }
    }
    // Mostly published and open, with a few of every other state.
    const published = data.resources.filter((r) => r.reviewStatus === 'published').length;
    expect(published / RESOURCE_COUNT).toBeGreaterThan(0.7);
    for (const status of resourceReviewStatuses)
      expect(
        data.resources.some((r) => r.reviewStatus === status),
        status,
      ).toBe(true);
    for (const sharing of resourceSharings)
      expect(
        data.resources.some((r) => r.sharing === sharing),
        sharing,
      ).toBe(true);
    expect(data.resources.filter((r) => r.sharing === 'open').length / RESOURCE_COUNT).toBeGreaterThan(0.7);
  });

  it('puts the lighting instruments in the national lighting centre of 古镇 and links resources within an institution', () => {
    const spectro = data.resources.find((r) => r.key === DEMO_SPECTRO_KEY);
    expect(spectro).toMatchObject({ name: '积分球光谱辐射计', reviewStatus: 'published', sharing: 'open', kind: 'instrument' });
    const centre = data.institutions.find((i) => i.key === spectro?.institutionKey);
    expect(centre).toMatchObject({ name: '国家灯具质量监督检验中心（中山）', townCode: GUZHEN });
    const lighting = data.resources.filter((r) => r.institutionKey === centre?.key).map((r) => r.name);
    for (const n of ['LED 光色电综合测试系统', '分布式光度计（配光曲线测试仪）', '灯具耐久性试验箱', '眩光测试仪'])
      expect(lighting).toContain(n);
    expect(
      data.resources.some(
        (r) => r.name === '盐雾试验箱' && r.institutionKey === 'xiaolan-hardware-testing' && r.reviewStatus === 'published',
      ),
    ).toBe(true);

    const byKey = new Map(data.resources.map((r) => [r.key, r]));
    for (const l of data.resourceLinks) {
      const from = byKey.get(l.fromKey);
      const to = byKey.get(l.toKey);
      expect(from && to, `${l.fromKey} → ${l.toKey}`).toBeTruthy();
      expect(resourceLinkRelations).toContain(l.relation);
      expect(from?.institutionKey).toBe(to?.institutionKey);
      const kinds = { located_in: ['instrument', 'lab'], leads: ['expert', 'lab'], uses: ['result', 'instrument'] }[l.relation];
      expect([from?.kind, to?.kind]).toEqual(kinds);
    }
    // Every instrument is in a lab; every lab with an expert of its institution is led by one.
    for (const r of data.resources.filter((x) => x.kind === 'instrument')) {
      expect(
        data.resourceLinks.some((l) => l.fromKey === r.key && l.relation === 'located_in'),
        r.key,
      ).toBe(true);
    }
    expect(data.resourceLinks.filter((l) => l.relation === 'leads').length).toBeGreaterThan(20);
  });

  it('books lighting instruments for the demo enterprise at fixed times', () => {
    expect(data.bookings.map((b) => b.status)).toEqual(['requested', 'confirmed', 'rejected', 'completed']);
    const keys = new Set(data.resources.map((r) => r.key));
    for (const b of data.bookings) {
      expect(keys.has(b.resourceKey)).toBe(true);
      expect(b.resourceKey.startsWith('national-lighting-test-centre-instrument-')).toBe(true);
      expect(b.period[0] < b.period[1]).toBe(true);
      // Upcoming, except the one already used (and recorded) for the voucher-claim demo.
      expect(b.period[0] >= '2026-12-01').toBe(b.status !== 'completed');
      expect(b.usage !== undefined).toBe(b.status === 'completed');
      expect(b.decisionReason !== null).toBe(b.status === 'rejected');
    }
  });
});
