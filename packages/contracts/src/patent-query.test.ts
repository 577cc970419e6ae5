import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_DEPTH,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  type PatentQueryError,
  type PatentQueryNode,
  parsePatentQuery,
} from './patent-query.ts';

const ast = (q: string): PatentQueryNode => {
  const r = parsePatentQuery(q);
  if (!r.ok) throw new Error(`${q}: ${r.error.code} at ${r.error.position}`);
  return r.ast;
};
const err = (q: string): PatentQueryError => {
  const r = parsePatentQuery(q);
  if (r.ok) throw new Error(`${q} parsed as ${r.normalised}`);
  return r.error;
};
const norm = (q: string): string => {
  const r = parsePatentQuery(q);
  if (!r.ok) throw new Error(`${q}: ${r.error.code}`);
  return r.normalised;
};
const t = (value: string, field: 'TX' | 'TI' | 'AB' | 'CL' = 'TX', phrase = false): PatentQueryNode => ({
  type: 'text',
  field,
  value,
  phrase,
});
const and = (...children: PatentQueryNode[]): PatentQueryNode => ({ type: 'and', children });
const or = (...children: PatentQueryNode[]): PatentQueryNode => ({ type: 'or', children });
const not = (child: PatentQueryNode): PatentQueryNode => ({ type: 'not', child });

describe('patent query: precedence and operators', () => {
  it('binds AND tighter than OR', () => {
    expect(ast('a OR b AND c')).toEqual(or(t('a'), and(t('b'), t('c'))));
    expect(ast('a AND b OR c')).toEqual(or(and(t('a'), t('b')), t('c')));
    expect(ast('(a OR b) AND c')).toEqual(and(or(t('a'), t('b')), t('c')));
  });

  it('binds NOT tighter than AND, to the next term or group only', () => {
    expect(ast('NOT a AND b')).toEqual(and(not(t('a')), t('b')));
    expect(ast('a OR NOT b AND c')).toEqual(or(t('a'), and(not(t('b')), t('c'))));
    expect(ast('NOT (a OR b) c')).toEqual(and(not(or(t('a'), t('b'))), t('c')));
    expect(ast('NOT NOT a')).toEqual(not(not(t('a'))));
  });

  it('ANDs adjacent terms, including before NOT and groups', () => {
    expect(ast('LED 灯具 散热')).toEqual(and(t('LED'), t('灯具'), t('散热')));
    expect(ast('a NOT b')).toEqual(and(t('a'), not(t('b'))));
    expect(ast('a (b OR c)')).toEqual(and(t('a'), or(t('b'), t('c'))));
    expect(ast('a b OR c')).toEqual(or(and(t('a'), t('b')), t('c')));
    expect(ast('（a 或 b）c')).toEqual(and(or(t('a'), t('b')), t('c')));
  });

  it('reads operators in any case, in Chinese and as symbols', () => {
    const expected = or(and(t('a'), t('b')), and(t('c'), not(t('d'))));
    for (const q of [
      'a AND b OR c AND NOT d',
      'a and b or c and not d',
      'a And b Or c aNd NoT d',
      'a 与 b 或 c 与 非 d',
      'a & b | c & -d',
      'a && b || c -d',
    ]) {
      expect(ast(q)).toEqual(expected);
    }
  });

  it('treats operator characters inside words as text', () => {
    expect(ast('非接触式 与非门 LMS-9000A')).toEqual(and(t('非接触式'), t('与非门'), t('LMS-9000A')));
    expect(ast('ORANGE ANDROID NOTE')).toEqual(and(t('ORANGE'), t('ANDROID'), t('NOTE')));
  });

  it('flattens chains of one operator, so grouping does not change the tree', () => {
    expect(ast('(a AND b) AND c')).toEqual(ast('a AND (b AND c)'));
    expect(ast('((a OR b)) OR c')).toEqual(or(t('a'), t('b'), t('c')));
  });
});

describe('patent query: phrases and fields', () => {
  it('keeps a quoted phrase as one phrase, with full-width quotes and spaces collapsed', () => {
    expect(ast('"LED 驱动  电源" AND 灯')).toEqual(and(t('LED 驱动 电源', 'TX', true), t('灯')));
    expect(ast('“散热 鳍片”')).toEqual(t('散热 鳍片', 'TX', true));
    expect(ast('"a AND (b"')).toEqual(t('a AND (b', 'TX', true));
  });

  it('applies a field to a term, a phrase or a whole group', () => {
    expect(ast('TI=(LED OR 灯具) AND PA="中山市某某灯饰有限公司"')).toEqual(
      and(or(t('LED', 'TI'), t('灯具', 'TI')), { type: 'match', field: 'PA', value: '中山市某某灯饰有限公司' }),
    );
    expect(ast('ab:散热 cl="鳍片 结构"')).toEqual(and(t('散热', 'AB'), t('鳍片 结构', 'CL', true)));
    expect(ast('TI=(a NOT (b OR c))')).toEqual(and(t('a', 'TI'), not(or(t('b', 'TI'), t('c', 'TI')))));
    expect(ast('TX=灯')).toEqual(t('灯'));
    expect(ast('TI：灯 in＝张三')).toEqual(and(t('灯', 'TI'), { type: 'match', field: 'IN', value: '张三' }));
  });

  it('applies a field only to what follows it directly', () => {
    expect(ast('TI=LED 灯具')).toEqual(and(t('LED', 'TI'), t('灯具')));
  });

  it('reads the value after a field literally', () => {
    expect(ast('TI=AND')).toEqual(t('AND', 'TI'));
    expect(ast('PA=A&B')).toEqual(and({ type: 'match', field: 'PA', value: 'A' }, t('B')));
  });

  it('maps each field family to its own leaf', () => {
    expect(ast('PA=古镇 IN=张三 LS=granted TOWN=guzhen')).toEqual(
      and(
        { type: 'match', field: 'PA', value: '古镇' },
        { type: 'match', field: 'IN', value: '张三' },
        { type: 'match', field: 'LS', value: 'granted' },
        { type: 'match', field: 'TOWN', value: 'guzhen' },
      ),
    );
    expect(ast('KIND=发明 OR kind=UTILITY_MODEL OR KIND=外观设计')).toEqual(
      or({ type: 'kind', value: 'invention' }, { type: 'kind', value: 'utility_model' }, { type: 'kind', value: 'design' }),
    );
    expect(ast('PA=(甲公司 OR "乙 公司")')).toEqual(
      or({ type: 'match', field: 'PA', value: '甲公司' }, { type: 'match', field: 'PA', value: '乙 公司' }),
    );
  });

  it('normalises IPC prefixes by level; a main group always ends in /', () => {
    const cases: [string, string, string][] = [
      ['F', 'F', 'section'],
      ['f21', 'F21', 'class'],
      ['F21V', 'F21V', 'subclass'],
      ['F21V29', 'F21V29/', 'group'],
      ['F21V29/', 'F21V29/', 'group'],
      ['F21V029/', 'F21V29/', 'group'],
      ['f21v29/70', 'F21V29/70', 'subgroup'],
      ['"F21V 29/70"', 'F21V29/70', 'subgroup'],
    ];
    for (const [value, code, level] of cases) expect(ast(`IPC=${value}`)).toEqual({ type: 'ipc', code, level });
  });

  it('reads dates, months, years and ranges as inclusive first and last days', () => {
    expect(ast('AD=2019-03-15')).toEqual({ type: 'date', field: 'AD', from: '2019-03-15', to: '2019-03-15' });
    expect(ast('PD=2020-02')).toEqual({ type: 'date', field: 'PD', from: '2020-02-01', to: '2020-02-29' });
    expect(ast('GD=2019..2020')).toEqual({ type: 'date', field: 'GD', from: '2019-01-01', to: '2020-12-31' });
    expect(ast('AD=2019-01-01..2020-12-31')).toEqual(ast('AD=2019..2020'));
    expect(ast('AD=2019-1-5..2019-1')).toEqual({ type: 'date', field: 'AD', from: '2019-01-05', to: '2019-01-31' });
    expect(ast('AD=2020..')).toEqual({ type: 'date', field: 'AD', from: '2020-01-01', to: null });
    expect(ast('AD=..2020-06')).toEqual({ type: 'date', field: 'AD', from: null, to: '2020-06-30' });
  });
});

describe('patent query: errors point at what to change', () => {
  const cases: [string, PatentQueryError['code'], number, number][] = [
    ['', 'query_empty', 0, 0],
    ['   ', 'query_empty', 0, 3],
    ['(LED OR 灯具', 'unmatched_open_paren', 0, 1],
    ['((a) b', 'unmatched_open_paren', 0, 1],
    ['a (b (c) d', 'unmatched_open_paren', 2, 1],
    ['TI=(a OR b', 'unmatched_open_paren', 3, 1],
    ['a AND (', 'unmatched_open_paren', 6, 1],
    ['（灯具 或 LED', 'unmatched_open_paren', 0, 1],
    ['a) b', 'unmatched_close_paren', 1, 1],
    ['(a) b) c', 'unmatched_close_paren', 5, 1],
    [') a', 'unmatched_close_paren', 0, 1],
    ['LED AND', 'dangling_operator', 4, 3],
    ['LED 与', 'dangling_operator', 4, 1],
    ['AND LED', 'dangling_operator', 0, 3],
    ['a OR AND b', 'dangling_operator', 2, 2],
    ['(a OR) b', 'dangling_operator', 3, 2],
    ['a NOT', 'dangling_operator', 2, 3],
    ['a -', 'dangling_operator', 2, 1],
    ['a ||', 'dangling_operator', 2, 2],
    ['()', 'empty_group', 0, 2],
    ['a AND ( )', 'empty_group', 6, 3],
    ['TI=()', 'empty_group', 3, 2],
    ['"LED 灯', 'unterminated_quote', 0, 6],
    ['a "b" "c', 'unterminated_quote', 6, 2],
    ['a ""', 'empty_phrase', 2, 2],
    ['XX=LED', 'unknown_field', 0, 2],
    ['LED AND title:灯', 'unknown_field', 8, 5],
    ['TI=', 'missing_field_value', 0, 3],
    ['TI= AND b', 'missing_field_value', 0, 3],
    ['TI=(PA=x)', 'nested_field', 4, 3],
    ['IPC=F2', 'bad_ipc', 4, 2],
    ['IPC=Z21V', 'bad_ipc', 4, 4],
    ['IPC=F21V29/7', 'bad_ipc', 4, 8],
    ['a IPC="F21V 29-70"', 'bad_ipc', 7, 10],
    ['KIND=patent', 'bad_kind', 5, 6],
    ['AD=2019-02-30', 'bad_date', 3, 10],
    ['AD=2019-13', 'bad_date', 3, 7],
    ['AD=19', 'bad_date', 3, 2],
    ['PD=2019..20x0', 'bad_date', 9, 4],
    ['GD=..', 'bad_date', 3, 2],
    ['AD=2020-12-31..2019-01-01', 'date_range_reversed', 3, 22],
    ['x AD=2021..2020', 'date_range_reversed', 5, 10],
  ];
  it.each(cases)('%j → %s at %i (+%i)', (q, code, position, length) => {
    const e = err(q);
    expect({ code: e.code, position: e.position, length: e.length }).toEqual({ code, position, length });
    expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
    // English wording (it may quote the user's Chinese text).
    expect(e.message.en).toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
  });

  it('names the offending text in the message', () => {
    expect(err('XX=LED').message.en).toContain("'XX'");
    expect(err('IPC=F2').message.zh).toContain('F2');
    expect(err('AD=2020..2019').message.en).toContain('2020..2019');
    expect(err('LED 与').message.zh).toContain('与');
  });
});

describe('patent query: limits', () => {
  it(`accepts ${MAX_QUERY_LENGTH} characters and refuses one more, pointing past the limit`, () => {
    const fits = 'a'.repeat(MAX_QUERY_LENGTH);
    expect(parsePatentQuery(fits).ok).toBe(true);
    expect(err(`${fits}bc`)).toMatchObject({ code: 'query_too_long', position: MAX_QUERY_LENGTH, length: 2 });
  });

  it(`accepts ${MAX_QUERY_TERMS} terms and points at term ${MAX_QUERY_TERMS + 1}`, () => {
    const words = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`);
    expect(parsePatentQuery(words.slice(0, MAX_QUERY_TERMS).join(' ')).ok).toBe(true);
    const q = words.join(' ');
    expect(err(q)).toMatchObject({ code: 'query_too_many_terms', position: q.lastIndexOf('w50'), length: 3 });
  });

  it(`accepts ${MAX_QUERY_DEPTH} nested groups and points at the one beyond`, () => {
    const nest = (n: number) => `${'('.repeat(n)}a${')'.repeat(n)}`;
    expect(ast(nest(MAX_QUERY_DEPTH))).toEqual(t('a'));
    expect(err(nest(MAX_QUERY_DEPTH + 1))).toMatchObject({ code: 'query_too_deep', position: MAX_QUERY_DEPTH, length: 1 });
    expect(err(`${'NOT '.repeat(MAX_QUERY_DEPTH + 1)}a`)).toMatchObject({
      code: 'query_too_deep',
      position: 4 * MAX_QUERY_DEPTH,
      length: 3,
    });
  });
});

describe('patent query: normalised form', () => {
  it('spells operators one way, with a field once per group that shares it, and minimal parentheses', () => {
    expect(norm('a or b and c')).toBe('a OR b AND c');
    expect(norm('(a 或 b) c')).toBe('(a OR b) AND c');
    expect(norm('-(a | b)')).toBe('NOT (a OR b)');
    expect(norm('TI=(LED OR 灯具) AND PA="中山市某某灯饰有限公司"')).toBe('TI=(LED OR 灯具) AND PA=中山市某某灯饰有限公司');
    expect(norm('TI=LED TI:"灯 具"')).toBe('TI=(LED AND "灯 具")');
    expect(norm('(TI=a OR AB=b) c')).toBe('(TI=a OR AB=b) AND c');
    expect(norm('NOT PA=(x OR "y z") OR IPC=f21v')).toBe('NOT PA=(x OR "y z") OR IPC=F21V');
    expect(norm('TI=AND OR TI=b')).toBe('TI=AND OR TI=b');
    expect(norm('kind=发明 ipc=f21v29 ad=2019-01-01..2020-12-31 pd=2020-02-01..2020-02-29 gd=2021-03-05..')).toBe(
      'KIND=invention AND IPC=F21V29/ AND AD=2019..2020 AND PD=2020-02 AND GD=2021-03-05..',
    );
    expect(norm('PA="腾讯科技（深圳）有限公司"')).toBe('PA="腾讯科技（深圳）有限公司"');
  });

  it('keeps words that look like syntax readable back as the same words', () => {
    expect(norm('TX=AND "OR" TX=-x TX=ti:y')).toBe('TX=AND AND "OR" AND TX=-x AND TX=ti:y');
  });

  const samples = [
    'a OR b AND c',
    'NOT (a OR b) c',
    'TI=(LED OR 灯具) AND PA="中山市某某灯饰有限公司"',
    '"LED 驱动" -IN=张三 | AB:(散热 NOT "鳍片")',
    'KIND=实用新型 IPC="f21v 29/70" AD=2019-02..2019-03-10 PD=..2020 LS=lapsed TOWN=古镇',
    'TX=AND TX=NOT "OR" TX=-x TX=ti:y',
    '((a)) OR ((b AND c) OR d)',
  ];
  it.each(samples)('round-trips %j', (q) => {
    const n = norm(q);
    expect(ast(n)).toEqual(ast(q));
    expect(norm(n)).toBe(n);
  });
});

/** A seeded generator (mulberry32), so a failure can be replayed from the printed seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('patent query: generated well-formed queries', () => {
  const WORDS = ['LED', 'led', '灯具', '散热', 'LMS-9000A', '非接触', 'ORANGE', '3.5mm', 'ip65', '驱动电源'];
  const AND_OPS = [' AND ', ' and ', ' 与 ', ' & ', ' && ', ' '];
  const OR_OPS = [' OR ', ' or ', ' 或 ', ' | ', '||'];
  const NOT_OPS = ['NOT ', 'not ', '非 ', '-'];
  const LEAVES = [
    () => 'PA="中山市 某某灯饰"',
    () => 'IN=张三',
    () => 'IPC=F21V29/',
    () => 'ipc=H05B',
    () => 'AD=2019..2020',
    () => 'PD=2020-02',
    () => 'GD=2021-01-01..',
    () => 'KIND=外观设计',
    () => 'LS=granted',
    () => 'TOWN=guzhen',
  ];

  function generate(next: () => number): string {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    let terms = 0;
    const text = (): string => {
      terms++;
      const w = pick(WORDS);
      return next() < 0.2 ? `"${w} ${pick(WORDS)}"` : w;
    };
    const expr = (depth: number, fielded: boolean): string => {
      const r = next();
      if (depth >= 4 || terms > 30 || r < 0.35) {
        if (!fielded && next() < 0.3) {
          terms++;
          return pick(LEAVES)();
        }
        return text();
      }
      if (r < 0.55) return `${pick(NOT_OPS)}${expr(depth + 1, fielded)}`;
      if (r < 0.7) {
        if (!fielded && next() < 0.5) return `${pick(['TI=', 'ab:', 'CL=', 'TX='])}(${expr(depth + 1, true)})`;
        return `(${expr(depth + 1, fielded)})`;
      }
      const op = r < 0.85 ? pick(AND_OPS) : pick(OR_OPS);
      const left = expr(depth + 1, fielded);
      const right = expr(depth + 1, fielded);
      // Keep the tree's grouping explicit so a generated OR under an AND is not re-associated by precedence.
      return `(${left}${op}${right})`;
    };
    return expr(0, false);
  }

  it('parses every generated query, and its normalised form parses to the same tree', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const q = generate(random(seed));
      const first = parsePatentQuery(q);
      expect(first.ok, `seed ${seed}: ${q} → ${first.ok ? '' : JSON.stringify(first.error)}`).toBe(true);
      if (!first.ok) continue;
      const again = parsePatentQuery(first.normalised);
      expect(again.ok && again.ast, `seed ${seed}: ${q} → ${first.normalised}`).toEqual(first.ast);
      expect(again.ok && again.normalised).toBe(first.normalised);
    }
  });

  it('reports an error inside the query for every single-character deletion, never throwing', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const q = generate(random(seed));
      for (let i = 0; i < q.length; i++) {
        const r = parsePatentQuery(q.slice(0, i) + q.slice(i + 1));
        if (!r.ok) {
          expect(r.error.position).toBeGreaterThanOrEqual(0);
          expect(r.error.position + r.error.length).toBeLessThanOrEqual(q.length - 1);
        } else {
          expect(parsePatentQuery(r.normalised)).toMatchObject({ ok: true, ast: r.ast });
        }
      }
    }
  });
});
