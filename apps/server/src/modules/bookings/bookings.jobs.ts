import type { Config } from '../../config.ts';
import { systemContext } from '../../platform/context.ts';
import type { JobHandlers, Schedule } from '../../platform/jobs.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { sweepNoShows } from './bookings.service.ts';

export const BOOKING_SCHEDULES: readonly Schedule[] = [{ name: 'bookings.no_show_sweep', everyMinutes: 15 }];

const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });

export function bookingHandlers(config: Pick<Config, 'bookingNoShowSweepHours'>): JobHandlers {
  return {
    'bookings.no_show_sweep': async ({ db, log }) => {
      const marked = await sweepNoShows(db, SYSTEM, config.bookingNoShowSweepHours);
      log.info({ marked, hours: config.bookingNoShowSweepHours }, 'overdue confirmed bookings marked no-show');
      return { marked };
    },
  };
}
