/**
 * The expert query language of the patent search, shared so the web checks a query as the user types
 * with the same parser the server runs.
 *
 *   query    := or
 *   or       := and (('OR' | '或' | '|') and)*
 *   and      := unary (('AND' | '与' | '&')? unary)*      adjacent terms are ANDed
 *   unary    := ('NOT' | '非' | '-') unary | primary       '-' only at the start of a word: -LED, not LMS-9000A
 *   primary  := FIELD ('=' | ':') (value | '(' or ')') | value | '(' or ')'
 *   value    := word | '"' phrase '"'
 *
 * Operators are case-insensitive and only count as whole words (非接触 is a term, 非 alone is NOT); `&` and
 * `|` always split words. A field applies to the term, phrase or group right after it; a group under a field
 * cannot name another field. Positions are 0-based UTF-16 offsets into the query, as the input box reports them.
 *
 * The AST is built for the SQL it will become, one leaf type per kind of predicate:
 * - `text` (TX, TI, AB, CL) → tsquery: the server cuts `value` with jieba (tokensForQuery) and joins the tokens
 *   with `&` for a term, `<->` for a phrase; TX is the title+abstract+claims vector, TI/AB/CL the per-part ones
 *   (or weights of one vector). `and`/`or`/`not` over text leaves of one field can fold into one tsquery.
 * - `match` (PA, IN: contains → ILIKE '%value%'; LS, TOWN: equality on the status/town code or name, case-insensitive).
 * - `kind` → equality on the enum.
 * - `ipc` → `LIKE code || '%'` for section/class/subclass/group (a group's code ends in '/', so F21V2 cannot match
 *   F21V29), equality for a full subgroup.
 * - `date` → `col BETWEEN from AND to` (inclusive ISO dates; null is an open end).
 * `and`/`or` are n-ary and flattened, so `a AND b AND c` and `(a AND b) AND c` give the same tree, which makes
 * the normalised string a stable cache key.
 */

export const MAX_QUERY_LENGTH = 1000;
export const MAX_QUERY_DEPTH = 20;
export const MAX_QUERY_TERMS = 50;

export const textFields = ['TX', 'TI', 'AB', 'CL'] as const;
export const matchFields = ['PA', 'IN', 'LS', 'TOWN'] as const;
export const dateFields = ['AD', 'PD', 'GD'] as const;
export const queryFields = [...textFields, ...matchFields, ...dateFields, 'IPC', 'KIND'] as const;
export type TextField = (typeof textFields)[number];
export type MatchField = (typeof matchFields)[number];
export type DateField = (typeof dateFields)[number];
export type QueryField = (typeof queryFields)[number];

export const patentKinds = ['invention', 'utility_model', 'design'] as const;
export type PatentKind = (typeof patentKinds)[number];
const KIND_WORDS: Record<string, PatentKind> = {
  invention: 'invention',
  utility_model: 'utility_model',
  design: 'design',
  发明: 'invention',
  实用新型: 'utility_model',
  外观设计: 'design',
};

export type IpcLevel = 'section' | 'class' | 'subclass' | 'group' | 'subgroup';

export type PatentQueryNode =
  | { type: 'and'; children: PatentQueryNode[] }
  | { type: 'or'; children: PatentQueryNode[] }
  | { type: 'not'; child: PatentQueryNode }
  | { type: 'text'; field: TextField; value: string; phrase: boolean }
  | { type: 'match'; field: MatchField; value: string }
  | { type: 'kind'; value: PatentKind }
  | { type: 'ipc'; code: string; level: IpcLevel }
  | { type: 'date'; field: DateField; from: string | null; to: string | null };

export type PatentQueryErrorCode =
  | 'query_empty'
  | 'query_too_long'
  | 'query_too_deep'
  | 'query_too_many_terms'
  | 'unmatched_open_paren'
  | 'unmatched_close_paren'
  | 'empty_group'
  | 'dangling_operator'
  | 'unterminated_quote'
  | 'empty_phrase'
  | 'unknown_field'
  | 'missing_field_value'
  | 'nested_field'
  | 'bad_ipc'
  | 'bad_kind'
  | 'bad_date'
  | 'date_range_reversed';

export type PatentQueryError = {
  code: PatentQueryErrorCode;
  /** 0-based offset of the first character to mark. */
  position: number;
  /** How many characters to mark (0 at the end of the query). */
  length: number;
  message: { zh: string; en: string };
};

export type PatentQueryResult = { ok: true; ast: PatentQueryNode; normalised: string } | { ok: false; error: PatentQueryError };

class QueryError extends Error {
  constructor(readonly detail: PatentQueryError) {
    super(detail.message.en);
  }
}

const FIELD_LIST = 'TX TI AB CL PA IN IPC AD PD GD KIND LS TOWN';

function fail(code: PatentQueryErrorCode, position: number, length: number, zh: string, en: string): never {
  throw new QueryError({ code, position, length, message: { zh, en } });
}

type Op = 'and' | 'or' | 'not';
type Token =
  | { t: 'op'; op: Op; pos: number; len: number; text: string }
  | { t: 'open'; pos: number }
  | { t: 'close'; pos: number }
  | { t: 'word'; value: string; pos: number; len: number }
  | { t: 'phrase'; value: string; pos: number; len: number }
  | { t: 'field'; field: QueryField; pos: number; len: number }
  | { t: 'end'; pos: number };

const OPEN = '(（';
const CLOSE = ')）';
const QUOTES = '"“”';
const isSpace = (c: string) => /\s/u.test(c);
const isDelimiter = (c: string) => isSpace(c) || OPEN.includes(c) || CLOSE.includes(c) || QUOTES.includes(c) || c === '&' || c === '|';
const OP_WORDS: Record<string, Op> = { AND: 'and', OR: 'or', NOT: 'not', 与: 'and', 或: 'or', 非: 'not' };
/** Letters then `=`/`:` (half- or full-width) at the start of a word: a field prefix, known or not. */
const FIELD_PREFIX = /^([A-Za-z]+)[=:：＝]/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (isSpace(c)) {
      i++;
    } else if (OPEN.includes(c)) {
      out.push({ t: 'open', pos: i++ });
    } else if (CLOSE.includes(c)) {
      out.push({ t: 'close', pos: i++ });
    } else if (QUOTES.includes(c)) {
      let j = i + 1;
      while (j < src.length && !QUOTES.includes(src[j] as string)) j++;
      if (j >= src.length) {
        fail(
          'unterminated_quote',
          i,
          src.length - i,
          '引号没有闭合：请在短语末尾补上 "',
          'This quote is never closed: add a " at the end of the phrase',
        );
      }
      const value = src
        .slice(i + 1, j)
        .trim()
        .replace(/\s+/gu, ' ');
      if (value === '')
        fail(
          'empty_phrase',
          i,
          j + 1 - i,
          '引号中没有内容：请填写短语或删除引号',
          'Nothing between the quotes: type a phrase or remove them',
        );
      out.push({ t: 'phrase', value, pos: i, len: j + 1 - i });
      i = j + 1;
    } else if (c === '&' || c === '|') {
      const len = src[i + 1] === c ? 2 : 1;
      out.push({ t: 'op', op: c === '&' ? 'and' : 'or', pos: i, len, text: src.slice(i, i + len) });
      i += len;
    } else if (c === '-') {
      out.push({ t: 'op', op: 'not', pos: i, len: 1, text: '-' });
      i++;
    } else {
      let j = i;
      while (j < src.length && !isDelimiter(src[j] as string)) j++;
      const word = src.slice(i, j);
      const op = OP_WORDS[word.toUpperCase()];
      const prefix = FIELD_PREFIX.exec(word);
      if (op) {
        out.push({ t: 'op', op, pos: i, len: word.length, text: word });
      } else if (prefix) {
        const name = (prefix[1] as string).toUpperCase();
        if (!(queryFields as readonly string[]).includes(name)) {
          fail(
            'unknown_field',
            i,
            (prefix[1] as string).length,
            `未知字段“${prefix[1]}”：可用字段为 ${FIELD_LIST}；如要检索这段文字本身，请加引号`,
            `Unknown field '${prefix[1]}': fields are ${FIELD_LIST}; to search for this text itself, put it in quotes`,
          );
        }
        out.push({ t: 'field', field: name as QueryField, pos: i, len: prefix[0].length });
        // What follows the prefix is the value, taken literally (TI=AND searches the word AND).
        if (word.length > prefix[0].length) {
          out.push({ t: 'word', value: word.slice(prefix[0].length), pos: i + prefix[0].length, len: word.length - prefix[0].length });
        }
      } else {
        out.push({ t: 'word', value: word, pos: i, len: word.length });
      }
      i = j;
    }
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

const startsUnary = (tok: Token) =>
  tok.t === 'word' || tok.t === 'phrase' || tok.t === 'field' || tok.t === 'open' || (tok.t === 'op' && tok.op === 'not');

/** Parses an expert query; never throws for bad input. */
export function parsePatentQuery(src: string): PatentQueryResult {
  try {
    const ast = parse(src);
    return { ok: true, ast, normalised: normalisePatentQuery(ast) };
  } catch (e) {
    if (e instanceof QueryError) return { ok: false, error: e.detail };
    throw e;
  }
}

function parse(src: string): PatentQueryNode {
  if (src.length > MAX_QUERY_LENGTH) {
    fail(
      'query_too_long',
      MAX_QUERY_LENGTH,
      src.length - MAX_QUERY_LENGTH,
      `检索式过长：最多 ${MAX_QUERY_LENGTH} 个字符，当前 ${src.length} 个，请删减`,
      `Query too long: at most ${MAX_QUERY_LENGTH} characters, this one has ${src.length}; shorten it`,
    );
  }
  if (src.trim() === '') fail('query_empty', 0, src.length, '检索式为空：请输入检索词', 'The query is empty: type a search term');
  const tokens = tokenize(src);
  let k = 0;
  let depth = 0;
  let terms = 0;
  const peek = () => tokens[k] as Token;

  const enter = (pos: number, len: number) => {
    depth++;
    if (depth > MAX_QUERY_DEPTH) {
      fail(
        'query_too_deep',
        pos,
        len,
        `嵌套过深：括号和 NOT 最多嵌套 ${MAX_QUERY_DEPTH} 层，请简化检索式`,
        `Nested too deep: at most ${MAX_QUERY_DEPTH} levels of parentheses and NOT; simplify the query`,
      );
    }
  };
  /** After a binary operator or NOT, something to apply it to must follow. */
  const needOperand = (op: Extract<Token, { t: 'op' }>) => {
    if (startsUnary(peek())) return;
    const shown = op.text.toUpperCase();
    fail(
      'dangling_operator',
      op.pos,
      op.len,
      `“${op.text}”后面缺少检索词：请在其后补充检索词，或删除“${op.text}”`,
      `'${shown}' has nothing after it: add a search term after it or remove it`,
    );
  };

  function or(field: QueryField | null): PatentQueryNode {
    const children = [and(field)];
    for (let tok = peek(); tok.t === 'op' && tok.op === 'or'; tok = peek()) {
      k++;
      needOperand(tok);
      children.push(and(field));
    }
    return combine('or', children);
  }
  function and(field: QueryField | null): PatentQueryNode {
    const children = [unary(field)];
    for (;;) {
      const tok = peek();
      if (tok.t === 'op' && tok.op === 'and') {
        k++;
        needOperand(tok);
      } else if (!startsUnary(tok)) {
        break;
      }
      children.push(unary(field));
    }
    return combine('and', children);
  }
  function unary(field: QueryField | null): PatentQueryNode {
    const tok = peek();
    if (tok.t === 'op' && tok.op === 'not') {
      k++;
      needOperand(tok);
      enter(tok.pos, tok.len);
      const child = unary(field);
      depth--;
      return { type: 'not', child };
    }
    return primary(field);
  }
  function primary(field: QueryField | null): PatentQueryNode {
    const tok = peek();
    if (tok.t === 'field') {
      if (field) {
        fail(
          'nested_field',
          tok.pos,
          tok.len,
          `括号已限定字段 ${field}，其中不能再写字段 ${tok.field}：请把该条件移到括号外`,
          `This group is already limited to ${field}; move the ${tok.field} condition outside the parentheses`,
        );
      }
      k++;
      const next = peek();
      if (next.t !== 'word' && next.t !== 'phrase' && next.t !== 'open') {
        fail(
          'missing_field_value',
          tok.pos,
          tok.len,
          `字段 ${tok.field} 后缺少检索值：请写成 ${tok.field}=值 或 ${tok.field}=(…)`,
          `Field ${tok.field} has no value: write ${tok.field}=value or ${tok.field}=(…)`,
        );
      }
      return next.t === 'open' ? group(tok.field) : leaf(tok.field);
    }
    if (tok.t === 'open') return group(field);
    if (tok.t === 'word' || tok.t === 'phrase') return leaf(field ?? 'TX');
    if (tok.t === 'close') {
      fail(
        'unmatched_close_paren',
        tok.pos,
        1,
        '多余的右括号：没有与之配对的左括号',
        'This closing parenthesis has no opening one: remove it or add a "(" before',
      );
    }
    if (tok.t === 'op') {
      fail(
        'dangling_operator',
        tok.pos,
        tok.len,
        `“${tok.text}”前面缺少检索词：请在其前补充检索词，或删除“${tok.text}”`,
        `'${tok.text.toUpperCase()}' has nothing before it: add a search term before it or remove it`,
      );
    }
    return fail('query_empty', 0, src.length, '检索式为空：请输入检索词', 'The query is empty: type a search term');
  }
  function group(field: QueryField | null): PatentQueryNode {
    const open = peek();
    enter(open.pos, 1);
    k++;
    const next = peek();
    if (next.t === 'close') {
      fail(
        'empty_group',
        open.pos,
        next.pos + 1 - open.pos,
        '括号中没有内容：请填写检索词或删除括号',
        'Nothing inside the parentheses: add a search term or remove them',
      );
    }
    if (next.t === 'end') unmatchedOpen(open.pos);
    const inner = or(field);
    if (peek().t !== 'close') unmatchedOpen(open.pos);
    k++;
    depth--;
    return inner;
  }
  function unmatchedOpen(pos: number): never {
    return fail(
      'unmatched_open_paren',
      pos,
      1,
      '左括号没有闭合：请在相应位置补上 ")"',
      'This opening parenthesis is never closed: add a ")" where the group ends',
    );
  }
  function leaf(field: QueryField): PatentQueryNode {
    const tok = tokens[k++] as Extract<Token, { t: 'word' | 'phrase' }>;
    terms++;
    if (terms > MAX_QUERY_TERMS) {
      fail(
        'query_too_many_terms',
        tok.pos,
        tok.len,
        `检索词过多：最多 ${MAX_QUERY_TERMS} 个，请删减或分多次检索`,
        `Too many search terms: at most ${MAX_QUERY_TERMS}; remove some or split the search`,
      );
    }
    // A quoted value's position is inside its quotes.
    const at = tok.t === 'phrase' ? tok.pos + 1 : tok.pos;
    const len = tok.t === 'phrase' ? tok.len - 2 : tok.len;
    if ((textFields as readonly string[]).includes(field)) {
      return { type: 'text', field: field as TextField, value: tok.value, phrase: tok.t === 'phrase' };
    }
    if ((matchFields as readonly string[]).includes(field)) return { type: 'match', field: field as MatchField, value: tok.value };
    if (field === 'KIND') {
      const value = KIND_WORDS[tok.value.toLowerCase()];
      if (!value) {
        fail(
          'bad_kind',
          at,
          len,
          `未知的专利类型“${tok.value}”：请用 发明、实用新型、外观设计（或 invention、utility_model、design）`,
          `Unknown patent kind '${tok.value}': use invention, utility_model or design (发明, 实用新型, 外观设计)`,
        );
      }
      return { type: 'kind', value };
    }
    if (field === 'IPC') return ipc(tok.value, at, len);
    return dateRange(field as DateField, tok.value, at, len);
  }

  const ast = or(null);
  const rest = peek();
  if (rest.t === 'close') {
    fail(
      'unmatched_close_paren',
      rest.pos,
      1,
      '多余的右括号：没有与之配对的左括号',
      'This closing parenthesis has no opening one: remove it or add a "(" before',
    );
  }
  return ast;
}

function combine(type: 'and' | 'or', parts: PatentQueryNode[]): PatentQueryNode {
  if (parts.length === 1) return parts[0] as PatentQueryNode;
  const children = parts.flatMap((p) => (p.type === type ? p.children : [p]));
  return { type, children };
}

/** IPC prefixes by level: F, F21, F21V, F21V29 or F21V29/ (the whole main group), F21V29/70 (one subgroup). */
const IPC_SHAPE = /^([A-H])(?:(\d{2})(?:([A-Z])(?:(\d{1,4})(?:\/(\d{2,6})?)?)?)?)?$/;

function ipc(raw: string, at: number, len: number): PatentQueryNode {
  const code = raw.normalize('NFKC').toUpperCase().replace(/\s+/gu, '');
  const m = IPC_SHAPE.exec(code);
  if (!m) {
    fail(
      'bad_ipc',
      at,
      len,
      `IPC 分类号“${raw}”格式不对：应为部（F）、大类（F21）、小类（F21V）、大组（F21V29 或 F21V29/）或小组（F21V29/70）`,
      `IPC code '${raw}' is malformed: use a section (F), class (F21), subclass (F21V), main group (F21V29 or F21V29/) or subgroup (F21V29/70)`,
    );
  }
  if (m[5]) return { type: 'ipc', code: `${m[1]}${m[2]}${m[3]}${Number(m[4])}/${m[5]}`, level: 'subgroup' };
  if (m[4]) return { type: 'ipc', code: `${m[1]}${m[2]}${m[3]}${Number(m[4])}/`, level: 'group' };
  if (m[3]) return { type: 'ipc', code, level: 'subclass' };
  return { type: 'ipc', code, level: m[2] ? 'class' : 'section' };
}

const DATE_SHAPE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A year, month or day as its first and last day: 2019 → 2019-01-01..2019-12-31. */
function datePart(raw: string, at: number, field: DateField): [string, string] {
  const m = DATE_SHAPE.exec(raw.normalize('NFKC'));
  const y = Number(m?.[1]);
  const mo = m?.[2] === undefined ? null : Number(m[2]);
  const d = m?.[3] === undefined ? null : Number(m[3]);
  if (!m || y < 1900 || y > 2100 || (mo !== null && (mo < 1 || mo > 12)) || (mo !== null && d !== null && (d < 1 || d > daysIn(y, mo)))) {
    fail(
      'bad_date',
      at,
      raw.length,
      `${field} 的日期“${raw}”无效：请写 2019、2019-03 或 2019-03-15（1900–2100 年间的真实日期），区间写作 2019..2020`,
      `${field} date '${raw}' is not valid: write 2019, 2019-03 or 2019-03-15 (a real date between 1900 and 2100), a range as 2019..2020`,
    );
  }
  if (mo === null) return [`${y}-01-01`, `${y}-12-31`];
  if (d === null) return [`${y}-${pad(mo)}-01`, `${y}-${pad(mo)}-${pad(daysIn(y, mo))}`];
  return [`${y}-${pad(mo)}-${pad(d)}`, `${y}-${pad(mo)}-${pad(d)}`];
}

function dateRange(field: DateField, raw: string, at: number, len: number): PatentQueryNode {
  const dots = raw.indexOf('..');
  if (dots < 0) {
    const [from, to] = datePart(raw, at, field);
    return { type: 'date', field, from, to };
  }
  const left = raw.slice(0, dots);
  const right = raw.slice(dots + 2);
  if (left === '' && right === '') datePart(raw, at, field);
  const from = left === '' ? null : datePart(left, at, field)[0];
  const to = right === '' ? null : datePart(right, at + dots + 2, field)[1];
  if (from && to && from > to) {
    fail(
      'date_range_reversed',
      at,
      len,
      `${field} 的日期区间“${raw}”起点晚于终点：请把较早的日期写在 .. 前面`,
      `${field} range '${raw}' starts after it ends: put the earlier date before the ..`,
    );
  }
  return { type: 'date', field, from, to };
}

// ---- normalised form -------------------------------------------------------------------------------

const OP_WORD_SET = new Set(Object.keys(OP_WORDS));
/** A word that reads back as itself without a field prefix or quotes. */
const bareSafe = (v: string) =>
  v !== '' && ![...v].some(isDelimiter) && !OP_WORD_SET.has(v.toUpperCase()) && !v.startsWith('-') && !FIELD_PREFIX.test(v);
const quoted = (v: string) => `"${v}"`;

/** 2019-01-01 → 2019, 2019-03-01 → 2019-03 as a start; 2019-12-31 → 2019, 2019-03-31 → 2019-03 as an end. */
function compactDate(iso: string, end: boolean): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const yearEdge = end ? m === 12 && d === 31 : m === 1 && d === 1;
  if (yearEdge) return String(y);
  const monthEdge = end ? d === daysIn(y, m) : d === 1;
  return monthEdge ? `${y}-${pad(m)}` : iso;
}
function formatDates(from: string | null, to: string | null): string {
  const a = from === null ? '' : compactDate(from, false);
  const b = to === null ? '' : compactDate(to, true);
  if (from !== null && to !== null && a === b && datePart(a, 0, 'AD')[0] === from && datePart(a, 0, 'AD')[1] === to) return a;
  return `${a}..${b}`;
}

type Leaf = Exclude<PatentQueryNode, { type: 'and' | 'or' | 'not' }>;

function leafField(node: Leaf): QueryField {
  if (node.type === 'kind') return 'KIND';
  if (node.type === 'ipc') return 'IPC';
  return node.field;
}

function leafValue(node: Leaf): string {
  switch (node.type) {
    case 'text':
    case 'match':
      return node.value;
    case 'kind':
      return node.value;
    case 'ipc':
      return node.code;
    case 'date':
      return formatDates(node.from, node.to);
  }
}

/**
 * The value as written inside a group that already names the field, or null if it cannot be: there a word is
 * read as syntax again (AND, -x, ti:y), and quoting a text term would turn it into a phrase.
 */
function valueInGroup(node: Leaf): string | null {
  const value = leafValue(node);
  if (node.type === 'text' && node.phrase) return quoted(value);
  if (bareSafe(value)) return value;
  return node.type === 'match' ? quoted(value) : null;
}

function formatLeaf(node: Leaf): string {
  const field = leafField(node);
  const value = leafValue(node);
  if (node.type === 'text' && node.phrase) return `${field === 'TX' ? '' : `${field}=`}${quoted(value)}`;
  if (field === 'TX' && bareSafe(value)) return value;
  // After a field prefix the rest of the word is taken literally; only delimiters need quotes (not for text terms,
  // which never contain one).
  return `${field}=${[...value].some(isDelimiter) ? quoted(value) : value}`;
}

const leaves = (node: PatentQueryNode): Leaf[] =>
  node.type === 'and' || node.type === 'or' ? node.children.flatMap(leaves) : node.type === 'not' ? leaves(node.child) : [node];

/** The field every leaf of a group shares, if the group can be written once as FIELD=( … ). */
function groupField(node: PatentQueryNode): QueryField | null {
  const all = leaves(node);
  const field = leafField(all[0] as Leaf);
  if (field === 'TX' || all.some((l) => leafField(l) !== field || valueInGroup(l) === null)) return null;
  return field;
}

/**
 * One spelling per tree: upper-case operators, explicit AND, a field written once per group whose terms all
 * share it (TI=(LED OR 灯具)) or else on the leaf, parentheses only where needed; parsing it gives the same tree.
 * It can be longer than what was typed (explicit AND), so the length limit applies to the user's input only.
 */
export function normalisePatentQuery(node: PatentQueryNode): string {
  return format(node, 0, false);
}

function format(node: PatentQueryNode, parent: 0 | 1 | 2 | 3, inField: boolean): string {
  if (node.type === 'not') return `NOT ${format(node.child, 3, inField)}`;
  if (node.type !== 'and' && node.type !== 'or') {
    return inField ? (valueInGroup(node) as string) : formatLeaf(node);
  }
  const field = inField ? null : groupField(node);
  if (field) return `${field}=(${format(node, 0, true)})`;
  const [word, level] = node.type === 'or' ? ([' OR ', 1] as const) : ([' AND ', 2] as const);
  const s = node.children.map((c) => format(c, level === 1 ? 1 : 2, inField)).join(word);
  return parent > level ? `(${s})` : s;
}
