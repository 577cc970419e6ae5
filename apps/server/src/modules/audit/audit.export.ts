import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AuditRow } from './audit.repository.ts';

const COLUMNS = [
  { header: '时间 (UTC) Time', key: 'occurredAt', width: 24 },
  { header: '用户 User', key: 'username', width: 16 },
  { header: '角色 Role', key: 'role', width: 12 },
  { header: '操作 Action', key: 'action', width: 26 },
  { header: '对象类型 Target type', key: 'targetType', width: 16 },
  { header: '对象 Target id', key: 'targetId', width: 38 },
  { header: '结果 Result', key: 'result', width: 10 },
  { header: '状态码 Status', key: 'statusCode', width: 8 },
  { header: 'IP', key: 'ip', width: 16 },
  { header: '请求 Request id', key: 'requestId', width: 38 },
  { header: '变更 Changes', key: 'changes', width: 60 },
] as const;

const rowOf = (a: AuditRow) => ({
  occurredAt: a.occurredAt.toISOString(),
  username: a.username ?? '',
  role: a.role ?? '',
  action: a.action,
  targetType: a.targetType ?? '',
  targetId: a.targetId ?? '',
  result: a.result,
  statusCode: a.statusCode ?? '',
  ip: a.ip ?? '',
  requestId: a.requestId ?? '',
  changes: a.changes ? JSON.stringify(a.changes) : '',
});

/** Streams an .xlsx workbook (committed row by row) so large exports stay flat in memory. */
export function xlsxStream(batches: AsyncIterable<AuditRow[]>): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('审计日志 Audit log');
  sheet.columns = COLUMNS.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const batch of batches) for (const a of batch) sheet.addRow(rowOf(a)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

const csvCell = (v: unknown) => {
  let s = String(v ?? '');
  // Neutralise spreadsheet formulas (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function* csvChunks(batches: AsyncIterable<AuditRow[]>): AsyncGenerator<string> {
  yield `\uFEFF${COLUMNS.map((c) => csvCell(c.header)).join(',')}\r\n`;
  for await (const batch of batches) {
    yield batch
      .map((a) => {
        const r = rowOf(a) as Record<string, unknown>;
        return `${COLUMNS.map((c) => csvCell(r[c.key])).join(',')}\r\n`;
      })
      .join('');
  }
}
