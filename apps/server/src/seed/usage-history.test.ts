import { describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE_KEY, generateDemoData } from './demo-data.ts';
import { BOOKING_REFERENCE_DAY } from './resources-data.ts';

describe('demo usage history', () => {
  const data = generateDemoData({ scale: 1 });
  const h = data.usageHistory;

  it('is deterministic', () => {
    expect(generateDemoData({ scale: 1 }).usageHistory).toEqual(h);
  });

  it('covers a year before the reference day with every kind of outcome, and never touches the demo enterprise', () => {
    const days = h.bookings.map((b) => b.period[0].slice(0, 10)).sort();
    expect(days[0]?.slice(0, 7)).toBe('2025-12');
    expect((days.at(-1) as string) < BOOKING_REFERENCE_DAY).toBe(true);
    const statuses = new Set(h.bookings.map((b) => b.status));
    expect(statuses).toEqual(new Set(['completed', 'usage_recorded', 'disputed', 'no_show']));
    expect(h.bookings.some((b) => b.usage && b.usage.extraFen > 0)).toBe(true);
    expect(h.internalUsages.length).toBeGreaterThan(100);
    expect(h.clients).toHaveLength(16);
    expect(h.bookings.every((b) => b.enterpriseKey !== DEMO_ENTERPRISE_KEY)).toBe(true);
    // Slots lie inside one day and end after they start; a no-show has no usage.
    for (const b of h.bookings) {
      expect(Date.parse(b.period[1])).toBeGreaterThan(Date.parse(b.period[0]));
      expect(b.usage === null).toBe(b.status === 'no_show');
    }
  });

  it('leaves some published instruments idle and keeps others busy', () => {
    const published = data.resources.filter((r) => r.kind === 'instrument' && r.reviewStatus === 'published');
    const used = new Map<string, number>();
    for (const b of h.bookings) used.set(b.resourceKey, (used.get(b.resourceKey) ?? 0) + (b.usage?.minutes ?? 0));
    const idle = published.filter((r) => !used.has(r.key));
    expect(idle.length).toBeGreaterThan(published.length * 0.05);
    // Busy: over 800 hours in the year (about 40 % of a 2,000-hour year).
    expect([...used.values()].filter((m) => m > 800 * 60).length).toBeGreaterThan(5);
  });

  it('at the test scale only the last months are generated', () => {
    const small = generateDemoData({ scale: 0.1 }).usageHistory;
    expect(small.bookings.length).toBeLessThan(h.bookings.length / 4);
    expect(small.bookings.every((b) => b.period[0] >= '2026-10-01')).toBe(true);
  });
});
