import { describe, expect, it } from 'vitest';
import { changedFields, lineColumn, splitAt } from './formula-marks.ts';

describe('formula problem marks', () => {
  it('splits the formula at the position, a space standing for the end', () => {
    expect(splitAt('gdp / popluation', 6)).toEqual({ before: 'gdp / ', at: 'p', after: 'opluation' });
    expect(splitAt('gdp /', 5)).toEqual({ before: 'gdp /', at: ' ', after: '' });
    expect(splitAt('gdp', 99)).toEqual({ before: 'gdp', at: ' ', after: '' });
  });

  it('gives line and column of a position', () => {
    expect(lineColumn('gdp /\n  x', 8)).toEqual({ line: 2, column: 3 });
    expect(lineColumn('gdp', 0)).toEqual({ line: 1, column: 1 });
  });

  it('lists the fields changed between two versions, targets as a whole', () => {
    const v1 = { formula: 'rd_expenditure / gdp', unit: '%', targets: [{ year: 2020, value: 2.8 }] };
    const v2 = { formula: 'rd_expenditure / gdp', unit: '%', targets: [{ year: 2020, value: 3 }], inIndex: true };
    expect(changedFields(v1, v2)).toEqual(['targets', 'inIndex']);
    expect(changedFields(undefined, v2)).toEqual([]);
  });
});
