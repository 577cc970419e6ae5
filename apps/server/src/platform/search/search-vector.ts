import { type SQL, sql } from 'drizzle-orm';
import { forEachIndexToken } from './tokenizer.ts';

/** PostgreSQL keeps positions up to 16383; later tokens of a long body add nothing to ranking. */
const MAX_POSITION = 16383;

/** A lexeme inside a tsvector/tsquery literal: quoted, with quotes and backslashes escaped. */
export function quoteLexeme(token: string): string {
  if (token.indexOf('\\') === -1 && token.indexOf("'") === -1) return `'${token}'`;
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** PostgreSQL keeps at most 256 positions of a lexeme (the lowest). */
const MAX_POSITIONS_PER_LEXEME = 256;

/**
 * The tsvector literal of a record: title tokens weighted A, body tokens B, each with its position.
 * Built here rather than by `to_tsvector('simple', …)` because PostgreSQL's parser would split our tokens
 * again (lms-9000a, 3.5mm) and reads CJK characters according to the database's locale; the literal is
 * the same on every engine and locale. Equivalent to
 * `setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')`.
 */
export function searchVectorLiteral(title: string | null | undefined, body: string | null | undefined): string {
  // Each lexeme once with all its positions, lexemes in byte order: the form PostgreSQL stores, so that
  // its parser (tsvectorin) neither merges duplicates nor sorts — that work was on the database's core.
  const positions = new Map<string, string>();
  const counts = new Map<string, number>();
  let position = 0;
  let weight = 'A';
  const add = (token: string) => {
    if (position >= MAX_POSITION) return false;
    position += 1;
    const seen = positions.get(token);
    if (seen === undefined) {
      positions.set(token, `${position}${weight}`);
      return;
    }
    const n = counts.get(token) ?? 1;
    if (n >= MAX_POSITIONS_PER_LEXEME) return;
    counts.set(token, n + 1);
    positions.set(token, `${seen},${position}${weight}`);
  };
  forEachIndexToken(title, add);
  weight = 'B';
  forEachIndexToken(body, add);
  if (positions.size === 0) return '';
  const lexemes = [...positions.keys()].sort(compareBytes);
  let out = '';
  for (const lexeme of lexemes) out += `${out ? ' ' : ''}${quoteLexeme(lexeme)}:${positions.get(lexeme)}`;
  return out;
}

/**
 * PostgreSQL orders lexemes by their UTF-8 bytes; UTF-16 order is the same outside the surrogates (and
 * an order it does not like is only sorted again by the server, not an error).
 */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SQL for the `search_vector` column on insert and update: `search_vector = ${searchVectorSql(name, body)}`. */
export function searchVectorSql(title: string | null | undefined, body: string | null | undefined): SQL {
  return sql`${searchVectorLiteral(title, body)}::tsvector`;
}

/** A Chinese word of two or more characters: a whole dictionary word, and every document holds its inner words. */
const WHOLE_CHINESE_WORD = /^\p{Script=Han}{2,}$/u;

/**
 * Query tokens → tsquery text: every token must match; the last one as a prefix, for input still being typed
 * (hexa → hexagon, 光谱辐 → 光谱 & 辐:*), unless it is a whole word already: a Chinese word of 2+ characters
 * (documents hold the inner words of their long words, 光谱 of 光谱辐射计) or one of `wholeWords`, the
 * lexemes common enough to be in the planner's statistics (LED, CNAS). A prefix makes GIN read the posting
 * lists of every lexeme it covers in full, instead of skipping through them: for a common word, hundreds of
 * milliseconds at 1,000,000 rows.
 */
export function tsqueryText(tokens: readonly string[], wholeWords: ReadonlySet<string> = new Set()): string {
  const last = tokens.length - 1;
  const prefix = (t: string) => !WHOLE_CHINESE_WORD.test(t) && !wholeWords.has(t);
  return tokens.map((t, i) => `${quoteLexeme(t)}${i === last && prefix(t) ? ':*' : ''}`).join(' & ');
}
