/**
 * The open-sharing figures from a small known set of recorded usage, exact to the fen and the hour:
 * a town, institution and three instruments of their own, so that nothing seeded mixes in.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { demoIds, missingId, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD } from '../../../test/harness.ts';

const t = await createTestApp();
afterAll(() => t.close());
const ids = await demoIds(t.database);
const admin = await t.login('admin');

const OFFICE = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
};
const town = await one<{ id: string }>(
  t.database,
  sql`insert into towns (code, name, name_en, kind) values ('442000990', '共享测试镇', 'Sharing Test Town', 'town') returning id`,
);
const institution = await one<{ id: string }>(
  t.database,
  sql`insert into institutions (name, type, level, town_id) values ('共享测试检测中心', 'testing_lab', 'city', ${town.id}) returning id`,
);
const account = async (username: string, body: Record<string, unknown>) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { cookie: admin },
    payload: { username, password: DEMO_PASSWORD, displayName: username, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`${username}: ${res.statusCode} ${res.body}`);
  return t.login(username);
};
const owner = await account('sharelab', { role: 'provider', institutionId: institution.id });
const townAdmin = await account('sharetown', { role: 'town_admin', townId: town.id });
const guzhen = await t.login('guzhen');
const otherProvider = await t.login('provider');

const instrument = async (name: string, valueFen: number) =>
  (
    await one<{ id: string }>(
      t.database,
      sql`insert into resources (kind, name, model, category, institution_id, town_id, sharing, review_status, original_value_fen, opening_hours, fee_unit, fee_min_fen, fee_max_fen)
          values ('instrument', ${name}, 'ST-1', '光学测量', ${institution.id}, ${town.id}, 'open', 'published', ${valueFen}, ${JSON.stringify(OFFICE)}::jsonb, 'hour', 30000, 30000)
          returning id`,
    )
  ).id;
const A = await instrument('共享测试光谱仪甲', 10_000_000); // 10 万元
const B = await instrument('共享测试光谱仪乙', 20_000_000);
// C: never used in the period (idle).
await instrument('共享测试光谱仪丙', 50_000_000);
// A draft instrument is not evaluated.
await rows(
  t.database,
  sql`insert into resources (kind, name, institution_id, town_id, review_status, original_value_fen, opening_hours)
      values ('instrument', '共享测试草稿仪器', ${institution.id}, ${town.id}, 'draft', 99000000, ${JSON.stringify(OFFICE)}::jsonb)`,
);

const [E1, E2, E3] = [ids.ownEnterpriseId, ids.sameTownEnterpriseId, ids.otherTownEnterpriseId] as [string, string, string];
const booker = ids.userIds.enterprise as string;
/** A booking straight in the database with its usage: `day` at 09:00 Shanghai for `hours`. */
async function booked(
  resourceId: string,
  enterpriseId: string,
  day: string,
  hours: number,
  status: string,
  usage?: { minutes: number; feeFen: number; extraFen?: number; recordedAt?: string },
) {
  const start = new Date(`${day}T09:00:00+08:00`);
  const end = new Date(start.getTime() + hours * 3_600_000);
  const b = await one<{ id: string }>(
    t.database,
    sql`insert into bookings (resource_id, enterprise_id, user_id, institution_id, town_id, mode, period, purpose, status)
        values (${resourceId}, ${enterpriseId}, ${booker}, ${institution.id}, ${town.id}, 'operator_assisted',
                tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)'), '统计测试', ${status})
        returning id`,
  );
  if (usage) {
    const extra = usage.extraFen ?? 0;
    const charges = extra ? [{ kind: 'consumables', amountFen: extra, note: null }] : [];
    await rows(
      t.database,
      sql`insert into booking_usages (booking_id, minutes, fee_fen, extra_charges, extra_fen, recorded_by, recorded_at)
          values (${b.id}, ${usage.minutes}, ${usage.feeFen}, ${JSON.stringify(charges)}::jsonb, ${extra}, ${booker},
                  ${usage.recordedAt ?? new Date().toISOString()}::timestamptz)`,
    );
  }
}
// A: confirmed 4 h (fee 1,200 + consumables 300 元), deemed confirmed 2 h (recorded in March, never answered),
// a disputed record (not counted), a no-show, and April use outside a March period.
await booked(A, E1, '2026-03-03', 4, 'completed', { minutes: 240, feeFen: 120_000, extraFen: 30_000 });
await booked(A, E2, '2026-03-10', 2, 'usage_recorded', { minutes: 120, feeFen: 60_000, recordedAt: '2026-03-10T10:00:00Z' });
await booked(A, E1, '2026-03-12', 3, 'disputed', { minutes: 180, feeFen: 90_000 });
await booked(A, E2, '2026-03-17', 2, 'no_show');
await booked(A, E1, '2026-04-02', 8, 'completed', { minutes: 600, feeFen: 300_000 });
// B: one confirmed day; one record made just now (the enterprise still has 7 days to answer: not counted yet).
await booked(B, E3, '2026-03-20', 8, 'completed', { minutes: 480, feeFen: 200_000 });
await booked(B, E1, '2026-03-24', 2, 'usage_recorded', { minutes: 120, feeFen: 60_000 });

const get = (url: string, cookie = admin) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie = owner) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

describe('internal use', () => {
  it('the owner records its own staff’s use with the internal income; others cannot', async () => {
    const res = await post(`/api/v1/resources/${A}/internal-usages`, {
      usedOn: '2026-03-05',
      hours: 5,
      incomeFen: 50_000,
      note: '本所研发',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ resourceId: A, usedOn: '2026-03-05', minutes: 300, incomeFen: 50_000 });
    expect((await post(`/api/v1/resources/${A}/internal-usages`, { usedOn: '2026-04-01', hours: 2 })).statusCode).toBe(201);
    // Another institution's provider: not found; a future day or bad hours: refused, nothing written.
    expect((await post(`/api/v1/resources/${A}/internal-usages`, { usedOn: '2026-03-05', hours: 1 }, otherProvider)).statusCode).toBe(404);
    expect((await post(`/api/v1/resources/${A}/internal-usages`, { usedOn: '2099-01-01', hours: 1 })).statusCode).toBe(422);
    expect((await post(`/api/v1/resources/${A}/internal-usages`, { usedOn: '2026-03-05', hours: 0 })).statusCode).toBe(400);
    // A mistaken entry is withdrawn by the owner only.
    const mistake = (await post(`/api/v1/resources/${A}/internal-usages`, { usedOn: '2026-03-06', hours: 7 })).json();
    const del = (cookie: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/internal-usages/${mistake.id}`, headers: { cookie } });
    expect((await del(otherProvider)).statusCode).toBe(404);
    expect((await del(owner)).statusCode).toBe(204);
    expect((await del(owner)).statusCode).toBe(404);
    const list = await get(`/api/v1/resources/${A}/internal-usages`, owner);
    expect(list.json().items.map((u: { usedOn: string }) => u.usedOn)).toEqual(['2026-04-01', '2026-03-05']);
    const audited = await one<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_events where action in ('internal_usage.record', 'internal_usage.delete')`,
    );
    expect(audited.n).toBe(4);
  });
});

const MARCH = 'from=2026-03-01&to=2026-03-31';

describe('figures of a known month', () => {
  it('an institution: one row per instrument, exact figures and totals', async () => {
    const res = await get(`/api/v1/sharing-statistics?level=institution&id=${institution.id}&${MARCH}`, owner);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    // March 2026 has 22 working days and no holidays: 22 × 8 h per instrument.
    expect(r.workingDays).toBe(22);
    const byName = Object.fromEntries(r.rows.map((x: { name: string }) => [x.name, x]));
    expect(Object.keys(byName)).toHaveLength(3);
    expect(byName.共享测试光谱仪甲.figures).toEqual({
      instruments: 1,
      originalValueFen: 10_000_000,
      availableHours: 176,
      effectiveHours: 11,
      externalHours: 6,
      internalHours: 5,
      utilisationRate: 0.0625,
      sharingRate: 0.5455,
      revenueRate: 0.0365, // (500 + 1.5 × 2,100 元) ÷ 100,000 元
      externalUsers: 2,
      externalIncomeFen: 210_000,
      internalIncomeFen: 50_000,
      serviceIncomeFen: 260_000,
      externalServices: 2,
      noShows: 1,
      noShowRate: 0.3333,
    });
    expect(byName.共享测试光谱仪乙.figures).toMatchObject({
      effectiveHours: 8,
      externalHours: 8,
      utilisationRate: 0.0455,
      sharingRate: 1,
      revenueRate: 0.015,
      externalUsers: 1,
      noShows: 0,
      noShowRate: 0,
    });
    expect(byName.共享测试光谱仪乙.idle).toBe(true);
    expect(byName.共享测试光谱仪丙.figures).toMatchObject({
      effectiveHours: 0,
      utilisationRate: 0,
      sharingRate: null,
      revenueRate: 0,
      noShowRate: null,
    });
    expect(r.totals).toEqual({
      instruments: 3,
      originalValueFen: 80_000_000,
      availableHours: 528,
      effectiveHours: 19,
      externalHours: 14,
      internalHours: 5,
      utilisationRate: 0.036,
      sharingRate: 0.7368,
      revenueRate: 0.0083,
      externalUsers: 3,
      externalIncomeFen: 410_000,
      internalIncomeFen: 50_000,
      serviceIncomeFen: 460_000,
      externalServices: 3,
      noShows: 1,
      noShowRate: 0.25,
    });
    expect(r.topUsed.map((x: { name: string }) => x.name)).toEqual(['共享测试光谱仪甲', '共享测试光谱仪乙']);
    expect(r.idle.map((x: { name: string }) => x.name)).toEqual(['共享测试光谱仪丙', '共享测试光谱仪乙']);
    expect(r.trend).toEqual([{ month: '2026-03', availableHours: 528, effectiveHours: 19, externalHours: 14, utilisationRate: 0.036 }]);
  });

  it('the town rolls its institutions up; the city shows the town among all towns', async () => {
    const asTown = (await get(`/api/v1/sharing-statistics?level=town&id=${town.id}&${MARCH}`, townAdmin)).json();
    expect(asTown.rows).toHaveLength(1);
    expect(asTown.rows[0]).toMatchObject({ level: 'institution', id: institution.id, name: '共享测试检测中心' });
    expect(asTown.rows[0].figures.effectiveHours).toBe(19);
    expect(asTown.totals.externalUsers).toBe(3);
    const city = (await get(`/api/v1/sharing-statistics?level=city&${MARCH}`)).json();
    const row = city.rows.find((x: { id: string }) => x.id === town.id);
    expect(row.figures).toEqual(asTown.totals);
    expect(city.rows.length).toBeGreaterThanOrEqual(24);
    expect(city.byTown.find((x: { id: string }) => x.id === town.id)).toEqual({
      id: town.id,
      name: '共享测试镇',
      utilisationRate: 0.036,
      effectiveHours: 19,
    });
    // The city's total is the sum of its towns (sums before ratios).
    const sum = (k: string) => city.rows.reduce((s: number, x: { figures: Record<string, number> }) => s + (x.figures[k] ?? 0), 0);
    expect(city.totals.externalIncomeFen).toBe(sum('externalIncomeFen'));
    expect(city.totals.instruments).toBe(sum('instruments'));
  });

  it('a two-month period splits the trend by month (Qingming off in April)', async () => {
    const r = (await get(`/api/v1/sharing-statistics?level=instrument&id=${A}&from=2026-03-01&to=2026-04-30`, owner)).json();
    expect(r.workingDays).toBe(22 + 21);
    expect(r.trend).toEqual([
      { month: '2026-03', availableHours: 176, effectiveHours: 11, externalHours: 6, utilisationRate: 0.0625 },
      { month: '2026-04', availableHours: 168, effectiveHours: 12, externalHours: 10, utilisationRate: 0.0714 },
    ]);
    expect(r.totals.effectiveHours).toBe(23);
  });

  it('another town’s unit is not found; a provider sees only its institution; bad periods are refused', async () => {
    for (const q of [`level=town&id=${town.id}`, `level=institution&id=${institution.id}`, `level=instrument&id=${A}`]) {
      expect((await get(`/api/v1/sharing-statistics?${q}&${MARCH}`, guzhen)).statusCode).toBe(404);
      expect((await get(`/api/v1/sharing-statistics?${q}&${MARCH}`, otherProvider)).statusCode).toBe(404);
      expect((await get(`/api/v1/sharing-statistics/export?${q}&${MARCH}`, guzhen)).statusCode).toBe(404);
    }
    expect((await get(`/api/v1/sharing-statistics?level=city&${MARCH}`, townAdmin)).statusCode).toBe(404);
    expect((await get(`/api/v1/sharing-statistics?level=town&id=${town.id}&${MARCH}`, owner)).statusCode).toBe(404);
    expect((await get(`/api/v1/sharing-statistics?level=town&id=${missingId()}&${MARCH}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/sharing-statistics?level=town&id=${ids.guzhenTownId}&${MARCH}`, guzhen)).statusCode).toBe(200);
    expect((await get('/api/v1/sharing-statistics?level=city&from=2026-03-31&to=2026-03-01')).statusCode).toBe(400);
    expect((await get('/api/v1/sharing-statistics?level=town&from=2026-03-01&to=2026-03-31')).statusCode).toBe(400);
    expect((await get('/api/v1/sharing-statistics?level=city&from=2020-01-01&to=2026-03-01')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/sharing-statistics?level=city&${MARCH}` })).statusCode).toBe(401);
  });
});

describe('Excel export', () => {
  const read = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb;
  };
  const rowValues = (sheet: ExcelJS.Worksheet) => {
    const out: unknown[][] = [];
    sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  it('an institution’s annual evaluation sheet: header block, one row per instrument, totals', async () => {
    const res = await get(`/api/v1/sharing-statistics/export?level=institution&id=${institution.id}&${MARCH}`, owner);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = await read(res.rawPayload);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const values = rowValues(sheet);
    expect(values[0]?.[0]).toBe('大型科研仪器设备开放共享评价考核表');
    expect(values[1]).toEqual(['机构 Institution', '共享测试检测中心']);
    expect(values[2]).toEqual(['统计期间 Period', '2026-03-01 — 2026-03-31']);
    expect(values[3]).toEqual(['工作日 Working days', 22]);
    const header = values.findIndex((v) => v[0] === '仪器名称 Instrument');
    expect(header).toBeGreaterThan(0);
    const cols = values[header] as string[];
    const col = (name: string) => cols.indexOf(name);
    const table = values.slice(header + 1);
    expect(table).toHaveLength(4);
    const a = table.find((v) => v[0] === '共享测试光谱仪甲') as unknown[];
    expect(a[col('型号 Model')]).toBe('ST-1');
    expect(a[col('镇街 Town')]).toBe('共享测试镇');
    expect(a[col('原值（元） Original value (yuan)')]).toBe(100_000);
    expect(a[col('可用机时 Available h')]).toBe(176);
    expect(a[col('有效机时 Effective h')]).toBe(11);
    expect(a[col('使用率 Utilisation')]).toBe(0.0625);
    expect(a[col('收益率 Revenue rate')]).toBe(0.0365);
    expect(a[col('对外服务收入（元） External income')]).toBe(2_100);
    const c = table.find((v) => v[0] === '共享测试光谱仪丙') as unknown[];
    expect(c[col('共享率 Sharing rate')] ?? null).toBeNull();
    const total = table.at(-1) as unknown[];
    expect(total[0]).toBe('合计 Total');
    expect(total[col('有效机时 Effective h')]).toBe(19);
    expect(total[col('服务用户数 External users')]).toBe(3);
    expect(total[col('服务收入（元） Service income')]).toBe(4_600);
    let rowOfA = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '共享测试光谱仪甲') rowOfA = n;
    });
    expect(sheet.getRow(rowOfA).getCell(col('使用率 Utilisation') + 1).numFmt).toBe('0.00%');
    const audited = await one<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_events where action = 'sharing_statistics.export'`,
    );
    expect(audited.n).toBeGreaterThanOrEqual(1);
  });

  it('the town and city tables: one row per unit plus the instrument detail sheet', async () => {
    const res = await get(`/api/v1/sharing-statistics/export?level=town&id=${town.id}&${MARCH}`, townAdmin);
    expect(res.statusCode).toBe(200);
    const wb = await read(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['评价考核表 Evaluation', '仪器明细 Instruments']);
    const values = rowValues(wb.worksheets[0] as ExcelJS.Worksheet);
    const header = values.findIndex((v) => v[0] === '机构 Institution' && v[1] !== '共享测试检测中心');
    expect(values.slice(header + 1).map((v) => v[0])).toEqual(['共享测试检测中心', '合计 Total']);
    const detail = rowValues(wb.worksheets[1] as ExcelJS.Worksheet);
    expect(
      detail
        .slice(1, -1)
        .map((v) => v[0])
        .sort(),
    ).toEqual(['共享测试光谱仪丙', '共享测试光谱仪甲', '共享测试光谱仪乙'].sort());
    expect(detail.at(-1)?.[0]).toBe('合计 Total');
    const city = await get(`/api/v1/sharing-statistics/export?level=city&${MARCH}`);
    expect(city.statusCode).toBe(200);
    const cityRows = rowValues((await read(city.rawPayload)).worksheets[0] as ExcelJS.Worksheet);
    expect(cityRows.some((v) => v[0] === '共享测试镇')).toBe(true);
    expect(cityRows.some((v) => v[0] === '古镇镇')).toBe(true);
  });
});

describe('new-purchase review (新购仪器查重)', () => {
  const planned = {
    name: '积分球光谱辐射计',
    model: 'HAAS-2000 2 m',
    category: '光学测量',
    keywords: 'LED 光通量',
    budgetFen: 68_000_000,
    reason: '承接出口灯具能效检测业务',
  };
  const userId = async (username: string) =>
    (await one<{ id: string }>(t.database, sql`select id from users where username = ${username}`)).id;
  const notices = async (username: string, kind: string) =>
    (
      await one<{ n: number }>(
        t.database,
        sql`select count(*)::int as n from notifications where user_id = ${await userId(username)} and kind = ${kind}`,
      )
    ).n;

  it('the provider files; the reviewer sees similar instruments with their utilisation, rejects with a reason; both sides hear', async () => {
    const res = await post('/api/v1/purchase-reviews', planned);
    expect(res.statusCode).toBe(201);
    const filed = res.json();
    expect(filed).toMatchObject({ status: 'submitted', institutionId: institution.id, townId: town.id, budgetFen: 68_000_000 });
    expect(await notices('sharetown', 'purchase_review.submitted')).toBe(1);
    expect(await notices('admin', 'purchase_review.submitted')).toBe(1);
    expect(await notices('guzhen', 'purchase_review.submitted')).toBe(0);

    const seen = await get(`/api/v1/purchase-reviews/${filed.id}`, townAdmin);
    expect(seen.statusCode).toBe(200);
    const similar = seen.json().similar as {
      name: string;
      townName: string;
      institutionName: string;
      utilisationRate: number | null;
      availableHours: number;
    }[];
    expect(similar.length).toBeGreaterThan(0);
    expect(similar[0]?.name).toContain('积分球光谱辐射计');
    // Unrelated equipment stays out (single characters such as the '2' of '2 m' match nothing).
    expect(similar.filter((x) => /三坐标|CT|3D|盐雾/.test(x.name))).toEqual([]);
    expect(similar[0]?.townName).toBeTruthy();
    expect(similar[0]?.institutionName).toBeTruthy();
    expect(similar[0]?.availableHours).toBeGreaterThan(0);
    expect(seen.json().similarTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Outside the scope: another town's admin and another institution's provider get 404 and change nothing.
    expect((await get(`/api/v1/purchase-reviews/${filed.id}`, guzhen)).statusCode).toBe(404);
    expect((await get(`/api/v1/purchase-reviews/${filed.id}`, otherProvider)).statusCode).toBe(404);
    expect((await post(`/api/v1/purchase-reviews/${filed.id}/approve`, {}, guzhen)).statusCode).toBe(404);
    // The filer cannot decide its own filing; a rejection needs a reason.
    expect((await post(`/api/v1/purchase-reviews/${filed.id}/approve`, {}, owner)).statusCode).toBe(403);
    expect((await post(`/api/v1/purchase-reviews/${filed.id}/reject`, {}, townAdmin)).statusCode).toBe(400);
    expect((await get(`/api/v1/purchase-reviews/${filed.id}`, owner)).json().status).toBe('submitted');

    const rejected = await post(
      `/api/v1/purchase-reviews/${filed.id}/reject`,
      { comment: '本市已有 3 台同类设备且使用率不足 30%，请通过共享平台预约' },
      townAdmin,
    );
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionComment: expect.stringContaining('共享平台') });
    expect(rejected.json().decidedAt).toBeTruthy();
    expect((await post(`/api/v1/purchase-reviews/${filed.id}/approve`, {}, admin)).statusCode).toBe(409);
    expect(await notices('sharelab', 'purchase_review.rejected')).toBe(1);
    expect(await notices('admin', 'purchase_review.rejected')).toBe(1);
    const audit = await rows<{ action: string }>(
      t.database,
      sql`select action from audit_events where target_id = ${filed.id} and action like 'purchase_review.%' order by occurred_at`,
    );
    expect(audit.map((a) => a.action)).toEqual(['purchase_review.create', 'purchase_review.reject']);
  });

  it('the city approves; lists are filtered by scope', async () => {
    const filed = (await post('/api/v1/purchase-reviews', { ...planned, name: '盐雾试验箱', model: null, keywords: null })).json();
    const approved = await post(`/api/v1/purchase-reviews/${filed.id}/approve`, { comment: '同意' }, admin);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(await notices('sharelab', 'purchase_review.approved')).toBe(1);
    const mine = (await get('/api/v1/purchase-reviews', owner)).json();
    expect(mine.total).toBe(2);
    expect((await get('/api/v1/purchase-reviews?status=approved', townAdmin)).json().total).toBe(1);
    // Others see none of ours (the demo seed has filings of its own in their scope).
    for (const cookie of [guzhen, otherProvider]) {
      const items = (await get('/api/v1/purchase-reviews?pageSize=100', cookie)).json().items as { institutionId: string }[];
      expect(items.filter((r) => r.institutionId === institution.id)).toEqual([]);
    }
    expect((await get('/api/v1/purchase-reviews', admin)).json().total).toBeGreaterThanOrEqual(2);
  });

  it('bad filings are refused and write nothing', async () => {
    const before = (await get('/api/v1/purchase-reviews', owner)).json().total;
    expect((await post('/api/v1/purchase-reviews', { ...planned, budgetFen: 0 })).statusCode).toBe(400);
    expect((await post('/api/v1/purchase-reviews', { ...planned, budgetFen: 1.5 })).statusCode).toBe(400);
    expect((await post('/api/v1/purchase-reviews', { ...planned, status: 'approved' })).statusCode).toBe(400);
    expect((await post('/api/v1/purchase-reviews', planned, townAdmin)).statusCode).toBe(403);
    expect((await get('/api/v1/purchase-reviews', owner)).json().total).toBe(before);
  });
});
