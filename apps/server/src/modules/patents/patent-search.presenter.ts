import type { PatentDetail, PatentEvent, PatentSearchItem, PortfolioItem } from '@innotown/contracts/patent-search';
import { highlight } from '../../platform/search/highlight.ts';
import type { Annuity } from './patent-portfolio.rules.ts';
import { expiryDate } from './patent-portfolio.rules.ts';
import type { EventRow, PatentRow } from './patent-search.repository.ts';
import type { PatentRight, PatentTimelineEntry } from './patent-timeline.ts';

const SNIPPET_CHARS = 160;
type Kind = PatentSearchItem['kind'];

/** A search hit: bibliographic data (public), the title and an abstract fragment with the matched words marked. */
export function presentSearchItem(r: PatentRow, tokens: readonly string[]): PatentSearchItem {
  return {
    id: r.id,
    applicationNumber: r.application_number,
    publicationNumber: r.publication_number,
    grantNumber: r.grant_number,
    kind: r.kind as Kind,
    title: r.title,
    titleHighlight: highlight(r.title, tokens).html,
    abstractHighlight: highlight(r.abstract ?? '', tokens, SNIPPET_CHARS).html,
    applicants: r.applicants,
    owners: r.owners,
    inventors: r.inventors,
    mainClass: r.main_class,
    ipcCodes: r.ipc_codes,
    locarnoCodes: r.locarno_codes,
    applicationDate: r.application_date,
    publicationDate: r.publication_date,
    grantDate: r.grant_date,
    legalStatus: r.legal_status as PatentSearchItem['legalStatus'],
    townId: r.town_id,
    townName: r.town_name,
    townNameEn: r.town_name_en,
    localOwner: r.owner_enterprise_ids.length > 0,
  };
}

export const presentEvent = (e: EventRow): PatentEvent => ({
  id: e.id,
  eventDate: e.event_date,
  kind: e.kind as PatentEvent['kind'],
  detail: e.detail ?? {},
  source: e.source,
});

export function presentDetail(r: PatentRow, events: EventRow[], timeline: PatentTimelineEntry[], rights: PatentRight[] = []): PatentDetail {
  const { titleHighlight: _t, abstractHighlight: _a, ...item } = presentSearchItem(r, []);
  return {
    ...item,
    jurisdiction: r.jurisdiction,
    abstract: r.abstract,
    claims: r.claims,
    legalStatusDate: r.legal_status_date,
    ownerEnterpriseIds: r.owner_enterprise_ids,
    localApplicant: r.local_applicant,
    applicantAddress: r.applicant_address,
    agency: r.agency,
    feesPaidUntil: r.fees_paid_until,
    expiryDate: expiryDate(r.kind as Kind, r.application_date),
    ipcSubclasses: [...new Set(r.ipc_codes.map((c) => c.slice(0, 4)))],
    events: events.map(presentEvent),
    timeline: timeline.map((e) => ({ ...e, at: String(e.at) })),
    rights: rights.map((x) => ({
      kind: x.kind,
      holder: x.holder,
      licenceType: x.licenceType,
      startsOn: x.startsOn,
      endsOn: x.endsOn,
      recordedOn: x.recordedOn,
      dealId: x.dealId,
      openLicenceId: x.openLicenceId,
    })),
  };
}

export function presentPortfolioItem(r: PatentRow, expiry: string, annuity: Annuity | null): PortfolioItem {
  return {
    id: r.id,
    applicationNumber: r.application_number,
    grantNumber: r.grant_number,
    kind: r.kind as Kind,
    title: r.title,
    applicationDate: r.application_date,
    grantDate: r.grant_date,
    legalStatus: r.legal_status as PortfolioItem['legalStatus'],
    expiryDate: expiry,
    feesPaidUntil: r.fees_paid_until,
    nextAnnuity: annuity,
  };
}
