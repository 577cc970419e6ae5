import { once } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { enterprises } from '../../db/schema/organisations.ts';
import { patentImports } from '../../db/schema/patents.ts';
import type { Db } from '../../platform/db.ts';
import { STAGING_COLUMNS } from './patent-import.copy.ts';
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

// ---------------------------------------------------------------------------------------------- staging

export type StagingWriter = {
  /** Appends COPY text lines; resolves when the engine can take more. */
  write: (text: string) => Promise<void>;
  end: () => Promise<void>;
  abort: () => Promise<void>;
};

const COPY_SQL = `COPY patent_import_rows (${STAGING_COLUMNS.join(', ')}) FROM STDIN`;

type Client = { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; pglite: PGlite };
function clientOf(db: Db): Client {
  const raw = (db as unknown as { $client: unknown }).$client;
  if (raw && typeof (raw as pg.Pool).connect === 'function' && typeof (raw as pg.Pool).totalCount === 'number') {
    return { kind: 'postgres', pool: raw as pg.Pool };
  }
  return { kind: 'pglite', pglite: raw as PGlite };
}

/** A COPY into the staging table: a streamed COPY FROM STDIN on PostgreSQL, COPY FROM '/dev/blob' in slices on PGlite. */
export async function openStagingWriter(db: Db): Promise<StagingWriter> {
  const client = clientOf(db);
  if (client.kind === 'postgres') {
    const conn = await client.pool.connect();
    const stream = conn.query(copyFrom(COPY_SQL));
    let failed: Error | null = null;
    stream.on('error', (err: Error) => {
      failed = err;
    });
    return {
      write: async (text) => {
        if (failed) throw failed;
        if (!stream.write(text)) await once(stream, 'drain');
      },
      end: async () => {
        try {
          if (failed) throw failed;
          const done = once(stream, 'finish');
          stream.end();
          await done;
        } finally {
          conn.release();
        }
      },
      abort: async () => {
        // Destroying the stream makes the server drop the COPY; the connection is discarded.
        stream.destroy(new Error('patent import aborted'));
        conn.release(true);
      },
    };
  }
  const SLICE = 4 * 1024 * 1024;
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    const blob = new Blob(parts);
    parts = [];
    size = 0;
    await client.pglite.query(`COPY patent_import_rows (${STAGING_COLUMNS.join(', ')}) FROM '/dev/blob'`, [], { blob });
  };
  return {
    write: async (text) => {
      parts.push(text);
      size += text.length;
      if (size >= SLICE) await flush();
    },
    end: flush,
    abort: async () => {
      parts = [];
      size = 0;
    },
  };
}

export async function deleteStaged(db: Db, importId: string): Promise<void> {
  await db.execute(sql`delete from patent_import_rows where import_id = ${importId}`);
}

/** Staging rows of imports that are not running any more (a crashed worker's leftovers). */
export async function sweepStaging(db: Db): Promise<void> {
  await db.execute(
    sql`delete from patent_import_rows s where not exists (select 1 from patent_imports i where i.id = s.import_id and i.status = 'running')`,
  );
}

export async function stagedCount(db: Db, importId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from patent_import_rows where import_id = ${importId}`);
  return r?.n ?? 0;
}

/** Application numbers that occur more than once in the file, with their rows. */
export async function duplicateNumbers(db: Db, importId: string, limit: number): Promise<{ applicationNumber: string; rows: number[] }[]> {
  const found = await rows<{ application_number: string; rows: number[] }>(
    db,
    sql`select application_number, array_agg(row order by row) as rows from patent_import_rows
        where import_id = ${importId} group by application_number having count(*) > 1 order by min(row) limit ${limit}`,
  );
  return found.map((r) => ({ applicationNumber: r.application_number, rows: r.rows.map(Number) }));
}

// ---------------------------------------------------------------------------------------------- merge

const PATENT_COLUMNS = STAGING_COLUMNS.filter((c) => c !== 'import_id' && c !== 'row' && c !== 'events');
const UPDATED_COLUMNS = PATENT_COLUMNS.filter((c) => c !== 'id' && c !== 'application_number');

/** The secondary indexes of `patents` (as migrations 0017 and 0023 create them); a bulk load drops and rebuilds them. */
const PATENT_INDEXES: [string, string][] = [
  [
    'patents_search_doc_idx',
    'CREATE INDEX "patents_search_doc_idx" ON "patents" USING gin (patent_search_doc("search_vector", "application_date", "grant_date", "id"))',
  ],
  [
    'patents_title_doc_idx',
    'CREATE INDEX "patents_title_doc_idx" ON "patents" USING gin (patent_title_doc("search_vector", "application_date", "grant_date"))',
  ],
  ['patents_class_prefixes_idx', 'CREATE INDEX "patents_class_prefixes_idx" ON "patents" USING gin ("class_prefixes")'],
  ['patents_owner_enterprises_idx', 'CREATE INDEX "patents_owner_enterprises_idx" ON "patents" USING gin ("owner_enterprise_ids")'],
  ['patents_newest_idx', 'CREATE INDEX "patents_newest_idx" ON "patents" USING btree ("application_date" DESC NULLS LAST,"id")'],
  ['patents_town_date_idx', 'CREATE INDEX "patents_town_date_idx" ON "patents" USING btree ("town_id","application_date")'],
  ['patents_kind_date_idx', 'CREATE INDEX "patents_kind_date_idx" ON "patents" USING btree ("kind","application_date")'],
];
const EVENT_INDEX: [string, string] = [
  'patent_events_patent_idx',
  'CREATE INDEX "patent_events_patent_idx" ON "patent_events" USING btree ("patent_id","event_date")',
];

/** From this many staged rows, and more than the table holds, indexes are rebuilt after the load instead of kept up row by row. */
export const BULK_REBUILD_MIN_ROWS = 50_000;

export type MergeResult = { inserted: number; updated: number; events: number; rebuiltIndexes: boolean };

/**
 * Moves an import's staged rows into `patents` (upsert by application number) and their events into
 * `patent_events` (once per patent and import key), inside the caller's transaction, and clears the
 * staging rows. `hook` lets tests fail half-way.
 */
export async function mergeStaged(
  tx: Db,
  importId: string,
  options: { postgres: boolean; onStep?: (step: string) => void; hook?: (step: string) => Promise<void> } = { postgres: false },
): Promise<MergeResult> {
  const step = async (name: string) => {
    options.onStep?.(name);
    await options.hook?.(name);
  };
  const [counts] = await rows<{ staged: number; existing: number; total: number }>(
    tx,
    sql`select
          (select count(*)::int from patent_import_rows where import_id = ${importId}) as staged,
          (select count(*)::int from patent_import_rows s where s.import_id = ${importId}
             and exists (select 1 from patents p where p.application_number = s.application_number)) as existing,
          (select count(*)::int from patents) as total`,
  );
  const staged = counts?.staged ?? 0;
  const updated = counts?.existing ?? 0;
  const rebuild = staged >= BULK_REBUILD_MIN_ROWS && staged > (counts?.total ?? 0);
  if (rebuild) {
    if (options.postgres) await tx.execute(sql.raw(`set local maintenance_work_mem = '512MB'`));
    await tx.execute(sql.raw(`drop index if exists ${[...PATENT_INDEXES, EVENT_INDEX].map(([n]) => `"${n}"`).join(', ')}`));
  }
  await step('patents');
  const cols = PATENT_COLUMNS.join(', ');
  await tx.execute(
    sql.raw(`insert into patents (${cols}, updated_at)
      select ${cols}, now() from patent_import_rows where import_id = '${importId}'
      on conflict (application_number) do update set ${UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()`),
  );
  await step('events');
  const eventRows = await rows<{ n: number }>(
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
  if (rebuild) {
    await step('indexes');
    for (const [, create] of [...PATENT_INDEXES, EVENT_INDEX]) await tx.execute(sql.raw(create));
  }
  await step('cleanup');
  await tx.execute(sql`delete from patent_import_rows where import_id = ${importId}`);
  return { inserted: staged - updated, updated, events: eventRows[0]?.n ?? 0, rebuiltIndexes: rebuild };
}

export function isPostgres(db: Db): boolean {
  return clientOf(db).kind === 'postgres';
}
