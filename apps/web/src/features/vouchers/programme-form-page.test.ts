import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { percentToBp, programmeBody } from './programme-form-page.tsx';

describe('the programme form → the API body', () => {
  const values = {
    year: 2026,
    name: '  2026 年度创新券  ',
    totalBudgetYuan: '5000000.01',
    capYuan: '100000.1',
    ratioTechSme: '80',
    ratioHighTech: '66.67',
    ratioDefault: '0.29',
    categories: ['testing' as const, 'ip' as const],
    providerScope: 'alliance' as const,
    providerIds: ['00000000-0000-4000-8000-000000000001'],
    window: [dayjs('2026-01-01'), dayjs('2026-06-30')] as [dayjs.Dayjs, dayjs.Dayjs],
    validityDays: 365,
    claimant: 'provider' as const,
  };

  it('converts yuan to whole fen and percentages to basis points exactly (no float rounding)', () => {
    expect(programmeBody(values)).toEqual({
      year: 2026,
      name: '2026 年度创新券',
      totalBudgetFen: 500_000_001,
      capPerEnterpriseFen: 10_000_010,
      ratioTechSmeBp: 8000,
      ratioHighTechBp: 6667,
      ratioDefaultBp: 29,
      categories: ['testing', 'ip'],
      providerScope: 'alliance',
      providerIds: [],
      windowStart: '2026-01-01',
      windowEnd: '2026-06-30',
      validityDays: 365,
      claimant: 'provider',
    });
  });

  it('sends the listed providers only when the scope is "listed"', () => {
    expect(programmeBody({ ...values, providerScope: 'listed' }).providerIds).toEqual(values.providerIds);
  });

  it('refuses a ratio finer than a basis point', () => {
    expect(percentToBp('33.333')).toBeNull();
    expect(percentToBp('100')).toBe(10_000);
  });
});
