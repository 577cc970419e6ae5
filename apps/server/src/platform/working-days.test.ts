import { describe, expect, it } from 'vitest';
import { holidays } from '../seed/holidays-data.ts';
import {
  addCalendarDays,
  addWorkingDays,
  calendarFrom,
  dayOfWeek,
  EMPTY_CALENDAR,
  isWorkingDay,
  shanghaiDate,
  startOfShanghaiDay,
  workingDaysBetween,
} from './working-days.ts';

// The State Council's 2025–2026 arrangements, as seeded.
const cn = calendarFrom(holidays());

describe('calendar basics', () => {
  it('knows the weekdays of fixed dates', () => {
    expect(dayOfWeek('2026-09-24')).toBe(4); // Thursday
    expect(dayOfWeek('2026-09-20')).toBe(0); // Sunday
    expect(dayOfWeek('2026-10-10')).toBe(6); // Saturday
    expect(dayOfWeek('2024-02-29')).toBe(4);
  });

  it('refuses malformed and impossible dates', () => {
    expect(() => isWorkingDay('2026-02-30', cn)).toThrow(RangeError);
    expect(() => isWorkingDay('2026-9-1', cn)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-09-24', 1.5, cn)).toThrow(RangeError);
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('isWorkingDay with the 2026 arrangements', () => {
  it.each([
    ['2026-09-24', true, 'an ordinary Thursday'],
    ['2026-09-25', false, '中秋节 on a Friday'],
    ['2026-09-26', false, 'Saturday inside 中秋'],
    ['2026-09-20', true, 'Sunday made a working day for 国庆'],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, 'last day of 国庆'],
    ['2026-10-08', true, 'first working day after 国庆'],
    ['2026-10-10', true, 'Saturday made a working day'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2026-02-14', true, 'Saturday before 春节, worked'],
    ['2026-02-23', false, 'last day of 春节 (a Monday)'],
    ['2026-01-04', true, 'Sunday after 元旦, worked'],
    ['2025-10-08', false, '2025: 国庆 and 中秋 together'],
    ['2025-10-11', true, '2025: Saturday worked'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, cn)).toBe(expected);
  });

  it('with no calendar loaded only weekends are off', () => {
    expect(isWorkingDay('2026-10-01', EMPTY_CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-10-10', EMPTY_CALENDAR)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('skips 中秋 and the weekend: 2 working days after Thu 2026-09-24 is Tue 2026-09-29', () => {
    expect(addWorkingDays('2026-09-24', 1, cn)).toBe('2026-09-28');
    expect(addWorkingDays('2026-09-24', 2, cn)).toBe('2026-09-29');
    expect(addWorkingDays('2026-09-24', 3, cn)).toBe('2026-09-30');
  });

  it('crosses 国庆 and counts the make-up Saturday', () => {
    expect(addWorkingDays('2026-09-30', 1, cn)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cn)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4, cn)).toBe('2026-10-12');
  });

  it('counts the make-up Sunday 2026-09-20', () => {
    expect(addWorkingDays('2026-09-18', 1, cn)).toBe('2026-09-20');
    expect(addWorkingDays('2026-09-18', 1, EMPTY_CALENDAR)).toBe('2026-09-21');
  });

  it('starts counting the day after a start that is itself a day off', () => {
    expect(addWorkingDays('2026-10-03', 1, cn)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-03', 0, cn)).toBe('2026-10-03');
  });

  it('counts backwards', () => {
    expect(addWorkingDays('2026-10-08', -1, cn)).toBe('2026-09-30');
    expect(addWorkingDays('2026-09-28', -1, cn)).toBe('2026-09-24');
    expect(addWorkingDays('2026-09-21', -1, cn)).toBe('2026-09-20');
  });

  it('spans a year boundary and 元旦', () => {
    // 2025-12-31 (Wed); 2026-01-01..03 off; 01-04 (Sun) worked.
    expect(addWorkingDays('2025-12-31', 1, cn)).toBe('2026-01-04');
    expect(addWorkingDays('2025-12-31', 2, cn)).toBe('2026-01-05');
  });

  it('20 working days from before 春节 2026', () => {
    // Feb 2026: 14 (Sat) worked, 15–23 off, 28 (Sat) worked.
    const d = addWorkingDays('2026-02-10', 20, cn);
    expect(d).toBe('2026-03-16');
    expect(workingDaysBetween('2026-02-10', d, cn)).toBe(20);
  });
});

describe('workingDaysBetween', () => {
  it('counts (a, b] forward and [b, a) backward', () => {
    expect(workingDaysBetween('2026-09-24', '2026-09-24', cn)).toBe(0);
    expect(workingDaysBetween('2026-09-24', '2026-09-27', cn)).toBe(0);
    expect(workingDaysBetween('2026-09-24', '2026-10-12', cn)).toBe(7); // 28,29,30,8,9,10,12
    expect(workingDaysBetween('2026-10-12', '2026-09-24', cn)).toBe(-7);
    expect(workingDaysBetween('2026-09-27', '2026-09-24', cn)).toBe(-1);
  });

  it('is the inverse of addWorkingDays across 2025–2026, both directions', () => {
    for (let start = '2025-01-01'; start < '2027-01-01'; start = addCalendarDays(start, 11)) {
      for (const n of [-15, -3, -1, 1, 2, 5, 10, 30]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n, cn), cn)).toBe(n);
      }
    }
  });

  it('agrees with a 2026 count: 365 days, weekends, holidays and make-up days', () => {
    // 2026 has 104 weekend days; 元旦 01-01,02 + 春节 02-16..20,23 + 清明 04-06 + 劳动 05-01,04,05 + 端午 06-19 +
    // 中秋 09-25 + 国庆 10-01,02,05,06,07 fall on weekdays (19 days); 6 weekend days are worked.
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cn)).toBe(365 - 104 - 19 + 6);
  });
});

describe('Shanghai dates', () => {
  it('takes the date in Shanghai, not UTC', () => {
    expect(shanghaiDate(new Date('2026-09-24T15:59:59Z'))).toBe('2026-09-24');
    expect(shanghaiDate(new Date('2026-09-24T16:00:00Z'))).toBe('2026-09-25');
    expect(shanghaiDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it('finds when a Shanghai day starts', () => {
    expect(startOfShanghaiDay('2026-09-29').toISOString()).toBe('2026-09-28T16:00:00.000Z');
  });
});
