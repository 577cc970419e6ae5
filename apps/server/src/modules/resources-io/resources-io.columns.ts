import { feeUnits, labLevels, type ResourceKind, resourceSharings, transferModes, type weekdays } from '@innotown/contracts/resources';

/**
 * The spreadsheet columns of each resource kind: what the template offers and what an import reads.
 * A column's `key` is the create API's field (`specs.*` inside specs); cells are converted to the API's
 * types here and then checked by the very same zod schema as POST /api/v1/resources.
 */
export type Choice = { value: string; zh: string; en: string };
export type ColumnType =
  | { t: 'text' }
  | { t: 'list' }
  | { t: 'int'; min: number; max: number }
  | { t: 'yuan' }
  | { t: 'bool' }
  | { t: 'enum'; choices: readonly Choice[] }
  | { t: 'enumList'; choices: readonly Choice[] }
  | { t: 'hours' };

export type Column = {
  key: string;
  zh: string;
  en: string;
  required?: true;
  type: ColumnType;
  /** Help in the guide sheet and the header's note. */
  helpZh: string;
  helpEn: string;
  example: string;
  width?: number;
};

const SHARING: readonly Choice[] = [
  { value: 'open', zh: '完全开放', en: 'Open to all' },
  { value: 'members', zh: '注册用户', en: 'Members only' },
  { value: 'internal', zh: '内部使用', en: 'Internal' },
];
const FEE_UNITS: readonly Choice[] = [
  { value: 'hour', zh: '小时', en: 'Hour' },
  { value: 'sample', zh: '样', en: 'Sample' },
  { value: 'day', zh: '天', en: 'Day' },
];
const LAB_LEVELS: readonly Choice[] = [
  { value: 'national', zh: '国家级', en: 'National' },
  { value: 'provincial', zh: '省级', en: 'Provincial' },
  { value: 'city', zh: '市级', en: 'City' },
  { value: 'town', zh: '镇级', en: 'Town' },
];
const TRANSFER_MODES: readonly Choice[] = [
  { value: 'transfer', zh: '转让', en: 'Transfer' },
  { value: 'licence', zh: '许可', en: 'Licence' },
  { value: 'joint_development', zh: '合作开发', en: 'Joint development' },
];
// The choices list exactly the contract's values (checked at load, so the two never drift apart).
for (const [choices, values] of [
  [SHARING, resourceSharings],
  [FEE_UNITS, feeUnits],
  [LAB_LEVELS, labLevels],
  [TRANSFER_MODES, transferModes],
] as const) {
  if (choices.map((c) => c.value).join() !== values.join()) throw new Error(`import choices out of date: ${values.join()}`);
}

export const WEEKDAY_NAMES: Record<string, (typeof weekdays)[number]> = {
  mon: 'mon',
  tue: 'tue',
  wed: 'wed',
  thu: 'thu',
  fri: 'fri',
  sat: 'sat',
  sun: 'sun',
  周一: 'mon',
  周二: 'tue',
  周三: 'wed',
  周四: 'thu',
  周五: 'fri',
  周六: 'sat',
  周日: 'sun',
};

const LIST_HELP = { zh: '多个值用分号（;）或顿号（、）分隔', en: 'Separate several values with ; or 、' };

const name: Column = {
  key: 'name',
  zh: '名称',
  en: 'Name',
  required: true,
  type: { t: 'text' },
  helpZh: '资源名称，最多 120 字',
  helpEn: 'Name, at most 120 characters',
  example: '积分球光谱辐射计',
  width: 28,
};
const summary: Column = {
  key: 'summary',
  zh: '简介',
  en: 'Summary',
  type: { t: 'text' },
  helpZh: '用途与服务说明，最多 4000 字',
  helpEn: 'What it is good for, at most 4,000 characters',
  example: 'LED 光通量、色温、显色指数测量',
  width: 40,
};
const sharing: Column = {
  key: 'sharing',
  zh: '共享方式',
  en: 'Sharing',
  type: { t: 'enum', choices: SHARING },
  helpZh: '完全开放 / 注册用户 / 内部使用；留空为完全开放',
  helpEn: 'Open to all / members only / internal; blank means open',
  example: '完全开放',
};
const industries: Column = {
  key: 'industries',
  zh: '服务行业',
  en: 'Industries',
  type: { t: 'list' },
  helpZh: `服务的行业，${LIST_HELP.zh}`,
  helpEn: `Industries served. ${LIST_HELP.en}`,
  example: '灯饰照明;家电',
};
const accreditations: Column = {
  key: 'accreditations',
  zh: '资质认证',
  en: 'Accreditations',
  type: { t: 'list' },
  helpZh: `如 CMA、CNAS，${LIST_HELP.zh}`,
  helpEn: `E.g. CMA, CNAS. ${LIST_HELP.en}`,
  example: 'CMA;CNAS',
};
const fees: Column[] = [
  {
    key: 'feeUnit',
    zh: '收费单位',
    en: 'Fee unit',
    type: { t: 'enum', choices: FEE_UNITS },
    helpZh: '小时 / 样 / 天',
    helpEn: 'Hour / sample / day',
    example: '小时',
  },
  {
    key: 'feeMinFen',
    zh: '最低收费（元）',
    en: 'Minimum fee (yuan)',
    type: { t: 'yuan' },
    helpZh: '人民币元，最多两位小数',
    helpEn: 'In yuan, at most two decimals',
    example: '300',
  },
  {
    key: 'feeMaxFen',
    zh: '最高收费（元）',
    en: 'Maximum fee (yuan)',
    type: { t: 'yuan' },
    helpZh: '人民币元，不低于最低收费',
    helpEn: 'In yuan, not below the minimum fee',
    example: '500',
  },
];
const place: Column[] = [
  {
    key: 'location',
    zh: '地点',
    en: 'Location',
    type: { t: 'text' },
    helpZh: '存放或服务地点',
    helpEn: 'Where it is',
    example: '古镇镇同兴路 1 号检测大楼 3 楼',
    width: 30,
  },
  {
    key: 'openingHours',
    zh: '开放时间',
    en: 'Opening hours',
    type: { t: 'hours' },
    helpZh: '如 mon-fri 09:00-12:00,13:30-17:30; sat 09:00-12:00（也可写 周一-周五）；留空为不接受预约',
    helpEn: 'E.g. mon-fri 09:00-12:00,13:30-17:30; sat 09:00-12:00; blank: not bookable',
    example: 'mon-fri 09:00-12:00,13:30-17:30',
    width: 32,
  },
];
const contacts: Column[] = [
  { key: 'contactName', zh: '联系人', en: 'Contact', type: { t: 'text' }, helpZh: '联系人姓名', helpEn: 'Contact person', example: '陈工' },
  {
    key: 'contactPhone',
    zh: '联系电话',
    en: 'Contact phone',
    type: { t: 'text' },
    helpZh: '手机或固话，如 13800001234、0760-22334455',
    helpEn: 'Mobile or landline, e.g. 13800001234, 0760-22334455',
    example: '0760-22334455',
  },
  {
    key: 'contactEmail',
    zh: '联系邮箱',
    en: 'Contact e-mail',
    type: { t: 'text' },
    helpZh: '电子邮箱',
    helpEn: 'E-mail address',
    example: 'lab@example.com',
  },
];

const instrument: Column[] = [
  name,
  {
    key: 'model',
    zh: '型号',
    en: 'Model',
    type: { t: 'text' },
    helpZh: '规格型号',
    helpEn: 'Model number',
    example: 'HAAS-2000',
  },
  {
    key: 'manufacturer',
    zh: '生产厂家',
    en: 'Manufacturer',
    type: { t: 'text' },
    helpZh: '生产厂家',
    helpEn: 'Manufacturer',
    example: '杭州远方光电',
  },
  {
    key: 'category',
    zh: '仪器类别',
    en: 'Category',
    type: { t: 'text' },
    helpZh: '如 光学仪器、分析仪器',
    helpEn: 'E.g. optical, analytical',
    example: '光学仪器',
  },
  summary,
  sharing,
  industries,
  accreditations,
  ...fees,
  {
    key: 'originalValueFen',
    zh: '原值（元）',
    en: 'Original value (yuan)',
    type: { t: 'yuan' },
    helpZh: '购置原值，人民币元',
    helpEn: 'Purchase value in yuan',
    example: '1280000',
  },
  {
    key: 'purchaseYear',
    zh: '购置年份',
    en: 'Purchase year',
    type: { t: 'int', min: 1950, max: 2100 },
    helpZh: '四位年份',
    helpEn: 'Four-digit year',
    example: '2021',
  },
  {
    key: 'operatorRequired',
    zh: '需操作员',
    en: 'Operator required',
    type: { t: 'bool' },
    helpZh: '是 / 否；是：须由本单位人员操作',
    helpEn: 'Yes / no; yes: operated by the owner’s staff',
    example: '是',
  },
  ...place,
  {
    key: 'specs.parameters',
    zh: '技术参数',
    en: 'Technical parameters',
    type: { t: 'text' },
    helpZh: '测量范围、精度等，最多 2000 字',
    helpEn: 'Measuring range, accuracy, …',
    example: '波长范围 380–780 nm，光通量不确定度 ≤ 3%',
    width: 36,
  },
  {
    key: 'specs.sampleRequirements',
    zh: '样品要求',
    en: 'Sample requirements',
    type: { t: 'text' },
    helpZh: '送样要求',
    helpEn: 'What samples must be like',
    example: '灯具直径不超过 1.5 m',
  },
  ...contacts,
];

const lab: Column[] = [
  name,
  {
    key: 'specs.level',
    zh: '级别',
    en: 'Level',
    required: true,
    type: { t: 'enum', choices: LAB_LEVELS },
    helpZh: '国家级 / 省级 / 市级 / 镇级',
    helpEn: 'National / provincial / city / town',
    example: '省级',
  },
  {
    key: 'specs.domain',
    zh: '研究领域',
    en: 'Domain',
    required: true,
    type: { t: 'text' },
    helpZh: '最多 60 字',
    helpEn: 'At most 60 characters',
    example: '半导体照明',
  },
  {
    key: 'specs.services',
    zh: '服务项目',
    en: 'Services',
    type: { t: 'list' },
    helpZh: `提供的服务，${LIST_HELP.zh}`,
    helpEn: `Services offered. ${LIST_HELP.en}`,
    example: '光度测试;可靠性试验',
  },
  summary,
  sharing,
  industries,
  accreditations,
  ...fees,
  ...place,
  ...contacts,
];

const expert: Column[] = [
  name,
  {
    key: 'specs.fields',
    zh: '专业领域',
    en: 'Fields',
    required: true,
    type: { t: 'list' },
    helpZh: `至少一个，${LIST_HELP.zh}`,
    helpEn: `At least one. ${LIST_HELP.en}`,
    example: 'LED 光学;照明设计',
  },
  {
    key: 'specs.title',
    zh: '职称',
    en: 'Title',
    required: true,
    type: { t: 'text' },
    helpZh: '如 教授、高级工程师',
    helpEn: 'E.g. professor, senior engineer',
    example: '高级工程师',
  },
  {
    key: 'specs.organisation',
    zh: '工作单位',
    en: 'Organisation',
    required: true,
    type: { t: 'text' },
    helpZh: '最多 120 字',
    helpEn: 'At most 120 characters',
    example: '中山市生产力促进中心',
  },
  {
    key: 'specs.achievements',
    zh: '主要成就',
    en: 'Achievements',
    type: { t: 'text' },
    helpZh: '最多 2000 字',
    helpEn: 'At most 2,000 characters',
    example: '主持省级科技项目 3 项',
    width: 36,
  },
  summary,
  sharing,
  industries,
  ...fees,
  ...contacts,
];

const result: Column[] = [
  name,
  {
    key: 'specs.maturity',
    zh: '技术成熟度',
    en: 'Maturity (TRL)',
    required: true,
    type: { t: 'int', min: 1, max: 9 },
    helpZh: '1–9 的整数（技术就绪度 TRL）',
    helpEn: 'Whole number 1–9 (technology readiness level)',
    example: '6',
  },
  {
    key: 'specs.transferModes',
    zh: '转化方式',
    en: 'Transfer modes',
    required: true,
    type: { t: 'enumList', choices: TRANSFER_MODES },
    helpZh: `转让 / 许可 / 合作开发，${LIST_HELP.zh}`,
    helpEn: `Transfer / licence / joint development. ${LIST_HELP.en}`,
    example: '转让;许可',
  },
  {
    key: 'specs.priceMinFen',
    zh: '最低价格（元）',
    en: 'Minimum price (yuan)',
    type: { t: 'yuan' },
    helpZh: '人民币元',
    helpEn: 'In yuan',
    example: '200000',
  },
  {
    key: 'specs.priceMaxFen',
    zh: '最高价格（元）',
    en: 'Maximum price (yuan)',
    type: { t: 'yuan' },
    helpZh: '人民币元',
    helpEn: 'In yuan',
    example: '500000',
  },
  {
    key: 'specs.patentNumbers',
    zh: '专利号',
    en: 'Patent numbers',
    type: { t: 'list' },
    helpZh: LIST_HELP.zh,
    helpEn: LIST_HELP.en,
    example: 'ZL202110000001.2',
  },
  summary,
  sharing,
  industries,
  ...contacts,
];

export const COLUMNS: Record<ResourceKind, readonly Column[]> = { instrument, lab, expert, result };

/** The header cell of a column: 名称* (name); a trailing '*' marks a required column. */
export const headerOf = (c: Column) => `${c.zh}${c.required ? '*' : ''} (${c.key})`;
export const labelOf = (c: Column) => `${c.zh} / ${c.en}`;

/** Which column a header cell names: the key in brackets, or the Chinese or English name alone. */
export function columnOfHeader(kind: ResourceKind, header: string): Column | undefined {
  const text = header.replace(/\s+/g, ' ').trim();
  const key = /[(（]\s*([A-Za-z.]+)\s*[)）]\s*\*?$/.exec(text)?.[1];
  const bare = text
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/\*/g, '')
    .trim()
    .toLowerCase();
  return COLUMNS[kind].find(
    (c) =>
      (key !== undefined && c.key.toLowerCase() === key.toLowerCase()) ||
      (key === undefined && (c.zh === bare || c.en.toLowerCase() === bare || c.key.toLowerCase() === bare)),
  );
}
