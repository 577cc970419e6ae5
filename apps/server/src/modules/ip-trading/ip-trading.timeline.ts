import type { Actor } from '../../platform/policy.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import {
  type PatentRight,
  type PatentTimelineEntry,
  registerPatentRightsSource,
  registerPatentTimelineSource,
} from '../patents/patent-timeline.ts';
import { currentLicencesAndPledges, timelineRecords as tradingRecords } from './ip-trading.repository.ts';
import { sideOf } from './ip-trading.service.ts';
import { timelineRecords as openLicenceRecords, runningTakes } from './open-licences.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The parties, the admins of the seller's town and the city see a deal's amount and may open it. */
function isInsider(viewer: Actor, d: Parameters<typeof sideOf>[1]) {
  return viewer.role === 'city_admin' || (viewer.role === 'town_admin' && viewer.townId === d.townId) || sideOf(viewer, d) !== null;
}

/**
 * The patent page's entries from trading: a listing published (public, like the showcase), an offer accepted (a
 * deal started: its kind for everyone; parties, amounts and the deal link for the parties and admins of the seller's
 * town or the city), a deal completed (the buyer is public — the legal-status event names it — the amount is not).
 */
export async function tradingTimeline(db: Parameters<typeof tradingRecords>[0], patentId: string, viewer: Actor) {
  const { listings, deals } = await tradingRecords(db, patentId);
  const out: PatentTimelineEntry[] = [];
  for (const l of listings) {
    out.push({
      at: iso(l.publishedAt) as string,
      source: 'trading',
      kind: 'listing_published',
      detail: { listingKind: l.kind, seller: l.sellerName, askingPriceFen: l.askingPriceFen },
      refId: l.id,
    });
  }
  for (const d of deals) {
    const insider = isInsider(viewer, d);
    const parties = insider ? { seller: d.sellerName, buyer: d.buyerName, amountFen: d.amountFen } : {};
    out.push({
      at: d.createdAt.toISOString(),
      source: 'trading',
      kind: 'offer_accepted',
      detail: { dealKind: d.kind, ...parties },
      refId: insider ? d.id : null,
    });
    if (d.status === 'completed' && d.completedAt) {
      out.push({
        at: d.completedAt.toISOString(),
        source: 'trading',
        kind: 'deal_completed',
        detail: {
          dealKind: d.kind,
          seller: d.sellerName,
          buyer: d.buyerName,
          ...(d.licenceEndsOn ? { startsOn: d.licenceStartsOn, endsOn: d.licenceEndsOn } : {}),
          ...(insider ? { amountFen: d.amountFen } : {}),
        },
        refId: insider ? d.id : null,
      });
    }
  }
  return out;
}

/** Open-licence declarations (public) and licences taken (the licensee is public, like the `licensed` event). */
export async function openLicenceTimeline(db: Parameters<typeof openLicenceRecords>[0], patentId: string, _viewer: Actor) {
  const { declarations, takes } = await openLicenceRecords(db, patentId);
  const out: PatentTimelineEntry[] = [];
  for (const d of declarations) {
    out.push({
      at: d.createdAt.toISOString(),
      source: 'open_licence',
      kind: 'open_licence_declared',
      detail: { owner: d.enterpriseName, feeFen: d.feeFen, validFrom: d.validFrom, validUntil: d.validUntil },
      refId: d.id,
    });
    if (d.status !== 'active' && d.endedAt) {
      out.push({
        at: d.endedAt.toISOString(),
        source: 'open_licence',
        kind: d.status === 'withdrawn' ? 'open_licence_withdrawn' : 'open_licence_ended',
        detail: { owner: d.enterpriseName },
        refId: d.id,
      });
    }
  }
  for (const t of takes) {
    out.push({
      at: t.createdAt.toISOString(),
      source: 'open_licence',
      kind: 'open_licence_taken',
      detail: { licensee: t.licenseeName, licenceType: 'open', startsOn: t.licenceStartsOn, endsOn: t.licenceEndsOn },
      refId: t.openLicenceId,
    });
  }
  return out;
}

/**
 * The patent's current licensees and pledgees from trading: completed licence deals whose term has not ended,
 * completed pledges (the platform records no release yet), and licences taken under an open licence still running.
 */
export async function tradingRights(db: Parameters<typeof tradingRecords>[0], patentId: string, viewer: Actor, today: string) {
  const [deals, takes] = await Promise.all([currentLicencesAndPledges(db, patentId, today), runningTakes(db, patentId, today)]);
  const out: PatentRight[] = deals.map((d) => ({
    kind: d.kind === 'pledge' ? 'pledge' : 'licence',
    holder: d.buyerName,
    licenceType: d.kind === 'pledge' ? null : d.kind === 'exclusive_licence' ? 'exclusive' : 'non_exclusive',
    startsOn: d.licenceStartsOn,
    endsOn: d.licenceEndsOn,
    recordedOn: d.completedAt ? shanghaiDate(d.completedAt) : '',
    dealId: isInsider(viewer, d) ? d.id : null,
    openLicenceId: null,
  }));
  for (const t of takes) {
    out.push({
      kind: 'licence',
      holder: t.licenseeName,
      licenceType: 'open',
      startsOn: t.licenceStartsOn,
      endsOn: t.licenceEndsOn,
      recordedOn: shanghaiDate(t.createdAt),
      dealId: null,
      openLicenceId: t.openLicenceId,
    });
  }
  return out;
}

registerPatentTimelineSource('trading', tradingTimeline);
registerPatentRightsSource('trading', tradingRights);
registerPatentTimelineSource('open_licence', openLicenceTimeline);
