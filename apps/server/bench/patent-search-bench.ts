// npm run bench:patent-search -- [--records 1000000] [--queries 200] [--repeat 1] [--fresh]
//
// The patent search on PostgreSQL at 1,000,000 patents. Data: database innotown_bench_patents (left by the
// import benchmark, npm run bench:patents) when it holds at least --records patents; otherwise our own
// innotown_bench_patent_search, loaded once from the deterministic generator (apps/server/src/seed/patent-generator.ts)
// with multi-row INSERTs (unnest of arrays) and the indexes built after the bulk load; --fresh loads it again.
// Then 200 fixed 1–3 word queries from the generator's domain vocabulary through the search service: p50/p95/p99
// of the top 20 alone and with count + facets, plus filtered searches (IPC prefix, town + year, expert query).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { type PatentSearchQuery, patentSearchQuerySchema } from '@innotown/contracts/patent-search';
import { classPrefixesOf } from '@innotown/contracts/patents';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { searchPatents } from '../src/modules/patents/patent-search.service.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { quoteLexeme, searchVectorLiteral } from '../src/platform/search/search-vector.ts';
import { loadTokenizer, tokensForIndex } from '../src/platform/search/tokenizer.ts';
import { generatePatents, outsideApplicants, type PatentApplicant } from '../src/seed/patent-generator.ts';
import { PATENT_THEMES, type PatentThemeKey } from '../src/seed/patent-themes.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
    repeat: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const queryCount = Number(values.queries);
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
if (serverUrl.pathname === '/test') serverUrl.pathname = '/postgres'; // never bench in `test`
const urlOf = (name: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
const GENERATOR = 'p1';

type Exec = (q: SQL) => Promise<Record<string, unknown>[]>;
const execOf =
  (database: Database): Exec =>
  async (q) =>
    ((await database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
const arrayLiteral = (xs: readonly (string | number | null)[]) =>
  `{${xs.map((x) => (x === null ? 'NULL' : `"${String(x).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

async function patentCount(name: string): Promise<number> {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  await admin.end();
  if (!exists) return -1;
  const client = new pg.Client({ connectionString: urlOf(name) });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('select count(*) as n from patents');
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

/** The database to measure: the import benchmark's when it is big enough, else ours (loaded if needed). */
async function ensureData(): Promise<string> {
  if (!values.fresh && (await patentCount('innotown_bench_patents')) >= records) {
    console.log(`using innotown_bench_patents (import benchmark's data)`);
    return 'innotown_bench_patents';
  }
  const name = 'innotown_bench_patent_search';
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (exists && values.fresh) await admin.query(`drop database ${name} with (force)`);
  if (!exists || values.fresh) await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: urlOf(name), poolMax: 4 });
  try {
    await database.migrate();
    const exec = execOf(database);
    const [meta] = await exec(sql`select obj_description('patents'::regclass) as d`);
    if (meta?.d === `bench ${GENERATOR} ${records}`) {
      console.log(`reusing ${name} (${records} patents)`);
      return name;
    }
    if ((await exec(sql`select 1 from patents limit 1`)).length > 0) throw new Error(`${name} holds other data: run with --fresh`);
    await load(database, exec);
    await exec(sql.raw(`comment on table patents is 'bench ${GENERATOR} ${records}'`));
    return name;
  } finally {
    await database.close();
  }
}

async function load(database: Database, exec: Exec) {
  // Ten towns; each theme's applicants: outside firms, and local ones linked to an enterprise id and a town.
  const towns: string[] = [];
  for (let t = 0; t < 10; t++) {
    const [town] = await exec(
      sql`insert into towns (code, name, name_en, kind) values (${`P${t}`}, ${`专利镇${t}`}, ${`Patent town ${t}`}, 'town') returning id`,
    );
    towns.push(String(town?.id));
  }
  const themes = Object.keys(PATENT_THEMES) as PatentThemeKey[];
  const applicants: PatentApplicant[] = themes.flatMap((theme, i) => outsideApplicants(theme, 400, 100 + i));
  const local = new Map<string, { enterpriseId: string; townId: string }>();
  applicants.forEach((a, i) => {
    if (i % 5 < 3) local.set(a.name, { enterpriseId: crypto.randomUUID(), townId: towns[i % towns.length] as string });
  });
  // Drop the patents' secondary indexes for the bulk load; build them after it.
  const indexes = (await exec(
    sql`select indexname, indexdef from pg_indexes where tablename = 'patents' and indexname not in ('patents_pkey', 'patents_application_number_key')`,
  )) as { indexname: string; indexdef: string }[];
  for (const i of indexes) await exec(sql.raw(`drop index if exists ${i.indexname}`));
  loadTokenizer();
  let prepare = 0;
  let insert = 0;
  const BATCH = 2000;
  const started = performance.now();
  let batch: ReturnType<typeof emptyColumns> = emptyColumns();
  let n = 0;
  const flush = async () => {
    if (batch.number.length === 0) return;
    const s = performance.now();
    const c = batch;
    await exec(sql`insert into patents (application_number, publication_number, grant_number, kind, title, abstract, claims, main_class,
        ipc_codes, locarno_codes, class_prefixes, application_date, publication_date, grant_date, legal_status, legal_status_date,
        applicants, owners, inventors, owner_enterprise_ids, local_applicant, town_id, applicant_address, agency, search_vector, source)
      select u.number, u.pub, u.grant_no, u.kind, u.title, u.abstract, u.claims, u.main_class,
        string_to_array(u.ipc, '|'), string_to_array(u.loc, '|'), string_to_array(u.prefixes, '|'), u.ad, u.pd, u.gd, u.status, u.sd,
        string_to_array(u.applicants, '|'), string_to_array(u.owners, '|'), string_to_array(u.inventors, '|'),
        string_to_array(u.owner_ids, '|')::uuid[], u.local_applicant, u.town, u.address, u.agency, u.vector, 'seed'
      from unnest(${arrayLiteral(c.number)}::text[], ${arrayLiteral(c.pub)}::text[], ${arrayLiteral(c.grantNo)}::text[],
        ${arrayLiteral(c.kind)}::text[], ${arrayLiteral(c.title)}::text[], ${arrayLiteral(c.abstract)}::text[], ${arrayLiteral(c.claims)}::text[],
        ${arrayLiteral(c.mainClass)}::text[], ${arrayLiteral(c.ipc)}::text[], ${arrayLiteral(c.loc)}::text[], ${arrayLiteral(c.prefixes)}::text[],
        ${arrayLiteral(c.ad)}::date[], ${arrayLiteral(c.pd)}::date[], ${arrayLiteral(c.gd)}::date[], ${arrayLiteral(c.status)}::text[],
        ${arrayLiteral(c.sd)}::date[], ${arrayLiteral(c.applicants)}::text[], ${arrayLiteral(c.owners)}::text[], ${arrayLiteral(c.inventors)}::text[],
        ${arrayLiteral(c.ownerIds)}::text[], ${arrayLiteral(c.localApplicant)}::boolean[], ${arrayLiteral(c.town)}::uuid[],
        ${arrayLiteral(c.address)}::text[], ${arrayLiteral(c.agency)}::text[], ${arrayLiteral(c.vector)}::tsvector[])
        as u(number, pub, grant_no, kind, title, abstract, claims, main_class, ipc, loc, prefixes, ad, pd, gd, status, sd,
          applicants, owners, inventors, owner_ids, local_applicant, town, address, agency, vector)`);
    insert += performance.now() - s;
    batch = emptyColumns();
  };
  let s = performance.now();
  for (const p of generatePatents({ count: records, applicants, seed: 4242 })) {
    const linked = p.applicants.map((a) => local.get(a)).filter((x) => x !== undefined);
    const ownerIds = p.owners.map((o) => local.get(o)?.enterpriseId).filter((x): x is string => x !== undefined);
    const c = batch;
    c.number.push(p.applicationNumber);
    c.pub.push(p.publicationNumber);
    c.grantNo.push(p.grantNumber);
    c.kind.push(p.kind);
    c.title.push(p.title);
    c.abstract.push(p.abstract);
    c.claims.push(p.claims);
    c.mainClass.push(p.ipcCodes[0] ?? p.locarnoCodes[0] ?? null);
    c.ipc.push(p.ipcCodes.join('|'));
    c.loc.push(p.locarnoCodes.join('|'));
    c.prefixes.push(classPrefixesOf(p.ipcCodes, p.locarnoCodes).join('|'));
    c.ad.push(p.applicationDate);
    c.pd.push(p.publicationDate);
    c.gd.push(p.grantDate);
    c.status.push(p.legalStatus);
    c.sd.push(p.legalStatusDate);
    c.applicants.push(p.applicants.join('|'));
    c.owners.push(p.owners.join('|'));
    c.inventors.push(p.inventors.join('|'));
    c.ownerIds.push([...new Set(ownerIds)].join('|'));
    c.localApplicant.push(linked.length > 0 ? 'true' : 'false');
    c.town.push(linked[0]?.townId ?? null);
    c.address.push(p.applicantAddress);
    c.agency.push(p.agency);
    const body = p.claims ? `${p.abstract}\n${p.claims}` : p.abstract;
    const vector = fastVectorLiteral(p.title, body);
    if (n < 2000 && vector !== searchVectorLiteral(p.title, body))
      throw new Error(`clause tokenization differs for ${p.applicationNumber}`);
    c.vector.push(vector);
    n++;
    if (c.number.length >= BATCH) {
      prepare += performance.now() - s;
      await flush();
      s = performance.now();
      if (n % 50_000 === 0) {
        const rate = n / ((performance.now() - started) / 1000);
        process.stdout.write(
          `\r${n} rows, prepare ${(prepare / 1000).toFixed(0)} s, insert ${(insert / 1000).toFixed(0)} s, ${rate.toFixed(0)} rows/s`,
        );
      }
    }
  }
  prepare += performance.now() - s;
  await flush();
  const t1 = performance.now();
  for (const i of indexes) {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
      await tx.execute(sql.raw(i.indexdef));
    });
  }
  await exec(sql`vacuum analyze patents`);
  console.log(
    `\nloaded ${records} patents: prepare ${(prepare / 1000).toFixed(0)} s, insert ${(insert / 1000).toFixed(0)} s, indexes ${((performance.now() - t1) / 1000).toFixed(0)} s`,
  );
}

/**
 * The generator's texts are built from a finite set of clauses, so the loader tokenizes each clause once: a text
 * cut at Chinese punctuation gives the same tokens as the whole (no dictionary word spans ，。；：、（）, HMM is off).
 * The first records are checked against searchVectorLiteral itself.
 */
const clauseTokens = new Map<string, string[]>();
function tokensOf(text: string | null): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const clause of text.split(/[，。；：、（）]+/u)) {
    if (!clause) continue;
    let tokens = clauseTokens.get(clause);
    if (!tokens) {
      tokens = tokensForIndex(clause);
      if (clauseTokens.size < 2_000_000) clauseTokens.set(clause, tokens);
    }
    out.push(...tokens);
  }
  return out;
}
function fastVectorLiteral(title: string, body: string | null): string {
  const entries: string[] = [];
  let position = 0;
  for (const [tokens, weight] of [
    [tokensOf(title), 'A'],
    [tokensOf(body), 'B'],
  ] as const) {
    for (const token of tokens) {
      if (position >= 16383) break;
      position += 1;
      entries.push(`${quoteLexeme(token)}:${position}${weight}`);
    }
  }
  return entries.join(' ');
}

function emptyColumns() {
  return {
    number: [] as string[],
    pub: [] as (string | null)[],
    grantNo: [] as (string | null)[],
    kind: [] as string[],
    title: [] as string[],
    abstract: [] as string[],
    claims: [] as (string | null)[],
    mainClass: [] as (string | null)[],
    ipc: [] as string[],
    loc: [] as string[],
    prefixes: [] as string[],
    ad: [] as string[],
    pd: [] as (string | null)[],
    gd: [] as (string | null)[],
    status: [] as string[],
    sd: [] as string[],
    applicants: [] as string[],
    owners: [] as string[],
    inventors: [] as string[],
    ownerIds: [] as string[],
    localApplicant: [] as string[],
    town: [] as (string | null)[],
    address: [] as (string | null)[],
    agency: [] as (string | null)[],
    vector: [] as string[],
  };
}

// ---------------------------------------------------------------------------------------------------
/** Mulberry32: the same 200 queries on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 14 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1–3 words from the generator's vocabulary (products, parts, features, effects of every theme), a third each. */
function fixedQueries(count: number): string[] {
  const rand = rng(20261127);
  const words = [
    ...new Set(Object.values(PATENT_THEMES).flatMap((t) => [...t.products, ...t.parts, ...t.features, ...t.effects.slice(0, 3)])),
  ];
  const pick = () => words[Math.floor(rand() * words.length)] as string;
  return Array.from({ length: count }, (_, i) => Array.from({ length: (i % 3) + 1 }, pick).join(' '));
}

const percentiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    text: `p50 ${at(50).toFixed(1)} / p95 ${at(95).toFixed(1)} / p99 ${at(99).toFixed(1)} ms`,
  };
};

async function measure(name: string) {
  const database = await openDatabase({ databaseUrl: urlOf(name), poolMax: 10 });
  const { db } = database;
  const exec = execOf(database);
  const [size] = await exec(sql`select count(*)::int as n, pg_size_pretty(pg_total_relation_size('patents')) as total from patents`);
  const [town] = await exec(sql`select town_id from patents where town_id is not null group by town_id order by count(*) desc limit 1`);
  console.log(
    `patents: ${size?.n} rows, ${size?.total} with indexes; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const qs = fixedQueries(queryCount);
  const parse = (extra: Record<string, string>): PatentSearchQuery => patentSearchQuerySchema.parse({ pageSize: '20', ...extra });
  async function time(list: Record<string, string>[], facets: boolean) {
    for (const q of list) await searchPatents(db, parse(q), { facets }); // warm-up pass, not measured
    const out: number[] = [];
    for (const q of list) {
      const s = performance.now();
      await searchPatents(db, parse(q), { facets });
      out.push(performance.now() - s);
    }
    return out;
  }
  const words = qs.map((q) => ({ q }));
  const rand = rng(7);
  const years = ['2018', '2020', '2022', '2024'];
  const filtered = qs
    .slice(0, 50)
    .map((q, i) =>
      i % 3 === 0
        ? { q, ipc: ['F21V', 'F21S', 'H05B', 'A47J', 'E05B'][i % 5] as string }
        : i % 3 === 1
          ? { q, townId: String(town?.town_id), applicationYear: years[Math.floor(rand() * years.length)] as string }
          : { query: `TI=(${q.split(' ')[0]}) AND NOT LS=lapsed AND AD=2019..2025` },
    );
  for (let round = 1; round <= Number(values.repeat); round++) {
    const top = await time(words, false);
    const faceted = await time(words, true);
    const filter = await time(filtered, true);
    console.log(`round ${round}: top-20 ${percentiles(top).text}`);
    console.log(`round ${round}: top-20 + count + facets ${percentiles(faceted).text}`);
    console.log(`round ${round}: filtered (IPC / town+year / expert query) with facets ${percentiles(filter).text}`);
    const slowest = (xs: number[], list: Record<string, string>[]) =>
      xs
        .map((ms, i) => [ms, JSON.stringify(list[i])] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 5)
        .map(([ms, q]) => `${q} ${ms.toFixed(0)}`)
        .join(', ');
    console.log(`  slowest top-20: ${slowest(top, words)}\n  slowest with facets: ${slowest(faceted, words)}`);
    console.log(`  slowest filtered: ${slowest(filter, filtered)}`);
  }
  const sample = await searchPatents(db, parse({ q: 'LED灯具' }));
  console.log(`'LED灯具': total ${sample.total} (estimate ${sample.totalIsEstimate}), facets estimated ${sample.facetsAreEstimate}`);
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; cpus ${os.cpus().length} × ${os.cpus()[0]?.model}`,
  );
  await database.close();
}

const name = await ensureData();
await measure(name);
