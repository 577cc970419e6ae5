import { describe, expect, it } from 'vitest';
import { diffVersions, formatChange, groupDigits, needsExplanation, yearOnYearPct } from './submission-values.ts';

const v = (statisticCode: string, value: number, explanation: string | null = null) => ({
  statisticCode,
  value,
  explanation,
  previousYearValue: null,
});

describe('year-on-year change', () => {
  it('is the change against the absolute previous value, none without a previous value or from zero', () => {
    expect(yearOnYearPct(130, 100)).toBeCloseTo(30);
    expect(yearOnYearPct(50, -100)).toBeCloseTo(150);
    expect(yearOnYearPct(5, 0)).toBeNull();
    expect(yearOnYearPct(5, null)).toBeNull();
    expect(yearOnYearPct(undefined, 100)).toBeNull();
  });

  it('asks for an explanation only beyond the threshold', () => {
    expect(needsExplanation({ yoyThresholdPct: 30 }, 30)).toBe(false);
    expect(needsExplanation({ yoyThresholdPct: 30 }, -30.1)).toBe(true);
    expect(needsExplanation({ yoyThresholdPct: 30 }, null)).toBe(false);
    expect(formatChange(61.04)).toBe('+61.0%');
    expect(formatChange(-5)).toBe('-5.0%');
  });
});

describe('differences between versions', () => {
  it('lists changed, added and removed values and changed explanations only', () => {
    const before = { values: [v('gdp', 100), v('population', 5000), v('rd_expenditure', 3)] };
    const after = { values: [v('gdp', 160, 'new plant'), v('population', 5000), v('tech_smes', 7)] };
    expect(diffVersions(before, after)).toEqual([
      { code: 'gdp', from: 100, to: 160, explanationFrom: null, explanationTo: 'new plant' },
      { code: 'tech_smes', from: null, to: 7, explanationFrom: null, explanationTo: null },
      { code: 'rd_expenditure', from: 3, to: null, explanationFrom: null, explanationTo: null },
    ]);
  });

  it('treats the first version as all values added', () => {
    expect(diffVersions(undefined, { values: [v('gdp', 1)] })).toHaveLength(1);
  });
});

describe('digit grouping in the value inputs', () => {
  it('groups the integer part only and leaves what is being typed alone', () => {
    expect(groupDigits(2625196)).toBe('2,625,196');
    expect(groupDigits('1234567.25')).toBe('1,234,567.25');
    expect(groupDigits('1234.')).toBe('1,234.');
    expect(groupDigits('-12345')).toBe('-12,345');
    expect(groupDigits(undefined)).toBe('');
    expect(groupDigits(999)).toBe('999');
  });
});
