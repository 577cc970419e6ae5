import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoIds } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { claimJob, completeJob } from '../../platform/jobs.ts';
import { CATALOGUE_INDICATORS } from '../targets/targets.catalogue.ts';
import { RENDER_JOB, targetReportHandlers } from './target-report.jobs.ts';

/**
 * The annual report over the demo seed (approved town statistics 2014–2024, an open 2025 period in
 * which 古镇 has not started). The PDF is checked with poppler: real PDF, Chinese text extracted, the
 * CJK font embedded, and the charts' labels drawn as text in that font.
 */

let t: TestApp;
let admin: string;
let guzhen: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
const dir = mkdtempSync(join(tmpdir(), 'target-report-'));

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  admin = await t.login('admin');
  guzhen = await t.login('guzhen');
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pdf(url: string, cookie: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, type: res.headers['content-type'], body: res.rawPayload };
}

function poppler(buffer: Buffer) {
  const file = join(dir, `r-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, buffer);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { text, flat: text.replace(/\s+/g, ''), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }) };
}

describe('the annual report as PDF', () => {
  it('is a real PDF with the Chinese title, every indicator, the CJK font embedded and chart labels in it', async () => {
    const warn = vi.spyOn(console, 'warn');
    const r = await pdf('/api/v1/target-report.pdf?year=2024', admin);
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // svg-to-pdfkit falls back to whatever font is current when it cannot open the chart's: no such warning.
    expect(warnings.filter((w) => w.includes('font'))).toEqual([]);
    const { text, flat, fonts } = poppler(r.body);
    expect(flat).toContain('中山市专业镇行动目标监测年度报告');
    expect(flat).toContain('2024年度');
    for (const i of CATALOGUE_INDICATORS) expect(flat).toContain(i.nameZh.replace(/\s+/g, ''));
    for (const heading of ['一、指标一览', '二、指标趋势', '三、镇街排名与综合创新指数', '四、数据填报情况', '五、方法说明']) {
      expect(flat).toContain(heading);
    }
    expect(flat).toContain('古镇镇');
    // Each chart's legend says 实际值 once; the page text says it once more (the note above the charts).
    expect(text.split('实际值').length - 1).toBeGreaterThanOrEqual(CATALOGUE_INDICATORS.length + 1);
    const embedded = fonts.split('\n').filter((l) => /NotoSansCJKsc-(Regular|Bold)/.test(l));
    expect(embedded.length).toBeGreaterThanOrEqual(2);
    for (const line of embedded) expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, unicode map
    // Nothing but the embedded Noto faces (no standard-14 fallback that would show CJK as boxes).
    expect(
      fonts
        .split('\n')
        .slice(2)
        .filter((l) => l.trim() && !l.includes('NotoSansCJKsc')),
    ).toEqual([]);
  });

  it('gives a town admin their own town’s report, and 404 for another town', async () => {
    const own = await pdf(`/api/v1/target-report.pdf?year=2024&town=${ids.guzhenTownId}`, guzhen);
    expect(own.status).toBe(200);
    expect(poppler(own.body).flat).toContain('古镇镇行动目标监测年度报告');
    const implicit = await pdf('/api/v1/target-report.pdf?year=2024', guzhen);
    expect(poppler(implicit.body).flat).toContain('古镇镇行动目标监测年度报告');
    expect((await pdf(`/api/v1/target-report.pdf?year=2024&town=${ids.xiaolanTownId}`, guzhen)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/target-report?year=2024&town=${ids.xiaolanTownId}`, guzhen)).status).toBe(404);
  });
});

describe('rendering as a job', () => {
  it('renders the town admin’s report in the worker, stores it as their file, and shows the job only to them', async () => {
    expect((await t.call('POST', '/api/v1/target-report/jobs', guzhen, { year: 2024, town: ids.xiaolanTownId })).status).toBe(404);
    const started = await t.call('POST', '/api/v1/target-report/jobs', guzhen, { year: 2024 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', progress: 0, fileId: null });
    expect((await t.call('GET', `/api/v1/target-report/jobs/${started.body.id}`, admin)).status).toBe(404);

    // One worker step, as the background worker takes it.
    const job = await claimJob(t.database.db, [RENDER_JOB], 'test-worker', 60_000);
    expect(job?.id).toBe(started.body.id);
    const handler = targetReportHandlers()[RENDER_JOB] as NonNullable<ReturnType<typeof targetReportHandlers>[string]>;
    const result = await handler({ db: t.database.db, job: job as NonNullable<typeof job>, log: t.app.log });
    expect(await completeJob(t.database.db, job as NonNullable<typeof job>, 'test-worker', result)).toBe(true);

    const done = await t.call('GET', `/api/v1/target-report/jobs/${started.body.id}`, guzhen);
    expect(done.body).toMatchObject({ status: 'done', progress: 1, filename: '古镇镇行动目标监测年度报告-2024.pdf' });
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/files/${done.body.fileId}/content`, headers: { cookie: guzhen } });
    expect(file.statusCode).toBe(200);
    expect(poppler(file.rawPayload).flat).toContain('古镇镇行动目标监测年度报告');
    const xiaolan = await t.login('xiaolan');
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/files/${done.body.fileId}/content`, headers: { cookie: xiaolan } });
    expect(other.statusCode).toBe(404);
  });
});

describe('the report’s contents', () => {
  it('cuts the city series at the year and recomputes progress there', async () => {
    const r = await t.call('GET', '/api/v1/target-report?year=2020', admin);
    expect(r.status).toBe(200);
    expect(r.body.town).toBeNull();
    expect(r.body.indicators.map((i: { code: string }) => i.code).sort()).toEqual(CATALOGUE_INDICATORS.map((i) => i.code).sort());
    const overview = (await t.call('GET', '/api/v1/target-dashboard')).body;
    for (const item of r.body.indicators) {
      expect(Math.max(...item.series.map((p: { year: number }) => p.year))).toBe(2020);
      const city = overview.items.find((x: { indicator: { code: string } }) => x.indicator.code === item.code);
      expect(item.value).toEqual(city.series.find((p: { year: number }) => p.year === 2020).value);
    }
    const rd = r.body.indicators.find((i: { code: string }) => i.code === 'rd_intensity');
    // As of 2020 the progress speaks of 2020, not of the latest year in the database.
    expect(rd.value).not.toBeNull();
    expect(rd.status).not.toBe('no_data');
    expect(r.body.townsReporting).toBe(r.body.townCount);
    expect(r.body.ranking).toHaveLength(r.body.townCount);
    expect(r.body.ranking[0].rank).toBe(1);
    expect(r.body.submissions.towns).toEqual([]);
  });

  it('lists the towns without approved figures for the year (a town’s report: only itself)', async () => {
    const city = (await t.call('GET', '/api/v1/target-report?year=2025', admin)).body;
    expect(city.submissions.deadline).toBe('2026-12-31');
    const guzhenRow = city.submissions.towns.find((x: { townId: string }) => x.townId === ids.guzhenTownId);
    expect(guzhenRow).toMatchObject({ townName: '古镇镇', status: null });
    expect(city.submissions.towns.every((x: { status: string | null }) => x.status !== 'approved')).toBe(true);
    const town = (await t.call('GET', '/api/v1/target-report?year=2025', guzhen)).body;
    expect(town.town).toEqual({ id: ids.guzhenTownId, name: '古镇镇' });
    expect(town.submissions.towns.map((x: { townId: string }) => x.townId)).toEqual([ids.guzhenTownId]);
  });

  it('puts the city’s value beside the town’s in a town report', async () => {
    const city = (await t.call('GET', '/api/v1/target-report?year=2024', admin)).body;
    const town = (await t.call('GET', `/api/v1/target-report?year=2024&town=${ids.guzhenTownId}`, admin)).body;
    expect(town.town.name).toBe('古镇镇');
    for (const item of town.indicators) {
      const c = city.indicators.find((x: { code: string }) => x.code === item.code);
      expect(item.cityValue).toEqual(c.value);
      expect(c.cityValue).toBeNull();
    }
    // The town's own value differs from the city's (its own figures, not the sums).
    const rd = town.indicators.find((x: { code: string }) => x.code === 'rd_intensity');
    expect(rd.value).not.toEqual(rd.cityValue);
  });
});
