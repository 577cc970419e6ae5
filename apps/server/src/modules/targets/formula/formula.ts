import { FormulaSyntaxError, type Node, parseFormula, statisticsOf, type YearRef } from './formula-parser.ts';
import { DIMENSIONLESS, describeDimension, divide, multiply, parseUnit, sameDimension, type Unit } from './units.ts';

/**
 * Checking and evaluating indicator formulas. `compileFormula` parses and checks a formula against the
 * statistics catalogue and the indicator's unit once (errors with positions, for the editor and the
 * API); `evaluate` then runs it for a town and year over a lookup of approved figures.
 *
 * Missing data and zero denominators are answers, not exceptions: the value is null and the result
 * says why, so a dashboard shows "no data (R&D expenditure 2024 missing)" instead of 0 or Infinity.
 */

export type FormulaError = { code: string; pos: number; message: string };

export type CompiledFormula = {
  source: string;
  node: Node;
  /** Statistic codes the formula reads. */
  statistics: string[];
  /** Factor from the formula's base-unit result to the indicator's declared unit. */
  resultScale: number;
};

/** The catalogue as the checker needs it: statistic code → its unit string (e.g. gdp → 万元). */
export type StatisticUnits = ReadonlyMap<string, string>;

export function compileFormula(
  source: string,
  units: StatisticUnits,
  resultUnit: string,
): { ok: true; formula: CompiledFormula } | { ok: false; errors: FormulaError[] } {
  let node: Node;
  try {
    node = parseFormula(source);
  } catch (err) {
    if (err instanceof FormulaSyntaxError) return { ok: false, errors: [{ code: err.code, pos: err.pos, message: err.message }] };
    throw err;
  }
  const target = parseUnit(resultUnit);
  if (!target) return { ok: false, errors: [{ code: 'unknown_unit', pos: 0, message: `Unknown unit '${resultUnit}'` }] };
  const errors: FormulaError[] = [];
  const unit = unitOf(node, units, errors);
  if (errors.length === 0 && unit && !sameDimension(unit, target)) {
    errors.push({
      code: 'unit_mismatch',
      pos: 0,
      message: `The formula gives ${describeDimension(unit)}, the indicator is in ${resultUnit} (${describeDimension(target)})`,
    });
  }
  if (errors.length > 0) return { ok: false, errors: errors.map((e) => ({ ...e, message: `${e.message} (at ${e.pos + 1})` })) };
  return {
    ok: true,
    formula: { source, node, statistics: [...statisticsOf(node).keys()], resultScale: 1 / target.scale },
  };
}

/** A literal 0 fits any dimension (`if_null(rd_expenditure, 0)`); other literals are dimensionless. */
const isZero = (n: Node) => n.kind === 'number' && n.value === 0;

/** Infers the unit bottom-up; null where an error was recorded below. */
function unitOf(node: Node, units: StatisticUnits, errors: FormulaError[]): Unit | null {
  switch (node.kind) {
    case 'number':
      return DIMENSIONLESS;
    case 'stat': {
      const text = units.get(node.name);
      if (text === undefined) {
        errors.push({ code: 'unknown_statistic', pos: node.pos, message: `Unknown statistic '${node.name}'` });
        return null;
      }
      // The catalogue refuses units it cannot parse, so this is a dimensionless fallback for safety.
      return parseUnit(text) ?? DIMENSIONLESS;
    }
    case 'neg':
      return unitOf(node.operand, units, errors);
    case 'binary': {
      const a = unitOf(node.left, units, errors);
      const b = unitOf(node.right, units, errors);
      if (!a || !b) return null;
      if (node.op === '*') return multiply(a, b);
      if (node.op === '/') return divide(a, b);
      if (isZero(node.left)) return { scale: 1, dims: b.dims };
      if (!isZero(node.right) && !sameDimension(a, b)) {
        errors.push({
          code: 'unit_mismatch',
          pos: node.pos,
          message: `Cannot ${node.op === '+' ? 'add' : 'subtract'} ${describeDimension(b)} ${node.op === '+' ? 'to' : 'from'} ${describeDimension(a)}`,
        });
        return null;
      }
      return { scale: 1, dims: a.dims };
    }
    case 'call': {
      const args = node.args.map((a) => unitOf(a, units, errors));
      if (args.some((a) => a === null)) return null;
      const dimensioned = (args as Unit[]).filter((_, i) => !isZero(node.args[i] as Node));
      const first = dimensioned[0] ?? DIMENSIONLESS;
      if (node.fn === 'sqrt') {
        if (Object.keys(first.dims).length > 0) {
          errors.push({ code: 'unit_mismatch', pos: node.pos, message: 'sqrt() takes a dimensionless value' });
          return null;
        }
        return DIMENSIONLESS;
      }
      for (const a of dimensioned) {
        if (!sameDimension(a, first)) {
          errors.push({ code: 'unit_mismatch', pos: node.pos, message: `${node.fn}() needs arguments of one dimension` });
          return null;
        }
      }
      return { scale: 1, dims: first.dims };
    }
  }
}

/** A figure in the unit its statistic is declared in (as the town submitted it), or undefined when missing. */
export type FigureLookup = (statistic: string, year: number) => number | undefined;

/** Why a value is null: figures missing (listed), a zero denominator, or no real result (sqrt of a negative). */
export type EvaluationProblem = 'missing_data' | 'division_by_zero' | 'not_a_number';
export type Evaluation =
  | { value: number; problem: null; missing: [] }
  | { value: null; problem: EvaluationProblem; missing: { statistic: string; year: number }[] };

class Missing {
  constructor(readonly items: { statistic: string; year: number }[]) {}
}
class DivisionByZero {}

type Run = { units: StatisticUnits; year: number; figures: FigureLookup };

// Module-level rather than closures inside evaluate(): the dashboards evaluate thousands of formulas
// per request, and a closure per call (named at runtime by the TypeScript loader) cost more than
// the arithmetic (docs/benchmarks.md, bench:dashboard).
const yearOf = (ref: YearRef, year: number) => ('fixed' in ref ? ref.fixed : year + ref.offset);

// Values are carried in base units (元, 人, …) so that + and − of 万元 and 亿元 add up.
function run(node: Node, r: Run): number | Missing {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'stat': {
      const y = yearOf(node.year, r.year);
      const v = r.figures(node.name, y);
      if (v === undefined || !Number.isFinite(v)) return new Missing([{ statistic: node.name, year: y }]);
      return v * (parseUnit(r.units.get(node.name) ?? '1') ?? DIMENSIONLESS).scale;
    }
    case 'neg': {
      const v = run(node.operand, r);
      return v instanceof Missing ? v : -v;
    }
    case 'binary': {
      const a = run(node.left, r);
      const b = run(node.right, r);
      if (a instanceof Missing || b instanceof Missing) {
        return new Missing([...(a instanceof Missing ? a.items : []), ...(b instanceof Missing ? b.items : [])]);
      }
      if (node.op === '+') return a + b;
      if (node.op === '-') return a - b;
      if (node.op === '*') return a * b;
      if (b === 0) throw new DivisionByZero();
      return a / b;
    }
    case 'call': {
      if (node.fn === 'if_null') {
        const v = run(node.args[0] as Node, r);
        return v instanceof Missing ? run(node.args[1] as Node, r) : v;
      }
      const vals: (number | Missing)[] = [];
      for (const a of node.args) vals.push(run(a, r));
      const gaps = vals.filter((v): v is Missing => v instanceof Missing);
      if (gaps.length) return new Missing(gaps.flatMap((g) => g.items));
      const nums = vals as number[];
      if (node.fn === 'min') return Math.min(...nums);
      if (node.fn === 'max') return Math.max(...nums);
      if (node.fn === 'abs') return Math.abs(nums[0] as number);
      return Math.sqrt(nums[0] as number);
    }
  }
}

export function evaluate(formula: CompiledFormula, units: StatisticUnits, year: number, figures: FigureLookup): Evaluation {
  const missing: { statistic: string; year: number }[] = [];
  try {
    const v = run(formula.node, { units, year, figures });
    if (v instanceof Missing) {
      for (const m of v.items) if (!missing.some((x) => x.statistic === m.statistic && x.year === m.year)) missing.push(m);
      return { value: null, problem: 'missing_data', missing };
    }
    const value = v * formula.resultScale;
    if (!Number.isFinite(value)) return { value: null, problem: 'not_a_number', missing: [] };
    return { value, problem: null, missing: [] };
  } catch (err) {
    if (err instanceof DivisionByZero) return { value: null, problem: 'division_by_zero', missing: [] };
    throw err;
  }
}
