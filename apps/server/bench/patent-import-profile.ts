// npx tsx apps/server/bench/patent-import-profile.ts [--records 20000] [--db innotown_import_profile]
//
// Where the CPU time of a patent import goes, per 1,000 records, stage by stage, measured as CPU time
// (process.cpuUsage for the app; the PostgreSQL backend's utime + stime from /proc for the database), not
// wall-clock: the 2-core machine is shared, so wall time says more about the neighbours than about us.
// App stages run in this one thread, one after the other: parse CSV, parse ST.36 XML, normalise, segment
// (jieba + tsvector literal), format the COPY text. Database stages on a database of its own (created and
// migrated here, demo enterprises seeded): COPY into staging + INSERT … SELECT merge (the old double write),
// COPY straight into `patents` and `patent_events` (the direct path, lz4 TOAST compression as the importer sets it),
// and the rebuild of the secondary indexes.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { seedDemoData } from '../src/db/seed.ts';
import { copyChunk, preparedBatch, type StagedRecord } from '../src/modules/patent-import/patent-import.copy.ts';
import { normaliseRecord, type SourceRecord } from '../src/modules/patent-import/patent-import.normalise.ts';
import { readRecords } from '../src/modules/patent-import/patent-import.readers.ts';
import {
  createStatement,
  dropStatement,
  loadEnterpriseIndex,
  setAsideForBulkLoad,
} from '../src/modules/patent-import/patent-import.repository.ts';
import { openDatabase } from '../src/platform/db.ts';
import { searchVectorLiteral } from '../src/platform/search/search-vector.ts';
import { loadTokenizer } from '../src/platform/search/tokenizer.ts';
import { generateDemoData } from '../src/seed/demo-data.ts';
import { applicantsFromEnterprises, generatePatents } from '../src/seed/patent-generator.ts';
import { CSV_HEADER, csvRow, XML_HEAD, XML_TAIL, xmlDoc } from './patent-import-files.ts';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '20000' }, db: { type: 'string', default: 'innotown_import_profile' } },
});
const N = Number(values.records);
const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const out: string[] = [];
const line = (s: string) => {
  console.log(s);
  out.push(s);
};
const per1000 = (micros: number) => ((micros / 1000 / N) * 1000).toFixed(1);

async function appCpu<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const before = process.cpuUsage();
  const wall = Date.now();
  const result = await fn();
  const used = process.cpuUsage(before);
  line(`app  ${name.padEnd(38)} ${per1000(used.user + used.system).padStart(8)} ms CPU / 1,000 records  (wall ${Date.now() - wall} ms)`);
  return result;
}

const TICK_US = 1_000_000 / 100; // USER_HZ
function backendCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}
async function dbCpu(client: pg.Client, pid: number, name: string, fn: () => Promise<unknown>): Promise<void> {
  const before = backendCpu(pid);
  const app = process.cpuUsage();
  const wall = Date.now();
  await fn();
  const used = backendCpu(pid) - before;
  const appUsed = process.cpuUsage(app);
  line(
    `db   ${name.padEnd(38)} ${per1000(used).padStart(8)} ms CPU / 1,000 records  (client ${per1000(appUsed.user + appUsed.system)}; wall ${Date.now() - wall} ms)`,
  );
  void client;
}

// --------------------------------------------------------------------------------------- database

const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
await admin.connect();
if ((await admin.query('select 1 from pg_database where datname = $1', [values.db])).rowCount === 0) {
  await admin.query(`create database ${values.db}`);
}
await admin.end();
const database = await openDatabase({ databaseUrl: `${SERVER}/${values.db}`, poolMax: 2 });
await database.migrate();
const towns = (await database.db.execute('select count(*)::int as n from towns' as never)) as unknown as { rows: { n: number }[] };
if (towns.rows[0]?.n === 0) await seedDemoData(database.db, { scale: 1 });
const enterprises = await loadEnterpriseIndex(database.db);
// The importer's own list, read from the catalog while everything is in place: what a bulk load drops and rebuilds.
const SET_ASIDE = await setAsideForBulkLoad(database.db);
await database.close();

line(
  `profile of ${N} records; ${os.cpus().length} × ${os.cpus()[0]?.model}; load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

// --------------------------------------------------------------------------------------- app stages

const data = generateDemoData({ scale: 1 });
const pool = applicantsFromEnterprises(data.enterprises, { seed: 2026 });
let csv = `\uFEFF${CSV_HEADER.join(',')}\r\n`;
let xml = XML_HEAD;
for (const p of generatePatents({ count: N, applicants: pool, seed: 7, serialOffset: 5_000_000, asOf: '2026-06-30' })) {
  csv += csvRow(p);
  xml += xmlDoc(p);
}
xml += XML_TAIL;
const chunks = (text: string) => {
  const buffer = Buffer.from(text);
  return (function* () {
    for (let i = 0; i < buffer.length; i += 1 << 20) yield buffer.subarray(i, i + (1 << 20));
  })();
};
loadTokenizer();

const records = await appCpu('parse CSV', async () => {
  const list: SourceRecord[] = [];
  for await (const r of readRecords('csv', chunks(csv))) list.push(r);
  return list;
});
await appCpu('parse ST.36 XML', async () => {
  let n = 0;
  for await (const _ of readRecords('xml', chunks(xml))) n++;
  return n;
});
const items = await appCpu('normalise', () => {
  const list: StagedRecord[] = [];
  for (const record of records) {
    const r = normaliseRecord(record, { source: 'csv', enterprises, currentYear: 2026 });
    if (!r.ok) throw new Error(`record ${record.row} refused: ${JSON.stringify(r.issues)}`);
    list.push({ row: record.row, patent: r.patent });
  }
  return list;
});
await appCpu('segment + tsvector literal', () => {
  for (const { patent: p } of items) searchVectorLiteral(p.title, [p.abstract, p.claims].filter(Boolean).join('\n'));
});
const IMPORT_ID = '00000000-0000-4000-8000-000000000001';
const staged = await appCpu('staging COPY text (segmentation incl.)', () => {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += 500) parts.push(copyChunk(IMPORT_ID, items.slice(i, i + 500)));
  return parts;
});
const direct = await appCpu('direct COPY text (segmentation incl.)', () => {
  const parts: ReturnType<typeof preparedBatch>[] = [];
  for (let i = 0; i < items.length; i += 500) parts.push(preparedBatch(items.slice(i, i + 500)));
  return parts;
});

// --------------------------------------------------------------------------------------- database stages

const client = new pg.Client({ connectionString: `${SERVER}/${values.db}` });
await client.connect();
const pid = (await client.query('select pg_backend_pid() as pid')).rows[0].pid as number;
const copy = async (statement: string, parts: string[]) => {
  const stream = client.query(copyFrom(statement));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const part of parts) if (!stream.write(part)) await new Promise((r) => stream.once('drain', r));
  stream.end();
  await done;
};
const { STAGING_COLUMNS, PATENT_COPY_COLUMNS, EVENT_COPY_COLUMNS } = await import('../src/modules/patent-import/patent-import.copy.ts');
const INDEXES = SET_ASIDE.map(createStatement);
const dropIndexes = async () => {
  for (const o of [...SET_ASIDE].reverse())
    await client.query(
      dropStatement(o).replace('drop index', 'drop index if exists').replace('drop constraint', 'drop constraint if exists'),
    );
};
const createIndexes = async () => {
  await client.query(`set maintenance_work_mem = '256MB'`);
  for (const create of INDEXES) await client.query(create);
};
const reset = async () => {
  await client.query('truncate patent_events, patent_import_rows, patents cascade');
  await dropIndexes();
  await createIndexes();
};
const cols = STAGING_COLUMNS.filter((c) => c !== 'import_id' && c !== 'row' && c !== 'events').join(', ');

await reset();
await dbCpu(client, pid, 'staging COPY (old path)', () =>
  copy(`COPY patent_import_rows (${STAGING_COLUMNS.join(', ')}) FROM STDIN`, staged),
);
await dropIndexes();
await dbCpu(client, pid, 'merge INSERT … SELECT + events (old)', async () => {
  await client.query(`insert into patents (${cols}, updated_at) select ${cols}, now() from patent_import_rows`);
  await client.query(`insert into patent_events (patent_id, event_date, kind, detail, source, import_key)
    select p.id, (e->>'eventDate')::date, e->>'kind', coalesce(e->'detail', '{}'::jsonb), s.source, e->>'importKey'
    from patent_import_rows s join patents p on p.application_number = s.application_number
    cross join lateral jsonb_array_elements(s.events) e`);
});
await dbCpu(client, pid, `index and key build (${SET_ASIDE.length})`, createIndexes);

await client.query('truncate patent_events, patent_import_rows, patents cascade');
await dropIndexes();
// As the importer does inside its transaction (where the server has lz4).
await client.query(`set default_toast_compression = 'lz4'`);
await dbCpu(client, pid, 'direct COPY patents (no sec. indexes)', () =>
  copy(
    `COPY patents (${PATENT_COPY_COLUMNS.join(', ')}) FROM STDIN`,
    direct.map((d) => d.patents),
  ),
);
await dbCpu(client, pid, 'direct COPY patent_events', () =>
  copy(
    `COPY patent_events (${EVENT_COPY_COLUMNS.join(', ')}) FROM STDIN`,
    direct.map((d) => d.events),
  ),
);
await dbCpu(client, pid, `index and key build (${SET_ASIDE.length})`, createIndexes);

await client.query('truncate patent_events, patent_import_rows, patents cascade');
await dbCpu(client, pid, 'direct COPY patents, indexes kept', () =>
  copy(
    `COPY patents (${PATENT_COPY_COLUMNS.join(', ')}) FROM STDIN`,
    direct.map((d) => d.patents),
  ),
);
await dbCpu(client, pid, 'direct COPY patent_events, indexes kept', () =>
  copy(
    `COPY patent_events (${EVENT_COPY_COLUMNS.join(', ')}) FROM STDIN`,
    direct.map((d) => d.events),
  ),
);
await client.query('truncate patent_events, patent_import_rows, patents cascade');
await client.end();
line(
  `load after ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(`\n${out.join('\n')}`);
