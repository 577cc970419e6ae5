import type { PGlite } from '@electric-sql/pglite';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { enterprises } from '../../db/schema/organisations.ts';
import { patentImports } from '../../db/schema/patents.ts';
import type { Db } from '../../platform/db.ts';
import { EVENT_COPY_COLUMNS, PATENT_COPY_COLUMNS, type PreparedBatch, STAGING_COLUMNS, stagingLine } from './patent-import.copy.ts';
import type { EnterpriseIndex, EnterpriseRef } from './patent-import.normalise.ts';

export type PatentImportRow = typeof patentImports.$inferSelect;

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

// ---------------------------------------------------------------------------------------------- imports

export async function insertImport(db: Db, values: typeof patentImports.$inferInsert): Promise<PatentImportRow> {
  const [row] = await db.insert(patentImports).values(values).returning();
  return row as PatentImportRow;
}

export async function findImport(db: Db, id: string): Promise<PatentImportRow | undefined> {
  const [row] = await db.select().from(patentImports).where(eq(patentImports.id, id));
  return row;
}

export async function listImports(db: Db, limit: number): Promise<PatentImportRow[]> {
  return db.select().from(patentImports).orderBy(desc(patentImports.createdAt)).limit(limit);
}

export async function updateImport(db: Db, id: string, values: Partial<typeof patentImports.$inferInsert>): Promise<void> {
  await db.update(patentImports).set(values).where(eq(patentImports.id, id));
}

/** An import whose job was given up while it was queued or running: failed, with nothing loaded. */
export async function markInterrupted(db: Db, id: string): Promise<void> {
  await db
    .update(patentImports)
    .set({ status: 'failed', errorMessage: JSON.stringify({ code: 'PATENT_IMPORT_INTERRUPTED', details: {} }), finishedAt: sql`now()` })
    .where(and(eq(patentImports.id, id), inArray(patentImports.status, ['queued', 'running'])));
}

/** Starts an import unless it already finished (a job runs at least once; a retry of a finished import is a no-op). */
export async function markRunning(db: Db, id: string): Promise<PatentImportRow | undefined> {
  const [row] = await db
    .update(patentImports)
    .set({ status: 'running', startedAt: sql`now()`, bytesRead: 0, recordsRead: 0, errorCount: 0, errorMessage: null })
    .where(sql`${patentImports.id} = ${id} and ${patentImports.status} in ('queued', 'running')`)
    .returning();
  return row;
}

// ---------------------------------------------------------------------------------------------- enterprises

/** Local enterprises by credit code and exact name, for linking owners and applicants. */
export async function loadEnterpriseIndex(db: Db): Promise<EnterpriseIndex> {
  const list = await db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, townId: enterprises.townId })
    .from(enterprises);
  const byCode = new Map<string, EnterpriseRef>();
  const byName = new Map<string, EnterpriseRef>();
  for (const e of list) {
    const ref = { id: e.id, townId: e.townId };
    byCode.set(e.creditCode, ref);
    if (!byName.has(e.name)) byName.set(e.name, ref);
  }
  return { byCode, byName };
}

// ---------------------------------------------------------------------------------------------- loading

type Client = { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; pglite: PGlite };
function clientOf(db: Db): Client {
  const raw = (db as unknown as { $client: unknown }).$client;
  if (raw && typeof (raw as pg.Pool).connect === 'function' && typeof (raw as pg.Pool).totalCount === 'number') {
    return { kind: 'postgres', pool: raw as pg.Pool };
  }
  return { kind: 'pglite', pglite: raw as PGlite };
}

/** The connection under a drizzle transaction (a pg PoolClient, or PGlite's transaction): COPY needs it. */
type RawTx = { query: (text: string, params?: unknown[], options?: { blob?: Blob }) => Promise<{ rows: unknown[] }> };
function rawTx(tx: Db): RawTx {
  return (tx as unknown as { session: { client: RawTx } }).session.client;
}

/** One COPY … FROM of a text block, on the transaction's own connection. */
async function copyIn(tx: Db, postgres: boolean, table: string, columns: readonly string[], text: string): Promise<void> {
  if (text.length === 0) return;
  const raw = rawTx(tx);
  if (postgres) {
    const stream = (raw as unknown as pg.PoolClient).query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    stream.end(text);
    await done;
    return;
  }
  await raw.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
}

export async function deleteStaged(db: Db, importId: string): Promise<void> {
  await db.execute(sql`delete from patent_import_rows where import_id = ${importId}`);
}

/** Staging rows of imports that are not running any more (leftovers of an older version, which staged outside the transaction). */
export async function sweepStaging(db: Db): Promise<void> {
  await db.execute(
    sql`delete from patent_import_rows s where not exists (select 1 from patent_imports i where i.id = s.import_id and i.status = 'running')`,
  );
}

// ---------------------------------------------------------------------------------------------- merge

const UPDATED_COLUMNS = PATENT_COPY_COLUMNS.filter((c) => c !== 'id' && c !== 'application_number');
/** Kept from the database when the platform recorded a transfer that the file does not supersede (see keep_owners). */
const OWNER_COLUMNS = new Set(['owners', 'owner_enterprise_ids']);

/**
 * The keys a bulk load keeps: the primary key other tables refer to, and the unique number the load's own checks
 * read. The trigram indexes of the names (gin_trgm_ops) stay too: kept up beside the load they cost less than
 * a build after it, which runs on one core while the other idles (docs/benchmarks.md).
 */
const KEPT_BY_BULK_LOAD = ['patents_pkey', 'patents_application_number_key'];

/** An index or a constraint of `patents` / `patent_events` that a bulk load drops first and creates again last. */
export type SetAside = { table: string; name: string; kind: 'index' | 'constraint'; constraintType: string | null; definition: string };

/**
 * Every index and key of `patents` and `patent_events` but those a bulk load keeps, read from the catalog (so an
 * index a later migration adds is covered): kept up row by row they cost the load most of its database time —
 * the B-trees, the random-UUID keys of the events, a foreign-key check per event — while a build after the load
 * sorts once. Foreign keys come last, so that they are validated against the rebuilt keys.
 */
export async function setAsideForBulkLoad(db: Db): Promise<SetAside[]> {
  const list = await rows<SetAside>(
    db,
    sql`select c.conrelid::regclass::text as "table", c.conname as name, 'constraint' as kind, c.contype::text as "constraintType",
          pg_get_constraintdef(c.oid) as definition
        from pg_constraint c
        where c.conrelid in ('patents'::regclass, 'patent_events'::regclass) and c.contype in ('p', 'u', 'f')
          and c.conname <> all (${sql.raw(`array[${KEPT_BY_BULK_LOAD.map((n) => `'${n}'`).join(', ')}]`)})
        union all
        select i.indrelid::regclass::text, ci.relname::text, 'index', null, pg_get_indexdef(i.indexrelid)
        from pg_index i join pg_class ci on ci.oid = i.indexrelid
        where i.indrelid in ('patents'::regclass, 'patent_events'::regclass)
          and pg_get_indexdef(i.indexrelid) not like '%gin_trgm_ops%'
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid)`,
  );
  return list.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
const rank = (o: SetAside) => (o.constraintType === 'f' ? 2 : o.kind === 'constraint' ? 0 : 1);

export function dropStatement(o: SetAside): string {
  return o.kind === 'index' ? `drop index "${o.name}"` : `alter table ${o.table} drop constraint "${o.name}"`;
}
export function createStatement(o: SetAside): string {
  return o.kind === 'index' ? o.definition : `alter table ${o.table} add constraint "${o.name}" ${o.definition}`;
}

/** From this many records, and more than the table holds, indexes are rebuilt after the load instead of kept up row by row. */
export const BULK_REBUILD_MIN_ROWS = 50_000;

export type MergeResult = { inserted: number; updated: number; events: number; rebuiltIndexes: boolean };

/** A batch as the loader writes it: the accepted records' rows, numbers and ids, in the order of its COPY lines. */
export type LoadBatch = {
  rows: readonly number[];
  numbers: readonly string[];
  ids: readonly string[];
  /** Each record's events as JSON in COPY text, when the loader asks for them (`eventsJson`). */
  eventsJson: readonly string[] | null;
  prepared: PreparedBatch;
};

/** A number the file holds twice: the row of this occurrence and the row of the first. */
export type Repeat = { applicationNumber: string; row: number; firstRow: number };

export type Loader = {
  /**
   * Writes a prepared batch (its numbers unique within the batch): numbers the file held before are
   * repeats, returned and not written; the others not yet in `patents` go by COPY straight into `patents`
   * and `patent_events`, the rest into the staging table, for `finish`.
   * `expected` is the estimated number of records of the file (for the index rule).
   */
  write: (batch: LoadBatch, expected: number) => Promise<Repeat[]>;
  /** Whether `write` needs the records' events as JSON (for the staging of updates): the table held patents at the start. */
  eventsJson: boolean;
  /** Only registers the batch's numbers (the file is refused already; its report still wants every repeat). */
  check: (items: readonly { row: number; applicationNumber: string }[]) => Promise<Repeat[]>;
  /** Rebuilds dropped indexes, then merges the staged updates; `hook` lets tests fail at a step. */
  finish: (hook?: (step: string) => Promise<void>) => Promise<MergeResult>;
};

/**
 * Loads one import inside the caller's transaction (one connection), so that a refused file, a failed
 * COPY or a crash leaves nothing. The loader tells the numbers a batch repeats from earlier batches
 * (`patent_import_seen`); refusing the file is the caller's. A number found in `patents` here was there
 * before the import.
 */
export async function openLoader(tx: Db, importId: string, options: { postgres: boolean; bulkLoad?: boolean }): Promise<Loader> {
  const { postgres } = options;
  const raw = rawTx(tx);
  if (postgres) {
    // Rows over ≈ 2 kB (long claims) are compressed on the way in, and lz4 costs less CPU than pglz (a COPY
    // of 100,000 prepared rows on a loaded machine: 3.2–4.1 s instead of 5.3–7.4 s; ≈ 10 % of the COPY's
    // CPU in bench/patent-import-profile.ts). Only where the server was built with it.
    const [lz4] = await rows<{ ok: boolean }>(
      tx,
      sql`select coalesce('lz4' = any(enumvals), false) as ok from pg_settings where name = 'default_toast_compression'`,
    );
    if (lz4?.ok) await tx.execute(sql.raw(`set local default_toast_compression = 'lz4'`));
  }
  const [count] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from patents`);
  const tableRows = count?.n ?? 0;
  let written = 0;
  let inserted = 0;
  let staged = 0;
  let events = 0;
  let dropped = false;

  // The file's numbers so far, to tell its repeats: in the database, so that memory stays flat for any file.
  await tx.execute(
    sql`create temp table if not exists patent_import_seen (application_number text primary key, row integer not null) on commit drop`,
  );
  /** Registers a batch's numbers (unique within it): the ones the file held before, and the ones already in `patents`. */
  const register = async (
    items: readonly { row: number; applicationNumber: string }[],
  ): Promise<{ repeats: Repeat[]; existing: Set<string> }> => {
    const numbers = items.map((i) => i.applicationNumber);
    // One round trip in the common case: the numbers go in unless the file held them before (the insert's
    // count says whether any did), and — unless the table was empty at the start, when every number in it is
    // this import's — the ones `patents` holds already come back.
    const existingSql =
      tableRows === 0 ? `'{}'::text[]` : 'array(select p.application_number from patents p where p.application_number = any($1::text[]))';
    const result = (await raw.query(
      `with fresh as (insert into patent_import_seen (application_number, row) select * from unnest($1::text[], $2::int[])
         on conflict do nothing returning 1)
       select (select count(*)::int from fresh) as fresh, ${existingSql} as existing`,
      [numbers, items.map((i) => i.row)],
    )) as { rows: { fresh: number; existing: string[] }[] };
    const { fresh, existing } = result.rows[0] as { fresh: number; existing: string[] };
    const repeats: Repeat[] = [];
    if (fresh < items.length) {
      // Some numbers were there before: the table holds their first rows (rows of this batch did not go in).
      const firsts = (await raw.query(
        'select application_number as n, row from patent_import_seen where application_number = any($1::text[])',
        [numbers],
      )) as { rows: { n: string; row: number }[] };
      const rowOf = new Map(items.map((i) => [i.applicationNumber, i.row]));
      for (const f of firsts.rows) {
        const row = rowOf.get(f.n) as number;
        if (Number(f.row) !== row) repeats.push({ applicationNumber: f.n, row, firstRow: Number(f.row) });
      }
    }
    return { repeats, existing: new Set(existing) };
  };

  let setAside: SetAside[] = [];
  const dropIndexes = async () => {
    // Inside the import transaction: the lock it takes lasts until the commit, which is why this only
    // happens when the load is larger than the table (a first load, or a small table).
    if (postgres) await tx.execute(sql.raw(`set local maintenance_work_mem = '512MB'`));
    setAside = await setAsideForBulkLoad(tx);
    for (const o of [...setAside].reverse()) await tx.execute(sql.raw(dropStatement(o)));
    // The landscape's slice marks (migration 0024) would keep every inserted row in a transition table: a bulk
    // load marks the whole summary stale once instead (finish), under the lock the drop holds anyway.
    await tx.execute(sql.raw(`alter table patents disable trigger patents_landscape_inserted`));
    dropped = true;
  };

  return {
    eventsJson: tableRows > 0,

    write: async (batch, expected) => {
      const count = batch.numbers.length;
      const total = Math.max(expected, written + count);
      if (!dropped && (options.bulkLoad || (total >= BULK_REBUILD_MIN_ROWS && total > tableRows))) await dropIndexes();
      written += count;
      const { repeats, existing } = await register(batch.numbers.map((n, i) => ({ row: batch.rows[i] as number, applicationNumber: n })));
      if (repeats.length > 0) {
        // The file is refused (the transaction rolls back): nothing more of this batch needs writing.
        return repeats;
      }
      const { prepared } = batch;
      if (existing.size === 0) {
        await copyIn(tx, postgres, 'patents', PATENT_COPY_COLUMNS, prepared.patents);
        await copyIn(tx, postgres, 'patent_events', EVENT_COPY_COLUMNS, prepared.events);
        inserted += count;
        events += countLines(prepared.events);
        return [];
      }
      // Some records update existing patents: split the batch (rare on a first load, the rule on a re-import).
      const lines = prepared.patents.split('\n');
      let direct = '';
      let staging = '';
      const newIds = new Set<string>();
      batch.numbers.forEach((number, i) => {
        if (existing.has(number)) {
          staging += stagingLine(importId, batch.rows[i] as number, lines[i] as string, (batch.eventsJson as string[])[i] as string);
        } else {
          direct += `${lines[i]}\n`;
          newIds.add(batch.ids[i] as string);
        }
      });
      let directEvents = '';
      for (const line of prepared.events.split('\n'))
        if (line && newIds.has(line.slice(0, line.indexOf('\t')))) directEvents += `${line}\n`;
      await copyIn(tx, postgres, 'patents', PATENT_COPY_COLUMNS, direct);
      await copyIn(tx, postgres, 'patent_events', EVENT_COPY_COLUMNS, directEvents);
      await copyIn(tx, postgres, 'patent_import_rows', STAGING_COLUMNS, staging);
      inserted += newIds.size;
      staged += count - newIds.size;
      events += countLines(directEvents);
      return [];
    },

    check: async (items) => (await register(items)).repeats,

    finish: async (hook) => {
      if (dropped) {
        await hook?.('indexes');
        for (const o of setAside) await tx.execute(sql.raw(createStatement(o)));
        await tx.execute(sql.raw(`alter table patents enable trigger patents_landscape_inserted`));
        await tx.execute(sql`insert into patent_landscape_dirty (town_id, year, by_grant) values (null, null, true)`);
      }
      // Updates go after the rebuild: the owner rule below reads patent_events by patent.
      await hook?.('patents');
      let updated = 0;
      if (staged > 0) updated = await mergeUpdates(tx, importId);
      await hook?.('events');
      if (staged > 0) events += await mergeStagedEvents(tx, importId);
      await hook?.('cleanup');
      if (staged > 0) await tx.execute(sql`delete from patent_import_rows where import_id = ${importId}`);
      return { inserted, updated, events, rebuiltIndexes: dropped };
    },
  };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Existing patents take the file's bibliographic fields, except their current owners when the platform
 * recorded a transfer (a completed ip-trading deal: a `transferred` event with source 'platform') and the
 * file brings no transfer dated after it: a re-import of an older extract must not undo the deal.
 */
async function mergeUpdates(tx: Db, importId: string): Promise<number> {
  const sets = UPDATED_COLUMNS.map((c) =>
    OWNER_COLUMNS.has(c) ? `${c} = case when s.keep_owners then p.${c} else s.${c} end` : `${c} = s.${c}`,
  ).join(', ');
  const [r] = await rows<{ n: number }>(
    tx,
    sql`with u as (
      update patents p set ${sql.raw(sets)}, updated_at = now()
      from (
        select s.*, exists (
          select 1 from patents q join patent_events e on e.patent_id = q.id
          where q.application_number = s.application_number and e.kind = 'transferred' and e.source = 'platform'
            and not exists (
              select 1 from jsonb_array_elements(s.events) x
              where x->>'kind' = 'transferred' and (x->>'eventDate')::date > e.event_date)
        ) as keep_owners
        from patent_import_rows s where s.import_id = ${importId}
      ) s
      where p.application_number = s.application_number
      returning 1)
    select count(*)::int as n from u`,
  );
  return r?.n ?? 0;
}

async function mergeStagedEvents(tx: Db, importId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`with ins as (
          insert into patent_events (patent_id, event_date, kind, detail, source, import_key)
          select p.id, (e->>'eventDate')::date, e->>'kind', coalesce(e->'detail', '{}'::jsonb), s.source, e->>'importKey'
          from patent_import_rows s
          join patents p on p.application_number = s.application_number
          cross join lateral jsonb_array_elements(s.events) e
          where s.import_id = ${importId}
          on conflict (patent_id, import_key) do nothing
          returning 1)
        select count(*)::int as n from ins`,
  );
  return r?.n ?? 0;
}

export function isPostgres(db: Db): boolean {
  return clientOf(db).kind === 'postgres';
}
