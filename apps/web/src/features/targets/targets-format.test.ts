import { describe, expect, it } from 'vitest';
import { baseBeyondTarget, formatValue, formatWithUnit, labelWithUnit, latestCompleteYear, unitLabel } from './targets-format.ts';

describe('target figures as the dashboards show them', () => {
  it('keeps two decimals for ratios, fewer for large counts, and a dash for no value', () => {
    expect(formatValue(2.7149)).toBe('2.71');
    expect(formatValue(552.61)).toBe('552.6');
    expect(formatValue(1023.4)).toBe('1,023');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(Number.NaN)).toBe('—');
  });

  it('writes units the Chinese way by default and in English when asked', () => {
    expect(formatWithUnit(2.5, '%', 'zh-CN')).toBe('2.5%');
    expect(formatWithUnit(1.78, '1', 'zh-CN')).toBe('1.78 倍');
    expect(formatWithUnit(33.15, '件/万人', 'en-US')).toBe('33.15 per 10,000 people');
    expect(formatWithUnit(4, '个', 'en-US')).toBe('4');
    expect(unitLabel('件/万人', 'zh-CN')).toBe('件/万人');
    expect(labelWithUnit('研发强度', '%', 'zh-CN')).toBe('研发强度（%）');
    expect(labelWithUnit('Platforms', '个', 'en-US')).toBe('Platforms');
  });

  it('knows when the base year already met the target, in the indicator’s direction', () => {
    expect(baseBeyondTarget({ base: { value: 19 }, target: { value: 10 } }, 'higher')).toBe(true);
    expect(baseBeyondTarget({ base: { value: 1.5 }, target: { value: 2.8 } }, 'higher')).toBe(false);
    expect(baseBeyondTarget({ base: { value: 1.5 }, target: { value: 2.8 } }, 'lower')).toBe(true);
    expect(baseBeyondTarget({ base: null, target: { value: 2.8 } }, 'higher')).toBe(false);
  });

  it('opens on the latest year every town has reported, else the latest year', () => {
    const o = (towns: number[]) => ({
      years: [2023, 2024, 2025],
      townsReporting: towns.map((n, i) => ({ year: 2023 + i, towns: n })),
      townCount: 23,
    });
    expect(latestCompleteYear(o([23, 23, 12]))).toBe(2024);
    expect(latestCompleteYear(o([2, 2, 2]))).toBe(2025);
    expect(latestCompleteYear(undefined)).toBeUndefined();
  });
});
