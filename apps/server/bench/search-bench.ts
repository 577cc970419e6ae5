// npm run bench:search -- [--engine pglite|postgres] [--records N] [--queries 200] [--repeat 1] [--load C --duration S] [--fresh]
//
// N synthetic resources from a seeded generator, loaded once into a bench database that is kept between
// runs (PostgreSQL: database innotown_bench_<N> on DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432/; PGlite: /tmp/innotown-bench-pglite-<N>); --fresh loads it again.
// Rows go in with multi-row INSERTs (unnest of arrays, the same SQL on both engines) and the search
// indexes are built after the bulk load.
// Without --load: a fixed set of 1–3 word queries through the search service, p50/p95/p99 for the top 20
// alone and with count + facets. With --load C: the real server in a child process listening on loopback,
// C concurrent keep-alive HTTP clients calling GET /api/v1/resources/search for S seconds.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type ResourceSearchQuery, resourceSearchQuerySchema } from '@innotown/contracts/resource-search';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import * as repo from '../src/modules/resources-search/resources-search.repository.ts';
import { forgetKeptCounts, matchOf, searchResources } from '../src/modules/resources-search/resources-search.service.ts';
import { systemContext } from '../src/platform/context.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { ANONYMOUS } from '../src/platform/policy.ts';
import { searchVectorLiteral } from '../src/platform/search/search-vector.ts';
import { loadTokenizer } from '../src/platform/search/tokenizer.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    records: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '200' },
    repeat: { type: 'string', default: '1' },
    load: { type: 'string', default: '0' },
    duration: { type: 'string', default: '30' },
    fresh: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const queryCount = Number(values.queries);
const engine = values.engine ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite');
if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`--engine pglite|postgres, got ${engine}`);
const label = records % 1_000_000 === 0 ? `${records / 1_000_000}m` : records % 1000 === 0 ? `${records / 1000}k` : String(records);
const dbName = `innotown_bench_${label}`;
const pgliteDir = path.join(tmpdir(), `innotown-bench-pglite-${label}`);
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
if (engine === 'postgres' && serverUrl.pathname === '/test') serverUrl.pathname = '/postgres'; // never bench in `test`
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${dbName}`;
/** Bump when the generator or the load changes, so that a kept bench database is loaded again. */
const GENERATOR = 'g2';

function open(): Promise<Database> {
  return engine === 'postgres'
    ? openDatabase({ databaseUrl: benchUrl.toString(), poolMax: 10 })
    : openDatabase({ dataDir: pgliteDir, poolMax: 10 });
}

// ---------------------------------------------------------------------------------------------------
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
  const rand = rng(20260202);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = 1 + (i % 3);
    out.push(Array.from({ length: words }, () => QUERY_WORDS[Math.floor(rand() * QUERY_WORDS.length)]).join(' '));
  }
  return out;
}

type Exec = (q: SQL) => Promise<Record<string, unknown>[]>;
const execOf =
  (database: Database): Exec =>
  async (q) =>
    ((await database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

/** A PostgreSQL array literal of text elements, passed as one parameter (the same on both engines). */
const arrayLiteral = (xs: readonly (string | number | null)[]) =>
  `{${xs.map((x) => (x === null ? 'NULL' : `"${String(x).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

/** The search indexes of migrations 0003 and 0006, dropped for the bulk load and built after it. */
const SEARCH_INDEXES: [string, SQL][] = [
  ['resources_search_idx', sql`create index resources_search_idx on resources using gin (search_vector)`],
  ['resources_title_search_idx', sql`create index resources_title_search_idx on resources using gin (title_vector)`],
  ['resources_name_trgm_idx', sql`create index resources_name_trgm_idx on resources using gin (name gin_trgm_ops)`],
  [
    'resources_newest_idx',
    sql`create index resources_newest_idx on resources (published_at desc nulls last, created_at desc nulls last, id)`,
  ],
  ['resources_fee_idx', sql`create index resources_fee_idx on resources (fee_min_fen, id)`],
];

type Meta = { generator: string; records: number; prepareSeconds: number; insertSeconds: number; indexSeconds: number };

async function readMeta(exec: Exec): Promise<Meta | undefined> {
  try {
    const [row] = await exec(sql`select value from bench_meta where key = 'meta'`);
    return row ? (JSON.parse(String(row.value)) as Meta) : undefined;
  } catch {
    return undefined;
  }
}

/** Creates (or reuses) the bench database and returns what its load measured. */
async function ensureLoaded(): Promise<Meta> {
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: serverUrl.toString() });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
    if (exists && values.fresh) await admin.query(`drop database ${dbName} with (force)`);
    if (!exists || values.fresh) await admin.query(`create database ${dbName}`);
    await admin.end();
  } else if (values.fresh) {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
  const database = await open();
  try {
    await database.migrate();
    const exec = execOf(database);
    const kept = await readMeta(exec);
    if (kept && kept.generator === GENERATOR && kept.records === records) {
      console.log(`reusing ${engine === 'postgres' ? `database ${dbName}` : pgliteDir} (${records} records)`);
      return kept;
    }
    if (kept || (await exec(sql`select 1 from resources limit 1`)).length > 0) {
      throw new Error(`${engine === 'postgres' ? dbName : pgliteDir} holds other data: run with --fresh`);
    }
    return await load(database, exec);
  } finally {
    await database.close();
  }
}

async function load(database: Database, exec: Exec): Promise<Meta> {
  const rand = rng(20260101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
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
  for (const [name] of SEARCH_INDEXES) await exec(sql.raw(`drop index if exists ${name}`));
  loadTokenizer();
  let prepare = 0;
  let insert = 0;
  const BATCH = 5000;
  for (let start = 0; start < records; start += BATCH) {
    const s = performance.now();
    const cols = {
      kind: [] as string[],
      name: [] as string[],
      summary: [] as string[],
      inst: [] as string[],
      town: [] as string[],
      sharing: [] as string[],
      status: [] as string[],
      industries: [] as string[],
      accreditations: [] as string[],
      fee: [] as number[],
      model: [] as string[],
      minutes: [] as number[],
      vector: [] as string[],
    };
    for (let n = start; n < Math.min(records, start + BATCH); n++) {
      const model = `${pick(MODEL_PREFIX)}-${Math.floor(rand() * 9000 + 1000)}${rand() < 0.5 ? 'A' : ''}`;
      const name = `${rand() < 0.5 ? pick(QUALIFIERS) : ''}${pick(INSTRUMENTS)} ${model}`.slice(0, 120);
      const summary = Array.from({ length: 25 + Math.floor(rand() * 30) }, () => pick(BODY)).join(rand() < 0.5 ? '，' : '');
      const inst = pick(insts);
      const visibility = rand();
      cols.kind.push(pick(KINDS));
      cols.name.push(name);
      cols.summary.push(summary);
      cols.inst.push(inst.id);
      cols.town.push(inst.town);
      cols.sharing.push(visibility < 0.8 ? 'open' : visibility < 0.9 ? 'members' : 'internal');
      cols.status.push(visibility < 0.95 ? 'published' : 'draft');
      cols.industries.push(pick(INDUSTRIES));
      cols.accreditations.push(rand() < 0.3 ? pick(ACCREDITATIONS) : '');
      cols.fee.push(Math.floor(rand() * 100) * 1000);
      cols.model.push(model);
      cols.minutes.push(n);
      cols.vector.push(searchVectorLiteral(name, summary));
    }
    const s2 = performance.now();
    prepare += s2 - s;
    await exec(sql`insert into resources (kind, name, summary, institution_id, town_id, sharing, review_status, industries,
      accreditations, fee_unit, fee_min_fen, fee_max_fen, model, published_at, search_vector)
      select u.kind, u.name, u.summary, u.inst, u.town, u.sharing, u.status, string_to_array(u.industries, ','),
        string_to_array(u.accreditations, ','), 'hour', u.fee, u.fee + 5000, u.model,
        case when u.status = 'published' then now() - make_interval(mins => u.minutes) end, u.vector
      from unnest(${arrayLiteral(cols.kind)}::text[], ${arrayLiteral(cols.name)}::text[], ${arrayLiteral(cols.summary)}::text[],
        ${arrayLiteral(cols.inst)}::uuid[], ${arrayLiteral(cols.town)}::uuid[], ${arrayLiteral(cols.sharing)}::text[],
        ${arrayLiteral(cols.status)}::text[], ${arrayLiteral(cols.industries)}::text[], ${arrayLiteral(cols.accreditations)}::text[],
        ${arrayLiteral(cols.fee)}::bigint[], ${arrayLiteral(cols.model)}::text[], ${arrayLiteral(cols.minutes)}::int[],
        ${arrayLiteral(cols.vector)}::tsvector[])
        as u(kind, name, summary, inst, town, sharing, status, industries, accreditations, fee, model, minutes, vector)`);
    insert += performance.now() - s2;
    if (start % 50_000 === 0)
      process.stdout.write(`\r${start} rows, prepare ${(prepare / 1000).toFixed(0)} s, insert ${(insert / 1000).toFixed(0)} s`);
  }
  const t1 = performance.now();
  for (const [, create] of SEARCH_INDEXES) {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
      await tx.execute(create);
    });
  }
  await exec(sql`vacuum analyze resources`);
  const meta: Meta = {
    generator: GENERATOR,
    records,
    prepareSeconds: Math.round(prepare / 1000),
    insertSeconds: Math.round(insert / 1000),
    indexSeconds: Math.round((performance.now() - t1) / 1000),
  };
  await exec(sql`create table bench_meta (key text primary key, value text not null)`);
  await exec(sql`insert into bench_meta values ('meta', ${JSON.stringify(meta)})`);
  console.log('');
  return meta;
}

const percentiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return `p50 ${at(50).toFixed(1)} / p95 ${at(95).toFixed(1)} / p99 ${at(99).toFixed(1)} ms`;
};

async function serviceTimings(qs: string[]) {
  const database = await open();
  const { db } = database;
  const exec = execOf(database);
  const sizes = await exec(
    sql`select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size from pg_class c
      where c.relname like 'resources%' and c.relkind in ('r', 'i') order by pg_relation_size(c.oid) desc`,
  );
  const [total] = await exec(sql`select pg_size_pretty(pg_total_relation_size('resources')) as total`);
  console.log(`sizes: ${sizes.map((r) => `${r.name} ${r.size}`).join(', ')}; resources in total ${total?.total}`);
  const ctx = systemContext(ANONYMOUS);
  const parse = (q: string): ResourceSearchQuery => resourceSearchQuerySchema.parse({ q });
  async function time(fn: (q: string) => Promise<unknown>) {
    for (const q of qs) await fn(q); // warm-up: one unmeasured pass, so that caches hold what the queries read
    const out: number[] = [];
    for (const q of qs) {
      const s = performance.now();
      await fn(q);
      out.push(performance.now() - s);
    }
    return out;
  }
  for (let round = 1; round <= Number(values.repeat); round++) {
    const topOnly = await time(async (q) => {
      const query = parse(q);
      const { match } = matchOf(query.q, await repo.commonWords(db));
      return repo.searchPage(db, repo.whereOf(ANONYMOUS, query, match), match, 'relevance', 20, 0);
    });
    const withFacets = await time((q) => {
      forgetKeptCounts(db);
      return searchResources(db, ctx, parse(q));
    });
    const kept = await time((q) => searchResources(db, ctx, parse(q)));
    console.log(
      `round ${round}: top-20 ${percentiles(topOnly)}; top-20 + count + facets ${percentiles(withFacets)}; ` +
        `the same with counts kept from an earlier identical search ${percentiles(kept)}`,
    );
    const slowest = (xs: number[]) =>
      xs
        .map((ms, i) => [ms, qs[i]] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 6)
        .map(([ms, q]) => `${q} ${ms.toFixed(0)}`)
        .join(', ');
    console.log(`  slowest top-20: ${slowest(topOnly)}\n  slowest with facets: ${slowest(withFacets)}`);
  }
  const sample = await searchResources(db, ctx, parse('测试'));
  console.log(`'测试': total ${sample.total} (estimate: ${sample.totalIsEstimate}), facets estimated: ${sample.facetsAreEstimate}`);
  await database.close();
}

/** PostgreSQL: the server processes serving the bench database's connections (after the warm-up). */
async function backendPids(): Promise<number[]> {
  if (engine !== 'postgres') return [];
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName]);
  await admin.end();
  return rows.map((r) => r.pid);
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 where there is none). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** --load C: the server in a child process, C keep-alive clients for `duration` seconds. */
async function httpLoad(qs: string[], concurrency: number, seconds: number) {
  const script = fileURLToPath(import.meta.url);
  const child: ChildProcess = fork(script, ['--serve', '--engine', engine, '--records', String(records)], {
    execArgv: process.execArgv,
    stdio: 'inherit',
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (q: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, agent, path: `/api/v1/resources/search?q=${encodeURIComponent(q)}&pageSize=20` },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  let next = 0;
  async function run(until: number, times: number[] | null, errors: { n: number }) {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const q = qs[next++ % qs.length] as string;
          const s = performance.now();
          const status = await get(q);
          if (status !== 200) errors.n++;
          times?.push(performance.now() - s);
        }
      }),
    );
  }
  await run(performance.now() + 3000, null, { n: 0 }); // warm-up
  const times: number[] = [];
  const errors = { n: 0 };
  const backends = await backendPids();
  const cpu0 = cpuSeconds(child.pid);
  const db0 = backends.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const started = performance.now();
  await run(started + seconds * 1000, times, errors);
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu = cpuSeconds(child.pid) - cpu0;
  const dbCpu = backends.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - db0;
  console.log(
    `HTTP GET /api/v1/resources/search, ${concurrency} connections, ${seconds} s: ${times.length} requests, ` +
      `${(times.length / elapsed).toFixed(1)} req/s, ${percentiles(times)}, non-200: ${errors.n}; ` +
      `CPU per request: server process ${((serverCpu * 1000) / Math.max(1, times.length)).toFixed(1)} ms` +
      (backends.length > 0 ? `, PostgreSQL backends ${((dbCpu * 1000) / Math.max(1, times.length)).toFixed(1)} ms` : ''),
  );
  agent.destroy();
  child.disconnect();
  await new Promise((resolve) => child.once('exit', resolve));
}

async function main() {
  const meta = await ensureLoaded();
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; engine ${engine}`,
  );
  console.log(
    `records ${records}; load: prepare (jieba + tsvector literal) ${meta.prepareSeconds} s, insert ${meta.insertSeconds} s, ` +
      `search indexes + vacuum analyze ${meta.indexSeconds} s`,
  );
  const qs = queries(queryCount);
  console.log(`${qs.length} queries of 1–3 words, anonymous caller`);
  const concurrency = Number(values.load);
  if (concurrency > 0) await httpLoad(qs, concurrency, Number(values.duration));
  else await serviceTimings(qs);
  console.log(
    `load average after: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}

/** --serve: the child process of --load. Opens the kept bench database, listens on loopback, says its port. */
async function serve() {
  const database = await open();
  const config = loadConfig(
    {
      NODE_ENV: 'production',
      RATE_LIMITS_ENABLED: 'false', // the benchmark measures the endpoint, not the limit
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'false',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'innotown-bench-serve-')),
    } as NodeJS.ProcessEnv,
    engine === 'postgres' ? { databaseUrl: benchUrl.toString(), port: 0, host: '127.0.0.1' } : { port: 0, host: '127.0.0.1' },
  );
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (app.server.address() as { port: number }).port });
  process.on('disconnect', () => {
    void app.close().then(() => database.close().then(() => process.exit(0)));
  });
}

if (values.serve) await serve();
else await main();
