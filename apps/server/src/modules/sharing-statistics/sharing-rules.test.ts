import { describe, expect, it } from 'vitest';
import { calendarFrom, EMPTY_CALENDAR } from '../../platform/working-days.ts';
import {
  availableMinutes,
  dayMinutes,
  EMPTY_RAW,
  figuresOf,
  idleInstruments,
  isIdle,
  monthsOf,
  type OpeningHours,
  periodInstants,
  ratio,
  scheduleDays,
  scheduleOf,
  sumRaw,
  topUsed,
} from './sharing-rules.ts';

// 2026: 10-01..10-08 National Day off (Thu..Thu), 09-27 (Sun) and 10-10 (Sat) make-up working days.
const calendar = calendarFrom([
  ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'].map((date) => ({ date, isWorkday: false })),
  { date: '2026-09-27', isWorkday: true },
  { date: '2026-10-10', isWorkday: true },
]);
const day = (): [string, string][] => [['09:00', '17:00']];
const OFFICE: OpeningHours = { mon: day(), tue: day(), wed: day(), thu: day(), fri: day() };

describe('available hours', () => {
  it('sums the intervals of a day, 24:00 included, and ignores reversed intervals', () => {
    expect(
      dayMinutes([
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ]),
    ).toBe(450);
    expect(dayMinutes([['00:00', '24:00']])).toBe(1440);
    expect(dayMinutes([['17:00', '09:00']])).toBe(0);
    expect(dayMinutes(undefined)).toBe(0);
  });

  it('a public holiday is closed, a make-up weekend day opens with the weekday schedule, an ordinary weekend with its own', () => {
    expect(scheduleOf('2026-10-01', calendar)).toBeNull();
    expect(scheduleOf('2026-09-27', calendar)).toBe('makeup');
    expect(scheduleOf('2026-09-28', calendar)).toBe('mon');
    expect(scheduleOf('2026-10-10', calendar)).toBe('makeup');
    expect(scheduleOf('2026-10-17', calendar)).toBe('sat');
    expect(scheduleOf('2026-10-09', calendar)).toBe('fri');
  });

  it('counts a fortnight around National Day: 4 ordinary working days + 2 make-up days', () => {
    const { days, workingDays } = scheduleDays('2026-09-27', '2026-10-10', calendar);
    // 09-27 Sun make-up, 09-28..30 Mon–Wed, 10-01..02 off, 10-03..04 weekend, 10-05..08 off, 10-09 Fri, 10-10 Sat make-up.
    expect(workingDays).toBe(6);
    expect(days).toEqual({ mon: 1, tue: 1, wed: 1, thu: 0, fri: 1, sat: 1, sun: 1, makeup: 2 });
    expect(availableMinutes(OFFICE, days)).toBe(6 * 480);
    // Saturday mornings open: the one ordinary Saturday in the period (10-03) adds 3 hours.
    expect(availableMinutes({ ...OFFICE, sat: [['09:00', '12:00']] }, days)).toBe(6 * 480 + 180);
    expect(availableMinutes(null, days)).toBe(0);
  });

  it('without holidays a week has five working days', () => {
    const { days, workingDays } = scheduleDays('2026-03-02', '2026-03-08', EMPTY_CALENDAR);
    expect(workingDays).toBe(5);
    expect(availableMinutes(OFFICE, days)).toBe(2400);
  });
});

describe('periods', () => {
  it('splits a period into clipped months', () => {
    expect(monthsOf('2025-12-15', '2026-02-10')).toEqual([
      { month: '2025-12', from: '2025-12-15', to: '2025-12-31' },
      { month: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-10' },
    ]);
  });

  it('runs from midnight Shanghai to midnight Shanghai after the last day', () => {
    expect(periodInstants('2026-01-01', '2026-12-31')).toEqual({
      start: new Date('2025-12-31T16:00:00Z'),
      end: new Date('2026-12-31T16:00:00Z'),
    });
  });
});

describe('figures', () => {
  const raw = {
    ...EMPTY_RAW,
    instruments: 1,
    originalValueFen: 100_000_000, // 100 万元
    availableMinutes: 6000, // 100 h
    externalMinutes: 1800, // 30 h
    internalMinutes: 600, // 10 h
    externalIncomeFen: 2_000_000, // 2 万元
    internalIncomeFen: 1_000_000, // 1 万元
    externalServices: 9,
    externalUsers: 4,
    noShows: 1,
  };

  it('computes the evaluation figures from the sums', () => {
    expect(figuresOf(raw)).toEqual({
      instruments: 1,
      originalValueFen: 100_000_000,
      availableHours: 100,
      effectiveHours: 40,
      externalHours: 30,
      internalHours: 10,
      utilisationRate: 0.4,
      sharingRate: 0.75,
      // (1 万 + 1.5 × 2 万) ÷ 100 万
      revenueRate: 0.04,
      externalUsers: 4,
      externalIncomeFen: 2_000_000,
      internalIncomeFen: 1_000_000,
      serviceIncomeFen: 3_000_000,
      externalServices: 9,
      noShows: 1,
      noShowRate: 0.1,
    });
  });

  it('a rate with nothing to divide by is null', () => {
    const f = figuresOf(EMPTY_RAW);
    expect([f.utilisationRate, f.sharingRate, f.revenueRate, f.noShowRate]).toEqual([null, null, null, null]);
    expect(ratio(1, 3)).toBe(0.3333);
  });

  it('sums before dividing: two instruments at 10 % and 90 % of unequal hours are not 50 %', () => {
    const a = { ...EMPTY_RAW, instruments: 1, availableMinutes: 6000, externalMinutes: 600 };
    const b = { ...EMPTY_RAW, instruments: 1, availableMinutes: 600, externalMinutes: 540 };
    const total = figuresOf(sumRaw([a, b], 3));
    expect(total.utilisationRate).toBe(ratio(1140, 6600));
    expect(total.externalUsers).toBe(3);
    expect(total.instruments).toBe(2);
  });

  it('idle means under 5 % used, or unused with no opening hours', () => {
    expect(isIdle({ utilisationRate: 0.049, effectiveHours: 1 })).toBe(true);
    expect(isIdle({ utilisationRate: 0.05, effectiveHours: 1 })).toBe(false);
    expect(isIdle({ utilisationRate: null, effectiveHours: 0 })).toBe(true);
    expect(isIdle({ utilisationRate: null, effectiveHours: 3 })).toBe(false);
  });

  it('ranks the top used by effective hours and the idle by value', () => {
    const row = (name: string, effectiveHours: number, utilisationRate: number, originalValueFen: number) => ({
      name,
      idle: isIdle({ utilisationRate, effectiveHours }),
      figures: { ...figuresOf(EMPTY_RAW), effectiveHours, utilisationRate, originalValueFen },
    });
    const rows = [row('甲', 10, 0.5, 1), row('乙', 0, 0, 500), row('丙', 30, 0.6, 1), row('丁', 0, 0, 900), row('戊', 1, 0.01, 2)];
    expect(topUsed(rows).map((r) => r.name)).toEqual(['丙', '甲', '戊']);
    expect(idleInstruments(rows).map((r) => r.name)).toEqual(['丁', '乙', '戊']);
    expect(topUsed(rows, 1).map((r) => r.name)).toEqual(['丙']);
  });
});
