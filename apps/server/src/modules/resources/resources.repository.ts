import type { resourceListQuerySchema } from '@innotown/contracts/resources';
import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../db/schema/accounts.ts';
import { bookings } from '../../db/schema/bookings.ts';
import { institutions, towns } from '../../db/schema/organisations.ts';
import { files } from '../../db/schema/platform.ts';
import { resourceLinks, resources } from '../../db/schema/resources.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern, limitOffset } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';
import { searchVectorSql } from '../../platform/search/search-vector.ts';

export type ResourceRow = typeof resources.$inferSelect;
export type ResourceInsert = typeof resources.$inferInsert;
export type ResourceView = ResourceRow & { institutionName: string; townName: string; townNameEn: string };
export type LinkView = { relation: string; direction: 'out' | 'in'; resourceId: string; kind: string; name: string };
/** What visibility and link checks need of a resource. */
export type ResourceBrief = Pick<ResourceRow, 'id' | 'kind' | 'name' | 'institutionId' | 'townId' | 'reviewStatus' | 'sharing'>;

const viewColumns = { r: resources, institutionName: institutions.name, townName: towns.name, townNameEn: towns.nameEn };
const toView = (x: { r: ResourceRow; institutionName: string; townName: string; townNameEn: string }): ResourceView => ({
  ...x.r,
  institutionName: x.institutionName,
  townName: x.townName,
  townNameEn: x.townNameEn,
});

/**
 * The search document (platform/search weighs the title above the body):
 * title = name + model + manufacturer; body = summary, category, specs, accreditations, industries.
 */
export function searchVectorOf(r: Partial<ResourceRow>): SQL {
  const title = [r.name, r.model, r.manufacturer].filter(Boolean).join(' ');
  const specsText = r.specs
    ? Object.values(r.specs)
        .flat()
        .filter((v) => typeof v === 'string' || typeof v === 'number')
    : [];
  const body = [r.summary, r.category, ...specsText, ...(r.accreditations ?? []), ...(r.industries ?? [])].filter(Boolean).join(' ');
  return searchVectorSql(title, body);
}

export async function listResources(db: Db, filter: ScopeFilter, q: z.infer<typeof resourceListQuerySchema>) {
  const cond = and(
    scopeCondition(filter, { townId: resources.townId, institutionId: resources.institutionId }),
    q.q ? ilike(resources.name, likePattern(q.q)) : undefined,
    q.kind ? eq(resources.kind, q.kind) : undefined,
    q.reviewStatus ? eq(resources.reviewStatus, q.reviewStatus) : undefined,
    q.sharing ? eq(resources.sharing, q.sharing) : undefined,
    q.townId ? eq(resources.townId, q.townId) : undefined,
    q.institutionId ? eq(resources.institutionId, q.institutionId) : undefined,
  );
  const { limit, offset } = limitOffset(q);
  const [rows, totals] = await Promise.all([
    db
      .select(viewColumns)
      .from(resources)
      .innerJoin(institutions, eq(institutions.id, resources.institutionId))
      .innerJoin(towns, eq(towns.id, resources.townId))
      .where(cond)
      .orderBy(desc(resources.updatedAt), desc(resources.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(resources).where(cond),
  ]);
  return { items: rows.map(toView), total: totals[0]?.n ?? 0 };
}

export async function findResource(db: Db, id: string, lock = false): Promise<ResourceView | undefined> {
  const query = db
    .select(viewColumns)
    .from(resources)
    .innerJoin(institutions, eq(institutions.id, resources.institutionId))
    .innerJoin(towns, eq(towns.id, resources.townId))
    .where(eq(resources.id, id));
  const rows = lock ? await query.for('update', { of: resources }) : await query;
  return rows[0] ? toView(rows[0]) : undefined;
}

export async function institutionTown(db: Db, institutionId: string): Promise<string | undefined> {
  const rows = await db.select({ townId: institutions.townId }).from(institutions).where(eq(institutions.id, institutionId));
  return rows[0]?.townId;
}

export async function insertResource(db: Db, values: ResourceInsert): Promise<ResourceRow> {
  const rows = await db
    .insert(resources)
    .values({ ...values, searchVector: searchVectorOf(values as Partial<ResourceRow>) })
    .returning();
  return rows[0] as ResourceRow;
}

/** `merged` is the row as it will be, so that the search document is rebuilt from every field. */
export async function updateResource(db: Db, id: string, values: Partial<ResourceInsert>, merged: Partial<ResourceRow>) {
  await db
    .update(resources)
    .set({ ...values, searchVector: searchVectorOf(merged), updatedAt: sql`now()` })
    .where(eq(resources.id, id));
}

/**
 * One step of the review workflow as a conditional UPDATE: it changes the row only while it is still in
 * one of `from`, so two concurrent clicks cannot both pass. Returns whether this call made the step.
 */
export async function transition(db: Db, id: string, from: readonly string[], set: Partial<ResourceInsert>): Promise<boolean> {
  const rows = await db
    .update(resources)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(resources.id, id), inArray(resources.reviewStatus, [...from])))
    .returning({ id: resources.id });
  return rows.length === 1;
}

export async function deleteDraft(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .delete(resources)
    .where(and(eq(resources.id, id), eq(resources.reviewStatus, 'draft')))
    .returning({ id: resources.id });
  return rows.length === 1;
}

export async function findBriefs(db: Db, ids: readonly string[]): Promise<ResourceBrief[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: resources.id,
      kind: resources.kind,
      name: resources.name,
      institutionId: resources.institutionId,
      townId: resources.townId,
      reviewStatus: resources.reviewStatus,
      sharing: resources.sharing,
    })
    .from(resources)
    .where(inArray(resources.id, [...ids]));
}

/** Links in both directions, with the other end's brief. */
export async function linksOf(db: Db, id: string): Promise<(LinkView & { other: ResourceBrief })[]> {
  const rows = await db
    .select()
    .from(resourceLinks)
    .where(or(eq(resourceLinks.fromResourceId, id), eq(resourceLinks.toResourceId, id)));
  const others = await findBriefs(db, [...new Set(rows.map((l) => (l.fromResourceId === id ? l.toResourceId : l.fromResourceId)))]);
  const byId = new Map(others.map((o) => [o.id, o]));
  return rows.map((l) => {
    const out = l.fromResourceId === id;
    const other = byId.get(out ? l.toResourceId : l.fromResourceId) as ResourceBrief;
    return { relation: l.relation, direction: out ? 'out' : 'in', resourceId: other.id, kind: other.kind, name: other.name, other };
  });
}

/** Replaces the outgoing links of a resource. */
export async function replaceLinks(db: Db, fromId: string, links: readonly { toResourceId: string; relation: string }[]) {
  await db.delete(resourceLinks).where(eq(resourceLinks.fromResourceId, fromId));
  if (links.length > 0) {
    await db
      .insert(resourceLinks)
      .values(links.map((l) => ({ fromResourceId: fromId, toResourceId: l.toResourceId, relation: l.relation })))
      .onConflictDoNothing();
  }
}

/** How many of these ids are stored image files (photos must be uploaded with purpose 'image' first). */
export async function countImages(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .select({ n: count() })
    .from(files)
    .where(and(inArray(files.id, [...ids]), eq(files.purpose, 'image')));
  return rows[0]?.n ?? 0;
}

/** The active provider accounts of an institution: they hear of their resources' reviews. */
export async function providerUserIds(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.role, 'provider'), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/**
 * Whether an enterprise has booked a resource (a consultation with an expert, a slot of an instrument)
 * in any state but rejected or cancelled: the condition for seeing its contact in full.
 */
export async function enterpriseHasBooking(db: Db, resourceId: string, enterpriseId: string): Promise<boolean> {
  const r = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.resourceId, resourceId),
        eq(bookings.enterpriseId, enterpriseId),
        sql`${bookings.status} not in ('rejected', 'cancelled')`,
      ),
    )
    .limit(1);
  return r.length > 0;
}
