// npm run bench:patents -- [--records 1000000] [--workers <cores>] [--database innotown_bench_patents] [--skip-generate] [--only csv|xml|copy]
//
// End-to-end patent import into PostgreSQL (database innotown_bench_patents on 127.0.0.1:5432, created and
// migrated here, demo towns and enterprises seeded once so that generated applicants link to them):
//   1. generate N deterministic records (seed/patent-generator.ts) and write them as CSV and as CN-style
//      ST.36 XML in /tmp (streamed, flat memory);
//   2. XML import (into its own database, <database>_xml): empty patent tables, the importer (read → normalise →
//      jieba in worker threads → COPY straight into patents + patent_events in one transaction, indexes rebuilt
//      after the load), records/s end to end;
//   3. CSV import: the same from the CSV file; the table is left with N patents, fully indexed, for the
//      search and landscape benchmarks;
//   4. bare COPY: the rows the CSV import prepared (read back with COPY TO) COPYed into an empty copy of
//      `patents` with its primary key and unique application number only — the floor the import is held to.
// Each import runs in a child process so that its peak RSS (worker threads included) is its own.
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, statSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { seedDemoData } from '../src/db/seed.ts';
import { defaultWorkerCount } from '../src/modules/patent-import/patent-import.pool.ts';
import { importFile } from '../src/modules/patent-import/patent-import.service.ts';
import { refreshLandscapeSummary } from '../src/modules/patent-landscape/patent-landscape.jobs.ts';
import { openDatabase } from '../src/platform/db.ts';
import { generateDemoData } from '../src/seed/demo-data.ts';
import { applicantsFromEnterprises, generatePatents } from '../src/seed/patent-generator.ts';
import { CSV_HEADER, csvRow, XML_HEAD, XML_TAIL, xmlDoc } from './patent-import-files.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: String(defaultWorkerCount()) },
    database: { type: 'string', default: 'innotown_bench_patents' },
    'skip-generate': { type: 'boolean', default: false },
    only: { type: 'string' },
    child: { type: 'string' },
    file: { type: 'string' },
    db: { type: 'string' },
  },
});
const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = values.database as string;
const DB_URL = `${SERVER}/${DB_NAME}`;
/** The XML import goes to its own database, so that the CSV-loaded one stays for the search benchmarks. */
const XML_DB_NAME = `${DB_NAME}_xml`;
const N = Number(values.records);
const CSV_FILE = `/tmp/innotown-patents-${N}.csv`;
const XML_FILE = `/tmp/innotown-patents-${N}.xml`;
const PREPARED_FILE = `/tmp/innotown-patents-${N}.prepared.copy`;
const WORKERS = Number(values.workers);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// ------------------------------------------------------------------------------------------- child: one import

if (values.child) {
  const database = await openDatabase({ databaseUrl: `${SERVER}/${values.db ?? DB_NAME}`, poolMax: 4 });
  const file = values.file as string;
  const started = Date.now();
  let peak = 0;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const { outcome } = await importFile(database.db, {
    filename: file.split('/').pop() as string,
    format: values.child as 'csv' | 'xml',
    source: createReadStream(file, { highWaterMark: 1024 * 1024 }),
    bytesTotal: statSync(file).size,
    workers: WORKERS,
    deferLandscapeRefresh: true,
    onProgress: (p) => {
      if (p.recordsRead % 100_000 < 2_000 || p.phase === 'merging') {
        process.stderr.write(
          `  ${values.child}: ${p.recordsRead} records, ${mb(p.bytesRead)} MB, ${Math.round(p.recordsRead / ((Date.now() - started) / 1000))}/s ${p.phase}\n`,
        );
      }
    },
  });
  clearInterval(sample);
  const seconds = (Date.now() - started) / 1000;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const cpu = process.cpuUsage(); // the whole process: main thread and workers
  // The landscape summary is a derived table its job brings up to date after the load: timed apart.
  const refreshMs = outcome.ok ? await refreshLandscapeSummary(database.db) : 0;
  process.stderr.write(`  ${values.child}: landscape summary refreshed in ${(refreshMs / 1000).toFixed(1)} s (not in the import's time)\n`);
  process.send?.({
    cpuMs: (cpu.user + cpu.system) / 1000,
    outcome: outcome.ok ? { ...outcome } : { ok: false, issues: outcome.issues.slice(0, 5), fileError: outcome.fileError },
    seconds,
    maxRss,
    sampledRss: peak,
  });
  await database.close();
  process.exit(0);
}

// ------------------------------------------------------------------------------------------- parent

async function ensureDatabase(name: string, seed: boolean) {
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: `${SERVER}/${name}`, poolMax: 4 });
  await database.migrate();
  const towns = await database.db.execute(sql`select count(*)::int as n from towns`);
  if (seed && (towns as unknown as { rows: { n: number }[] }).rows[0]?.n === 0) {
    console.log('seeding demo towns and enterprises (once) …');
    await seedDemoData(database.db, { scale: 1 });
  }
  return database;
}

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function generateFiles() {
  const data = generateDemoData({ scale: 1 });
  const pool = applicantsFromEnterprises(data.enterprises, { seed: 2026 });
  const csv = createWriteStream(CSV_FILE);
  const xml = createWriteStream(XML_FILE);
  await write(csv, `\uFEFF${CSV_HEADER.join(',')}\r\n`);
  await write(xml, XML_HEAD);
  const started = Date.now();
  let i = 0;
  for (const p of generatePatents({ count: N, applicants: pool, seed: 7, serialOffset: 5_000_000, asOf: '2026-06-30' })) {
    await write(csv, csvRow(p));
    await write(xml, xmlDoc(p));
    if (++i % 200_000 === 0) console.log(`  generated ${i} (${Math.round(i / ((Date.now() - started) / 1000))}/s)`);
  }
  await write(xml, XML_TAIL);
  csv.end();
  xml.end();
  await Promise.all([once(csv, 'finish'), once(xml, 'finish')]);
  console.log(
    `generated ${N} records in ${((Date.now() - started) / 1000).toFixed(0)} s: ${CSV_FILE} ${mb(statSync(CSV_FILE).size)} MB, ${XML_FILE} ${mb(statSync(XML_FILE).size)} MB`,
  );
}

type ChildResult = {
  outcome: Record<string, unknown>;
  seconds: number;
  maxRss: number;
  sampledRss: number;
  cpuMs: number;
  /** 1-minute load average sampled every 5 s during the run: min / mean / max. */
  load: string;
};
async function runChild(format: 'csv' | 'xml', file: string, db: string): Promise<ChildResult> {
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--child', format, '--file', file, '--db', db, '--database', DB_NAME, '--records', String(N), '--workers', String(WORKERS)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    },
  );
  const samples: number[] = [os.loadavg()[0] as number];
  const sampler = setInterval(() => samples.push(os.loadavg()[0] as number), 5_000);
  const [message] = (await once(child, 'message')) as [ChildResult];
  await once(child, 'exit');
  clearInterval(sampler);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { ...message, load: `${Math.min(...samples).toFixed(1)} / ${mean.toFixed(1)} / ${Math.max(...samples).toFixed(1)}` };
}

async function emptyTables(client: pg.Client) {
  await client.query('truncate patent_events, patent_import_rows, patents cascade');
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const results: string[] = [];
const report = (line: string) => {
  console.log(line);
  results.push(line);
};

const database = await ensureDatabase(DB_NAME, true);
await database.close();
if (!values['skip-generate'] || !existsSync(CSV_FILE) || !existsSync(XML_FILE)) await generateFiles();
const client = new pg.Client({ connectionString: DB_URL });
await client.connect();
const version = (await client.query('show server_version')).rows[0].server_version;
report(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${mb(os.totalmem())} MB RAM; PostgreSQL ${version}; Node ${process.version}; workers ${WORKERS}`,
);
report(`data: ${N} records; CSV ${mb(statSync(CSV_FILE).size)} MB, ST.36 XML ${mb(statSync(XML_FILE).size)} MB`);

const rate = (r: ChildResult) => Math.round(((r.outcome.recordsRead as number) ?? 0) / r.seconds);
let csvRate = 0;
if (!values.only || values.only === 'csv') {
  await emptyTables(client);
  report(`load before CSV import: ${load()}`);
  const r = await runChild('csv', CSV_FILE, DB_NAME);
  if (!r.outcome.ok) throw new Error(`CSV import refused: ${JSON.stringify(r.outcome)}`);
  csvRate = rate(r);
  report(
    `CSV import: ${r.outcome.recordsRead} records in ${r.seconds.toFixed(1)} s = ${csvRate} records/s end to end ` +
      `(read+segment+load ${((r.outcome.ms as { read: number }).read / 1000).toFixed(1)} s, indexes+updates ${((r.outcome.ms as { merge: number }).merge / 1000).toFixed(1)} s${r.outcome.rebuiltIndexes ? ', indexes rebuilt after the load' : ''}); ${r.outcome.events} events; ` +
      `importer CPU ${(r.cpuMs / ((r.outcome.recordsRead as number) / 1000)).toFixed(0)} ms / 1,000 records; peak RSS ${mb(r.maxRss)} MB; ` +
      `load during (min / mean / max) ${r.load}; load after ${load()}`,
  );
}
if (!values.only || values.only === 'copy' || values.only === 'csv') {
  const cols =
    'id, application_number, jurisdiction, publication_number, grant_number, kind, title, abstract, claims, main_class, ipc_codes, locarno_codes, class_prefixes, application_date, publication_date, grant_date, legal_status, legal_status_date, applicants, owners, inventors, owner_enterprise_ids, local_applicant, town_id, applicant_address, agency, fees_paid_until, search_vector, source';
  // The prepared rows as the import stored them.
  const out = createWriteStream(PREPARED_FILE);
  const toStream = client.query(copyTo(`copy patents (${cols}) to stdout`));
  toStream.pipe(out);
  await once(out, 'finish');
  await client.query('drop table if exists patents_copy_baseline');
  await client.query(
    'create table patents_copy_baseline (like patents including defaults including constraints); alter table patents_copy_baseline add primary key (id), add unique (application_number)',
  );
  report(`load before bare COPY: ${load()}`);
  const started = Date.now();
  const stream = client.query(copyFrom(`copy patents_copy_baseline (${cols}) from stdin`));
  const done = once(stream, 'finish');
  createReadStream(PREPARED_FILE, { highWaterMark: 1024 * 1024 }).pipe(stream);
  await done;
  const seconds = (Date.now() - started) / 1000;
  const n = Number((await client.query('select count(*) from patents_copy_baseline')).rows[0].count);
  const copyRate = Math.round(n / seconds);
  report(
    `bare COPY of the same ${n} prepared rows (primary key + unique number only): ${seconds.toFixed(1)} s = ${copyRate} rows/s; load after ${load()}`,
  );
  if (csvRate) report(`CSV import / bare COPY = ${((csvRate / copyRate) * 100).toFixed(0)}%`);
  await client.query('drop table patents_copy_baseline');
}
if (!values.only || values.only === 'xml') {
  const xmlDatabase = await ensureDatabase(XML_DB_NAME, false);
  await xmlDatabase.close();
  const xmlClient = new pg.Client({ connectionString: `${SERVER}/${XML_DB_NAME}` });
  await xmlClient.connect();
  await emptyTables(xmlClient);
  await xmlClient.end();
  report(`load before XML import: ${load()}`);
  const r = await runChild('xml', XML_FILE, XML_DB_NAME);
  if (!r.outcome.ok) throw new Error(`XML import refused: ${JSON.stringify(r.outcome)}`);
  report(
    `ST.36 XML import: ${r.outcome.recordsRead} records in ${r.seconds.toFixed(1)} s = ${rate(r)} records/s end to end ` +
      `(read+segment+load ${((r.outcome.ms as { read: number }).read / 1000).toFixed(1)} s, indexes+updates ${((r.outcome.ms as { merge: number }).merge / 1000).toFixed(1)} s); ` +
      `importer CPU ${(r.cpuMs / ((r.outcome.recordsRead as number) / 1000)).toFixed(0)} ms / 1,000 records; peak RSS ${mb(r.maxRss)} MB; ` +
      `load during (min / mean / max) ${r.load}; load after ${load()}`,
  );
}
const counts = (await client.query('select (select count(*) from patents) as patents, (select count(*) from patent_events) as events'))
  .rows[0];
report(`left in ${DB_NAME}: ${counts.patents} patents, ${counts.events} events, all indexes of migration 0017 in place`);
await client.end();
try {
  execFileSync('uptime', { stdio: 'inherit' });
} catch {}
console.log(`\n${results.join('\n')}`);
