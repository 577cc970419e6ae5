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
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
