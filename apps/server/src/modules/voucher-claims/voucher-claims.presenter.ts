import type { ClaimRejectReason, VoucherClaim } from '@innotown/contracts/voucher-claims';
import type { ClaimView } from './voucher-claims.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentClaim(c: ClaimView): VoucherClaim {
  return {
    id: c.id,
    reservationId: c.reservationId,
    orderId: c.orderId,
    programmeId: c.programmeId,
    programmeName: c.programmeName,
    voucherId: c.voucherId,
    enterpriseId: c.enterpriseId,
    enterpriseName: c.enterpriseName,
    townId: c.townId,
    institutionId: c.institutionId,
    institutionName: c.institutionName,
    serviceTitle: c.serviceTitle,
    claimantRole: c.claimantRole as VoucherClaim['claimantRole'],
    claimedFen: c.claimedFen,
    reservedFen: c.reservedFen,
    orderPriceFen: c.orderPriceFen,
    invoiceFileId: c.invoiceFileId,
    evidenceFileIds: c.evidenceFileIds,
    usage:
      c.bookingId && c.usageValueFen !== null && c.usageLimitFen !== null
        ? {
            bookingId: c.bookingId,
            minutes: c.usageMinutes ?? 0,
            samples: c.usageSamples,
            feeUnit: c.usageFeeUnit as NonNullable<VoucherClaim['usage']>['feeUnit'],
            feeFen: c.usageFeeFen ?? 0,
            valueFen: c.usageValueFen,
            limitFen: c.usageLimitFen,
          }
        : null,
    status: c.status as VoucherClaim['status'],
    reason: c.reason as ClaimRejectReason | null,
    comment: c.comment,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
    verifiedAt: iso(c.verifiedAt),
    settledAt: iso(c.settledAt),
    rejectedAt: iso(c.rejectedAt),
  };
}
