import type { Booking, BookingMode, BookingStatus } from '@innotown/contracts/bookings';
import type { BookingView } from './bookings.repository.ts';

export function presentBooking(b: BookingView): Booking {
  return {
    id: b.id,
    resourceId: b.resourceId,
    resourceName: b.resourceName,
    institutionId: b.institutionId,
    institutionName: b.institutionName,
    townId: b.townId,
    enterpriseId: b.enterpriseId,
    enterpriseName: b.enterpriseName,
    userId: b.userId,
    mode: b.mode as BookingMode,
    start: b.start?.toISOString() ?? null,
    end: b.end?.toISOString() ?? null,
    sampleCount: b.sampleCount,
    purpose: b.purpose,
    sampleDetails: b.sampleDetails,
    quotedFeeFen: b.quotedFeeFen,
    quotedFeeMaxFen: b.quotedFeeMaxFen,
    status: b.status as BookingStatus,
    decisionReason: b.decisionReason,
    decidedAt: b.decidedAt?.toISOString() ?? null,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    cancelledLate: b.cancelledLate,
    usage: b.usage
      ? {
          minutes: b.usage.minutes,
          sampleCount: b.usage.sampleCount,
          feeFen: b.usage.feeFen,
          extraCharges: b.usage.extraCharges,
          extraFen: b.usage.extraFen,
          totalFen: b.usage.feeFen + b.usage.extraFen,
          recordedAt: b.usage.recordedAt.toISOString(),
          confirmedAt: b.usage.confirmedAt?.toISOString() ?? null,
          disputeReason: b.usage.disputeReason,
          disputedAt: b.usage.disputedAt?.toISOString() ?? null,
        }
      : null,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
