/**
 * The indicator formula language: arithmetic over named base statistics, so that an indicator is
 * data ("rd_expenditure / gdp") rather than a code path per indicator.
 *
 *   expr     := term (('+' | '-') term)*
 *   term     := unary (('*' | '/') unary)*
 *   unary    := '-' unary | primary
 *   primary  := number | name yearRef? | name '(' args ')' | '(' expr ')'
 *   yearRef  := '[' ('-' int | int) ']'      gdp[-1]: the year before; output[2014]: the base year
 *
 * Names are lower-case statistic codes (letters, digits, '_' and '.'), e.g. `gdp`, `platform.parks`.
 * Functions: min, max, abs, sqrt, if_null(x, fallback). Every error carries the 0-based character
 * position so the editor can point at it.
 */

export type Node =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'stat'; name: string; year: YearRef; pos: number }
  | { kind: 'neg'; operand: Node; pos: number }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Node; right: Node; pos: number }
  | { kind: 'call'; fn: FunctionName; args: Node[]; pos: number };

/** Which year a statistic is read for: the evaluated year shifted by `offset`, or a fixed year. */
export type YearRef = { offset: number } | { fixed: number };

export const FUNCTIONS = { min: [2, 8], max: [2, 8], abs: [1, 1], sqrt: [1, 1], if_null: [2, 2] } as const;
export type FunctionName = keyof typeof FUNCTIONS;

export const MAX_FORMULA_LENGTH = 500;

export class FormulaSyntaxError extends Error {
  constructor(
    readonly code:
      | 'formula_empty'
      | 'formula_too_long'
      | 'unexpected_character'
      | 'unexpected_token'
      | 'unexpected_end'
      | 'unknown_function'
      | 'wrong_argument_count'
      | 'bad_year_reference',
    readonly pos: number,
    message: string,
  ) {
    super(`${message} (at ${pos + 1})`);
  }
}

type Token =
  | { t: 'num'; value: number; pos: number; text: string }
  | { t: 'name'; value: string; pos: number }
  | { t: 'op'; value: '+' | '-' | '*' | '/' | '(' | ')' | '[' | ']' | ','; pos: number }
  | { t: 'end'; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9.]/.test(c) && !(c === '.' && !/[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      out.push({ t: 'num', value: Number(text), pos: i, text });
      i += text.length;
    } else if (/[a-z_]/i.test(c)) {
      const text = /^[a-z_][a-z0-9_.]*/i.exec(src.slice(i))?.[0] as string;
      out.push({ t: 'name', value: text.toLowerCase(), pos: i });
      i += text.length;
    } else if ('+-*/()[],'.includes(c)) {
      out.push({ t: 'op', value: c as '+', pos: i });
      i++;
    } else {
      throw new FormulaSyntaxError('unexpected_character', i, `Unexpected character '${c}'`);
    }
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

export function parseFormula(src: string): Node {
  if (src.length > MAX_FORMULA_LENGTH) {
    throw new FormulaSyntaxError('formula_too_long', MAX_FORMULA_LENGTH, `Formula longer than ${MAX_FORMULA_LENGTH} characters`);
  }
  if (src.trim() === '') throw new FormulaSyntaxError('formula_empty', 0, 'Formula is empty');
  const tokens = tokenize(src);
  let k = 0;
  const peek = () => tokens[k] as Token;
  const isOp = (v: string) => {
    const tok = peek();
    return tok.t === 'op' && tok.value === v;
  };
  const fail = (tok: Token): never => {
    if (tok.t === 'end') throw new FormulaSyntaxError('unexpected_end', tok.pos, 'Formula ends too early');
    const shown = tok.t === 'num' ? tok.text : tok.value;
    throw new FormulaSyntaxError('unexpected_token', tok.pos, `Unexpected '${shown}'`);
  };
  const expectOp = (v: string) => {
    if (!isOp(v)) fail(peek());
    k++;
  };

  function expr(): Node {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const tok = tokens[k++] as Extract<Token, { t: 'op' }>;
      left = { kind: 'binary', op: tok.value as '+' | '-', left, right: term(), pos: tok.pos };
    }
    return left;
  }
  function term(): Node {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const tok = tokens[k++] as Extract<Token, { t: 'op' }>;
      left = { kind: 'binary', op: tok.value as '*' | '/', left, right: unary(), pos: tok.pos };
    }
    return left;
  }
  function unary(): Node {
    if (isOp('-')) {
      const pos = peek().pos;
      k++;
      return { kind: 'neg', operand: unary(), pos };
    }
    return primary();
  }
  function yearRef(): YearRef {
    const open = peek().pos;
    k++; // '['
    const negative = isOp('-');
    if (negative) k++;
    const tok = peek();
    if (tok.t !== 'num' || !Number.isInteger(tok.value)) {
      throw new FormulaSyntaxError('bad_year_reference', tok.pos, 'A year reference is [-n] (years before) or [yyyy]');
    }
    k++;
    expectOp(']');
    if (negative) {
      if (tok.value > 50) throw new FormulaSyntaxError('bad_year_reference', open, 'At most 50 years back');
      return { offset: -tok.value };
    }
    if (tok.value < 1949 || tok.value > 2100) {
      throw new FormulaSyntaxError('bad_year_reference', tok.pos, 'A fixed year lies between 1949 and 2100');
    }
    return { fixed: tok.value };
  }
  function primary(): Node {
    const tok = peek();
    if (tok.t === 'num') {
      k++;
      return { kind: 'number', value: tok.value, pos: tok.pos };
    }
    if (tok.t === 'name') {
      k++;
      if (isOp('(')) {
        if (!Object.hasOwn(FUNCTIONS, tok.value)) {
          throw new FormulaSyntaxError('unknown_function', tok.pos, `Unknown function '${tok.value}'`);
        }
        const fn = tok.value as FunctionName;
        k++;
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(expr());
          while (isOp(',')) {
            k++;
            args.push(expr());
          }
        }
        expectOp(')');
        const [min, max] = FUNCTIONS[fn];
        if (args.length < min || args.length > max) {
          const want = min === max ? `${min}` : `${min}–${max}`;
          throw new FormulaSyntaxError('wrong_argument_count', tok.pos, `${fn}() takes ${want} arguments, got ${args.length}`);
        }
        return { kind: 'call', fn, args, pos: tok.pos };
      }
      const year = isOp('[') ? yearRef() : { offset: 0 };
      return { kind: 'stat', name: tok.value, year, pos: tok.pos };
    }
    if (isOp('(')) {
      k++;
      const inner = expr();
      expectOp(')');
      return inner;
    }
    return fail(tok);
  }

  const node = expr();
  if (peek().t !== 'end') fail(peek());
  return node;
}

/** The statistics a formula reads, for validation against the catalogue and for fetching. */
export function statisticsOf(node: Node, into = new Map<string, number>()): Map<string, number> {
  switch (node.kind) {
    case 'stat':
      if (!into.has(node.name)) into.set(node.name, node.pos);
      break;
    case 'neg':
      statisticsOf(node.operand, into);
      break;
    case 'binary':
      statisticsOf(node.left, into);
      statisticsOf(node.right, into);
      break;
    case 'call':
      for (const a of node.args) statisticsOf(a, into);
      break;
  }
  return into;
}
