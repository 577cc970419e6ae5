import { createHash } from 'node:crypto';
import { PATENT_IMPORT_MAX_BYTES, PATENT_IMPORT_MAX_ISSUES } from '@innotown/contracts/patent-import';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs.ts';
import { authorize } from '../../platform/policy.ts';
import { XLSX } from '../files/files.download.ts';
import { sanitizeFilename } from '../files/files.purposes.ts';
import { findFile, insertFile } from '../files/files.repository.ts';
import { sniffFileType } from '../files/files.service.ts';
import { REFRESH_JOB, refreshLandscapeSummary } from '../patent-landscape/patent-landscape.jobs.ts';
import { PatentImportErrors } from './patent-import.errors.ts';
import { type ImportOutcome, type RunImportOptions, runImport } from './patent-import.pipeline.ts';
import { type ByteSource, type ImportFormat, sniffFormat, textHeadDecodes } from './patent-import.readers.ts';
import * as repo from './patent-import.repository.ts';
import { readReportIssues, reportXlsx } from './patent-import.sheets.ts';

export const PATENT_IMPORT_JOB = 'patent-import.run';
const READ = { resource: 'patentImport', action: 'read' } as const;
const CONTENT_TYPES: Record<ImportFormat, string> = { csv: 'text/csv', xlsx: XLSX, xml: 'application/xml' };
const EXTENSIONS: Record<ImportFormat, readonly string[]> = { csv: ['csv', 'txt'], xlsx: ['xlsx'], xml: ['xml'] };

export type ImportFileInput = {
  filename: string;
  format?: ImportFormat;
  source: ByteSource;
  bytesTotal: number;
  createdBy?: string | null;
  fileId?: string | null;
  /** An existing queued row (web uploads); otherwise one is created. */
  importId?: string;
  /** Leave the landscape summary's refresh to its job (the benchmark times the load and the refresh apart). */
  deferLandscapeRefresh?: boolean;
} & Pick<RunImportOptions, 'workers' | 'currentYear' | 'hooks' | 'onProgress'>;

export type ImportFileResult = { importRow: repo.PatentImportRow; outcome: ImportOutcome };

/**
 * Imports one file and records it in `patent_imports` (progress while it runs, counts at the end; a
 * refused file gets a row-by-row xlsx report). Used by the CLI and by the upload job.
 */
export async function importFile(db: Db, input: ImportFileInput): Promise<ImportFileResult> {
  const format = input.format ?? 'csv';
  await repo.sweepStaging(db);
  let importId = input.importId;
  if (!importId) {
    const row = await repo.insertImport(db, {
      format,
      filename: sanitizeFilename(input.filename).slice(0, 255),
      fileId: input.fileId ?? null,
      status: 'running',
      bytesTotal: Math.min(input.bytesTotal, 2 ** 31 - 1),
      createdBy: input.createdBy ?? null,
      startedAt: new Date(),
    });
    importId = row.id;
  } else if (!(await repo.markRunning(db, importId))) {
    throw notFound();
  }
  const id = importId;
  const clampBytes = (n: number) => Math.min(n, 2 ** 31 - 1);
  let outcome: ImportOutcome;
  try {
    outcome = await runImport(db, {
      importId: id,
      format,
      source: input.source,
      ...(input.workers !== undefined ? { workers: input.workers } : {}),
      bytesTotal: input.bytesTotal,
      ...(input.currentYear ? { currentYear: input.currentYear } : {}),
      ...(input.hooks ? { hooks: input.hooks } : {}),
      onProgress: async (p, via) => {
        await repo.updateImport(via, id, { bytesRead: clampBytes(p.bytesRead), recordsRead: p.recordsRead, errorCount: p.errorCount });
        await input.onProgress?.(p, via);
      },
      onMerged: async (tx, merged) => {
        await repo.updateImport(tx, id, {
          status: 'succeeded',
          bytesRead: clampBytes(input.bytesTotal),
          inserted: merged.inserted,
          updated: merged.updated,
          errorCount: 0,
          finishedAt: new Date(),
        });
      },
    });
  } catch (err) {
    await repo
      .updateImport(db, id, {
        status: 'failed',
        errorMessage: JSON.stringify({
          code: 'INTERNAL',
          details: { reason: err instanceof Error ? err.message.slice(0, 500) : String(err) },
        }),
        finishedAt: new Date(),
      })
      .catch(() => {});
    throw err;
  }
  if (outcome.ok) {
    await repo.updateImport(db, id, { recordsRead: outcome.recordsRead });
    // A bulk load (indexes rebuilt) changed the table wholesale: fresh planner statistics now, not at autovacuum's
    // next round — the word search reads its common words from them (platform/search/common-lexemes.ts).
    if (outcome.rebuiltIndexes) await db.execute(sql`analyze patents`);
    // The landscape's pre-counted figures of the slices the load touched: refresh them now, not at the first visitor.
    if (input.deferLandscapeRefresh) await enqueue(db, REFRESH_JOB, {}, { singletonKey: `import:${id}`, maxAttempts: 2 });
    else await refreshLandscapeSummary(db);
  } else {
    const row = await repo.findImport(db, id);
    const report = await reportXlsx(
      { filename: row?.filename ?? input.filename, recordsRead: outcome.recordsRead, errorCount: outcome.errorCount },
      outcome.issues,
    );
    const file = await insertFile(db, {
      ownerUserId: input.createdBy ?? null,
      purpose: 'patent_import_report',
      filename: `专利导入报告-${(row?.filename ?? 'patents').replace(/\.[a-z]+$/i, '')}.xlsx`.slice(0, 200),
      contentType: XLSX,
      size: report.length,
      sha256: createHash('sha256').update(report).digest('hex'),
      content: report,
    });
    await repo.updateImport(db, id, {
      status: 'failed',
      recordsRead: outcome.recordsRead,
      errorCount: outcome.errorCount,
      reportFileId: file.id,
      errorMessage: outcome.fileError ? JSON.stringify(outcome.fileError) : null,
      finishedAt: new Date(),
    });
  }
  return { importRow: (await repo.findImport(db, id)) as repo.PatentImportRow, outcome };
}

// ---------------------------------------------------------------------------------------------- web

/**
 * An upload: checked by content (CSV text in UTF-8/GBK, an .xlsx ZIP that passes the archive check, or
 * XML) and size, stored, and queued as a job; the page polls the import row.
 */
export async function startUpload(
  db: Db,
  ctx: RequestContext,
  upload: { filename: string; buffer: Buffer },
): Promise<repo.PatentImportRow> {
  const { buffer } = upload;
  if (buffer.length > PATENT_IMPORT_MAX_BYTES)
    throw new AppError(PatentImportErrors.PATENT_IMPORT_TOO_LARGE, { details: { maxBytes: PATENT_IMPORT_MAX_BYTES } });
  if (buffer.length === 0) throw new AppError(PatentImportErrors.PATENT_IMPORT_EMPTY);
  const format = await detectFormat(buffer);
  const filename = sanitizeFilename(upload.filename) || `patents.${format}`;
  const ext = filename.includes('.') ? (filename.split('.').pop() as string).toLowerCase() : '';
  if (!format || !EXTENSIONS[format].includes(ext)) {
    throw new AppError(PatentImportErrors.PATENT_IMPORT_FILE_TYPE, { details: { detected: format, extension: ext } });
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  return db.transaction(async (tx) => {
    const file = await insertFile(tx, {
      ownerUserId: ctx.actor.userId,
      purpose: 'patent_import',
      filename,
      contentType: CONTENT_TYPES[format],
      size: buffer.length,
      sha256,
      content: buffer,
    });
    const row = await repo.insertImport(tx, {
      format,
      filename,
      fileId: file.id,
      status: 'queued',
      bytesTotal: buffer.length,
      createdBy: ctx.actor.userId,
    });
    await enqueue(tx, PATENT_IMPORT_JOB, { importId: row.id }, { maxAttempts: 2 });
    await recordAudit(tx, ctx, {
      action: 'patent_import.create',
      targetType: 'patent_import',
      targetId: row.id,
      result: 'success',
      statusCode: 202,
      changes: { filename, format, size: buffer.length, sha256 },
    });
    return row;
  });
}

/** The format by content; null when the bytes are none of CSV text, an xlsx workbook or XML. */
async function detectFormat(buffer: Buffer): Promise<ImportFormat | null> {
  const format = sniffFormat(buffer.subarray(0, 8192));
  if (format === 'xlsx') return (await sniffFileType(buffer, ['xlsx'], 500 * 1024 * 1024)) === 'xlsx' ? 'xlsx' : null;
  if ((format === 'csv' || format === 'xml') && !textHeadDecodes(buffer.subarray(0, 64 * 1024))) return null;
  return format;
}

/** The job behind an upload: reads the stored file and imports it. */
export async function runUploadJob(db: Db, importId: string, log: FastifyBaseLogger): Promise<unknown> {
  const row = await repo.findImport(db, importId);
  if (!row || row.status === 'succeeded' || row.status === 'failed') return { skipped: true };
  const file = row.fileId ? await findFile(db, row.fileId) : undefined;
  if (!file) {
    await repo.updateImport(db, importId, {
      status: 'failed',
      errorMessage: JSON.stringify({ code: 'PATENT_IMPORT_EMPTY', details: {} }),
      finishedAt: new Date(),
    });
    return { failed: 'file missing' };
  }
  const content = file.content;
  const CHUNK = 256 * 1024;
  const source = (async function* () {
    for (let i = 0; i < content.length; i += CHUNK) yield content.subarray(i, i + CHUNK);
  })();
  const { outcome } = await importFile(db, {
    filename: row.filename,
    format: row.format as ImportFormat,
    source,
    bytesTotal: content.length,
    createdBy: row.createdBy,
    fileId: row.fileId,
    importId,
  });
  log.info({ importId, ok: outcome.ok, records: outcome.recordsRead }, 'patent import finished');
  return { ok: outcome.ok, records: outcome.recordsRead };
}

export async function getImport(
  db: Db,
  ctx: RequestContext,
  id: string,
): Promise<{ row: repo.PatentImportRow; issues: Awaited<ReturnType<typeof readReportIssues>> }> {
  authorize(ctx.actor, READ);
  const row = await repo.findImport(db, id);
  if (!row) throw notFound();
  let issues: Awaited<ReturnType<typeof readReportIssues>> = [];
  if (row.status === 'failed' && row.reportFileId) {
    const file = await findFile(db, row.reportFileId);
    if (file) issues = await readReportIssues(file.content, 50);
  }
  return { row, issues };
}

export async function listImports(db: Db, ctx: RequestContext): Promise<repo.PatentImportRow[]> {
  authorize(ctx.actor, READ);
  return repo.listImports(db, 20);
}

export async function reportOf(db: Db, ctx: RequestContext, id: string) {
  authorize(ctx.actor, READ);
  const row = await repo.findImport(db, id);
  if (!row) throw notFound();
  if (!row.reportFileId) throw new AppError(PatentImportErrors.PATENT_IMPORT_NOT_FINISHED);
  const file = await findFile(db, row.reportFileId);
  if (!file) throw notFound();
  await recordAudit(db, ctx, { action: 'file.download', targetType: 'file', targetId: file.id, result: 'success', statusCode: 200 });
  return file;
}

export const MAX_REPORT_ISSUES = PATENT_IMPORT_MAX_ISSUES;
