import { describe, expect, it } from 'vitest';
import { compileFormula, evaluate, type FigureLookup } from './formula.ts';
import { parseUnit } from './units.ts';

// A small catalogue in the units towns report in (万元, 亿元, 人, 件).
const UNITS = new Map([
  ['gdp', '万元'],
  ['rd_expenditure', '万元'],
  ['hitech_output', '万元'],
  ['industrial_output', '亿元'],
  ['population', '人'],
  ['invention_applications', '件'],
  ['invention_patents_valid', '件'],
  ['platform.service_platforms', '个'],
]);

function figures(table: Record<string, Record<number, number>>): FigureLookup {
  return (name, year) => table[name]?.[year];
}

function run(source: string, unit: string, table: Record<string, Record<number, number>>, year = 2024) {
  const c = compileFormula(source, UNITS, unit);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return evaluate(c.formula, UNITS, year, figures(table));
}

function errorsOf(source: string, unit = '1') {
  const c = compileFormula(source, UNITS, unit);
  if (c.ok) throw new Error(`expected ${source} to be refused`);
  return c.errors;
}

describe('indicator formulas on hand-checked town figures', () => {
  it('R&D / GDP in %: 28,000 万元 of 1,000,000 万元 is 2.8 %', () => {
    expect(run('rd_expenditure / gdp', '%', { rd_expenditure: { 2024: 28_000 }, gdp: { 2024: 1_000_000 } }).value).toBeCloseTo(2.8, 10);
  });

  it('the unit does the per-10,000 and per-million scaling, not the formula', () => {
    const t = { invention_patents_valid: { 2024: 900 }, invention_applications: { 2024: 1500 }, population: { 2024: 1_000_000 } };
    expect(run('invention_patents_valid / population', '件/万人', t).value).toBeCloseTo(9, 10);
    expect(run('invention_applications / population', '件/百万人', t).value).toBeCloseTo(1500, 10);
  });

  it('mixes 万元 and 亿元 correctly: 48,000 万元 of 10 亿元 is 48 %', () => {
    expect(
      run('hitech_output / industrial_output', '%', { hitech_output: { 2024: 48_000 }, industrial_output: { 2024: 10 } }).value,
    ).toBeCloseTo(48, 10);
    expect(run('gdp + industrial_output', '万元', { gdp: { 2024: 100 }, industrial_output: { 2024: 1 } }).value).toBeCloseTo(10_100, 10);
  });

  it('reads other years: growth against the year before and against a fixed base year', () => {
    const t = { gdp: { 2013: 40, 2014: 50, 2023: 100, 2024: 110 } };
    expect(run('gdp / gdp[-1] - 1', '%', t).value).toBeCloseTo(10, 10);
    expect(run('gdp / gdp[2014]', '1', t).value).toBeCloseTo(2.2, 10);
    expect(run('gdp[-1] / gdp[2014]', '1', t, 2014).value).toBeCloseTo(0.8, 10);
  });

  it('precedence and associativity are the usual ones', () => {
    expect(run('1 + 2 * 3', '1', {}).value).toBe(7);
    expect(run('(1 + 2) * 3', '1', {}).value).toBe(9);
    expect(run('10 / 4 / 5', '1', {}).value).toBe(0.5);
    expect(run('2 - 3 - 4', '1', {}).value).toBe(-5);
    expect(run('-2 * -3', '1', {}).value).toBe(6);
    expect(run('max(1, 5, 3) - min(4, 2) + abs(-1) + sqrt(16)', '1', {}).value).toBe(8);
  });

  it('missing figures give null and name each missing statistic and year once', () => {
    const r = run('rd_expenditure / gdp + rd_expenditure / gdp[-1]', '%', { gdp: { 2024: 10 } });
    expect(r.value).toBeNull();
    expect(r.problem).toBe('missing_data');
    expect(r.missing).toEqual([
      { statistic: 'rd_expenditure', year: 2024 },
      { statistic: 'gdp', year: 2023 },
    ]);
  });

  it('if_null supplies a fallback for missing data', () => {
    expect(run('if_null(rd_expenditure, 0) / gdp', '%', { gdp: { 2024: 10 } }).value).toBe(0);
  });

  it('a zero denominator is null with its reason, never Infinity or 0', () => {
    const r = run('rd_expenditure / gdp', '%', { rd_expenditure: { 2024: 5 }, gdp: { 2024: 0 } });
    expect(r).toEqual({ value: null, problem: 'division_by_zero', missing: [] });
    expect(run('sqrt(0 - 4)', '1', {}).problem).toBe('not_a_number');
  });

  it('platform counts are statistics like any other', () => {
    expect(run('platform.service_platforms', '个', { 'platform.service_platforms': { 2024: 7 } }).value).toBe(7);
  });
});

describe('formula errors carry a code and the position', () => {
  it.each([
    ['gdp / (rd_expenditure', 'unexpected_end', 21],
    ['gdp ** 2', 'unexpected_token', 5],
    ['gdp $ 2', 'unexpected_character', 4],
    ['gdp gdp', 'unexpected_token', 4],
    ['foo(gdp)', 'unknown_function', 0],
    ['1 + min(gdp)', 'wrong_argument_count', 4],
    ['gdp[x]', 'bad_year_reference', 4],
    ['gdp[1900]', 'bad_year_reference', 4],
    ['   ', 'formula_empty', 0],
    ['gdp / )', 'unexpected_token', 6],
  ])('%s → %s at %i', (source, code, pos) => {
    const [e] = errorsOf(source);
    expect(e?.code).toBe(code);
    expect(e?.pos).toBe(pos);
    expect(e?.message).toContain(`at ${pos + 1}`);
  });

  it('names an unknown statistic at its position (every one of them)', () => {
    expect(errorsOf('rd_expenditure / gdpx + popul').map((e) => [e.code, e.pos])).toEqual([
      ['unknown_statistic', 17],
      ['unknown_statistic', 24],
    ]);
  });

  it('refuses adding money to people, and a result in the wrong unit', () => {
    expect(errorsOf('gdp + population', '万元')[0]).toMatchObject({ code: 'unit_mismatch', pos: 4 });
    expect(errorsOf('gdp', '%')[0]).toMatchObject({ code: 'unit_mismatch' });
    expect(errorsOf('max(gdp, population)', '万元')[0]).toMatchObject({ code: 'unit_mismatch', pos: 0 });
    expect(errorsOf('gdp', 'furlongs')[0]).toMatchObject({ code: 'unknown_unit' });
    // A bare 0 fits any unit; any other number is dimensionless.
    expect(errorsOf('gdp + 1', '万元')[0]).toMatchObject({ code: 'unit_mismatch', pos: 4 });
    expect(compileFormula('gdp + 0', UNITS, '万元').ok).toBe(true);
  });

  it('refuses a formula longer than 500 characters', () => {
    expect(errorsOf(`gdp${' + gdp'.repeat(100)}`, '万元')[0]?.code).toBe('formula_too_long');
  });
});

describe('units', () => {
  it('parses prefixes longest first and compound units', () => {
    expect(parseUnit('百万人')).toEqual({ scale: 1e6, dims: { people: 1 } });
    expect(parseUnit('件/万人')).toEqual({ scale: 1e-4, dims: { count: 1, people: -1 } });
    expect(parseUnit('%')).toEqual({ scale: 0.01, dims: {} });
    expect(parseUnit('元/人/年')).toBeNull();
    expect(parseUnit('万')).toBeNull();
  });
});
