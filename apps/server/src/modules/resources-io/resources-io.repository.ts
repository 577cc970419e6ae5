import { eq, type SQL, sql } from 'drizzle-orm';
import { institutions } from '../../db/schema/organisations.ts';
import { resources } from '../../db/schema/resources.ts';
import type { Db } from '../../platform/db.ts';
import { type ResourceInsert, type ResourceRow, searchVectorOf } from '../resources/resources.repository.ts';

export async function findInstitution(db: Db, id: string): Promise<{ id: string; townId: string } | undefined> {
  const rows = await db.select({ id: institutions.id, townId: institutions.townId }).from(institutions).where(eq(institutions.id, id));
  return rows[0];
}

/** Inserts the rows in batches (each with its search document); the caller's transaction makes them one unit. */
export async function insertMany(db: Db, values: ResourceInsert[], batch = 200): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < values.length; i += batch) {
    const rows = await db
      .insert(resources)
      .values(values.slice(i, i + batch).map((v) => ({ ...v, searchVector: searchVectorOf(v as Partial<ResourceRow>) })))
      .returning({ id: resources.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export type ExportRow = {
  id: string;
  kind: string;
  name: string;
  model: string | null;
  manufacturer: string | null;
  category: string | null;
  summary: string | null;
  institution_name: string;
  town_name: string;
  sharing: string;
  industries: string[];
  accreditations: string[];
  fee_unit: string | null;
  fee_min_fen: string | number | null;
  fee_max_fen: string | number | null;
  original_value_fen: string | number | null;
  purchase_year: number | null;
  location: string | null;
  operator_required: boolean;
  review_status: string;
  published_at: string | Date | null;
};

/** Up to `limit` matches of the search's WHERE (the search module builds it, with the caller's visibility), in `order`. */
/** How many rows meet `where`, counting no further than `cap`. */
export async function countUpTo(db: Db, where: SQL, cap: number): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from (select 1 from resources r where ${where} limit ${cap}) m`);
  return Number((res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

export async function exportRows(db: Db, where: SQL, order: SQL, limit: number): Promise<ExportRow[]> {
  const res = await db.execute(sql`select r.id, r.kind, r.name, r.model, r.manufacturer, r.category, r.summary,
      i.name as institution_name, t.name as town_name, r.sharing, r.industries, r.accreditations, r.fee_unit,
      r.fee_min_fen, r.fee_max_fen, r.original_value_fen, r.purchase_year, r.location, r.operator_required,
      r.review_status, r.published_at
    from resources r
    join towns t on t.id = r.town_id
    join institutions i on i.id = r.institution_id
    where ${where}
    order by ${order}
    limit ${limit}`);
  return (res as unknown as { rows: ExportRow[] }).rows;
}
