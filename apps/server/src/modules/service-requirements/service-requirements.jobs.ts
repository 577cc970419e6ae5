import { systemContext } from '../../platform/context.ts';
import type { JobHandlers, Schedule } from '../../platform/jobs.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { expireRequirements } from './service-requirements.service.ts';

/** Every 15 minutes; the slot's singleton key runs it once across instances, and expiry is a conditional UPDATE. */
export const SERVICE_REQUIREMENT_SCHEDULES: readonly Schedule[] = [{ name: 'service_requirements.expire', everyMinutes: 15 }];

const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });

export function serviceRequirementHandlers(): JobHandlers {
  return {
    'service_requirements.expire': async ({ db, log }) => {
      const result = await expireRequirements(db, SYSTEM);
      log.info(result, 'requirements past their deadline expired');
      return result;
    },
  };
}
