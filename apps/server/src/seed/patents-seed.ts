import { classPrefixesOf } from '@innotown/contracts/patents';
import { patentEvents, patents } from '../db/schema/patents.ts';
import type { Db } from '../platform/db.ts';
import { searchVectorLiteral } from '../platform/search/search-vector.ts';
import type { SeedEnterprise } from './demo-data.ts';
import { applicantsFromEnterprises, generatePatents } from './patent-generator.ts';

/** How many generated patents the demo holds: enough for real-looking landscapes, quick to seed. */
export const DEMO_PATENT_COUNT = 4000;
const BATCH = 500;

/**
 * Demo patents (DEMO_PATENT_COUNT at scale 1) of the city's enterprises (and outside applicants in the same fields), linked to the
 * seeded enterprises by name as the importer links them by credit code or exact name. The demo
 * enterprise and the first other enterprise of its town file more, so their portfolios have material
 * for trading and rights protection.
 */
export async function seedPatents(
  tx: Db,
  enterprises: readonly SeedEnterprise[],
  enterpriseIdByKey: ReadonlyMap<string, string>,
  townIdByCode: (code: string) => string,
  options: { scale: number; demoEnterpriseKey: string },
): Promise<{ patents: number; events: number }> {
  // The demo enterprise and the first other enterprise of its town by credit code (the tests' "same town" one).
  const demo = enterprises.find((e) => e.key === options.demoEnterpriseKey);
  const neighbour = enterprises
    .filter((e) => e.townCode === demo?.townCode && e.key !== demo?.key)
    .sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1))[0];
  const demoEnterpriseKeys = [demo?.key, neighbour?.key];
  const byName = new Map(
    enterprises.map((e) => [e.name, { id: enterpriseIdByKey.get(e.key) as string, townId: townIdByCode(e.townCode) }]),
  );
  const boost = new Map(enterprises.filter((e) => demoEnterpriseKeys.includes(e.key)).map((e) => [e.creditCode, 6] as const));
  const pool = applicantsFromEnterprises(enterprises, { seed: 2026, boost });
  let patentCount = 0;
  let eventCount = 0;
  let batch: ReturnType<typeof generatePatents> extends Generator<infer T> ? T[] : never = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch.map((p) => {
      const linked = p.applicants.map((name) => byName.get(name)).filter((x) => x !== undefined);
      const ownerIds = p.owners.map((name) => byName.get(name)?.id).filter((x): x is string => x !== undefined);
      return {
        applicationNumber: p.applicationNumber,
        jurisdiction: 'CN',
        publicationNumber: p.publicationNumber,
        grantNumber: p.grantNumber,
        kind: p.kind,
        title: p.title,
        abstract: p.abstract,
        claims: p.claims,
        mainClass: p.ipcCodes[0] ?? p.locarnoCodes[0] ?? null,
        ipcCodes: p.ipcCodes,
        locarnoCodes: p.locarnoCodes,
        classPrefixes: classPrefixesOf(p.ipcCodes, p.locarnoCodes),
        applicationDate: p.applicationDate,
        publicationDate: p.publicationDate,
        grantDate: p.grantDate,
        legalStatus: p.legalStatus,
        legalStatusDate: p.legalStatusDate,
        applicants: p.applicants,
        owners: p.owners,
        inventors: p.inventors,
        ownerEnterpriseIds: [...new Set(ownerIds)],
        localApplicant: linked.length > 0,
        townId: linked[0]?.townId ?? null,
        applicantAddress: p.applicantAddress,
        agency: p.agency,
        searchVector: searchVectorLiteral(p.title, p.claims ? `${p.abstract}\n${p.claims}` : p.abstract),
        source: 'seed',
      };
    });
    const ids = await tx.insert(patents).values(rows).returning({ id: patents.id, applicationNumber: patents.applicationNumber });
    const idOf = new Map(ids.map((r) => [r.applicationNumber, r.id]));
    const events = batch.flatMap((p) =>
      p.events.map((e) => ({
        patentId: idOf.get(p.applicationNumber) as string,
        eventDate: e.date,
        kind: e.kind,
        detail: e.detail,
        source: 'seed',
      })),
    );
    await tx.insert(patentEvents).values(events);
    patentCount += rows.length;
    eventCount += events.length;
    batch = [];
  };
  for (const p of generatePatents({ count: Math.round(DEMO_PATENT_COUNT * options.scale), applicants: pool, seed: 2026 })) {
    batch.push(p);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { patents: patentCount, events: eventCount };
}
