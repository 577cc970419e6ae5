/**
 * The preloaded catalogue: the base statistics towns report and the plan's indicators with their
 * targets (../shared/seed: "到2020年 … 全市专业镇经济总量在2014年基础上实现翻番，全社会研发经费占地区生产总值比重达2.8%，
 * 高新技术产品产值占规模以上工业产值比重达48%，百万人发明专利申请量1000件，万人发明专利拥有量9件 … 10个科技创新服务平台、
 * 10个科技园区和各类科技孵化载体，攻克30项 … 重大科技技术难题"). City admins edit both afterwards (history kept).
 *
 * Ranges are per town and year in the statistic's unit; a value outside is most often typed in the
 * wrong unit (元 instead of 万元), so it is refused with the range in the message.
 */

export type CatalogueStatistic = {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  maxValue: number;
  minValue?: number;
  yoyThresholdPct?: number;
  required?: boolean;
  /** 'platform': computed from the modules (platform-statistics.ts), never typed by a town. */
  source?: 'submitted' | 'platform';
};

export const CATALOGUE_STATISTICS: CatalogueStatistic[] = [
  { code: 'gdp', nameZh: '地区生产总值', nameEn: 'Gross domestic product', unit: '万元', maxValue: 50_000_000 },
  {
    code: 'industrial_output',
    nameZh: '规模以上工业总产值',
    nameEn: 'Output of industry above designated size',
    unit: '万元',
    maxValue: 50_000_000,
  },
  { code: 'hitech_output', nameZh: '高新技术产品产值', nameEn: 'Output of high-tech products', unit: '万元', maxValue: 50_000_000 },
  { code: 'rd_expenditure', nameZh: '全社会研发经费支出', nameEn: 'R&D expenditure', unit: '万元', maxValue: 5_000_000 },
  {
    code: 'population',
    nameZh: '常住人口',
    nameEn: 'Resident population',
    unit: '人',
    minValue: 1_000,
    maxValue: 3_000_000,
    yoyThresholdPct: 10,
  },
  {
    code: 'enterprises_above_scale',
    nameZh: '规模以上工业企业数',
    nameEn: 'Industrial enterprises above designated size',
    unit: '家',
    maxValue: 10_000,
  },
  { code: 'high_tech_enterprises', nameZh: '高新技术企业数', nameEn: 'High-tech enterprises', unit: '家', maxValue: 10_000 },
  { code: 'tech_smes', nameZh: '科技型中小企业数', nameEn: 'Tech-based SMEs', unit: '家', maxValue: 20_000 },
  {
    code: 'invention_applications',
    nameZh: '发明专利申请量',
    nameEn: 'Invention patent applications',
    unit: '件',
    maxValue: 100_000,
    yoyThresholdPct: 50,
  },
  { code: 'invention_patents_valid', nameZh: '有效发明专利拥有量', nameEn: 'Valid invention patents', unit: '件', maxValue: 200_000 },
  {
    code: 'service_platforms',
    nameZh: '科技创新服务平台数',
    nameEn: 'S&T innovation service platforms',
    unit: '个',
    maxValue: 500,
    yoyThresholdPct: 100,
    source: 'platform',
    required: false,
  },
  {
    code: 'parks_incubators',
    nameZh: '科技园区和孵化载体数',
    nameEn: 'Science parks and incubation carriers',
    unit: '个',
    maxValue: 500,
    yoyThresholdPct: 100,
  },
  {
    code: 'key_problems_solved',
    nameZh: '攻克重大科技难题数',
    nameEn: 'Key technology problems solved',
    unit: '项',
    maxValue: 1_000,
    yoyThresholdPct: 200,
    required: false,
  },
  {
    code: 'voucher_subsidies_settled',
    nameZh: '创新券补贴兑付金额',
    nameEn: 'Innovation-voucher subsidies settled',
    unit: '万元',
    maxValue: 1_000_000,
    source: 'platform',
    required: false,
  },
];

export type CatalogueIndicator = {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  formula: string;
  direction: 'higher' | 'lower';
  baseYear: number | null;
  inIndex: boolean;
  /** The city's targets by year. */
  targets: Record<number, number>;
};

export const PLAN_BASE_YEAR = 2014;
export const PLAN_TARGET_YEAR = 2020;

export const CATALOGUE_INDICATORS: CatalogueIndicator[] = [
  {
    code: 'town_output_multiple',
    nameZh: '专业镇经济总量（2014年=1）',
    nameEn: 'Economic output of the specialized towns (2014 = 1)',
    unit: '1',
    formula: 'gdp / gdp[2014]',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: false,
    targets: { [PLAN_TARGET_YEAR]: 2 },
  },
  {
    code: 'rd_intensity',
    nameZh: '全社会研发经费占地区生产总值比重',
    nameEn: 'R&D expenditure / GDP',
    unit: '%',
    formula: 'rd_expenditure / gdp',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: true,
    targets: { [PLAN_TARGET_YEAR]: 2.8 },
  },
  {
    code: 'hitech_output_share',
    nameZh: '高新技术产品产值占规模以上工业产值比重',
    nameEn: 'High-tech product output / industrial output above designated size',
    unit: '%',
    formula: 'hitech_output / industrial_output',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: true,
    targets: { [PLAN_TARGET_YEAR]: 48 },
  },
  {
    code: 'invention_applications_per_million',
    nameZh: '百万人发明专利申请量',
    nameEn: 'Invention patent applications per million people',
    unit: '件/百万人',
    formula: 'invention_applications / population',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: true,
    targets: { [PLAN_TARGET_YEAR]: 1000 },
  },
  {
    code: 'invention_patents_per_10k',
    nameZh: '万人发明专利拥有量',
    nameEn: 'Valid invention patents per 10,000 people',
    unit: '件/万人',
    formula: 'invention_patents_valid / population',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: true,
    targets: { [PLAN_TARGET_YEAR]: 9 },
  },
  {
    code: 'service_platforms',
    nameZh: '科技创新服务平台',
    nameEn: 'S&T innovation service platforms',
    unit: '个',
    formula: 'service_platforms',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: false,
    targets: { [PLAN_TARGET_YEAR]: 10 },
  },
  {
    code: 'parks_incubators',
    nameZh: '科技园区和科技孵化载体',
    nameEn: 'Science parks and incubation carriers',
    unit: '个',
    formula: 'parks_incubators',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: false,
    targets: { [PLAN_TARGET_YEAR]: 10 },
  },
  {
    code: 'key_problems_solved',
    nameZh: '攻克重大科技技术难题',
    nameEn: 'Key technology problems solved',
    unit: '项',
    formula: 'key_problems_solved',
    direction: 'higher',
    baseYear: PLAN_BASE_YEAR,
    inIndex: false,
    targets: { [PLAN_TARGET_YEAR]: 30 },
  },
];
