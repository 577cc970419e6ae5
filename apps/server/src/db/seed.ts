import { randomUUID } from 'node:crypto';
import { SERVICE_CATEGORY_LABELS } from '@innotown/contracts/service-categories';
import { count, sql } from 'drizzle-orm';
import { searchVectorOf } from '../modules/resources/resources.repository.ts';
import { searchVectorOf as serviceSearchVectorOf } from '../modules/services/services.repository.ts';
import { PLATFORM_STATISTIC_CODES } from '../modules/targets/platform-statistics.ts';
import { ensureCatalogue } from '../modules/targets/targets.repository.ts';
import type { Db } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
import { DEMO_ENTERPRISE_KEY, DEMO_PASSWORD, generateDemoData } from '../seed/demo-data.ts';
import { seedFunding } from '../seed/funding-seed.ts';
import { seedIpProtection } from '../seed/ip-protection-seed.ts';
import { seedIpTrading } from '../seed/ip-trading-seed.ts';
import { seedPatentImports } from '../seed/patent-import-seed.ts';
import { seedPatents } from '../seed/patents-seed.ts';
import { seedRequirements } from '../seed/requirements-seed.ts';
import { generateTownStatistics, OPEN_YEAR, openYearStatus } from '../seed/town-statistics.ts';
import { DEMO_PURCHASE_REVIEWS } from '../seed/usage-history.ts';
import { seedVouchers, type VoucherSeedSummary } from '../seed/vouchers-seed.ts';
import { twoFactorRequiredRoles, users } from './schema/accounts.ts';
import { bookings, bookingUsages } from './schema/bookings.ts';
import { enterpriseAnnualFigures, enterprises, institutions, towns } from './schema/organisations.ts';
import { holidays } from './schema/platform.ts';
import { resourceLinks, resources } from './schema/resources.ts';
import { allianceMemberships, serviceResources, services } from './schema/services.ts';
import { internalUsages, purchaseReviews } from './schema/sharing.ts';
import { reportingPeriods, statisticSubmissions, submissionValues } from './schema/targets.ts';

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
  memberships: number;
  services: number;
  requirements: { requirements: number; quotes: number };
  usageHistory: { clients: number; bookings: number; usages: number; internalUsages: number; purchaseReviews: number };
  vouchers: VoucherSeedSummary;
  patents?: { patents: number; events: number };
  patentImports?: { imports: number; records: number };
  ipTrading?: { listings: number; offers: number; deals: number; openLicences: number };
  ipProtection: { staff: number; applications: number; cases: number };
};

/**
 * Loads the deterministic demo data in one transaction: all of it or nothing. Runs only on an
 * empty database (no towns); an advisory lock keeps two starting instances from seeding twice.
 */
export async function seedDemoData(db: Db, options: { scale?: number; seed?: number } = {}): Promise<SeedSummary | null> {
  const data = generateDemoData(options);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary = await db.transaction(async (tx) => {
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
    // The demo accounts share one published password and no authenticator: two-factor sign-in, which the
    // migration requires of admins, is not required in a demo (the city admin can require it in 安全设置).
    await tx.delete(twoFactorRequiredRoles);
    if (data.holidays.length) await tx.insert(holidays).values(data.holidays).onConflictDoNothing();
    await ensureCatalogue(tx);

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
              id: randomUUID(),
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
    const usageRows = data.bookings.flatMap((b, i) => {
      const row = bookingRows[i];
      if (!b.usage || !row || !bookingUser) return [];
      return [
        {
          bookingId: row.id,
          minutes: b.usage.minutes,
          sampleCount: b.usage.samples,
          feeFen: b.usage.feeFen,
          recordedBy: userId.get(b.decidedBy ?? '') ?? bookingUser,
          recordedAt: new Date(b.usage.recordedAt),
          confirmedBy: bookingUser,
          confirmedAt: new Date(b.usage.confirmedAt),
        },
      ];
    });
    if (usageRows.length) await tx.insert(bookingUsages).values(usageRows);
    const history = await seedUsageHistory(
      tx,
      data,
      { userId, enterpriseId, institutionId, institutionTown, idOfResource, idOfTown },
      passwordHash,
    );

    const alliance = await seedAlliance(tx, data, { institutionId, institutionTown, idOfResource, userId });
    const requirements = await seedRequirements(tx, { institutionId, passwordHash });
    // Last: it goes through the service functions, which read the rows inserted above.
    const voucherSummary = await seedVouchers(tx);
    const townStatistics = await seedTownStatistics(tx, idOfTown, userId);
    const funding = await seedFunding(tx, userId.get('admin') ?? null);
    const patentSummary = await seedPatents(tx, data.enterprises, enterpriseId, idOfTown, {
      scale: options.scale ?? 1,
      demoEnterpriseKey: DEMO_ENTERPRISE_KEY,
    });
    const ipTrading = await seedIpTrading(tx);
    const ipProtection = await seedIpProtection(tx, passwordHash);

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
      ...alliance,
      usageHistory: history,
      requirements,
      vouchers: voucherSummary,
      townStatistics,
      funding,
      patents: patentSummary,
      ipTrading,
      ipProtection,
    };
  });
  // The real patent samples go through the importer, which runs its own transactions.
  if (summary) return { ...summary, patentImports: await seedPatentImports(db) };
  return summary;
}

type SeedIds = {
  userId: Map<string, string>;
  enterpriseId: Map<string, string>;
  institutionId: Map<string, string>;
  institutionTown: Map<string, string>;
  idOfResource: (key: string) => string;
  idOfTown: (code: string) => string;
};

/**
 * The year of instrument use: client enterprise accounts, their bookings with the usage the owners
 * recorded, and the owners' internal use. The owner's provider account records the usage; an owner
 * without a demo provider account had it recorded on its behalf by the platform operator (admin).
 */
async function seedUsageHistory(tx: Db, data: ReturnType<typeof generateDemoData>, ids: SeedIds, passwordHash: string) {
  const h = data.usageHistory;
  const clientRows = h.clients.length
    ? await tx
        .insert(users)
        .values(
          h.clients.map((c) => {
            const ent = data.enterprises.find((e) => e.key === c.enterpriseKey);
            return {
              username: c.username,
              passwordHash,
              displayName: c.displayName,
              role: 'enterprise',
              enterpriseId: ids.enterpriseId.get(c.enterpriseKey) ?? null,
              townId: ent ? ids.idOfTown(ent.townCode) : null,
              email: c.email,
              phone: null,
            };
          }),
        )
        .returning({ id: users.id, username: users.username })
    : [];
  const clientId = new Map(clientRows.map((u) => [u.username, u.id]));
  const resourceByKey = new Map(data.resources.map((r) => [r.key, r]));
  const providerOf = new Map<string, string>();
  for (const u of data.users) {
    if (u.role === 'provider' && u.institutionKey) providerOf.set(u.institutionKey, ids.userId.get(u.username) as string);
  }
  const admin = ids.userId.get('admin') as string;
  const ownerOf = (resourceKey: string) => {
    const r = resourceByKey.get(resourceKey);
    if (!r) throw new Error(`seed: unknown resource ${resourceKey}`);
    return r.institutionKey;
  };

  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const usageRows: (typeof bookingUsages.$inferInsert)[] = [];
  for (const b of h.bookings) {
    const owner = ownerOf(b.resourceKey);
    const booker = clientId.get(b.username);
    const enterpriseId = ids.enterpriseId.get(b.enterpriseKey);
    if (!booker || !enterpriseId) continue;
    const id = randomUUID();
    const recorder = providerOf.get(owner) ?? admin;
    bookingRows.push({
      id,
      resourceId: ids.idOfResource(b.resourceKey),
      enterpriseId,
      userId: booker,
      institutionId: ids.institutionId.get(owner) as string,
      townId: ids.institutionTown.get(owner) as string,
      mode: b.mode,
      period: `[${new Date(b.period[0]).toISOString()},${new Date(b.period[1]).toISOString()})`,
      purpose: b.purpose,
      quotedFeeFen: b.quotedFeeFen,
      quotedFeeMaxFen: b.quotedFeeFen,
      status: b.status,
      decisionReason: b.status === 'no_show' ? '超过宽限时间未到场' : null,
      decidedBy: providerOf.get(owner) ?? null,
      decidedAt: new Date(b.decidedAt),
      createdAt: new Date(b.createdAt),
      updatedAt: new Date(b.usage?.confirmedAt ?? b.usage?.recordedAt ?? b.period[1]),
    });
    if (b.usage) {
      usageRows.push({
        bookingId: id,
        minutes: b.usage.minutes,
        feeFen: b.usage.feeFen,
        extraCharges: b.usage.extraCharges,
        extraFen: b.usage.extraFen,
        recordedBy: recorder,
        recordedAt: new Date(b.usage.recordedAt),
        confirmedBy: b.usage.confirmedAt ? booker : null,
        confirmedAt: b.usage.confirmedAt ? new Date(b.usage.confirmedAt) : null,
        disputeReason: b.usage.disputeReason,
        disputedAt: b.usage.disputeReason ? new Date(b.usage.recordedAt) : null,
      });
    }
  }
  await insertInBatches(bookingRows, (batch) => tx.insert(bookings).values(batch));
  await insertInBatches(usageRows, (batch) => tx.insert(bookingUsages).values(batch));
  const internalRows = h.internalUsages.map((u) => {
    const owner = ownerOf(u.resourceKey);
    return {
      resourceId: ids.idOfResource(u.resourceKey),
      institutionId: ids.institutionId.get(owner) as string,
      townId: ids.institutionTown.get(owner) as string,
      usedOn: u.usedOn,
      minutes: u.minutes,
      incomeFen: u.incomeFen,
      note: u.note,
      recordedBy: providerOf.get(owner) ?? admin,
      recordedAt: new Date(`${u.usedOn}T18:00:00+08:00`),
    };
  });
  await insertInBatches(internalRows, (batch) => tx.insert(internalUsages).values(batch));
  const reviews = DEMO_PURCHASE_REVIEWS.filter((r) => ids.institutionId.has(r.institutionKey) && ids.userId.has(r.filedBy));
  if (reviews.length) {
    await tx.insert(purchaseReviews).values(
      reviews.map(({ institutionKey, filedBy, decidedBy, createdAt, decidedAt, ...r }) => ({
        ...r,
        institutionId: ids.institutionId.get(institutionKey) as string,
        townId: ids.institutionTown.get(institutionKey) as string,
        createdBy: ids.userId.get(filedBy) as string,
        decidedBy: decidedBy ? (ids.userId.get(decidedBy) ?? null) : null,
        createdAt: new Date(createdAt),
        decidedAt: decidedAt ? new Date(decidedAt) : null,
      })),
    );
  }
  return {
    clients: clientRows.length,
    bookings: bookingRows.length,
    usages: usageRows.length,
    internalUsages: internalRows.length,
    purchaseReviews: reviews.length,
  };
}

/** The service alliance and marketplace: memberships decided by the city admin a week after applying, and services. */
async function seedAlliance(
  tx: Db,
  data: ReturnType<typeof generateDemoData>,
  ids: {
    institutionId: Map<string, string>;
    institutionTown: Map<string, string>;
    idOfResource: (key: string) => string;
    userId: Map<string, string>;
  },
): Promise<{ memberships: number; services: number }> {
  const admin = ids.userId.get('admin') ?? null;
  const inst = (key: string) => {
    const id = ids.institutionId.get(key);
    if (!id) throw new Error(`seed: unknown institution ${key}`);
    return id;
  };
  if (data.memberships.length) {
    await tx.insert(allianceMemberships).values(
      data.memberships.map((m) => {
        const applied = new Date(m.appliedAt);
        const decided = m.status === 'applied' ? null : new Date(applied.getTime() + 7 * 86_400_000);
        return {
          institutionId: inst(m.institutionKey),
          status: m.status,
          statement: m.statement,
          decisionReason: m.decisionReason,
          decidedBy: decided ? admin : null,
          decidedAt: decided,
          createdAt: applied,
          updatedAt: decided ?? applied,
        };
      }),
    );
  }
  const resourceName = new Map(data.resources.map((r) => [r.key, r.name]));
  for (const s of data.services) {
    const { key: _key, institutionKey, resourceKeys, publishedAt, ...fields } = s;
    const at = publishedAt ? new Date(publishedAt) : new Date('2026-11-01T02:00:00.000Z');
    const extra = [SERVICE_CATEGORY_LABELS[s.category].zh, ...resourceKeys.map((k) => resourceName.get(k) ?? '')];
    const [row] = await tx
      .insert(services)
      .values({
        ...fields,
        institutionId: inst(institutionKey),
        townId: ids.institutionTown.get(institutionKey) as string,
        publishedAt: publishedAt ? at : null,
        createdAt: at,
        updatedAt: at,
        searchVector: serviceSearchVectorOf(s, extra),
      })
      .returning({ id: services.id });
    if (row && resourceKeys.length) {
      await tx.insert(serviceResources).values(resourceKeys.map((k) => ({ serviceId: row.id, resourceId: ids.idOfResource(k) })));
    }
  }
  return { memberships: data.memberships.length, services: data.services.length };
}

/**
 * Target monitoring demo: approved town statistics 2014–2024 (closed periods) and the open 2025
 * period where some towns are approved, some under review and 古镇 has not started yet.
 */
async function seedTownStatistics(tx: Db, idOfTown: (code: string) => string, userId: Map<string, string>) {
  const figures = generateTownStatistics();
  const years = [...new Set(figures.map((f) => f.year))];
  const periods = await tx
    .insert(reportingPeriods)
    .values(
      years.map((year) => ({
        year,
        deadline: year === OPEN_YEAR ? `${year + 1}-12-31` : `${year + 1}-03-31`,
        status: year === OPEN_YEAR ? 'open' : 'closed',
      })),
    )
    .returning({ id: reportingPeriods.id, year: reportingPeriods.year });
  const periodOf = new Map(periods.map((p) => [p.year, p.id]));
  const admin = userId.get('admin') ?? null;
  let submissions = 0;
  const values: (typeof submissionValues.$inferInsert)[] = [];
  for (const f of figures) {
    const status = f.year === OPEN_YEAR ? openYearStatus(f.townCode) : 'approved';
    if (!status) continue;
    const at = new Date(Date.UTC(f.year + 1, 2, 10));
    const [row] = await tx
      .insert(statisticSubmissions)
      .values({
        periodId: periodOf.get(f.year) as string,
        townId: idOfTown(f.townCode),
        version: 1,
        status,
        createdAt: at,
        submittedAt: at,
        ...(status === 'approved' ? { reviewedBy: admin, reviewedAt: new Date(at.getTime() + 5 * 86_400_000) } : {}),
      })
      .returning({ id: statisticSubmissions.id });
    submissions++;
    for (const [statisticCode, value] of Object.entries(f.values)) {
      // The open year's service platforms are computed by the platform (platform-statistics.ts), never typed.
      if (f.year === OPEN_YEAR && PLATFORM_STATISTIC_CODES.includes(statisticCode)) continue;
      values.push({ submissionId: (row as { id: string }).id, statisticCode, value });
    }
  }
  await insertInBatches(values, (b) => tx.insert(submissionValues).values(b));
  return submissions;
}
