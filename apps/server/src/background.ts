import type { App } from './platform/http/types.ts';

/** Starts this instance's share of background work (job workers, schedules). */
export function startBackgroundWork(_app: App): { stop: () => Promise<void> } {
  return { stop: async () => {} };
}
