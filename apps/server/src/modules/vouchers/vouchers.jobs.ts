import { systemContext } from '../../platform/context.ts';
import type { JobHandlers, Schedule } from '../../platform/jobs.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { expireDueVouchers } from './vouchers.service.ts';

/** Every 15 minutes; the slot's singleton key makes it run once across instances, and expiry is idempotent. */
export const VOUCHER_SCHEDULES: readonly Schedule[] = [{ name: 'vouchers.expire', everyMinutes: 15 }];

const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });

export function voucherHandlers(): JobHandlers {
  return {
    'vouchers.expire': async ({ db, log }) => {
      const result = await expireDueVouchers(db, SYSTEM);
      log.info(result, 'vouchers past validity expired');
      return result;
    },
  };
}
