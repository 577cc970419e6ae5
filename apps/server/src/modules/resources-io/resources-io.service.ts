import {
  RESOURCE_EXPORT_MAX_ROWS,
  RESOURCE_IMPORT_MAX_BYTES,
  RESOURCE_IMPORT_MAX_ISSUES,
  RESOURCE_IMPORT_MAX_ROWS,
  type ResourceImportIssue,
  type ResourceImportReport,
  type ResourceImportResult,
} from '@innotown/contracts/resource-import';
import type { ResourceSearchQuery } from '@innotown/contracts/resource-search';
import { type ResourceCreate, type ResourceKind, resourceCreateSchema } from '@innotown/contracts/resources';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, errorDefinition, forbidden, notFound } from '../../platform/errors.ts';
import { fieldErrorsOf } from '../../platform/http/validation.ts';
import type { Actor } from '../../platform/policy.ts';
import { sniffFileType } from '../files/files.service.ts';
import { ResourceErrors } from '../resources/resources.errors.ts';
import type { ResourceInsert } from '../resources/resources.repository.ts';
import { commonWords, titleMatchOf, whereOf } from '../resources-search/resources-search.repository.ts';
import { matchOf } from '../resources-search/resources-search.service.ts';
import { COLUMNS, type Column, columnOfHeader, labelOf, WEEKDAY_NAMES } from './resources-io.columns.ts';
import { ResourceIoErrors } from './resources-io.errors.ts';
import * as repo from './resources-io.repository.ts';
import { decodeText, readCsv, readXlsx, type Table } from './resources-io.sheets.ts';

type Message = { zh: string; en: string };
const M = {
  required: { zh: '必填项不能为空', en: 'This column is required' },
  int: { zh: '应为整数', en: 'Must be a whole number' },
  yuan: { zh: '应为不小于 0 的金额（元），最多两位小数', en: 'Must be an amount in yuan ≥ 0 with at most two decimals' },
  bool: { zh: '应为“是”或“否”', en: 'Must be yes or no (是/否)' },
  hours: {
    zh: '开放时间格式不正确，例如 mon-fri 09:00-12:00,13:30-17:30; sat 09:00-12:00',
    en: 'Opening hours look like mon-fri 09:00-12:00,13:30-17:30; sat 09:00-12:00',
  },
  unknownColumn: { zh: '无法识别的列，请使用模板的表头', en: 'Unknown column; use the template’s header' },
  duplicateColumn: { zh: '该列出现了不止一次', en: 'This column appears more than once' },
  missingColumn: { zh: '缺少必填列', en: 'A required column is missing' },
  noHeader: { zh: '第 1 行应为表头，请使用下载的模板', en: 'Row 1 must be the header; use the downloaded template' },
  noRows: { zh: '文件中没有数据行', en: 'The file has no data rows' },
  tooManyRows: {
    zh: `数据行超过 ${RESOURCE_IMPORT_MAX_ROWS} 行，请分批导入`,
    en: `More than ${RESOURCE_IMPORT_MAX_ROWS} data rows; import in parts`,
  },
  unreadable: { zh: '文件无法读取（已损坏或不是 Excel 工作簿）', en: 'The file cannot be read (damaged, or not an Excel workbook)' },
  wrongType: {
    zh: '文件内容不是 Excel（.xlsx）或 CSV 文本（按文件内容判断，与扩展名无关）',
    en: 'The content is neither an Excel workbook (.xlsx) nor CSV text (judged by content, not by the file name)',
  },
  tooLarge: {
    zh: `文件超过 ${RESOURCE_IMPORT_MAX_BYTES / 1024 / 1024} MB`,
    en: `The file is larger than ${RESOURCE_IMPORT_MAX_BYTES / 1024 / 1024} MB`,
  },
  extraCells: { zh: '该行的单元格多于表头的列', en: 'This row has more cells than the header has columns' },
} satisfies Record<string, Message>;
const choiceMessage = (c: Column): Message => {
  const choices = c.type.t === 'enum' || c.type.t === 'enumList' ? c.type.choices : [];
  return {
    zh: `应为以下之一：${choices.map((o) => o.zh).join('、')}`,
    en: `Must be one of: ${choices.map((o) => o.en).join(', ')}`,
  };
};

// ---------------------------------------------------------------------------------------------
// Cells → API values

type Converted = { ok: true; value: unknown } | { ok: false; message: Message };
const LIST_SEPARATORS = /[;；、,，\n]/;

function choose(c: Column, raw: string): string | undefined {
  const choices = c.type.t === 'enum' || c.type.t === 'enumList' ? c.type.choices : [];
  const v = raw.trim().toLowerCase();
  return choices.find((o) => o.value === v || o.zh === raw.trim() || o.en.toLowerCase() === v)?.value;
}

/** "mon-fri 09:00-12:00,13:30-17:30; sat 09:00-12:00" → { mon: [[…], […]], …, sat: [[…]] }; null when malformed. */
export function parseOpeningHours(raw: string): Record<string, [string, string][]> | null {
  const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const hours: Record<string, [string, string][]> = {};
  for (const part of raw.split(/[;；\n]/).map((p) => p.trim())) {
    if (!part) continue;
    const m = /^(\S+?)\s*[-–~至到]\s*(\S+?)\s+(.+)$/.exec(part) ?? /^(\S+)()\s+(.+)$/.exec(part);
    if (!m) return null;
    const from = WEEKDAY_NAMES[(m[1] as string).toLowerCase()];
    const to = m[2] ? WEEKDAY_NAMES[(m[2] as string).toLowerCase()] : from;
    if (!from || !to) return null;
    const a = DAYS.indexOf(from);
    const b = DAYS.indexOf(to);
    if (b < a) return null;
    const intervals: [string, string][] = [];
    for (const span of (m[3] as string).split(/[,，\s]+/).filter(Boolean)) {
      const t = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})$/.exec(span);
      if (!t) return null;
      intervals.push([(t[1] as string).padStart(5, '0'), (t[2] as string).padStart(5, '0')]);
    }
    for (let d = a; d <= b; d++) hours[DAYS[d] as string] = [...(hours[DAYS[d] as string] ?? []), ...intervals];
  }
  return Object.keys(hours).length > 0 ? hours : null;
}

export function convertCell(c: Column, raw: string): Converted {
  const text = raw.trim();
  switch (c.type.t) {
    case 'text':
      return { ok: true, value: text };
    case 'list':
      return {
        ok: true,
        value: text
          .split(LIST_SEPARATORS)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'int':
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, message: M.int };
    case 'yuan': {
      const v = text.replace(/[,，\s元¥￥]/g, '');
      if (!/^\d{1,13}(\.\d{1,2})?$/.test(v)) return { ok: false, message: M.yuan };
      const [whole, frac = ''] = v.split('.');
      return { ok: true, value: Number(whole) * 100 + Number(frac.padEnd(2, '0')) };
    }
    case 'bool': {
      const v = text.toLowerCase();
      if (['是', 'y', 'yes', 'true', '1', '需要'].includes(v)) return { ok: true, value: true };
      if (['否', 'n', 'no', 'false', '0', '不需要'].includes(v)) return { ok: true, value: false };
      return { ok: false, message: M.bool };
    }
    case 'enum': {
      const v = choose(c, text);
      return v ? { ok: true, value: v } : { ok: false, message: choiceMessage(c) };
    }
    case 'enumList': {
      const values = text
        .split(LIST_SEPARATORS)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => choose(c, s));
      return values.every((v) => v !== undefined) ? { ok: true, value: [...new Set(values)] } : { ok: false, message: choiceMessage(c) };
    }
    case 'hours': {
      const v = parseOpeningHours(text);
      return v ? { ok: true, value: v } : { ok: false, message: M.hours };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The import

class Issues {
  readonly list: ResourceImportIssue[] = [];
  count = 0;
  add(row: number | null, column: Column | null, value: string | null, message: Message, columnLabel?: string) {
    this.count++;
    if (this.list.length >= RESOURCE_IMPORT_MAX_ISSUES) return;
    this.list.push({
      row,
      column: column?.key ?? null,
      columnLabel: column ? labelOf(column) : (columnLabel ?? null),
      value: value === null ? null : value.slice(0, 200),
      messageZh: message.zh,
      messageEn: message.en,
    });
  }
}

const reject = (code: string, kind: ResourceKind, rows: number, issues: Issues) => {
  const report: ResourceImportReport = { kind, rows, issueCount: issues.count, issues: issues.list };
  return new AppError(code, { details: { report } });
};

/** Reads the upload by its content: an xlsx workbook or CSV text, whatever the file is called. */
async function readTable(kind: ResourceKind, buffer: Buffer): Promise<Table> {
  const fileIssue = (code: string, message: Message) => {
    const issues = new Issues();
    issues.add(null, null, null, message);
    return reject(code, kind, 0, issues);
  };
  if (buffer.length > RESOURCE_IMPORT_MAX_BYTES) throw fileIssue(ResourceIoErrors.RESOURCE_IMPORT_TOO_LARGE, M.tooLarge);
  let type: string | null;
  try {
    type = buffer.length === 0 ? null : await sniffFileType(buffer, ['xlsx'], 50 * RESOURCE_IMPORT_MAX_BYTES);
  } catch {
    throw fileIssue(ResourceIoErrors.RESOURCE_IMPORT_REJECTED, M.unreadable);
  }
  if (type === 'xlsx') {
    try {
      return await readXlsx(buffer);
    } catch {
      throw fileIssue(ResourceIoErrors.RESOURCE_IMPORT_REJECTED, M.unreadable);
    }
  }
  const text = buffer.length > 0 ? decodeText(buffer) : null;
  if (text === null || text.trim() === '') throw fileIssue(ResourceIoErrors.RESOURCE_IMPORT_FILE_TYPE, M.wrongType);
  return readCsv(text);
}

/** Rows → create bodies, or the report of everything wrong (header, cells, the create schema's rules). */
export function validateTable(kind: ResourceKind, table: Table): { bodies: ResourceCreate[]; issues: Issues } {
  const issues = new Issues();
  const columns: (Column | null)[] = [];
  const seen = new Set<string>();
  table.header.forEach((h, i) => {
    if (h === '') {
      columns.push(null);
      return;
    }
    const c = columnOfHeader(kind, h) ?? null;
    if (!c) issues.add(1, null, h, M.unknownColumn, h);
    else if (seen.has(c.key)) issues.add(1, c, h, M.duplicateColumn);
    seen.add(c?.key ?? `#${i}`);
    columns.push(c);
  });
  if (columns.every((c) => c === null)) issues.add(1, null, null, M.noHeader);
  for (const c of COLUMNS[kind]) if (c.required && !seen.has(c.key)) issues.add(1, c, null, M.missingColumn);
  const rows = table.rows.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  if (issues.count > 0) return { bodies: [], issues };
  if (rows.length === 0) issues.add(null, null, null, M.noRows);
  if (rows.length > RESOURCE_IMPORT_MAX_ROWS) issues.add(null, null, null, M.tooManyRows);
  if (issues.count > 0) return { bodies: [], issues };

  const bodies: ResourceCreate[] = [];
  const feeRange = errorDefinition(ResourceErrors.RESOURCE_FEE_RANGE) as Message;
  for (const { row, cells } of rows) {
    const body: Record<string, unknown> = { kind };
    const specs: Record<string, unknown> = {};
    const flagged = new Set<string>();
    const rawOf = new Map<string, string>();
    if (cells.slice(columns.length).some((cell) => cell.trim() !== '')) issues.add(row, null, null, M.extraCells);
    columns.forEach((c, i) => {
      if (!c) return;
      const raw = cells[i] ?? '';
      rawOf.set(c.key, raw);
      if (raw.trim() === '') {
        if (c.required) {
          issues.add(row, c, raw, M.required);
          flagged.add(c.key);
        }
        return;
      }
      const converted = convertCell(c, raw);
      if (!converted.ok) {
        issues.add(row, c, raw, converted.message);
        flagged.add(c.key);
        return;
      }
      if (c.key.startsWith('specs.')) specs[c.key.slice(6)] = converted.value;
      else body[c.key] = converted.value;
    });
    body.specs = specs;
    const parsed = resourceCreateSchema.safeParse(body);
    if (!parsed.success) {
      for (const f of fieldErrorsOf(resourceCreateSchema, body, parsed.error.issues)) {
        const column = COLUMNS[kind].find((c) => f.path === c.key || f.path.startsWith(`${c.key}.`));
        if (column && flagged.has(column.key)) continue;
        if (column) flagged.add(column.key);
        issues.add(row, column ?? null, column ? (rawOf.get(column.key) ?? null) : null, { zh: f.messageZh, en: f.messageEn }, f.path);
      }
      continue;
    }
    const value = parsed.data;
    // The create API's service rule: the fee range must be a range.
    if (value.feeMinFen != null && value.feeMaxFen != null && value.feeMinFen > value.feeMaxFen) {
      const column = COLUMNS[kind].find((c) => c.key === 'feeMaxFen') ?? null;
      issues.add(row, column, rawOf.get('feeMaxFen') ?? null, feeRange);
      continue;
    }
    bodies.push(value);
  }
  return { bodies, issues };
}

/** Whose resources the import makes: a provider's own institution; a city admin names one. */
async function targetInstitution(db: Db, actor: Actor, requested: string | undefined) {
  if (actor.role === 'provider') {
    if (!actor.institutionId) throw forbidden();
    if (requested && requested !== actor.institutionId) throw notFound();
    const own = await repo.findInstitution(db, actor.institutionId);
    if (!own) throw forbidden();
    return own;
  }
  if (actor.role === 'city_admin') {
    if (!requested) throw new AppError(ResourceIoErrors.RESOURCE_IMPORT_INSTITUTION_REQUIRED);
    const inst = await repo.findInstitution(db, requested);
    if (!inst) throw notFound();
    return inst;
  }
  throw forbidden();
}

/**
 * Loads every row of the file as a draft of the institution, or none: all rows are checked first, and the
 * rows are written in one transaction, so a failure while writing (a constraint, a crash) also leaves nothing.
 */
export async function importResources(
  db: Db,
  ctx: RequestContext,
  input: { kind: ResourceKind; institutionId?: string | undefined; filename: string; buffer: Buffer },
): Promise<ResourceImportResult> {
  const institution = await targetInstitution(db, ctx.actor, input.institutionId);
  const table = await readTable(input.kind, input.buffer);
  const { bodies, issues } = validateTable(input.kind, table);
  if (issues.count > 0) throw reject(ResourceIoErrors.RESOURCE_IMPORT_REJECTED, input.kind, table.rows.length, issues);

  return db.transaction(async (tx) => {
    const values: ResourceInsert[] = bodies.map((b) => ({
      ...b,
      specs: b.specs ?? {},
      institutionId: institution.id,
      townId: institution.townId,
      reviewStatus: 'draft',
      createdBy: ctx.actor.userId,
    }));
    const ids = await repo.insertMany(tx, values);
    await recordAudit(tx, ctx, {
      action: 'resource.import',
      targetType: 'institution',
      targetId: institution.id,
      result: 'success',
      statusCode: 201,
      changes: { kind: input.kind, filename: input.filename, rows: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
    });
    return { kind: input.kind, institutionId: institution.id, imported: ids.length, ids };
  });
}

// ---------------------------------------------------------------------------------------------
// The export

/** The search's matches (same filters, same visibility) for a spreadsheet; more than the cap is refused. */
export async function exportResources(db: Db, actor: Actor, q: ResourceSearchQuery) {
  // The same words as the search matches (a common last word whole, not as a prefix).
  const { match } = matchOf(q.q, q.q ? await commonWords(db) : undefined);
  const where = whereOf(actor, q, match);
  const cond = sql`${where.visibility} and ${where.filters}${where.text ? sql` and ${where.text}` : sql``}`;
  // Counting stops at the cap + 1: a common word over a million rows is refused without being counted.
  const matches = await repo.countUpTo(db, cond, RESOURCE_EXPORT_MAX_ROWS + 1);
  if (matches > RESOURCE_EXPORT_MAX_ROWS) {
    throw new AppError(ResourceIoErrors.RESOURCE_EXPORT_TOO_LARGE, {
      details: { total: matches, totalIsEstimate: true, max: RESOURCE_EXPORT_MAX_ROWS },
    });
  }
  const sort = q.sort ?? (match.tsquery ? 'relevance' : 'newest');
  const newest = sql`r.published_at desc nulls last, r.created_at desc nulls last, r.id`;
  const title = titleMatchOf(match);
  // The search's order: title matches first, then the rest, newest first in each.
  const order =
    sort === 'relevance' && title ? sql`(${title}) desc, ${newest}` : sort === 'fee' ? sql`r.fee_min_fen asc nulls last, r.id` : newest;
  return repo.exportRows(db, cond, order, RESOURCE_EXPORT_MAX_ROWS);
}
