import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { twoTownsFigures } from '../../../test/target-fixtures.ts';

let t: TestApp;
let admin: string;

const call: TestApp['call'] = (...args) => t.call(...args);

beforeAll(async () => {
  t = await createTestApp();
  admin = await twoTownsFigures(t);
});
afterAll(async () => {
  await t?.close();
});

describe('city overview', () => {
  it('computes city values as ratios of the towns’ sums, with progress to the plan’s targets', async () => {
    const r = await call('GET', '/api/v1/target-dashboard');
    expect(r.status).toBe(200);
    expect(r.body.years).toEqual([2014, 2020]);
    expect(r.body.townsReporting).toEqual([
      { year: 2014, towns: 2 },
      { year: 2020, towns: 2 },
    ]);
    const rd = r.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'rd_intensity');
    // 30,000 / 2,000,000 = 1.5 %; 100,000 / 4,000,000 = 2.5 %.
    expect(rd.series.map((p: { value: number }) => p.value)).toEqual([expect.closeTo(1.5, 9), expect.closeTo(2.5, 9)]);
    expect(rd.targets).toEqual([{ year: 2020, value: 2.8 }]);
    // In the target year the path is at the target; 2.5 covers 1.0/1.3 = 77 % of the way: behind.
    expect(rd.progress).toMatchObject({ status: 'behind', expected: expect.closeTo(2.8, 9), share: expect.closeTo(1 / 1.3, 9) });
    const output = r.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'town_output_multiple');
    expect(output.progress.status).toBe('achieved');
    expect(output.series[1].value).toBeCloseTo(2, 9);
  });

  it('an indicator whose figures are missing shows why, not zero', async () => {
    const r = await call('GET', '/api/v1/target-dashboard');
    const solved = r.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'key_problems_solved');
    expect(solved.series).toEqual([
      { year: 2014, value: null, problem: 'missing_data' },
      { year: 2020, value: null, problem: 'missing_data' },
    ]);
    expect(solved.progress.status).toBe('no_data');
  });
});

describe('town comparison', () => {
  it('ranks the towns and computes the composite index over the indicators with spread', async () => {
    const r = await call('GET', '/api/v1/target-dashboard/towns?year=2020');
    expect(r.status).toBe(200);
    expect(r.body.towns).toHaveLength(23);
    const town = (name: string) => r.body.towns.find((x: { townName: string }) => x.townName === name);
    const rdOf = (name: string) => town(name).values.find((v: { code: string }) => v.code === 'rd_intensity');
    expect(rdOf('古镇镇')).toMatchObject({ value: expect.closeTo(2.8, 9), rank: 1 });
    expect(rdOf('小榄镇')).toMatchObject({ value: expect.closeTo(2.2, 9), rank: 2 });
    // Only R&D intensity varies among the index indicators: [2.0, 2.8, 1.0, 2.2] → min 1.0, max 2.8.
    expect(r.body.indexTreatments.filter((x: { used: boolean }) => x.used).map((x: { code: string }) => x.code)).toEqual(['rd_intensity']);
    expect(town('古镇镇').index).toBeCloseTo(100, 9);
    expect(town('小榄镇').index).toBeCloseTo((1.2 / 1.8) * 100, 9);
    expect(town('石岐街道').index).toBeNull();
  });

  it('refuses a year that is not a year', async () => {
    expect((await call('GET', '/api/v1/target-dashboard/towns?year=20x0')).status).toBe(400);
  });
});

describe('editing indicators (city admins; history kept)', () => {
  const body = {
    nameZh: '每万人高新技术企业数',
    nameEn: 'High-tech enterprises per 10,000 people',
    unit: '家/万人',
    formula: 'high_tech_enterprises / population',
    direction: 'higher',
    baseYear: 2014,
    inIndex: false,
    targets: [{ year: 2020, value: 12 }],
  };

  it('checks a formula for the editor with positions', async () => {
    const r = await call('POST', '/api/v1/formulas/check', admin, { formula: 'high_tech_enterprises / populaton', unit: '家/万人' });
    expect(r.body).toEqual({
      ok: false,
      errors: [{ code: 'unknown_statistic', pos: 24, message: "Unknown statistic 'populaton' (at 25)" }],
      statistics: [],
    });
    expect((await call('POST', '/api/v1/formulas/check', admin, { formula: body.formula, unit: body.unit })).body).toMatchObject({
      ok: true,
      statistics: ['high_tech_enterprises', 'population'],
    });
  });

  it('refuses a formula that does not parse or gives the wrong unit, field by field, and stores nothing', async () => {
    const bad = await call('POST', '/api/v1/indicators', admin, {
      ...body,
      code: 'hte_density',
      formula: 'high_tech_enterprises / (population',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('TARGET_FORMULA_INVALID');
    expect(bad.body.error.details.fields[0]).toMatchObject({ path: 'formula', code: 'unexpected_end' });
    const unit = await call('POST', '/api/v1/indicators', admin, { ...body, code: 'hte_density', unit: '%' });
    expect(unit.body.error.details.fields[0]).toMatchObject({ path: 'formula', code: 'unit_mismatch' });
    const list = await call('GET', '/api/v1/indicators');
    expect(list.body.items.map((i: { code: string }) => i.code)).not.toContain('hte_density');
  });

  it('creates, edits as a new version, and the dashboard follows', async () => {
    const guzhen = await t.login('guzhen');
    expect((await call('POST', '/api/v1/indicators', guzhen, { ...body, code: 'hte_density' })).status).toBe(403);
    const created = await call('POST', '/api/v1/indicators', admin, { ...body, code: 'hte_density' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'hte_density',
      version: 1,
      formulaValid: true,
      targets: [{ year: 2020, value: 12, townId: null }],
    });
    const edited = await call('PUT', `/api/v1/indicators/${created.body.id}`, admin, { ...body, targets: [{ year: 2020, value: 10 }] });
    expect(edited.body).toMatchObject({ version: 2, targets: [{ year: 2020, value: 10, townId: null }] });
    const history = await call('GET', `/api/v1/indicators/${created.body.id}/revisions`, guzhen);
    expect(
      history.body.items.map((r: { version: number; snapshot: { targets: { value: number }[] } }) => [
        r.version,
        r.snapshot.targets[0]?.value,
      ]),
    ).toEqual([
      [2, 10],
      [1, 12],
    ]);
    expect(history.body.items[0].changedByName).toBeTruthy();
    const overview = await call('GET', '/api/v1/target-dashboard');
    const item = overview.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'hte_density');
    // (160 + 160) / (150,000 + 150,000) × 10,000 = 10.667 per 10,000 people in 2020 → target 10 achieved.
    expect(item.series[1].value).toBeCloseTo(10.6667, 3);
    expect(item.progress.status).toBe('achieved');
  });

  it('refuses duplicate targets for one year', async () => {
    const r = await call('POST', '/api/v1/indicators', admin, {
      ...body,
      code: 'hte_density_2',
      targets: [
        { year: 2020, value: 1 },
        { year: 2020, value: 2 },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields[0].path).toBe('targets.1.year');
  });
});
