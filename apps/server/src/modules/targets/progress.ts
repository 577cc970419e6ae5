/**
 * Progress of an indicator towards its target, as the city overview shows it:
 * - expected: where the value should be by the current year on a straight line from the base year's
 *   value to the target ("where we should be by now");
 * - status (traffic light): on_track when at or beyond the expected value, lagging when it has made at
 *   least 80 % of the expected way from the base, behind otherwise; achieved when the target is met;
 * - forecast: the value in the target year if it keeps growing at its compound annual rate over the
 *   last (up to) three years.
 * "Beyond" respects the direction: for lower-is-better indicators smaller is better.
 */

export type Point = { year: number; value: number };
export type ProgressStatus = 'achieved' | 'on_track' | 'lagging' | 'behind' | 'no_target' | 'no_data';

export type Progress = {
  status: ProgressStatus;
  current: Point | null;
  base: Point | null;
  target: Point | null;
  expected: number | null;
  /** Share of the way from base to target covered (0–1+), null without base or target. */
  share: number | null;
  forecast: Point | null;
  /** Compound annual growth rate used for the forecast. */
  growthRate: number | null;
};

export const LAGGING_SHARE = 0.8;
const GROWTH_WINDOW = 3;

/** The target that applies at `year`: the first target year at or after it, else the last one. */
export function applicableTarget(targets: Point[], year: number): Point | null {
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  return sorted.find((t) => t.year >= year) ?? sorted.at(-1) ?? null;
}

export function compoundGrowth(series: Point[]): number | null {
  const s = [...series].sort((a, b) => a.year - b.year);
  const last = s.at(-1);
  if (!last) return null;
  const first = s.filter((p) => p.year >= last.year - GROWTH_WINDOW)[0];
  if (!first || first.year === last.year || first.value <= 0 || last.value <= 0) return null;
  return (last.value / first.value) ** (1 / (last.year - first.year)) - 1;
}

export function progressOf(input: { series: Point[]; targets: Point[]; baseYear: number | null; direction: 'higher' | 'lower' }): Progress {
  const series = [...input.series].sort((a, b) => a.year - b.year);
  const current = series.at(-1) ?? null;
  const empty = { base: null, expected: null, share: null, forecast: null, growthRate: null };
  if (!current) return { status: 'no_data', current: null, target: applicableTarget(input.targets, new Date().getUTCFullYear()), ...empty };
  const target = applicableTarget(input.targets, current.year);
  const growthRate = compoundGrowth(series);
  if (!target) return { status: 'no_target', current, target: null, ...empty, growthRate };
  const better = (a: number, b: number) => (input.direction === 'higher' ? a >= b : a <= b);
  const base = input.baseYear === null ? null : (series.find((p) => p.year === input.baseYear) ?? null);
  const forecast =
    growthRate !== null && target.year > current.year
      ? { year: target.year, value: current.value * (1 + growthRate) ** (target.year - current.year) }
      : null;
  if (better(current.value, target.value)) {
    return {
      status: 'achieved',
      current,
      base,
      target,
      expected: target.value,
      share: shareOf(base, target, current),
      forecast,
      growthRate,
    };
  }
  if (!base || target.year <= base.year) {
    // Without a base there is no path: not achieved is behind once the target year is reached, else lagging.
    return {
      status: current.year >= target.year ? 'behind' : 'lagging',
      current,
      base,
      target,
      expected: null,
      share: null,
      forecast,
      growthRate,
    };
  }
  const t = Math.min(1, Math.max(0, (current.year - base.year) / (target.year - base.year)));
  const expected = base.value + (target.value - base.value) * t;
  const share = shareOf(base, target, current);
  const expectedShare = t;
  let status: ProgressStatus;
  if (better(current.value, expected)) status = 'on_track';
  else if (share !== null && share >= LAGGING_SHARE * expectedShare) status = 'lagging';
  else status = 'behind';
  return { status, current, base, target, expected, share, forecast, growthRate };
}

function shareOf(base: Point | null, target: Point, current: Point): number | null {
  if (!base || target.value === base.value) return null;
  return (current.value - base.value) / (target.value - base.value);
}
