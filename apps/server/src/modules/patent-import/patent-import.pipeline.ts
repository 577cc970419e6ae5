import { validationMessages } from '@innotown/contracts/messages';
import { PATENT_IMPORT_MAX_ISSUES, type PatentImportIssue } from '@innotown/contracts/patent-import';
import type { Db } from '../../platform/db.ts';
import { errorDefinition } from '../../platform/errors.ts';
import type { StagedRecord } from './patent-import.copy.ts';
import { columnLabel, type EnterpriseIndex, normaliseRecord } from './patent-import.normalise.ts';
import { inlinePreparer, type Preparer, workerPreparer } from './patent-import.pool.ts';
import { type ByteSource, ImportFileError, type ImportFormat, readRecords } from './patent-import.readers.ts';
import * as repo from './patent-import.repository.ts';

/**
 * One file, end to end: read (streaming) → normalise → segment and format as COPY text (worker
 * threads for large files) → COPY into the staging table → if every record was good, merge in one
 * transaction. Any refused record, a problem of the file, or a crash leaves `patents` as it was.
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
  /** Worker threads for segmentation; 0 runs inline. Default: inline below 2,000 records, then 2 workers. */
  workers?: number;
  enterprises?: EnterpriseIndex;
  currentYear?: number;
  onProgress?: (p: ImportProgress) => Promise<void> | void;
  progressEveryMs?: number;
  /** Runs inside the merge transaction after the rows are in (the caller records the import's success atomically). */
  onMerged?: (tx: Db, result: repo.MergeResult) => Promise<void>;
  /** Test hooks: fail while staging or at a step of the merge. */
  hooks?: { afterRecords?: (n: number) => Promise<void> | void; merge?: (step: string) => Promise<void> };
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

export async function runImport(db: Db, options: RunImportOptions): Promise<ImportOutcome> {
  const started = Date.now();
  const { importId } = options;
  const enterprises = options.enterprises ?? (await repo.loadEnterpriseIndex(db));
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
    await options.onProgress({ bytesRead, recordsRead, errorCount, phase });
  };

  const writer = await repo.openStagingWriter(db);
  let preparer: Preparer = inlinePreparer();
  let pooled = false;
  const workerCount = options.workers;
  // Batches are prepared in parallel; their text is written in order of completion, one write at a time.
  let writeChain: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  let batch: StagedRecord[] = [];
  const dispatch = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    if (!pooled && (workerCount ?? 2) > 0 && (workerCount !== undefined || recordsRead > INLINE_UNTIL)) {
      pooled = true;
      preparer = workerPreparer(workerCount ?? 2);
    }
    const prepared = preparer.prepare(importId, items);
    writeChain = writeChain.then(async () => writer.write(await prepared));
    inFlight.push(writeChain);
    const limit = pooled ? (workerCount ?? 2) * 2 : 1;
    while (inFlight.length >= limit) await inFlight.shift();
  };

  const fail = async (fileError: { code: string; details: Record<string, unknown> } | null): Promise<ImportOutcome> => {
    await writer.abort().catch(() => {});
    await writeChain.catch(() => {});
    await preparer.close();
    await repo.deleteStaged(db, importId);
    return { ok: false, recordsRead, errorCount, issues, fileError };
  };

  try {
    for await (const record of readRecords(options.format, counted)) {
      recordsRead++;
      const result = normaliseRecord(record, {
        source: options.format,
        enterprises,
        ...(options.currentYear ? { currentYear: options.currentYear } : {}),
      });
      if (!result.ok) {
        errorCount++;
        for (const i of result.issues) {
          if (issues.length >= PATENT_IMPORT_MAX_ISSUES) break;
          issues.push({
            row: record.row,
            applicationNumber: result.applicationNumber,
            column: i.column,
            columnLabel: columnLabel(i.column),
            value: i.value,
            code: i.code,
            messageZh: i.zh,
            messageEn: i.en,
          });
        }
      } else if (errorCount === 0) {
        // Once a record is refused nothing will load: the rest is only checked, for the report.
        batch.push({ row: record.row, patent: result.patent });
        if (batch.length >= BATCH) await dispatch();
      }
      await options.hooks?.afterRecords?.(recordsRead);
      await progress('reading');
    }
    if (recordsRead === 0) throw new ImportFileError('PATENT_IMPORT_EMPTY');
    if (errorCount > 0) return await fail(null);
    await dispatch();
    await Promise.all(inFlight);
    await writeChain;
    await writer.end();
    await preparer.close();
  } catch (err) {
    if (err instanceof ImportFileError) {
      issues.unshift(fileIssue(err.code, err.details));
      errorCount = Math.max(errorCount, 1);
      return await fail({ code: err.code, details: err.details });
    }
    await fail(null).catch(() => {});
    throw err;
  }
  await progress('merging', true);
  const readMs = Date.now() - started;

  const duplicates = await repo.duplicateNumbers(db, importId, PATENT_IMPORT_MAX_ISSUES);
  if (duplicates.length > 0) {
    for (const d of duplicates) {
      for (const row of d.rows.slice(1)) {
        errorCount++;
        if (issues.length < PATENT_IMPORT_MAX_ISSUES) {
          issues.push({
            row,
            applicationNumber: d.applicationNumber,
            column: 'applicationNumber',
            columnLabel: columnLabel('applicationNumber'),
            value: d.applicationNumber,
            code: 'patent_import_duplicate',
            messageZh: `${validationMessages.patent_import_duplicate.zh}（第 ${d.rows.join('、')} 行）`,
            messageEn: `${validationMessages.patent_import_duplicate.en} (rows ${d.rows.join(', ')})`,
          });
        }
      }
    }
    await repo.deleteStaged(db, importId);
    return { ok: false, recordsRead, errorCount, issues, fileError: null };
  }

  const mergeStarted = Date.now();
  let merged: repo.MergeResult;
  try {
    merged = await db.transaction(async (tx) => {
      const result = await repo.mergeStaged(tx as unknown as Db, importId, {
        postgres: repo.isPostgres(db),
        ...(options.hooks?.merge ? { hook: options.hooks.merge } : {}),
      });
      await options.onMerged?.(tx as unknown as Db, result);
      return result;
    });
  } catch (err) {
    await repo.deleteStaged(db, importId).catch(() => {});
    throw err;
  }
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
