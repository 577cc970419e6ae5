import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { industriesOf } from '@innotown/contracts/patent-industries';
import type { PatentLandscapeQuery } from '@innotown/contracts/patent-landscape';
import { classPrefixesOf } from '@innotown/contracts/patents';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, demoIds, missingId } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makePatent } from '../../../test/patent-fixtures.ts';
import { approveFigures, clearTownStatistics, equalYear, openPeriod } from '../../../test/target-fixtures.ts';
import { claimJob, completeJob } from '../../platform/jobs.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { patentLandscapeHandlers, REFRESH_JOB, REPORT_JOB, refreshLandscapeSummary } from './patent-landscape.jobs.ts';
import { landscape } from './patent-landscape.service.ts';
import { refreshSummary } from './patent-landscape-summary.repository.ts';

/**
 * A hand-checked corpus in 东凤镇 (D), one 小榄镇 patent and one outside applicant; every figure below
 * is counted by hand from this list (period 2021–2024):
 *   #1 invention 2021-03-01, granted 2022-05-10, in force; A47J27/00 + H05B6/64; 东凤电器 (王一, 陈二)
 *   #2 invention 2022-04-01, granted 2023-06-01, lapsed 2024-02-01; A47J31/44; 东凤电器 + 华南理工大学 (王一)
 *   #3 utility model 2022-07-01, granted 2022-12-01; F24C3/08 (a gas stove: C386, not C385); 东凤燃气具厂 (李三)
 *   #4 design 2023-01-15, granted 2023-05-01; Locarno 07-02 (C385); 东凤电器 (王一)
 *   #5 invention 2023-05-01, pending; G06F3/01 (C39); 东凤智能科技 (赵四)
 *   #6 invention 2019-01-01 (before the period), granted 2021-08-01, in force; A47J27/00; 东凤电器
 *   #7 invention 2023-03-01 in 小榄镇, pending; E05B47/00
 *   #8 invention 2022-02-01 of an outside applicant, granted 2024-01-10; A47J27/02; 深圳外地公司
 * Population (approved target-monitoring figures of 东凤镇): 200,000 in 2022 and 2023, none otherwise.
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
let t: TestApp;
let admin: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
const dir = mkdtempSync(join(tmpdir(), 'patent-landscape-'));
const period = 'from=2021&to=2024';

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  const D = ids.dongfengTownId;
  const X = ids.xiaolanTownId;
  // A clean slate: the seed's patents with everything recorded about them (events, listings, cases …) and town statistics go.
  await t.database.db.execute(sql`truncate patents cascade`);
  await clearTownStatistics(t);
  admin = await t.login('admin');
  const dongfeng = await t.login('dongfeng');
  for (const year of [2022, 2023]) {
    await approveFigures(t, dongfeng, admin, await openPeriod(t, admin, year), {
      ...equalYear(1_000_000, 20_000),
      population: { value: 200_000 },
    });
  }
  const local = { townId: D, localApplicant: true };
  await makePatent(t.database, {
    ...local,
    applicationDate: '2021-03-01',
    grantDate: '2022-05-10',
    ipcCodes: ['A47J27/00', 'H05B6/64'],
    applicants: ['东凤电器有限公司'],
    inventors: ['王一', '陈二'],
  });
  const p2 = await makePatent(t.database, {
    ...local,
    applicationDate: '2022-04-01',
    grantDate: '2023-06-01',
    legalStatus: 'lapsed',
    ipcCodes: ['A47J31/44'],
    applicants: ['东凤电器有限公司', '华南理工大学'],
    inventors: ['王一'],
  });
  await t.database.db.execute(sql`update patents set legal_status_date = '2024-02-01' where id = ${p2.id}`);
  await makePatent(t.database, {
    ...local,
    kind: 'utility_model',
    applicationDate: '2022-07-01',
    grantDate: '2022-12-01',
    ipcCodes: ['F24C3/08'],
    applicants: ['东凤燃气具厂'],
    inventors: ['李三'],
  });
  await makePatent(t.database, {
    ...local,
    kind: 'design',
    applicationDate: '2023-01-15',
    grantDate: '2023-05-01',
    locarnoCodes: ['07-02'],
    applicants: ['东凤电器有限公司'],
    inventors: ['王一'],
  });
  await makePatent(t.database, {
    ...local,
    applicationDate: '2023-05-01',
    grantDate: null,
    ipcCodes: ['G06F3/01'],
    applicants: ['东凤智能科技有限公司'],
    inventors: ['赵四'],
  });
  await makePatent(t.database, {
    ...local,
    applicationDate: '2019-01-01',
    grantDate: '2021-08-01',
    ipcCodes: ['A47J27/00'],
    applicants: ['东凤电器有限公司'],
  });
  await makePatent(t.database, {
    townId: X,
    localApplicant: true,
    applicationDate: '2023-03-01',
    grantDate: null,
    ipcCodes: ['E05B47/00'],
    applicants: ['小榄锁业'],
  });
  await makePatent(t.database, {
    applicationDate: '2022-02-01',
    grantDate: '2024-01-10',
    ipcCodes: ['A47J27/02'],
    applicants: ['深圳外地公司'],
    inventors: ['钱五'],
  });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

const kinds = (invention: number, utility_model: number, design: number) => ({
  invention,
  utility_model,
  design,
  total: invention + utility_model + design,
});

describe('landscape figures on the hand-checked corpus', () => {
  it('counts a town: filings and grants per year by kind, growth, totals, status, top names', async () => {
    const r = await t.call('GET', `/api/v1/patent-landscape?town=${ids.dongfengTownId}&${period}`);
    expect(r.status).toBe(200);
    const l = r.body;
    expect(l.filter).toMatchObject({ town: { id: ids.dongfengTownId, name: '东凤镇' }, from: 2021, to: 2024, industry: null, ipc: null });
    expect(l.years.map((y: { year: number; filed: unknown; granted: unknown }) => [y.year, y.filed, y.granted])).toEqual([
      [2021, kinds(1, 0, 0), kinds(1, 0, 0)],
      [2022, kinds(1, 1, 0), kinds(1, 1, 0)],
      [2023, kinds(1, 0, 1), kinds(1, 0, 1)],
      [2024, kinds(0, 0, 0), kinds(0, 0, 0)],
    ]);
    expect(l.years.map((y: { filedGrowth: number | null }) => y.filedGrowth)).toEqual([null, 1, 0, -1]);
    expect(l.years.map((y: { grantedGrowth: number | null }) => y.grantedGrowth)).toEqual([null, 1, 0, -1]);
    expect(l.years.map((y: { inventionFiledGrowth: number | null }) => y.inventionFiledGrowth)).toEqual([null, 0, 0, -1]);
    // (2 ÷ 1)^(1/2) − 1 from 2021 to 2023, the last year with filings.
    expect(l.filedCagr).toBeCloseTo(Math.SQRT2 - 1, 6);
    expect(l.totals).toEqual({ filed: kinds(3, 1, 1), granted: 4, inForce: 3, local: 5, outside: 0 });
    expect(l.legalStatus).toEqual([
      { status: 'pending', count: 1 },
      { status: 'granted', count: 3 },
      { status: 'lapsed', count: 1 },
    ]);
    expect(l.topApplicants[0]).toEqual({ name: '东凤电器有限公司', count: 3 });
    expect(
      l.topApplicants
        .slice(1)
        .map((a: { name: string }) => a.name)
        .sort(),
    ).toEqual(['东凤燃气具厂', '东凤智能科技有限公司', '华南理工大学'].sort());
    expect(l.topApplicants.slice(1).every((a: { count: number }) => a.count === 1)).toBe(true);
    expect(l.topInventors[0]).toEqual({ name: '王一', count: 3 });
    expect(l.topInventors).toHaveLength(4);
  });

  it('distributes by IPC subclass and main group (Chinese titles) and by industry through the concordance', async () => {
    const l = (await t.call('GET', `/api/v1/patent-landscape?town=${ids.dongfengTownId}&${period}`)).body;
    expect(l.ipc[0]).toMatchObject({ code: 'A47J', count: 2 });
    expect(l.ipc[0].titleZh).toMatch(/^厨房用具/);
    expect(l.ipc[0].groups.map((g: { code: string; count: number }) => [g.code, g.count])).toEqual([
      ['A47J27/', 1],
      ['A47J31/', 1],
    ]);
    expect(l.ipc[0].groups[0].titleZh).toBeTruthy();
    expect(
      l.ipc
        .slice(1)
        .map((s: { code: string }) => s.code)
        .sort(),
    ).toEqual(['F24C', 'G06F', 'H05B']);
    // #1, #2 (A47J) and #4 (Locarno 07) are household electric; the gas stove is C386; G06F is electronics.
    expect(l.industries.map((i: { code: string; count: number }) => [i.code, i.count])).toEqual([
      ['C385', 3],
      ['C386', 1],
      ['C39', 1],
    ]);
    expect(l.unmapped).toBe(0);
  });

  it('computes the indicators from the approved population of target monitoring', async () => {
    const l = (await t.call('GET', `/api/v1/patent-landscape?town=${ids.dongfengTownId}&${period}`)).body;
    expect(l.indicators).toEqual([
      // 2021: #1 filed; #6 granted and in force. No population: no ratios.
      {
        townId: ids.dongfengTownId,
        townName: '东凤镇',
        townNameEn: expect.any(String),
        year: 2021,
        population: null,
        inventionApplications: 1,
        validInventions: 1,
        applicationsPerMillion: null,
        validPer10k: null,
      },
      // 2022: #2 filed; #6 and #1 valid at the year's end → 1 ÷ 200,000 × 10⁶ = 5, 2 ÷ 200,000 × 10⁴ = 0.1.
      {
        townId: ids.dongfengTownId,
        townName: '东凤镇',
        townNameEn: expect.any(String),
        year: 2022,
        population: 200_000,
        inventionApplications: 1,
        validInventions: 2,
        applicationsPerMillion: 5,
        validPer10k: 0.1,
      },
      // 2023: #5 filed; #6, #1, #2 valid → 0.15.
      {
        townId: ids.dongfengTownId,
        townName: '东凤镇',
        townNameEn: expect.any(String),
        year: 2023,
        population: 200_000,
        inventionApplications: 1,
        validInventions: 3,
        applicationsPerMillion: 5,
        validPer10k: 0.15,
      },
      // 2024: #2 lapsed in the year → not valid at its end.
      {
        townId: ids.dongfengTownId,
        townName: '东凤镇',
        townNameEn: expect.any(String),
        year: 2024,
        population: null,
        inventionApplications: 0,
        validInventions: 2,
        applicationsPerMillion: null,
        validPer10k: null,
      },
    ]);
  });

  it('filters by IPC prefix across towns: local versus outside, the city row over towns with a population', async () => {
    const l = (await t.call('GET', `/api/v1/patent-landscape?ipc=a47j&${period}`)).body;
    expect(l.filter.ipc).toEqual({ code: 'A47J', titleZh: expect.stringMatching(/^厨房用具/) });
    expect(l.totals).toEqual({ filed: kinds(3, 0, 0), granted: 3, inForce: 2, local: 2, outside: 1 });
    expect(l.topApplicants[0]).toEqual({ name: '东凤电器有限公司', count: 2 });
    const city2022 = l.indicators.find((r: { townId: string | null; year: number }) => r.townId === null && r.year === 2022);
    // Only 东凤 has a population; #8 (outside) is in no town's figures.
    expect(city2022).toMatchObject({
      townName: '中山市',
      population: 200_000,
      inventionApplications: 1,
      validInventions: 2,
      applicationsPerMillion: 5,
      validPer10k: 0.1,
    });
    const city2021 = l.indicators.find((r: { townId: string | null; year: number }) => r.townId === null && r.year === 2021);
    expect(city2021).toMatchObject({ population: null, inventionApplications: 1, validInventions: 1, applicationsPerMillion: null });
    expect(new Set(l.indicators.map((r: { townId: string | null }) => r.townId))).toEqual(new Set([null, ids.dongfengTownId]));

    const main = (await t.call('GET', `/api/v1/patent-landscape?ipc=${encodeURIComponent('A47J 27')}&${period}`)).body;
    expect(main.totals.filed.total).toBe(2); // #1 and #8 (A47J27/…); #6 was filed before the period
    const partial = (await t.call('GET', `/api/v1/patent-landscape?ipc=${encodeURIComponent('A47J27/0')}&${period}`)).body;
    expect(partial.totals.filed.total).toBe(2);
  });

  it('filters by industry, applicant and period', async () => {
    const gas = (await t.call('GET', `/api/v1/patent-landscape?industry=C386&${period}`)).body;
    expect(gas.filter.industry).toMatchObject({ code: 'C386', nameZh: expect.stringContaining('燃气具') });
    expect(gas.totals.filed).toEqual(kinds(0, 1, 0));
    const appliances = (await t.call('GET', `/api/v1/patent-landscape?industry=C385&town=${ids.dongfengTownId}&${period}`)).body;
    expect(appliances.totals.filed).toEqual(kinds(2, 0, 1));
    const university = (await t.call('GET', `/api/v1/patent-landscape?applicant=${encodeURIComponent('华南理工大学')}&${period}`)).body;
    expect(university.totals.filed).toEqual(kinds(1, 0, 0));
    expect(university.topInventors).toEqual([{ name: '王一', count: 1 }]);
    const oneYear = (await t.call('GET', `/api/v1/patent-landscape?town=${ids.dongfengTownId}&from=2022&to=2022`)).body;
    expect(oneYear.years).toHaveLength(1);
    expect(oneYear.years[0].filedGrowth).toBeNull();
    expect(oneYear.totals.filed).toEqual(kinds(1, 1, 0));
  });

  it('defaults to the last ten years and refuses bad filters', async () => {
    const l = (await t.call('GET', '/api/v1/patent-landscape')).body;
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    expect([l.filter.from, l.filter.to]).toEqual([year - 9, year]);
    expect(l.years).toHaveLength(10);
    const badIpc = await t.call('GET', '/api/v1/patent-landscape?ipc=F2');
    expect(badIpc.status).toBe(400);
    expect(badIpc.body.error.details.fields[0]).toMatchObject({
      path: 'ipc',
      messageZh: expect.any(String),
      messageEn: expect.any(String),
    });
    const reversed = await t.call('GET', '/api/v1/patent-landscape?from=2024&to=2020');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.fields[0]).toMatchObject({ path: 'to', code: 'range_invalid' });
    expect((await t.call('GET', '/api/v1/patent-landscape?industry=X99')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/patent-landscape?from=1990&to=2024')).status).toBe(400);
    expect((await t.call('GET', `/api/v1/patent-landscape?town=${missingId()}`)).status).toBe(404);
  });
});

describe('pre-counted summary', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const db = () => t.database.db;
  /** The landscape from wherever the service takes it, and where that was. */
  const served = async (query: Parameters<typeof landscape>[1]) => {
    let source: 'summary' | 'live' | null = null;
    const l = await landscape(db(), query, { now, onSource: (s) => (source = s) });
    return { l, source };
  };
  const live = (query: Parameters<typeof landscape>[1]) => landscape(db(), query, { now, summary: false });
  const industry = () => industriesOf(classPrefixesOf(['A47J27/00']))[0] as PatentLandscapeQuery['industry'];
  const queries = (): PatentLandscapeQuery[] => [
    { town: ids.dongfengTownId, from: 2021, to: 2024 },
    { from: 2015, to: 2026 },
    { town: ids.xiaolanTownId },
    { ipc: 'A47J', from: 2015, to: 2026 },
    { ipc: 'A47J', town: ids.dongfengTownId, from: 2021, to: 2024 },
    { ipc: 'E05B', town: ids.xiaolanTownId },
    { industry: industry(), from: 2015, to: 2026 },
    { industry: industry(), town: ids.dongfengTownId, from: 2021, to: 2024 },
  ];
  const dirtyMarks = async () => countOf(t.database, 'patent_landscape_dirty', sql`true`);
  const refreshJobs = async () => countOf(t.database, 'jobs', sql`name = ${REFRESH_JOB} and singleton_key like 'slices:%'`);
  /** Every filter the summary serves answers as counting does; with nothing dirty each one is served by it. */
  const expectSummaryMatchesLive = async (allFromSummary: boolean) => {
    for (const query of queries()) {
      const { l, source } = await served(query);
      if (allFromSummary) expect(source, JSON.stringify(query)).toBe('summary');
      expect(l, JSON.stringify(query)).toEqual(await live(query));
    }
  };
  const patentFiled = async (date: string) =>
    ((await db().execute(sql`select id from patents where application_date = ${date}`)) as unknown as { rows: { id: string }[] }).rows[0]
      ?.id as string;

  it('answers a town-and-years landscape, an IPC subclass and an industry exactly as counting the patents does', async () => {
    const ms = await refreshLandscapeSummary(db(), { full: true });
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(await dirtyMarks()).toBe(0);
    await expectSummaryMatchesLive(true);
    // A class group, a subgroup, an applicant, class and industry together: counted live.
    for (const query of [
      { ipc: 'A47J27/' },
      { ipc: 'A47J27/0' },
      { applicant: '东凤电器有限公司' },
      { ipc: 'A47J', industry: industry() },
    ]) {
      const { l, source } = await served(query);
      expect(source).toBe('live');
      expect(l).toEqual(await live(query));
    }
  });

  it('a new patent dirties its town-years only: that town counts live and asks for a refresh, another town keeps the summary', async () => {
    await refreshLandscapeSummary(db());
    const jobsBefore = await refreshJobs();
    await makePatent(t.database, { townId: ids.dongfengTownId, localApplicant: true, applicationDate: '2024-06-01', grantDate: null });
    expect(await refreshJobs()).toBe(jobsBefore + 1); // enqueued by the trigger, in the writer's transaction
    let asked: number | null = null;
    const after = await landscape(
      db(),
      { town: ids.dongfengTownId, from: 2021, to: 2024 },
      {
        now,
        onStale: async (mark) => {
          asked = mark;
        },
      },
    );
    expect(asked).not.toBeNull();
    expect(after.years.find((y) => y.year === 2024)?.filed.total).toBe(1);
    expect((await served({ town: ids.xiaolanTownId })).source).toBe('summary');
    // A period the new patent is not in: still the summary.
    expect((await served({ town: ids.dongfengTownId, from: 2015, to: 2020 })).source).toBe('summary');
    // The job recomputes just that slice.
    const job = await claimJob(db(), [REFRESH_JOB], 'test', 60_000);
    expect(job).not.toBeNull();
    const handler = patentLandscapeHandlers()[REFRESH_JOB] as NonNullable<ReturnType<typeof patentLandscapeHandlers>[string]>;
    const result = (await handler({ db: db(), job: job as NonNullable<typeof job>, log: t.app.log })) as { slices: number | 'all' };
    expect(await completeJob(db(), job as NonNullable<typeof job>, 'test', result)).toBe(true);
    expect(result.slices).toBe(1);
    await expectSummaryMatchesLive(true);
    await db().execute(sql`delete from patent_events where patent_id in (select id from patents where application_date = '2024-06-01')`);
    await db().execute(sql`delete from patents where application_date = '2024-06-01'`);
    expect((await served({ town: ids.dongfengTownId, from: 2021, to: 2024 })).source).toBe('live');
    await refreshLandscapeSummary(db());
    await expectSummaryMatchesLive(true);
  });

  it('a legal-status event and a grant refresh their slices to the counted answers; a change of owners marks nothing', async () => {
    await refreshLandscapeSummary(db());
    const p1 = await patentFiled('2021-03-01');
    const p5 = await patentFiled('2023-05-01');
    // #1 (filed 2021, granted 2022) invalidated in 2024: its grant year feeds the indicators of 2022 onwards.
    await db().execute(sql`update patents set legal_status = 'invalidated', legal_status_date = '2024-03-01' where id = ${p1}`);
    expect((await served({ town: ids.dongfengTownId, from: 2023, to: 2024 })).source).toBe('live');
    expect((await served({ town: ids.xiaolanTownId })).source).toBe('summary');
    expect((await served({ ipc: 'E05B', town: ids.xiaolanTownId })).source).toBe('summary');
    // #5 granted by pre-examination in 2025.
    await db().execute(sql`update patents set legal_status = 'granted', grant_date = '2025-02-01' where id = ${p5}`);
    expect(await refreshLandscapeSummary(db())).toBeGreaterThanOrEqual(0);
    expect(await dirtyMarks()).toBe(0);
    await expectSummaryMatchesLive(true);
    expect((await served({ town: ids.dongfengTownId, from: 2021, to: 2025 })).l.totals.granted).toBe(5);
    await db().execute(sql`update patents set legal_status = 'granted', legal_status_date = null where id = ${p1}`);
    await db().execute(sql`update patents set legal_status = 'pending', grant_date = null where id = ${p5}`);
    await refreshLandscapeSummary(db());
    expect(await dirtyMarks()).toBe(0);
    // A transfer changes the owners and dates the status (ip-trading), which the landscape does not read of a patent in force.
    const jobs = await refreshJobs();
    await db().execute(sql`update patents set owners = array['新东家有限公司'], legal_status_date = '2025-03-01' where id = ${p1}`);
    expect(await dirtyMarks()).toBe(0);
    expect(await refreshJobs()).toBe(jobs);
    await db().execute(sql`update patents set owners = applicants, legal_status_date = null where id = ${p1}`);
    expect(await dirtyMarks()).toBe(0);
    await expectSummaryMatchesLive(true);
  });

  it.skipIf(!onPostgres)('concurrent writers and refreshers on PostgreSQL: no mark is lost, the summary never answers wrong', async () => {
    await refreshLandscapeSummary(db());
    const p1 = await patentFiled('2021-03-01');
    const p7 = await patentFiled('2023-03-01');
    // A writer whose transaction is open while a refresh runs: the refresh cannot see its mark and must not clear it.
    let marked!: () => void;
    let release!: () => void;
    const isMarked = new Promise<void>((r) => (marked = r));
    const released = new Promise<void>((r) => (release = r));
    const writer = db().transaction(async (tx) => {
      await tx.execute(sql`update patents set legal_status = 'expired', legal_status_date = '2024-05-01' where id = ${p1}`);
      marked();
      await released;
    });
    await isMarked;
    await db().execute(sql`update patents set legal_status = 'withdrawn', legal_status_date = '2024-01-02' where id = ${p7}`);
    // The writer commits after the refresh read the marks (小榄's, not the writer's: its id is lower but it was
    // not committed) and before it clears them: clearing "every mark up to the newest read" would lose it.
    const refreshed = await refreshSummary(db(), {
      afterMarksRead: async () => {
        release();
        await writer;
      },
    });
    expect(refreshed.slices).toBe(1);
    expect((await served({ town: ids.dongfengTownId, from: 2021, to: 2024 })).source).toBe('live');
    expect((await served({ town: ids.xiaolanTownId })).source).toBe('summary');
    await expectSummaryMatchesLive(false);
    // Two writers and two refreshers racing, several rounds; at any quiet moment whatever the summary serves is right.
    const statuses = ['lapsed', 'granted', 'invalidated', 'expired'] as const;
    for (let round = 0; round < 4; round++) {
      await Promise.all([
        ...[p1, p7].map(async (id, w) => {
          for (let i = 0; i < 5; i++) {
            const status = statuses[(round + i + w) % statuses.length];
            await db().execute(
              sql`update patents set legal_status = ${status}, legal_status_date = ${`2024-0${i + 1}-1${w}`} where id = ${id}`,
            );
          }
        }),
        refreshLandscapeSummary(db()),
        refreshLandscapeSummary(db()),
      ]);
      await expectSummaryMatchesLive(false);
    }
    await db().execute(sql`update patents set legal_status = 'granted', legal_status_date = null where id = ${p1}`);
    await db().execute(sql`update patents set legal_status = 'pending', legal_status_date = null where id = ${p7}`);
    await refreshLandscapeSummary(db());
    expect(await dirtyMarks()).toBe(0);
    await expectSummaryMatchesLive(true);
  });
});

describe('concordance', () => {
  it('maps codes to industries with exclusions', () => {
    expect(industriesOf(classPrefixesOf(['F21V29/70', 'F21Y115/10']))).toEqual(['C387']);
    expect(industriesOf(classPrefixesOf(['H01L33/62']))).toEqual(['C387']); // an LED chip is lighting, not C39
    expect(industriesOf(classPrefixesOf(['H01L21/02']))).toEqual(['C39']);
    expect(industriesOf(classPrefixesOf(['F24C3/08']))).toEqual(['C386']);
    expect(industriesOf(classPrefixesOf(['F24C7/08']))).toEqual(['C385']);
    expect(industriesOf(classPrefixesOf(['E05B47/00', 'H04W4/80']))).toEqual(['C335', 'C39']);
    expect(industriesOf(classPrefixesOf(['A63F13/00']))).toEqual(['C246']);
    expect(industriesOf(classPrefixesOf([], ['26-05']))).toEqual(['C387']);
    expect(industriesOf(classPrefixesOf(['B65D81/34']))).toEqual([]);
  });
});

function poppler(pdf: Buffer) {
  const file = join(dir, `r-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { flat: text.replace(/\s+/g, ''), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }) };
}

describe('downloads', () => {
  it('exports every chart’s data to Excel (signed in only)', async () => {
    const url = `/api/v1/patent-landscape/export.xlsx?town=${ids.dongfengTownId}&${period}`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('专利分析-东凤镇'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '年度趋势',
      '主要申请人',
      '主要发明人',
      'IPC分布',
      '行业分布',
      '法律状态',
      '专利指标',
    ]);
    const values = (name: string) =>
      (wb.getWorksheet(name) as ExcelJS.Worksheet).getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : r));
    const years = values('年度趋势');
    expect(years.find((r) => Array.isArray(r) && r[0] === 2022)).toEqual([2022, 1, 1, 0, 2, 1, 0, 1, 1, 0, 2, 1]);
    expect(values('主要申请人').find((r) => Array.isArray(r) && r[0] === 1)).toEqual([1, '东凤电器有限公司', 3]);
    expect(values('行业分布').find((r) => Array.isArray(r) && r[0] === 'C385')).toEqual(['C385', '家用电力器具制造', 3]);
    expect(values('专利指标').find((r) => Array.isArray(r) && r[1] === 2023)).toEqual(['东凤镇', 2023, 200_000, 1, 3, 5, 0.15]);
  });

  it('answers the PDF in the request too (signed in only)', async () => {
    const url = `/api/v1/patent-landscape/report.pdf?industry=C385&${period}`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('家用电力器具制造专利分析报告'));
    expect(poppler(res.rawPayload).flat).toContain('家用电力器具制造专利分析报告');
  });

  it('renders the PDF report in the job queue with the CJK font embedded and the charts as text', async () => {
    const enterprise = await t.login('enterprise');
    expect((await t.call('POST', '/api/v1/patent-landscape/report-jobs', undefined, { town: ids.dongfengTownId })).status).toBe(401);
    const started = await t.call('POST', '/api/v1/patent-landscape/report-jobs', enterprise, {
      town: ids.dongfengTownId,
      from: 2021,
      to: 2024,
    });
    expect(started.status).toBe(202);
    expect((await t.call('GET', `/api/v1/patent-landscape/report-jobs/${started.body.id}`, admin)).status).toBe(404);
    const job = await claimJob(t.database.db, [REPORT_JOB], 'test-worker', 60_000);
    expect(job?.id).toBe(started.body.id);
    const handler = patentLandscapeHandlers()[REPORT_JOB] as NonNullable<ReturnType<typeof patentLandscapeHandlers>[string]>;
    const result = await handler({ db: t.database.db, job: job as NonNullable<typeof job>, log: t.app.log });
    expect(await completeJob(t.database.db, job as NonNullable<typeof job>, 'test-worker', result)).toBe(true);
    const done = await t.call('GET', `/api/v1/patent-landscape/report-jobs/${started.body.id}`, enterprise);
    expect(done.body).toMatchObject({ status: 'done', progress: 1, filename: '东凤镇专利分析报告-2021-2024.pdf' });
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/files/${done.body.fileId}/content`, headers: { cookie: enterprise } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { flat, fonts } = poppler(file.rawPayload);
    expect(flat).toContain('东凤镇专利分析报告');
    expect(flat).toContain('东凤电器有限公司');
    expect(flat).toContain('家用电力器具制造');
    expect(flat).toContain('申请·发明'); // a chart legend, drawn as text
    expect(fonts).toMatch(/NotoSansCJKsc-Regular/);
    expect(fonts).toMatch(/emb\s+sub|yes\s+yes/);
  });
});
