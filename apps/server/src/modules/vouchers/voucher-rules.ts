import { BASIS_POINTS } from '@innotown/contracts/vouchers';

/**
 * Pure money rules of the voucher programme (no database): tested one by one.
 *
 * Rounding: a subsidy is ratio × price rounded DOWN to whole fen (public money is never over-paid;
 * the enterprise loses less than 1 fen). Amounts stay far below 2^53 (price ≤ 10^10 fen, ratio ≤ 10^4),
 * so the product is exact in a JavaScript number.
 */
export function subsidyFen(orderPriceFen: number, ratioBp: number, remainingFen: number): number {
  if (!Number.isSafeInteger(orderPriceFen) || orderPriceFen <= 0) throw new RangeError('price must be a positive whole number of fen');
  if (!Number.isInteger(ratioBp) || ratioBp < 1 || ratioBp > BASIS_POINTS) throw new RangeError('ratio must be 1..10000 basis points');
  const byRatio = Math.floor((orderPriceFen * ratioBp) / BASIS_POINTS);
  return Math.max(0, Math.min(byRatio, remainingFen));
}

export type EnterpriseCategory = { isTechSme: boolean; isHighTech: boolean };
export type ProgrammeRatios = { ratioTechSmeBp: number; ratioHighTechBp: number; ratioDefaultBp: number };

/** The enterprise gets the highest ratio of the categories it belongs to; fixed on the voucher when issued. */
export function ratioFor(e: EnterpriseCategory, p: ProgrammeRatios): number {
  const ratios = [p.ratioDefaultBp];
  if (e.isTechSme) ratios.push(p.ratioTechSmeBp);
  if (e.isHighTech) ratios.push(p.ratioHighTechBp);
  return Math.max(...ratios);
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** The calendar date in Shanghai, 'YYYY-MM-DD'. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** The application window is whole days, Shanghai time, both ends included. */
export function windowOpen(p: { windowStart: string; windowEnd: string }, now: Date): boolean {
  const today = shanghaiDate(now);
  return today >= p.windowStart && today <= p.windowEnd;
}

/** A voucher is valid for `validityDays` days from its issue. */
export const expiresAt = (issuedAt: Date, validityDays: number) => new Date(issuedAt.getTime() + validityDays * 86_400_000);

/** Financial institutions are not service providers of the alliance. */
export const NON_PROVIDER_TYPES = ['bank', 'guarantor', 'insurer'] as const;

export function providerEligible(
  p: { providerScope: string; providerIds: readonly string[] },
  provider: { id: string; type: string },
): boolean {
  if ((NON_PROVIDER_TYPES as readonly string[]).includes(provider.type)) return false;
  return p.providerScope === 'alliance' || p.providerIds.includes(provider.id);
}

export type ApprovalProblem = 'above_asked' | 'above_cap' | 'budget_exhausted' | null;

/** What an approval of `amount` would break, checked again by the database constraints. */
export function approvalProblem(input: {
  amountFen: number;
  askedFen: number;
  capFen: number;
  awardedFen: number;
  availableFen: number;
}): ApprovalProblem {
  if (input.amountFen > input.askedFen) return 'above_asked';
  if (input.awardedFen + input.amountFen > input.capFen) return 'above_cap';
  if (input.amountFen > input.availableFen) return 'budget_exhausted';
  return null;
}
