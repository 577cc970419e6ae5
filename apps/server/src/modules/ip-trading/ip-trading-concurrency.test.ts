import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { countOf } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { BASE, ipActors, ownPatent, publishedListing, uploadContract } from '../../../test/ip-trading-fixtures.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/working-days.ts';

/**
 * Races on the trading rules. They need real concurrent transactions: on PGlite (one connection, every
 * transaction serialised) they would prove nothing, so they run only on PostgreSQL (DATABASE_URL). The service
 * checks run first in every request and all pass (nothing is committed yet); the database decides.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
const t: TestApp = await createTestApp();
afterAll(async () => {
  await t?.close();
});
const a = await ipActors(t, 'iptrace', onPostgres ? 10 : 2);
const { ids, admin, enterprise } = a;
const patent = () => ownPatent(t, ids.ownEnterpriseId, a.ownName, ids.guzhenTownId);
const today = shanghaiDate(new Date());
const codes = (results: { status: number; body: { error?: { code: string } } }[]) =>
  results.filter((r) => r.status !== 200 && r.status !== 201).map((r) => r.body.error?.code);

describe.skipIf(!onPostgres)('concurrency on PostgreSQL (skipped on PGlite: its single connection serialises every transaction)', () => {
  it('10 simultaneous accepts on one patent’s transfer and exclusive-licence offers: exactly one deal, 9 × 409, no 5xx', async () => {
    const pid = await patent();
    const transfer = await publishedListing(t, enterprise, admin, pid, 'transfer');
    const exclusive = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
    const offers: string[] = [];
    for (const [i, b] of a.buyers.entries()) {
      const res = await t.call('POST', `${BASE}/listings/${i % 2 ? transfer : exclusive}/offers`, b.cookie, { amountFen: 100_000 + i });
      expect(res.status).toBe(201);
      offers.push(res.body.id);
    }
    const results = await Promise.all(offers.map((id) => t.call('POST', `${BASE}/offers/${id}/accept`, enterprise, {})));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(codes(results)).toEqual(Array(9).fill('IP_EXCLUSIVE_DEAL_CONFLICT'));
    expect(await countOf(t.database, 'ip_deals', sql`patent_id = ${pid} and status = 'in_progress'`)).toBe(1);
    // The refused accepts rolled back: their offers are still open.
    expect(
      await countOf(t.database, 'ip_offers', sql`listing_id in (select id from ip_listings where patent_id = ${pid}) and status = 'open'`),
    ).toBe(9);
  });

  it('10 simultaneous listings of one patent and kind: one, 9 × IP_LISTING_DUPLICATE', async () => {
    const pid = await patent();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'transfer', askingPriceFen: 100 }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(codes(results)).toEqual(Array(9).fill('IP_LISTING_DUPLICATE'));
  });

  it('an exclusive licence and a non-exclusive licence of overlapping terms completed at once: exactly one completes, 5 times over', async () => {
    const term = { licenceStartsOn: today, licenceEndsOn: addCalendarDays(today, 365) };
    for (let round = 0; round < 5; round++) {
      const pid = await patent();
      const plain = await publishedListing(t, enterprise, admin, pid, 'non_exclusive_licence');
      const exclusive = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
      const deals: string[] = [];
      for (const [i, listing] of [plain, exclusive].entries()) {
        const offer = await t.call('POST', `${BASE}/listings/${listing}/offers`, (a.buyers[i] as { cookie: string }).cookie, {
          amountFen: 5_000,
        });
        const acc = await t.call('POST', `${BASE}/offers/${offer.body.id}/accept`, enterprise, {});
        expect(acc.status).toBe(200);
        deals.push(acc.body.dealId);
      }
      const files = [await uploadContract(t, enterprise), await uploadContract(t, enterprise)];
      const results = await Promise.all(
        deals.map((id, i) =>
          t.call('POST', `${BASE}/deals/${id}/complete`, enterprise, { contractFileId: (files[i] as { id: string }).id, ...term }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
      expect(['IP_EXCLUSIVE_LICENCE_EXISTS', 'IP_EXCLUSIVE_LICENCE_OVERLAP']).toContain(codes(results)[0]);
      expect(await countOf(t.database, 'ip_deals', sql`patent_id = ${pid} and status = 'completed'`)).toBe(1);
    }
  });

  it('an open-licence declaration racing an exclusive-licence accept: exactly one of the two wins, 5 times over', async () => {
    for (let round = 0; round < 5; round++) {
      const pid = await patent();
      const exclusive = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
      const offer = await t.call('POST', `${BASE}/listings/${exclusive}/offers`, (a.buyers[0] as { cookie: string }).cookie, {
        amountFen: 5_000,
      });
      const [accept, declare] = await Promise.all([
        t.call('POST', `${BASE}/offers/${offer.body.id}/accept`, enterprise, {}),
        t.call('POST', `${BASE}/open-licences`, enterprise, {
          patentId: pid,
          feeFen: 1_000,
          terms: '按年',
          validFrom: today,
          validUntil: addCalendarDays(today, 30),
        }),
      ]);
      const won = [accept.status === 200, declare.status === 201].filter(Boolean);
      expect(won, JSON.stringify([accept.body, declare.body])).toHaveLength(1);
      expect(codes([accept, declare])).toEqual(['IP_OPEN_LICENCE_CONFLICT']);
      const deals = await countOf(t.database, 'ip_deals', sql`patent_id = ${pid} and status = 'in_progress'`);
      const declarations = await countOf(t.database, 'ip_open_licences', sql`patent_id = ${pid} and status = 'active'`);
      expect(deals + declarations).toBe(1);
    }
  });

  it('10 simultaneous takes of one open licence by one enterprise, and a withdrawal racing 9 others: the rules hold', async () => {
    const pid = await patent();
    const declared = await t.call('POST', `${BASE}/open-licences`, enterprise, {
      patentId: pid,
      feeFen: 1_000,
      terms: '按年',
      validFrom: today,
      validUntil: addCalendarDays(today, 30),
    });
    const take = (cookie: string, ref: string) =>
      t.call('POST', `${BASE}/open-licences/${declared.body.id}/licences`, cookie, {
        amountFen: 1_000,
        paidOn: today,
        paymentReference: ref,
      });
    const b0 = a.buyers[0] as { cookie: string };
    const same = await Promise.all(Array.from({ length: 10 }, (_, i) => take(b0.cookie, `SAME-${i}`)));
    expect(same.filter((r) => r.status === 201)).toHaveLength(1);
    expect(codes(same)).toEqual(Array(9).fill('IP_OPEN_LICENCE_ALREADY_TAKEN'));
    const others = a.buyers.slice(1);
    const race = await Promise.all([
      t.call('POST', `${BASE}/open-licences/${declared.body.id}/withdraw`, enterprise, {}),
      ...others.map((b, i) => take(b.cookie, `RACE-${i}`)),
    ]);
    expect(race[0]?.status).toBe(200);
    const takes = race.slice(1);
    expect(takes.filter((r) => r.status >= 500)).toHaveLength(0);
    for (const code of codes(takes)) expect(code).toBe('IP_OPEN_LICENCE_NOT_ACTIVE');
    // Each licence taken has its event; none was recorded after the withdrawal committed.
    const taken = await countOf(t.database, 'ip_open_licence_takes', sql`open_licence_id = ${declared.body.id}`);
    expect(taken).toBe(1 + takes.filter((r) => r.status === 201).length);
    expect(await countOf(t.database, 'patent_events', sql`patent_id = ${pid} and kind = 'licensed'`)).toBe(taken);
  });
});

it('runs on PGlite too (the races above are skipped there)', () => {
  expect(t.database.kind).toBe(onPostgres ? 'postgres' : 'pglite');
});
