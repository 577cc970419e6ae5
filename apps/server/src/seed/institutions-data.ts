/**
 * Demo institutions: providers (platforms, productivity promotion centres, labs, institutes,
 * IP agencies), universities and financiers.
 *
 * Provenance:
 * - The first six are named in docs/product.md (from the city's plan); their names are kept
 *   exactly as written there.
 * - 国家灯具质量监督检验中心 (in 古镇), 中国中山（灯饰）知识产权快速维权中心, the universities, the banks and the
 *   insurer are real public bodies; types, levels and towns are from public knowledge and may
 *   be approximate (where a city-wide body sits is sometimes a guess, see `townCode`).
 * - Town productivity centres and industry platforms follow the usual naming in Guangdong's
 *   specialized towns; 中山市精准检测技术有限公司, the guarantor and the two IP agencies are invented.
 * - Credit codes are generated (valid check characters, fictional numbers), never the real
 *   ones; `creditCategory` only picks the plausible registration category (91 company,
 *   12 public institution, 52 private non-enterprise unit). Websites only where well known.
 */
import type { InstitutionType } from '@innotown/contracts/institutions';
import type { CreditCategory } from './credit-codes.ts';

export type InstitutionRow = {
  key: string;
  name: string;
  type: InstitutionType;
  level: 'national' | 'provincial' | 'city' | 'town';
  townCode: string;
  creditCategory: CreditCategory | null;
  description: string;
  website: string | null;
};

const SHIQI = '442000001';
const DONGQU = '442000002';
const ZHONGSHANGANG = '442000003';
const XIQU = '442000004';
const NANLANG = '442000008';
const HUANGPU = '442000101';
const DONGFENG = '442000103';
const GUZHEN = '442000105';
const SHAXI = '442000106';
const GANGKOU = '442000108';
const HENGLAN = '442000110';
const NANTOU = '442000111';
const DAYONG = '442000116';
const XIAOLAN = '442000118';

export const INSTITUTION_ROWS: readonly InstitutionRow[] = [
  // Named in product.md
  {
    key: 'zhongshan-productivity-centre',
    name: '中山市生产力促进中心',
    type: 'productivity_centre',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '12',
    website: null,
    description: '市级生产力促进中心，牵头全市镇街生产力促进中心联盟，提供技术咨询、科技成果转化、创新券和企业培训服务。',
  },
  {
    key: 'zhongshan-equipment-institute',
    name: '中山装备制造工业研究院',
    type: 'research_institute',
    level: 'city',
    townCode: ZHONGSHANGANG,
    creditCategory: '52',
    website: null,
    description: '面向智能制造和高端装备的新型研发机构，开展关键共性技术攻关、中试验证和技术服务。',
  },
  {
    key: 'bit-zhongshan-institute',
    name: '北京理工大学中山研究院',
    type: 'research_institute',
    level: 'city',
    townCode: ZHONGSHANGANG,
    creditCategory: '52',
    website: null,
    description: '市校共建研究院，围绕光电成像、智能装备和新材料开展研发、成果转化与人才培养。',
  },
  {
    key: 'cuiheng-zte-smart-city-institute',
    name: '中山翠亨(中兴)智慧城市研究院',
    type: 'research_institute',
    level: 'city',
    townCode: NANLANG,
    creditCategory: '52',
    website: null,
    description: '位于翠亨新区，聚焦大数据、物联网和智慧城市应用的研究与示范。',
  },
  {
    key: 'zhongrui-tech',
    name: '中瑞科技发展公司',
    type: 'public_service_platform',
    level: 'city',
    townCode: ZHONGSHANGANG,
    creditCategory: '91',
    website: null,
    description: '面向中外科技合作的服务机构，提供国际技术转移、项目对接和孵化服务。',
  },
  {
    key: 'guangdong-lighting-ip-centre',
    name: '广东(灯饰)知识产权运营中心',
    type: 'ip_agency',
    level: 'provincial',
    townCode: GUZHEN,
    creditCategory: '91',
    website: null,
    description: '服务灯饰照明产业的知识产权运营平台，提供专利导航、交易许可、质押融资对接和维权服务。',
  },
  // Town productivity promotion centres of the big specialized towns
  ...(
    [
      ['guzhen-productivity-centre', '古镇镇生产力促进中心', GUZHEN, '灯饰照明'],
      ['xiaolan-productivity-centre', '小榄镇生产力促进中心', XIAOLAN, '五金和燃气具'],
      ['dongfeng-productivity-centre', '东凤镇生产力促进中心', DONGFENG, '小家电'],
      ['nantou-productivity-centre', '南头镇生产力促进中心', NANTOU, '家用电器'],
      ['henglan-productivity-centre', '横栏镇生产力促进中心', HENGLAN, '灯饰照明和花木'],
      ['huangpu-productivity-centre', '黄圃镇生产力促进中心', HUANGPU, '食品加工'],
      ['gangkou-productivity-centre', '港口镇生产力促进中心', GANGKOU, '游戏游艺'],
      ['dayong-productivity-centre', '大涌镇生产力促进中心', DAYONG, '红木家具和牛仔服装'],
      ['shaxi-productivity-centre', '沙溪镇生产力促进中心', SHAXI, '休闲服装'],
    ] as const
  ).map(
    ([key, name, townCode, industry]): InstitutionRow => ({
      key,
      name,
      type: 'productivity_centre',
      level: 'town',
      townCode,
      creditCategory: '12',
      website: null,
      description: `镇级生产力促进中心，为本镇${industry}企业提供技术咨询、设计研发、检测对接和知识产权服务。`,
    }),
  ),
  // Public service platforms
  {
    key: 'lighting-ip-protection-centre',
    name: '中国中山（灯饰）知识产权快速维权中心',
    type: 'ip_protection_centre',
    level: 'national',
    townCode: GUZHEN,
    creditCategory: '12',
    website: null,
    description: '为灯饰产业提供外观设计专利快速授权、快速确权和侵权纠纷快速调处服务。',
  },
  {
    key: 'xiaolan-hardware-platform',
    name: '小榄镇五金产业公共技术服务平台',
    type: 'public_service_platform',
    level: 'town',
    townCode: XIAOLAN,
    creditCategory: '12',
    website: null,
    description: '面向锁具、燃气具等五金企业，提供产品检测、模具设计和工艺改进服务。',
  },
  {
    key: 'dongfeng-appliance-platform',
    name: '东凤镇小家电产业公共技术服务平台',
    type: 'public_service_platform',
    level: 'town',
    townCode: DONGFENG,
    creditCategory: '12',
    website: null,
    description: '面向小家电企业，提供安规与能效预测试、工业设计和技术培训服务。',
  },
  {
    key: 'nantou-appliance-platform',
    name: '南头镇家电产业公共技术服务平台',
    type: 'public_service_platform',
    level: 'town',
    townCode: NANTOU,
    creditCategory: '12',
    website: null,
    description: '面向家电整机与配套企业，提供可靠性测试、电磁兼容预测试和技术咨询服务。',
  },
  {
    key: 'gangkou-amusement-platform',
    name: '港口镇游戏游艺产业公共技术服务平台',
    type: 'public_service_platform',
    level: 'town',
    townCode: GANGKOU,
    creditCategory: '12',
    website: null,
    description: '面向游戏游艺设备企业，提供产品安全检测、软件著作权和内容合规咨询服务。',
  },
  {
    key: 'dayong-furniture-platform',
    name: '大涌镇红木家具产业公共技术服务平台',
    type: 'public_service_platform',
    level: 'town',
    townCode: DAYONG,
    creditCategory: '12',
    website: null,
    description: '面向红木家具企业，提供木材鉴定、家具质量检测和设计服务。',
  },
  {
    key: 'health-medicine-platform',
    name: '中山健康医药产业公共技术服务平台',
    type: 'public_service_platform',
    level: 'city',
    townCode: ZHONGSHANGANG,
    creditCategory: '12',
    website: null,
    description: '面向生物医药和医疗器械企业，提供研发外包、注册申报咨询和质量检测服务。',
  },
  {
    key: 'tech-finance-centre',
    name: '中山市科技金融服务中心',
    type: 'public_service_platform',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '12',
    website: null,
    description: '对接银行、担保和保险机构，为科技型企业提供知识产权质押融资和风险准备金服务。',
  },
  // Testing labs
  {
    key: 'national-lighting-test-centre',
    name: '国家灯具质量监督检验中心（中山）',
    type: 'testing_lab',
    level: 'national',
    townCode: GUZHEN,
    creditCategory: '12',
    website: null,
    description: '位于古镇的国家级灯具检测机构，提供灯具安全、光度、电磁兼容和能效检测及认证服务。',
  },
  {
    key: 'zhongshan-quality-metrology-institute',
    name: '中山市质量计量监督检测所',
    type: 'testing_lab',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '12',
    website: null,
    description: '市级质量计量技术机构，提供计量校准、产品质量检验和标准化技术服务。',
  },
  {
    key: 'huangpu-food-testing',
    name: '黄圃镇食品质量检测中心',
    type: 'testing_lab',
    level: 'town',
    townCode: HUANGPU,
    creditCategory: '12',
    website: null,
    description: '面向食品加工企业，提供食品安全、微生物和营养成分检测服务。',
  },
  {
    key: 'shaxi-textile-testing',
    name: '沙溪镇纺织服装检测中心',
    type: 'testing_lab',
    level: 'town',
    townCode: SHAXI,
    creditCategory: '12',
    website: null,
    description: '面向服装企业，提供面料成分、色牢度和服装安全性能检测服务。',
  },
  {
    key: 'xiaolan-hardware-testing',
    name: '小榄镇五金产品检测中心',
    type: 'testing_lab',
    level: 'town',
    townCode: XIAOLAN,
    creditCategory: '12',
    website: null,
    description: '提供锁具防盗性能、燃气具安全和金属材料检测服务。',
  },
  {
    key: 'jingzhun-testing',
    name: '中山市精准检测技术有限公司',
    type: 'testing_lab',
    level: 'city',
    townCode: XIQU,
    creditCategory: '91',
    website: null,
    description: '第三方检测机构，提供电子电器安规、环境可靠性和材料分析检测服务。',
  },
  // Universities
  {
    key: 'uestc-zhongshan',
    name: '电子科技大学中山学院',
    type: 'university',
    level: 'provincial',
    townCode: SHIQI,
    creditCategory: '12',
    website: 'https://www.zsc.edu.cn',
    description: '以电子信息为特色的本科院校，与本地企业开展产学研合作和人才培养。',
  },
  {
    key: 'zhongshan-polytechnic',
    name: '中山职业技术学院',
    type: 'university',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '12',
    website: 'https://www.zspt.edu.cn',
    description: '市属高职院校，设有面向灯饰、家电等专业镇产业的镇校合作学院。',
  },
  {
    key: 'gdpu-zhongshan',
    name: '广东药科大学中山校区',
    type: 'university',
    level: 'provincial',
    townCode: ZHONGSHANGANG,
    creditCategory: null,
    website: 'https://www.gdpu.edu.cn',
    description: '医药类高校校区，服务健康医药产业的研发与人才需求。',
  },
  // Banks, guarantor, insurer
  {
    key: 'icbc-zhongshan',
    name: '中国工商银行中山分行',
    type: 'bank',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: 'https://www.icbc.com.cn',
    description: '提供科技型企业信贷、知识产权质押贷款和供应链融资服务。',
  },
  {
    key: 'ccb-zhongshan',
    name: '中国建设银行中山分行',
    type: 'bank',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: 'https://www.ccb.com',
    description: '提供科技企业信用贷款、知识产权质押融资和普惠金融服务。',
  },
  {
    key: 'boc-zhongshan',
    name: '中国银行中山分行',
    type: 'bank',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: 'https://www.boc.cn',
    description: '提供科技金融、跨境结算和出口企业融资服务。',
  },
  {
    key: 'abc-zhongshan',
    name: '中国农业银行中山分行',
    type: 'bank',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: 'https://www.abchina.com',
    description: '提供小微企业信贷、涉农企业融资和普惠金融服务。',
  },
  {
    key: 'zhongshan-rural-bank',
    name: '中山农村商业银行',
    type: 'bank',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: null,
    description: '本地法人银行，网点覆盖各镇街，提供专业镇中小企业贷款和知识产权质押融资。',
  },
  {
    key: 'zhongshan-tech-guarantee',
    name: '中山市科技融资担保有限公司',
    type: 'guarantor',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: null,
    description: '为科技型中小企业提供贷款担保和知识产权质押融资担保服务。',
  },
  {
    key: 'picc-zhongshan',
    name: '中国人民财产保险股份有限公司中山市分公司',
    type: 'insurer',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: 'https://www.epicc.com.cn',
    description: '提供专利执行保险、知识产权侵权责任保险和科技保险产品。',
  },
  // IP agencies
  {
    key: 'dengdu-patent-agency',
    name: '中山市灯都专利代理事务所（普通合伙）',
    type: 'ip_agency',
    level: 'town',
    townCode: GUZHEN,
    creditCategory: '91',
    website: null,
    description: '为灯饰企业提供外观设计和实用新型专利申请、商标注册及维权代理服务。',
  },
  {
    key: 'huizhi-ip-agency',
    name: '中山市汇智知识产权代理有限公司',
    type: 'ip_agency',
    level: 'city',
    townCode: DONGQU,
    creditCategory: '91',
    website: null,
    description: '提供专利申请、专利分析、知识产权贯标和技术交易代理服务。',
  },
];
