import { describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiToday } from './datetime.ts';

describe('Shanghai dates, whatever the browser zone', () => {
  it('is already tomorrow in Shanghai from 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(shanghaiDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(shanghaiDate('2026-12-31T16:30:00.000Z')).toBe('2027-01-01');
  });

  it('gives a date picker the Shanghai day, not the local one', () => {
    const today = shanghaiToday(new Date('2026-11-27T16:05:00Z'));
    expect(today.format('YYYY-MM-DD')).toBe('2026-11-28');
    expect([today.hour(), today.minute()]).toEqual([0, 0]);
  });
});
