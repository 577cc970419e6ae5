import type { OrderStatus, OrderSubsidy, ServiceOrder } from '@innotown/contracts/service-orders';
import type { EventRow, OrderView } from './service-orders.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The quoted price minus the subsidy that still counts: the reserved amount, or what was settled. */
function enterprisePays(o: OrderView): number | null {
  if (o.quotedPriceFen === null) return null;
  const s = o.subsidy;
  const subsidy = !s ? 0 : s.status === 'reserved' ? Number(s.amountFen) : s.status === 'settled' ? Number(s.settledFen ?? 0) : 0;
  return o.quotedPriceFen - subsidy;
}

export function presentOrder(o: OrderView & { events?: EventRow[] }): ServiceOrder {
  return {
    id: o.id,
    serviceId: o.serviceId,
    serviceTitle: o.serviceTitle,
    institutionId: o.institutionId,
    institutionName: o.institutionName,
    enterpriseId: o.enterpriseId,
    enterpriseName: o.enterpriseName,
    townId: o.townId,
    requirementId: o.requirementId,
    status: o.status as OrderStatus,
    needs: o.needs,
    quantity: o.quantity,
    listedPriceMinFen: o.listedPriceMinFen,
    listedPriceMaxFen: o.listedPriceMaxFen,
    quotedPriceFen: o.quotedPriceFen,
    quoteNote: o.quoteNote,
    quoteOutsideRange: o.quoteOutsideRange,
    resultFileIds: o.resultFileIds,
    rating: o.rating,
    ratingComment: o.ratingComment,
    disputeReason: o.disputeReason,
    decision: o.decision as ServiceOrder['decision'],
    decisionNote: o.decisionNote,
    quoteDueAt: o.quoteDueAt.toISOString(),
    escalatedAt: iso(o.escalatedAt),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    subsidy: o.subsidy
      ? {
          reservationId: o.subsidy.reservationId,
          voucherId: o.subsidy.voucherId,
          programmeId: o.subsidy.programmeId,
          amountFen: Number(o.subsidy.amountFen),
          status: o.subsidy.status as OrderSubsidy['status'],
          settledFen: o.subsidy.settledFen === null ? null : Number(o.subsidy.settledFen),
        }
      : null,
    enterprisePaysFen: enterprisePays(o),
    ...(o.events
      ? {
          events: o.events.map((e) => ({
            at: e.at.toISOString(),
            actorUserId: e.actorUserId,
            actorRole: e.actorRole,
            from: e.fromStatus,
            to: e.toStatus,
            note: e.note,
          })),
        }
      : {}),
  };
}
