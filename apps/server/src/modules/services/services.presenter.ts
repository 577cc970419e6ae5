import type { Membership, Service, ServiceProvider, ServiceSearchItem } from '@innotown/contracts/services';
import { highlight } from '../../platform/search/highlight.ts';
import type { MembershipView, ProviderProfileRow, SearchRow, ServiceView } from './services.repository.ts';

const SNIPPET_CHARS = 120;
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export function presentMembership(m: MembershipView): Membership {
  return {
    id: m.id,
    institutionId: m.institutionId,
    institutionName: m.institutionName,
    institutionType: m.institutionType,
    townId: m.townId,
    townName: m.townName,
    townNameEn: m.townNameEn,
    status: m.status as Membership['status'],
    statement: m.statement,
    decisionReason: m.decisionReason,
    decidedAt: iso(m.decidedAt),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function presentService(s: ServiceView): Service {
  return {
    id: s.id,
    institutionId: s.institutionId,
    institutionName: s.institutionName,
    townId: s.townId,
    townName: s.townName,
    townNameEn: s.townNameEn,
    category: s.category as Service['category'],
    title: s.title,
    description: s.description,
    priceKind: s.priceKind as Service['priceKind'],
    priceMinFen: s.priceMinFen,
    priceMaxFen: s.priceMaxFen,
    priceUnit: s.priceUnit as Service['priceUnit'],
    turnaroundDays: s.turnaroundDays,
    status: s.status as Service['status'],
    resources: s.resources.map((r) => ({ id: r.id, kind: r.kind, name: r.name })),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    publishedAt: iso(s.publishedAt),
  };
}

/** A search hit: the description fragment around the first matched word, else the title, words in <mark>. */
export function presentSearchItem(r: SearchRow, tokens: readonly string[]): ServiceSearchItem {
  const fromDescription = r.description ? highlight(r.description, tokens, SNIPPET_CHARS) : undefined;
  const fromTitle = highlight(r.title, tokens);
  return {
    id: r.id,
    category: r.category as ServiceSearchItem['category'],
    title: r.title,
    highlight: fromDescription?.matched || !fromTitle.matched ? (fromDescription?.html ?? fromTitle.html) : fromTitle.html,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    townId: r.town_id,
    townName: r.town_name,
    townNameEn: r.town_name_en,
    priceKind: r.price_kind as ServiceSearchItem['priceKind'],
    priceMinFen: Number(r.price_min_fen),
    priceMaxFen: Number(r.price_max_fen),
    priceUnit: r.price_unit as ServiceSearchItem['priceUnit'],
    turnaroundDays: r.turnaround_days,
    publishedAt: iso(r.published_at),
  };
}

/**
 * The delivery record as the data allows today. Ratings and delivered orders come from service orders,
 * which do not exist yet: `orders` is null until that module passes its figures here — then the page
 * shows them; until then it says so instead of showing a number.
 */
export type OrderRecord = { delivered: number; ratingAverage: number | null; ratingCount: number } | null;

export function presentProvider(
  p: ProviderProfileRow,
  record: { servicesPublished: number; instrumentsShared: number; bookingsCompleted: number },
  orders: OrderRecord,
  services: ServiceSearchItem[],
): ServiceProvider {
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    level: p.level,
    townId: p.town_id,
    townName: p.town_name,
    townNameEn: p.town_name_en,
    description: p.description,
    website: p.website,
    membership: p.membership as ServiceProvider['membership'],
    memberSince: iso(p.member_since),
    record: {
      servicesPublished: record.servicesPublished,
      instrumentsShared: record.instrumentsShared,
      bookingsCompleted: record.bookingsCompleted,
      ordersDelivered: orders ? orders.delivered : null,
      ratingAverage: orders ? orders.ratingAverage : null,
      ratingCount: orders ? orders.ratingCount : null,
    },
    services,
  };
}
