// npm run bench:patent-landscape -- [--patents 1000000] [--runs 30] [--db innotown_bench_landscape_100k]
//
// The landscape (every chart of one filter) on PostgreSQL with 1,000,000 patents, through the real route
// (app.inject: policy, validation, service, response validation, JSON): GET /api/v1/patent-landscape?town=…
// for the towns with the most patents, plus an IPC-class and a city-wide landscape for reference.
//
// Data: database innotown_bench_patents if it already holds ≥ --patents patents (the import benchmark leaves it);
// otherwise innotown_bench_landscape on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/): created,
// migrated and seeded with the demo data on first use (towns, enterprises, approved population), then topped up to
// --patents with the deterministic generator (apps/server/src/seed/patent-generator.ts) over the demo enterprises.
// Kept between runs; a second run only measures. --db: use (create, seed, top up) this database only.
//
// Then: the summary's size by facet, the refresh of one dirty slice after a one-patent write (the trigger's
// cost on that write too), and a town's landscape while another town's slice is dirty.
import { parseArgs } from 'node:util';
import { classPrefixesOf } from '@innotown/contracts/patents';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { landscape } from '../src/modules/patent-landscape/patent-landscape.service.ts';
import { refreshSummary } from '../src/modules/patent-landscape/patent-landscape-summary.repository.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { applicantsFromEnterprises, generatePatents } from '../src/seed/patent-generator.ts';

const { values } = parseArgs({
  options: { patents: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '30' }, db: { type: 'string' } },
});
const TARGET = Number(values.patents);
const RUNS = Number(values.runs);
const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

async function count(database: Database): Promise<number> {
  const r = (await database.db.execute(sql`select count(*)::int n from patents`)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]?.n ?? 0);
}

async function openNamed(name: string, create: boolean): Promise<Database | null> {
  const admin = new pg.Client({ connectionString: new URL('/postgres', server).toString() });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!exists && !create) return null;
    if (!exists) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString(), poolMax: 10 });
}

async function topUp(database: Database, have: number) {
  type E = {
    name: string;
    credit_code: string;
    address: string | null;
    industry_code: string;
    is_high_tech: boolean;
    size_class: string;
    id: string;
    town_id: string;
  };
  const ents = (
    (await database.db.execute(
      sql`select id, name, credit_code, address, industry_code, is_high_tech, size_class, town_id from enterprises`,
    )) as unknown as { rows: E[] }
  ).rows;
  const byName = new Map(ents.map((e) => [e.name, e]));
  const pool = applicantsFromEnterprises(
    ents.map((e) => ({
      name: e.name,
      creditCode: e.credit_code,
      address: e.address ?? '',
      industryCode: e.industry_code,
      isHighTech: e.is_high_tech,
      sizeClass: e.size_class,
    })),
    { seed: 77 },
  );
  const started = Date.now();
  let batch: object[] = [];
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    await database.db.execute(sql`
      insert into patents (application_number, jurisdiction, publication_number, grant_number, kind, title, abstract, main_class,
        ipc_codes, locarno_codes, class_prefixes, application_date, publication_date, grant_date, legal_status, legal_status_date,
        applicants, owners, inventors, owner_enterprise_ids, local_applicant, town_id, applicant_address, agency, source)
      select application_number, 'CN', publication_number, grant_number, kind, title, abstract, main_class,
        ipc_codes, locarno_codes, class_prefixes, application_date, publication_date, grant_date, legal_status, legal_status_date,
        applicants, owners, inventors, owner_enterprise_ids, local_applicant, town_id, applicant_address, agency, 'seed'
      from json_populate_recordset(null::patents, ${JSON.stringify(batch)}::json)
      on conflict (application_number) do nothing`);
    done += batch.length;
    batch = [];
    if (done % 50_000 === 0) console.log(`  ${have + done} patents (${Math.round(done / ((Date.now() - started) / 1000))}/s)`);
  };
  for (const p of generatePatents({ count: TARGET - have, applicants: pool, seed: 77, serialOffset: 5_000_000 })) {
    const linked = p.applicants.map((n) => byName.get(n)).filter((x) => x !== undefined);
    batch.push({
      application_number: p.applicationNumber,
      publication_number: p.publicationNumber,
      grant_number: p.grantNumber,
      kind: p.kind,
      title: p.title,
      abstract: p.abstract,
      main_class: p.ipcCodes[0] ?? p.locarnoCodes[0] ?? null,
      ipc_codes: p.ipcCodes,
      locarno_codes: p.locarnoCodes,
      class_prefixes: classPrefixesOf(p.ipcCodes, p.locarnoCodes),
      application_date: p.applicationDate,
      publication_date: p.publicationDate,
      grant_date: p.grantDate,
      legal_status: p.legalStatus,
      legal_status_date: p.legalStatusDate,
      applicants: p.applicants,
      owners: p.owners,
      inventors: p.inventors,
      owner_enterprise_ids: [...new Set(p.owners.map((n) => byName.get(n)?.id).filter((x) => x !== undefined))],
      local_applicant: linked.length > 0,
      town_id: linked[0]?.town_id ?? null,
      applicant_address: p.applicantAddress,
      agency: p.agency,
    });
    if (batch.length >= 5000) await flush();
  }
  await flush();
  await database.db.execute(sql`vacuum analyze patents`);
  console.log(`loaded ${done} patents in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function main() {
  let database = values.db ? null : await openNamed('innotown_bench_patents', false);
  if (database && (await count(database)) < TARGET) {
    await database.close();
    database = null;
  }
  let source = 'innotown_bench_patents';
  if (!database) {
    source = values.db ?? 'innotown_bench_landscape';
    database = (await openNamed(source, true)) as Database;
    await database.migrate();
    if ((await count(database)) === 0) {
      console.log('seeding the demo data (towns, enterprises, population) …');
      await seedDemoData(database.db, { scale: 1 });
    }
    const have = await count(database);
    if (have < TARGET) {
      console.log(`generating ${TARGET - have} patents …`);
      await topUp(database, have);
    }
  }
  const total = await count(database);
  // What the importer does after a file: bring the pre-counted summary up to date (nothing to do when no slice is dirty).
  await database.migrate();
  const refreshed = await refreshSummary(database.db);
  console.log(`summary refresh: ${refreshed.slices} slices in ${(refreshed.ms / 1000).toFixed(1)} s`);
  const sizes = (
    (await database.db.execute(
      sql`select case when facet = '' then 'all patents' when facet like 'i:%' then 'industry facets' else 'subclass facets' end f,
                 count(*)::int n from patent_landscape_summary group by 1 order by 1`,
    )) as unknown as { rows: { f: string; n: number }[] }
  ).rows;
  console.log(`summary rows: ${sizes.map((r) => `${r.f} ${r.n}`).join(', ')}`);
  const config = loadConfig({
    NODE_ENV: 'production',
    RATE_LIMITS_ENABLED: 'false', // the benchmark measures the endpoint, not the limit
    SEED_DEMO: 'false',
    JOBS_ENABLED: 'false',
    WEB_DIST_DIR: '/nonexistent',
  } as NodeJS.ProcessEnv);
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const towns = (
    (await database.db.execute(
      sql`select t.id, t.name, count(*)::int n from patents p join towns t on t.id = p.town_id group by 1, 2 order by n desc limit 3`,
    )) as unknown as { rows: { id: string; name: string; n: number }[] }
  ).rows;
  const biggest = towns[0]?.id as string;
  const cases: [string, Record<string, string>][] = [
    ...towns.map((t): [string, Record<string, string>] => [`town ${t.name} (${t.n} patents)`, { town: t.id }]),
    ['IPC F21V (city)', { ipc: 'F21V' }],
    ['IPC F21V in the largest town', { ipc: 'F21V', town: biggest }],
    ['IPC main group F21V29/ (city)', { ipc: 'F21V29/' }],
    ['industry C387 in the largest town', { industry: 'C387', town: biggest }],
    ['whole city, no filter', {}],
  ];
  console.log(`\n${source}: ${total} patents; ${RUNS} runs per case after 3 warm-ups (each run: all charts, one request)`);
  const measure = async (label: string, query: Record<string, string>, runs = RUNS) => {
    const qs = new URLSearchParams(query).toString();
    const url = `/api/v1/patent-landscape${qs ? `?${qs}` : ''}`;
    let from = '?';
    await landscape(database.db, query as never, { onSource: (s) => (from = s) });
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url });
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(48)} ${from.padEnd(8)} p50 ${pct(times, 50).toFixed(0).padStart(5)} ms   p95 ${pct(times, 95).toFixed(0).padStart(5)} ms`,
    );
  };
  for (const [label, query] of cases) await measure(label, query);

  // Incremental upkeep: one patent's legal-status event (a granted invention of the largest town), then the refresh.
  const writes: number[] = [];
  const refreshes: number[] = [];
  const patents = (
    (await database.db.execute(
      sql`select id, legal_status, legal_status_date from patents where town_id = ${biggest} and legal_status = 'granted'
          order by application_date desc, id limit 10`,
    )) as unknown as { rows: { id: string; legal_status: string; legal_status_date: string | null }[] }
  ).rows;
  for (const [i, p] of patents.entries()) {
    const t0 = performance.now();
    await database.db.execute(sql`update patents set legal_status = 'lapsed', legal_status_date = now()::date where id = ${p.id}`);
    writes.push(performance.now() - t0);
    if (i === 0) {
      await measure('largest town while its slice is dirty', { town: biggest }, 3);
      await measure(`town ${towns[1]?.name} meanwhile`, { town: towns[1]?.id as string }, 5);
    }
    const r = await refreshSummary(database.db);
    refreshes.push(r.ms);
    if (r.slices === 'all') console.log('(the refresh rebuilt everything)');
    await database.db.execute(
      sql`update patents set legal_status = ${p.legal_status}, legal_status_date = ${p.legal_status_date} where id = ${p.id}`,
    );
    const back = await refreshSummary(database.db);
    refreshes.push(back.ms);
  }
  writes.sort((a, b) => a - b);
  refreshes.sort((a, b) => a - b);
  console.log(
    `one-patent update (trigger marks 2 slices): p50 ${pct(writes, 50).toFixed(0)} ms, p95 ${pct(writes, 95).toFixed(0)} ms; ` +
      `slice refresh (${refreshes.length}): p50 ${pct(refreshes, 50).toFixed(0)} ms, p95 ${pct(refreshes, 95).toFixed(0)} ms`,
  );
  await app.close();
  await database.close();
}

await main();
