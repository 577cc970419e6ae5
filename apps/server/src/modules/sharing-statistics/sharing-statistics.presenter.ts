import type { PurchaseReview, PurchaseReviewStatus } from '@innotown/contracts/sharing-statistics';
import type { internalUsages } from '../../db/schema/sharing.ts';
import type { PurchaseReviewView } from './sharing-statistics.repository.ts';
import type { similarInstruments } from './sharing-statistics.service.ts';

export function presentInternalUsage(u: typeof internalUsages.$inferSelect) {
  return {
    id: u.id,
    resourceId: u.resourceId,
    usedOn: u.usedOn,
    minutes: u.minutes,
    incomeFen: u.incomeFen,
    note: u.note,
    recordedBy: u.recordedBy,
    recordedAt: u.recordedAt.toISOString(),
  };
}

type Similar = Awaited<ReturnType<typeof similarInstruments>>;

export function presentPurchaseReview(r: PurchaseReviewView & Partial<Similar>): PurchaseReview {
  return {
    id: r.id,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    townId: r.townId,
    townName: r.townName,
    name: r.name,
    model: r.model,
    category: r.category,
    keywords: r.keywords,
    budgetFen: r.budgetFen,
    reason: r.reason,
    status: r.status as PurchaseReviewStatus,
    decisionComment: r.decisionComment,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    ...(r.similar
      ? {
          similar: r.similar.map((s) => ({
            id: s.id,
            name: s.name,
            model: s.model,
            category: s.category,
            institutionName: s.institutionName,
            townName: s.townName,
            sharing: s.sharing,
            originalValueFen: s.originalValueFen,
            availableHours: s.availableHours,
            effectiveHours: s.effectiveHours,
            utilisationRate: s.utilisationRate,
          })),
          similarFrom: r.similarFrom as string,
          similarTo: r.similarTo as string,
        }
      : {}),
  };
}
