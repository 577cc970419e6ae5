import type { RequirementQuote, ServiceRequirement } from '@innotown/contracts/service-requirements';
import type { QuoteView } from './service-requirements.repository.ts';
import type { RequirementDetail } from './service-requirements.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentQuote(q: QuoteView): RequirementQuote {
  return {
    id: q.id,
    requirementId: q.requirementId,
    serviceId: q.serviceId,
    serviceTitle: q.serviceTitle,
    institutionId: q.institutionId,
    institutionName: q.institutionName,
    priceFen: q.priceFen,
    turnaroundDays: q.turnaroundDays,
    note: q.note,
    status: q.status as RequirementQuote['status'],
    declineReason: q.declineReason as RequirementQuote['declineReason'],
    declineComment: q.declineComment,
    decidedAt: iso(q.decidedAt),
    createdAt: q.createdAt.toISOString(),
  };
}

export function presentRequirement(r: RequirementDetail): ServiceRequirement {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    townId: r.townId,
    townName: r.townName,
    townNameEn: r.townNameEn,
    category: r.category as ServiceRequirement['category'],
    title: r.title,
    description: r.description,
    budgetMinFen: r.budgetMinFen,
    budgetMaxFen: r.budgetMaxFen,
    quoteDeadline: r.quoteDeadline.toISOString(),
    status: r.status as ServiceRequirement['status'],
    attachments: r.attachments,
    quoteCount: r.quoteCount,
    orderId: r.orderId,
    closedAt: iso(r.closedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ...(r.quotes ? { quotes: r.quotes.map(presentQuote) } : {}),
  };
}
