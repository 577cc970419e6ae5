import { describe, expect, it } from 'vitest';
import { compileFormula, evaluate } from './formula/formula.ts';
import { parseUnit } from './formula/units.ts';
import { CATALOGUE_INDICATORS, CATALOGUE_STATISTICS } from './targets.catalogue.ts';

const units = new Map(CATALOGUE_STATISTICS.map((s) => [s.code, s.unit]));

describe('the preloaded catalogue', () => {
  it('has parseable units and distinct codes', () => {
    for (const s of CATALOGUE_STATISTICS) expect(parseUnit(s.unit), s.code).not.toBeNull();
    expect(new Set(CATALOGUE_STATISTICS.map((s) => s.code)).size).toBe(CATALOGUE_STATISTICS.length);
    expect(new Set(CATALOGUE_INDICATORS.map((i) => i.code)).size).toBe(CATALOGUE_INDICATORS.length);
  });

  it.each(CATALOGUE_INDICATORS.map((i) => [i.code, i] as const))('%s compiles against the statistics in its unit', (_code, i) => {
    const c = compileFormula(i.formula, units, i.unit);
    expect(c.ok ? [] : c.errors).toEqual([]);
  });

  it("gives the plan's targets for a town that just meets them (hand-checked)", () => {
    // A town of 200,000 people in 2020: GDP 2,000,000 万元 (double 2014's 1,000,000), R&D 56,000 万元,
    // high-tech output 480,000 of 1,000,000 万元, 200 invention applications, 180 valid invention patents.
    const figures: Record<string, Record<number, number>> = {
      gdp: { 2014: 1_000_000, 2020: 2_000_000 },
      rd_expenditure: { 2020: 56_000 },
      hitech_output: { 2020: 480_000 },
      industrial_output: { 2020: 1_000_000 },
      invention_applications: { 2020: 200 },
      invention_patents_valid: { 2020: 180 },
      population: { 2020: 200_000 },
      service_platforms: { 2020: 10 },
      parks_incubators: { 2020: 10 },
      key_problems_solved: { 2020: 30 },
    };
    for (const i of CATALOGUE_INDICATORS) {
      const c = compileFormula(i.formula, units, i.unit);
      if (!c.ok) throw new Error(i.code);
      const r = evaluate(c.formula, units, 2020, (s, y) => figures[s]?.[y]);
      expect(r.value, i.code).toBeCloseTo(i.targets[2020] as number, 9);
    }
  });
});
