import type { PatentQueryNode } from '@innotown/contracts/patent-query';
import { type SQL, sql } from 'drizzle-orm';
import { likePattern } from '../../platform/pagination.ts';
import { quoteLexeme } from '../../platform/search/search-vector.ts';
import { tokensForQuery } from '../../platform/search/tokenizer.ts';
import { docMatch, titleMatch } from './patent-search.words.ts';

/**
 * The expert query's AST (packages/contracts/src/patent-query.ts) as a WHERE predicate over `patents p`.
 * Leaves stay plain predicates, so the GIN and B-tree indexes serve them; a leaf may be null (no abstract, no grant
 * date), which AND/OR treat as no match, and NOT is `is not true`, so NOT means "does not match" there too.
 *
 * - Text: the value is cut with the search's tokenizer; all tokens must match (`&`). TX is the whole vector,
 *   TI its title lexemes (weight A), AB and CL the body lexemes (weight B: abstract and claims share it) with a
 *   substring recheck of every token in that very column. A "phrase" must also appear as written (substring of
 *   the part, case-insensitive) — positions cannot say it: the index adds the inner words of long words.
 *   A value without a searchable word (punctuation, 的) matches everything.
 * - PA (applicants and owners) and IN (inventors): part of a name, through the trigram index for 3+ characters.
 * - LS: the status code or its Chinese name; TOWN: a town's name, English name or code.
 * - IPC: every level is in `class_prefixes` (GIN): F, F21, F21V, F21V29/, F21V29/70.
 * - AD/PD/GD: inclusive date ranges.
 */
export function compilePatentQuery(node: PatentQueryNode): SQL {
  switch (node.type) {
    case 'and':
      return sql`(${sql.join(node.children.map(compilePatentQuery), sql` and `)})`;
    case 'or':
      return sql`(${sql.join(node.children.map(compilePatentQuery), sql` or `)})`;
    case 'not':
      // `is not true`: a leaf that is null (no abstract, no grant date) does not match, so NOT of it does.
      return sql`((${compilePatentQuery(node.child)}) is not true)`;
    case 'text':
      return textLeaf(node.field, node.value, node.phrase);
    case 'match':
      return matchLeaf(node.field, node.value);
    case 'kind':
      return sql`(p.kind = ${node.value})`;
    case 'ipc':
      return sql`(p.class_prefixes @> array[${node.code}]::text[])`;
    case 'date': {
      const col = node.field === 'AD' ? sql`p.application_date` : node.field === 'PD' ? sql`p.publication_date` : sql`p.grant_date`;
      const parts = [...(node.from ? [sql`${col} >= ${node.from}::date`] : []), ...(node.to ? [sql`${col} <= ${node.to}::date`] : [])];
      return parts.length === 0 ? sql`(${col} is not null)` : sql`(${sql.join(parts, sql` and `)})`;
    }
  }
}

/** The patent's text parts, as the recheck of AB/CL/TI/TX reads them. */
const PART: Record<string, SQL> = {
  TI: sql`lower(p.title)`,
  AB: sql`lower(coalesce(p.abstract, ''))`,
  CL: sql`lower(coalesce(p.claims, ''))`,
  TX: sql`lower(p.title || ' ' || coalesce(p.abstract, '') || ' ' || coalesce(p.claims, ''))`,
};

function textLeaf(field: 'TX' | 'TI' | 'AB' | 'CL', value: string, phrase: boolean): SQL {
  const tokens = tokensForQuery(value);
  if (tokens.length === 0) return sql`true`;
  const plain = tokens.map(quoteLexeme).join(' & ');
  // TI reads the title document (no weights: GIN answers it without reading the row); AB and CL share weight B.
  const parts: SQL[] =
    field === 'TI'
      ? [titleMatch(plain)]
      : field === 'TX'
        ? [docMatch(plain)]
        : [docMatch(tokens.map((t) => `${quoteLexeme(t)}:B`).join(' & '))];
  // Abstract and claims share weight B: check that the words are in the part asked for.
  if (field === 'AB' || field === 'CL') for (const t of tokens) parts.push(sql`strpos(${PART[field]}, ${t}) > 0`);
  if (phrase) parts.push(sql`strpos(${PART[field]}, ${value.normalize('NFKC').toLowerCase()}) > 0`);
  return sql`(${sql.join(parts, sql` and `)})`;
}

/**
 * Words every match of the query must hold (tsquery text), to drive the word search's index (patent-search.words.ts):
 * the text leaves that the query's top level ANDs, not under NOT or OR. Undefined when there are none.
 */
export function requiredWords(node: PatentQueryNode): string | undefined {
  const leaves = node.type === 'and' ? node.children : [node];
  const words = leaves
    .filter((n): n is Extract<PatentQueryNode, { type: 'text' }> => n.type === 'text')
    .flatMap((n) => tokensForQuery(n.value))
    .map(quoteLexeme);
  return words.length === 0 ? undefined : [...new Set(words)].join(' & ');
}

/** Chinese names of the legal statuses an expert may type after LS=. */
const STATUS_WORDS: Record<string, string> = {
  审中: 'pending',
  在审: 'pending',
  授权: 'granted',
  有效: 'granted',
  失效: 'lapsed',
  终止: 'lapsed',
  无效: 'invalidated',
  宣告无效: 'invalidated',
  届满: 'expired',
  期限届满: 'expired',
  驳回: 'rejected',
  撤回: 'withdrawn',
};

function matchLeaf(field: 'PA' | 'IN' | 'LS' | 'TOWN', value: string): SQL {
  if (field === 'PA') return applicantMatch(value);
  if (field === 'IN') return inventorMatch(value);
  if (field === 'LS') return sql`(p.legal_status = ${STATUS_WORDS[value] ?? value.toLowerCase()})`;
  return sql`(p.town_id in (select id from towns where name = ${value} or lower(name_en) = lower(${value}) or code = ${value}))`;
}

/** Part of an applicant's or current owner's name (trigram index `patents_parties_trgm_idx`). */
export function applicantMatch(value: string): SQL {
  return sql`(patent_names_text(p.applicants || p.owners) ilike ${likePattern(value)})`;
}

/** Part of an inventor's name (trigram index `patents_inventors_trgm_idx`). */
export function inventorMatch(value: string): SQL {
  return sql`(patent_names_text(p.inventors) ilike ${likePattern(value)})`;
}

/** The positive text terms of a query (for highlighting the result): the values of text leaves not under NOT. */
export function positiveTerms(node: PatentQueryNode): string[] {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.children.flatMap(positiveTerms);
    case 'text':
      return tokensForQuery(node.value);
    default:
      return [];
  }
}
