/**
 * Zhongshan's 23 towns and subdistricts (镇街).
 *
 * Provenance:
 * - code, name, kind: National Bureau of Statistics 2023 division codes
 *   (/work/shared/data/towns/zhongshan-towns-2023.csv; 街道 → subdistrict, 镇 → town).
 * - industries: the specialized-town industries in docs/product.md; towns product.md does not
 *   name get a plain "综合制造 / 商贸服务"-style label until better data exists.
 * - population: approximate resident population, rounded, order of magnitude from public
 *   2020 census reporting (total ≈ 4.4 million; 小榄 includes 东升, merged in 2021).
 * - longitude/latitude: approximate centre of each town's built-up area, GCJ-02, from public
 *   maps; good enough to place a point on a city map, not for surveying.
 * - weight and sectors are generator hints only (how many demo enterprises a town gets and in
 *   which GB/T 4754-2017 industry classes); they are not part of SeedTown.
 */

export type TownRow = {
  code: string;
  name: string;
  nameEn: string;
  kind: 'town' | 'subdistrict';
  industries: string[];
  description: string;
  population: number;
  longitude: number;
  latitude: number;
  /** Short slug used in enterprise keys ('guzhen-0001'). */
  slug: string;
  /** Relative share of demo enterprises: specialized industrial towns get more. */
  weight: number;
  /** Industry classes of the town's demo enterprises, with relative weights. */
  sectors: readonly (readonly [string, number])[];
};

export const TOWN_ROWS: readonly TownRow[] = [
  {
    code: '442000001', name: '石岐街道', nameEn: 'Shiqi Subdistrict', kind: 'subdistrict', slug: 'shiqi',
    industries: ['商贸服务', '文化创意'],
    description: '中山老城区和传统商贸中心，以商贸服务、文化创意和都市休闲产业为主。',
    population: 190_000, longitude: 113.378, latitude: 22.522, weight: 2,
    sectors: [['I6513', 3], ['C2319', 2], ['M7519', 2], ['C1411', 1], ['C3872', 1]],
  },
  {
    code: '442000002', name: '东区街道', nameEn: 'Dongqu Subdistrict', kind: 'subdistrict', slug: 'dongqu',
    industries: ['现代服务业', '总部经济'],
    description: '中山市行政和商务中心，集聚总部经济、金融和现代服务业。',
    population: 240_000, longitude: 113.407, latitude: 22.515, weight: 3,
    sectors: [['I6513', 4], ['I6531', 3], ['M7519', 2], ['M7320', 1], ['C3976', 1]],
  },
  {
    code: '442000003', name: '中山港街道', nameEn: 'Zhongshangang Subdistrict', kind: 'subdistrict', slug: 'zhongshangang',
    industries: ['健康医药', '电子信息'],
    description: '中山火炬高技术产业开发区所在地，重点发展健康医药和电子信息产业。',
    population: 380_000, longitude: 113.478, latitude: 22.553, weight: 10,
    sectors: [['C2720', 3], ['C2740', 2], ['C2770', 1], ['C3581', 3], ['C3584', 2], ['C3976', 3], ['C3982', 2], ['I6513', 2], ['C3491', 1]],
  },
  {
    code: '442000004', name: '西区街道', nameEn: 'Xiqu Subdistrict', kind: 'subdistrict', slug: 'xiqu',
    industries: ['商贸服务', '都市型工业'],
    description: '中心城区西部的综合城区，以商贸服务和都市型工业为主。',
    population: 200_000, longitude: 113.352, latitude: 22.528, weight: 2,
    sectors: [['C3484', 2], ['C2927', 2], ['C3435', 1], ['C2319', 2], ['I6531', 1], ['C3872', 1]],
  },
  {
    code: '442000005', name: '南区街道', nameEn: 'Nanqu Subdistrict', kind: 'subdistrict', slug: 'nanqu',
    industries: ['现代服务业', '都市型工业'],
    description: '中心城区南部的生态宜居城区，发展现代服务业和都市型工业。',
    population: 86_000, longitude: 113.362, latitude: 22.482, weight: 1,
    sectors: [['C3435', 2], ['C3484', 2], ['C1411', 1], ['I6513', 1], ['C2231', 1]],
  },
  {
    code: '442000006', name: '五桂山街道', nameEn: 'Wuguishan Subdistrict', kind: 'subdistrict', slug: 'wuguishan',
    industries: ['生态旅游', '都市农业'],
    description: '地处五桂山生态保护区，以生态旅游和都市农业为主。',
    population: 50_000, longitude: 113.445, latitude: 22.445, weight: 1,
    sectors: [['A0143', 2], ['C1499', 2], ['M7519', 1], ['C1411', 1]],
  },
  {
    code: '442000007', name: '民众街道', nameEn: 'Minzhong Subdistrict', kind: 'subdistrict', slug: 'minzhong',
    industries: ['综合制造', '现代农业'],
    description: '中山东北部的岭南水乡街道，发展先进制造和现代农业。',
    population: 150_000, longitude: 113.490, latitude: 22.622, weight: 2,
    sectors: [['C3484', 2], ['C3499', 2], ['C2927', 1], ['C1353', 1], ['C3823', 1]],
  },
  {
    code: '442000008', name: '南朗街道', nameEn: 'Nanlang Subdistrict', kind: 'subdistrict', slug: 'nanlang',
    industries: ['翠亨新区', '高端装备', '文化旅游'],
    description: '翠亨新区所在地和孙中山故里，重点发展高端装备、科技创新和文化旅游。',
    population: 120_000, longitude: 113.530, latitude: 22.490, weight: 3,
    sectors: [['C3491', 3], ['C3493', 2], ['C3976', 2], ['I6513', 2], ['M7320', 2], ['C3581', 1]],
  },
  {
    code: '442000101', name: '黄圃镇', nameEn: 'Huangpu Town', kind: 'town', slug: 'huangpu',
    industries: ['食品加工'],
    description: '以广式腊味为代表的食品加工专业镇，食品产业历史悠久。',
    population: 220_000, longitude: 113.342, latitude: 22.712, weight: 4,
    sectors: [['C1353', 5], ['C1411', 2], ['C1462', 2], ['C1499', 2], ['C3484', 1], ['C2927', 1]],
  },
  {
    code: '442000103', name: '东凤镇', nameEn: 'Dongfeng Town', kind: 'town', slug: 'dongfeng',
    industries: ['小家电'],
    description: '小家电产业基地，聚集大批电饭煲、电风扇等小家电整机和配件企业。',
    population: 240_000, longitude: 113.262, latitude: 22.683, weight: 9,
    sectors: [['C3854', 5], ['C3853', 3], ['C3856', 2], ['C3859', 2], ['C3857', 3], ['C2929', 1]],
  },
  {
    code: '442000105', name: '古镇镇', nameEn: 'Guzhen Town', kind: 'town', slug: 'guzhen',
    industries: ['灯饰照明'],
    description: '"中国灯饰之都"，灯饰照明产业链完整，产品销往全球。',
    population: 160_000, longitude: 113.190, latitude: 22.613, weight: 14,
    sectors: [['C3872', 10], ['C3874', 3], ['C3879', 4], ['C3871', 2], ['C3975', 2], ['M7492', 1]],
  },
  {
    code: '442000106', name: '沙溪镇', nameEn: 'Shaxi Town', kind: 'town', slug: 'shaxi',
    industries: ['休闲服装'],
    description: '休闲服装专业镇，集休闲服装设计、生产和批发于一体。',
    population: 180_000, longitude: 113.328, latitude: 22.526, weight: 4,
    sectors: [['C1819', 4], ['C1829', 4], ['C1830', 2], ['C1811', 2]],
  },
  {
    code: '442000107', name: '坦洲镇', nameEn: 'Tanzhou Town', kind: 'town', slug: 'tanzhou',
    industries: ['综合制造', '商贸物流'],
    description: '毗邻珠海的工业重镇，发展综合制造和商贸物流。',
    population: 330_000, longitude: 113.460, latitude: 22.265, weight: 3,
    sectors: [['C3484', 2], ['C3823', 2], ['C3831', 1], ['C2927', 2], ['C3982', 1], ['C3351', 1]],
  },
  {
    code: '442000108', name: '港口镇', nameEn: 'Gangkou Town', kind: 'town', slug: 'gangkou',
    industries: ['游戏游艺设备'],
    description: '游戏游艺产业基地，游戏游艺设备研发制造企业高度集聚。',
    population: 180_000, longitude: 113.386, latitude: 22.578, weight: 4,
    sectors: [['C2462', 6], ['C2461', 2], ['C2469', 2], ['C3969', 2], ['C3982', 1]],
  },
  {
    code: '442000109', name: '三角镇', nameEn: 'Sanjiao Town', kind: 'town', slug: 'sanjiao',
    industries: ['综合制造'],
    description: '中山北部的工业镇，以综合制造为主。',
    population: 190_000, longitude: 113.422, latitude: 22.680, weight: 3,
    sectors: [['C1713', 2], ['C3484', 2], ['C3499', 2], ['C2929', 1], ['C3823', 1]],
  },
  {
    code: '442000110', name: '横栏镇', nameEn: 'Henglan Town', kind: 'town', slug: 'henglan',
    industries: ['灯饰照明', '花木'],
    description: '灯饰照明与花木种植并重的专业镇，紧邻古镇灯饰产业带。',
    population: 190_000, longitude: 113.262, latitude: 22.522, weight: 6,
    sectors: [['C3872', 5], ['C3879', 3], ['C3874', 1], ['A0143', 2], ['A0212', 1]],
  },
  {
    code: '442000111', name: '南头镇', nameEn: 'Nantou Town', kind: 'town', slug: 'nantou',
    industries: ['家用电器'],
    description: '家电产业基地，家用电器整机与配套产业集群发达。',
    population: 180_000, longitude: 113.292, latitude: 22.717, weight: 7,
    sectors: [['C3851', 3], ['C3852', 2], ['C3855', 3], ['C3951', 2], ['C3857', 3], ['C3854', 1], ['C2929', 1]],
  },
  {
    code: '442000112', name: '阜沙镇', nameEn: 'Fusha Town', kind: 'town', slug: 'fusha',
    industries: ['综合制造'],
    description: '中山北部的工业镇，发展综合制造和现代农业。',
    population: 90_000, longitude: 113.352, latitude: 22.662, weight: 2,
    sectors: [['C3484', 2], ['C2927', 2], ['C3499', 1], ['C3831', 1], ['C3823', 1]],
  },
  {
    code: '442000114', name: '三乡镇', nameEn: 'Sanxiang Town', kind: 'town', slug: 'sanxiang',
    industries: ['综合制造', '商贸服务'],
    description: '中山南部的综合型城镇，制造业与商贸服务业并举。',
    population: 300_000, longitude: 113.432, latitude: 22.358, weight: 3,
    sectors: [['C3484', 1], ['C2927', 1], ['C3872', 1], ['C1411', 1], ['I6531', 1], ['C3389', 1], ['C2110', 1]],
  },
  {
    code: '442000115', name: '板芙镇', nameEn: 'Banfu Town', kind: 'town', slug: 'banfu',
    industries: ['综合制造'],
    description: '中山西南部的城镇，发展智能制造和综合制造。',
    population: 90_000, longitude: 113.322, latitude: 22.412, weight: 2,
    sectors: [['C3491', 1], ['C3499', 2], ['C3484', 2], ['C2929', 1], ['C3823', 1]],
  },
  {
    code: '442000116', name: '大涌镇', nameEn: 'Dayong Town', kind: 'town', slug: 'dayong',
    industries: ['红木家具', '牛仔服装'],
    description: '以红木家具和牛仔服装闻名的专业镇。',
    population: 80_000, longitude: 113.292, latitude: 22.468, weight: 4,
    sectors: [['C2110', 5], ['C1819', 3], ['C1713', 2]],
  },
  {
    code: '442000117', name: '神湾镇', nameEn: 'Shenwan Town', kind: 'town', slug: 'shenwan',
    industries: ['现代农业', '综合制造'],
    description: '中山最南端的城镇，以现代农业和综合制造为主。',
    population: 50_000, longitude: 113.362, latitude: 22.308, weight: 1,
    sectors: [['A0143', 1], ['C1499', 1], ['C3484', 1], ['C3499', 1]],
  },
  {
    code: '442000118', name: '小榄镇', nameEn: 'Xiaolan Town', kind: 'town', slug: 'xiaolan',
    industries: ['五金制品（锁具、燃气具）', '电子电器'],
    description: '五金锁具和燃气具产业集群发达的专业镇，2021年与东升镇合并。',
    population: 500_000, longitude: 113.250, latitude: 22.662, weight: 14,
    sectors: [['C3351', 5], ['C3861', 4], ['C3352', 2], ['C3389', 2], ['C3982', 2], ['C3983', 1], ['C3854', 1], ['C3872', 1]],
  },
];
