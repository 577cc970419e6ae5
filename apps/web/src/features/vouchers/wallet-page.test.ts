import type { Voucher } from '@innotown/contracts/vouchers';
import { describe, expect, it } from 'vitest';
import { actionsFor } from './application-actions.tsx';
import { defaultStatusFor } from './applications-page.tsx';
import { walletTotals } from './wallet-page.tsx';

const voucher = (over: Partial<Voucher>): Voucher => ({
  id: '00000000-0000-4000-8000-000000000001',
  programmeId: '00000000-0000-4000-8000-000000000002',
  programmeName: 'P',
  enterpriseId: '00000000-0000-4000-8000-000000000003',
  enterpriseName: 'E',
  townId: '00000000-0000-4000-8000-000000000004',
  faceValueFen: 0,
  ratioBp: 8000,
  remainingFen: 0,
  reservedFen: 0,
  settledFen: 0,
  status: 'active',
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2027-01-01T00:00:00Z',
  ...over,
});

describe('wallet totals', () => {
  it('sums face value, reserved and settled, and counts what is left only on active vouchers', () => {
    expect(
      walletTotals([
        voucher({ faceValueFen: 3_000_000, remainingFen: 1_000_000, reservedFen: 1_000_000, settledFen: 1_000_000 }),
        voucher({ faceValueFen: 1_500_000, remainingFen: 1_500_000 }),
        voucher({ faceValueFen: 500_000, remainingFen: 500_000, status: 'expired' }),
      ]),
    ).toEqual({ faceValueFen: 5_000_000, remainingFen: 2_500_000, reservedFen: 1_000_000, settledFen: 1_000_000 });
    expect(walletTotals([])).toEqual({ faceValueFen: 0, remainingFen: 0, reservedFen: 0, settledFen: 0 });
  });
});

describe('review steps', () => {
  it('offers each reviewer only the steps the server allows from the current status', () => {
    expect(actionsFor('town_admin', 'submitted')).toEqual(['forward', 'return']);
    expect(actionsFor('town_admin', 'forwarded')).toEqual([]);
    expect(actionsFor('city_admin', 'forwarded')).toEqual(['approve', 'return', 'decline']);
    expect(actionsFor('city_admin', 'submitted')).toEqual([]);
    expect(actionsFor('enterprise', 'submitted')).toEqual([]);
    expect(actionsFor('city_admin', 'approved')).toEqual([]);
  });

  it('opens each queue on what waits for its reader', () => {
    expect(defaultStatusFor('town_admin')).toBe('submitted');
    expect(defaultStatusFor('city_admin')).toBe('forwarded');
    expect(defaultStatusFor('enterprise')).toBe('all');
  });
});
