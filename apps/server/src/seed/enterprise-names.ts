/**
 * Vocabulary for fictional demo enterprises: industry classes, trade-name characters, people's
 * names and street names. Every enterprise built from these is invented; any likeness to a
 * real company is a coincidence of common words.
 *
 * Industry classes are GB/T 4754-2017 (国民经济行业分类, with its 2019 amendment) class codes,
 * section letter + 4 digits, chosen to match each town's specialized industry in product.md.
 */

export type SectorKind = 'manufacturing' | 'service' | 'agriculture';

export type Sector = {
  /** GB/T 4754-2017 class title, to keep the code reviewable. */
  title: string;
  kind: SectorKind;
  /** Industry words for the enterprise name (中山市 + 字号 + word + 有限公司). */
  words: readonly string[];
  /** What such a firm makes or offers, for its one-line description. */
  product: string;
  /** How likely such a firm is to be high-tech or tech-based, relative to the average (1). */
  tech: number;
};

export const SECTORS: Readonly<Record<string, Sector>> = {
  // 灯饰照明 (古镇, 横栏)
  C3871: { title: '电光源制造', kind: 'manufacturing', words: ['光源', '电光源', '光电'], product: 'LED光源及各类照明光源', tech: 1.3 },
  C3872: {
    title: '照明灯具制造',
    kind: 'manufacturing',
    words: ['灯饰', '照明', '灯饰照明', '照明电器', '灯具', '照明科技'],
    product: '商业照明灯具和家居灯饰',
    tech: 1,
  },
  C3874: {
    title: '智能照明器具制造',
    kind: 'manufacturing',
    words: ['智能照明', '光电科技', '照明科技'],
    product: '智能照明控制系统及智能灯具',
    tech: 1.8,
  },
  C3879: {
    title: '灯用电器附件及其他照明器具制造',
    kind: 'manufacturing',
    words: ['灯饰配件', '照明电器', '五金灯饰', '电器'],
    product: '灯饰五金配件、灯用电源及驱动器',
    tech: 0.8,
  },
  C3975: {
    title: '半导体照明器件制造',
    kind: 'manufacturing',
    words: ['光电科技', '半导体照明', '光电'],
    product: 'LED封装器件及半导体照明模组',
    tech: 2,
  },
  M7492: {
    title: '专业设计服务',
    kind: 'service',
    words: ['照明设计', '灯饰设计', '设计'],
    product: '照明工程方案与灯饰产品设计服务',
    tech: 0.8,
  },
  // 五金、燃气具、电子 (小榄)
  C3351: {
    title: '建筑、家具用金属配件制造',
    kind: 'manufacturing',
    words: ['锁业', '五金制品', '五金', '智能锁'],
    product: '机械门锁、智能锁及家具五金配件',
    tech: 1,
  },
  C3352: {
    title: '建筑装饰及水暖管道零件制造',
    kind: 'manufacturing',
    words: ['水暖器材', '卫浴五金', '水暖'],
    product: '水暖阀门、卫浴五金及管道配件',
    tech: 0.7,
  },
  C3389: {
    title: '其他金属制日用品制造',
    kind: 'manufacturing',
    words: ['金属制品', '五金制品', '日用五金'],
    product: '日用金属制品及五金配件',
    tech: 0.6,
  },
  C3861: {
    title: '燃气及类似能源家用器具制造',
    kind: 'manufacturing',
    words: ['燃气具', '燃气用具', '厨卫电器', '热水器'],
    product: '燃气热水器、燃气灶具等燃气用具',
    tech: 1.2,
  },
  C3982: {
    title: '电子电路制造',
    kind: 'manufacturing',
    words: ['电子', '电路科技', '线路板'],
    product: '印制电路板及电子组件',
    tech: 1.6,
  },
  C3983: {
    title: '敏感元件及传感器制造',
    kind: 'manufacturing',
    words: ['传感科技', '电子', '智能科技'],
    product: '传感器及智能控制模块',
    tech: 2,
  },
  // 家用电器 (东凤, 南头)
  C3851: {
    title: '家用制冷电器具制造',
    kind: 'manufacturing',
    words: ['电器', '制冷电器', '家电'],
    product: '冰箱、冷柜等家用制冷电器',
    tech: 1.2,
  },
  C3852: {
    title: '家用空气调节器制造',
    kind: 'manufacturing',
    words: ['空调', '电器', '环境电器'],
    product: '家用空调及空气调节设备',
    tech: 1.2,
  },
  C3853: {
    title: '家用通风电器具制造',
    kind: 'manufacturing',
    words: ['电器', '风扇', '家电'],
    product: '电风扇、换气扇等家用通风电器',
    tech: 0.8,
  },
  C3854: {
    title: '家用厨房电器具制造',
    kind: 'manufacturing',
    words: ['电器', '厨房电器', '家电', '电器科技'],
    product: '电饭煲、电压力锅等厨房小家电',
    tech: 1,
  },
  C3855: {
    title: '家用清洁卫生电器具制造',
    kind: 'manufacturing',
    words: ['电器', '清洁电器', '卫浴电器'],
    product: '洗衣机、吸尘器及电热水器等清洁卫生电器',
    tech: 1.1,
  },
  C3856: {
    title: '家用美容、保健护理电器具制造',
    kind: 'manufacturing',
    words: ['电器', '健康电器', '个护电器'],
    product: '电吹风、美容仪等个人护理电器',
    tech: 1,
  },
  C3857: {
    title: '家用电力器具专用配件制造',
    kind: 'manufacturing',
    words: ['电器配件', '电机', '电器部件'],
    product: '家电专用电机、温控器等配件',
    tech: 0.9,
  },
  C3859: {
    title: '其他家用电力器具制造',
    kind: 'manufacturing',
    words: ['电器', '家电', '电器实业'],
    product: '电暖器、加湿器等家用电器',
    tech: 0.8,
  },
  C3951: {
    title: '电视机制造',
    kind: 'manufacturing',
    words: ['电子', '视听电器', '显示科技'],
    product: '液晶电视机及显示终端',
    tech: 1.6,
  },
  // 食品 (黄圃)
  C1353: {
    title: '肉制品及副产品加工',
    kind: 'manufacturing',
    words: ['食品', '腊味', '肉食品'],
    product: '广式腊肠、腊肉等腊味食品',
    tech: 0.4,
  },
  C1411: {
    title: '糕点、面包制造',
    kind: 'manufacturing',
    words: ['食品', '饼业', '烘焙食品'],
    product: '广式糕点、月饼等焙烤食品',
    tech: 0.3,
  },
  C1462: {
    title: '酱油、食醋及类似制品制造',
    kind: 'manufacturing',
    words: ['调味食品', '酱园', '食品'],
    product: '酱油、蚝油等调味品',
    tech: 0.5,
  },
  C1499: { title: '其他未列明食品制造', kind: 'manufacturing', words: ['食品', '食品科技'], product: '休闲食品及预制菜', tech: 0.4 },
  // 游戏游艺 (港口)
  C2461: {
    title: '露天游乐场所游乐设备制造',
    kind: 'manufacturing',
    words: ['游乐设备', '游乐科技', '游艺设备'],
    product: '游乐场游乐设施',
    tech: 0.9,
  },
  C2462: {
    title: '游艺用品及室内游艺器材制造',
    kind: 'manufacturing',
    words: ['游艺', '动漫科技', '游戏设备', '电子游艺'],
    product: '室内电子游戏游艺设备',
    tech: 1.1,
  },
  C2469: {
    title: '其他娱乐用品制造',
    kind: 'manufacturing',
    words: ['娱乐用品', '动漫', '玩具'],
    product: '娱乐用品及动漫衍生产品',
    tech: 0.6,
  },
  C3969: {
    title: '其他智能消费设备制造',
    kind: 'manufacturing',
    words: ['智能科技', '电子科技', '智能设备'],
    product: 'VR体感娱乐及智能消费设备',
    tech: 1.8,
  },
  // 家具、服装 (大涌, 沙溪)
  C2110: {
    title: '木质家具制造',
    kind: 'manufacturing',
    words: ['红木家具', '家具', '古典家具', '红木'],
    product: '红木家具及古典实木家具',
    tech: 0.3,
  },
  C1713: { title: '棉印染精加工', kind: 'manufacturing', words: ['纺织', '洗水', '印染'], product: '牛仔面料洗水及印染加工', tech: 0.4 },
  C1811: { title: '运动机织服装制造', kind: 'manufacturing', words: ['运动服饰', '服装', '体育用品'], product: '运动休闲服装', tech: 0.4 },
  C1819: {
    title: '其他机织服装制造',
    kind: 'manufacturing',
    words: ['服装', '服饰', '制衣', '牛仔服装'],
    product: '牛仔裤、休闲裤等机织服装',
    tech: 0.3,
  },
  C1829: {
    title: '其他针织或钩针编织服装制造',
    kind: 'manufacturing',
    words: ['服装', '针织', '服饰'],
    product: 'T恤、卫衣等针织休闲服装',
    tech: 0.3,
  },
  C1830: {
    title: '服饰制造',
    kind: 'manufacturing',
    words: ['服饰', '服装辅料', '织带'],
    product: '帽子、领带等服饰及服装辅料',
    tech: 0.3,
  },
  // 健康医药、电子信息、装备 (中山港, 南朗)
  C2720: { title: '化学药品制剂制造', kind: 'manufacturing', words: ['药业', '制药', '医药'], product: '化学药品制剂', tech: 2 },
  C2740: { title: '中成药生产', kind: 'manufacturing', words: ['药业', '中药', '制药'], product: '中成药及中药配方颗粒', tech: 1.6 },
  C2770: {
    title: '卫生材料及医药用品制造',
    kind: 'manufacturing',
    words: ['医疗用品', '卫材', '医用材料'],
    product: '医用敷料及卫生材料',
    tech: 1.2,
  },
  C3581: {
    title: '医疗诊断、监护及治疗设备制造',
    kind: 'manufacturing',
    words: ['医疗科技', '医疗设备', '生物医疗'],
    product: '医学影像、监护及诊断设备',
    tech: 2.2,
  },
  C3584: {
    title: '医疗、外科及兽医用器械制造',
    kind: 'manufacturing',
    words: ['医疗器械', '医疗科技'],
    product: '手术器械及一次性医疗器械',
    tech: 1.8,
  },
  C3976: {
    title: '光电子器件制造',
    kind: 'manufacturing',
    words: ['光电', '光电科技', '成像科技'],
    product: '光学镜头、激光器件及光电模组',
    tech: 2.2,
  },
  C3491: {
    title: '工业机器人制造',
    kind: 'manufacturing',
    words: ['智能装备', '机器人', '自动化'],
    product: '工业机器人及自动化生产线',
    tech: 2.2,
  },
  C3493: {
    title: '增材制造装备制造',
    kind: 'manufacturing',
    words: ['三维科技', '增材制造', '激光科技'],
    product: '3D打印设备及增材制造服务',
    tech: 2.2,
  },
  I6513: {
    title: '应用软件开发',
    kind: 'service',
    words: ['软件', '信息科技', '网络科技', '数字科技'],
    product: '工业软件及企业信息化解决方案',
    tech: 2,
  },
  I6531: {
    title: '信息系统集成服务',
    kind: 'service',
    words: ['信息技术', '智能科技', '系统集成'],
    product: '信息系统集成与物联网解决方案',
    tech: 1.8,
  },
  M7320: {
    title: '工程和技术研究和试验发展',
    kind: 'service',
    words: ['科技研发', '技术研究', '工程技术'],
    product: '工程技术研发、中试与检测',
    tech: 2.2,
  },
  M7519: {
    title: '其他技术推广服务',
    kind: 'service',
    words: ['科技', '技术服务', '科技服务'],
    product: '技术咨询、技术转移与成果推广服务',
    tech: 1.3,
  },
  // 综合制造 (other towns)
  C2231: {
    title: '纸和纸板容器制造',
    kind: 'manufacturing',
    words: ['纸品', '包装', '纸制品'],
    product: '纸箱、纸盒等包装容器',
    tech: 0.5,
  },
  C2319: { title: '包装装潢及其他印刷', kind: 'manufacturing', words: ['印刷', '包装', '彩印'], product: '包装装潢印刷品', tech: 0.6 },
  C2927: { title: '日用塑料制品制造', kind: 'manufacturing', words: ['塑料制品', '塑胶', '塑胶制品'], product: '日用塑料制品', tech: 0.6 },
  C2929: {
    title: '塑料零件及其他塑料制品制造',
    kind: 'manufacturing',
    words: ['塑胶', '塑料', '注塑'],
    product: '注塑件及塑料零配件',
    tech: 0.7,
  },
  C3435: {
    title: '电梯、自动扶梯及升降机制造',
    kind: 'manufacturing',
    words: ['电梯', '升降机', '机电'],
    product: '电梯及升降设备',
    tech: 1.3,
  },
  C3484: { title: '机械零部件加工', kind: 'manufacturing', words: ['机械', '精密机械', '五金机械'], product: '精密机械零部件', tech: 0.9 },
  C3499: {
    title: '其他未列明通用设备制造业',
    kind: 'manufacturing',
    words: ['机电', '设备', '机械设备'],
    product: '通用机械设备',
    tech: 1,
  },
  C3823: {
    title: '配电开关控制设备制造',
    kind: 'manufacturing',
    words: ['电气', '电气设备', '开关'],
    product: '配电柜及开关控制设备',
    tech: 1.2,
  },
  C3831: { title: '电线、电缆制造', kind: 'manufacturing', words: ['电线电缆', '线缆', '电缆'], product: '电线电缆', tech: 0.8 },
  // 花木 (横栏, 五桂山, 神湾)
  A0143: { title: '花卉种植', kind: 'agriculture', words: ['花木', '园艺', '花卉'], product: '盆景、花卉及绿化苗木', tech: 0.2 },
  A0212: { title: '林木育苗', kind: 'agriculture', words: ['苗木', '园林', '绿化'], product: '绿化苗木', tech: 0.2 },
};

/** First and second characters of two-character trade names (字号); same-character pairs are skipped. */
export const BRAND_FIRST = [...'华明金宏恒嘉美新永盛鑫瑞德信福昌顺康泰富天星海中东南佳优精创科汇联凯欧雅尚皇冠亿万广粤榄岐'];
export const BRAND_SECOND = [...'艺辉光达丰利兴隆源安和发盛泰威豪美亮彩晶耀宇诚通成锐邦迪科力森博越朗腾俊翔昊灿悦逸'];

/** Common surnames in Zhongshan (Cantonese area) and given-name characters, for contacts. */
export const SURNAMES = [...'梁李陈黄张林何吴刘郑冯杨罗周谢苏卢麦郭袁邓叶甘欧高区莫彭胡'];
export const GIVEN = [...'志伟国华建文明军永杰家俊嘉敏丽芳燕玲婷欣晓冬海锦荣添宝耀辉浩泽雪颖'];

/** Mobile prefixes of the three carriers (well-formed 1[3-9]x numbers; the rest is random). */
export const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '158',
  '159',
  '177',
  '180',
  '181',
  '182',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

/** Generic street names; towns are small enough that many share the same kinds of names. */
export const ROADS = [
  '兴业路',
  '工业大道',
  '创业路',
  '科技路',
  '振兴路',
  '发展路',
  '建设路',
  '环镇路',
  '沿江路',
  '新兴路',
  '同乐路',
  '中兴大道',
  '富华路',
  '康乐路',
  '民营工业园',
  '工业园区',
  '翠园路',
  '文明路',
];
