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
  // Each lexeme once with all its positions: PostgreSQL's parser (tsvectorin) then has no duplicates to
  // merge — that work, on the database's core, was a third of the COPY into `patents`.
  const index = new Map<string, number>();
  const lexemes: string[] = [];
  const positions: string[] = [];
  const counts: number[] = [];
  let position = 0;
  let weight = 'A';
  const add = (token: string) => {
    if (position >= MAX_POSITION) return false;
    position += 1;
    const i = index.get(token);
    if (i === undefined) {
      index.set(token, lexemes.length);
      lexemes.push(token);
      positions.push(`${position}${weight}`);
      counts.push(1);
    } else if ((counts[i] as number) < MAX_POSITIONS_PER_LEXEME) {
      counts[i] = (counts[i] as number) + 1;
      positions[i] = `${positions[i]},${position}${weight}`;
    }
    return true;
  };
  forEachIndexToken(title, add);
  weight = 'B';
  forEachIndexToken(body, add);
  if (lexemes.length === 0) return '';
  // Not sorted here: PostgreSQL sorts the lexemes in C for less than the JavaScript comparator costs.
  let out = '';
  for (let i = 0; i < lexemes.length; i++) out += `${i > 0 ? ' ' : ''}${quoteLexeme(lexemes[i] as string)}:${positions[i]}`;
  return out;
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
