import type { PatentKind } from '@innotown/contracts/patent-codes';
import { sql } from 'drizzle-orm';
import * as trading from '../modules/ip-trading/ip-trading.service.ts';
import * as openLicences from '../modules/ip-trading/open-licences.service.ts';
import { expiryDate } from '../modules/patents/patent-portfolio.rules.ts';
import { type RequestContext, systemContext } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { Actor } from '../platform/policy.ts';

/**
 * IP trading demo (issue 5): listings of the demo enterprise's and client enterprises' patents in every state,
 * offers with a negotiation thread, a declined offer with its reason, deals in progress and completed (with the
 * patent's legal-status events they write), and open-licence declarations with licences taken. Everything goes
 * through the service functions, at fixed moments in 2025–2026, so events, audit records and notifications are
 * the real ones and the seed is deterministic. Skipped quietly when the patents are missing (small scales).
 */
export type IpTradingSeedSummary = { listings: number; offers: number; deals: number; openLicences: number };

type UserRow = {
  id: string;
  username: string;
  role: string;
  town_id: string | null;
  enterprise_id: string | null;
  institution_id: string | null;
};
const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const at = (iso: string) => new Date(`${iso}T02:00:00.000Z`);

export async function seedIpTrading(tx: Db): Promise<IpTradingSeedSummary> {
  const summary: IpTradingSeedSummary = { listings: 0, offers: 0, deals: 0, openLicences: 0 };
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
  const seller = byName('enterprise');
  const bank = byName('bank');
  if (!admin || !seller?.enterprise_id || !bank) return summary;
  const city = ctxOf(admin);
  const me = ctxOf(seller);
  // Buyers: the client accounts (enterprise users of other enterprises), in name order.
  const clients = users.filter((u) => u.role === 'enterprise' && u.enterprise_id && u.enterprise_id !== seller.enterprise_id);
  const grantedOf = async (enterpriseId: string, n: number) =>
    rowsOf<{ id: string }>(
      await tx.execute(sql`select id from patents where owner_enterprise_ids @> array[${enterpriseId}]::uuid[] and legal_status = 'granted'
        order by application_number limit ${n}`),
    ).map((r) => r.id);
  const mine = await grantedOf(seller.enterprise_id, 8);
  /** A licence term's last day: the contract's, or the patent's last day in force if that comes first. */
  const termEnd = async (patentId: string, wanted: string) => {
    const [p] = rowsOf<{ kind: PatentKind; d: string }>(
      await tx.execute(sql`select kind, application_date::text as d from patents where id = ${patentId}`),
    );
    const expiry = p ? expiryDate(p.kind, p.d) : wanted;
    return expiry < wanted ? expiry : wanted;
  };
  if (mine.length < 6 || clients.length < 4) return summary;
  const [c1, c2, c3, c4] = clients as [UserRow, UserRow, UserRow, UserRow];
  const contract = async (u: UserRow) =>
    rowsOf<{ id: string }>(
      await tx.execute(sql`insert into files (owner_user_id, purpose, filename, content_type, size, sha256, content)
        values (${u.id}, 'attachment', '技术转让合同.pdf', 'application/pdf', 9, encode(sha256(decode('255044462d312e340a', 'hex')), 'hex'),
          decode('255044462d312e340a', 'hex')) returning id`),
    )[0]?.id as string;

  const list = async (
    ctx: RequestContext,
    patentId: string,
    kind: 'transfer' | 'exclusive_licence' | 'non_exclusive_licence' | 'pledge',
    askingPriceFen: number | null,
    day: string,
    publish = true,
  ) => {
    const l = await trading.createListing(
      tx,
      ctx,
      {
        patentId,
        kind,
        askingPriceFen,
        terms: kind === 'pledge' ? '质押期限 1 年' : '合同签订后 30 日内一次性付款',
        description: '技术成熟，已批量生产应用，可提供技术指导。',
      },
      at(day),
    );
    if (publish) await trading.reviewListing(tx, city, l.id, { decision: 'publish', note: null }, at(day));
    summary.listings++;
    return l.id;
  };
  const offer = async (ctx: RequestContext, listingId: string, amountFen: number | null, day: string, terms: string | null = null) => {
    const o = await trading.createOffer(
      tx,
      ctx,
      listingId,
      { amountFen, terms, message: '我司对该专利很感兴趣，希望进一步洽谈。' },
      at(day),
    );
    summary.offers++;
    return o.id;
  };

  // The demo enterprise: a transfer in negotiation (counter-offers), a licence completed, an exclusive licence in progress,
  // a pledge with a bank's offer, one listing waiting for review.
  const transfer = await list(me, mine[0] as string, 'transfer', 3_000_000_00, '2026-03-02');
  const o1 = await offer(ctxOf(c1), transfer, 2_000_000_00, '2026-03-05');
  await trading.counterOffer(
    tx,
    me,
    o1,
    { amountFen: 2_800_000_00, terms: null, body: '该专利已在三款产品上量产，最低 280 万元。' },
    at('2026-03-06'),
  );
  await trading.postMessage(tx, ctxOf(c1), o1, '能否分两期付款？首期 60%。', at('2026-03-07'));
  await trading.counterOffer(
    tx,
    ctxOf(c1),
    o1,
    { amountFen: 2_500_000_00, terms: '分两期付款：签约 60%，变更登记后 40%', body: null },
    at('2026-03-08'),
  );
  const o2 = await offer(ctxOf(c2), transfer, 1_200_000_00, '2026-03-10');
  await trading.declineOffer(tx, me, o2, { reason: 'price', note: '报价明显低于评估价值' }, at('2026-03-11'));

  const licence = await list(me, mine[1] as string, 'non_exclusive_licence', null, '2025-09-15');
  const o3 = await offer(ctxOf(c3), licence, 300_000_00, '2025-09-20', '普通许可 3 年，许可费一次性支付');
  const accepted = await trading.acceptOffer(tx, me, o3, at('2025-09-25'));
  if (accepted.dealId) {
    await trading.completeDeal(
      tx,
      me,
      accepted.dealId,
      {
        contractFileId: await contract(seller),
        licenceStartsOn: '2025-10-10',
        licenceEndsOn: await termEnd(mine[1] as string, '2028-10-09'),
      },
      at('2025-10-10'),
    );
    summary.deals++;
  }
  const exclusive = await list(me, mine[2] as string, 'exclusive_licence', 800_000_00, '2026-04-01');
  const o4 = await offer(ctxOf(c4), exclusive, 800_000_00, '2026-04-03', '独占许可 5 年');
  await trading.acceptOffer(tx, me, o4, at('2026-04-05'));
  summary.deals++;
  const pledge = await list(me, mine[3] as string, 'pledge', 5_000_000_00, '2026-02-10');
  await offer(ctxOf(bank), pledge, 3_000_000_00, '2026-02-12', '年利率 3.45%，期限 12 个月，专利质押登记');
  await list(me, mine[4] as string, 'transfer', 1_500_000_00, '2026-05-06', false);

  // Client enterprises' listings, and a completed transfer between two of them (in other towns).
  for (const [i, c] of [c1, c2, c3].entries()) {
    const theirs = await grantedOf(c.enterprise_id as string, 2);
    if (theirs.length === 0) continue;
    const l = await list(
      ctxOf(c),
      theirs[0] as string,
      i === 1 ? 'non_exclusive_licence' : 'transfer',
      i === 2 ? null : (i + 1) * 600_000_00,
      `2025-0${i + 4}-1${i}`,
    );
    if (i === 0) {
      const o = await offer(ctxOf(c4), l, 1_100_000_00, '2025-06-20');
      const a = await trading.acceptOffer(tx, ctxOf(c), o, at('2025-06-28'));
      if (a.dealId) {
        await trading.completeDeal(tx, ctxOf(c), a.dealId, { contractFileId: await contract(c) }, at('2025-07-15'));
        summary.deals++;
      }
    }
  }

  // Open licences: two declarations of the demo enterprise, one with licences taken, and one of a client.
  const d1 = await openLicences.declare(
    tx,
    me,
    {
      patentId: mine[5] as string,
      feeFen: 20_000_00,
      terms: '普通许可，许可期 1 年，许可使用费按年一次性支付；不得再许可。',
      validFrom: '2026-01-01',
      validUntil: '2030-12-31',
    },
    at('2025-12-20'),
  );
  summary.openLicences++;
  for (const [i, c] of [c2, c3].entries()) {
    await openLicences.take(
      tx,
      ctxOf(c),
      d1.id,
      { amountFen: 20_000_00, paidOn: `2026-0${i + 2}-15`, paymentReference: `ICBC-2026-00${i + 1}`, notice: '依开放许可声明实施该专利。' },
      at(`2026-0${i + 2}-16`),
    );
  }
  if (mine[6]) {
    await openLicences.declare(
      tx,
      me,
      { patentId: mine[6], feeFen: 8_000_00, terms: '普通许可，按年支付许可使用费。', validFrom: '2026-06-01', validUntil: '2029-05-31' },
      at('2026-05-20'),
    );
    summary.openLicences++;
  }
  const c4Patents = await grantedOf(c4.enterprise_id as string, 1);
  if (c4Patents[0]) {
    await openLicences.declare(
      tx,
      ctxOf(c4),
      { patentId: c4Patents[0], feeFen: 50_000_00, terms: '普通许可，许可期 2 年。', validFrom: '2026-03-01', validUntil: '2031-02-28' },
      at('2026-02-25'),
    );
    summary.openLicences++;
  }
  return summary;
}
