/**
 * IPC ↔ national-industry concordance (IPC 与国民经济行业分类 GB/T 4754-2017 参照表), compiled for
 * the towns' industries. How it was compiled, what it leaves out and how to check it:
 * docs/patent-industry-concordance.md.
 *
 * Each industry lists the classification prefixes (the `class_prefixes` forms: `F21`, `F21V`, `H05B47/`,
 * and `LOC26` for a Locarno class of a design) whose patents belong to it, and prefixes excluded from
 * it. A patent belongs to an industry when one of its prefixes is included and none is excluded; a
 * patent can belong to several industries (an LED lamp with a heat-sink code is lighting; a lock with
 * an electronic circuit is locks and electronics) and is counted once in each.
 */
export type PatentIndustry = {
  /** GB/T 4754-2017 code: section letter + 2 (大类) or 3 (中类) digits. */
  code: string;
  nameZh: string;
  nameEn: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Towns whose industry this is (for the reader; the figures never use it). */
  towns: string;
};

export const PATENT_INDUSTRIES: readonly PatentIndustry[] = [
  {
    code: 'C387',
    nameZh: '照明器具制造',
    nameEn: 'Lighting equipment',
    include: ['F21', 'H05B33/', 'H05B35/', 'H05B41/', 'H05B44/', 'H05B45/', 'H05B47/', 'H01L33/', 'H10H', 'H01K', 'H01J61/', 'LOC26'],
    exclude: [],
    towns: '古镇、横栏、小榄',
  },
  {
    code: 'C335',
    nameZh: '建筑、安全用金属制品制造（锁具、五金配件）',
    nameEn: 'Building and security metalware (locks, fittings)',
    include: ['E05B', 'E05C', 'E05D', 'E05F', 'E06B', 'LOC08-07', 'LOC08-08'],
    exclude: [],
    towns: '小榄',
  },
  {
    code: 'C332',
    nameZh: '金属工具制造',
    nameEn: 'Metal tools',
    include: ['B25B', 'B25C', 'B25D', 'B25F', 'B25G', 'B25H', 'B26B', 'LOC08-01', 'LOC08-03', 'LOC08-05'],
    exclude: [],
    towns: '小榄',
  },
  {
    code: 'C385',
    nameZh: '家用电力器具制造',
    nameEn: 'Household electric appliances',
    include: [
      'A47J',
      'A47L',
      'F24C',
      'H05B6/',
      'H05B1/',
      'H05B3/',
      'F25D',
      'F25C',
      'F24F',
      'D06F',
      'A45D20/',
      'LOC07',
      'LOC31',
      'LOC23-04',
    ],
    exclude: ['F24C3/'],
    towns: '东凤、南头、小榄',
  },
  {
    code: 'C386',
    nameZh: '非电力家用器具制造（燃气具）',
    nameEn: 'Non-electric household appliances (gas)',
    include: ['F24C3/', 'F23D14/', 'F24H'],
    exclude: [],
    towns: '小榄、东凤',
  },
  {
    code: 'C246',
    nameZh: '游艺器材及娱乐用品制造',
    nameEn: 'Amusement and game machines',
    include: ['A63F', 'A63G', 'G07F17/', 'LOC21-01', 'LOC21-03'],
    exclude: [],
    towns: '港口',
  },
  {
    code: 'C21',
    nameZh: '家具制造业',
    nameEn: 'Furniture',
    include: ['A47B', 'A47C', 'A47D', 'LOC06'],
    exclude: [],
    towns: '大涌',
  },
  {
    code: 'C20',
    nameZh: '木材加工和木、竹、藤、棕、草制品业',
    nameEn: 'Wood processing and products',
    include: ['B27'],
    exclude: [],
    towns: '大涌',
  },
  {
    code: 'C18',
    nameZh: '纺织服装、服饰业',
    nameEn: 'Garments and apparel',
    include: ['A41', 'A42', 'LOC02'],
    exclude: [],
    towns: '沙溪、大涌',
  },
  {
    code: 'C17',
    nameZh: '纺织业',
    nameEn: 'Textiles',
    include: ['D01', 'D02', 'D03', 'D04', 'D06B', 'D06C', 'D06M', 'D06P', 'D06Q', 'LOC05'],
    exclude: [],
    towns: '沙溪、大涌',
  },
  {
    code: 'C39',
    nameZh: '计算机、通信和其他电子设备制造业',
    nameEn: 'Computers, communication and other electronics',
    include: ['G06F', 'G06K', 'H04', 'H05K', 'H01L', 'H10', 'H01R', 'H01Q', 'LOC14'],
    exclude: ['H01L33/', 'H10H'],
    towns: '中山港（火炬开发区）、小榄',
  },
  {
    code: 'C358',
    nameZh: '医疗仪器设备及器械制造',
    nameEn: 'Medical devices',
    include: ['A61B', 'A61F', 'A61G', 'A61H', 'A61M', 'A61N', 'LOC24'],
    exclude: [],
    towns: '中山港（火炬开发区）',
  },
  {
    code: 'C349',
    nameZh: '其他通用设备制造业（工业机器人等）',
    nameEn: 'Other general machinery (industrial robots)',
    include: ['B25J'],
    exclude: [],
    towns: '中山港（火炬开发区）、翠亨新区',
  },
  {
    code: 'C14',
    nameZh: '食品制造业',
    nameEn: 'Food manufacturing',
    include: ['A21D', 'A23', 'LOC01'],
    exclude: [],
    towns: '黄圃',
  },
  {
    code: 'C13',
    nameZh: '农副食品加工业',
    nameEn: 'Agri-food processing',
    include: ['A22B', 'A22C'],
    exclude: [],
    towns: '黄圃',
  },
  {
    code: 'A01',
    nameZh: '农业（花卉园艺）',
    nameEn: 'Agriculture (horticulture)',
    include: ['A01G', 'A01H'],
    exclude: [],
    towns: '横栏',
  },
];

export const patentIndustryCodes = PATENT_INDUSTRIES.map((i) => i.code) as [string, ...string[]];

export function patentIndustry(code: string): PatentIndustry | undefined {
  return PATENT_INDUSTRIES.find((i) => i.code === code);
}

/** The industries of a patent from its class prefixes (the same rule the SQL applies). */
export function industriesOf(classPrefixes: readonly string[]): string[] {
  const own = new Set(classPrefixes);
  return PATENT_INDUSTRIES.filter((i) => i.include.some((p) => own.has(p)) && !i.exclude.some((p) => own.has(p))).map((i) => i.code);
}
