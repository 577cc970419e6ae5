import type { ServiceCategory } from '@innotown/contracts/service-categories';
import type { Application, ApplicationEvent, Programme, Reservation, Voucher } from '@innotown/contracts/vouchers';
import type {
  ApplicationEventRow,
  ApplicationView,
  ProgrammeBalances,
  ProgrammeRow,
  ReservationRow,
  VoucherView,
} from './vouchers.repository.ts';

export function presentProgramme(p: ProgrammeRow, balances: ProgrammeBalances | null): Programme {
  return {
    id: p.id,
    year: p.year,
    name: p.name,
    status: p.status as Programme['status'],
    totalBudgetFen: p.totalBudgetFen,
    capPerEnterpriseFen: p.capPerEnterpriseFen,
    ratioTechSmeBp: p.ratioTechSmeBp,
    ratioHighTechBp: p.ratioHighTechBp,
    ratioDefaultBp: p.ratioDefaultBp,
    categories: p.categories as ServiceCategory[],
    providerScope: p.providerScope as Programme['providerScope'],
    providerIds: p.providerIds,
    windowStart: p.windowStart,
    windowEnd: p.windowEnd,
    validityDays: p.validityDays,
    claimant: p.claimant as Programme['claimant'],
    createdAt: p.createdAt.toISOString(),
    balances: balances
      ? {
          availableFen: balances.availableFen,
          walletFen: balances.walletFen,
          reservedFen: balances.reservedFen,
          settledFen: balances.settledFen,
          issuedFen: balances.issuedFen,
          expiredFen: balances.expiredFen,
        }
      : null,
  };
}

export function presentApplication(a: ApplicationView): Application {
  return {
    id: a.id,
    programmeId: a.programmeId,
    programmeName: a.programmeName,
    enterpriseId: a.enterpriseId,
    enterpriseName: a.enterpriseName,
    townId: a.townId,
    plannedUse: a.plannedUse,
    categories: a.categories as ServiceCategory[],
    amountFen: a.amountFen,
    approvedFen: a.approvedFen,
    status: a.status as Application['status'],
    reason: a.reason as Application['reason'],
    comment: a.comment,
    voucherId: a.voucherId,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

export function presentApplicationEvent(e: ApplicationEventRow): ApplicationEvent {
  const changes = e.changes ?? {};
  const amount = changes.approvedFen ?? changes.amountFen;
  return {
    action: e.action.replace('voucher_application.', '') as ApplicationEvent['action'],
    at: e.occurredAt.toISOString(),
    actorName: e.actorName ?? e.username,
    actorRole: e.role,
    reason: (changes.reason as ApplicationEvent['reason']) ?? null,
    comment: typeof changes.comment === 'string' && changes.comment ? changes.comment : null,
    amountFen: typeof amount === 'number' ? amount : null,
  };
}

export function presentVoucher(v: VoucherView): Voucher {
  return {
    id: v.id,
    programmeId: v.programmeId,
    programmeName: v.programmeName,
    enterpriseId: v.enterpriseId,
    enterpriseName: v.enterpriseName,
    townId: v.townId,
    faceValueFen: v.faceValueFen,
    ratioBp: v.ratioBp,
    remainingFen: v.remainingFen,
    reservedFen: v.reservedFen,
    settledFen: v.settledFen,
    status: v.status as Voucher['status'],
    issuedAt: v.issuedAt.toISOString(),
    expiresAt: v.expiresAt.toISOString(),
  };
}

export function presentReservation(r: ReservationRow): Reservation {
  return {
    id: r.id,
    voucherId: r.voucherId,
    programmeId: r.programmeId,
    orderRef: r.orderRef,
    providerId: r.providerId,
    category: r.category as ServiceCategory,
    orderPriceFen: r.orderPriceFen,
    amountFen: r.amountFen,
    settledFen: r.settledFen,
    status: r.status as Reservation['status'],
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  };
}
