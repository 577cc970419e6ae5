import type { ServiceCategory } from '@innotown/contracts/service-categories';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { users } from '../db/schema/accounts.ts';
import { services } from '../db/schema/services.ts';
import { listQuotes } from '../modules/service-requirements/service-requirements.repository.ts';
import {
  acceptQuote,
  cancelRequirement,
  createQuote,
  createRequirement,
  declineQuote,
  expireRequirements,
  withdrawQuote,
} from '../modules/service-requirements/service-requirements.service.ts';
import { type RequestContext, systemContext } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { ANONYMOUS } from '../platform/policy.ts';
import { addCalendarDays, shanghaiDate } from '../platform/working-days.ts';

/**
 * Demo requirements (需求) with competing quotes, made through the service functions so that they carry the
 * history, audit and notifications real ones do. Besides `provider` and `lamplab`, four member institutions get a
 * provider account (same demo password) so that quotes compete.
 */
export const REQUIREMENT_QUOTERS: readonly { username: string; displayName: string; institutionKey: string }[] = [
  { username: 'qmi', displayName: '市质量计量监督检测所业务员', institutionKey: 'zhongshan-quality-metrology-institute' },
  { username: 'hwtest', displayName: '小榄五金检测中心业务员', institutionKey: 'xiaolan-hardware-testing' },
  { username: 'guzhenpc', displayName: '古镇生产力促进中心专员', institutionKey: 'guzhen-productivity-centre' },
  { username: 'xiaolanpc', displayName: '小榄生产力促进中心专员', institutionKey: 'xiaolan-productivity-centre' },
];

type Quote = { by: string; priceYuan: number; days: number; note?: string; outcome?: 'withdraw' | 'decline' | 'accept'; reason?: string };
type Demo = {
  by: string;
  category: ServiceCategory;
  title: string;
  description: string;
  budgetYuan?: [number | null, number | null];
  deadlineDays: number;
  quotes?: Quote[];
  outcome?: 'cancel' | 'expire';
};

const DEMOS: readonly Demo[] = [
  {
    by: 'enterprise',
    category: 'testing',
    title: 'LED 筒灯光色电参数及能效检测',
    description: '新款 12W/18W LED 筒灯各 3 个型号，需测光通量、光效、色温、显色指数和功率因数，出具 CMA 报告用于能效备案。',
    budgetYuan: [3000, 8000],
    deadlineDays: 12,
    quotes: [
      { by: 'lamplab', priceYuan: 5400, days: 5, note: '6 个样品，积分球测试，含 CNAS/CMA 报告' },
      { by: 'qmi', priceYuan: 4800, days: 8, note: '可同时出具能效备案所需检验报告' },
      { by: 'hwtest', priceYuan: 9800, days: 10, outcome: 'decline', reason: 'price_too_high', note: '含加急' },
    ],
  },
  {
    by: 'enterprise',
    category: 'training',
    title: '灯具安规与 CCC 认证企业内训',
    description: '面向研发与品管 20 人，讲解 GB 7000 系列要求、CCC 送样流程和常见不合格项，半天至一天。',
    budgetYuan: [2000, 6000],
    deadlineDays: 20,
    quotes: [
      { by: 'guzhenpc', priceYuan: 3500, days: 10, note: '古镇本地讲师，可到厂授课', outcome: 'accept' },
      { by: 'provider', priceYuan: 4200, days: 14 },
      { by: 'xiaolanpc', priceYuan: 3900, days: 12 },
    ],
  },
  {
    by: 'enterprise',
    category: 'ip',
    title: '新品外观设计专利布局咨询',
    description: '年内计划上市 8 款灯饰新品，希望评估外观设计专利申请策略与费用。',
    deadlineDays: 30,
  },
  {
    by: 1,
    category: 'information',
    title: '欧盟 ErP/RoHS 法规更新解读',
    description: '出口欧盟的灯具与五金产品，需要最新 ErP 生态设计与 RoHS 豁免条款变化的解读和应对建议。',
    budgetYuan: [null, 5000],
    deadlineDays: 15,
    quotes: [
      { by: 'provider', priceYuan: 2800, days: 7 },
      { by: 'xiaolanpc', priceYuan: 3200, days: 5, note: '附出口市场信息月报 3 期' },
    ],
  },
  {
    by: 2,
    category: 'testing',
    title: '五金锁具盐雾与耐久试验',
    description: '锌合金锁体 10 件，中性盐雾 96 小时，开关耐久 5 万次，需出具检测报告。',
    budgetYuan: [4000, 12000],
    deadlineDays: 10,
    quotes: [
      { by: 'hwtest', priceYuan: 7600, days: 9 },
      { by: 'qmi', priceYuan: 8200, days: 12, outcome: 'withdraw' },
    ],
  },
  {
    by: 3,
    category: 'tech_transfer',
    title: 'LED 驱动电源专利技术对接',
    description: '寻找高校或科研院所的高功率因数 LED 驱动专利，意向许可或合作开发。',
    deadlineDays: 25,
    quotes: [{ by: 'provider', priceYuan: 6000, days: 30, note: '组织两场成果对接会' }],
  },
  {
    by: 4,
    category: 'testing',
    title: '燃气灶具热效率与 CO 排放检测',
    description: '嵌入式燃气灶 2 个型号，按 GB 16410 测热效率和烟气中 CO 含量。',
    budgetYuan: [5000, 10000],
    deadlineDays: 14,
    quotes: [
      { by: 'qmi', priceYuan: 6800, days: 7, outcome: 'accept' },
      { by: 'hwtest', priceYuan: 7200, days: 6 },
    ],
  },
  {
    by: 5,
    category: 'training',
    title: '注塑车间操作工技能培训',
    description: '约 30 名新员工，注塑工艺基础与安全操作，希望在厂内完成。',
    budgetYuan: [3000, 5000],
    deadlineDays: 18,
    quotes: [{ by: 'xiaolanpc', priceYuan: 4500, days: 10 }],
    outcome: 'cancel',
  },
  {
    by: 6,
    category: 'information',
    title: '家电行业专利预警简报',
    description: '小家电产品线的竞争对手专利动态，季度简报。',
    budgetYuan: [1000, 3000],
    deadlineDays: -20,
    outcome: 'expire',
  },
  {
    by: 7,
    category: 'rnd',
    title: '灯饰结构件轻量化设计',
    description: '吊灯铝合金结构件减重 20%，需结构仿真与外观优化方案。',
    budgetYuan: [20000, 50000],
    deadlineDays: 21,
    quotes: [{ by: 'guzhenpc', priceYuan: 32000, days: 30, note: '含 3 轮结构仿真' }],
  },
  {
    by: 8,
    category: 'testing',
    title: '板式家具甲醛释放量检测',
    description: '板式衣柜 2 个系列，按 GB 18580 测甲醛释放量。',
    budgetYuan: [1500, 4000],
    deadlineDays: 9,
  },
  {
    by: 9,
    category: 'testing',
    title: 'LED 灯具 EMC 预测试',
    description: '3 款 LED 面板灯在送 CCC 前做传导与辐射骚扰预测试，找出整改方向。',
    budgetYuan: [2000, 6000],
    deadlineDays: 8,
    quotes: [
      { by: 'lamplab', priceYuan: 3600, days: 3 },
      { by: 'hwtest', priceYuan: 2900, days: 6, outcome: 'decline', reason: 'not_matching' },
    ],
  },
].map((d) => ({ ...d, by: String(d.by) })) as Demo[];

export async function seedRequirements(
  tx: Db,
  ids: { institutionId: Map<string, string>; passwordHash: string },
  now = new Date(),
): Promise<{ requirements: number; quotes: number }> {
  const quoters = REQUIREMENT_QUOTERS.filter((q) => ids.institutionId.has(q.institutionKey));
  if (quoters.length) {
    await tx.insert(users).values(
      quoters.map((q) => ({
        username: q.username,
        passwordHash: ids.passwordHash,
        displayName: q.displayName,
        role: 'provider' as const,
        institutionId: ids.institutionId.get(q.institutionKey) as string,
      })),
    );
  }
  const accounts = await tx
    .select({
      userId: users.id,
      username: users.username,
      role: users.role,
      townId: users.townId,
      institutionId: users.institutionId,
      enterpriseId: users.enterpriseId,
    })
    .from(users)
    .where(inArray(users.role, ['enterprise', 'provider']))
    .orderBy(asc(users.username));
  const byName = new Map(accounts.map((a) => [a.username, a]));
  // Posters: `enterprise`, then client enterprises' accounts by number (other towns).
  const clients = accounts.filter((a) => a.role === 'enterprise' && a.username !== 'enterprise' && a.enterpriseId);
  const ctxOf = (name: string): RequestContext | null => {
    const a = /^\d+$/.test(name) ? clients[(Number(name) - 1) % Math.max(1, clients.length)] : byName.get(name);
    return a ? systemContext({ ...a, role: a.role as 'enterprise' | 'provider' }) : null;
  };
  const serviceOf = async (institutionId: string, category: string) => {
    const [row] = await tx
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.institutionId, institutionId), eq(services.category, category), eq(services.status, 'published')))
      .orderBy(asc(services.title))
      .limit(1);
    return row?.id;
  };
  const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });
  let made = 0;
  let quoted = 0;
  for (const d of DEMOS) {
    const poster = ctxOf(d.by);
    if (!poster) continue;
    // An expired one was posted a month ago, with a deadline already behind us.
    const postedAt = d.outcome === 'expire' ? new Date(now.getTime() - 30 * 86_400_000) : now;
    const deadline = addCalendarDays(shanghaiDate(now), d.deadlineDays);
    const [min, max] = d.budgetYuan ?? [null, null];
    const r = await createRequirement(
      tx,
      poster,
      {
        category: d.category,
        title: d.title,
        description: d.description,
        budgetMinFen: min === null ? null : min * 100,
        budgetMaxFen: max === null ? null : max * 100,
        quoteDeadline: deadline,
        attachmentFileIds: [],
      },
      postedAt,
    );
    made++;
    for (const q of d.quotes ?? []) {
      const quoter = ctxOf(q.by);
      const institutionId = quoter?.actor.institutionId;
      const serviceId = institutionId ? await serviceOf(institutionId, d.category) : undefined;
      if (!quoter || !serviceId) continue;
      const after = await createQuote(tx, quoter, r.id, {
        serviceId,
        priceFen: q.priceYuan * 100,
        turnaroundDays: q.days,
        note: q.note ?? null,
      });
      quoted++;
      const quoteId = after.quotes?.find((x) => x.status === 'submitted')?.id;
      if (!quoteId) continue;
      if (q.outcome === 'withdraw') await withdrawQuote(tx, quoter, r.id, quoteId);
      if (q.outcome === 'decline') {
        await declineQuote(tx, poster, r.id, quoteId, { reason: q.reason as 'price_too_high', comment: null });
      }
    }
    const toAccept = (d.quotes ?? []).find((q) => q.outcome === 'accept');
    if (toAccept) {
      const institutionId = ctxOf(toAccept.by)?.actor.institutionId;
      const all = await listQuotes(tx, r.id);
      const chosen = all.find((x) => x.institutionId === institutionId && x.status === 'submitted');
      if (chosen) await acceptQuote(tx, poster, r.id, chosen.id);
    }
    if (d.outcome === 'cancel') await cancelRequirement(tx, poster, r.id, null);
  }
  // The expired one: the sweep as it ran the day after its deadline.
  const expired = DEMOS.find((d) => d.outcome === 'expire');
  if (expired) await expireRequirements(tx, SYSTEM, new Date(now.getTime() + (expired.deadlineDays + 2) * 86_400_000));
  return { requirements: made, quotes: quoted };
}
