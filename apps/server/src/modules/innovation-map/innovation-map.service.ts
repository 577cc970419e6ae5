import { INSTRUMENT_SAMPLE, type InnovationMap, type InnovationMapQuery } from '@innotown/contracts/innovation-map';
import type { ServiceCategory } from '@innotown/contracts/service-categories';
import type { Db } from '../../platform/db.ts';
import * as repo from './innovation-map.repository.ts';
import { TOWN_CENTRES } from './town-centres-data.ts';

const groupBy = <T extends { town_id: string }>(xs: readonly T[]) => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(x.town_id, [...(m.get(x.town_id) ?? []), x]);
  return m;
};

/**
 * Every town with its approximate centre, the alliance's providers located there (filtered by a
 * service category if asked) and its openly shared instruments. Public: it shows only what the
 * storefront and the public resource catalogue already show.
 */
export async function innovationMap(db: Db, q: InnovationMapQuery): Promise<InnovationMap> {
  const towns = await repo.listTowns(db);
  const providers = groupBy(await repo.listProviders(db, q.category ?? null));
  const counts = new Map((await repo.openInstrumentCounts(db)).map((r) => [r.town_id, Number(r.n)]));
  const samples = groupBy(await repo.openInstrumentSample(db, INSTRUMENT_SAMPLE));
  return {
    category: q.category ?? null,
    towns: towns.map((t) => {
      const centre = TOWN_CENTRES[t.code];
      return {
        id: t.id,
        code: t.code,
        name: t.name,
        nameEn: t.name_en,
        centre: centre ? ([centre[0], centre[1]] as [number, number]) : null,
        providers: (providers.get(t.id) ?? []).map((p) => ({
          id: p.id,
          name: p.name,
          categories: (p.categories ?? []) as ServiceCategory[],
          serviceCount: Number(p.service_count),
        })),
        openInstruments: counts.get(t.id) ?? 0,
        instruments: (samples.get(t.id) ?? []).map((i) => ({ id: i.id, name: i.name, institutionName: i.institution_name })),
      };
    }),
  };
}
