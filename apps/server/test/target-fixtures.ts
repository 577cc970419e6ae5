import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from './harness.ts';

/** Hand-checked figures need a clean slate: the demo seed's town statistics go (the calling file's own database). */
export async function clearTownStatistics(t: TestApp) {
  for (const table of ['submission_values', 'statistic_submissions', 'reporting_periods']) {
    await t.database.db.execute(sql.raw(`delete from ${table}`));
  }
}

/** A period opened by the city (the deadline by default 31 March of the next year). */
export async function openPeriod(t: TestApp, admin: string, year: number, deadline = `${year + 1}-03-31`) {
  const r = await t.call('POST', '/api/v1/reporting-periods', admin, { year, deadline });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

/** A town's figures through the real workflow: saved and submitted by the town, approved by the city. */
export async function approveFigures(t: TestApp, town: string, admin: string, periodId: string, values: object) {
  const saved = await t.call('PUT', '/api/v1/statistic-submissions', town, { periodId, values });
  expect(saved.status).toBe(200);
  expect((await t.call('POST', `/api/v1/statistic-submissions/${saved.body.id}/submit`, town)).status).toBe(200);
  expect((await t.call('POST', `/api/v1/statistic-submissions/${saved.body.id}/approve`, admin, {})).status).toBe(200);
  return saved.body.id as string;
}

/** Everything but GDP and R&D held equal between the towns, so the hand-checked figures stand out. */
export const equalYear = (gdp: number, rd: number) => ({
  gdp: { value: gdp },
  industrial_output: { value: 1_600_000 },
  hitech_output: { value: 600_000 },
  rd_expenditure: { value: rd },
  population: { value: 150_000 },
  enterprises_above_scale: { value: 420 },
  high_tech_enterprises: { value: 160 },
  tech_smes: { value: 300 },
  invention_applications: { value: 150 },
  invention_patents_valid: { value: 120 },
  parks_incubators: { value: 1 },
});

/**
 * Two towns, two years, on a clean slate: R&D intensity 古镇 2.0 % → 2.8 % and 小榄 1.0 % → 2.2 %
 * (R&D of GDP in 万元), so the city's is 1.5 % → 2.5 %. Returns the city admin's cookie.
 */
export async function twoTownsFigures(t: TestApp) {
  await clearTownStatistics(t);
  const admin = await t.login('admin');
  const guzhen = await t.login('guzhen');
  const xiaolan = await t.login('xiaolan');
  const p2014 = await openPeriod(t, admin, 2014);
  const p2020 = await openPeriod(t, admin, 2020);
  await approveFigures(t, guzhen, admin, p2014, equalYear(1_000_000, 20_000));
  await approveFigures(t, xiaolan, admin, p2014, equalYear(1_000_000, 10_000));
  await approveFigures(t, guzhen, admin, p2020, equalYear(2_000_000, 56_000));
  await approveFigures(t, xiaolan, admin, p2020, equalYear(2_000_000, 44_000));
  return admin;
}
