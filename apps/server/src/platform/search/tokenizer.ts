import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/**
 * Chinese word segmentation for the resource search. Tokens are produced here, in the application,
 * and stored as a tsvector, so the same SQL runs on PGlite and PostgreSQL without a parser extension
 * (measured in shared/docs/search.md).
 */

const require = createRequire(import.meta.url);
let instance: Jieba | undefined;

/** Loaded on first use (≈230 ms): the default dictionary plus our domain words, which the default splits apart. */
function jieba(): Jieba {
  if (!instance) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    instance = JiebaClass.withDict(dict);
    instance.loadDict(readFileSync(new URL('./domain-words.txt', import.meta.url)));
  }
  return instance;
}

/** Latin words and model numbers (LED, CNAS, LMS-9000A, IP65, 3.5mm) are cut out before jieba sees the text. */
const LATIN_RUN = /[a-z0-9](?:[a-z0-9._/+-]*[a-z0-9])?/g;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
/** Function words that match almost every record and carry no meaning in a catalogue search. */
const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '等',
  '在',
  '是',
  '为',
  '对',
  '以',
  '于',
  '其',
  '并',
  '将',
  '可',
  '该',
  '之',
  '及其',
]);

type Piece = { latin: boolean; text: string };

/** Splits normalised text into Latin runs and the (mostly Chinese) text between them. */
function pieces(raw: string): Piece[] {
  const textIn = raw.normalize('NFKC').toLowerCase();
  const out: Piece[] = [];
  let last = 0;
  for (const m of textIn.matchAll(LATIN_RUN)) {
    if (m.index > last) out.push({ latin: false, text: textIn.slice(last, m.index) });
    out.push({ latin: true, text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < textIn.length) out.push({ latin: false, text: textIn.slice(last) });
  return out;
}

/** 'lms-9000a' → itself, its alphanumeric parts and the joined form, so LMS, 9000A and LMS9000A all find it. */
function latinVariants(run: string): string[] {
  const parts = run.split(/[^a-z0-9]+/).filter(Boolean);
  if (parts.length <= 1) return [run];
  const joined = parts.join('');
  return [run, ...parts, joined];
}

function keep(token: string): boolean {
  return HAS_WORD_CHAR.test(token) && !STOP_WORDS.has(token);
}

/**
 * Tokens of a document: each word of the precise cut, plus every dictionary word inside it of two or
 * more characters (光谱辐射计 → 光谱, 辐射, 辐射计; 盐雾试验箱 → 盐雾试验, 试验箱 …), so that a query word
 * finds the longer words that contain it. (jieba's search mode stops at 3-character parts.)
 * HMM is off on both sides: guessed words depend on the neighbouring text, so a document and a query
 * could cut the same unknown word differently; dictionary words and single characters always agree.
 */
export function tokensForIndex(text: string | null | undefined): string[] {
  const out: string[] = [];
  forEachIndexToken(text, (token) => {
    out.push(token);
  });
  return out;
}

/**
 * The tokens of one word of the precise cut (itself and its inner words; none for a stop word or
 * punctuation), remembered: a catalogue's vocabulary is small next to its text, and the inner-word cut
 * is half of jieba's time on an import. Cleared when full, to keep a worker's memory bounded.
 */
const WORD_CACHE_MAX = 100_000;
const wordCache = new Map<string, readonly string[]>();
function wordTokens(raw: string): readonly string[] {
  const cached = wordCache.get(raw);
  if (cached) return cached;
  const word = raw.trim();
  let tokens: string[] = [];
  if (keep(word)) {
    tokens = [word];
    // Code points, not UTF-16 units: fewer than 3 characters has no inner word of 2.
    let chars = 0;
    for (const _ of word) if (++chars >= 3) break;
    if (chars >= 3) for (const inner of jieba().cutAll(word)) if (inner !== word && [...inner].length >= 2) tokens.push(inner);
  }
  if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
  wordCache.set(raw, tokens);
  return tokens;
}

/** tokensForIndex without the array: calls `emit` for each token in order (the import's hot path). */
export function forEachIndexToken(text: string | null | undefined, emit: (token: string) => boolean | undefined): void {
  if (!text) return;
  for (const p of pieces(text)) {
    if (p.latin) {
      for (const v of latinVariants(p.text)) if (emit(v) === false) return;
      continue;
    }
    for (const raw of jieba().cut(p.text, false)) {
      for (const token of wordTokens(raw)) if (emit(token) === false) return;
    }
  }
}

/** Tokens of a query: the precise cut, every token must match; Latin runs kept whole. */
export function tokensForQuery(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const p of pieces(text)) {
    if (p.latin) out.push(p.text);
    else for (const t of jieba().cut(p.text, false)) if (keep(t.trim())) out.push(t.trim());
  }
  return [...new Set(out)];
}

/** Warms the dictionary at start so that the first search does not pay for it. */
export function loadTokenizer(): void {
  jieba();
}
