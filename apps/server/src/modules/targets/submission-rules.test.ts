import { describe, expect, it } from 'vitest';
import { checkSubmission, type StatisticRule, yearOnYearPct } from './submission-rules.ts';

const rule = (code: string, over: Partial<StatisticRule> = {}): StatisticRule => ({
  code,
  nameZh: code,
  nameEn: code,
  unit: '万元',
  source: 'submitted',
  minValue: 0,
  maxValue: 1_000_000,
  yoyThresholdPct: 30,
  required: true,
  ...over,
});
const RULES = new Map(
  [
    rule('gdp'),
    rule('rd_expenditure'),
    rule('population', { unit: '人', minValue: 1000 }),
    rule('note', { required: false }),
    rule('platforms', { source: 'platform' }),
  ].map((r) => [r.code, r]),
);

const codes = (errs: { path: string; code: string }[]) => errs.map((e) => [e.path, e.code]);

describe('submission checks', () => {
  it('a complete, plausible submission passes', () => {
    expect(
      checkSubmission(
        { gdp: { value: 500_000 }, rd_expenditure: { value: 9_000 }, population: { value: 120_000 } },
        RULES,
        new Map(),
        'submit',
      ),
    ).toEqual([]);
  });

  it('a draft may be incomplete; a submission names each missing required field', () => {
    expect(checkSubmission({ gdp: { value: 1 } }, RULES, new Map(), 'draft')).toEqual([]);
    expect(codes(checkSubmission({ gdp: { value: 1 } }, RULES, new Map(), 'submit'))).toEqual([
      ['values.rd_expenditure', 'required'],
      ['values.population', 'required'],
    ]);
  });

  it('refuses negatives, values out of range (wrong unit) and typed platform figures, in both languages', () => {
    const errs = checkSubmission(
      {
        gdp: { value: -5 },
        rd_expenditure: { value: 90_000_000 },
        population: { value: 12 },
        platforms: { value: 3 },
        bogus: { value: 1 },
      },
      RULES,
      new Map(),
      'draft',
    );
    expect(codes(errs)).toEqual([
      ['values.gdp', 'negative'],
      ['values.rd_expenditure', 'out_of_range'],
      ['values.population', 'out_of_range'],
      ['values.platforms', 'computed_statistic'],
      ['values.bogus', 'unknown_statistic'],
    ]);
    expect(errs[1]?.messageZh).toContain('0–1,000,000 万元');
    expect(errs[1]?.messageEn).toContain('check the unit');
  });

  it('a change beyond the threshold against last year needs an explanation', () => {
    const prev = new Map([
      ['gdp', 100_000],
      ['rd_expenditure', 2_000],
    ]);
    const values = { gdp: { value: 131_000 }, rd_expenditure: { value: 2_500 } };
    const errs = checkSubmission(values, RULES, prev, 'draft');
    expect(codes(errs)).toEqual([['values.gdp', 'explanation_required']]);
    expect(errs[0]?.messageZh).toContain('+31.0%');
    expect(checkSubmission({ ...values, gdp: { value: 131_000, explanation: '新投产两家规上企业' } }, RULES, prev, 'draft')).toEqual([]);
    expect(checkSubmission({ gdp: { value: 131_000, explanation: '   ' } }, RULES, prev, 'draft')).toHaveLength(1);
    // A drop counts as much as a rise.
    expect(codes(checkSubmission({ gdp: { value: 60_000 } }, RULES, prev, 'draft'))).toEqual([['values.gdp', 'explanation_required']]);
  });

  it('year-on-year needs a non-zero previous value', () => {
    expect(yearOnYearPct(5, undefined)).toBeNull();
    expect(yearOnYearPct(5, 0)).toBeNull();
    expect(yearOnYearPct(150, 100)).toBe(50);
    expect(yearOnYearPct(-50, -100)).toBe(50);
  });
});
