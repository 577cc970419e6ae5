import type { AnnualFigures, Enterprise } from '@innotown/contracts/enterprises';
import { maskPhone } from '../../platform/masking.ts';
import type { Actor } from '../../platform/policy.ts';
import type { EnterpriseView, FiguresRow } from './enterprises.repository.ts';

/** The contact phone is shown in full only to the enterprise itself; everyone else sees it masked. */
export function presentEnterprise(e: EnterpriseView, actor: Actor): Enterprise {
  const own = actor.enterpriseId === e.id;
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    industryCode: e.industryCode,
    townId: e.townId,
    townName: e.townName,
    townNameEn: e.townNameEn,
    sizeClass: e.sizeClass as Enterprise['sizeClass'],
    isHighTech: e.isHighTech,
    isTechSme: e.isTechSme,
    isAboveScale: e.isAboveScale,
    address: e.address,
    description: e.description,
    contactName: e.contactName,
    contactPhone: own ? e.contactPhone : maskPhone(e.contactPhone),
    latestYear: e.latestYear,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function presentFigures(f: FiguresRow): AnnualFigures {
  return {
    year: f.year,
    revenueFen: f.revenueFen,
    rdExpenditureFen: f.rdExpenditureFen,
    employees: f.employees,
    rdStaff: f.rdStaff,
    highTechOutputFen: f.highTechOutputFen,
    updatedAt: f.updatedAt.toISOString(),
  };
}
