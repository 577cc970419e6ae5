import type { OrderStatus, ServiceOrder } from '@innotown/contracts/service-orders';
import type { EventRow, OrderView } from './service-orders.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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
