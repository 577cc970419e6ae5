import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { approveFigures, clearTownStatistics, openPeriod as openPeriodAs } from '../../../test/target-fixtures.ts';
import { approvedAnnualFigures } from './targets.repository.ts';

let t: TestApp;
let admin: string;
let guzhen: string;
let xiaolan: string;
let guzhenTownId: string;

type Values = Record<string, { value: number; explanation?: string }>;

/** A plausible, complete year for a town of 150,000 people (statistics in their catalogue units). */
const fullYear = (gdp: number): Values => ({
  gdp: { value: gdp },
  industrial_output: { value: gdp * 1.6 },
  hitech_output: { value: gdp * 0.6 },
  rd_expenditure: { value: gdp * 0.025 },
  population: { value: 150_000 },
  enterprises_above_scale: { value: 420 },
  high_tech_enterprises: { value: 160 },
  tech_smes: { value: 300 },
  invention_applications: { value: 150 },
  invention_patents_valid: { value: 120 },
  parks_incubators: { value: 1 },
});

const call: TestApp['call'] = (...args) => t.call(...args);

const openPeriod = (year: number, deadline?: string) => openPeriodAs(t, admin, year, deadline);

async function approvedYear(year: number, values: Values) {
  const periodId = await openPeriod(year);
  return { periodId, submissionId: await approveFigures(t, guzhen, admin, periodId, values) };
}

beforeAll(async () => {
  t = await createTestApp();
  await clearTownStatistics(t);
  admin = await t.login('admin');
  guzhen = await t.login('guzhen');
  xiaolan = await t.login('xiaolan');
  guzhenTownId = (await one<{ id: string }>(t.database, sql`select town_id as id from users where username = 'guzhen'`)).id;
});
afterAll(async () => {
  await t?.close();
});

describe('town statistics: draft → submit → return → correct → approve', () => {
  let periodId: string;
  let id: string;

  it('the catalogue is preloaded with the plan', async () => {
    const r = await call('GET', '/api/v1/statistics', guzhen);
    expect(r.status).toBe(200);
    expect(r.body.items.map((s: { code: string }) => s.code)).toContain('rd_expenditure');
    expect(r.body.items.find((s: { code: string }) => s.code === 'gdp')).toMatchObject({ unit: '万元', nameZh: '地区生产总值' });
  });

  it('an outlier against last year needs an explanation; a value in the wrong unit is refused', async () => {
    await approvedYear(2024, fullYear(1_000_000));
    periodId = await openPeriod(2025);
    const outlier = { ...fullYear(1_000_000), gdp: { value: 1_500_000 } };
    const refused = await call('PUT', '/api/v1/statistic-submissions', guzhen, { periodId, values: outlier });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('TARGET_VALUES_INVALID');
    expect(refused.body.error.details.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['values.gdp', 'explanation_required'],
    ]);
    expect(refused.body.error.details.fields[0].messageZh).toContain('+50.0%');

    const wrongUnit = await call('PUT', '/api/v1/statistic-submissions', guzhen, {
      periodId,
      values: { rd_expenditure: { value: 25_000_000_000 } },
    });
    expect(wrongUnit.status).toBe(422);
    expect(wrongUnit.body.error.details.fields[0]).toMatchObject({ path: 'values.rd_expenditure', code: 'out_of_range' });
    const none = await call('GET', `/api/v1/statistic-submissions?periodId=${periodId}`, guzhen);
    expect(none.body.items).toEqual([]); // nothing half-saved
  });

  it('saves a draft with the explanation, refuses an incomplete submission field by field', async () => {
    const partial = { gdp: { value: 1_500_000, explanation: '两家龙头企业新生产线投产' } };
    const saved = await call('PUT', '/api/v1/statistic-submissions', guzhen, { periodId, values: partial });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 1, townName: '古镇镇' });
    expect(saved.body.values[0]).toMatchObject({ statisticCode: 'gdp', value: 1_500_000, previousYearValue: 1_000_000 });
    id = saved.body.id;
    const incomplete = await call('POST', `/api/v1/statistic-submissions/${id}/submit`, guzhen);
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.details.fields.map((f: { code: string }) => f.code)).toContain('required');
  });

  it('submits; under review the town cannot change it, cannot approve it, and another town cannot see it', async () => {
    const values = { ...fullYear(1_000_000), gdp: { value: 1_500_000, explanation: '两家龙头企业新生产线投产' } };
    expect((await call('PUT', '/api/v1/statistic-submissions', guzhen, { periodId, values })).status).toBe(200);
    const submitted = await call('POST', `/api/v1/statistic-submissions/${id}/submit`, guzhen);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect((await call('PUT', '/api/v1/statistic-submissions', guzhen, { periodId, values })).body.error.code).toBe(
      'TARGET_SUBMISSION_UNDER_REVIEW',
    );
    expect((await call('POST', `/api/v1/statistic-submissions/${id}/approve`, guzhen, {})).status).toBe(403);
    expect((await call('GET', `/api/v1/statistic-submissions/${id}`, xiaolan)).status).toBe(404);
    expect((await call('PUT', '/api/v1/statistic-submissions', xiaolan, { periodId, townId: guzhenTownId, values })).status).toBe(404);
  });

  it('the city returns it with a comment; the town corrects and resubmits; the city approves', async () => {
    const returned = await call('POST', `/api/v1/statistic-submissions/${id}/return`, admin, { comment: '研发经费与统计局口径不一致' });
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '研发经费与统计局口径不一致' });
    // Figures of a returned version do not count.
    expect((await approvedAnnualFigures(t.database.db, guzhenTownId, [2025])).length).toBe(0);
    const corrected = {
      ...fullYear(1_000_000),
      gdp: { value: 1_500_000, explanation: '两家龙头企业新生产线投产' },
      rd_expenditure: { value: 30_000 },
    };
    const saved = await call('PUT', '/api/v1/statistic-submissions', guzhen, { periodId, values: corrected });
    expect(saved.body).toMatchObject({ id, status: 'draft', version: 1 });
    expect((await call('POST', `/api/v1/statistic-submissions/${id}/submit`, guzhen)).status).toBe(200);
    const approved = await call('POST', `/api/v1/statistic-submissions/${id}/approve`, admin, {});
    expect(approved.body.status).toBe('approved');
    const figures = await approvedAnnualFigures(t.database.db, guzhenTownId, [2025]);
    expect(figures.find((f) => f.statisticCode === 'rd_expenditure')?.value).toBe(30_000);
    expect((await call('POST', `/api/v1/statistic-submissions/${id}/approve`, admin, {})).body.error.code).toBe('TARGET_STATE_CHANGED');
  });

  it('a later correction is a new version; approving it supersedes the old one and the history keeps both', async () => {
    const started = await call('POST', `/api/v1/statistic-submissions/${id}/correct`, guzhen);
    expect(started.body).toMatchObject({ status: 'draft', version: 2 });
    expect(started.body.values.find((v: { statisticCode: string }) => v.statisticCode === 'rd_expenditure').value).toBe(30_000);
    expect((await call('POST', `/api/v1/statistic-submissions/${id}/correct`, guzhen)).body.error.code).toBe('TARGET_CORRECTION_EXISTS');
    // While the correction is in the works, the approved figures still stand.
    const v2 = started.body.id as string;
    const values = {
      ...fullYear(1_000_000),
      gdp: { value: 1_500_000, explanation: '两家龙头企业新生产线投产' },
      rd_expenditure: { value: 32_000 },
    };
    await call('PUT', '/api/v1/statistic-submissions', guzhen, { periodId, values });
    expect(
      (await approvedAnnualFigures(t.database.db, guzhenTownId, [2025])).find((f) => f.statisticCode === 'rd_expenditure')?.value,
    ).toBe(30_000);
    await call('POST', `/api/v1/statistic-submissions/${v2}/submit`, guzhen);
    await call('POST', `/api/v1/statistic-submissions/${v2}/approve`, admin, {});
    const history = await call('GET', `/api/v1/statistic-submissions?periodId=${periodId}`, guzhen);
    expect(history.body.items.map((s: { version: number; status: string }) => [s.version, s.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    expect(
      (await approvedAnnualFigures(t.database.db, guzhenTownId, [2025])).find((f) => f.statisticCode === 'rd_expenditure')?.value,
    ).toBe(32_000);
  });

  it('a closed period takes nothing; the city sees who is late', async () => {
    const late = await openPeriod(2023, '2024-03-31');
    const progress = await call('GET', `/api/v1/reporting-periods/${late}/progress`, admin);
    expect(progress.status).toBe(200);
    expect(progress.body.towns).toHaveLength(23);
    expect(progress.body.towns.every((x: { late: boolean }) => x.late)).toBe(true);
    expect((await call('GET', `/api/v1/reporting-periods/${late}/progress`, guzhen)).status).toBe(403);
    expect((await call('POST', `/api/v1/reporting-periods/${late}/close`, admin)).body.status).toBe('closed');
    const refused = await call('PUT', '/api/v1/statistic-submissions', guzhen, { periodId: late, values: fullYear(900_000) });
    expect(refused.body.error.code).toBe('TARGET_PERIOD_CLOSED');
    expect((await call('GET', `/api/v1/statistic-submissions?periodId=${late}`, admin)).body.items).toEqual([]);
    expect((await call('POST', '/api/v1/reporting-periods', admin, { year: 2023, deadline: '2024-03-31' })).body.error.code).toBe(
      'TARGET_PERIOD_EXISTS',
    );
  });
});
