import { count, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
import { DEMO_PASSWORD, generateDemoData } from '../seed/demo-data.ts';
import { users } from './schema/accounts.ts';
import { enterpriseAnnualFigures, enterprises, institutions, towns } from './schema/organisations.ts';
import { holidays } from './schema/platform.ts';

const SEED_LOCK = 7_420_002;
const BATCH = 1000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export type SeedSummary = { towns: number; institutions: number; enterprises: number; figures: number; users: number; holidays: number };

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

    await tx.insert(users).values(
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
    );
    if (data.holidays.length) await tx.insert(holidays).values(data.holidays).onConflictDoNothing();

    return {
      towns: data.towns.length,
      institutions: data.institutions.length,
      enterprises: data.enterprises.length,
      figures,
      users: data.users.length,
      holidays: data.holidays.length,
    };
  });
}
