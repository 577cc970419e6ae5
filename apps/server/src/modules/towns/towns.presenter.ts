import type { Town } from '@innotown/contracts/towns';
import type { TownWithCounts } from './towns.repository.ts';

export function presentTown(t: TownWithCounts): Town {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    nameEn: t.nameEn,
    kind: t.kind as Town['kind'],
    industries: t.industries,
    description: t.description,
    population: t.population,
    longitude: t.longitude,
    latitude: t.latitude,
    enterpriseCount: t.enterpriseCount,
    institutionCount: t.institutionCount,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
