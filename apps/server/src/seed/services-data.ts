/**
 * Demo service alliance and service catalogue (服务超市): which provider institutions are alliance members,
 * a few applications waiting for the city, and ~40 services across the seven categories, matched to the
 * towns' industries and linked to the instruments and experts those institutions own in the resource seed.
 * Pure and fixed: no clock, no randomness.
 *
 * Provenance: service names, turnarounds and price levels follow the public price lists of Guangdong testing
 * labs and productivity centres in general terms; every price and text here is invented for the demo.
 */
import type { ServiceCategory } from '@innotown/contracts/service-categories';
import type { SeedInstitution } from './demo-data.ts';
import type { SeedResource } from './resources-data.ts';

export type SeedMembership = {
  institutionKey: string;
  status: 'applied' | 'approved' | 'rejected';
  statement: string;
  decisionReason: string | null;
  /** ISO timestamp of the application; the decision a week later. */
  appliedAt: string;
};
export type SeedService = {
  key: string;
  institutionKey: string;
  category: ServiceCategory;
  title: string;
  description: string;
  priceKind: 'fixed' | 'range';
  priceMinFen: number;
  priceMaxFen: number;
  priceUnit: 'item' | 'sample' | 'hour' | 'project';
  turnaroundDays: number;
  status: 'draft' | 'published' | 'withdrawn';
  publishedAt: string | null;
  /** Keys of the instruments and experts (own institution) it uses. */
  resourceKeys: string[];
};

/** Institution types that join the alliance in the demo: productivity centres, testing labs, platforms, IP agencies. */
const MEMBER_TYPES = new Set(['productivity_centre', 'testing_lab', 'public_service_platform', 'ip_agency', 'ip_protection_centre']);
/** Institutions that applied and wait for the city's decision (the review queue has something to show). */
const APPLICANTS: readonly (readonly [key: string, statement: string])[] = [
  ['zhongshan-polytechnic', '我院拥有模具、机电、电子等专业实训基地，拟面向专业镇企业提供技能培训和技术服务，申请加入联盟。'],
  ['bit-zhongshan-institute', '研究院在精密测量、智能制造方向有成套设备与团队，可为装备制造企业提供研发与检测服务。'],
];

const y = (yuan: number) => yuan * 100;

type Row = Omit<SeedService, 'key' | 'resourceKeys' | 'publishedAt' | 'status'> & {
  status?: SeedService['status'];
  /** Words that pick the institution's instruments (by name) and experts (by field) the service uses. */
  uses: readonly string[];
};

const R = (
  institutionKey: string,
  category: ServiceCategory,
  title: string,
  description: string,
  price: readonly [number, number] | number,
  priceUnit: SeedService['priceUnit'],
  turnaroundDays: number,
  uses: readonly string[] = [],
  status: SeedService['status'] = 'published',
): Row => ({
  institutionKey,
  category,
  title,
  description,
  priceKind: typeof price === 'number' ? 'fixed' : 'range',
  priceMinFen: y(typeof price === 'number' ? price : price[0]),
  priceMaxFen: y(typeof price === 'number' ? price : price[1]),
  priceUnit,
  turnaroundDays,
  uses,
  status,
});

const LAMP = 'national-lighting-test-centre';
const ROWS: readonly Row[] = [
  // 检验检测 — lighting (古镇)
  R(
    LAMP,
    'testing',
    'LED 光色电参数检测',
    'LED 灯具与光源的光通量、光效、色温、显色指数、功率因数测试，出具 CNAS/CMA 报告，可用于能效备案与出口。',
    [400, 1200],
    'sample',
    3,
    ['积分球', '光色电', '光度色度测量'],
  ),
  R(
    LAMP,
    'testing',
    '灯具安规检测（GB 7000 系列）',
    '按 GB 7000.1/IEC 60598 进行灯具结构、爬电距离、耐压、温升和耐久性检验，CCC 认证送样前预检。',
    [1500, 4000],
    'sample',
    7,
    ['耐久性', '安规', '照明电子'],
  ),
  R(
    LAMP,
    'testing',
    '灯具配光曲线测试',
    '分布式光度计测量光强分布、光束角、灯具效率，输出 IES/LDT 配光文件，供照明设计软件使用。',
    [600, 1500],
    'sample',
    3,
    ['分布式光度计', '光学设计'],
  ),
  R(
    LAMP,
    'testing',
    '灯具 EMC 预测试',
    '出口与 CCC 认证前的传导、辐射骚扰摸底测试，附整改建议，降低正式测试不通过的风险。',
    [800, 2000],
    'hour',
    2,
    ['EMC', '电磁兼容'],
  ),
  R(LAMP, 'testing', 'UGR 眩光评价', '成像亮度计测量统一眩光值与亮度分布，适用于办公照明、教室照明和道路照明项目验收。', 900, 'sample', 4, [
    '眩光',
  ]),
  R(
    LAMP,
    'testing',
    'LED 光衰与寿命试验',
    '按 LM-80/TM-21 进行 LED 光通维持率试验与寿命推算，周期长，按项目报价。',
    [8000, 30000],
    'project',
    45,
    ['耐久性', '寿命'],
  ),
  R(
    'guzhen-productivity-centre',
    'rnd',
    '灯饰产品外观与结构设计',
    '为古镇灯饰企业提供新品外观设计、结构设计与散热仿真，交付三维模型和设计说明。',
    [5000, 30000],
    'project',
    20,
    ['灯具结构与散热', 'LED 光学设计'],
  ),
  R(
    'guzhen-productivity-centre',
    'information',
    '灯饰行业标准与出口法规查询',
    '汇编灯饰相关国标、行标及欧盟 ErP、CE、RoHS 要求，按产品出具适用标准清单。',
    300,
    'item',
    2,
  ),
  R(
    'guzhen-productivity-centre',
    'training',
    '灯具安规与 CCC 认证培训',
    '面向灯饰企业品质与研发人员的一天课程：GB 7000 要点、常见不合格项与整改、CCC 认证流程。',
    800,
    'item',
    10,
  ),
  R(
    'henglan-productivity-centre',
    'training',
    'LED 照明电子技能培训',
    '驱动电源原理、常见故障与检测方法，实操为主，结业颁发培训证书。',
    600,
    'item',
    15,
  ),
  // 检验检测 — hardware (小榄)
  R(
    'xiaolan-hardware-testing',
    'testing',
    '盐雾试验（中性/乙酸）',
    '五金件、锁具和电镀件的 NSS/AASS 盐雾试验与耐腐蚀等级评定，24–720 小时可选。',
    [300, 2500],
    'sample',
    5,
    ['盐雾', '表面处理'],
  ),
  R(
    'xiaolan-hardware-testing',
    'testing',
    '锁具寿命与防技术开启检测',
    '机械锁与智能门锁的开闭寿命、把手扭矩、防技术开启时间检测，依据 GB 21556 / GA 374。',
    [1200, 3500],
    'sample',
    10,
    ['锁具', '锁具设计'],
  ),
  R(
    'xiaolan-hardware-testing',
    'testing',
    '金属材料力学性能检测',
    '拉伸、弯曲、硬度试验，出具屈服强度、抗拉强度、延伸率和硬度报告。',
    [150, 600],
    'sample',
    3,
    ['拉力', '硬度', '金属材料'],
  ),
  R(
    'xiaolan-hardware-platform',
    'rnd',
    '注塑模具设计',
    '家电与五金塑件的注塑模具设计：模流分析、浇注系统与冷却水路设计，交付 2D/3D 图纸。',
    [8000, 60000],
    'project',
    25,
    ['模具', '精密冲压'],
  ),
  R(
    'xiaolan-hardware-platform',
    'resource_sharing',
    '精密冲压与模具加工设备共享',
    '开放平台冲床、线切割与加工中心，按机时收费，可由平台技术员操作。',
    [150, 400],
    'hour',
    2,
    ['冲压', '加工'],
  ),
  R(
    'xiaolan-productivity-centre',
    'information',
    '五金燃气具出口市场信息服务',
    '按产品整理目标市场准入标准、认证要求与近三年召回通报，每季度更新。',
    [2000, 6000],
    'project',
    10,
  ),
  R(
    'xiaolan-productivity-centre',
    'training',
    '表面处理与无氰电镀工艺培训',
    '电镀工艺原理、无氰替代方案与环保要求，邀请行业专家现场讲授。',
    500,
    'item',
    20,
    ['表面处理'],
  ),
  // 家电 (东凤/南头)
  R(
    'dongfeng-appliance-platform',
    'testing',
    '小家电 EMC 预测试与整改',
    '传导骚扰、辐射骚扰与抗扰度摸底测试，工程师陪测并给出滤波、屏蔽整改方案。',
    [600, 1800],
    'hour',
    2,
    ['EMC', '电磁兼容'],
  ),
  R(
    'dongfeng-appliance-platform',
    'testing',
    '家电安规检测（GB 4706）',
    '耐压、绝缘电阻、泄漏电流、接地电阻及结构检查，CCC 送样前预检。',
    [800, 2500],
    'sample',
    5,
    ['安规', '家电安全'],
  ),
  R(
    'dongfeng-appliance-platform',
    'testing',
    '小家电噪声测试',
    '半消声室声功率级测试，分析风扇、电机噪声来源并提出降噪建议。',
    [500, 1200],
    'hour',
    3,
    ['噪声', '声学'],
  ),
  R(
    'nantou-appliance-platform',
    'testing',
    '家电能效测试',
    '空调、冰箱、电饭煲等家电能效等级测试，支持能效标识备案。',
    [1500, 5000],
    'sample',
    10,
    ['能效'],
  ),
  R(
    'nantou-appliance-platform',
    'rnd',
    '无刷电机驱动方案开发',
    '小家电 BLDC 电机无感驱动方案与控制板开发，交付原理图、PCB 与程序源码。',
    [20000, 80000],
    'project',
    40,
    ['电机驱动', '嵌入式控制'],
  ),
  R(
    'dongfeng-productivity-centre',
    'tech_transfer',
    '家电技术成果对接会',
    '每季度组织高校院所与东凤小家电企业的成果路演与对接，撮合技术许可与合作开发。',
    0,
    'item',
    30,
  ),
  R(
    'nantou-productivity-centre',
    'information',
    '家电行业专利预警分析',
    '针对指定产品线的专利分布、主要申请人与侵权风险预警，交付分析报告。',
    [6000, 15000],
    'project',
    20,
  ),
  // 通用检测与计量
  R(
    'zhongshan-quality-metrology-institute',
    'testing',
    '三坐标尺寸测量',
    '零件几何尺寸与形位公差测量，出具检测报告，可做首件检验与逆向测绘。',
    [200, 800],
    'hour',
    3,
    ['三坐标', '精密测量'],
  ),
  R(
    'zhongshan-quality-metrology-institute',
    'testing',
    '计量器具校准',
    '卡尺、千分尺、压力表、温湿度计等常用计量器具校准，出具校准证书。',
    [50, 300],
    'item',
    5,
    ['校准', '测量'],
  ),
  R(
    'jingzhun-testing',
    'testing',
    '材料成分与失效分析',
    '光谱成分分析、金相与扫描电镜分析，查找断裂、腐蚀与开裂原因。',
    [1500, 8000],
    'project',
    10,
    ['光谱', '材料分析', '显微'],
  ),
  R(
    'jingzhun-testing',
    'testing',
    '环境可靠性试验（高低温、湿热）',
    '高低温、湿热、温度冲击与振动试验，适用于电子、灯具与家电产品。',
    [80, 300],
    'hour',
    5,
    ['环境', '高低温', '振动'],
  ),
  // 其他产业
  R(
    'huangpu-food-testing',
    'testing',
    '食品添加剂与农残检测',
    '腊味、调味品等食品的防腐剂、甜味剂、农药残留检测，CMA 报告。',
    [300, 1500],
    'sample',
    5,
    ['色谱', '食品'],
  ),
  R(
    'shaxi-textile-testing',
    'testing',
    '服装色牢度与强力检测',
    '耐水洗、耐摩擦、耐汗渍色牢度，断裂与撕破强力测试。',
    [200, 900],
    'sample',
    4,
    ['色牢度', '强力', '纺织'],
  ),
  R(
    'dayong-furniture-platform',
    'testing',
    '红木家具甲醛释放量检测',
    '气候箱法/干燥器法甲醛释放量测定与木材材种鉴定。',
    [600, 2000],
    'sample',
    7,
    ['甲醛', '气候箱'],
  ),
  R(
    'gangkou-amusement-platform',
    'testing',
    '游艺设备电气安全与 EMC 检测',
    '游戏游艺机的电气安全、电磁兼容与环境试验，支持出口认证。',
    [1000, 3000],
    'sample',
    7,
    ['安规', 'EMC'],
  ),
  R(
    'health-medicine-platform',
    'testing',
    '药品杂质分析与方法学验证',
    '高效液相色谱杂质谱分析与分析方法学验证，符合药典要求。',
    [3000, 12000],
    'project',
    15,
    ['色谱', '药物分析'],
  ),
  // 知识产权
  R(
    'guangdong-lighting-ip-centre',
    'ip',
    '专利检索分析',
    '新品立项前的查新检索与专利自由实施（FTO）分析，交付检索报告与规避建议。',
    [2000, 8000],
    'project',
    10,
  ),
  R(
    'guangdong-lighting-ip-centre',
    'ip',
    '灯饰专利导航',
    '面向灯饰企业的专利导航：技术分支、主要对手布局与研发方向建议。',
    [15000, 50000],
    'project',
    30,
  ),
  R('dengdu-patent-agency', 'ip', '外观设计专利申请代理', '灯饰外观设计专利申请代理，含图片制作与审查意见答复。', 1500, 'item', 5),
  R('huizhi-ip-agency', 'ip', '发明专利申请代理', '技术交底、撰写与提交发明专利申请，含一次审查意见答复。', [5000, 9000], 'item', 20),
  R('lighting-ip-protection-centre', 'ip', '灯饰外观专利快速预审', '古镇灯饰外观设计专利快速预审通道，预审合格后快速授权。', 0, 'item', 10),
  // 成果转化与信息服务（市级）
  R(
    'zhongshan-productivity-centre',
    'information',
    '高新技术企业认定辅导',
    '对照认定条件诊断知识产权、研发费用归集与科技成果转化，辅导申报材料。',
    [10000, 30000],
    'project',
    30,
  ),
  R(
    'zhongshan-productivity-centre',
    'tech_transfer',
    '科技成果评价与转化对接',
    '组织专家对企业或院所的科技成果进行评价，并对接有需求的专业镇企业。',
    [3000, 10000],
    'project',
    20,
  ),
  R(
    'zhongshan-productivity-centre',
    'training',
    '科技创新券政策与申报培训',
    '创新券申请、使用与后补助兑付流程讲解，面向中小企业。',
    0,
    'item',
    7,
  ),
  R('zhongrui-tech', 'information', '科技查新', '针对科研项目和成果鉴定的国内外科技查新，出具查新报告。', [800, 2500], 'item', 7),
  R(
    'zhongrui-tech',
    'rnd',
    '工业视觉检测方案开发',
    '表面缺陷视觉检测方案可行性验证与原型开发。',
    [30000, 120000],
    'project',
    45,
    [],
    'draft',
  ),
];

/** Publication times: fixed, spread over 2025–2026 so that "newest" has an order. */
function publishedAt(i: number): string {
  const day = new Date(Date.UTC(2025, 2, 1) + i * 9 * 86_400_000);
  return day.toISOString();
}

function resourcesFor(row: Row, catalogue: readonly SeedResource[]): string[] {
  const own = catalogue.filter(
    (r) => r.institutionKey === row.institutionKey && r.reviewStatus === 'published' && (r.kind === 'instrument' || r.kind === 'expert'),
  );
  const picked: string[] = [];
  for (const word of row.uses) {
    const hits = own.filter((r) => {
      const text = r.kind === 'expert' ? JSON.stringify(r.specs) : r.name;
      return text.toLowerCase().includes(word.toLowerCase());
    });
    for (const h of hits.slice(0, 2)) if (!picked.includes(h.key) && picked.length < 4) picked.push(h.key);
  }
  return picked;
}

export function generateServices(
  institutions: readonly SeedInstitution[],
  catalogue: readonly SeedResource[],
): { memberships: SeedMembership[]; services: SeedService[] } {
  const memberships: SeedMembership[] = institutions
    .filter((i) => MEMBER_TYPES.has(i.type))
    .map((i, n) => ({
      institutionKey: i.key,
      status: 'approved',
      statement: `${i.name}申请加入中山市公共服务平台联盟，面向专业镇企业提供服务。`,
      decisionReason: null,
      appliedAt: new Date(Date.UTC(2025, 0, 6) + n * 86_400_000).toISOString(),
    }));
  for (const [key, statement] of APPLICANTS) {
    if (institutions.some((i) => i.key === key)) {
      memberships.push({ institutionKey: key, status: 'applied', statement, decisionReason: null, appliedAt: '2026-11-20T02:00:00.000Z' });
    }
  }
  const known = new Set(institutions.map((i) => i.key));
  const services = ROWS.filter((r) => known.has(r.institutionKey)).map((row, i): SeedService => {
    const { uses: _uses, status, ...rest } = row;
    const state = status ?? 'published';
    return {
      ...rest,
      key: `service-${String(i + 1).padStart(2, '0')}`,
      status: state,
      publishedAt: state === 'published' ? publishedAt(i) : null,
      resourceKeys: resourcesFor(row, catalogue),
    };
  });
  return { memberships, services };
}
