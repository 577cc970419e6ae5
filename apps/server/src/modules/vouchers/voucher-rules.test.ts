import { describe, expect, it } from 'vitest';
import { approvalProblem, expiresAt, providerEligible, ratioFor, subsidyFen, windowOpen } from './voucher-rules.ts';

describe('subsidy = ratio × price, capped by what is left, rounded down to whole fen', () => {
  it('applies the ratio', () => {
    expect(subsidyFen(100_000, 8000, 1_000_000)).toBe(80_000);
    expect(subsidyFen(100_000, 5000, 1_000_000)).toBe(50_000);
  });
  it('rounds down: public money is never over-paid by a fraction', () => {
    expect(subsidyFen(1, 5000, 100)).toBe(0);
    expect(subsidyFen(3, 5000, 100)).toBe(1);
    expect(subsidyFen(99_999, 8000, 1_000_000)).toBe(79_999); // 79 999.2
    expect(subsidyFen(12_345, 3333, 1_000_000)).toBe(4_114); // 4 114.589 → 4 114
  });
  it('never exceeds the voucher’s remaining value', () => {
    expect(subsidyFen(1_000_000, 8000, 12_345)).toBe(12_345);
    expect(subsidyFen(1_000_000, 8000, 0)).toBe(0);
  });
  it('is exact at the largest amounts allowed', () => {
    expect(subsidyFen(10_000_000_000, 9999, Number.MAX_SAFE_INTEGER)).toBe(9_999_000_000);
  });
  it('refuses nonsense input', () => {
    expect(() => subsidyFen(0, 5000, 1)).toThrow(RangeError);
    expect(() => subsidyFen(-5, 5000, 1)).toThrow(RangeError);
    expect(() => subsidyFen(1.5, 5000, 1)).toThrow(RangeError);
    expect(() => subsidyFen(100, 10_001, 1)).toThrow(RangeError);
  });
});

describe('ratio by enterprise category', () => {
  const p = { ratioTechSmeBp: 8000, ratioHighTechBp: 6000, ratioDefaultBp: 5000 };
  it('gives the highest ratio the enterprise qualifies for', () => {
    expect(ratioFor({ isTechSme: true, isHighTech: false }, p)).toBe(8000);
    expect(ratioFor({ isTechSme: false, isHighTech: true }, p)).toBe(6000);
    expect(ratioFor({ isTechSme: true, isHighTech: true }, p)).toBe(8000);
    expect(ratioFor({ isTechSme: false, isHighTech: false }, p)).toBe(5000);
  });
});

describe('window, validity, providers, approvals', () => {
  it('the window is whole Shanghai days, both ends included', () => {
    const w = { windowStart: '2026-03-01', windowEnd: '2026-03-31' };
    expect(windowOpen(w, new Date('2026-02-28T16:00:00Z'))).toBe(true); // 00:00 on 1 March in Shanghai
    expect(windowOpen(w, new Date('2026-02-28T15:59:59Z'))).toBe(false);
    expect(windowOpen(w, new Date('2026-03-31T15:59:59Z'))).toBe(true);
    expect(windowOpen(w, new Date('2026-03-31T16:00:00Z'))).toBe(false);
  });
  it('a voucher lasts validityDays from its issue', () => {
    expect(expiresAt(new Date('2026-01-01T00:00:00Z'), 90).toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
  it('alliance programmes take any non-financial institution; listed ones only theirs', () => {
    expect(providerEligible({ providerScope: 'alliance', providerIds: [] }, { id: 'a', type: 'testing_lab' })).toBe(true);
    expect(providerEligible({ providerScope: 'alliance', providerIds: [] }, { id: 'a', type: 'bank' })).toBe(false);
    expect(providerEligible({ providerScope: 'listed', providerIds: ['b'] }, { id: 'a', type: 'testing_lab' })).toBe(false);
    expect(providerEligible({ providerScope: 'listed', providerIds: ['a'] }, { id: 'a', type: 'testing_lab' })).toBe(true);
  });
  it('approval: not above the amount asked, the cap or the budget', () => {
    const base = { amountFen: 100, askedFen: 100, capFen: 1000, awardedFen: 0, availableFen: 1000 };
    expect(approvalProblem(base)).toBeNull();
    expect(approvalProblem({ ...base, amountFen: 101 })).toBe('above_asked');
    expect(approvalProblem({ ...base, awardedFen: 901 })).toBe('above_cap');
    expect(approvalProblem({ ...base, awardedFen: 900 })).toBeNull();
    expect(approvalProblem({ ...base, availableFen: 99 })).toBe('budget_exhausted');
  });
});
