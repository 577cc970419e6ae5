import type { Institution } from '@innotown/contracts/institutions';
import type { InstitutionView } from './institutions.repository.ts';

export function presentInstitution(i: InstitutionView): Institution {
  return {
    id: i.id,
    name: i.name,
    type: i.type as Institution['type'],
    level: i.level as Institution['level'],
    townId: i.townId,
    townName: i.townName,
    townNameEn: i.townNameEn,
    creditCode: i.creditCode,
    description: i.description,
    website: i.website,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
