import { z } from 'zod';

/**
 * Patent import (专利导入, issue 5): CSV / Excel with the column layout below (docs/patent-import.md) or
 * WIPO ST.36-family XML. A file loads completely or not at all; refused rows are listed in a report.
 */

/** Web uploads stop here (the CLI has no limit: it streams from disk). */
export const PATENT_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** The report keeps at most this many issues (the count says how many there were). */
export const PATENT_IMPORT_MAX_ISSUES = 5_000;

export const patentImportFormats = ['csv', 'xlsx', 'xml'] as const;
export type PatentImportFormat = (typeof patentImportFormats)[number];
export const patentImportStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;

export type PatentImportColumnKey =
  | 'applicationNumber'
  | 'jurisdiction'
  | 'kind'
  | 'title'
  | 'abstract'
  | 'claims'
  | 'applicationDate'
  | 'publicationNumber'
  | 'publicationDate'
  | 'grantNumber'
  | 'grantDate'
  | 'applicants'
  | 'applicantCreditCodes'
  | 'applicantAddress'
  | 'inventors'
  | 'owners'
  | 'ownerCreditCodes'
  | 'mainClass'
  | 'ipcCodes'
  | 'locarnoCodes'
  | 'legalStatus'
  | 'legalStatusDate'
  | 'events'
  | 'transferDates'
  | 'lapseDates'
  | 'licenceDates'
  | 'pledgeDates'
  | 'invalidationDates'
  | 'agency'
  | 'feesPaidUntil';

export type PatentImportColumn = {
  key: PatentImportColumnKey;
  /** The template's header. */
  zh: string;
  en: string;
  /** Other headers read as this column (CNIPA and commercial database exports). */
  aliases?: readonly string[];
  required?: true;
  list?: true;
  helpZh: string;
  helpEn: string;
  example: string;
};

const LIST_ZH = '多个值用分号（;）分隔';
const LIST_EN = 'separate several with ;';

/**
 * The column layout. Headers are matched without spaces, case, '*' and a trailing '(key)', so
 * `申请号`, `申请号*`, `Application number`, `applicationNumber` all name the first column.
 */
export const PATENT_IMPORT_COLUMNS: readonly PatentImportColumn[] = [
  {
    key: 'applicationNumber',
    zh: '申请号',
    en: 'Application number',
    aliases: ['专利申请号', 'application_number'],
    required: true,
    helpZh: '中国申请号须带校验位，如 202110123456.7 或 CN202110123456.7；外国申请号按原样保存',
    helpEn: 'Chinese numbers with their check character, e.g. 202110123456.7; foreign numbers are kept as given',
    example: '202223220665.2',
  },
  {
    key: 'jurisdiction',
    zh: '国家/地区',
    en: 'Jurisdiction',
    aliases: ['国别', '受理局', 'country'],
    helpZh: '两位国家代码，如 CN、US；中国申请号可留空',
    helpEn: 'Two-letter office code, e.g. CN, US; may be blank for Chinese numbers',
    example: 'CN',
  },
  {
    key: 'kind',
    zh: '专利类型',
    en: 'Kind',
    aliases: ['类型', '专利种类'],
    helpZh: '发明 / 实用新型 / 外观设计；中国申请号可留空（按号码第 5 位判断）',
    helpEn: 'invention / utility_model / design; may be blank for Chinese numbers (the kind digit says)',
    example: '实用新型',
  },
  {
    key: 'title',
    zh: '专利名称',
    en: 'Title',
    aliases: ['名称', '发明名称', '标题'],
    required: true,
    helpZh: '专利名称',
    helpEn: 'Title',
    example: '一种无人机机载多功能盒',
  },
  {
    key: 'abstract',
    zh: '摘要',
    en: 'Abstract',
    aliases: ['申请摘要', '摘要文本'],
    helpZh: '摘要',
    helpEn: 'Abstract',
    example: '本实用新型提出了一种无人机机载多功能盒……',
  },
  {
    key: 'claims',
    zh: '主权项',
    en: 'Claims',
    aliases: ['权利要求', '权利要求书'],
    helpZh: '主权项或权利要求书（可留空）',
    helpEn: 'Main claim or claims (optional)',
    example: '1.一种无人机机载多功能盒，其特征在于……',
  },
  {
    key: 'applicationDate',
    zh: '申请日',
    en: 'Application date',
    required: true,
    helpZh: '2021-07-15 或 20210715',
    helpEn: '2021-07-15 or 20210715',
    example: '2022-12-02',
  },
  {
    key: 'publicationNumber',
    zh: '公开号',
    en: 'Publication number',
    aliases: ['公开（公告）号', '公开公告号', '公布号'],
    helpZh: '如 CN218751475U；外国号码按原样保存',
    helpEn: 'E.g. CN218751475U; foreign numbers are kept as given',
    example: 'CN218751475U',
  },
  {
    key: 'publicationDate',
    zh: '公开日',
    en: 'Publication date',
    aliases: ['公开（公告）日', '公开公告日', '公布日'],
    helpZh: '不早于申请日',
    helpEn: 'Not before the application date',
    example: '2023-03-28',
  },
  {
    key: 'grantNumber',
    zh: '授权公告号',
    en: 'Grant number',
    aliases: ['授权号'],
    helpZh: '如 CN218751475U',
    helpEn: 'E.g. CN218751475U',
    example: 'CN218751475U',
  },
  {
    key: 'grantDate',
    zh: '授权公告日',
    en: 'Grant date',
    aliases: ['授权日'],
    helpZh: '不早于申请日；填写即视为已授权',
    helpEn: 'Not before the application date; a grant date means granted',
    example: '2023-03-28',
  },
  {
    key: 'applicants',
    zh: '申请人',
    en: 'Applicants',
    aliases: ['申请（专利权）人', '申请人名称'],
    required: true,
    list: true,
    helpZh: `至少一个，${LIST_ZH}；与本地企业名称完全一致时自动关联`,
    helpEn: `At least one, ${LIST_EN}; linked to a local enterprise of exactly that name`,
    example: '中山市古镇灯饰有限公司',
  },
  {
    key: 'applicantCreditCodes',
    zh: '申请人信用代码',
    en: 'Applicant credit codes',
    aliases: ['申请人统一社会信用代码'],
    list: true,
    helpZh: `统一社会信用代码，用于关联本地企业，${LIST_ZH}`,
    helpEn: `Unified social credit codes, to link local enterprises; ${LIST_EN}`,
    example: '',
  },
  {
    key: 'applicantAddress',
    zh: '申请人地址',
    en: 'Applicant address',
    helpZh: '第一申请人地址',
    helpEn: 'Address of the first applicant',
    example: '528400广东省中山市古镇镇',
  },
  {
    key: 'inventors',
    zh: '发明人',
    en: 'Inventors',
    aliases: ['发明（设计）人', '设计人'],
    list: true,
    helpZh: LIST_ZH,
    helpEn: LIST_EN,
    example: '刘迪;刘敏',
  },
  {
    key: 'owners',
    zh: '当前权利人',
    en: 'Current owners',
    aliases: ['专利权人', '权利人'],
    list: true,
    helpZh: `留空则与申请人相同，${LIST_ZH}`,
    helpEn: `Blank means the applicants; ${LIST_EN}`,
    example: '',
  },
  {
    key: 'ownerCreditCodes',
    zh: '权利人信用代码',
    en: 'Owner credit codes',
    aliases: ['权利人统一社会信用代码'],
    list: true,
    helpZh: `统一社会信用代码，用于关联本地企业，${LIST_ZH}`,
    helpEn: `Unified social credit codes, to link local enterprises; ${LIST_EN}`,
    example: '',
  },
  {
    key: 'mainClass',
    zh: '主分类号',
    en: 'Main class',
    aliases: ['主IPC', 'IPC主分类号'],
    helpZh: '留空取分类号的第一个',
    helpEn: 'Blank: the first of the classes',
    example: 'B64U20/80',
  },
  {
    key: 'ipcCodes',
    zh: '分类号',
    en: 'IPC codes',
    aliases: ['IPC分类号', 'IPC', 'ipc'],
    list: true,
    helpZh: `IPC 分类号，如 F21V29/70，${LIST_ZH}；外观设计填洛迦诺分类号`,
    helpEn: `IPC codes, e.g. F21V29/70, ${LIST_EN}; designs take Locarno classes`,
    example: 'B64U20/80;B64U101/30',
  },
  {
    key: 'locarnoCodes',
    zh: '洛迦诺分类号',
    en: 'Locarno classes',
    aliases: ['外观设计分类号', '洛迦诺分类'],
    list: true,
    helpZh: `外观设计的洛迦诺分类号，如 26-05，${LIST_ZH}`,
    helpEn: `Locarno classes of a design, e.g. 26-05, ${LIST_EN}`,
    example: '',
  },
  {
    key: 'legalStatus',
    zh: '法律状态',
    en: 'Legal status',
    aliases: ['当前法律状态'],
    helpZh: '审中 / 有权 / 失效（未缴年费）/ 期限届满 / 全部无效 / 驳回 / 撤回，也可用 CNIPA 的“有权-审定授权”等；留空按授权日判断',
    helpEn: 'pending / granted / lapsed / expired / invalidated / rejected / withdrawn; blank: granted when there is a grant date',
    example: '有权-审定授权',
  },
  {
    key: 'legalStatusDate',
    zh: '法律状态日',
    en: 'Legal status date',
    helpZh: '当前法律状态生效的日期',
    helpEn: 'When the current status took effect',
    example: '',
  },
  {
    key: 'events',
    zh: '法律事件',
    en: 'Legal events',
    helpZh: '每条“日期 事件 说明”，用分号分隔，如 2023-05-01 转让 中山市某公司; 2024-01-10 许可 某公司',
    helpEn: 'Each "date event note", separated by ;, e.g. 2023-05-01 transferred ACME Co',
    example: '',
  },
  { key: 'transferDates', zh: '转让日期', en: 'Transfer dates', list: true, helpZh: LIST_ZH, helpEn: LIST_EN, example: '' },
  { key: 'lapseDates', zh: '失效日期', en: 'Lapse dates', list: true, helpZh: LIST_ZH, helpEn: LIST_EN, example: '' },
  { key: 'licenceDates', zh: '许可日期', en: 'Licence dates', list: true, helpZh: LIST_ZH, helpEn: LIST_EN, example: '' },
  { key: 'pledgeDates', zh: '质押日期', en: 'Pledge dates', list: true, helpZh: LIST_ZH, helpEn: LIST_EN, example: '' },
  {
    key: 'invalidationDates',
    zh: '无效宣告日期',
    en: 'Invalidation dates',
    list: true,
    helpZh: LIST_ZH,
    helpEn: LIST_EN,
    example: '',
  },
  {
    key: 'agency',
    zh: '专利代理机构',
    en: 'Agency',
    aliases: ['代理机构'],
    helpZh: '代理机构名称',
    helpEn: 'Patent agency',
    example: '郑州明华专利代理事务所（普通合伙）',
  },
  {
    key: 'feesPaidUntil',
    zh: '年费缴至',
    en: 'Fees paid until',
    helpZh: '年费已缴纳至该日',
    helpEn: 'Annual fees paid through this date',
    example: '',
  },
];

/** A header cell as matched against the layout: no spaces, no '*', no '(key)' suffix, lower case. */
export function headerToken(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s*[(（][A-Za-z.]+[)）]\s*$/, '')
    .replace(/[\s*_-]/g, '')
    .toLowerCase();
}

const HEADER_INDEX: Map<string, PatentImportColumnKey> = (() => {
  const map = new Map<string, PatentImportColumnKey>();
  for (const c of PATENT_IMPORT_COLUMNS) {
    for (const name of [c.zh, c.en, c.key, ...(c.aliases ?? [])]) map.set(headerToken(name), c.key);
  }
  return map;
})();

/** The column a header names, or undefined (the column is ignored). */
export function columnOfHeader(header: string): PatentImportColumnKey | undefined {
  return HEADER_INDEX.get(headerToken(header));
}

export const patentImportIssueSchema = z.object({
  /** CSV/Excel: the spreadsheet row (header = 1); XML: the document's position (1-based); null: the whole file. */
  row: z.number().int().nullable(),
  /** The application number of the record, when it was read. */
  applicationNumber: z.string().nullable(),
  column: z.string().nullable(),
  columnLabel: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export type PatentImportIssue = z.infer<typeof patentImportIssueSchema>;

export const patentImportSchema = z.object({
  id: z.uuid(),
  format: z.enum(patentImportFormats),
  filename: z.string(),
  status: z.enum(patentImportStatuses),
  bytesTotal: z.number().int(),
  bytesRead: z.number().int(),
  /** 0–100, from bytes read. */
  percent: z.number().int(),
  recordsRead: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  errorCount: z.number().int(),
  /** The first issues (at most 50) for the page; the whole report is the xlsx download. */
  issues: z.array(patentImportIssueSchema),
  hasReport: z.boolean(),
  errorCode: z.string().nullable(),
  errorMessageZh: z.string().nullable(),
  errorMessageEn: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type PatentImportView = z.infer<typeof patentImportSchema>;

export const patentImportListSchema = z.object({ items: z.array(patentImportSchema) });
export const patentImportParamsSchema = z.object({ id: z.uuid() }).strict();
export const patentImportTemplateQuerySchema = z
  .object({ format: z.enum(['xlsx', 'csv']).default('xlsx').describe('xlsx (with a guide sheet) or csv (UTF-8 with BOM)') })
  .strict();
