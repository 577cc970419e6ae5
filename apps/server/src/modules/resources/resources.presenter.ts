import type { OpeningHours, Resource, ResourceDetail } from '@innotown/contracts/resources';
import { maskEmail, maskPhone } from '../../platform/masking.ts';
import type { LinkView, ResourceView } from './resources.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * `revealContacts`: a resource's contact phone and e-mail belong to a person (the expert, or the staff
 * member who runs an instrument or lab) — personal data under PIPL, shown in full only to the owner
 * institution and city admins, and (on one resource's page) to an enterprise that has booked it —
 * see `contactsRevealed` in the service.
 */
export function presentResource(r: ResourceView, revealContacts: boolean): Resource {
  const mask = !revealContacts;
  return {
    id: r.id,
    kind: r.kind as Resource['kind'],
    name: r.name,
    summary: r.summary,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    townId: r.townId,
    townName: r.townName,
    townNameEn: r.townNameEn,
    sharing: r.sharing as Resource['sharing'],
    reviewStatus: r.reviewStatus as Resource['reviewStatus'],
    reviewComment: r.reviewComment,
    reviewedAt: iso(r.reviewedAt),
    industries: r.industries,
    accreditations: r.accreditations,
    feeUnit: r.feeUnit as Resource['feeUnit'],
    feeMinFen: r.feeMinFen,
    feeMaxFen: r.feeMaxFen,
    originalValueFen: r.originalValueFen,
    purchaseYear: r.purchaseYear,
    model: r.model,
    manufacturer: r.manufacturer,
    category: r.category,
    location: r.location,
    operatorRequired: r.operatorRequired,
    openingHours: (r.openingHours ?? null) as OpeningHours | null,
    specs: r.specs,
    contactName: r.contactName,
    contactPhone: mask ? maskPhone(r.contactPhone) : r.contactPhone,
    contactEmail: mask ? maskEmail(r.contactEmail) : r.contactEmail,
    photoFileIds: r.photoFileIds,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: iso(r.publishedAt),
  };
}

export function presentLinks(links: LinkView[]): ResourceDetail['links'] {
  return links.map((l) => ({
    relation: l.relation as ResourceDetail['links'][number]['relation'],
    direction: l.direction,
    resourceId: l.resourceId,
    kind: l.kind as ResourceDetail['links'][number]['kind'],
    name: l.name,
  }));
}

export function presentResourceDetail(r: ResourceView, revealContacts: boolean, links: LinkView[]): ResourceDetail {
  return { ...presentResource(r, revealContacts), links: presentLinks(links) };
}
