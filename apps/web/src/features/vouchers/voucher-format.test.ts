import { describe, expect, it } from 'vitest';
import { daysLeft, percentOfBp, windowOpen } from './voucher-format.tsx';

describe('voucher formatting', () => {
  it('shows basis points as a percentage', () => {
    expect(percentOfBp(8000)).toBe('80%');
    expect(percentOfBp(10_000)).toBe('100%');
    expect(percentOfBp(3333)).toBe('33.33%');
    expect(percentOfBp(5)).toBe('0.05%');
  });

  it('counts the days to expiry', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(daysLeft('2026-03-21T00:00:00Z', now)).toBe(20);
    expect(daysLeft('2026-02-28T00:00:00Z', now)).toBe(-1);
  });

  it('knows whether the application window is open, inclusive of both ends', () => {
    const p = { status: 'open', windowStart: '2026-01-01', windowEnd: '2026-06-30' };
    expect(windowOpen(p, '2026-01-01')).toBe(true);
    expect(windowOpen(p, '2026-06-30')).toBe(true);
    expect(windowOpen(p, '2026-07-01')).toBe(false);
    expect(windowOpen({ ...p, status: 'closed' }, '2026-03-01')).toBe(false);
  });
});
