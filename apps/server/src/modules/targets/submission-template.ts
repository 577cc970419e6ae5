import type { SubmissionImportIssue, SubmissionImportReport } from '@innotown/contracts/submission-template';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { towns } from '../../db/schema/organisations.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/policy.ts';
import { sniffFileType } from '../files/files.service.ts';
import { checkSubmission, type StatisticRule, type SubmittedValue } from './submission-rules.ts';
import { saveDraft } from './submissions.service.ts';
import { TargetErrors } from './targets.errors.ts';
import * as repo from './targets.repository.ts';

/**
 * The Excel way to report a town's statistics: a template with one row per reported statistic (code,
 * name, unit, last year's approved value, the value, an explanation) and its upload. The upload is
 * checked row by row with the form's rules (submission-rules.ts) and saved as the draft in one go —
 * all rows or none; a refusal answers with every problem and its spreadsheet row.
 */

export const DATA_SHEET = '填报数据 Data';
const GUIDE_SHEET = '填写说明 Guide';
export const TEMPLATE_MAX_BYTES = 2 * 1024 * 1024;
const HEADERS = ['代码 code', '统计指标 statistic', '单位 unit', '上年值 previous year', '本期值 value', '变动说明 explanation'] as const;
const COL = { code: 1, name: 2, unit: 3, previous: 4, value: 5, explanation: 6 } as const;

type Issue = SubmissionImportIssue;

/** The town the caller works for: a town admin's own (naming another is 404), a city admin names one. */
export function townOf(ctx: RequestContext, requested: string | undefined, permission: 'read' | 'save'): string {
  const scope = authorize(ctx.actor, { resource: 'statisticSubmission', action: permission });
  if (scope === 'town') {
    if (requested && requested !== ctx.actor.townId) throw notFound();
    return ctx.actor.townId as string;
  }
  if (requested) return requested;
  throw new AppError(TargetErrors.TARGET_TOWN_REQUIRED);
}

async function rulesOf(db: Db): Promise<StatisticRule[]> {
  return (await repo.listStatistics(db)).map((s) => ({ ...s, source: s.source as StatisticRule['source'] }));
}

async function previousOf(db: Db, townId: string, year: number) {
  return new Map((await repo.approvedAnnualFigures(db, townId, [year - 1])).map((r) => [r.statisticCode, r.value]));
}

/** The version in the works, to prefill the template with what the town already typed. */
async function draftValuesOf(db: Db, periodId: string, townId: string) {
  const open = await repo.openSubmission(db, periodId, townId);
  return new Map(open ? (await repo.submissionValuesOf(db, open.id)).map((v) => [v.statisticCode, v]) : []);
}

export async function templateWorkbook(db: Db, ctx: RequestContext, periodId: string, requestedTown: string | undefined) {
  const townId = townOf(ctx, requestedTown, 'read');
  const period = await repo.findPeriod(db, periodId);
  const [town] = await db.select({ name: towns.name, code: towns.code }).from(towns).where(eq(towns.id, townId));
  if (!period || !town) throw notFound();
  const rules = (await rulesOf(db)).filter((r) => r.source === 'submitted');
  const previous = await previousOf(db, townId, period.year);
  const draft = await draftValuesOf(db, periodId, townId);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'InnoTown';
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 26 }, { width: 30 }, { width: 8 }, { width: 16 }, { width: 16 }, { width: 48 }];
  sheet.addRow([...HEADERS]).font = { bold: true };
  for (const r of rules) {
    const d = draft.get(r.code);
    const row = sheet.addRow([
      r.code,
      `${r.nameZh} ${r.nameEn}`,
      r.unit,
      previous.get(r.code) ?? null,
      d?.value ?? null,
      d?.explanation ?? null,
    ]);
    row.getCell(COL.value).numFmt = '#,##0.####';
    row.getCell(COL.previous).numFmt = '#,##0.####';
    row.getCell(COL.value).dataValidation = {
      type: 'decimal',
      operator: 'between',
      formulae: [r.minValue, r.maxValue],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '超出范围 Out of range',
      error: `${r.minValue}–${r.maxValue} ${r.unit}`,
    };
    // code, name, unit and last year are for reading: grey them so the columns to fill stand out
    for (const c of [COL.code, COL.name, COL.unit, COL.previous])
      row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  }
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [{ width: 110 }];
  for (const line of [
    `${town.name} · ${period.year}${period.quarter ? ` Q${period.quarter}` : ''} 年统计数据填报模板 / statistics template`,
    `截止日期 deadline: ${period.deadline}`,
    '只填写「本期值」和「变动说明」两列，不要修改代码列；数值按「单位」列的单位填写（如万元），留空表示暂不填报。',
    'Fill in only the "value" and "explanation" columns; keep the codes. Values are in the unit shown (e.g. 万元 = 10,000 yuan); leave blank what you do not report yet.',
    `同比变动超过阈值的指标须填写变动说明：${rules.map((r) => `${r.nameZh} ${r.yoyThresholdPct}%`).join('，')}`,
    'A change against last year beyond the threshold above needs an explanation.',
    '上传后逐行校验，全部通过才保存为草稿；有任何错误则不保存，并逐行列出问题。提交审核请在网页上操作。',
    'The upload checks every row and saves the draft only if all rows pass; otherwise nothing is saved and the problems are listed by row. Submit for review on the web page.',
  ])
    guide.addRow([line]).alignment = { wrapText: true };
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    filename: `statistics-${town.code}-${period.year}${period.quarter ? `q${period.quarter}` : ''}.xlsx`,
  };
}

// ---------------------------------------------------------------------------------------------
// Upload

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue);
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  return String(value).trim();
}

/** A number as people type it in a sheet: 1,234.5 or 1234.5 (a number cell is taken as it is). */
function parseNumber(text: string): number | null {
  const plain = text.replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return null;
  return Number(plain);
}

const issue = (row: number | null, code: string | null, column: string | null, value: string | null, zh: string, en: string): Issue => ({
  row,
  statisticCode: code,
  column,
  value,
  messageZh: zh,
  messageEn: en,
});

/** The template's rows → values by statistic code, or the problems of each row. */
export async function readTemplate(
  buffer: Buffer,
  rules: ReadonlyMap<string, StatisticRule>,
): Promise<{ values: Record<string, SubmittedValue>; rowOf: Map<string, number>; issues: Issue[]; rows: number }> {
  const issues: Issue[] = [];
  const values: Record<string, SubmittedValue> = {};
  const rowOf = new Map<string, number>();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
  const header = sheet ? [1, 2, 3, 4, 5, 6].map((c) => cellText(sheet.getRow(1).getCell(c).value)) : [];
  if (!sheet || header[COL.code - 1] !== HEADERS[0] || header[COL.value - 1] !== HEADERS[4] || header[COL.explanation - 1] !== HEADERS[5]) {
    issues.push(
      issue(
        1,
        null,
        null,
        null,
        '不是本平台的填报模板：请先下载模板再填写',
        'Not the statistics template: download the template and fill it in',
      ),
    );
    return { values, rowOf, issues, rows: 0 };
  }
  let rows = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const code = cellText(row.getCell(COL.code).value);
    const raw = row.getCell(COL.value).value;
    const text = cellText(raw);
    const explanation = cellText(row.getCell(COL.explanation).value);
    if (!code && !text && !explanation) return;
    rows++;
    const rule = rules.get(code);
    if (!rule) {
      issues.push(issue(number, code || null, 'code', code || null, `未知的统计指标代码「${code}」`, `Unknown statistic code "${code}"`));
      return;
    }
    if (rowOf.has(code)) {
      issues.push(
        issue(
          number,
          code,
          'code',
          code,
          `统计指标 ${code} 重复（见第 ${rowOf.get(code)} 行）`,
          `Statistic ${code} appears twice (see row ${rowOf.get(code)})`,
        ),
      );
      return;
    }
    rowOf.set(code, number);
    if (!text) {
      if (explanation)
        issues.push(
          issue(number, code, 'value', null, `${rule.nameZh}：有说明但未填写数值`, `${rule.nameEn}: an explanation without a value`),
        );
      return;
    }
    const value = typeof raw === 'number' ? raw : parseNumber(text);
    if (value === null || !Number.isFinite(value)) {
      issues.push(
        issue(number, code, 'value', text, `${rule.nameZh}须为数字（${rule.unit}）`, `${rule.nameEn} must be a number (${rule.unit})`),
      );
      return;
    }
    values[code] = { value, explanation: explanation || null };
  });
  return { values, rowOf, issues, rows };
}

const reject = (rows: number, issues: Issue[]) =>
  new AppError(TargetErrors.TARGET_IMPORT_REJECTED, { details: { report: { rows, issues } satisfies SubmissionImportReport } });

/**
 * Checks an uploaded template and saves it as the draft of the town's version in the works: every
 * row passes the form's rules, or nothing is saved and the report lists each problem by row.
 */
export async function importTemplate(
  db: Db,
  ctx: RequestContext,
  input: { periodId: string; townId?: string | undefined; buffer: Buffer },
): Promise<Awaited<ReturnType<typeof saveDraft>>> {
  const townId = townOf(ctx, input.townId, 'save');
  const period = await repo.findPeriod(db, input.periodId);
  if (!period) throw notFound();
  if (period.status !== 'open') throw new AppError(TargetErrors.TARGET_PERIOD_CLOSED);
  const fileIssue = (zh: string, en: string) => reject(0, [issue(null, null, null, null, zh, en)]);
  if (input.buffer.length > TEMPLATE_MAX_BYTES) throw fileIssue('文件过大（上限 2 MB）', 'The file is too large (2 MB at most)');
  let type: string | null = null;
  try {
    type = input.buffer.length ? await sniffFileType(input.buffer, ['xlsx'], 50 * TEMPLATE_MAX_BYTES) : null;
  } catch {
    type = null;
  }
  if (type !== 'xlsx') throw fileIssue('请上传 Excel（.xlsx）填报模板', 'Upload the Excel (.xlsx) template');
  const ruleList = await rulesOf(db);
  const rules = new Map(ruleList.map((r) => [r.code, r]));
  let read: Awaited<ReturnType<typeof readTemplate>>;
  try {
    read = await readTemplate(input.buffer, rules);
  } catch {
    throw fileIssue('无法读取该 Excel 文件', 'The Excel file cannot be read');
  }
  const issues = [...read.issues];
  // the form's own checks (ranges, units, platform figures, explanations), reported on the rows
  for (const e of checkSubmission(read.values, rules, await previousOf(db, townId, period.year), 'draft')) {
    const code = e.path.replace(/^values\./, '');
    const column = e.code === 'explanation_required' ? 'explanation' : 'value';
    issues.push(issue(read.rowOf.get(code) ?? null, code, column, String(read.values[code]?.value ?? ''), e.messageZh, e.messageEn));
  }
  if (read.rows === 0 && issues.length === 0)
    issues.push(issue(null, null, null, null, '模板中没有填写任何数值', 'The template holds no values'));
  if (issues.length)
    throw reject(
      read.rows,
      issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    );
  return saveDraft(db, ctx, {
    periodId: period.id,
    ...(ctx.actor.role === 'town_admin' ? {} : { townId }),
    values: Object.fromEntries(
      Object.entries(read.values).map(([code, v]) => [code, { value: v.value, ...(v.explanation ? { explanation: v.explanation } : {}) }]),
    ),
  });
}
