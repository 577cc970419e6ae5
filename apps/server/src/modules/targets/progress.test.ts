import { describe, expect, it } from 'vitest';
import { applicableTarget, compoundGrowth, progressOf } from './progress.ts';

const pts = (o: Record<number, number>) => Object.entries(o).map(([year, value]) => ({ year: Number(year), value }));

describe('progress towards a target', () => {
  // R&D intensity: 2.0 % in 2014, target 2.8 % in 2020 → expected in 2017: 2.4 %.
  const targets = pts({ 2020: 2.8 });

  it('on track when at or above the straight line from base to target', () => {
    const p = progressOf({ series: pts({ 2014: 2.0, 2016: 2.2, 2017: 2.45 }), targets, baseYear: 2014, direction: 'higher' });
    expect(p.status).toBe('on_track');
    expect(p.expected).toBeCloseTo(2.4, 12);
    expect(p.share).toBeCloseTo(0.5625, 12);
  });

  it('lagging with at least 80 % of the expected way, behind below that', () => {
    // expected share by 2017 is 0.5; 0.4 of the way is 2.32 (80 % of 0.5), 2.3 is 0.375.
    expect(progressOf({ series: pts({ 2014: 2.0, 2017: 2.33 }), targets, baseYear: 2014, direction: 'higher' }).status).toBe('lagging');
    expect(progressOf({ series: pts({ 2014: 2.0, 2017: 2.3 }), targets, baseYear: 2014, direction: 'higher' }).status).toBe('behind');
  });

  it('achieved once the target is met, whatever the year', () => {
    expect(progressOf({ series: pts({ 2014: 2.0, 2016: 2.9 }), targets, baseYear: 2014, direction: 'higher' }).status).toBe('achieved');
  });

  it('respects lower-is-better indicators', () => {
    // energy per output: 1.0 → 0.7 by 2020; 0.85 in 2017 is exactly on the line.
    const t = pts({ 2020: 0.7 });
    expect(progressOf({ series: pts({ 2014: 1.0, 2017: 0.85 }), targets: t, baseYear: 2014, direction: 'lower' }).status).toBe('on_track');
    expect(progressOf({ series: pts({ 2014: 1.0, 2017: 0.95 }), targets: t, baseYear: 2014, direction: 'lower' }).status).toBe('behind');
    expect(progressOf({ series: pts({ 2014: 1.0, 2017: 0.6 }), targets: t, baseYear: 2014, direction: 'lower' }).status).toBe('achieved');
  });

  it('forecasts the target year at the compound growth of the last three years', () => {
    // 2014–2017 at 10 % a year (the early 2013 point is outside the window); 2020: 133.1 × 1.1³ = 177.1561.
    const series = pts({ 2013: 10, 2014: 100, 2015: 110, 2016: 121, 2017: 133.1 });
    const p = progressOf({ series, targets: pts({ 2020: 200 }), baseYear: 2014, direction: 'higher' });
    expect(p.growthRate).toBeCloseTo(0.1, 12);
    expect(p.forecast?.year).toBe(2020);
    expect(p.forecast?.value).toBeCloseTo(177.1561, 9);
    expect(compoundGrowth(pts({ 2017: 5 }))).toBeNull();
    expect(compoundGrowth(pts({ 2016: 0, 2017: 5 }))).toBeNull();
  });

  it('without data or target it says so; the next target year applies, else the last', () => {
    expect(progressOf({ series: [], targets, baseYear: 2014, direction: 'higher' }).status).toBe('no_data');
    expect(progressOf({ series: pts({ 2017: 3 }), targets: [], baseYear: 2014, direction: 'higher' }).status).toBe('no_target');
    const two = pts({ 2020: 2.8, 2025: 3.2 });
    expect(applicableTarget(two, 2021)).toEqual({ year: 2025, value: 3.2 });
    expect(applicableTarget(two, 2020)).toEqual({ year: 2020, value: 2.8 });
    expect(applicableTarget(two, 2030)).toEqual({ year: 2025, value: 3.2 });
  });

  it('without a base value there is no path: lagging before the target year, behind after', () => {
    expect(progressOf({ series: pts({ 2017: 2.5 }), targets, baseYear: 2014, direction: 'higher' }).status).toBe('lagging');
    expect(progressOf({ series: pts({ 2021: 2.5 }), targets, baseYear: 2014, direction: 'higher' }).status).toBe('behind');
  });
});
