import { describe, expect, it } from 'vitest';
import { compositeIndex, type IndexObservation, skewness } from './composite-index.ts';

const obs = (rows: [string, number, Record<string, number | null>][]): IndexObservation[] =>
  rows.map(([townId, year, values]) => ({ townId, year, values }));

describe('composite innovation index (EIS method), worked example', () => {
  // patents per 10,000 people [1, 4, 9, 100]: skewness 1.138 > 1 → √ → [1, 2, 3, 10] → (x−1)/9.
  // R&D share [10, 20, 30, 40]: skewness 0 → kept → (x−10)/30.
  const data = obs([
    ['guzhen', 2023, { patents: 1, rd: 10 }],
    ['guzhen', 2024, { patents: 4, rd: 20 }],
    ['xiaolan', 2023, { patents: 9, rd: 30 }],
    ['xiaolan', 2024, { patents: 100, rd: 40 }],
  ]);
  const { results, treatments } = compositeIndex(
    [
      { code: 'patents', direction: 'higher' },
      { code: 'rd', direction: 'higher' },
    ],
    data,
  );

  it('transforms the skewed indicator only', () => {
    expect(skewness([1, 4, 9, 100])).toBeCloseTo(1.1383, 3);
    expect(treatments.map((t) => [t.code, t.transformed, t.min, t.max])).toEqual([
      ['patents', true, 1, 10],
      ['rd', false, 10, 40],
    ]);
  });

  it('averages the min–max scores without weights', () => {
    expect(results.map((r) => r.index)).toEqual([
      0,
      expect.closeTo(((1 / 9 + 1 / 3) / 2) * 100, 9),
      expect.closeTo(((2 / 9 + 2 / 3) / 2) * 100, 9),
      100,
    ]);
    expect(results[1]?.scores.patents).toBeCloseTo(1 / 9, 12);
  });

  it('leaves an outlier out of the min and max: it scores 1, the rest spread over 0–1', () => {
    // 1…11 and 1000: 1000 lies 3.32 SD above the mean.
    const rows = obs([
      ...Array.from({ length: 11 }, (_, i) => [`t${i + 1}`, 2024, { x: i + 1 }] as [string, number, Record<string, number>]),
      ['big', 2024, { x: 1000 }],
    ]);
    const r = compositeIndex([{ code: 'x', direction: 'higher', transform: 'none' }], rows);
    expect(r.treatments[0]).toMatchObject({ outliers: 1, min: 1, max: 11 });
    expect(r.results.find((x) => x.townId === 'big')?.index).toBe(100);
    expect(r.results.find((x) => x.townId === 't6')?.index).toBe(50);
  });

  it('flips lower-is-better indicators, skips missing values and indicators without spread', () => {
    const r = compositeIndex(
      [
        { code: 'cost', direction: 'lower', transform: 'none' },
        { code: 'flat', direction: 'higher' },
        { code: 'rd', direction: 'higher', transform: 'none' },
      ],
      obs([
        ['a', 2024, { cost: 10, flat: 5, rd: 1 }],
        ['b', 2024, { cost: 20, flat: 5, rd: null }],
        ['c', 2024, { cost: null, flat: 5, rd: null }],
      ]),
    );
    expect(r.treatments.map((t) => t.used)).toEqual([true, false, false]);
    expect(r.results.map((x) => x.index)).toEqual([100, 0, null]);
  });
});
