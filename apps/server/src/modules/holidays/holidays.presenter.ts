import type { holidaySchema } from '@innotown/contracts/platform';
import type { z } from 'zod';
import type { HolidayRow } from './holidays.repository.ts';

export function presentHoliday(h: HolidayRow): z.infer<typeof holidaySchema> {
  return { date: h.date, name: h.name, isWorkday: h.isWorkday };
}
