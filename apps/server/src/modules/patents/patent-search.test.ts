import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makePatent } from '../../../test/patent-fixtures.ts';
import { searchPatents } from './patent-search.service.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const c = {} as Record<'admin' | 'guzhen' | 'xiaolan' | 'enterprise' | 'provider', string>;
/** Every test patent has this applicant, and every search names it: the demo patents stay out of the figures. */
const TAG = `检索测试${Math.floor(Math.random() * 1e6)}`;
const P = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', string>;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  for (const u of ['admin', 'guzhen', 'xiaolan', 'enterprise', 'provider'] as const) c[u] = await t.login(u);
  const applicants = [`${TAG}照明有限公司`];
  P.A = (
    await makePatent(t.database, {
      title: '一种散热良好的LED灯具',
      abstract: '本发明公开了一种灯具，包括灯体、散热鳍片和驱动电源。',
      ipcCodes: ['F21V29/70', 'F21Y115/10'],
      applicationDate: '2020-03-01',
      grantDate: '2021-06-01',
      applicants,
      inventors: ['王小明', '赵六'],
      townId: ids.guzhenTownId,
      ownerEnterpriseIds: [ids.ownEnterpriseId],
    })
  ).id;
  P.B = (
    await makePatent(t.database, {
      kind: 'utility_model',
      title: '一种LED驱动电源',
      abstract: '本实用新型涉及一种恒流驱动电源。',
      ipcCodes: ['H05B45/30'],
      applicationDate: '2021-05-01',
      grantDate: '2021-12-01',
      applicants,
      inventors: ['李工程'],
      townId: ids.xiaolanTownId,
    })
  ).id;
  P.C = (
    await makePatent(t.database, {
      kind: 'design',
      title: '吊灯（水晶）',
      abstract: '本外观设计产品为吊灯，用于室内照明。',
      applicationDate: '2022-01-10',
      grantDate: '2022-06-01',
      legalStatus: 'lapsed',
      applicants,
      townId: ids.guzhenTownId,
    })
  ).id;
  P.D = (
    await makePatent(t.database, {
      title: '一种智能门锁',
      abstract: '一种带指纹识别的门锁。',
      claims: '1. 一种智能门锁，其特征在于设有LED指示灯。',
      ipcCodes: ['E05B47/00'],
      applicationDate: '2022-08-01',
      grantDate: null,
      applicants,
    })
  ).id;
  P.E = (
    await makePatent(t.database, {
      title: '灯具散热结构',
      abstract: '一种LED散热器，铝型材。',
      ipcCodes: ['F21V29/503', 'F21V23/00'],
      applicationDate: '2019-02-01',
      grantDate: '2020-09-01',
      applicants: [`${TAG}电器厂`],
      owners: [`${TAG}电器厂`],
      townId: ids.guzhenTownId,
      ownerEnterpriseIds: [ids.ownEnterpriseId],
    })
  ).id;
});
afterAll(async () => t?.close());

type Result = {
  items: { id: string; titleHighlight: string }[];
  total: number;
  totalIsEstimate: boolean;
  facets: Record<string, { value: string; count: number }[]>;
  facetsAreEstimate: boolean;
  query: string | null;
};
const search = async (params: Record<string, string>, cookie?: string) => {
  const qs = new URLSearchParams({ applicant: TAG, ...params }).toString();
  return t.call('GET', `/api/v1/patents/search?${qs}`, cookie);
};
const found = async (params: Record<string, string>) => {
  const res = await search(params);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as Result).items.map((i) => i.id);
};
const set = (...keys: (keyof typeof P)[]) => new Set(keys.map((k) => P[k]));

describe('full text', () => {
  it('finds segmented Chinese words in title, abstract and claims, title matches first, newest first in each', async () => {
    expect(await found({ q: 'LED' })).toEqual([P.B, P.A, P.D, P.E]);
    expect(new Set(await found({ q: '散热' }))).toEqual(set('A', 'E'));
    expect(await found({ q: '指示灯' })).toEqual([P.D]);
    expect(await found({ q: '散热鳍片' })).toEqual([P.A]);
    expect(await found({ q: '灯具 散热' })).toEqual([P.A, P.E]);
    const res = await search({ q: '散热' });
    expect((res.body as Result).items[0]?.titleHighlight).toContain('<mark>散热</mark>');
  });

  it('is public: an anonymous caller searches', async () => {
    expect((await search({ q: 'LED' })).status).toBe(200);
  });
});

describe('field filters', () => {
  it('filters by kind, legal status, town, year and dates', async () => {
    expect(await found({ kind: 'utility_model' })).toEqual([P.B]);
    expect(await found({ legalStatus: 'lapsed' })).toEqual([P.C]);
    expect(await found({ legalStatus: 'pending' })).toEqual([P.D]);
    expect(new Set(await found({ townId: ids.guzhenTownId }))).toEqual(set('A', 'C', 'E'));
    expect(await found({ applicationYear: '2021' })).toEqual([P.B]);
    expect(new Set(await found({ applicationFrom: '2021-01-01', applicationTo: '2022-01-31' }))).toEqual(set('B', 'C'));
    expect(new Set(await found({ grantFrom: '2021-06-01', grantTo: '2021-12-31' }))).toEqual(set('A', 'B'));
    expect(await found({ localOwner: 'true' })).toEqual([P.A, P.E]);
  });

  it('filters by IPC prefix at every level, and Locarno for designs', async () => {
    expect(new Set(await found({ ipc: 'F21V' }))).toEqual(set('A', 'E'));
    expect(new Set(await found({ ipc: 'F21' }))).toEqual(set('A', 'E'));
    expect(new Set(await found({ ipc: 'F21V29/' }))).toEqual(set('A', 'E'));
    expect(await found({ ipc: 'F21V 29/5' })).toEqual([P.E]);
    expect(await found({ ipc: 'F21V29/70' })).toEqual([P.A]);
    expect(await found({ ipc: 'F21V23' })).toEqual([P.E]);
    expect(await found({ locarno: '26' })).toEqual([P.C]);
    expect(await found({ locarno: '26-05' })).toEqual([P.C]);
    const bad = await search({ ipc: 'F2' });
    expect(bad.status).toBe(400);
  });

  it('matches parts of applicant and inventor names', async () => {
    expect(await found({ applicant: `${TAG}电器` })).toEqual([P.E]);
    expect(await found({ inventor: '王小明' })).toEqual([P.A]);
    expect(await found({ inventor: '工程' })).toEqual([P.B]);
  });

  it('sorts by application or grant date', async () => {
    expect(await found({ sort: 'application_date' })).toEqual([P.D, P.C, P.B, P.A, P.E]);
    expect(await found({ sort: 'grant_date' })).toEqual([P.C, P.B, P.A, P.E, P.D]);
  });
});

describe('expert query', () => {
  const expert = (query: string) => found({ query });

  it('compiles fields, NOT and parentheses', async () => {
    expect(await expert('TI=LED AND NOT KIND=utility_model')).toEqual([P.A]);
    expect(await expert('(LED OR 门锁) AND KIND=实用新型')).toEqual([P.B]);
    expect(await expert('IPC=F21V29/ AND AD=2020')).toEqual([P.A]);
    expect(await expert('CL=指示灯')).toEqual([P.D]);
    expect(await expert('AB=指示灯')).toEqual([]);
    expect(await expert('TI="LED灯具"')).toEqual([P.A]);
    expect(await expert(`PA=${TAG}电器`)).toEqual([P.E]);
    expect(await expert('IN=李工程 OR LS=失效')).toEqual([P.C, P.B]);
    expect(new Set(await expert('TOWN=古镇镇 AND GD=2020..2021'))).toEqual(set('A', 'E'));
  });

  it('binds AND tighter than OR', async () => {
    // 散热 OR (门锁 AND KIND=design): the door lock is an invention, so only the two heat-sink patents.
    expect(new Set(await expert('散热 OR 门锁 AND KIND=design'))).toEqual(set('A', 'E'));
    expect(new Set(await expert('(散热 OR 门锁) AND KIND=invention'))).toEqual(set('A', 'D', 'E'));
  });

  it('answers a malformed query with 400, the position and the parser’s message in both languages', async () => {
    const res = await search({ query: 'TI=(LED OR 灯具' });
    expect(res.status).toBe(400);
    const error = (res.body as { error: { code: string; details: Record<string, unknown> } }).error;
    expect(error.code).toBe('PATENT_QUERY_INVALID');
    expect(error.details).toMatchObject({ position: 3, length: 1, queryCode: 'unmatched_open_paren' });
    const field = (error.details.fields as { path: string; messageZh: string; messageEn: string }[])[0];
    expect(field?.path).toBe('query');
    expect(field?.messageZh).toContain('左括号');
    expect(field?.messageEn).toContain('opening parenthesis');
    const dangling = await search({ query: 'LED AND' });
    expect((dangling.body as { error: { details: Record<string, unknown> } }).error.details).toMatchObject({ position: 4, length: 3 });
  });

  it('returns the normalised query', async () => {
    const res = await search({ query: 'ti=(led or 灯具) and not kind=design' });
    expect((res.body as Result).query).toBe('TI=(led OR 灯具) AND NOT KIND=design');
  });
});

describe('facets', () => {
  const choose: Record<string, (v: string) => Record<string, string>> = {
    kind: (v) => ({ kind: v }),
    legalStatus: (v) => ({ legalStatus: v }),
    town: (v) => ({ townId: v }),
    applicationYear: (v) => ({ applicationYear: v }),
    ipcSubclass: (v) => ({ ipc: v }),
  };

  for (const base of [{}, { q: 'LED' }, { kind: 'invention' }, { q: '灯具', townId: 'guzhen' }] as Record<string, string>[]) {
    it(`count what choosing them returns (${JSON.stringify(base)})`, async () => {
      const params = { ...base, ...(base.townId ? { townId: ids.guzhenTownId } : {}) };
      const res = (await search(params)).body as Result;
      expect(res.facetsAreEstimate).toBe(false);
      let checked = 0;
      for (const [name, values] of Object.entries(res.facets)) {
        for (const v of values) {
          const chosen = (await search({ ...params, ...(choose[name] as (v: string) => Record<string, string>)(v.value) })).body as Result;
          expect(chosen.total, `${name}=${v.value}`).toBe(v.count);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(3);
    });
  }

  it('counts a facet with the other filters, not its own', async () => {
    const res = (await search({ kind: 'invention' })).body as Result;
    expect(res.total).toBe(3);
    expect(Object.fromEntries(res.facets.kind?.map((f) => [f.value, f.count]) ?? [])).toEqual({
      invention: 3,
      utility_model: 1,
      design: 1,
    });
    expect(res.facets.ipcSubclass?.find((f) => f.value === 'F21V')?.count).toBe(2);
    expect(res.facets.applicationYear?.map((f) => f.value)).toEqual(['2022', '2020', '2019']);
  });

  it('estimates beyond the exact cap, and still pages through the tiers with a tiny window', async () => {
    const q = { applicant: TAG, q: 'LED', page: 1, pageSize: 20 };
    const small = await searchPatents(t.database.db, q, { sizes: { exactCap: 2, window: 2, ginTierMax: 1 } });
    expect(small.totalIsEstimate).toBe(true);
    expect(small.facetsAreEstimate).toBe(true);
    expect(small.items.map((i) => i.id)).toEqual([P.B, P.A, P.D, P.E]);
  });
});

describe('word search through month slices and samples (patent-search.words.ts)', () => {
  it('pages the same from the newest months, widened as needed, as from the whole table — every sort', async () => {
    const sliced = { sampleEverything: true, exactCap: 0, sliceTarget: 1 };
    for (const q of ['LED', '灯', '一种']) {
      for (const sort of [undefined, 'application_date', 'grant_date'] as const) {
        for (const pageSize of [1, 2]) {
          for (const page of [1, 2, 3, 4]) {
            const query = { applicant: TAG, q, page, pageSize, ...(sort ? { sort } : {}) };
            const whole = await searchPatents(t.database.db, query);
            const cut = await searchPatents(t.database.db, query, { sizes: sliced });
            expect(
              cut.items.map((i) => i.id),
              JSON.stringify(query),
            ).toEqual(whole.items.map((i) => i.id));
            expect(cut.totalIsEstimate).toBe(true);
          }
        }
      }
    }
    expect((await searchPatents(t.database.db, { applicant: TAG, q: 'LED', page: 1, pageSize: 20 })).totalIsEstimate).toBe(false);
  });

  it('indexes the application and grant months, and a nested fixed sample of one row in 10, 100 and 1,000', async () => {
    const [row] = await rows<Record<string, number>>(
      t.database,
      sql`with d as (
          select patent_search_doc(''::tsvector, date '2024-02-29', null, gen_random_uuid()) as v from generate_series(1, 20000))
        select count(*) filter (where v @@ '§a202402'::tsquery)::int as month, count(*) filter (where v @@ '§g202402'::tsquery)::int as grant,
          count(*) filter (where v @@ '§s1'::tsquery)::int as s1, count(*) filter (where v @@ '§s2'::tsquery)::int as s2,
          count(*) filter (where v @@ '§s3'::tsquery)::int as s3,
          count(*) filter (where v @@ '§s3 & !§s2'::tsquery or v @@ '§s2 & !§s1'::tsquery)::int as unnested
        from d`,
    );
    expect(row).toMatchObject({ month: 20000, grant: 0, unnested: 0 });
    // Binomial: 2,000 ± 5σ (212), 200 ± 5σ (70), 20 ± 20.
    expect(row?.s1).toBeGreaterThan(1788);
    expect(row?.s1).toBeLessThan(2212);
    expect(row?.s2).toBeGreaterThan(130);
    expect(row?.s2).toBeLessThan(270);
    expect(row?.s3).toBeLessThan(45);
  });
});

describe('export', () => {
  const exportOf = async (params: Record<string, string>, cookie?: string) => {
    const qs = new URLSearchParams({ applicant: TAG, ...params }).toString();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/patents/export?${qs}`, headers: cookie ? { cookie } : {} });
    if (res.statusCode !== 200) return { status: res.statusCode, numbers: [] as string[] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const numbers: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) numbers.push(String(row.getCell(1).value));
    });
    return { status: 200, numbers, type: res.headers['content-type'] };
  };

  it('needs a sign-in, has the search’s rows in its order, and is audited', async () => {
    expect((await exportOf({ q: 'LED' })).status).toBe(401);
    const out = await exportOf({ q: 'LED' }, c.enterprise);
    expect(out.status).toBe(200);
    const numbers = await rows<{ id: string; application_number: string }>(t.database, sql`select id, application_number from patents`);
    const byId = new Map(numbers.map((r) => [r.id, r.application_number]));
    expect(out.numbers).toEqual([P.B, P.A, P.D, P.E].map((id) => byId.get(id)));
    const audit = await rows<{ action: string; changes: { rows: number } }>(
      t.database,
      sql`select action, changes from audit_events where action = 'patentSearch.export' and username = 'enterprise' order by occurred_at desc limit 1`,
    );
    expect(audit[0]?.changes.rows).toBe(4);
  });
});

describe('patent page and legal-status events', () => {
  it('shows every field, the events and the timeline to anyone', async () => {
    const res = await t.call('GET', `/api/v1/patents/${P.A}`);
    expect(res.status).toBe(200);
    const body = res.body as {
      title: string;
      ipcSubclasses: string[];
      expiryDate: string;
      events: { kind: string }[];
      timeline: { source: string; kind: string; at: string }[];
      inventors: string[];
    };
    expect(body.title).toBe('一种散热良好的LED灯具');
    expect(body.ipcSubclasses).toEqual(['F21V', 'F21Y']);
    expect(body.expiryDate).toBe('2040-02-29');
    expect(body.events.map((e) => e.kind)).toEqual(['filed', 'granted']);
    expect(body.timeline).toEqual([
      expect.objectContaining({ source: 'legal_status', kind: 'filed', at: '2020-03-01' }),
      expect.objectContaining({ source: 'legal_status', kind: 'granted', at: '2021-06-01' }),
    ]);
    expect((await t.call('GET', '/api/v1/patents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lets the city record an allowed event, moving the status in the same transaction', async () => {
    const url = `/api/v1/patents/${P.E}/events`;
    expect((await t.call('POST', url, undefined, { kind: 'lapsed', eventDate: '2024-02-02' })).status).toBe(401);
    expect((await t.call('POST', url, c.guzhen, { kind: 'lapsed', eventDate: '2024-02-02' })).status).toBe(403);
    const lapsed = await t.call('POST', url, c.admin, { kind: 'lapsed', eventDate: '2024-02-02', note: '未缴年费' });
    expect(lapsed.status).toBe(201);
    const status = async () =>
      (
        await rows<{ legal_status: string; legal_status_date: string }>(
          t.database,
          sql`select legal_status, legal_status_date::text from patents where id = ${P.E}`,
        )
      )[0];
    expect(await status()).toEqual({ legal_status: 'lapsed', legal_status_date: '2024-02-02' });
    // Not allowed from lapsed, and dates out of order: refused, nothing changes.
    expect((await t.call('POST', url, c.admin, { kind: 'lapsed', eventDate: '2024-03-01' })).status).toBe(409);
    expect((await t.call('POST', url, c.admin, { kind: 'restored', eventDate: '2024-01-01' })).status).toBe(422);
    expect((await t.call('POST', url, c.admin, { kind: 'restored', eventDate: '2018-01-01' })).status).toBe(422);
    expect((await t.call('POST', url, c.admin, { kind: 'restored', eventDate: '2099-01-01' })).status).toBe(422);
    expect((await t.call('POST', url, c.admin, { kind: 'transferred', eventDate: '2024-03-01' })).status).toBe(400);
    expect(await status()).toEqual({ legal_status: 'lapsed', legal_status_date: '2024-02-02' });
    expect((await t.call('POST', url, c.admin, { kind: 'restored', eventDate: '2024-04-01' })).status).toBe(201);
    expect((await status())?.legal_status).toBe('granted');
    const page = (await t.call('GET', `/api/v1/patents/${P.E}`)).body as { legalStatus: string; timeline: { kind: string }[] };
    expect(page.legalStatus).toBe('granted');
    expect(page.timeline.map((e) => e.kind)).toEqual(['filed', 'granted', 'lapsed', 'restored']);
  });

  it('records a grant with its number', async () => {
    const res = await t.call('POST', `/api/v1/patents/${P.D}/events`, c.admin, {
      kind: 'granted',
      eventDate: '2024-01-05',
      number: 'CN115000001B',
    });
    expect(res.status).toBe(201);
    const page = (await t.call('GET', `/api/v1/patents/${P.D}`)).body as { legalStatus: string; grantDate: string; grantNumber: string };
    expect(page).toMatchObject({ legalStatus: 'granted', grantDate: '2024-01-05', grantNumber: 'CN115000001B' });
    // Put it back for the other tests.
    await t.database.db.execute(sql`update patents set legal_status = 'pending', grant_date = null, grant_number = null where id = ${P.D}`);
  });
});

describe('portfolio', () => {
  const url = (params: Record<string, string>) => `/api/v1/patents/portfolio?${new URLSearchParams(params).toString()}`;

  it('shows an enterprise its patents with expiry, the next annual fee and the reminders', async () => {
    await t.database.db.execute(sql`update patents set fees_paid_until = '2026-02-28' where id = ${P.A}`);
    await t.database.db.execute(sql`update patents set fees_paid_until = '2026-01-31' where id = ${P.E}`);
    const res = await t.call('GET', url({ asOf: '2026-01-15' }), c.enterprise);
    expect(res.status).toBe(200);
    const body = res.body as {
      items: { id: string; expiryDate: string; nextAnnuity: { year: number; dueDate: string; status: string } | null }[];
      reminders: { id: string; nextAnnuity: { dueDate: string; status: string; feeFen: number } }[];
    };
    const mine = body.items.filter((i) => i.id === P.A || i.id === P.E);
    expect(mine.map((i) => i.id)).toEqual([P.A, P.E]);
    expect(mine[0]).toMatchObject({ expiryDate: '2040-02-29', nextAnnuity: { year: 7, dueDate: '2026-03-01', status: 'due_soon' } });
    expect(mine[1]).toMatchObject({ expiryDate: '2039-01-31', nextAnnuity: { year: 8, dueDate: '2026-02-01', status: 'due_soon' } });
    const reminders = body.reminders.filter((r) => r.id === P.A || r.id === P.E);
    expect(reminders.map((r) => r.id)).toEqual([P.E, P.A]);
    // Two months later the February fee is in its grace period (surcharge), the March one due.
    const later = (await t.call('GET', url({ asOf: '2026-04-15' }), c.enterprise)).body as typeof body;
    expect(later.reminders.find((r) => r.id === P.E)?.nextAnnuity).toMatchObject({ status: 'grace', surchargeFen: 20_000 });
    expect(later.reminders.find((r) => r.id === P.A)?.nextAnnuity).toMatchObject({ status: 'grace' });
  });

  it('is scoped: own town for a town admin, all for the city, 404 outside, 403 for other roles', async () => {
    const own = { enterpriseId: ids.ownEnterpriseId };
    expect((await t.call('GET', url(own), c.guzhen)).status).toBe(200);
    expect((await t.call('GET', url(own), c.admin)).status).toBe(200);
    expect((await t.call('GET', url(own), c.xiaolan)).status).toBe(404);
    expect((await t.call('GET', url({ enterpriseId: ids.otherTownEnterpriseId }), c.guzhen)).status).toBe(404);
    expect((await t.call('GET', url({ enterpriseId: ids.sameTownEnterpriseId }), c.enterprise)).status).toBe(404);
    expect((await t.call('GET', url(own), c.provider)).status).toBe(403);
    expect((await t.call('GET', url(own))).status).toBe(401);
    expect((await t.call('GET', url({}), c.guzhen)).status).toBe(400);
  });
});
