import { describe, expect, it } from 'vitest';
import { availableSteps } from './order-steps.ts';

const at = (status: Parameters<typeof availableSteps>[1]['status'], escalatedAt: string | null = null) => ({ status, escalatedAt });

describe('availableSteps', () => {
  it('gives the provider quote, start and deliver, each in its one state', () => {
    expect(availableSteps('provider', at('requested'))).toEqual(['quote']);
    expect(availableSteps('provider', at('accepted'))).toEqual(['start']);
    expect(availableSteps('provider', at('in_progress'))).toEqual(['deliver']);
    for (const s of ['quoted', 'delivered', 'completed', 'disputed', 'closed', 'cancelled'] as const) {
      expect(availableSteps('provider', at(s))).toEqual([]);
    }
  });

  it('gives the enterprise the answer to a quote, cancel before work starts, confirm or dispute after delivery', () => {
    expect(availableSteps('enterprise', at('requested'))).toEqual(['cancel']);
    expect(availableSteps('enterprise', at('quoted'))).toEqual(['accept', 'decline']);
    expect(availableSteps('enterprise', at('accepted'))).toEqual(['cancel']);
    expect(availableSteps('enterprise', at('in_progress'))).toEqual([]);
    expect(availableSteps('enterprise', at('delivered'))).toEqual(['confirm', 'dispute']);
    expect(availableSteps('enterprise', at('completed'))).toEqual([]);
  });

  it('gives the town admin disputes to decide and escalated requests to dispatch; the city and others only read', () => {
    expect(availableSteps('town_admin', at('disputed'))).toEqual(['decide']);
    expect(availableSteps('town_admin', at('requested', '2026-11-27T00:00:00Z'))).toEqual(['dispatch']);
    expect(availableSteps('town_admin', at('requested'))).toEqual([]);
    for (const s of ['requested', 'disputed', 'delivered'] as const) {
      expect(availableSteps('city_admin', at(s, '2026-11-27T00:00:00Z'))).toEqual([]);
      expect(availableSteps('expert', at(s))).toEqual([]);
      expect(availableSteps(undefined, at(s))).toEqual([]);
    }
  });
});
