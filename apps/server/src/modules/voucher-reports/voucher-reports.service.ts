import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@innotown/contracts/service-categories';
import type {
  DeclineKind,
  VoucherReport,
  VoucherReportFigures,
  VoucherReportQuery,
  VoucherReportRow,
} from '@innotown/contracts/voucher-reports';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { addCalendarDays, startOfShanghaiDay } from '../../platform/working-days.ts';
import * as repo from './voucher-reports.repository.ts';

const READ = { resource: 'voucherReport', action: 'read' } as const;

/** The kinds of decline counted: voucher applications, post-subsidy claims, quotes on requirements. */
export const REASON_KINDS: readonly DeclineKind[] = ['application', 'claim', 'quote'];

const round = (v: number | null, places: number) => (v === null ? null : Math.round(v * 10 ** places) / 10 ** places);
const rate = (num: number, den: number) => (den > 0 ? round(num / den, 4) : null);

/**
 * Joins the per-source aggregates of one key into the report's figures; the derived figures:
 * used = reserved (live) + settled; redemption rate = settled ÷ issued (fen); enterprise spend =
 * order prices of settled orders − subsidy settled on them; leverage = enterprise spend ÷ subsidy settled.
 * A voucher-level figure (applications, issued, expired, redemption) is null for provider and category.
 */
export function figuresOf(
  a: repo.ApplicationAgg | undefined,
  v: repo.VoucherAgg | undefined,
  r: repo.ReservationAgg | undefined,
  o: repo.OrderAgg | undefined,
  voucherLevel: boolean,
): VoucherReportFigures {
  const settledFen = r?.settledFen ?? 0;
  const reservedFen = r?.reservedFen ?? 0;
  const settledOrderFen = r?.settledOrderFen ?? 0;
  const enterpriseSpendFen = settledOrderFen - settledFen;
  const issuedFen = voucherLevel ? (v?.issuedFen ?? 0) : null;
  return {
    applications: voucherLevel ? (a?.applications ?? 0) : null,
    appliedFen: voucherLevel ? (a?.appliedFen ?? 0) : null,
    issued: voucherLevel ? (v?.issued ?? 0) : null,
    issuedFen,
    usedFen: reservedFen + settledFen,
    reservedFen,
    settledFen,
    releasedFen: r?.releasedFen ?? 0,
    expiredFen: voucherLevel ? (v?.expiredFen ?? 0) : null,
    redemptionRate: issuedFen === null ? null : rate(settledFen, issuedFen),
    settlements: r?.settlements ?? 0,
    awardToSettlementMedianDays: round(r?.medianDays ?? null, 1),
    awardToSettlementMeanDays: round(r?.meanDays ?? null, 1),
    subsidisedOrders: r?.subsidisedOrders ?? 0,
    settledOrderFen,
    enterpriseSpendFen,
    leverage: rate(enterpriseSpendFen, settledFen),
    enterprisesUsing: r?.enterprisesUsing ?? 0,
    repeatEnterprises: r?.repeatEnterprises ?? 0,
    deliveredOrders: o?.deliveredOrders ?? 0,
    deliveryMedianDays: round(o?.deliveryMedianDays ?? null, 1),
    deliveryMeanDays: round(o?.deliveryMeanDays ?? null, 1),
    ratedOrders: o?.ratedOrders ?? 0,
    averageRating: round(o?.averageRating ?? null, 2),
  };
}

async function figuresBy(db: Db, g: repo.Grouping, f: repo.Filter) {
  const [apps, vouchers, reservations, orders] = [
    await repo.applicationFigures(db, g, f),
    await repo.voucherFigures(db, g, f),
    await repo.reservationFigures(db, g, f),
    await repo.orderFigures(db, g, f),
  ];
  const byKey = <T extends { key: string }>(xs: T[]) => new Map(xs.map((x) => [x.key, x]));
  const [a, v, r, o] = [byKey(apps), byKey(vouchers), byKey(reservations), byKey(orders)];
  const keys = new Set([...a.keys(), ...v.keys(), ...r.keys(), ...o.keys()]);
  const voucherLevel = g === 'programme' || g === 'town' || g === 'total';
  return [...keys].map((key) => ({ key, figures: figuresOf(a.get(key), v.get(key), r.get(key), o.get(key), voucherLevel) }));
}

/** The caller's filter: the city sees everything, a town admin only its town's enterprises; others have no scope (404). */
async function filterFor(db: Db, ctx: RequestContext, q: VoucherReportQuery): Promise<{ filter: repo.Filter; townName: string | null }> {
  const scope = scopeFilter(ctx.actor, READ);
  if (!scope || (scope.kind !== 'all' && scope.kind !== 'town')) throw notFound();
  if (q.programmeId && !(await repo.programmeExists(db, q.programmeId))) throw notFound();
  const townId = scope.kind === 'town' ? scope.townId : null;
  return {
    filter: {
      programmeId: q.programmeId ?? null,
      townId,
      start: q.from ? startOfShanghaiDay(q.from) : null,
      end: q.to ? startOfShanghaiDay(addCalendarDays(q.to, 1)) : null,
    },
    townName: townId ? await repo.townName(db, townId) : null,
  };
}

async function rowsFor(db: Db, g: VoucherReportQuery['groupBy'], f: repo.Filter): Promise<VoucherReportRow[]> {
  const grouped = await figuresBy(db, g, f);
  if (g === 'category') {
    const order = (k: string) => SERVICE_CATEGORIES.indexOf(k as ServiceCategory);
    return grouped
      .sort((x, y) => order(x.key) - order(y.key))
      .map((x) => {
        const label = SERVICE_CATEGORY_LABELS[x.key as ServiceCategory];
        return { key: x.key, name: label?.zh ?? x.key, nameEn: label?.en ?? null, figures: x.figures };
      });
  }
  const names = new Map((await repo.namesOf(db, g, [...new Set(grouped.map((x) => x.key))])).map((n) => [n.key, n]));
  const rows = grouped.map((x) => {
    const n = names.get(x.key);
    return { key: x.key, name: n?.name ?? x.key, nameEn: n?.nameEn ?? null, figures: x.figures, sort: n?.sort ?? x.key };
  });
  // Towns by official code, programmes newest year first; providers by the subsidy they carried.
  rows.sort((x, y) =>
    g === 'provider' ? y.figures.usedFen - x.figures.usedFen || x.sort.localeCompare(y.sort, 'zh') : x.sort.localeCompare(y.sort, 'zh'),
  );
  return rows.map(({ sort: _sort, ...row }) => row);
}

export async function report(db: Db, ctx: RequestContext, q: VoucherReportQuery): Promise<VoucherReport> {
  const { filter, townName } = await filterFor(db, ctx, q);
  const [total] = await figuresBy(db, 'total', filter);
  const rows = await rowsFor(db, q.groupBy, filter);
  const reasons = [
    ...(await repo.applicationDeclineReasons(db, filter)),
    ...(await repo.claimDeclineReasons(db, filter)),
    ...(await repo.quoteDeclineReasons(db, filter)),
  ];
  reasons.sort((x, y) => x.kind.localeCompare(y.kind) || y.count - x.count || x.reason.localeCompare(y.reason));
  return {
    groupBy: q.groupBy,
    programmeId: q.programmeId ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    scope: filter.townId ? 'town' : 'all',
    townName,
    rows,
    totals: total?.figures ?? figuresOf(undefined, undefined, undefined, undefined, true),
    reasonKinds: [...REASON_KINDS],
    reasons,
  };
}

/** Every grouping at once, for the workbook (one sheet each). */
export async function fullReport(db: Db, ctx: RequestContext, q: Omit<VoucherReportQuery, 'groupBy'>) {
  const first = await report(db, ctx, { ...q, groupBy: 'programme' });
  const { filter } = await filterFor(db, ctx, { ...q, groupBy: 'programme' });
  return {
    report: first,
    groupings: {
      programme: first.rows,
      town: await rowsFor(db, 'town', filter),
      provider: await rowsFor(db, 'provider', filter),
      category: await rowsFor(db, 'category', filter),
    },
  };
}
