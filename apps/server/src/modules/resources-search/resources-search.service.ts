import { RESOURCE_FEE_BANDS, type ResourceSearchQuery, type ResourceSearchResult } from '@innotown/contracts/resource-search';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { tsqueryText } from '../../platform/search/search-vector.ts';
import { tokensForQuery } from '../../platform/search/tokenizer.ts';
import { presentSearchItem } from './resources-search.presenter.ts';
import * as repo from './resources-search.repository.ts';

/** Facet values listed per facet; the long tail is of no use in a filter panel. */
const FACET_VALUES = 20;
const LATIN_FRAGMENT = /^[a-z0-9][a-z0-9._/+-]{2,}$/;
const HAS_DIGIT = /\d/;

/**
 * The query's words as a tsquery, and the fragments of model numbers (3+ Latin characters with a digit:
 * MS-900, 9000) that may also match inside a name (trigram index). Words without a digit (LED, EMC, CNAS)
 * are whole tokens already; an infix search on them would read a large trigram bitmap for nothing.
 */
export function matchOf(q: string | undefined, wholeWords?: ReadonlySet<string>): { match: repo.SearchMatch; tokens: string[] } {
  const tokens = tokensForQuery(q);
  const fragments = tokens.filter((t) => LATIN_FRAGMENT.test(t) && HAS_DIGIT.test(t));
  const rest = tokens.filter((t) => !fragments.includes(t));
  return {
    tokens,
    match: {
      tsquery: tokens.length > 0 ? tsqueryText(tokens, wholeWords) : null,
      nameFragments: fragments,
      restTsquery: rest.length > 0 ? tsqueryText(rest, wholeWords) : null,
    },
  };
}

/**
 * Estimated counts and facets (large results only) are kept for a minute per database and per identical
 * search (caller's visibility, words, filters): the next pages, another sort and the same search by other
 * callers then cost only their page. An estimate a minute old is still an estimate; exact (small) counts
 * are never kept, so a change is visible at once where it can be seen in the numbers.
 */
const COUNTS_TTL_MS = 60_000;
const COUNTS_KEPT = 1_000;
const countsCache = new WeakMap<Db, Map<string, { at: number; counts: repo.Counts }>>();

function countsKey(ctx: RequestContext, q: ResourceSearchQuery, match: repo.SearchMatch): string {
  const { actor } = ctx;
  const { page: _page, pageSize: _pageSize, sort: _sort, q: _q, ...filters } = q;
  return JSON.stringify([actor.role, actor.townId, actor.institutionId, match, filters]);
}

/** Forgets the kept counts of a database (the bench measures searches without them). */
export function forgetKeptCounts(db: Db): void {
  countsCache.delete(db);
}

function keptCounts(db: Db, key: string): repo.Counts | undefined {
  const kept = countsCache.get(db)?.get(key);
  return kept && Date.now() - kept.at < COUNTS_TTL_MS ? kept.counts : undefined;
}

function keepCounts(db: Db, key: string, counts: repo.Counts): void {
  if (!counts.totalIsEstimate) return;
  const kept = countsCache.get(db) ?? new Map<string, { at: number; counts: repo.Counts }>();
  countsCache.set(db, kept);
  kept.delete(key);
  if (kept.size >= COUNTS_KEPT) kept.delete(kept.keys().next().value as string);
  kept.set(key, { at: Date.now(), counts });
}

export async function searchResources(db: Db, ctx: RequestContext, q: ResourceSearchQuery): Promise<ResourceSearchResult> {
  const { match, tokens } = matchOf(q.q, q.q ? await repo.commonWords(db) : undefined);
  const where = repo.whereOf(ctx.actor, q, match);
  const sort = q.sort ?? (match.tsquery ? 'relevance' : 'newest');
  const { limit, offset } = limitOffset(q);
  const key = countsKey(ctx, q, match);
  const known = keptCounts(db, key);
  const found = await repo.search(db, where, match, sort, limit, offset, { known });
  if (!known) keepCounts(db, key, found);
  const facet = (name: string) =>
    found.facets
      .filter((r) => r.facet === name)
      .map((r) => ({ value: r.value, ...(r.label ? { label: r.label } : {}), count: Math.round(r.count * found.scale) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, FACET_VALUES);
  return {
    items: found.rows.map((r) => presentSearchItem(r, tokens)),
    total: found.total,
    totalIsEstimate: found.totalIsEstimate,
    page: q.page,
    pageSize: q.pageSize,
    facets: {
      kind: facet('kind'),
      town: facet('town'),
      industry: facet('industry'),
      institution: facet('institution'),
      accreditation: facet('accreditation'),
      // Bands in their own order (cheapest first), not by count.
      fee: RESOURCE_FEE_BANDS.flatMap((band) => facet('fee').filter((r) => r.value === band.value)),
      available: facet('available'),
    },
    facetsAreEstimate: found.scale !== 1,
  };
}
