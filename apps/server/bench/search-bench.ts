// `npm run bench:search -- --records N [--queries 200]`: N synthetic resources from a seeded generator,
// loaded in big multi-row INSERTs with the GIN index built afterwards, then a fixed set of 1–3 word
// queries through the search service: p50/p95/p99 for the top 20 alone and with count + facets.
// PGlite by default; DATABASE_URL=postgres://… uses a throwaway database on that server.
import { mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ResourceSearchQuery, resourceSearchQuerySchema } from '@innotown/contracts/resource-search';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as repo from '../src/modules/resources-search/resources-search.repository.ts';
import { matchOf, searchResources } from '../src/modules/resources-search/resources-search.service.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db.ts';
import { ANONYMOUS } from '../src/platform/policy.ts';
import { searchVectorLiteral } from '../src/platform/search/search-vector.ts';

const { values } = parseArgs({ options: { records: { type: 'string', default: '10000' }, queries: { type: 'string', default: '200' } } });
const records = Number(values.records);
const queryCount = Number(values.queries);

/** Mulberry32: the same corpus and queries on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 14 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20260101);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const INSTRUMENTS = [
  '积分球光谱辐射计',
  '分布光度计',
  '光谱仪',
  '照度计',
  '亮度计',
  '盐雾试验箱',
  '三坐标测量机',
  '影像测量仪',
  '硬度计',
  '拉力试验机',
  '高低温试验箱',
  '恒温恒湿箱',
  '振动台',
  '注塑机',
  'EMC 测试系统',
  '3D 打印机',
  '激光切割机',
  '数控机床',
  '粗糙度仪',
  '频闪分析仪',
  '热阻测试台',
  '电子显微镜',
  '能效测试台',
  '噪声测试系统',
];
const QUALIFIERS = ['便携式', '高精度', '全自动', '大型', '台式', '智能', '多通道', '快速', '工业级', '精密'];
const BODY = [
  'LED',
  '光源',
  '灯具',
  '光通量',
  '色温',
  '显色指数',
  '配光曲线',
  '五金件',
  '锁具',
  '不锈钢',
  '耐腐蚀',
  '电镀',
  '表面处理',
  '尺寸',
  '形位公差',
  '模具',
  '注塑模具',
  '散热器',
  '散热鳍片',
  '小家电',
  '电磁兼容',
  '安规',
  '能效',
  '老化试验',
  '跌落试验',
  '检验检测',
  '校准',
  '计量',
  'CNAS',
  'CMA',
  '专精特新',
  '高新技术企业',
  '创新券',
  '知识产权',
  '发明专利',
  '技术转让',
  '成果转化',
  '测量',
  '测试',
  '分析',
  '研发',
  '样品',
  '服务',
  '企业',
  '标准',
  '精度',
  '范围',
  '温度',
  '湿度',
  '电机',
  '控制',
  '材料',
  '结构',
  '设计',
];
const KINDS = ['instrument', 'instrument', 'instrument', 'lab', 'expert', 'result'] as const;
const INDUSTRIES = ['灯饰照明', '五金制品', '家用电器', '电子信息', '装备制造', '纺织服装'];
const ACCREDITATIONS = ['CNAS', 'CMA', 'CAL'];
const MODEL_PREFIX = ['LMS', 'GO', 'YWX', 'HX', 'EMC', 'SP', 'TH', 'DX'];
const QUERY_WORDS = [
  '光谱',
  '积分球',
  'LED',
  '盐雾',
  '三坐标',
  '注塑模具',
  'CNAS',
  '检测',
  '测试',
  '能效',
  '散热',
  '光源',
  '电机',
  '专精特新',
  '校准',
  'EMC',
  '灯具',
  '高精度',
  '材料',
  '锁具',
];

function queries(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = 1 + (i % 3);
    out.push(Array.from({ length: words }, () => pick(QUERY_WORDS)).join(' '));
  }
  return out;
}

let databaseUrl: string | undefined;
let admin: pg.Client | undefined;
const dbName = `innotown_search_bench_${process.pid}`;
if (process.env.DATABASE_URL) {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
}
const database = await openDatabase({ databaseUrl, dataDir: mkdtempSync(path.join(tmpdir(), 'innotown-search-')), poolMax: 10 });
await database.migrate();
const { db } = database;
const exec = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

// Ten towns with ten institutions each.
const insts: { id: string; town: string }[] = [];
for (let t = 0; t < 10; t++) {
  const [town] = await exec(
    sql`insert into towns (code, name, name_en, kind) values (${`B${t}`}, ${`测试镇${t}`}, ${`Town ${t}`}, 'town') returning id`,
  );
  for (let i = 0; i < 10; i++) {
    const [inst] = await exec(
      sql`insert into institutions (name, type, level, town_id) values (${`测试检测中心${t}-${i}`}, 'testing', 'city', ${town?.id}) returning id`,
    );
    insts.push({ id: String(inst?.id), town: String(town?.id) });
  }
}

await exec(sql`drop index if exists resources_search_idx`);
const t0 = Date.now();
const BATCH = 1000;
for (let start = 0; start < records; start += BATCH) {
  const rows = [];
  for (let n = start; n < Math.min(records, start + BATCH); n++) {
    const kind = pick(KINDS);
    const model = `${pick(MODEL_PREFIX)}-${Math.floor(rand() * 9000 + 1000)}${rand() < 0.5 ? 'A' : ''}`;
    const name = `${rand() < 0.5 ? pick(QUALIFIERS) : ''}${pick(INSTRUMENTS)} ${model}`;
    const summary = Array.from({ length: 25 + Math.floor(rand() * 30) }, () => pick(BODY)).join(rand() < 0.5 ? '，' : '');
    const inst = pick(insts);
    const fee = Math.floor(rand() * 100) * 1000;
    const visibility = rand();
    rows.push(
      sql`(${kind}, ${name.slice(0, 120)}, ${summary}, ${inst.id}, ${inst.town}, ${visibility < 0.8 ? 'open' : visibility < 0.9 ? 'members' : 'internal'},
        ${visibility < 0.95 ? 'published' : 'draft'}, ${`{${pick(INDUSTRIES)}}`}::text[], ${rand() < 0.3 ? `{${pick(ACCREDITATIONS)}}` : '{}'}::text[],
        'hour', ${fee}, ${fee + 5000}, ${model}, now() - make_interval(mins => ${n}), ${searchVectorLiteral(name, summary)}::tsvector)`,
    );
  }
  await exec(sql`insert into resources (kind, name, summary, institution_id, town_id, sharing, review_status, industries,
    accreditations, fee_unit, fee_min_fen, fee_max_fen, model, published_at, search_vector) values ${sql.join(rows, sql`, `)}`);
  if (start % 50_000 === 0) process.stdout.write(`\r${start} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
const loaded = (Date.now() - t0) / 1000;
const t1 = Date.now();
await exec(sql`create index resources_search_idx on resources using gin (search_vector)`);
await exec(sql`analyze resources`);
const indexed = (Date.now() - t1) / 1000;
const [size] = await exec(
  sql`select pg_size_pretty(pg_relation_size('resources_search_idx')) as gin, pg_size_pretty(pg_relation_size('resources_name_trgm_idx')) as trgm, pg_size_pretty(pg_total_relation_size('resources')) as total`,
);

const ctx = systemContext(ANONYMOUS);
const qs = queries(queryCount);
const parse = (q: string): ResourceSearchQuery => resourceSearchQuerySchema.parse({ q });
const percentiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
  return `p50 ${at(50).toFixed(1)} / p95 ${at(95).toFixed(1)} / p99 ${at(99).toFixed(1)} ms`;
};
async function time(fn: (q: string) => Promise<unknown>) {
  for (const q of qs.slice(0, 10)) await fn(q); // warm-up
  const out: number[] = [];
  for (const q of qs) {
    const s = performance.now();
    await fn(q);
    out.push(performance.now() - s);
  }
  return out;
}
const topOnly = await time(async (q) => {
  const query = parse(q);
  const { match } = matchOf(query.q);
  return repo.searchPage(db, repo.whereOf(ANONYMOUS, query, match), match, 'relevance', 20, 0);
});
const withFacets = await time((q) => searchResources(db, ctx, parse(q)));
const sample = await searchResources(db, ctx, parse('测试'));

console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; engine ${database.kind}`);
console.log(`records ${records}; load ${loaded.toFixed(0)} s; GIN build ${indexed.toFixed(0)} s; sizes ${JSON.stringify(size)}`);
console.log(`${qs.length} queries of 1–3 words, anonymous caller`);
console.log(`top-20:            ${percentiles(topOnly)}`);
console.log(`top-20 + count + facets: ${percentiles(withFacets)}`);
console.log(`'测试': total ${sample.total} (estimate: ${sample.totalIsEstimate}), facets estimated: ${sample.facetsAreEstimate}`);

await database.close();
if (admin) {
  await admin.query(`drop database ${dbName}`);
  await admin.end();
}
