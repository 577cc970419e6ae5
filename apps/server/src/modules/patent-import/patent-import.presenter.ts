import type { PatentImportIssue, PatentImportView } from '@innotown/contracts/patent-import';
import { errorDefinition } from '../../platform/errors.ts';
import type { PatentImportRow } from './patent-import.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentImport(row: PatentImportRow, issues: PatentImportIssue[] = []): PatentImportView {
  let errorCode: string | null = null;
  if (row.errorMessage) {
    try {
      errorCode = (JSON.parse(row.errorMessage) as { code?: string }).code ?? null;
    } catch {
      errorCode = 'INTERNAL';
    }
  }
  const def = errorCode
    ? errorDefinition(errorCode)
    : row.status === 'failed' && row.errorCount > 0
      ? errorDefinition('PATENT_IMPORT_REJECTED')
      : undefined;
  const percent =
    row.status === 'succeeded' || row.status === 'failed'
      ? 100
      : row.bytesTotal > 0
        ? Math.min(99, Math.floor((row.bytesRead / row.bytesTotal) * 100))
        : 0;
  return {
    id: row.id,
    format: row.format as PatentImportView['format'],
    filename: row.filename,
    status: row.status as PatentImportView['status'],
    bytesTotal: row.bytesTotal,
    bytesRead: row.bytesRead,
    percent,
    recordsRead: row.recordsRead,
    inserted: row.inserted,
    updated: row.updated,
    errorCount: row.errorCount,
    issues,
    hasReport: row.reportFileId !== null,
    errorCode: errorCode ?? (row.status === 'failed' && row.errorCount > 0 ? 'PATENT_IMPORT_REJECTED' : null),
    errorMessageZh: def?.zh ?? (errorCode === 'INTERNAL' ? '导入时发生内部错误，未导入任何数据' : null),
    errorMessageEn: def?.en ?? (errorCode === 'INTERNAL' ? 'An internal error stopped the import; nothing was loaded' : null),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}
