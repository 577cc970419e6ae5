import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, one } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { searchVectorSql } from '../../platform/search/search-vector.ts';
import * as repo from './resources-search.repository.ts';
import { matchOf } from './resources-search.service.ts';

/** A fixed corpus in an institution of its own, so that demo data never changes the expectations. */
const CORPUS = [
  {
    key: 'spectro',
    name: '积分球光谱辐射计 LMS-9000A',
    summary: 'LED 光源光通量、色温与显色指数测量，型号 LMS-9000A，CNAS 认可。',
    industries: ['灯饰照明'],
    accreditations: ['CNAS', 'CMA'],
    fee: [20000, 40000],
  },
  {
    key: 'spectrometer',
    name: '便携式光谱仪',
    summary: '现场测量光源的光谱分布。',
    industries: ['灯饰照明'],
    accreditations: ['CMA'],
    fee: [5000, 8000],
  },
  {
    key: 'goniometer',
    name: '分布光度计',
    summary: '灯具配光曲线测试，可输出 IES 文件；附带光谱测量模块。',
    industries: ['灯饰照明'],
    accreditations: ['CNAS'],
    fee: [30000, 50000],
  },
  {
    key: 'ledsystem',
    name: 'LED 光色电综合测试系统',
    summary: '灯具光色电参数一次测完。',
    industries: ['灯饰照明'],
    accreditations: [],
    fee: [10000, 10000],
  },
  {
    key: 'saltspray',
    name: '盐雾试验箱',
    summary: '五金件、锁具的中性盐雾试验与耐腐蚀评价。',
    industries: ['五金制品'],
    accreditations: ['CMA'],
    fee: [8000, 12000],
  },
  {
    key: 'cmm',
    name: '三坐标测量机',
    summary: '精密零件尺寸与形位公差测量，Hexagon Global S 系列。',
    industries: ['五金制品'],
    accreditations: ['CNAS'],
    fee: [15000, 30000],
  },
  {
    key: 'mould',
    name: '注塑模具设计实验室',
    summary: '注塑模具的模流分析与试模服务。',
    industries: ['五金制品', '家用电器'],
    accreditations: [],
    fee: [null, null],
    kind: 'lab',
  },
  {
    key: 'emc',
    name: 'EMC 测试系统',
    summary: '小家电电磁兼容预测试，传导与辐射骚扰。',
    industries: ['家用电器'],
    accreditations: ['CNAS'],
    fee: [50000, 90000],
  },
  {
    key: 'heatsink',
    name: '散热鳍片热阻测试台',
    summary: 'LED 灯具散热器热阻与温升测试。',
    industries: ['灯饰照明'],
    accreditations: [],
    fee: [6000, 6000],
  },
  {
    key: 'printer',
    name: '工业级 3D 打印机',
    summary: '金属与尼龙快速成型，适合手板与小批量。',
    industries: ['家用电器'],
    accreditations: [],
    fee: [3000, 9000],
  },
  {
    key: 'expert',
    name: '王光谱',
    summary: '长期从事照明检测与光谱测量标准研究的专家。',
    industries: ['灯饰照明'],
    accreditations: [],
    fee: [null, null],
    kind: 'expert',
  },
  {
    key: 'policy',
    name: '专精特新企业培育成果',
    summary: '高新技术企业认定与创新券申报辅导。',
    industries: [],
    accreditations: [],
    fee: [null, null],
    kind: 'result',
  },
] as const;

let t: TestApp;
let inst: string;
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const ids = await demoIds(t.database);
  inst = (
    await one<{ id: string }>(
      t.database,
      sql`insert into institutions (name, type, level, town_id)
        select '搜索测试检测中心', type, level, town_id from institutions where id = ${ids.providerInstitutionId} returning id`,
    )
  ).id;
  for (const [n, r] of CORPUS.entries()) {
    const kind = 'kind' in r ? r.kind : 'instrument';
    const row = await one<{ id: string }>(
      t.database,
      sql`insert into resources (kind, name, summary, institution_id, town_id, sharing, review_status, industries,
          accreditations, fee_unit, fee_min_fen, fee_max_fen, published_at, search_vector)
        select ${kind}, ${r.name}, ${r.summary}, i.id, i.town_id, 'open', 'published',
          ${`{${r.industries.join(',')}}`}::text[], ${`{${r.accreditations.join(',')}}`}::text[],
          ${r.fee[0] === null ? null : 'hour'}, ${r.fee[0]}, ${r.fee[1]}, now() - make_interval(days => ${n}),
          ${searchVectorSql(r.name, r.summary)}
        from institutions i where i.id = ${inst} returning id`,
    );
    id[r.key] = row.id;
  }
});
afterAll(async () => {
  await t?.close();
});

type Result = {
  items: { id: string; name: string; highlight: string }[];
  total: number;
  totalIsEstimate: boolean;
  facets: Record<string, { value: string; count: number }[]>;
};
const search = async (query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/resources/search?institutionId=${inst}&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
};
const q = (words: string) => `q=${encodeURIComponent(words)}`;
const keys = (r: Result) => r.items.map((i) => Object.entries(id).find(([, v]) => v === i.id)?.[0]);

describe('relevance on a fixed corpus', () => {
  it.each([
    ['积分球', ['spectro']],
    ['LED 测试', ['ledsystem', 'heatsink']],
    ['盐雾', ['saltspray']],
    ['CNAS', ['spectro']],
    ['LMS-9000A', ['spectro']],
    ['9000A', ['spectro']],
    ['注塑模具', ['mould']],
    ['EMC 电磁兼容', ['emc']],
    ['散热鳍片', ['heatsink']],
    ['三坐标', ['cmm']],
    ['专精特新', ['policy']],
  ])('%s → %j first', async (words, expected) => {
    const r = await search(q(words));
    expect(keys(r).slice(0, expected.length)).toEqual(expected);
  });

  it('ranks title matches above body matches', async () => {
    const r = await search(q('光谱'));
    expect(new Set(keys(r).slice(0, 3))).toEqual(new Set(['spectro', 'spectrometer', 'expert']));
    // 分布光度计 mentions 光谱 only in its summary: after every title match.
    expect(keys(r).indexOf('goniometer')).toBe(3);
  });

  it('matches partial input: the last word as a prefix, 3+ Latin characters inside names', async () => {
    expect(keys(await search(q('光谱辐')))).toEqual(['spectro']);
    expect(keys(await search(q('hexa')))).toEqual(['cmm']);
    expect(keys(await search(q('MS-900')))).toEqual(['spectro']);
  });

  it('CNAS finds every resource with it in the text', async () => {
    const r = await search(q('CNAS'));
    expect(r.total).toBe(1); // accreditations are a filter, not text
  });

  it('highlights the matched words', async () => {
    const r = await search(q('盐雾'));
    expect(r.items[0]?.highlight).toContain('<mark>盐雾</mark>');
    const led = await search(q('led'));
    expect(led.items.find((i) => i.id === id.ledsystem)?.highlight).toContain('<mark>LED</mark>');
  });
});

describe('relevance pages read through the newest-first window', () => {
  // At 1,000,000 rows most pages come from the newest RANK_WINDOW rows and the rest from the GIN indexes;
  // here a window of 1–3 rows forces every combination of both paths, which must give the same pages.
  it.each(['光谱', 'LED 测试', '测试', 'LED', '光源', '9000A', 'hexa', '灯具'])('%s: the same pages from any window', async (words) => {
    const query = { q: words, institutionId: inst, page: 1, pageSize: 20 };
    const { match } = matchOf(words);
    const where = repo.whereOf(ANONYMOUS, query, match);
    await t.database.db.execute(sql`analyze resources`); // the table's size, which a wider window is sized from
    for (const sort of ['relevance', 'newest', 'fee'] as const) {
      const page = async (limit: number, offset: number, sizes: repo.Sizes) =>
        (await repo.searchPage(t.database.db, where, match, sort, limit, offset, sizes)).map((r) => r.id);
      const all = await page(20, 0, {});
      expect(all.length).toBeGreaterThan(0);
      // ginTierMax 0: a tier short in the window is read from a wider window first.
      for (const sizes of [1, 2, 3].flatMap((window) => [{ window }, { window, ginTierMax: 0 }])) {
        expect(await page(20, 0, sizes)).toEqual(all);
        for (const offset of [0, 1, 2, 3]) expect(await page(2, offset, sizes)).toEqual(all.slice(offset, offset + 2));
      }
    }
    // Count and facets: from the window when it holds the table, else exact from the GIN indexes (few matches).
    const inWindow = await repo.search(t.database.db, where, match, 'relevance', 20, 0);
    const throughGin = await repo.search(t.database.db, where, match, 'relevance', 20, 0, { window: 2 });
    expect(throughGin.rows.map((r) => r.id)).toEqual(inWindow.rows.map((r) => r.id));
    expect([throughGin.total, throughGin.totalIsEstimate, throughGin.scale]).toEqual([inWindow.total, false, 1]);
    const sorted = (f: repo.FacetRow[]) => [...f].sort((a, b) => `${a.facet}${a.value}`.localeCompare(`${b.facet}${b.value}`));
    expect(sorted(throughGin.facets)).toEqual(sorted(inWindow.facets));
  });

  it.each(['newest', 'fee'] as const)('browsing without words, %s first: the same pages from any window', async (sort) => {
    const { match } = matchOf(undefined);
    const where = repo.whereOf(ANONYMOUS, { institutionId: inst, page: 1, pageSize: 20 }, match);
    const page = async (limit: number, offset: number, sizes: repo.Sizes) =>
      (await repo.searchPage(t.database.db, where, match, sort, limit, offset, sizes)).map((r) => r.id);
    const all = await page(20, 0, {});
    expect(all).toHaveLength(CORPUS.length);
    for (const sizes of [{ window: 1 }, { window: 2, ginTierMax: 0 }]) {
      expect(await page(20, 0, sizes)).toEqual(all);
      for (const offset of [0, 5, 10]) expect(await page(5, offset, sizes)).toEqual(all.slice(offset, offset + 5));
    }
  });

  it('estimates count and facets from the window when it holds enough matches but not the whole table', async () => {
    const query = { q: '灯具', page: 1, pageSize: 20 };
    const { match } = matchOf('灯具');
    const where = repo.whereOf(ANONYMOUS, query, match);
    await t.database.db.execute(sql`analyze resources`); // the table's size, which a sample is scaled to
    const exact = await repo.search(t.database.db, where, match, 'relevance', 20, 0);
    const sampled = await repo.search(t.database.db, where, match, 'relevance', 20, 0, { window: 4, sampleMin: 1 });
    expect(sampled.rows.map((r) => r.id)).toEqual(exact.rows.map((r) => r.id));
    expect(sampled.totalIsEstimate).toBe(true);
    expect(sampled.scale).toBeGreaterThan(1);
    expect(sampled.facets.length).toBeGreaterThan(0);
    expect(exact.totalIsEstimate).toBe(false);
  });
});

describe('filters, facets, sort and pages', () => {
  it('counts facets with the same filters as the items', async () => {
    const r = await search(`${q('光谱')}`);
    expect(r.total).toBe(4);
    expect(r.totalIsEstimate).toBe(false);
    expect(r.facets.kind).toEqual([
      { value: 'instrument', count: 3 },
      { value: 'expert', count: 1 },
    ]);
    expect(r.facets.accreditation).toEqual([
      { value: 'CMA', count: 2 },
      { value: 'CNAS', count: 2 },
    ]);
    const f = await search(`${q('光谱')}&kind=instrument&accreditation=CNAS`);
    expect(keys(f)).toEqual(['spectro', 'goniometer']);
    expect(f.facets.kind).toEqual([{ value: 'instrument', count: 2 }]);
  });

  it('filters by industry, fee range and availability', async () => {
    expect((await search('industry=五金制品')).total).toBe(3);
    expect(keys(await search('feeMin=40000&feeMax=60000&sort=fee'))).toEqual(['spectro', 'goniometer', 'emc']);
    expect((await search('available=true')).total).toBe(0);
  });

  it('has fee-band and availability facets whose counts are what choosing them returns', async () => {
    const all = await search('');
    expect(all.facets.available).toEqual([{ value: 'false', count: CORPUS.length }]);
    // Bands in their own order; a range overlapping two bands counts in both, as the filter selects it in both.
    expect(all.facets.fee?.map((b) => b.value)).toEqual(['0-9999', '10000-49999', '50000-199999']);
    for (const band of all.facets.fee ?? []) {
      const [min, max] = band.value.split('-');
      const chosen = await search(`feeMin=${min}${max ? `&feeMax=${max}` : ''}`);
      expect(chosen.total, band.value).toBe(band.count);
    }
    expect(all.facets.fee?.find((b) => b.value === '0-9999')?.count).toBe(4); // 50–80, 80–120, 60, 30–90 元
  });

  it('pages through the newest first without a query', async () => {
    const p1 = await search('pageSize=5');
    const p3 = await search('pageSize=5&page=3');
    expect(p1.total).toBe(CORPUS.length);
    expect(keys(p1)).toEqual(['spectro', 'spectrometer', 'goniometer', 'ledsystem', 'saltspray']);
    expect(keys(p3)).toEqual(['expert', 'policy']);
  });
});

describe('bad input', () => {
  it.each([
    ['kind=robot', 'kind'],
    ['townId=nope', 'townId'],
    ['sort=price', 'sort'],
    ['feeMin=-1', 'feeMin'],
    ['feeMin=500&feeMax=100', 'feeMax'],
    ['pageSize=1000', 'pageSize'],
    ['colour=red', ''],
  ])('%s → 400 naming the field', async (query, field) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/resources/search?${query}` });
    expect(res.statusCode).toBe(400);
    if (field) expect(JSON.stringify(res.json().error.details)).toContain(field);
  });
});

describe('visibility', () => {
  it('an anonymous caller never receives a draft, internal or members-only resource', async () => {
    const hidden = await one<{ n: number }>(
      t.database,
      sql`with x as (insert into resources (kind, name, institution_id, town_id, sharing, review_status, search_vector)
        select 'instrument', v.name, ${inst}, i.town_id, v.sharing, v.status, ${searchVectorSql('隐藏光谱仪', null)}
        from institutions i, (values ('隐藏光谱仪 草稿', 'open', 'draft'), ('隐藏光谱仪 内部', 'internal', 'published'),
          ('隐藏光谱仪 会员', 'members', 'published')) v(name, sharing, status) where i.id = ${inst} returning 1)
        select count(*)::int as n from x`,
    );
    expect(hidden.n).toBe(3);
    const anonymous = await search(q('隐藏光谱仪'));
    expect(anonymous.total).toBe(0);
    const signedIn = await t.app.inject({
      method: 'GET',
      url: `/api/v1/resources/search?${q('隐藏光谱仪')}`,
      headers: { cookie: await t.login('enterprise') },
    });
    expect(signedIn.json().items.map((i: { name: string }) => i.name)).toEqual(['隐藏光谱仪 会员']);
    const admin = await t.app.inject({
      method: 'GET',
      url: `/api/v1/resources/search?${q('隐藏光谱仪')}`,
      headers: { cookie: await t.login('admin') },
    });
    expect(admin.json().total).toBe(3);
  });
});
