import { randomUUID } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import { searchVectorOf } from '../modules/resources/resources.repository.ts';
import type { Db } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
import { DEMO_ENTERPRISE_KEY, DEMO_PASSWORD, generateDemoData } from '../seed/demo-data.ts';
import { users } from './schema/accounts.ts';
import { bookings } from './schema/bookings.ts';
import { enterpriseAnnualFigures, enterprises, institutions, towns } from './schema/organisations.ts';
import { holidays } from './schema/platform.ts';
import { resourceLinks, resources } from './schema/resources.ts';

const SEED_LOCK = 7_420_002;
const BATCH = 1000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export type SeedSummary = {
  towns: number;
  institutions: number;
  enterprises: number;
  figures: number;
  users: number;
  holidays: number;
  resources: number;
  resourceLinks: number;
  bookings: number;
};

/**
 * Loads the deterministic demo data in one transaction: all of it or nothing. Runs only on an
 * empty database (no towns); an advisory lock keeps two starting instances from seeding twice.
 */
export async function seedDemoData(db: Db, options: { scale?: number; seed?: number } = {}): Promise<SeedSummary | null> {
  const data = generateDemoData(options);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const existing = await tx.select({ n: count() }).from(towns);
    if ((existing[0]?.n ?? 0) > 0) return null;

    const townRows = await tx.insert(towns).values(data.towns).returning({ id: towns.id, code: towns.code });
    const townId = new Map(townRows.map((t) => [t.code, t.id]));
    const idOfTown = (code: string) => {
      const id = townId.get(code);
      if (!id) throw new Error(`seed: unknown town ${code}`);
      return id;
    };

    const instRows = await tx
      .insert(institutions)
      .values(data.institutions.map(({ key: _k, townCode, ...i }) => ({ ...i, townId: idOfTown(townCode) })))
      .returning({ id: institutions.id, name: institutions.name });
    const instByName = new Map(instRows.map((r) => [r.name, r.id]));
    const institutionId = new Map(data.institutions.map((i) => [i.key, instByName.get(i.name) as string]));

    const enterpriseId = new Map<string, string>();
    let figures = 0;
    for (let i = 0; i < data.enterprises.length; i += BATCH) {
      const batch = data.enterprises.slice(i, i + BATCH);
      const ids = await tx
        .insert(enterprises)
        .values(batch.map(({ key: _k, townCode, figures: _f, ...e }) => ({ ...e, townId: idOfTown(townCode) })))
        .returning({ id: enterprises.id, creditCode: enterprises.creditCode });
      const byCode = new Map(ids.map((r) => [r.creditCode, r.id]));
      const figureRows = batch.flatMap((e) => {
        const id = byCode.get(e.creditCode) as string;
        enterpriseId.set(e.key, id);
        return e.figures.map((f) => ({ enterpriseId: id, ...f }));
      });
      figures += figureRows.length;
      await insertInBatches(figureRows, (b) => tx.insert(enterpriseAnnualFigures).values(b));
    }

    const userRows = await tx
      .insert(users)
      .values(
        data.users.map((u) => {
          const entId = u.enterpriseKey ? (enterpriseId.get(u.enterpriseKey) ?? null) : null;
          const instId = u.institutionKey ? (institutionId.get(u.institutionKey) ?? null) : null;
          const ent = u.enterpriseKey ? data.enterprises.find((e) => e.key === u.enterpriseKey) : undefined;
          const inst = u.institutionKey ? data.institutions.find((x) => x.key === u.institutionKey) : undefined;
          const townCode = u.townCode ?? ent?.townCode ?? inst?.townCode;
          return {
            username: u.username,
            passwordHash,
            displayName: u.displayName,
            role: u.role,
            townId: townCode ? idOfTown(townCode) : null,
            institutionId: instId,
            enterpriseId: entId,
            email: u.email,
            phone: u.phone,
          };
        }),
      )
      .returning({ id: users.id, username: users.username });
    const userId = new Map(userRows.map((u) => [u.username, u.id]));
    if (data.holidays.length) await tx.insert(holidays).values(data.holidays).onConflictDoNothing();

    // The resource catalogue: town copied from the institution, search document built as the repository does.
    const institutionTown = new Map(data.institutions.map((i) => [i.key, idOfTown(i.townCode)]));
    // Ids chosen here rather than read back from RETURNING, whose row order SQL does not promise.
    const resourceId = new Map(data.resources.map((r) => [r.key, randomUUID()]));
    await insertInBatches(data.resources, (batch) =>
      tx.insert(resources).values(
        batch.map(({ key, institutionKey, reviewedAt, ...r }) => {
          const instId = institutionId.get(institutionKey);
          if (!instId) throw new Error(`seed: unknown institution ${institutionKey}`);
          const at = reviewedAt ? new Date(reviewedAt) : null;
          return {
            ...r,
            id: resourceId.get(key) as string,
            institutionId: instId,
            townId: institutionTown.get(institutionKey) as string,
            reviewedAt: at,
            publishedAt: r.reviewStatus === 'published' ? at : null,
            searchVector: searchVectorOf(r),
          };
        }),
      ),
    );
    const idOfResource = (key: string) => {
      const id = resourceId.get(key);
      if (!id) throw new Error(`seed: unknown resource ${key}`);
      return id;
    };
    await insertInBatches(data.resourceLinks, (batch) =>
      tx
        .insert(resourceLinks)
        .values(batch.map((l) => ({ fromResourceId: idOfResource(l.fromKey), toResourceId: idOfResource(l.toKey), relation: l.relation }))),
    );
    const bookingUser = userId.get('enterprise');
    const bookingEnterprise = enterpriseId.get(DEMO_ENTERPRISE_KEY);
    const bookingRows =
      bookingUser && bookingEnterprise
        ? data.bookings.map((b) => {
            const resource = data.resources.find((r) => r.key === b.resourceKey);
            if (!resource) throw new Error(`seed: unknown resource ${b.resourceKey}`);
            return {
              resourceId: idOfResource(b.resourceKey),
              enterpriseId: bookingEnterprise,
              userId: bookingUser,
              institutionId: institutionId.get(resource.institutionKey) as string,
              townId: institutionTown.get(resource.institutionKey) as string,
              mode: b.mode,
              period: `[${new Date(b.period[0]).toISOString()},${new Date(b.period[1]).toISOString()})`,
              purpose: b.purpose,
              sampleDetails: b.sampleDetails,
              quotedFeeFen: b.quotedFeeFen,
              quotedFeeMaxFen: b.quotedFeeFen,
              status: b.status,
              decisionReason: b.decisionReason,
              decidedBy: b.decidedBy ? (userId.get(b.decidedBy) ?? null) : null,
              decidedAt: b.decidedAt ? new Date(b.decidedAt) : null,
              createdAt: new Date(b.createdAt),
              updatedAt: new Date(b.decidedAt ?? b.createdAt),
            };
          })
        : [];
    if (bookingRows.length) await tx.insert(bookings).values(bookingRows);

    return {
      towns: data.towns.length,
      institutions: data.institutions.length,
      enterprises: data.enterprises.length,
      figures,
      users: data.users.length,
      holidays: data.holidays.length,
      resources: data.resources.length,
      resourceLinks: data.resourceLinks.length,
      bookings: bookingRows.length,
    };
  });
}
