import { SERVICE_CATEGORIES } from '@innotown/contracts/service-categories';
import { sql } from 'drizzle-orm';
import * as orders from '../modules/service-orders/service-orders.service.ts';
import * as claims from '../modules/voucher-claims/voucher-claims.service.ts';
import * as vouchers from '../modules/vouchers/vouchers.service.ts';
import { type RequestContext, systemContext } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { Actor } from '../platform/policy.ts';

/**
 * The 2026 innovation-voucher programme of the demo: applications in every state, vouchers in several
 * wallets (the demo `enterprise` among them), orders with the voucher applied, and post-subsidy claims
 * submitted, verified, settled and rejected. Everything goes through the service functions, so the ledger,
 * audit trail and notifications are the real ones. Kept small: it runs for every test database template.
 * Only the demo `provider` institution gets orders (lamplab's provider page stays without orders).
 */
export type VoucherSeedSummary = { programmes: number; applications: number; vouchers: number; orders: number; claims: number };

type UserRow = {
  id: string;
  username: string;
  role: string;
  town_id: string | null;
  enterprise_id: string | null;
  institution_id: string | null;
};
const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

/** Applications are dated inside the programme's window, whatever day the seed runs. */
const APPLIED_AT = new Date('2026-03-16T02:00:00.000Z');

export async function seedVouchers(tx: Db): Promise<VoucherSeedSummary> {
  const users = rowsOf<UserRow>(
    await tx.execute(sql`select id, username, role, town_id, enterprise_id, institution_id from users order by username`),
  );
  const ctxOf = (u: UserRow): RequestContext =>
    systemContext({
      userId: u.id,
      username: u.username,
      role: u.role as Actor['role'],
      townId: u.town_id,
      institutionId: u.institution_id,
      enterpriseId: u.enterprise_id,
    });
  const byName = (name: string) => users.find((u) => u.username === name);
  const admin = byName('admin');
  const provider = byName('provider');
  if (!admin || !provider?.institution_id) return { programmes: 0, applications: 0, vouchers: 0, orders: 0, claims: 0 };
  const city = ctxOf(admin);
  const townAdmin = new Map(users.filter((u) => u.role === 'town_admin' && u.town_id).map((u) => [u.town_id as string, u]));
  // Enterprises whose town has an admin: the demo enterprise first, then the client accounts.
  const applicants = users.filter((u) => u.role === 'enterprise' && u.enterprise_id && u.town_id && townAdmin.has(u.town_id));
  applicants.sort((a, b) => (a.username === 'enterprise' ? -1 : b.username === 'enterprise' ? 1 : a.username.localeCompare(b.username)));

  const programme = await vouchers.createProgramme(tx, city, {
    year: 2026,
    name: '2026年度中山市科技创新券',
    totalBudgetFen: 500_000_000, // ¥5,000,000
    capPerEnterpriseFen: 10_000_000, // ¥100,000
    ratioTechSmeBp: 8000,
    ratioHighTechBp: 7000,
    ratioDefaultBp: 5000,
    categories: [...SERVICE_CATEGORIES],
    providerScope: 'alliance',
    providerIds: [],
    windowStart: '2026-01-01',
    windowEnd: '2026-12-31',
    validityDays: 365,
    claimant: 'provider',
  });

  // ~20 applications: approved, forwarded, submitted, returned and declined, round-robin over the applicants.
  const plan = [
    ...Array(8).fill('approved'),
    ...Array(4).fill('forwarded'),
    ...Array(4).fill('submitted'),
    ...Array(2).fill('returned'),
    ...Array(2).fill('declined'),
  ] as const;
  const uses = [
    '委托检测灯具产品的光学与电气安全性能',
    '新产品结构设计与样机试制',
    '专利检索与申请代理',
    '员工技能培训',
    '科技成果转化对接',
  ];
  const voucherOf = new Map<string, string>();
  let applications = 0;
  for (const [i, target] of plan.entries()) {
    const applicant = applicants[i % applicants.length];
    if (!applicant) break;
    // ¥5,000 / ¥10,000 / ¥15,000, so that a few per enterprise stay under the cap; the demo enterprise's first one ¥50,000.
    const amountFen = i === 0 ? 5_000_000 : (5 + (i % 3) * 5) * 100_000;
    const app = await vouchers.applyForVoucher(
      tx,
      ctxOf(applicant),
      { programmeId: programme.id, plannedUse: uses[i % uses.length] as string, categories: ['testing', 'rnd', 'ip'], amountFen },
      APPLIED_AT,
    );
    applications++;
    const town = ctxOf(townAdmin.get(applicant.town_id as string) as UserRow);
    if (target === 'submitted') continue;
    if (target === 'returned') {
      await vouchers.refuseApplication(tx, town, app.id, 'returned', { reason: 'price_unclear', comment: '请补充服务机构报价单' });
      continue;
    }
    await vouchers.forwardApplication(tx, town, app.id, '材料齐全，同意推荐');
    if (target === 'forwarded') continue;
    if (target === 'declined') {
      await vouchers.refuseApplication(tx, city, app.id, 'declined', { reason: 'not_eligible', comment: '申报项目不属于支持范围' });
      continue;
    }
    const approved = await vouchers.approveApplication(tx, city, app.id, amountFen, APPLIED_AT);
    if (approved.voucherId && !voucherOf.has(applicant.username)) voucherOf.set(applicant.username, approved.voucherId);
  }

  // Orders of the demo provider's published services that use no shared instrument (their claims need no booking).
  const [service] = rowsOf<{ id: string; min: string; max: string }>(
    await tx.execute(sql`select s.id, s.price_min_fen min, s.price_max_fen max from services s where s.institution_id = ${provider.institution_id} and s.status = 'published'
      and not exists (select 1 from service_resources sr join resources r on r.id = sr.resource_id where sr.service_id = s.id and r.kind = 'instrument')
      and s.price_min_fen > 0 order by (s.category = 'testing') desc, s.price_max_fen, s.id limit 1`),
  );
  if (!service) return { programmes: 1, applications, vouchers: voucherOf.size, orders: 0, claims: 0 };
  const [report] = rowsOf<{ id: string }>(
    await tx.execute(sql`insert into files (owner_user_id, purpose, filename, content_type, size, sha256, content)
      values (${provider.id}, 'attachment', '检测报告.pdf', 'application/pdf', 9, encode(sha256(convert_to('%PDF-1.4\n', 'UTF8')), 'hex'),
        convert_to('%PDF-1.4\n', 'UTF8')) returning id`),
  );
  const reportId = (report as { id: string }).id;
  const providerCtx = ctxOf(provider);
  let orderCount = 0;
  let claimCount = 0;

  /** An order taken to `until`, with the voucher applied once it is accepted. */
  const order = async (who: UserRow, priceFen: number, until: 'quoted' | 'reserved' | 'completed' | 'cancelled') => {
    const ctx = ctxOf(who);
    const o = await orders.createOrder(tx, ctx, { serviceId: service.id, needs: '产品检测与出具检测报告', quantity: 1 });
    orderCount++;
    // Within the listed range (a price outside it would need a note).
    const price = Math.min(Number(service.max), Math.max(Number(service.min), priceFen));
    await orders.quoteOrder(tx, providerCtx, o.id, { priceFen: price, note: null });
    if (until === 'quoted') return o.id;
    await orders.acceptOrder(tx, ctx, o.id, null);
    await claims.applyVoucher(tx, ctx, o.id, voucherOf.get(who.username) as string);
    if (until === 'reserved') return o.id;
    if (until === 'cancelled') {
      await orders.cancelOrder(tx, ctx, o.id, '企业调整检测计划');
      return o.id;
    }
    await orders.startOrder(tx, providerCtx, o.id, null);
    await orders.deliverOrder(tx, providerCtx, o.id, { resultFileIds: [reportId], note: '检测报告已出具' });
    await orders.confirmOrder(tx, ctx, o.id, { rating: 5, comment: '报告专业、及时' });
    return o.id;
  };
  const claim = async (orderId: string, fraction: number) => {
    const reserved = rowsOf<{ amount_fen: string }>(
      await tx.execute(sql`select amount_fen from voucher_reservations where order_ref = ${orderId} and status = 'reserved'`),
    )[0];
    const c = await claims.createClaim(tx, providerCtx, {
      orderId,
      claimedFen: Math.max(1, Math.floor(Number(reserved?.amount_fen ?? 1) * fraction)),
      invoiceFileId: reportId,
      evidenceFileIds: [reportId],
      note: '附检测报告及增值税发票',
    });
    claimCount++;
    return c;
  };

  const holders = applicants.filter((u) => voucherOf.has(u.username));
  const demo = holders.find((u) => u.username === 'enterprise');
  const others = holders.filter((u) => u !== demo);
  if (demo) {
    await order(demo, 1_200_000, 'quoted'); // the enterprise can apply a voucher to this one
    await order(demo, 800_000, 'reserved');
    await claim(await order(demo, 1_500_000, 'completed'), 1); // submitted, waiting for 古镇镇
    const verified = await claim(await order(demo, 600_000, 'completed'), 0.9);
    await claims.verifyClaim(tx, ctxOf(townAdmin.get(demo.town_id as string) as UserRow), verified.id, '发票与检测报告一致');
  }
  for (const [i, who] of others.slice(0, 3).entries()) {
    const town = ctxOf(townAdmin.get(who.town_id as string) as UserRow);
    const c = await claim(await order(who, 1_000_000 + i * 250_000, 'completed'), i === 2 ? 1 : 0.8);
    if (i === 2) {
      await claims.rejectClaim(tx, town, c.id, { reason: 'invoice_mismatch', comment: '发票抬头与企业名称不符' });
      continue;
    }
    await claims.verifyClaim(tx, town, c.id, '材料齐全');
    await claims.settleClaim(tx, city, c.id);
  }
  if (others[3]) await order(others[3], 400_000, 'cancelled');
  return { programmes: 1, applications, vouchers: voucherOf.size, orders: orderCount, claims: claimCount };
}
