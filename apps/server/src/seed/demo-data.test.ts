import { roles } from '@innotown/contracts/common';
import { isValidCreditCode } from '@innotown/contracts/credit-code';
import { institutionTypes } from '@innotown/contracts/institutions';
import { describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE_KEY, DEMO_PASSWORD, type DemoData, generateDemoData } from './demo-data.ts';
import { SECTORS } from './enterprise-names.ts';

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

  it('builds 30,000 enterprises quickly, with unique names and codes', () => {
    const started = performance.now();
    const huge = generateDemoData({ scale: 100 });
    const elapsed = performance.now() - started;
    expect(huge.enterprises).toHaveLength(30_000);
    expect(new Set(huge.enterprises.map((e) => e.name)).size).toBe(30_000);
    expect(new Set(huge.enterprises.map((e) => e.creditCode)).size).toBe(30_000);
    expect(elapsed).toBeLessThan(2_000);
  });
});
