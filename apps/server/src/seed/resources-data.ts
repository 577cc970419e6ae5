/**
 * Demo innovation resources (科技创新资源): ~300 instruments, labs, experts and technology results of
 * the seeded provider institutions, matched to their towns' industries (lighting in 古镇/横栏,
 * hardware and locks in 小榄, appliances in 东凤/南头, …). A fixed count and a fixed stream: the
 * catalogue is the same under every seed and scale. Pure: no clock, no Math.random.
 *
 * Provenance: equipment names, typical models, makers and price ranges follow public catalogues of
 * Chinese testing labs; every model number, value, fee, person and result here is invented. People's
 * phones and e-mails are fictional (the presenter masks them anyway).
 */
import type { ResourceKind, ResourceReviewStatus, ResourceSharing, transferModes } from '@innotown/contracts/resources';
import type { SeedInstitution } from './demo-data.ts';
import { mixSeed, Random } from './random.ts';

export type SeedOpeningHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>>;
export type SeedResource = {
  key: string;
  kind: ResourceKind;
  name: string;
  summary: string;
  institutionKey: string;
  sharing: ResourceSharing;
  reviewStatus: ResourceReviewStatus;
  reviewComment: string | null;
  /** ISO timestamp (fixed) of publication or of the review decision; null for drafts and submissions. */
  reviewedAt: string | null;
  industries: string[];
  accreditations: string[];
  feeUnit: 'hour' | 'sample' | 'day' | null;
  feeMinFen: number | null;
  feeMaxFen: number | null;
  originalValueFen: number | null;
  purchaseYear: number | null;
  model: string | null;
  manufacturer: string | null;
  category: string | null;
  location: string | null;
  operatorRequired: boolean;
  openingHours: SeedOpeningHours | null;
  specs: Record<string, unknown>;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
};
export type SeedResourceLink = { fromKey: string; toKey: string; relation: 'located_in' | 'leads' | 'uses' };
/** A booking of the demo enterprise account; times are fixed (Asia/Shanghai), never the clock. */
export type SeedBooking = {
  resourceKey: string;
  mode: 'operator_assisted';
  /** [start, end) as ISO timestamps with +08:00. */
  period: [string, string];
  purpose: string;
  sampleDetails: string;
  quotedFeeFen: number;
  status: 'requested' | 'confirmed' | 'rejected' | 'completed';
  /** For a completed booking: what the owner recorded and the enterprise confirmed. */
  usage?: { minutes: number; samples: number; feeFen: number; recordedAt: string; confirmedAt: string };
  decisionReason: string | null;
  /** Username of the provider who decided, if decided. */
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
};

/** Resources in the catalogue, whatever the scale. */
export const RESOURCE_COUNT = 300;
const KIND_COUNTS = { lab: 40, expert: 55, result: 35 } as const; // instruments: the rest
const RESOURCE_STREAM = 0x5e5_0c3;
/** The instrument of the search demo: first resource of the national lighting centre. */
export const DEMO_SPECTRO_KEY = 'national-lighting-test-centre-instrument-01';
/** Bookings are placed relative to this day (Asia/Shanghai), so that the seed stays deterministic. */
export const BOOKING_REFERENCE_DAY = '2026-12-01';

type Profile = 'lighting' | 'hardware' | 'appliance' | 'general' | 'food' | 'textile' | 'furniture' | 'amusement' | 'pharma';

/** Which institutions own resources, their industry profile and relative weight. */
const OWNERS: readonly (readonly [key: string, profile: Profile, weight: number])[] = [
  ['national-lighting-test-centre', 'lighting', 6],
  ['guzhen-productivity-centre', 'lighting', 2],
  ['henglan-productivity-centre', 'lighting', 1.5],
  ['xiaolan-hardware-testing', 'hardware', 4],
  ['xiaolan-hardware-platform', 'hardware', 2],
  ['xiaolan-productivity-centre', 'hardware', 1.5],
  ['dongfeng-appliance-platform', 'appliance', 3],
  ['nantou-appliance-platform', 'appliance', 3],
  ['dongfeng-productivity-centre', 'appliance', 1],
  ['nantou-productivity-centre', 'appliance', 1],
  ['zhongshan-quality-metrology-institute', 'general', 4],
  ['jingzhun-testing', 'general', 3],
  ['zhongshan-equipment-institute', 'general', 3],
  ['bit-zhongshan-institute', 'general', 3],
  ['cuiheng-zte-smart-city-institute', 'appliance', 1],
  ['zhongrui-tech', 'general', 1.5],
  ['zhongshan-productivity-centre', 'general', 1.5],
  ['uestc-zhongshan', 'general', 2.5],
  ['zhongshan-polytechnic', 'general', 1.5],
  ['gdpu-zhongshan', 'pharma', 2],
  ['health-medicine-platform', 'pharma', 2],
  ['huangpu-food-testing', 'food', 2],
  ['huangpu-productivity-centre', 'food', 0.5],
  ['shaxi-textile-testing', 'textile', 2],
  ['shaxi-productivity-centre', 'textile', 0.5],
  ['dayong-furniture-platform', 'furniture', 1.5],
  ['dayong-productivity-centre', 'furniture', 0.5],
  ['gangkou-amusement-platform', 'amusement', 1.5],
  ['gangkou-productivity-centre', 'amusement', 0.5],
];

const INDUSTRY: Record<Profile, string[]> = {
  lighting: ['灯饰照明'],
  hardware: ['五金制品', '锁具'],
  appliance: ['家用电器'],
  general: ['装备制造', '电子信息'],
  food: ['食品加工'],
  textile: ['纺织服装'],
  furniture: ['红木家具'],
  amusement: ['游戏游艺'],
  pharma: ['健康医药'],
};

type InstrumentTemplate = {
  name: string;
  category: string;
  makers: readonly (readonly [model: string, manufacturer: string])[];
  /** Original value in 万元. */
  value: readonly [number, number];
  unit: 'hour' | 'sample' | 'day';
  /** Fee in 元 per unit. */
  fee: readonly [number, number];
  parameters: string;
  samples: string;
  summary: string;
};

const T = (
  name: string,
  category: string,
  makers: InstrumentTemplate['makers'],
  value: readonly [number, number],
  unit: InstrumentTemplate['unit'],
  fee: readonly [number, number],
  summary: string,
  parameters: string,
  samples: string,
): InstrumentTemplate => ({ name, category, makers, value, unit, fee, summary, parameters, samples });

const LIGHTING = [
  T(
    '积分球光谱辐射计',
    '光学测量仪器',
    [
      ['LMS-9000A', '杭州远方光电信息股份有限公司'],
      ['HAAS-2000', '杭州远方光电信息股份有限公司'],
    ],
    [60, 180],
    'sample',
    [300, 800],
    'LED 光源与灯具的光通量、色温、显色指数、色容差和光谱功率分布测量，配 2 m 积分球。',
    '波长范围 380–780 nm；光通量测量不确定度 ≤ 3%；积分球直径 2 m',
    '整灯或光源，尺寸不超过 1.2 m，自带驱动电源',
  ),
  T(
    'LED 光色电综合测试系统',
    '光学测量仪器',
    [
      ['LED-300E', '杭州远方光电信息股份有限公司'],
      ['PMS-80', '杭州远方光电信息股份有限公司'],
    ],
    [30, 90],
    'sample',
    [200, 500],
    '一次测完 LED 灯具的光度、色度与电参数（功率、功率因数、谐波）。',
    '电参数精度 0.1 级；色坐标精度 ±0.0015',
    '灯具或模组，附额定电压说明',
  ),
  T(
    '分布式光度计（配光曲线测试仪）',
    '光学测量仪器',
    [
      ['GO-R5000', '杭州远方光电信息股份有限公司'],
      ['LSG-6000', 'LISUN 杭州'],
    ],
    [150, 420],
    'sample',
    [800, 2000],
    '灯具配光曲线、光强分布、光束角和灯具效率测试，输出 IES/LDT 文件。',
    '测量距离 ≥ 10 m；角度精度 ±0.05°；承重 50 kg',
    '灯具重量不超过 50 kg，提供安装支架',
  ),
  T(
    '灯具耐久性试验箱',
    '环境试验设备',
    [
      ['DNJ-1000', '广州五所环境仪器有限公司'],
      ['LT-800', '中山市精测环境设备有限公司'],
    ],
    [30, 80],
    'day',
    [300, 800],
    '按 GB 7000.1 进行灯具耐久性与热试验，持续通电老化并记录温升。',
    '温度范围 室温 +10 ℃ ～ 80 ℃；试验周期 168 h',
    '灯具 3 套以上，附结构说明',
  ),
  T(
    '眩光测试仪',
    '光学测量仪器',
    [
      ['UGR-2000', '杭州远方光电信息股份有限公司'],
      ['LMK-6', 'TechnoTeam'],
    ],
    [40, 150],
    'sample',
    [400, 1000],
    '基于成像亮度计的统一眩光值（UGR）与亮度分布测量，适用于室内照明和道路照明评价。',
    '亮度范围 0.01–10⁸ cd/m²；UGR 计算符合 CIE 117',
    '灯具或实景照明场景',
  ),
];

const HARDWARE = [
  T(
    '盐雾试验箱',
    '环境试验设备',
    [
      ['YWX-750', '广州五所环境仪器有限公司'],
      ['SST-120', '东莞市宏展仪器有限公司'],
    ],
    [30, 120],
    'sample',
    [300, 900],
    '五金件、锁具和电镀件的中性盐雾（NSS）、乙酸盐雾（AASS）试验与耐腐蚀等级评定。',
    '箱内温度 35 ℃ ± 1 ℃；盐雾沉降量 1–2 ml/80 cm²·h',
    '试样表面无油污，标明镀层种类',
  ),
  T(
    '锁具寿命试验机',
    '力学试验设备',
    [
      ['SJ-5000', '中山市精测环境设备有限公司'],
      ['LK-200', '东莞市宏展仪器有限公司'],
    ],
    [30, 90],
    'sample',
    [500, 1500],
    '机械锁、智能门锁的开闭寿命、钥匙插拔和把手扭矩耐久试验。',
    '循环次数 0–999 999 次；扭矩 0–50 N·m',
    '完整锁具 2 套，附安装门板',
  ),
  T(
    '硬度计',
    '力学试验设备',
    [
      ['HR-150A', '莱州华银试验仪器有限公司'],
      ['Wilson VH1150', '标乐（Buehler）'],
    ],
    [30, 60],
    'sample',
    [80, 200],
    '金属材料洛氏、维氏硬度测试，用于热处理和表面处理质量检验。',
    '洛氏 HRA/HRB/HRC；维氏载荷 0.01–50 kgf',
    '试样厚度不小于 1.5 mm，表面平整',
  ),
  T(
    '拉力试验机',
    '力学试验设备',
    [
      ['AG-X plus 100kN', '岛津（Shimadzu）'],
      ['5982', '英斯特朗（Instron）'],
    ],
    [50, 200],
    'sample',
    [150, 500],
    '金属与非金属材料的拉伸、压缩、弯曲和剥离试验，计算屈服强度与延伸率。',
    '最大载荷 100 kN；力值精度 ±0.5%',
    '标准试样或零件，附材料牌号',
  ),
];

const APPLIANCE = [
  T(
    'EMC 测试系统（电磁兼容）',
    '电磁兼容测试设备',
    [
      ['ESW44', '罗德与施瓦茨（Rohde & Schwarz）'],
      ['N9038B', '是德科技（Keysight）'],
    ],
    [300, 800],
    'hour',
    [800, 2000],
    '家电与灯具的传导骚扰、辐射骚扰、静电放电、浪涌等电磁兼容测试，配 3 m 法半电波暗室。',
    '频率范围 9 kHz–3 GHz；3 m 法半电波暗室',
    '样机 2 台，附电路图和使用说明',
  ),
  T(
    '安规综合测试仪',
    '电气安全测试设备',
    [
      ['CS9950ECS', '南京长盛仪器有限公司'],
      ['GPT-9904', '固纬电子'],
    ],
    [30, 60],
    'sample',
    [200, 600],
    '耐压、绝缘电阻、泄漏电流和接地电阻综合安全测试，满足 GB 4706 系列要求。',
    '耐压 AC 0–5 kV；绝缘电阻 1 MΩ–10 GΩ',
    '整机样品，附铭牌参数',
  ),
  T(
    '噪声测试系统',
    '声学测量仪器',
    [
      ['PULSE 3560', '必凯（HBK）'],
      ['AWA6228+', '杭州爱华仪器有限公司'],
    ],
    [40, 300],
    'hour',
    [300, 800],
    '小家电声功率级测试，配半消声室，分析风扇、电机和压缩机噪声。',
    '半消声室背景噪声 ≤ 18 dB(A)；频率 20 Hz–20 kHz',
    '整机样品，可正常运行',
  ),
  T(
    '高低温交变湿热试验箱',
    '环境试验设备',
    [
      ['GDJS-500', '广州五所环境仪器有限公司'],
      ['SH-661', '爱斯佩克（ESPEC）'],
    ],
    [30, 100],
    'day',
    [400, 1200],
    '整机及零部件的高温、低温、交变湿热可靠性试验。',
    '温度 -70 ℃ ～ +150 ℃；湿度 20%–98% RH',
    '样品尺寸不超过 0.8 m × 0.8 m × 0.8 m',
  ),
];

const GENERAL = [
  T(
    '三坐标测量机',
    '几何量测量仪器',
    [
      ['CONTURA 7/10/6', '卡尔·蔡司（ZEISS）'],
      ['Global S 9.15.8', '海克斯康（Hexagon）'],
    ],
    [80, 300],
    'hour',
    [300, 800],
    '精密零件和模具的尺寸、形位公差检测与逆向测绘。',
    '测量范围 700 × 1000 × 600 mm；MPE_E = 1.8 + L/300 μm',
    '零件清洁无毛刺，提供图纸',
  ),
  T(
    '工业 CT',
    '无损检测设备',
    [
      ['METROTOM 1500', '卡尔·蔡司（ZEISS）'],
      ['phoenix v|tome|x m', '贝克休斯（Waygate）'],
    ],
    [400, 800],
    'hour',
    [1000, 3000],
    '铸件、注塑件和电子组件的内部缺陷检测、壁厚分析与三维尺寸测量。',
    '最大电压 225 kV；体素尺寸最小 5 μm',
    '样品直径不超过 300 mm',
  ),
  T(
    '金属 3D 打印机',
    '增材制造设备',
    [
      ['EOS M 290', 'EOS GmbH'],
      ['BLT-S310', '西安铂力特增材技术股份有限公司'],
    ],
    [300, 700],
    'hour',
    [600, 1500],
    '不锈钢、铝合金和模具钢零件的激光选区熔化成形，用于原型件和随形冷却模具。',
    '成形尺寸 250 × 250 × 325 mm；层厚 20–60 μm',
    '提供 STL 模型与材料要求',
  ),
  T(
    '气相色谱-质谱联用仪',
    '化学分析仪器',
    [
      ['8890-5977B', '安捷伦（Agilent）'],
      ['GCMS-QP2020 NX', '岛津（Shimadzu）'],
    ],
    [60, 200],
    'sample',
    [300, 1200],
    '挥发性有机物、增塑剂、多环芳烃等有害物质的定性定量分析。',
    '质量范围 1.5–1050 u；EI 源灵敏度 1 pg OFN S/N ≥ 1500',
    '样品 5 g 以上，密封避光送样',
  ),
  T(
    '扫描电子显微镜',
    '显微分析仪器',
    [
      ['Sigma 300', '卡尔·蔡司（ZEISS）'],
      ['SU5000', '日立高新（Hitachi High-Tech）'],
    ],
    [200, 600],
    'hour',
    [500, 1200],
    '材料表面形貌观察、断口分析，配能谱仪（EDS）做微区成分分析。',
    '分辨率 1.2 nm @ 15 kV；放大倍数 10–1 000 000',
    '样品干燥、导电或可喷金，尺寸不超过 50 mm',
  ),
  T(
    'X 射线荧光光谱仪',
    '化学分析仪器',
    [
      ['EDX-7000', '岛津（Shimadzu）'],
      ['ZSX Primus IV', '理学（Rigaku）'],
    ],
    [40, 200],
    'sample',
    [150, 500],
    'RoHS 有害元素筛查与金属、镀层的元素成分分析。',
    '元素范围 Na–U；检出限 ppm 级',
    '固体或粉末样品，表面平整',
  ),
];

const FOOD = [
  T(
    '高效液相色谱仪',
    '化学分析仪器',
    [
      ['1260 Infinity II', '安捷伦（Agilent）'],
      ['LC-20AD', '岛津（Shimadzu）'],
    ],
    [30, 80],
    'sample',
    [200, 600],
    '食品添加剂、防腐剂和甜味剂的定量检测。',
    '流速 0.001–10 ml/min；配 DAD 检测器',
    '样品 200 g，冷藏送样',
  ),
  T(
    '原子吸收分光光度计',
    '化学分析仪器',
    [
      ['AA-7000', '岛津（Shimadzu）'],
      ['PinAAcle 900T', '珀金埃尔默（PerkinElmer）'],
    ],
    [30, 70],
    'sample',
    [150, 400],
    '食品中铅、镉、铜等重金属元素检测。',
    '火焰与石墨炉双原子化器',
    '样品 100 g',
  ),
];

const TEXTILE = [
  T(
    '织物强力试验机',
    '力学试验设备',
    [
      ['YG026H', '温州方圆仪器有限公司'],
      ['TH-8203S', '苏州拓博机械设备有限公司'],
    ],
    [30, 50],
    'sample',
    [100, 300],
    '服装面料断裂强力、撕破强力和接缝滑移测试。',
    '量程 5000 N；精度 ±1%',
    '面料 1 m 以上',
  ),
  T(
    '耐日晒色牢度仪',
    '纺织检测仪器',
    [
      ['Xenotest 220+', '阿特拉斯（Atlas）'],
      ['Q-SUN Xe-3', 'Q-Lab'],
    ],
    [50, 120],
    'sample',
    [200, 500],
    '纺织品耐光色牢度和耐气候色牢度试验（氙弧灯）。',
    '氙灯功率 2200 W；辐照度可控',
    '面料小样 3 块',
  ),
];

const FURNITURE = [
  T(
    '甲醛释放量气候箱',
    '环境试验设备',
    [
      ['QHX-1000', '东莞市宏展仪器有限公司'],
      ['FCC-1m³', '广州五所环境仪器有限公司'],
    ],
    [30, 80],
    'sample',
    [600, 1500],
    '人造板与家具甲醛、TVOC 释放量的 1 m³ 气候箱法测定。',
    '温度 23 ℃ ± 0.5 ℃；湿度 50% ± 3% RH',
    '板材试件或家具部件，密封包装',
  ),
  T(
    '家具力学性能试验机',
    '力学试验设备',
    [
      ['JJ-6000', '东莞市宏展仪器有限公司'],
      ['FT-300', '中山市精测环境设备有限公司'],
    ],
    [30, 60],
    'sample',
    [400, 1000],
    '桌椅柜类家具的静载荷、耐久性和稳定性试验。',
    '加载 0–5000 N；循环 0–100 000 次',
    '完整家具样品',
  ),
];

const PHARMA = [
  T(
    '液相色谱-质谱联用仪',
    '化学分析仪器',
    [
      ['6470B', '安捷伦（Agilent）'],
      ['LCMS-8060NX', '岛津（Shimadzu）'],
    ],
    [200, 500],
    'sample',
    [500, 1500],
    '药物杂质、代谢物和保健食品功效成分的定性定量分析。',
    '三重四极杆；质量范围 5–2000 m/z',
    '样品 1 g 以上，附成分信息',
  ),
];

const CATALOGUE: Record<Profile, InstrumentTemplate[]> = {
  lighting: [...LIGHTING, ...APPLIANCE.slice(0, 2)],
  hardware: [...HARDWARE, GENERAL[5] as InstrumentTemplate, GENERAL[0] as InstrumentTemplate],
  appliance: [...APPLIANCE, HARDWARE[0] as InstrumentTemplate],
  general: GENERAL,
  food: [...FOOD, GENERAL[3] as InstrumentTemplate],
  textile: [...TEXTILE, GENERAL[3] as InstrumentTemplate],
  furniture: [...FURNITURE, GENERAL[3] as InstrumentTemplate],
  amusement: [APPLIANCE[0] as InstrumentTemplate, APPLIANCE[1] as InstrumentTemplate, APPLIANCE[3] as InstrumentTemplate],
  pharma: [...PHARMA, GENERAL[3] as InstrumentTemplate, GENERAL[4] as InstrumentTemplate],
};

const LABS: Record<Profile, readonly (readonly [name: string, domain: string, services: string[]])[]> = {
  lighting: [
    ['光度色度实验室', '灯具光度与色度', ['光通量测量', '配光曲线测试', '色温与显色指数']],
    ['灯具安全与电磁兼容实验室', '灯具安全与 EMC', ['GB 7000 安全测试', '电磁兼容测试', 'CCC 型式试验']],
    ['灯具可靠性实验室', '灯具寿命与可靠性', ['耐久性试验', 'LED 光衰寿命', '环境可靠性']],
  ],
  hardware: [
    ['五金材料性能实验室', '金属材料力学与腐蚀', ['拉伸试验', '硬度测试', '盐雾试验']],
    ['锁具检测实验室', '锁具安全与寿命', ['锁具寿命试验', '防技术开启评价', '智能锁电气安全']],
  ],
  appliance: [
    ['电磁兼容实验室', '家电电磁兼容', ['传导骚扰', '辐射骚扰', '抗扰度试验']],
    ['家电安全与性能实验室', '家电安全与性能', ['GB 4706 安规测试', '噪声测试', '能效测试']],
  ],
  general: [
    ['精密测量实验室', '几何量与精密测量', ['三坐标测量', '逆向测绘', '量具校准']],
    ['材料分析测试中心', '材料成分与微观结构', ['成分分析', '显微分析', '失效分析']],
    ['增材制造创新实验室', '增材制造与模具', ['金属 3D 打印', '随形冷却模具', '工艺验证']],
  ],
  food: [['食品安全检测实验室', '食品理化与安全', ['添加剂检测', '重金属检测', '农残检测']]],
  textile: [['纺织品检测实验室', '纺织品性能与安全', ['色牢度', '强力测试', '有害物质检测']]],
  furniture: [['家具质量检测实验室', '家具环保与力学', ['甲醛释放量', '力学性能', '有害物质']]],
  amusement: [['游戏游艺设备检测实验室', '游艺设备安全与 EMC', ['电气安全', '电磁兼容', '环境试验']]],
  pharma: [['药物分析实验室', '药物分析与质量控制', ['杂质分析', '含量测定', '方法学验证']]],
};

const FIELDS: Record<Profile, string[]> = {
  lighting: ['LED 光学设计', '照明电子', '光度色度测量', '智能照明控制', '灯具结构与散热'],
  hardware: ['金属材料', '表面处理', '锁具设计', '精密冲压', '模具设计'],
  appliance: ['电磁兼容', '电机驱动', '家电安全', '嵌入式控制', '声学与降噪'],
  general: ['精密测量', '智能制造', '增材制造', '材料分析', '工业软件', '机器视觉'],
  food: ['食品安全', '食品工艺', '分析化学'],
  textile: ['纺织材料', '染整工艺', '服装设计'],
  furniture: ['木材科学', '家具设计', '环保涂装'],
  amusement: ['嵌入式系统', '游艺设备安全', '交互设计'],
  pharma: ['药物分析', '中药制剂', '生物医药'],
};

const RESULTS: Record<Profile, string[]> = {
  lighting: [
    '高光效 LED 灯具二次配光透镜设计技术',
    '无频闪 LED 恒流驱动电源方案',
    '基于蓝牙 Mesh 的智能照明控制系统',
    '大功率 LED 灯具相变散热结构',
    '全光谱健康照明光源配方',
  ],
  hardware: ['智能门锁防技术开启锁芯结构', '五金件无氰电镀替代工艺', '不锈钢精密冲压模具快速换模技术', '燃气具熄火保护装置'],
  appliance: ['小家电无刷直流电机无感驱动方案', '家电整机 EMC 低成本整改方法', '破壁机降噪结构设计', '电饭煲 IH 加热控制算法'],
  general: ['注塑模具随形冷却水路设计方法', '工业视觉表面缺陷检测系统', '三坐标测量自动编程软件', '铝合金压铸件缺陷 CT 评价方法'],
  food: ['传统腊味低亚硝工艺', '食品中非法添加物快速筛查方法'],
  textile: ['牛仔面料低水耗染整工艺', '功能性速干面料后整理技术'],
  furniture: ['红木家具低 VOC 水性涂装工艺', '榫卯结构数字化设计方法'],
  amusement: ['游艺机体感交互控制模块', '游艺设备电气安全快速评估方法'],
  pharma: ['中药配方颗粒指纹图谱质控方法', '保健食品功效成分快速检测方法'],
};

const SURNAMES = ['陈', '李', '黄', '张', '梁', '刘', '吴', '何', '林', '周', '郑', '谢', '罗', '冯', '邓', '苏', '杨', '叶', '潘', '徐'];
const GIVEN = [
  '建华',
  '志强',
  '晓东',
  '丽娟',
  '国平',
  '文杰',
  '雪梅',
  '海涛',
  '振宇',
  '婉婷',
  '永康',
  '嘉豪',
  '慧敏',
  '子航',
  '秋云',
  '伟明',
];
const SURNAME_PINYIN: Record<string, string> = {
  陈: 'chen',
  李: 'li',
  黄: 'huang',
  张: 'zhang',
  梁: 'liang',
  刘: 'liu',
  吴: 'wu',
  何: 'he',
  林: 'lin',
  周: 'zhou',
  郑: 'zheng',
  谢: 'xie',
  罗: 'luo',
  冯: 'feng',
  邓: 'deng',
  苏: 'su',
  杨: 'yang',
  叶: 'ye',
  潘: 'pan',
  徐: 'xu',
};
const TITLES_ACADEMIC = ['教授', '副教授', '研究员', '副研究员'];
const TITLES_ENGINEER = ['高级工程师', '正高级工程师', '高级工程师', '高级实验师'];
const ROOMS = ['检测大楼', '实验楼', '综合楼', '研发中心'];

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
function openingHours(rng: Random): SeedOpeningHours {
  const day: [string, string][] = rng.chance(0.5)
    ? [
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ]
    : [['09:00', '17:30']];
  const hours: SeedOpeningHours = {};
  for (const d of WEEKDAYS) hours[d] = day.map(([a, b]) => [a, b]);
  if (rng.chance(0.25)) hours.sat = [['09:00', '12:00']];
  return hours;
}

/** Largest-remainder split of `total` by weights. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

const wan = (n: number) => Math.round(n) * 10_000 * 100;
const yuan = (n: number) => Math.round(n) * 100;

function reviewState(rng: Random, forcePublic: boolean) {
  if (forcePublic) return { reviewStatus: 'published' as const, sharing: 'open' as const };
  const reviewStatus = rng.weighted<ResourceReviewStatus>([
    ['published', 84],
    ['submitted', 6],
    ['draft', 6],
    ['rejected', 4],
  ]);
  const sharing = rng.weighted<ResourceSharing>([
    ['open', 80],
    ['members', 15],
    ['internal', 5],
  ]);
  return { reviewStatus, sharing };
}

function reviewDate(rng: Random): string {
  const month = rng.int(1, 10);
  const day = rng.int(1, 28);
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+08:00`;
}

const REJECT_COMMENTS = [
  '收费标准缺少依据，请补充物价或内部定价文件。',
  '设备照片与型号不符，请重新上传。',
  '简介过于简略，请补充技术参数。',
];

export function generateResources(
  institutions: readonly SeedInstitution[],
  townNames: ReadonlyMap<string, string>,
): { resources: SeedResource[]; resourceLinks: SeedResourceLink[]; bookings: SeedBooking[] } {
  const byKey = new Map(institutions.map((i) => [i.key, i]));
  const owners = OWNERS.filter(([key]) => byKey.has(key));
  const weights = owners.map(([, , w]) => w);
  const labCounts = split(KIND_COUNTS.lab - owners.length, weights).map((n) => n + 1); // every owner has a lab
  const expertCounts = split(KIND_COUNTS.expert, weights);
  const resultCounts = split(KIND_COUNTS.result, weights);
  const instrumentTotal = RESOURCE_COUNT - KIND_COUNTS.lab - KIND_COUNTS.expert - KIND_COUNTS.result;
  const instrumentCounts = split(instrumentTotal, weights);

  const resources: SeedResource[] = [];
  const resourceLinks: SeedResourceLink[] = [];

  owners.forEach(([instKey, profile, _w], ownerIndex) => {
    const inst = byKey.get(instKey) as SeedInstitution;
    const rng = new Random(mixSeed(RESOURCE_STREAM, ownerIndex + 1));
    const town = townNames.get(inst.townCode) ?? '';
    const isTestingLab = inst.type === 'testing_lab';
    const academic = inst.type === 'university' || inst.type === 'research_institute';
    const industries = INDUSTRY[profile];
    const base = {
      institutionKey: instKey,
      industries: [...industries],
      reviewComment: null as string | null,
    };
    const withReview = (forcePublic: boolean) => {
      const state = reviewState(rng, forcePublic);
      const reviewedAt = state.reviewStatus === 'published' || state.reviewStatus === 'rejected' ? reviewDate(rng) : null;
      const reviewComment = state.reviewStatus === 'rejected' ? rng.pick(REJECT_COMMENTS) : null;
      return { ...state, reviewedAt, reviewComment };
    };
    const contact = () => {
      const surname = rng.pick(SURNAMES);
      const name = surname + rng.pick(GIVEN);
      const n = rng.int(1000, 9999);
      return {
        contactName: name,
        contactPhone: `13${rng.int(5, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        contactEmail: `${SURNAME_PINYIN[surname] ?? 'contact'}${n}@${instKey}.example`,
      };
    };

    // Labs
    const labTemplates = LABS[profile];
    const labKeys: string[] = [];
    const labCount = labCounts[ownerIndex] ?? 1;
    for (let i = 0; i < labCount; i++) {
      const t = labTemplates[i % labTemplates.length] as (typeof labTemplates)[number];
      const key = `${instKey}-lab-${String(i + 1).padStart(2, '0')}`;
      labKeys.push(key);
      const level =
        inst.level === 'national' && i === 0
          ? 'national'
          : inst.level === 'national' || inst.level === 'provincial'
            ? 'provincial'
            : inst.level === 'city'
              ? rng.pick(['provincial', 'city'] as const)
              : rng.pick(['city', 'town'] as const);
      const levelName = { national: '国家级', provincial: '省级', city: '市级', town: '镇级' }[level];
      resources.push({
        ...base,
        key,
        kind: 'lab',
        name: i < labTemplates.length ? t[0] : `${t[0]}（${i + 1 - labTemplates.length + 1}）`,
        summary: `${inst.name}${levelName}${t[1]}实验室，面向${industries.join('、')}企业提供${t[2].join('、')}等服务。`,
        ...withReview(i === 0),
        accreditations: isTestingLab ? ['CMA', 'CNAS'] : rng.chance(0.3) ? ['CNAS'] : [],
        feeUnit: null,
        feeMinFen: null,
        feeMaxFen: null,
        originalValueFen: null,
        purchaseYear: null,
        model: null,
        manufacturer: null,
        category: '实验室',
        location: `${town}${inst.name}${rng.pick(ROOMS)}${rng.int(1, 6)}楼`,
        operatorRequired: true,
        openingHours: openingHours(rng),
        specs: { level, domain: t[1], services: [...t[2]] },
        ...contact(),
      });
    }

    // Experts (they lead the labs, in order)
    const expertCount = expertCounts[ownerIndex] ?? 0;
    const fields = FIELDS[profile];
    for (let i = 0; i < expertCount; i++) {
      const key = `${instKey}-expert-${String(i + 1).padStart(2, '0')}`;
      const surname = rng.pick(SURNAMES);
      const name = surname + rng.pick(GIVEN);
      const title = academic && rng.chance(0.7) ? rng.pick(TITLES_ACADEMIC) : rng.pick(TITLES_ENGINEER);
      const own = [rng.pick(fields), rng.pick(fields)].filter((f, j, a) => a.indexOf(f) === j);
      const years = rng.int(10, 30);
      resources.push({
        ...base,
        key,
        kind: 'expert',
        name,
        summary: `${title}，从事${own.join('、')}研究与技术服务 ${years} 年，可为企业提供技术诊断、工艺改进和检测方案咨询。`,
        ...withReview(false),
        accreditations: [],
        feeUnit: rng.chance(0.6) ? 'day' : null,
        feeMinFen: null,
        feeMaxFen: null,
        originalValueFen: null,
        purchaseYear: null,
        model: null,
        manufacturer: null,
        category: '专家',
        location: town,
        operatorRequired: false,
        openingHours: null,
        specs: {
          fields: own,
          title,
          organisation: inst.name,
          achievements: `主持或参与省市科技项目 ${rng.int(2, 12)} 项，获授权发明专利 ${rng.int(1, 15)} 件，服务企业 ${rng.int(20, 200)} 家。`,
        },
        contactName: name,
        contactPhone: `13${rng.int(5, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        contactEmail: `${SURNAME_PINYIN[surname] ?? 'expert'}.${rng.int(100, 999)}@${instKey}.example`,
      });
      const last = resources[resources.length - 1] as SeedResource;
      if (last.feeUnit === 'day') {
        const min = rng.int(10, 30) * 100;
        last.feeMinFen = yuan(min);
        last.feeMaxFen = yuan(min + rng.int(0, 20) * 100);
      }
      if (i < labKeys.length) resourceLinks.push({ fromKey: key, toKey: labKeys[i] as string, relation: 'leads' });
    }

    // Instruments: the institution's catalogue in order, then again with a second unit
    const templates = CATALOGUE[profile];
    const instrumentKeys: string[] = [];
    const instrumentCount = instrumentCounts[ownerIndex] ?? 0;
    for (let i = 0; i < instrumentCount; i++) {
      const t = templates[i % templates.length] as InstrumentTemplate;
      const round = Math.floor(i / templates.length);
      const key = `${instKey}-instrument-${String(i + 1).padStart(2, '0')}`;
      instrumentKeys.push(key);
      const [model, manufacturer] = (round === 0 ? t.makers[0] : rng.pick(t.makers)) as readonly [string, string];
      const feeMin = rng.int(t.fee[0], Math.round((t.fee[0] + t.fee[1]) / 2));
      const feeMax = rng.int(feeMin, t.fee[1]);
      const forcePublic = i < templates.length && (instKey === 'national-lighting-test-centre' || instKey === 'xiaolan-hardware-testing');
      resources.push({
        ...base,
        key,
        kind: 'instrument',
        name: round === 0 ? t.name : `${t.name}（${round + 1}号机）`,
        summary: t.summary,
        ...withReview(forcePublic),
        accreditations: isTestingLab ? ['CMA', 'CNAS'] : rng.chance(0.25) ? ['CNAS'] : [],
        feeUnit: t.unit,
        feeMinFen: yuan(feeMin),
        feeMaxFen: yuan(feeMax),
        originalValueFen: wan(rng.between(t.value[0], t.value[1])),
        purchaseYear: rng.int(2012, 2025),
        model,
        manufacturer,
        category: t.category,
        location: `${town}${inst.name}${rng.pick(ROOMS)}${rng.int(1, 6)}楼${rng.int(1, 9)}0${rng.int(1, 9)}室`,
        operatorRequired: rng.chance(0.85),
        openingHours: openingHours(rng),
        specs: { parameters: t.parameters, sampleRequirements: t.samples },
        ...contact(),
      });
      resourceLinks.push({ fromKey: key, toKey: labKeys[i % labKeys.length] as string, relation: 'located_in' });
    }
    // Fixed: the demo spectroradiometer is operator-assisted.
    if (instKey === 'national-lighting-test-centre')
      (resources.find((r) => r.key === DEMO_SPECTRO_KEY) as SeedResource).operatorRequired = true;

    // Technology results
    const resultCount = resultCounts[ownerIndex] ?? 0;
    const titles = RESULTS[profile];
    for (let i = 0; i < resultCount; i++) {
      const t = titles[(i + ownerIndex) % titles.length] as string;
      const key = `${instKey}-result-${String(i + 1).padStart(2, '0')}`;
      const maturity = rng.int(3, 9);
      const modes: (typeof transferModes)[number][] = rng.weighted([
        [['licence'], 3],
        [['transfer'], 2],
        [['transfer', 'licence'], 2],
        [['joint_development'], 2],
      ]);
      const priceMin = rng.int(5, 80) * 10_000;
      const priceMax = priceMin + rng.int(0, 60) * 10_000;
      resources.push({
        ...base,
        key,
        kind: 'result',
        name: t,
        summary: `${inst.name}完成的${industries[0]}领域技术成果，技术成熟度 ${maturity} 级，已在${rng.int(1, 8)}家企业试用，可${modes.map((m) => ({ transfer: '转让', licence: '许可', joint_development: '合作开发' })[m]).join('或')}。`,
        ...withReview(false),
        accreditations: [],
        feeUnit: null,
        feeMinFen: null,
        feeMaxFen: null,
        originalValueFen: null,
        purchaseYear: null,
        model: null,
        manufacturer: null,
        category: '技术成果',
        location: town,
        operatorRequired: false,
        openingHours: null,
        specs: {
          maturity,
          transferModes: modes,
          priceMinFen: yuan(priceMin),
          priceMaxFen: yuan(priceMax),
          patentNumbers: [`ZL20${rng.int(18, 25)}1${String(rng.int(0, 9_999_999)).padStart(7, '0')}.${rng.int(0, 9)}`],
        },
        ...contact(),
      });
      if (instrumentKeys.length > 0 && rng.chance(0.5))
        resourceLinks.push({ fromKey: key, toKey: rng.pick(instrumentKeys), relation: 'uses' });
    }
  });

  const spectro = resources.find((r) => r.key === DEMO_SPECTRO_KEY);
  const bookings: SeedBooking[] = [];
  if (spectro && spectro.feeMinFen !== null) {
    const goniometer = 'national-lighting-test-centre-instrument-03';
    const fee = spectro.feeMinFen;
    bookings.push(
      {
        resourceKey: DEMO_SPECTRO_KEY,
        mode: 'operator_assisted',
        period: ['2026-12-09T14:00:00+08:00', '2026-12-09T16:00:00+08:00'],
        purpose: '新款 LED 吸顶灯光通量与显色指数摸底测试',
        sampleDetails: '吸顶灯 3 套，额定功率 36 W',
        quotedFeeFen: fee * 3,
        status: 'requested',
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
        createdAt: '2026-11-28T10:15:00+08:00',
      },
      {
        resourceKey: DEMO_SPECTRO_KEY,
        mode: 'operator_assisted',
        period: ['2026-12-08T09:00:00+08:00', '2026-12-08T11:30:00+08:00'],
        purpose: '出口欧盟筒灯的光色参数检测（ERP 能效标签）',
        sampleDetails: '筒灯 5 套，色温 3000 K / 4000 K',
        quotedFeeFen: fee * 5,
        status: 'confirmed',
        decisionReason: null,
        decidedBy: 'lamplab',
        decidedAt: '2026-11-25T09:30:00+08:00',
        createdAt: '2026-11-24T16:40:00+08:00',
      },
      {
        resourceKey: goniometer,
        mode: 'operator_assisted',
        period: ['2026-12-03T09:00:00+08:00', '2026-12-03T12:00:00+08:00'],
        purpose: '路灯配光曲线测试，输出 IES 文件',
        sampleDetails: 'LED 路灯 1 套，重量 12 kg',
        quotedFeeFen: (resources.find((r) => r.key === goniometer)?.feeMinFen ?? 0) * 1,
        status: 'rejected',
        decisionReason: '该时段设备安排年度计量校准，请改约 12 月 10 日之后的时段。',
        decidedBy: 'lamplab',
        decidedAt: '2026-11-23T11:00:00+08:00',
        createdAt: '2026-11-22T14:20:00+08:00',
      },
      // Used and confirmed: the integrating-sphere measurements behind the demo enterprise's LED test order, so a
      // voucher claim for that order can be checked against recorded use (post-subsidy against verified use).
      {
        resourceKey: DEMO_SPECTRO_KEY,
        mode: 'operator_assisted',
        period: ['2026-11-16T09:00:00+08:00', '2026-11-16T11:30:00+08:00'],
        purpose: '新款 LED 筒灯光通量、光效与显色指数检测（委托检测用）',
        sampleDetails: '筒灯 2 款，各 1 套',
        quotedFeeFen: fee * 2,
        status: 'completed',
        usage: {
          minutes: 150,
          samples: 2,
          feeFen: fee * 2,
          recordedAt: '2026-11-16T12:10:00+08:00',
          confirmedAt: '2026-11-16T15:30:00+08:00',
        },
        decisionReason: null,
        decidedBy: 'lamplab',
        decidedAt: '2026-11-12T10:00:00+08:00',
        createdAt: '2026-11-11T09:20:00+08:00',
      },
    );
  }
  return { resources, resourceLinks, bookings };
}
