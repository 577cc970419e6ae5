import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/policy.ts';

/**
 * One timeline per patent (the patent's page): its legal-status events plus what the platform's own
 * IP modules recorded about it — listings and deals (ip-trading), open-licence declarations and licences
 * taken, pre-examination (pre-examination), rights-protection cases (ip-cases). Each module registers a
 * source when it is loaded, so this module never imports theirs (no cycles) and a new module adds its
 * entries without touching the patent page.
 */
export type PatentTimelineEntry = {
  /** ISO date (YYYY-MM-DD) or timestamp; entries are sorted by it. */
  at: string;
  /** Which module recorded it: legal_status, trading, open_licence, pre_examination, rights_protection. */
  source: string;
  /** What happened, a stable key the web translates: 'granted', 'listing_published', 'deal_completed', 'case_filed', … */
  kind: string;
  /** Facts to show beside it (parties, amounts, kind of licence); only what the viewer may see. */
  detail: Record<string, unknown>;
  /** The record it came from (a listing, deal, case …), when the viewer may open it. */
  refId: string | null;
};

/** Entries of one source for one patent, already filtered to what `viewer` may see (a case is confidential). */
export type PatentTimelineSource = (db: Db, patentId: string, viewer: Actor) => Promise<PatentTimelineEntry[]>;

const sources = new Map<string, PatentTimelineSource>();

export function registerPatentTimelineSource(name: string, source: PatentTimelineSource): void {
  sources.set(name, source);
}

/** Every registered source's entries, oldest first (a stable order for entries of one day: by source, then kind). */
export async function patentTimeline(db: Db, patentId: string, viewer: Actor): Promise<PatentTimelineEntry[]> {
  const lists = await Promise.all([...sources.values()].map((source) => source(db, patentId, viewer)));
  return lists.flat().sort((a, b) => a.at.localeCompare(b.at) || a.source.localeCompare(b.source) || a.kind.localeCompare(b.kind));
}

/**
 * Who holds rights in the patent now besides its owners (the page's 许可/质押 section): licensees whose licence
 * term has not ended and pledgees. Registered by the module that records them (ip-trading), like the timeline.
 */
export type PatentRight = {
  kind: 'licence' | 'pledge';
  /** The licensee or pledgee (public: the legal-status event names it). */
  holder: string;
  licenceType: 'exclusive' | 'non_exclusive' | 'open' | null;
  /** The licence's term (inclusive ISO dates); null for a pledge or a licence recorded before terms were. */
  startsOn: string | null;
  endsOn: string | null;
  /** The day it was recorded (deal completed, licence taken). */
  recordedOn: string;
  /** The deal, when the viewer may open it; the open-licence declaration (public) for a licence taken under one. */
  dealId: string | null;
  openLicenceId: string | null;
};
export type PatentRightsSource = (db: Db, patentId: string, viewer: Actor, today: string) => Promise<PatentRight[]>;

const rightsSources = new Map<string, PatentRightsSource>();

export function registerPatentRightsSource(name: string, source: PatentRightsSource): void {
  rightsSources.set(name, source);
}

/** Current licences first (by the day recorded), then pledges. */
export async function patentRights(db: Db, patentId: string, viewer: Actor, today: string): Promise<PatentRight[]> {
  const lists = await Promise.all([...rightsSources.values()].map((source) => source(db, patentId, viewer, today)));
  return lists.flat().sort((a, b) => a.kind.localeCompare(b.kind) || a.recordedOn.localeCompare(b.recordedOn));
}
