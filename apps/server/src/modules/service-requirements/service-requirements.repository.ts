import { and, asc, count, desc, eq, exists, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { enterprises, institutions, towns } from '../../db/schema/organisations.ts';
import { files } from '../../db/schema/platform.ts';
import { serviceOrders } from '../../db/schema/service-orders.ts';
import { requirementQuotes, serviceRequirements } from '../../db/schema/service-requirements.ts';
import { allianceMemberships, services } from '../../db/schema/services.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';

export type RequirementRow = typeof serviceRequirements.$inferSelect;
export type RequirementView = RequirementRow & { enterpriseName: string; townName: string; townNameEn: string };
export type QuoteRow = typeof requirementQuotes.$inferSelect;
export type QuoteView = QuoteRow & { serviceTitle: string; institutionName: string };

const LIVE = ['submitted', 'accepted'];

const base = (db: Db) =>
  db
    .select({ r: serviceRequirements, enterpriseName: enterprises.name, townName: towns.name, townNameEn: towns.nameEn })
    .from(serviceRequirements)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequirements.enterpriseId))
    .innerJoin(towns, eq(towns.id, serviceRequirements.townId));
const flatten = ({ r, ...rest }: { r: RequirementRow; enterpriseName: string; townName: string; townNameEn: string }): RequirementView => ({
  ...r,
  ...rest,
});

/** `lock` takes the row lock every state change of a requirement and its quotes serialises on. */
export async function findRequirement(db: Db, id: string, lock = false): Promise<RequirementView | undefined> {
  const q = base(db).where(eq(serviceRequirements.id, id));
  const [row] = lock ? await q.for('update', { of: serviceRequirements }) : await q;
  return row ? flatten(row) : undefined;
}

const quotedBy = (db: Db, institutionId: string) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(requirementQuotes)
      .where(and(eq(requirementQuotes.requirementId, serviceRequirements.id), eq(requirementQuotes.institutionId, institutionId))),
  );

/** Has this institution ever quoted on the requirement (in any state)? */
export async function hasQuoted(db: Db, requirementId: string, institutionId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(requirementQuotes)
    .where(and(eq(requirementQuotes.requirementId, requirementId), eq(requirementQuotes.institutionId, institutionId)));
  return (row?.n ?? 0) > 0;
}

/** Scope of a list: a provider (scope `all` in the policy) sees requirements still taking quotes and those it quoted on. */
function scopeWhere(db: Db, filter: ScopeFilter, providerInstitutionId: string | null): SQL | undefined {
  if (providerInstitutionId) {
    return or(
      and(eq(serviceRequirements.status, 'open'), sql`${serviceRequirements.quoteDeadline} > now()`),
      quotedBy(db, providerInstitutionId),
    );
  }
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'town':
      return eq(serviceRequirements.townId, filter.townId);
    case 'enterprise':
      return eq(serviceRequirements.enterpriseId, filter.enterpriseId);
    case 'institution':
    case 'self':
    case 'assigned':
    case 'party':
      return sql`false`;
  }
}

export type ListQuery = {
  status?: string | undefined;
  category?: string | undefined;
  townId?: string | undefined;
  q?: string | undefined;
  quoted?: string | undefined;
};

export async function listRequirements(
  db: Db,
  filter: ScopeFilter,
  providerInstitutionId: string | null,
  q: ListQuery,
  limit: number,
  offset: number,
) {
  const where = and(
    scopeWhere(db, filter, providerInstitutionId),
    q.status ? eq(serviceRequirements.status, q.status) : undefined,
    q.category ? eq(serviceRequirements.category, q.category) : undefined,
    q.townId ? eq(serviceRequirements.townId, q.townId) : undefined,
    q.q ? or(ilike(serviceRequirements.title, likePattern(q.q)), ilike(serviceRequirements.description, likePattern(q.q))) : undefined,
    q.quoted === 'true' && providerInstitutionId ? quotedBy(db, providerInstitutionId) : undefined,
  );
  // Open ones closing soonest first, then the rest newest first.
  const order = [
    sql`case when ${serviceRequirements.status} = 'open' then 0 else 1 end`,
    sql`case when ${serviceRequirements.status} = 'open' then ${serviceRequirements.quoteDeadline} end asc`,
    desc(serviceRequirements.createdAt),
    desc(serviceRequirements.id),
  ];
  const [items, [total]] = await Promise.all([
    base(db)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(serviceRequirements).where(where),
  ]);
  return { items: items.map(flatten), total: total?.n ?? 0 };
}

export async function insertRequirement(db: Db, values: typeof serviceRequirements.$inferInsert): Promise<string> {
  const [row] = await db.insert(serviceRequirements).values(values).returning({ id: serviceRequirements.id });
  return (row as { id: string }).id;
}

/** Closes an open requirement (awarded, cancelled, expired): true for exactly one caller. */
export async function closeRequirement(db: Db, id: string, status: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(serviceRequirements)
    .set({ status, closedAt: at, updatedAt: at })
    .where(and(eq(serviceRequirements.id, id), eq(serviceRequirements.status, 'open')))
    .returning({ id: serviceRequirements.id });
  return rows.length === 1;
}

/** Live quotes per requirement. */
export async function liveQuoteCounts(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: requirementQuotes.requirementId, n: count() })
    .from(requirementQuotes)
    .where(and(inArray(requirementQuotes.requirementId, [...ids]), inArray(requirementQuotes.status, LIVE)))
    .groupBy(requirementQuotes.requirementId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function orderOf(db: Db, requirementId: string): Promise<{ id: string; institutionId: string } | undefined> {
  const [row] = await db
    .select({ id: serviceOrders.id, institutionId: serviceOrders.institutionId })
    .from(serviceOrders)
    .where(eq(serviceOrders.requirementId, requirementId));
  return row;
}

export async function attachmentsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: files.id, filename: files.filename, size: files.size })
    .from(files)
    .where(inArray(files.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const quoteColumns = { q: requirementQuotes, serviceTitle: services.title, institutionName: institutions.name };
const quoteBase = (db: Db) =>
  db
    .select(quoteColumns)
    .from(requirementQuotes)
    .innerJoin(services, eq(services.id, requirementQuotes.serviceId))
    .innerJoin(institutions, eq(institutions.id, requirementQuotes.institutionId));
const flattenQuote = ({ q, ...rest }: { q: QuoteRow; serviceTitle: string; institutionName: string }): QuoteView => ({ ...q, ...rest });

/** Quotes on a requirement, cheapest live first; only one institution's when given. */
export async function listQuotes(db: Db, requirementId: string, institutionId?: string): Promise<QuoteView[]> {
  const rows = await quoteBase(db)
    .where(
      and(
        eq(requirementQuotes.requirementId, requirementId),
        institutionId ? eq(requirementQuotes.institutionId, institutionId) : undefined,
      ),
    )
    .orderBy(
      sql`case ${requirementQuotes.status} when 'accepted' then 0 when 'submitted' then 1 else 2 end`,
      asc(requirementQuotes.priceFen),
      asc(requirementQuotes.createdAt),
    );
  return rows.map(flattenQuote);
}

export async function findQuote(db: Db, requirementId: string, quoteId: string): Promise<QuoteView | undefined> {
  const [row] = await quoteBase(db).where(and(eq(requirementQuotes.id, quoteId), eq(requirementQuotes.requirementId, requirementId)));
  return row ? flattenQuote(row) : undefined;
}

export async function insertQuote(db: Db, values: typeof requirementQuotes.$inferInsert): Promise<string> {
  const [row] = await db.insert(requirementQuotes).values(values).returning({ id: requirementQuotes.id });
  return (row as { id: string }).id;
}

/** The conditional UPDATE of a quote: changes it only while it is `submitted`. */
export async function decideQuote(db: Db, id: string, set: Partial<typeof requirementQuotes.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(requirementQuotes)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(requirementQuotes.id, id), eq(requirementQuotes.status, 'submitted')))
    .returning({ id: requirementQuotes.id });
  return rows.length === 1;
}

/** Declines every other submitted quote of a requirement; returns the institutions told. */
export async function declineOtherQuotes(db: Db, requirementId: string, exceptId: string, by: string | null, at: Date) {
  return db
    .update(requirementQuotes)
    .set({ status: 'declined', declineReason: 'other_quote_chosen', decidedBy: by, decidedAt: at, updatedAt: at })
    .where(
      and(
        eq(requirementQuotes.requirementId, requirementId),
        eq(requirementQuotes.status, 'submitted'),
        sql`${requirementQuotes.id} <> ${exceptId}`,
      ),
    )
    .returning({ id: requirementQuotes.id, institutionId: requirementQuotes.institutionId });
}

/** Institutions with a submitted quote on the requirement (to tell them it closed). */
export async function submittedInstitutions(db: Db, requirementId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: requirementQuotes.institutionId })
    .from(requirementQuotes)
    .where(and(eq(requirementQuotes.requirementId, requirementId), eq(requirementQuotes.status, 'submitted')));
  return rows.map((r) => r.id);
}

/** A published service of an approved alliance member, with its category. */
export async function quotableService(db: Db, id: string) {
  const [row] = await db
    .select({ id: services.id, institutionId: services.institutionId, category: services.category, title: services.title })
    .from(services)
    .innerJoin(allianceMemberships, eq(allianceMemberships.institutionId, services.institutionId))
    .where(and(eq(services.id, id), eq(services.status, 'published'), eq(allianceMemberships.status, 'approved')));
  return row;
}

export async function isApprovedMember(db: Db, institutionId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(allianceMemberships)
    .where(and(eq(allianceMemberships.institutionId, institutionId), eq(allianceMemberships.status, 'approved')));
  return (row?.n ?? 0) > 0;
}

/** Provider users of approved alliance members that publish a service in the category. */
export async function providerUsersOffering(db: Db, category: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(allianceMemberships, eq(allianceMemberships.institutionId, users.institutionId))
    .innerJoin(services, eq(services.institutionId, users.institutionId))
    .where(
      and(
        eq(users.role, 'provider'),
        eq(users.status, 'active'),
        eq(allianceMemberships.status, 'approved'),
        eq(services.status, 'published'),
        eq(services.category, category),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * Open requirements to expire: past the quote deadline with no quote to choose from, or past the end of the
 * award window (deadline + `awardDays`) without an accepted quote.
 */
export async function expiring(db: Db, now: Date, awardDays: number) {
  const live = exists(
    db
      .select({ one: sql`1` })
      .from(requirementQuotes)
      .where(and(eq(requirementQuotes.requirementId, serviceRequirements.id), eq(requirementQuotes.status, 'submitted'))),
  );
  const windowEnd = new Date(now.getTime() - awardDays * 86_400_000);
  return db
    .select({ id: serviceRequirements.id, enterpriseId: serviceRequirements.enterpriseId, title: serviceRequirements.title })
    .from(serviceRequirements)
    .where(
      and(
        eq(serviceRequirements.status, 'open'),
        lte(serviceRequirements.quoteDeadline, now),
        or(sql`not ${live}`, lte(serviceRequirements.quoteDeadline, windowEnd)),
      ),
    )
    .orderBy(asc(serviceRequirements.quoteDeadline));
}
