import { systemContext } from '../../platform/context.ts';
import type { JobHandlers, Schedule } from '../../platform/jobs.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { escalateOverdueOrders } from './service-orders.service.ts';

/** Every 15 minutes; the slot's singleton key runs it once across instances, and escalation is a conditional UPDATE. */
export const SERVICE_ORDER_SCHEDULES: readonly Schedule[] = [{ name: 'service_orders.sla_escalate', everyMinutes: 15 }];

const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });

export function serviceOrderHandlers(): JobHandlers {
  return {
    'service_orders.sla_escalate': async ({ db, log }) => {
      const result = await escalateOverdueOrders(db, SYSTEM);
      log.info(result, 'service orders without a quote escalated');
      return result;
    },
  };
}
