import type { ResourceSearchItem } from '@innotown/contracts/resource-search';
import { highlight } from '../../platform/search/highlight.ts';
import type { SearchRow } from './resources-search.repository.ts';

const SNIPPET_CHARS = 120;
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const fen = (v: string | number | null) => (v === null ? null : Number(v));

/** A search hit, field by field: contacts, review comments and specs stay out of the public answer. */
export function presentSearchItem(r: SearchRow, tokens: readonly string[]): ResourceSearchItem {
  const fromSummary = r.summary ? highlight(r.summary, tokens, SNIPPET_CHARS) : undefined;
  const fromName = highlight(r.name, tokens);
  return {
    id: r.id,
    kind: r.kind as ResourceSearchItem['kind'],
    name: r.name,
    highlight: fromSummary?.matched || !fromName.matched ? (fromSummary?.html ?? fromName.html) : fromName.html,
    summary: r.summary,
    townId: r.town_id,
    townName: r.town_name,
    townNameEn: r.town_name_en,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    industries: r.industries,
    accreditations: r.accreditations,
    feeMinFen: fen(r.fee_min_fen),
    feeMaxFen: fen(r.fee_max_fen),
    feeUnit: r.fee_unit as ResourceSearchItem['feeUnit'],
    model: r.model,
    sharing: r.sharing as ResourceSearchItem['sharing'],
    reviewStatus: r.review_status as ResourceSearchItem['reviewStatus'],
    publishedAt: iso(r.published_at),
  };
}
