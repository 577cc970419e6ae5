/**
 * Units of statistics and indicators. A unit is a scale to base units and a dimension vector, so
 * that `invention_patents_valid / population` declared in 件/万人 is computed right without a ×10000
 * in the formula, and `gdp + population` is refused before anything is evaluated.
 *
 *   unit := '1' | '%' | '‰' | atom ('/' atom)?      atom := prefix? base
 *   prefixes: 千 10³, 万 10⁴, 百万 10⁶, 千万 10⁷, 亿 10⁸      bases: 元 (money), 人 (people), 件 个 家 项 次 (count)
 */

export type Dimension = 'money' | 'people' | 'count';
export type Unit = { scale: number; dims: Partial<Record<Dimension, number>> };

const BASES: Record<string, Dimension> = { 元: 'money', 人: 'people', 件: 'count', 个: 'count', 家: 'count', 项: 'count', 次: 'count' };
// Longest first, so 百万 is not read as 百 + 万.
const PREFIXES: [string, number][] = [
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
];

export const DIMENSIONLESS: Unit = { scale: 1, dims: {} };

function atom(text: string): Unit | null {
  let scale = 1;
  let rest = text;
  for (const [p, s] of PREFIXES) {
    if (rest.startsWith(p) && rest.length > p.length) {
      scale = s;
      rest = rest.slice(p.length);
      break;
    }
  }
  const dim = BASES[rest];
  return dim ? { scale, dims: { [dim]: 1 } } : null;
}

/** null for a unit string we do not understand (the catalogue refuses it). */
// Units are parsed on every evaluation of a statistic (thousands per dashboard request): memoised.
// Callers never mutate a Unit (multiply/divide build new ones).
const parsed = new Map<string, Unit | null>();

export function parseUnit(text: string): Unit | null {
  let unit = parsed.get(text);
  if (unit === undefined) {
    unit = parseUnitUncached(text);
    if (parsed.size < 1000) parsed.set(text, unit);
  }
  return unit;
}

function parseUnitUncached(text: string): Unit | null {
  const t = text.trim();
  if (t === '1' || t === '') return DIMENSIONLESS;
  if (t === '%') return { scale: 0.01, dims: {} };
  if (t === '‰') return { scale: 0.001, dims: {} };
  const [num, den, extra] = t.split('/');
  if (extra !== undefined || num === undefined) return null;
  const top = atom(num);
  if (!top) return null;
  if (den === undefined) return top;
  const bottom = atom(den);
  return bottom ? divide(top, bottom) : null;
}

function combine(a: Unit, b: Unit, sign: 1 | -1): Unit {
  const dims: Partial<Record<Dimension, number>> = { ...a.dims };
  for (const [d, e] of Object.entries(b.dims) as [Dimension, number][]) {
    const v = (dims[d] ?? 0) + sign * e;
    if (v === 0) delete dims[d];
    else dims[d] = v;
  }
  return { scale: sign === 1 ? a.scale * b.scale : a.scale / b.scale, dims };
}

export const multiply = (a: Unit, b: Unit) => combine(a, b, 1);
export const divide = (a: Unit, b: Unit) => combine(a, b, -1);

export function sameDimension(a: Unit, b: Unit): boolean {
  const keys = new Set([...Object.keys(a.dims), ...Object.keys(b.dims)]) as Set<Dimension>;
  for (const k of keys) if ((a.dims[k] ?? 0) !== (b.dims[k] ?? 0)) return false;
  return true;
}

/** For messages: money·people⁻¹ and the like. */
export function describeDimension(u: Unit): string {
  const parts = Object.entries(u.dims).map(([d, e]) => (e === 1 ? d : `${d}^${e}`));
  return parts.length ? parts.join('·') : 'dimensionless';
}
