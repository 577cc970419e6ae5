import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  annuityFeeFen,
  checkEvent,
  expiryDate,
  needsReminder,
  nextAnnuity,
  surchargePercent,
} from './patent-portfolio.rules.ts';

describe('term', () => {
  it('runs 20 / 10 years from the application date, ending the day before the anniversary', () => {
    expect(expiryDate('invention', '2010-03-01')).toBe('2030-02-28');
    expect(expiryDate('utility_model', '2018-07-15')).toBe('2028-07-14');
  });

  it('gives designs 10 years before 2021-06-01 and 15 years from that day', () => {
    expect(expiryDate('design', '2021-05-31')).toBe('2031-05-30');
    expect(expiryDate('design', '2021-06-01')).toBe('2036-05-31');
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
  });
});

describe('annual fees', () => {
  const granted = {
    kind: 'invention' as const,
    applicationDate: '2020-03-01',
    grantDate: '2021-06-01',
    legalStatus: 'granted',
    feesPaidUntil: null,
  };

  it('takes the grant year as paid: the next fee is the first anniversary after the grant', () => {
    const a = nextAnnuity(granted, '2021-07-01');
    expect(a).toMatchObject({ year: 3, dueDate: '2022-03-01', graceEndDate: '2022-09-01', feeFen: 90_000, status: 'paid' });
  });

  it('takes the years begun as paid when payments are unknown (the patent has not lapsed)', () => {
    expect(nextAnnuity(granted, '2026-01-15')).toMatchObject({ year: 7, dueDate: '2026-03-01', status: 'due_soon' });
    expect(nextAnnuity(granted, '2026-03-01')).toMatchObject({ year: 7, dueDate: '2026-03-01', status: 'due_soon' });
    expect(nextAnnuity(granted, '2026-03-02')).toMatchObject({ year: 8, dueDate: '2027-03-01', status: 'paid' });
  });

  it('follows what the paid fees cover', () => {
    const a = nextAnnuity({ ...granted, feesPaidUntil: '2026-02-28' }, '2026-01-15');
    expect(a).toMatchObject({ year: 7, dueDate: '2026-03-01', feeFen: 200_000, surchargeFen: 0, status: 'due_soon' });
    expect(needsReminder(a)).toBe(true);
  });

  it('charges no surcharge in the first month late, then 5 % per month, and is overdue after six months', () => {
    expect(surchargePercent('2025-02-01', '2025-02-01')).toBe(0);
    expect(surchargePercent('2025-02-01', '2025-03-01')).toBe(0);
    expect(surchargePercent('2025-02-01', '2025-03-02')).toBe(5);
    expect(surchargePercent('2025-02-01', '2025-08-01')).toBe(25);
    const late = { ...granted, applicationDate: '2019-02-01', grantDate: '2020-09-01', feesPaidUntil: '2025-01-31' };
    expect(nextAnnuity(late, '2025-04-15')).toMatchObject({ year: 7, status: 'grace', feeFen: 200_000, surchargeFen: 20_000 });
    const gone = nextAnnuity(late, '2025-08-02');
    expect(gone?.status).toBe('overdue');
    expect(needsReminder(gone)).toBe(false);
  });

  it('has no fee for a patent that is not in force, nor after the term', () => {
    expect(nextAnnuity({ ...granted, legalStatus: 'pending', grantDate: null }, '2022-01-01')).toBeNull();
    expect(nextAnnuity({ ...granted, legalStatus: 'lapsed' }, '2022-01-01')).toBeNull();
    expect(nextAnnuity({ ...granted, feesPaidUntil: '2040-02-29' }, '2039-01-01')).toBeNull();
  });

  it('uses the official schedule by kind and year', () => {
    expect([1, 4, 7, 10, 13, 16].map((y) => annuityFeeFen('invention', y) / 100)).toEqual([900, 1200, 2000, 4000, 6000, 8000]);
    expect([1, 4, 6, 9, 11].map((y) => annuityFeeFen('design', y) / 100)).toEqual([600, 900, 1200, 2000, 3000]);
  });
});

describe('legal-status transitions', () => {
  const p = { kind: 'invention' as const, applicationDate: '2020-03-01', legalStatus: 'granted', legalStatusDate: '2021-06-01' };
  const today = '2026-11-27';

  it('allows the transitions of a patent’s life', () => {
    expect(checkEvent(p, 'lapsed', '2024-03-02', today)).toEqual({ ok: true, to: 'lapsed' });
    expect(checkEvent({ ...p, legalStatus: 'lapsed' }, 'restored', '2024-05-01', today)).toEqual({ ok: true, to: 'granted' });
    expect(checkEvent({ ...p, legalStatus: 'pending', legalStatusDate: null }, 'granted', '2021-06-01', today)).toEqual({
      ok: true,
      to: 'granted',
    });
    expect(checkEvent(p, 'invalidated', '2024-01-01', today)).toEqual({ ok: true, to: 'invalidated' });
  });

  it('refuses what does not follow, and dates out of order', () => {
    expect(checkEvent(p, 'granted', '2024-01-01', today)).toEqual({ ok: false, reason: 'transition' });
    expect(checkEvent(p, 'restored', '2024-01-01', today)).toEqual({ ok: false, reason: 'transition' });
    expect(checkEvent({ ...p, legalStatus: 'pending', legalStatusDate: null }, 'granted', '2020-02-01', today)).toEqual({
      ok: false,
      reason: 'before_application',
    });
    expect(checkEvent(p, 'lapsed', '2021-05-01', today)).toEqual({ ok: false, reason: 'before_status' });
    expect(checkEvent(p, 'lapsed', '2027-01-01', today)).toEqual({ ok: false, reason: 'future' });
    expect(checkEvent(p, 'expired', '2026-01-01', today)).toEqual({ ok: false, reason: 'before_expiry' });
    expect(checkEvent({ ...p, applicationDate: '2000-01-01', legalStatusDate: '2001-06-01' }, 'expired', '2020-01-01', today)).toEqual({
      ok: true,
      to: 'expired',
    });
  });
});
