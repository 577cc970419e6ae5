/**
 * Technology vocabulary for generated demo and benchmark patents, one theme per industry of the towns
 * (product.md). Words are ordinary technical terms of each field; IPC codes and Locarno classes are
 * real classification symbols typical of the field (IPC 2026.01, Locarno 14th edition), weighted by
 * how often such patents carry them. Every patent built from these is invented.
 */

export type PatentTheme = {
  /** What the field makes: the core of a title (一种 + feature + 的 + product). */
  products: readonly string[];
  /** Parts and structures the abstract and claims name. */
  parts: readonly string[];
  /** Features a title may lead with. */
  features: readonly string[];
  /** Effects the abstract closes with. */
  effects: readonly string[];
  /** [IPC code, weight] — main IPC of inventions and utility models. */
  ipc: readonly (readonly [string, number])[];
  /** Additional IPC codes a record may carry. */
  extraIpc: readonly string[];
  /** Locarno classes of the field's designs. */
  locarno: readonly string[];
  /** Share of designs among the field's filings, and of inventions; the rest are utility models. */
  designShare: number;
  inventionShare: number;
  /** What a design product is used for (用途). */
  use: string;
};

const COMMON_EFFECTS = ['结构简单', '安装方便', '成本低', '使用寿命长', '便于维护', '生产效率高', '稳定可靠'];

export const PATENT_THEMES = {
  lighting: {
    products: [
      'LED灯具',
      '吸顶灯',
      '筒灯',
      '射灯',
      'LED灯带',
      '路灯',
      '投光灯',
      '水晶吊灯',
      '面板灯',
      '轨道灯',
      '台灯',
      '壁灯',
      '线性灯',
      '防爆灯',
      '植物生长灯',
      '舞台灯',
    ],
    parts: [
      '灯体',
      '散热鳍片',
      '透镜',
      '驱动电源',
      '铝基板',
      '导光板',
      '扩散板',
      '灯罩',
      '光源模组',
      '反光杯',
      '恒流驱动电路',
      '调光模块',
      '色温调节电路',
      '防水胶圈',
      '安装支架',
      '接线端子',
    ],
    features: ['散热良好', '防眩光', '可调光调色', '高光效', '防水防尘', '快速安装', '智能控制', '无频闪', '模块化', '超薄'],
    effects: ['散热效率高', '出光均匀', '光效高', '能耗低', '眩光小', ...COMMON_EFFECTS],
    ipc: [
      ['F21V29/70', 5],
      ['F21V23/00', 3],
      ['F21S8/00', 4],
      ['F21K9/20', 3],
      ['H05B45/37', 3],
      ['H05B47/19', 3],
      ['F21V5/04', 2],
      ['F21V17/10', 2],
      ['F21S4/28', 1],
      ['H01L33/64', 1],
    ],
    extraIpc: ['F21Y115/10', 'F21V19/00', 'F21V31/00', 'F21W131/10', 'H05B47/105'],
    locarno: ['26-05', '26-03', '26-04', '26-06'],
    designShare: 0.45,
    inventionShare: 0.12,
    use: '用于室内外照明',
  },
  locks_hardware: {
    products: ['智能门锁', '指纹锁', '锁芯', '执手', '合页', '滑轨', '拉手', '门吸', '闭门器', '挂锁', '保险柜锁', '地弹簧'],
    parts: [
      '锁体',
      '锁舌',
      '离合机构',
      '电机',
      '指纹识别模块',
      '面板',
      '弹簧',
      '拨片',
      '转轴',
      '阻尼器',
      '把手',
      '限位块',
      '锁壳',
      '钥匙孔',
      '电池仓',
    ],
    features: ['防撬', '防技术开启', '静音', '自动上锁', '低功耗', '双向开启', '缓冲', '可调节'],
    effects: ['安全性高', '开启顺畅', '防盗性能好', '耗电少', ...COMMON_EFFECTS],
    ipc: [
      ['E05B47/00', 5],
      ['E05B15/00', 3],
      ['E05B63/00', 2],
      ['E05D3/02', 2],
      ['E05D15/06', 2],
      ['E05B1/00', 2],
      ['E05F3/10', 1],
      ['A47B88/40', 1],
      ['G07C9/00', 2],
    ],
    extraIpc: ['E05B17/00', 'E05B49/00', 'G06V40/12', 'E05C1/08'],
    locarno: ['08-07', '08-06', '08-08'],
    designShare: 0.35,
    inventionShare: 0.1,
    use: '用于门窗及家具的锁闭与开启',
  },
  appliances: {
    products: [
      '电饭煲',
      '空气炸锅',
      '豆浆机',
      '电热水壶',
      '破壁机',
      '电烤箱',
      '电风扇',
      '吸尘器',
      '电压力锅',
      '煎烤机',
      '取暖器',
      '加湿器',
      '燃气灶',
      '热水器',
    ],
    parts: ['锅体', '发热盘', '温控器', '电机', '刀组', '风道', '控制面板', '密封圈', '蒸汽阀', '底座', '内胆', '加热管', '风轮', '出风口'],
    features: ['防干烧', '智能控温', '快速加热', '低噪音', '易清洗', '防溢出', '多功能', '节能'],
    effects: ['加热均匀', '噪音低', '能耗低', '清洗方便', '安全性好', ...COMMON_EFFECTS],
    ipc: [
      ['A47J27/00', 4],
      ['A47J37/06', 3],
      ['A47J43/04', 3],
      ['A47J36/32', 2],
      ['F24C7/08', 2],
      ['F04D25/08', 2],
      ['A47L9/28', 1],
      ['H05B6/06', 1],
      ['F24H9/20', 1],
      ['F24C3/08', 1],
    ],
    extraIpc: ['A47J36/24', 'A47J31/44', 'H05B1/02', 'F04D29/42'],
    locarno: ['07-02', '23-04', '31-00', '15-05'],
    designShare: 0.4,
    inventionShare: 0.12,
    use: '用于家庭烹饪及日常生活',
  },
  game_machines: {
    products: [
      '游戏机',
      '娃娃机',
      '体感游戏机',
      '模拟驾驶游戏机',
      '投币器',
      '推币机',
      '射击游戏机',
      '音乐游戏机',
      '游乐设备',
      'VR体验设备',
    ],
    parts: ['机柜', '摇杆', '投币模块', '显示屏', '抓取机构', '控制主板', '座椅', '动感平台', '出奖机构', '感应器', '方向盘', '计分电路'],
    features: ['体感交互', '防作弊', '多人联机', '沉浸式', '自动出奖', '可升降'],
    effects: ['娱乐性强', '互动性好', '运行稳定', '防作弊能力强', ...COMMON_EFFECTS],
    ipc: [
      ['A63F13/00', 4],
      ['A63F9/24', 3],
      ['G07F17/32', 3],
      ['A63G31/16', 2],
      ['A63F13/245', 2],
      ['G07F17/38', 1],
    ],
    extraIpc: ['A63F13/28', 'G06F3/01', 'A63F9/30'],
    locarno: ['21-01', '21-02', '20-01'],
    designShare: 0.35,
    inventionShare: 0.15,
    use: '用于游艺娱乐场所',
  },
  furniture: {
    products: ['红木家具', '办公桌', '办公椅', '沙发', '书柜', '餐桌', '屏风', '茶台', '衣柜'],
    parts: ['榫卯结构', '桌面', '椅背', '扶手', '抽屉', '连接件', '支撑脚', '调节机构', '靠背', '框架'],
    features: ['可折叠', '可升降', '免工具拆装', '防开裂', '人体工学', '多功能'],
    effects: ['结构牢固', '拆装方便', '坐感舒适', '外形美观', ...COMMON_EFFECTS],
    ipc: [
      ['A47B13/00', 3],
      ['A47C7/00', 3],
      ['A47B96/00', 2],
      ['B27M3/18', 2],
      ['A47B9/00', 2],
      ['A47C1/024', 1],
    ],
    extraIpc: ['A47B88/40', 'F16B12/12', 'A47C7/40'],
    locarno: ['06-01', '06-03', '06-04', '06-06'],
    designShare: 0.55,
    inventionShare: 0.06,
    use: '用于家居及办公',
  },
  garments: {
    products: ['休闲服装', '牛仔面料', '运动服', '衬衫', '针织面料', '服装辅料', '染色工艺', '洗水工艺'],
    parts: ['面料', '纱线', '衣领', '袖口', '拉链', '口袋', '染色槽', '烘干装置', '缝线', '里衬'],
    features: ['透气', '速干', '环保', '抗皱', '弹力', '节水'],
    effects: ['穿着舒适', '色牢度高', '节水环保', '透气性好', ...COMMON_EFFECTS],
    ipc: [
      ['A41D1/00', 3],
      ['A41D27/00', 2],
      ['D06P1/00', 2],
      ['D06B3/10', 2],
      ['D03D15/00', 2],
      ['D04B1/14', 1],
    ],
    extraIpc: ['D06M15/00', 'A41D31/00', 'D06F58/00'],
    locarno: ['02-02', '02-03', '05-05'],
    designShare: 0.3,
    inventionShare: 0.15,
    use: '用于服装穿着',
  },
  food: {
    products: ['腊味', '广式腊肠', '调味酱', '酱油', '预制菜', '糕点', '食品加工设备', '烘焙食品'],
    parts: ['腌制槽', '烘干房', '灌装机', '输送带', '搅拌罐', '杀菌装置', '包装袋', '温控系统'],
    features: ['低盐', '自动化', '保鲜', '无添加', '节能'],
    effects: ['风味佳', '保质期长', '生产效率高', '卫生安全', ...COMMON_EFFECTS],
    ipc: [
      ['A23L13/40', 3],
      ['A23L27/50', 2],
      ['A23B4/03', 2],
      ['A21D13/80', 1],
      ['A23P30/00', 1],
      ['B65B55/02', 1],
    ],
    extraIpc: ['A23L3/40', 'A23L5/10'],
    locarno: ['09-03', '01-01'],
    designShare: 0.2,
    inventionShare: 0.35,
    use: '用于食品包装',
  },
  electronics: {
    products: ['电路板', '传感器', '智能开关', '充电器', '显示模组', '智能家居控制器', '配电柜', '电线电缆', '光电器件', '智能终端'],
    parts: ['控制芯片', 'PCB板', '外壳', '接口', '天线', '电源模块', '散热片', '传感元件', '继电器', '屏蔽罩'],
    features: ['低功耗', '抗干扰', '无线', '高精度', '快充', '防雷'],
    effects: ['检测精度高', '抗干扰能力强', '功耗低', '响应快', ...COMMON_EFFECTS],
    ipc: [
      ['H05K7/20', 3],
      ['G01D11/24', 2],
      ['H02J7/00', 2],
      ['H01H13/14', 2],
      ['H02B1/26', 2],
      ['H01B7/17', 1],
      ['G06F3/041', 1],
      ['H04L12/28', 2],
    ],
    extraIpc: ['H05K1/02', 'G01K7/00', 'H02J7/02'],
    locarno: ['13-03', '14-03', '10-05'],
    designShare: 0.25,
    inventionShare: 0.3,
    use: '用于电子电气设备',
  },
  machinery: {
    products: ['数控机床', '工业机器人', '注塑模具', '夹具', '自动化生产线', '3D打印装置', '电梯', '传动装置', '冲压设备'],
    parts: ['机械臂', '主轴', '导轨', '丝杆', '伺服电机', '模具型腔', '夹紧机构', '传感器', '控制柜', '减速器'],
    features: ['高精度', '自动上下料', '快速换模', '柔性', '节能', '视觉定位'],
    effects: ['加工精度高', '生产效率高', '良品率高', '自动化程度高', ...COMMON_EFFECTS],
    ipc: [
      ['B23Q3/06', 3],
      ['B25J9/16', 3],
      ['B29C45/26', 3],
      ['B33Y30/00', 1],
      ['B66B11/00', 1],
      ['F16H1/28', 1],
      ['B21D37/10', 1],
    ],
    extraIpc: ['B25J15/00', 'B23Q7/00', 'B29C45/17'],
    locarno: ['15-09', '15-99'],
    designShare: 0.1,
    inventionShare: 0.35,
    use: '用于工业生产',
  },
  plastics: {
    products: ['塑料制品', '包装容器', '收纳盒', '塑料管件', '包装盒', '保鲜盒'],
    parts: ['盒体', '盒盖', '卡扣', '密封条', '提手', '加强筋', '分隔板'],
    features: ['可降解', '密封', '可折叠', '防滑', '可堆叠'],
    effects: ['密封性好', '强度高', '环保', '节省空间', ...COMMON_EFFECTS],
    ipc: [
      ['B65D43/02', 3],
      ['B65D81/38', 2],
      ['B29C49/00', 2],
      ['C08L67/04', 1],
      ['B65D21/02', 1],
    ],
    extraIpc: ['B65D25/04', 'C08K3/34'],
    locarno: ['09-03', '07-06', '09-05'],
    designShare: 0.35,
    inventionShare: 0.12,
    use: '用于物品收纳及包装',
  },
  health: {
    products: ['医疗器械', '中药制剂', '监护仪', '康复器械', '医用敷料', '检测试剂盒', '按摩器'],
    parts: ['壳体', '传感器', '控制单元', '药物组合物', '提取液', '显示屏', '电极片', '固定带'],
    features: ['便携', '无创', '快速检测', '智能'],
    effects: ['检测准确', '疗效确切', '患者依从性好', '使用安全', ...COMMON_EFFECTS],
    ipc: [
      ['A61B5/00', 3],
      ['A61K36/00', 2],
      ['A61H15/00', 2],
      ['A61F13/02', 1],
      ['G01N33/53', 1],
      ['A61M16/00', 1],
    ],
    extraIpc: ['A61P29/00', 'A61B5/0205'],
    locarno: ['24-01', '24-02', '28-03'],
    designShare: 0.15,
    inventionShare: 0.45,
    use: '用于医疗保健',
  },
} satisfies Record<string, PatentTheme>;

export type PatentThemeKey = keyof typeof PATENT_THEMES;

/** The theme of an enterprise's patents, from its GB/T 4754-2017 industry class. */
export function themeOfIndustry(industryCode: string): PatentThemeKey | null {
  const c = industryCode;
  if (['C3871', 'C3872', 'C3874', 'C3879', 'C3975', 'M7492'].includes(c)) return 'lighting';
  if (['C3351', 'C3352', 'C3389'].includes(c)) return 'locks_hardware';
  if (c.startsWith('C385') || c === 'C3861') return 'appliances';
  if (c.startsWith('C246') || c === 'C3969') return 'game_machines';
  if (c === 'C2110' || c.startsWith('C211')) return 'furniture';
  if (c.startsWith('C17') || c.startsWith('C18')) return 'garments';
  if (c.startsWith('C13') || c.startsWith('C14')) return 'food';
  if (['C3982', 'C3983', 'C3951', 'C3976', 'C3823', 'C3831'].includes(c)) return 'electronics';
  if (['C3484', 'C3491', 'C3493', 'C3435', 'C3499'].includes(c)) return 'machinery';
  if (['C2927', 'C2929', 'C2319', 'C2231'].includes(c)) return 'plastics';
  if (c.startsWith('C27') || c.startsWith('C358')) return 'health';
  return null;
}
