import { BASIS_POINTS } from '@innotown/contracts/vouchers';

/**
 * Pure rules of post-subsidy claims against recorded instrument usage (no database), tested one by one.
 *
 * The value of a recorded use is the instrument's listed fee (the upper end of its range: what the owner
 * may charge at most) times the units used, billed as bookings are (booking-rules.ts `quote`): per hour in
 * started half-hours, per day in started 24-hour periods, per sample by the count. An instrument without a
 * listed fee is valued at the fee the owner recorded for the booking. The claim may ask at most the
 * voucher's ratio of that value, rounded down to whole fen (public money is never over-paid).
 */
export type UsageRecord = { minutes: number; samples: number | null; bookedSamples: number | null; chargedFen: number };
export type InstrumentFee = { feeUnit: string | null; feeMinFen: number | null; feeMaxFen: number | null };
export type UsageValue = { feeUnit: 'hour' | 'sample' | 'day' | null; feeFen: number; valueFen: number };

export function usageValue(fee: InstrumentFee, use: UsageRecord): UsageValue {
  const rate = fee.feeMaxFen ?? fee.feeMinFen;
  if (!fee.feeUnit || rate === null) return { feeUnit: null, feeFen: use.chargedFen, valueFen: use.chargedFen };
  if (fee.feeUnit === 'sample') {
    const samples = use.samples ?? use.bookedSamples ?? 0;
    return { feeUnit: 'sample', feeFen: rate, valueFen: samples * rate };
  }
  if (fee.feeUnit === 'day') return { feeUnit: 'day', feeFen: rate, valueFen: Math.ceil(use.minutes / 1440) * rate };
  const halves = Math.ceil(use.minutes / 30);
  return { feeUnit: 'hour', feeFen: rate, valueFen: Math.ceil((rate * halves) / 2) };
}

/** The most a claim backed by this use may ask: ratio × value, rounded down. */
export const usageLimitFen = (valueFen: number, ratioBp: number) => Math.floor((valueFen * ratioBp) / BASIS_POINTS);

/** Orders a claim may be filed on: confirmed by the enterprise, or closed after a dispute that did not refund it. */
export function orderClaimable(o: { status: string; decision: string | null }): boolean {
  return o.status === 'completed' || (o.status === 'closed' && o.decision !== null && o.decision !== 'refund');
}
