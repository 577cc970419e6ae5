import { validationMessages } from '@innotown/contracts/messages';
import { PATENT_IMPORT_MAX_ISSUES, type PatentImportIssue } from '@innotown/contracts/patent-import';
import type { Db } from '../../platform/db.ts';
import { errorDefinition } from '../../platform/errors.ts';
import type { BatchResult } from './patent-import.batch.ts';
import type { PreparedBatch } from './patent-import.copy.ts';
import { columnLabel, type EnterpriseIndex, type SourceRecord } from './patent-import.normalise.ts';
import { defaultWorkerCount, inlinePreparer, type Preparer, workerPreparer } from './patent-import.pool.ts';
import { type ByteSource, ImportFileError, type ImportFormat, readRecords } from './patent-import.readers.ts';
import * as repo from './patent-import.repository.ts';

/**
 * One file, end to end, in one transaction: read (streaming) → normalise, segment and format as COPY
 * text (batches of 500 records, on worker threads for large files) → per batch, new application numbers by COPY straight into
 * `patents` and `patent_events`, existing ones into the staging table → rebuild dropped indexes, merge
 * the staged updates → commit. Any refused record, a problem of the file, a failed COPY or a crash rolls
 * everything back: `patents` stays as it was.
 */

export type ImportProgress = { bytesRead: number; recordsRead: number; errorCount: number; phase: 'reading' | 'merging' };

export type ImportOutcome =
  | {
      ok: true;
      recordsRead: number;
      inserted: number;
      updated: number;
      events: number;
      rebuiltIndexes: boolean;
      ms: { read: number; merge: number };
    }
  | {
      ok: false;
      recordsRead: number;
      errorCount: number;
      issues: PatentImportIssue[];
      fileError: { code: string; details: Record<string, unknown> } | null;
    };

export type RunImportOptions = {
  importId: string;
  format: ImportFormat;
  source: ByteSource;
  /** Worker threads for segmentation; 0 runs inline. Default: inline below 2,000 records, then one per core. */
  workers?: number;
  /** The file's size, to estimate its records early (the index rule). */
  bytesTotal?: number;
  enterprises?: EnterpriseIndex;
  currentYear?: number;
  /**
   * Progress while it runs, with the handle to record it through: the pool on PostgreSQL (so that the
   * page polling the import sees it), the import's transaction on PGlite (its one connection is held).
   */
  onProgress?: (p: ImportProgress, via: Db) => Promise<void> | void;
  progressEveryMs?: number;
  /** Runs inside the merge transaction after the rows are in (the caller records the import's success atomically). */
  onMerged?: (tx: Db, result: repo.MergeResult) => Promise<void>;
  /** Test hooks: fail while reading, corrupt a prepared batch (a COPY that fails mid-load), fail at a step of the merge. */
  hooks?: {
    afterRecords?: (n: number) => Promise<void> | void;
    prepared?: (batch: PreparedBatch, batchNo: number) => PreparedBatch;
    merge?: (step: string) => Promise<void>;
    /** The bulk-load path (indexes dropped and rebuilt, landscape marked stale once) for a small file. */
    bulkLoad?: boolean;
  };
};

const BATCH = 500;
const INLINE_UNTIL = 2_000;

export function fileIssue(code: string, details: Record<string, unknown> = {}): PatentImportIssue {
  const def = errorDefinition(code);
  return {
    row: null,
    applicationNumber: null,
    column: null,
    columnLabel: null,
    value: details.reason ? String(details.reason) : details.root ? String(details.root) : null,
    code,
    messageZh: def?.zh ?? code,
    messageEn: def?.en ?? code,
  };
}

/** Thrown inside the import transaction to roll it back and report the refused file. */
class Refused extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('patent import refused');
  }
}

export async function runImport(db: Db, options: RunImportOptions): Promise<ImportOutcome> {
  const enterprises = options.enterprises ?? (await repo.loadEnterpriseIndex(db));
  try {
    return await db.transaction(async (tx) => importInTransaction(db, tx as unknown as Db, repo.isPostgres(db), enterprises, options));
  } catch (err) {
    if (err instanceof Refused) return err.outcome;
    throw err;
  }
}

async function importInTransaction(
  db: Db,
  tx: Db,
  postgres: boolean,
  enterprises: EnterpriseIndex,
  options: RunImportOptions,
): Promise<ImportOutcome> {
  const started = Date.now();
  const { importId } = options;
  let bytesRead = 0;
  let recordsRead = 0;
  let errorCount = 0;
  const issues: PatentImportIssue[] = [];
  const counted: ByteSource = (async function* () {
    for await (const chunk of options.source) {
      bytesRead += chunk.length;
      yield chunk;
    }
  })();

  let lastProgress = 0;
  const progressEvery = options.progressEveryMs ?? 500;
  const progress = async (phase: ImportProgress['phase'], force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < progressEvery) return;
    lastProgress = now;
    await options.onProgress({ bytesRead, recordsRead, errorCount, phase }, postgres ? db : tx);
  };

  const loader = await repo.openLoader(tx, importId, { postgres, bulkLoad: options.hooks?.bulkLoad === true });
  /** The file's size in records, estimated from the bytes read so far (for the index rule). */
  const expected = () => (options.bytesTotal && bytesRead > 0 ? Math.round((options.bytesTotal * recordsRead) / bytesRead) : recordsRead);
  // In-file duplicates: a batch's own repeats are told where it is normalised, the numbers earlier batches
  // held by the loader (a temporary table, so that memory stays flat for any file). Only duplicated numbers are kept.
  const duplicates = new Map<string, number[]>();
  const noteRepeat = (applicationNumber: string, ...rows: number[]) => {
    const known = duplicates.get(applicationNumber) ?? [];
    duplicates.set(
      applicationNumber,
      [...new Set([...known, ...rows])].sort((a, b) => a - b),
    );
  };
  /** Nothing more will load once a record is refused: later batches are only checked, for the report. */
  const loading = () => errorCount === 0 && duplicates.size === 0;

  const context = {
    source: options.format,
    enterprises,
    ...(options.currentYear ? { currentYear: options.currentYear } : {}),
  };
  let preparer: Preparer = inlinePreparer(context);
  let pooled = false;
  const workerCount = options.workers;
  const poolSize = workerCount ?? defaultWorkerCount();
  // Batches are normalised and prepared in parallel and written in order, one at a time, on the transaction's connection.
  let writeChain: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  let batch: SourceRecord[] = [];
  let batchNo = 0;
  const noteRepeats = (repeats: repo.Repeat[]) => {
    for (const r of repeats) noteRepeat(r.applicationNumber, r.firstRow, r.row);
  };
  /** A normalised batch, in the order of the file: its refused records into the report, its numbers registered, its rows written. */
  const take = async (result: BatchResult, n: number) => {
    for (const refused of result.refused) {
      errorCount++;
      for (const i of refused.issues) {
        if (issues.length >= PATENT_IMPORT_MAX_ISSUES) break;
        issues.push({
          row: refused.row,
          applicationNumber: refused.applicationNumber,
          column: i.column,
          columnLabel: columnLabel(i.column),
          value: i.value,
          code: i.code,
          messageZh: i.zh,
          messageEn: i.en,
        });
      }
    }
    for (const [number, first, row] of result.repeats) noteRepeat(number, first, row);
    const { prepared } = result;
    if (!loading() || !prepared) {
      noteRepeats(await loader.check(result.numbers.map((applicationNumber, i) => ({ row: result.rows[i] as number, applicationNumber }))));
      return;
    }
    noteRepeats(
      await loader.write({ ...result, prepared: options.hooks?.prepared ? options.hooks.prepared(prepared, n) : prepared }, expected()),
    );
  };
  const dispatch = async () => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    if (!pooled && poolSize > 0 && (workerCount !== undefined || recordsRead > INLINE_UNTIL)) {
      pooled = true;
      preparer = workerPreparer(poolSize, context);
    }
    const n = batchNo++;
    const result = preparer.prepare({ records, segment: loading(), eventsJson: loader.eventsJson });
    result.catch(() => {}); // awaited through the write chain
    writeChain = writeChain.then(async () => take(await result, n));
    inFlight.push(writeChain);
    const limit = pooled ? poolSize * 2 : 1;
    while (inFlight.length >= limit) await inFlight.shift();
  };

  const refuse = async (fileError: { code: string; details: Record<string, unknown> } | null): Promise<never> => {
    await writeChain.catch(() => {});
    throw new Refused({ ok: false, recordsRead, errorCount, issues, fileError });
  };

  try {
    for await (const record of readRecords(options.format, counted)) {
      recordsRead++;
      batch.push(record);
      if (batch.length >= BATCH) await dispatch();
      await options.hooks?.afterRecords?.(recordsRead);
      await progress('reading');
    }
    if (recordsRead === 0) throw new ImportFileError('PATENT_IMPORT_EMPTY');
    await dispatch();
    await Promise.all(inFlight);
    await writeChain;
    if (errorCount > 0 || duplicates.size > 0) {
      reportDuplicates(duplicates, issues);
      errorCount += [...duplicates.values()].reduce((n, r) => n + r.length - 1, 0);
      return await refuse(null);
    }
  } catch (err) {
    if (err instanceof ImportFileError) {
      issues.unshift(fileIssue(err.code, err.details));
      errorCount = Math.max(errorCount, 1);
      return await refuse({ code: err.code, details: err.details });
    }
    await writeChain.catch(() => {});
    throw err;
  } finally {
    await preparer.close();
  }
  await progress('merging', true);
  const readMs = Date.now() - started;
  const mergeStarted = Date.now();
  const merged = await loader.finish(options.hooks?.merge);
  await options.onMerged?.(tx, merged);
  return {
    ok: true,
    recordsRead,
    inserted: merged.inserted,
    updated: merged.updated,
    events: merged.events,
    rebuiltIndexes: merged.rebuiltIndexes,
    ms: { read: readMs, merge: Date.now() - mergeStarted },
  };
}

/** Every later occurrence of a number is an issue naming all its rows (in the order of the file). */
function reportDuplicates(duplicates: Map<string, number[]>, issues: PatentImportIssue[]): void {
  const list = [...duplicates.entries()].sort((a, b) => (a[1][0] as number) - (b[1][0] as number));
  for (const [applicationNumber, rowsOf] of list) {
    for (const row of rowsOf.slice(1)) {
      if (issues.length >= PATENT_IMPORT_MAX_ISSUES) return;
      issues.push({
        row,
        applicationNumber,
        column: 'applicationNumber',
        columnLabel: columnLabel('applicationNumber'),
        value: applicationNumber,
        code: 'patent_import_duplicate',
        messageZh: `${validationMessages.patent_import_duplicate.zh}（第 ${rowsOf.join('、')} 行）`,
        messageEn: `${validationMessages.patent_import_duplicate.en} (rows ${rowsOf.join(', ')})`,
      });
    }
  }
}
