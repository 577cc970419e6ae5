import type { Deal, Listing, MyPatent, Offer, OpenLicence, PatentSummary } from '@innotown/contracts/ip-trading';
import type { PatentSummaryRow } from './ip-trading.repository.ts';
import type { DealDetail, ListingDetail, OfferDetail } from './ip-trading.service.ts';
import type { OpenLicenceDetail } from './open-licences.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentPatent(p: PatentSummaryRow): PatentSummary {
  return {
    id: p.id,
    applicationNumber: p.applicationNumber,
    kind: p.kind,
    title: p.title,
    abstract: p.abstract,
    mainClass: p.mainClass,
    ipcCodes: p.ipcCodes,
    legalStatus: p.legalStatus,
    owners: p.owners,
    grantDate: p.grantDate,
  };
}

export function presentMyPatent(p: PatentSummaryRow & { liveListingKinds: string[]; openLicenceActive: boolean }): MyPatent {
  return {
    ...presentPatent(p),
    liveListingKinds: p.liveListingKinds as MyPatent['liveListingKinds'],
    openLicenceActive: p.openLicenceActive,
  };
}

export function presentListing(l: ListingDetail): Listing {
  return {
    id: l.id,
    patent: presentPatent(l.patent),
    sellerEnterpriseId: l.sellerEnterpriseId,
    sellerName: l.sellerName,
    townId: l.townId,
    townName: l.townName,
    townNameEn: l.townNameEn,
    kind: l.kind as Listing['kind'],
    askingPriceFen: l.askingPriceFen,
    terms: l.terms,
    description: l.description,
    status: l.status as Listing['status'],
    reviewNote: l.reviewNote,
    publishedAt: iso(l.publishedAt),
    closedAt: iso(l.closedAt),
    createdAt: l.createdAt.toISOString(),
    openOfferCount: l.openOfferCount,
    ...(l.canOffer !== undefined ? { canOffer: l.canOffer } : {}),
    ...(l.isSeller !== undefined ? { isSeller: l.isSeller } : {}),
  };
}

export function presentOffer(o: OfferDetail): Offer {
  return {
    id: o.id,
    listingId: o.listingId,
    listingKind: o.listingKind as Offer['listingKind'],
    patentId: o.patentId,
    patentTitle: o.patentTitle,
    applicationNumber: o.applicationNumber,
    sellerEnterpriseId: o.sellerEnterpriseId,
    sellerName: o.sellerName,
    buyerEnterpriseId: o.buyerEnterpriseId,
    buyerInstitutionId: o.buyerInstitutionId,
    buyerName: o.buyerName,
    amountFen: o.amountFen,
    askingPriceFen: o.askingPriceFen,
    terms: o.terms,
    status: o.status as Offer['status'],
    awaiting: o.awaiting as Offer['awaiting'],
    declineReason: o.declineReason as Offer['declineReason'],
    declineNote: o.declineNote,
    decidedAt: iso(o.decidedAt),
    dealId: o.dealId,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    mySide: o.mySide,
    ...(o.thread
      ? {
          thread: o.thread.map((m) => ({
            id: m.id,
            side: m.side as 'seller' | 'buyer',
            kind: m.kind as NonNullable<Offer['thread']>[number]['kind'],
            amountFen: m.amountFen,
            body: m.body,
            authorName: m.authorName,
            createdAt: m.createdAt.toISOString(),
          })),
        }
      : {}),
  };
}

export function presentDeal(d: DealDetail): Deal {
  return {
    id: d.id,
    listingId: d.listingId,
    offerId: d.offerId,
    kind: d.kind as Deal['kind'],
    patent: presentPatent(d.patent),
    sellerEnterpriseId: d.sellerEnterpriseId,
    sellerName: d.sellerName,
    buyerEnterpriseId: d.buyerEnterpriseId,
    buyerInstitutionId: d.buyerInstitutionId,
    buyerName: d.buyerName,
    townName: d.townName,
    amountFen: d.amountFen,
    terms: d.terms,
    status: d.status as Deal['status'],
    contractFile:
      d.contractFileId && d.contractFilename !== null
        ? { id: d.contractFileId, filename: d.contractFilename, size: d.contractSize ?? 0 }
        : null,
    licenceStartsOn: d.licenceStartsOn,
    licenceEndsOn: d.licenceEndsOn,
    completedAt: iso(d.completedAt),
    cancelledAt: iso(d.cancelledAt),
    createdAt: d.createdAt.toISOString(),
    mySide: d.mySide,
    ...(d.patentEvents ? { patentEvents: d.patentEvents.map((e) => ({ eventDate: e.eventDate, kind: e.kind, detail: e.detail })) } : {}),
  };
}

export function presentOpenLicence(o: OpenLicenceDetail): OpenLicence {
  return {
    id: o.id,
    patent: presentPatent(o.patent),
    enterpriseId: o.enterpriseId,
    enterpriseName: o.enterpriseName,
    townName: o.townName,
    townNameEn: o.townNameEn,
    feeFen: o.feeFen,
    terms: o.terms,
    validFrom: o.validFrom,
    validUntil: o.validUntil,
    status: o.status as OpenLicence['status'],
    endNote: o.endNote,
    createdAt: o.createdAt.toISOString(),
    licenceCount: o.licenceCount,
    takenByMe: o.takenByMe,
    licences: o.licences.map((t) => ({
      id: t.id,
      licenseeEnterpriseId: t.licenseeEnterpriseId,
      licenseeName: t.licenseeName,
      amountFen: t.amountFen,
      paidOn: t.paidOn,
      paymentReference: t.paymentReference,
      licenceStartsOn: t.licenceStartsOn,
      licenceEndsOn: t.licenceEndsOn,
      createdAt: t.createdAt.toISOString(),
    })),
  };
}
