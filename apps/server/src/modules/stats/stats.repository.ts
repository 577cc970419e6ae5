import { asc, count, sql } from 'drizzle-orm';
import { enterprises, institutions, towns } from '../../db/schema/organisations.ts';
import type { Db } from '../../platform/db.ts';

/** Aggregates only: public figures never reveal a single enterprise's data. */
export async function overview(db: Db) {
  const [byTown, byType] = await Promise.all([
    db
      .select({
        townId: towns.id,
        townName: towns.name,
        townNameEn: towns.nameEn,
        enterprises: sql<number>`(select count(*)::int from ${enterprises} e where e.town_id = towns.id)`,
        highTechEnterprises: sql<number>`(select count(*)::int from ${enterprises} e where e.town_id = towns.id and e.is_high_tech)`,
        institutions: sql<number>`(select count(*)::int from ${institutions} i where i.town_id = towns.id)`,
      })
      .from(towns)
      .orderBy(asc(towns.code)),
    db.select({ type: institutions.type, count: count() }).from(institutions).groupBy(institutions.type).orderBy(asc(institutions.type)),
  ]);
  const sum = (k: 'enterprises' | 'institutions' | 'highTechEnterprises') => byTown.reduce((s, t) => s + t[k], 0);
  return {
    towns: byTown.length,
    enterprises: sum('enterprises'),
    institutions: sum('institutions'),
    highTechEnterprises: sum('highTechEnterprises'),
    byTown,
    institutionsByType: byType,
  };
}
