import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { countOf, one, rows } from '../../../test/fixtures.ts';
import { createTestApp } from '../../../test/harness.ts';
import { BASE, ipActors, ownPatent, publishedListing, uploadContract } from '../../../test/ip-trading-fixtures.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/working-days.ts';
import { docx, zip } from '../files/files.fixtures.ts';
import { patentTimeline } from '../patents/patent-timeline.ts';
import { summarise } from './ip-statistics.service.ts';
import './ip-trading.timeline.ts';

const t = await createTestApp();
afterAll(async () => {
  await t?.close();
});
const a = await ipActors(t, 'iptbuyer', 3);
const { ids, admin, enterprise, guzhen, xiaolan, bank } = a;
const [b1, b2, b3] = a.buyers as [(typeof a.buyers)[0], (typeof a.buyers)[0], (typeof a.buyers)[0]];
const call = t.call;
const patent = (o: Parameters<typeof ownPatent>[4] = {}) => ownPatent(t, ids.ownEnterpriseId, a.ownName, ids.guzhenTownId, o);
const today = shanghaiDate(new Date());
const patentRow = (id: string) =>
  one<{ owners: string[]; owner_enterprise_ids: string[] }>(
    t.database,
    sql`select owners, owner_enterprise_ids from patents where id = ${id}`,
  );
const eventsOf = (id: string, kind: string) =>
  rows<{ kind: string; detail: Record<string, unknown>; ref_id: string }>(
    t.database,
    sql`select kind, detail, ref_id from patent_events where patent_id = ${id} and kind = ${kind} order by created_at`,
  );

describe('listing → review → offer → counter → accept → contract → deal completed (transfer)', () => {
  it('runs the whole workflow and moves the patent to the buyer', async () => {
    const pid = await patent({ title: '一种高效散热的LED投光灯', ipcCodes: ['F21V29/70'] });
    const created = await call('POST', `${BASE}/listings`, enterprise, {
      patentId: pid,
      kind: 'transfer',
      askingPriceFen: 1_000_000,
      terms: '一次性付款',
      description: '已量产',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      kind: 'transfer',
      askingPriceFen: 1_000_000,
      sellerEnterpriseId: ids.ownEnterpriseId,
    });
    const id = created.body.id;

    // In review: not public, not in the showcase; the town admin of another town cannot see it.
    expect((await call('GET', `${BASE}/listings/${id}`)).status).toBe(404);
    expect((await call('GET', `${BASE}/listings/${id}`, xiaolan)).status).toBe(404);
    expect((await call('GET', `${BASE}/listings/${id}`, guzhen)).status).toBe(200);
    expect((await call('GET', `${BASE}/listings?q=投光灯`)).body.items.map((l: { id: string }) => l.id)).not.toContain(id);
    const queue = await call('GET', `${BASE}/manage/listings?status=submitted`, guzhen);
    expect(queue.body.items.map((l: { id: string }) => l.id)).toContain(id);
    expect(
      (await call('GET', `${BASE}/manage/listings?status=submitted`, xiaolan)).body.items.map((l: { id: string }) => l.id),
    ).not.toContain(id);
    // The town admin of the seller's town may review; another town's may not (404); an offer before publication is refused.
    expect((await call('POST', `${BASE}/listings/${id}/review`, xiaolan, { decision: 'publish' })).status).toBe(404);
    expect((await call('POST', `${BASE}/listings/${id}/offers`, b1.cookie, { amountFen: 1 })).status).toBe(404);
    const published = await call('POST', `${BASE}/listings/${id}/review`, guzhen, { decision: 'publish' });
    expect(published.body).toMatchObject({ status: 'published' });
    expect((await call('POST', `${BASE}/listings/${id}/review`, admin, { decision: 'publish' })).body.error.code).toBe(
      'IP_LISTING_NOT_SUBMITTED',
    );

    // The public showcase finds it by words, kind, IPC prefix, town and price range.
    const find = async (query: string) => (await call('GET', `${BASE}/listings?${query}`)).body.items.map((l: { id: string }) => l.id);
    expect(await find(`q=${encodeURIComponent('投光灯')}`)).toContain(id);
    expect(await find(`q=${encodeURIComponent('投光灯')}&kind=transfer&ipc=F21V&townId=${ids.guzhenTownId}`)).toContain(id);
    expect(await find(`q=${encodeURIComponent('投光灯')}&kind=pledge`)).not.toContain(id);
    expect(await find(`q=${encodeURIComponent('投光灯')}&ipc=H01L`)).not.toContain(id);
    expect(await find(`q=${encodeURIComponent('投光灯')}&minPriceFen=500000&maxPriceFen=1000000`)).toContain(id);
    expect(await find(`q=${encodeURIComponent('投光灯')}&maxPriceFen=999999`)).not.toContain(id);
    const page = await call('GET', `${BASE}/listings/${id}`, b1.cookie);
    expect(page.body).toMatchObject({ canOffer: true, isSeller: false, patent: { id: pid, title: '一种高效散热的LED投光灯' } });
    expect((await call('GET', `${BASE}/listings/${id}`, enterprise)).body).toMatchObject({ canOffer: false, isSeller: true });

    // Offer, counter, counter, accept.
    const offer = await call('POST', `${BASE}/listings/${id}/offers`, b1.cookie, { amountFen: 500_000, message: '希望尽快签约' });
    expect(offer.status).toBe(201);
    expect(offer.body).toMatchObject({ status: 'open', awaiting: 'seller', mySide: 'buyer', amountFen: 500_000 });
    const oid = offer.body.id;
    expect((await call('POST', `${BASE}/listings/${id}/offers`, b1.cookie, { amountFen: 1 })).body.error.code).toBe(
      'IP_OFFER_ALREADY_OPEN',
    );
    // The buyer cannot accept its own offer.
    expect((await call('POST', `${BASE}/offers/${oid}/accept`, b1.cookie, {})).body.error.code).toBe('IP_OFFER_NOT_YOUR_TURN');
    // Strangers: another enterprise's user gets 404, a bank too.
    expect((await call('GET', `${BASE}/offers/${oid}`, b2.cookie)).status).toBe(404);
    expect((await call('GET', `${BASE}/offers/${oid}`, bank)).status).toBe(404);
    const counter = await call('POST', `${BASE}/offers/${oid}/counter`, enterprise, { amountFen: 800_000, body: '最低 8000 元' });
    expect(counter.body).toMatchObject({ awaiting: 'buyer', amountFen: 800_000, mySide: 'seller' });
    expect((await call('POST', `${BASE}/offers/${oid}/messages`, b1.cookie, { body: '能否分期？' })).status).toBe(200);
    expect((await call('POST', `${BASE}/offers/${oid}/counter`, b1.cookie, { amountFen: 700_000 })).body.awaiting).toBe('seller');
    const accepted = await call('POST', `${BASE}/offers/${oid}/accept`, enterprise, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', amountFen: 700_000 });
    expect(accepted.body.thread.map((m: { kind: string; side: string }) => `${m.side}:${m.kind}`)).toEqual([
      'buyer:offer',
      'seller:counter',
      'buyer:message',
      'buyer:counter',
      'seller:accepted',
    ]);
    const dealId = accepted.body.dealId as string;
    expect(dealId).toBeTruthy();
    const deal = await call('GET', `${BASE}/deals/${dealId}`, b1.cookie);
    expect(deal.body).toMatchObject({ status: 'in_progress', kind: 'transfer', amountFen: 700_000, mySide: 'buyer', contractFile: null });

    // The contract: the files module checks content and size; the deal takes only the seller's own PDF/Word/image.
    const textFile = await uploadContract(t, enterprise, Buffer.from('not a contract'), 'contract.txt');
    expect(textFile.status).toBe(415);
    const xlsx = await uploadContract(
      t,
      enterprise,
      zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      ]),
      '合同.xlsx',
    );
    if (xlsx.status === 201) {
      expect((await call('POST', `${BASE}/deals/${dealId}/complete`, enterprise, { contractFileId: xlsx.id })).body.error.code).toBe(
        'IP_CONTRACT_INVALID',
      );
    }
    const buyersFile = await uploadContract(t, b1.cookie);
    expect((await call('POST', `${BASE}/deals/${dealId}/complete`, enterprise, { contractFileId: buyersFile.id })).body.error.code).toBe(
      'IP_CONTRACT_INVALID',
    );
    const contract = await uploadContract(t, enterprise, docx(), '转让合同.docx');
    expect(contract.status).toBe(201);
    // Only the seller completes.
    expect((await call('POST', `${BASE}/deals/${dealId}/complete`, b1.cookie, { contractFileId: contract.id })).status).toBe(403);
    const done = await call('POST', `${BASE}/deals/${dealId}/complete`, enterprise, { contractFileId: contract.id });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', contractFile: { id: contract.id, filename: '转让合同.docx' } });
    expect(done.body.patentEvents[0]).toMatchObject({ kind: 'transferred', eventDate: today });

    // The patent now belongs to the buyer: owners, owner_enterprise_ids and a transferred event, all in one transaction.
    const p = await patentRow(pid);
    expect(p.owner_enterprise_ids).toEqual([b1.enterpriseId]);
    expect(p.owners).toEqual([b1.name]);
    const [ev] = await eventsOf(pid, 'transferred');
    expect(ev?.detail).toMatchObject({ from: [a.ownName], to: [b1.name], dealId });
    expect(ev?.ref_id).toBe(dealId);
    // The listing is closed (traded), still public; the old owner can no longer list; the new owner can.
    expect((await call('GET', `${BASE}/listings/${id}`)).body.status).toBe('closed');
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'transfer' })).body.error.code).toBe(
      'IP_NOT_PATENT_OWNER',
    );
    expect((await call('GET', `${BASE}/my-patents`, b1.cookie)).body.items.map((x: { id: string }) => x.id)).toContain(pid);
    expect((await call('GET', `${BASE}/my-patents`, enterprise)).body.items.map((x: { id: string }) => x.id)).not.toContain(pid);
    // Both parties heard; everything was audited; the contract downloads for the parties only.
    expect(
      await countOf(t.database, 'notifications', sql`kind = 'ip_deal.completed' and link = ${`/ip-market/deals/${dealId}`}`),
    ).toBeGreaterThanOrEqual(2);
    for (const action of [
      'ip_listing.create',
      'ip_listing.publish',
      'ip_offer.create',
      'ip_offer.counter',
      'ip_offer.accept',
      'ip_deal.complete',
    ]) {
      expect(await countOf(t.database, 'audit_events', sql`action = ${action}`), action).toBeGreaterThan(0);
    }
    const download = await t.app.inject({ method: 'GET', url: `${BASE}/deals/${dealId}/contract`, headers: { cookie: b1.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect((await call('GET', `${BASE}/deals/${dealId}/contract`, b2.cookie)).status).toBe(404);
    expect((await call('POST', `${BASE}/deals/${dealId}/complete`, enterprise, { contractFileId: contract.id })).body.error.code).toBe(
      'IP_DEAL_NOT_IN_PROGRESS',
    );
  });

  it('a licence records the licensee and licence type; a non-exclusive listing stays on show for more licensees', async () => {
    const pid = await patent();
    const id = await publishedListing(t, enterprise, admin, pid, 'non_exclusive_licence', null);
    expect((await call('GET', `${BASE}/listings/${id}`)).body.askingPriceFen).toBeNull();
    const o = await call('POST', `${BASE}/listings/${id}/offers`, b2.cookie, { terms: '每年 2 万元，许可 3 年' });
    expect(o.status).toBe(201);
    const acc = await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {});
    const file = await uploadContract(t, enterprise);
    // A licence is recorded with the term its contract states.
    const completeUrl = `${BASE}/deals/${acc.body.dealId}/complete`;
    expect((await call('POST', completeUrl, enterprise, { contractFileId: file.id })).body.error.code).toBe('IP_LICENCE_TERM_INVALID');
    const term = { licenceStartsOn: today, licenceEndsOn: addCalendarDays(today, 3 * 365) };
    for (const bad of [
      { ...term, licenceEndsOn: '2042-03-01' }, // after the patent's term (filed 2022-03-01: last day 2042-02-28)
      { licenceStartsOn: '2020-01-01', licenceEndsOn: addCalendarDays(today, -1) }, // already over
    ]) {
      expect((await call('POST', completeUrl, enterprise, { contractFileId: file.id, ...bad })).body.error.code).toBe(
        'IP_LICENCE_TERM_INVALID',
      );
    }
    expect((await call('POST', completeUrl, enterprise, { contractFileId: file.id, ...term, licenceEndsOn: '2020-01-01' })).status).toBe(
      400,
    );
    const done = await call('POST', completeUrl, enterprise, { contractFileId: file.id, ...term });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ licenceStartsOn: term.licenceStartsOn, licenceEndsOn: term.licenceEndsOn });
    const [ev] = await eventsOf(pid, 'licensed');
    expect(ev?.detail).toMatchObject({
      licensee: b2.name,
      licensor: a.ownName,
      licenceType: 'non_exclusive',
      startsOn: term.licenceStartsOn,
      endsOn: term.licenceEndsOn,
    });
    expect((await patentRow(pid)).owner_enterprise_ids).toEqual([ids.ownEnterpriseId]);
    expect((await call('GET', `${BASE}/listings/${id}`)).body.status).toBe('published');
    // A second licensee under the same listing.
    const o2 = await call('POST', `${BASE}/listings/${id}/offers`, b3.cookie, { amountFen: 30_000 });
    expect((await call('POST', `${BASE}/offers/${o2.body.id}/accept`, enterprise, {})).status).toBe(200);
  });

  it('a pledge takes offers from banks only and records the pledgee', async () => {
    const pid = await patent();
    const id = await publishedListing(t, enterprise, admin, pid, 'pledge', 50_000_000);
    expect((await call('GET', `${BASE}/listings/${id}`, bank)).body.canOffer).toBe(true);
    expect((await call('POST', `${BASE}/listings/${id}/offers`, b1.cookie, { amountFen: 1_000 })).body.error.code).toBe(
      'IP_OFFER_NOT_ALLOWED',
    );
    const o = await call('POST', `${BASE}/listings/${id}/offers`, bank, { amountFen: 30_000_000, terms: '年利率 3.65%，期限 1 年' });
    expect(o.status).toBe(201);
    expect(o.body.buyerInstitutionId).toBe(ids.bankInstitutionId);
    const acc = await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {});
    expect(acc.status).toBe(200);
    expect((await call('GET', `${BASE}/deals/${acc.body.dealId}`, bank)).body).toMatchObject({ mySide: 'buyer', status: 'in_progress' });
    const file = await uploadContract(t, enterprise);
    // A pledge has no licence term.
    expect(
      (
        await call('POST', `${BASE}/deals/${acc.body.dealId}/complete`, enterprise, {
          contractFileId: file.id,
          licenceStartsOn: today,
          licenceEndsOn: today,
        })
      ).body.error.code,
    ).toBe('IP_LICENCE_TERM_INVALID');
    expect((await call('POST', `${BASE}/deals/${acc.body.dealId}/complete`, enterprise, { contractFileId: file.id })).status).toBe(200);
    const [ev] = await eventsOf(pid, 'pledged');
    const bankName = (await one<{ name: string }>(t.database, sql`select name from institutions where id = ${ids.bankInstitutionId}`)).name;
    expect(ev?.detail).toMatchObject({ pledgee: bankName, amountFen: 30_000_000 });
    expect((await call('GET', `${BASE}/listings/${id}`)).body.status).toBe('closed');
  });
});

describe('declined offers carry a structured reason', () => {
  it('the buyer sees why; "other" needs a note; the buyer cannot decline its own offer', async () => {
    const pid = await patent();
    const id = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
    const o = await call('POST', `${BASE}/listings/${id}/offers`, b1.cookie, { amountFen: 10_000 });
    expect((await call('POST', `${BASE}/offers/${o.body.id}/decline`, b1.cookie, { reason: 'price' })).body.error.code).toBe(
      'IP_OFFER_NOT_YOUR_TURN',
    );
    const bad = await call('POST', `${BASE}/offers/${o.body.id}/decline`, enterprise, { reason: 'other' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.[0]?.path ?? bad.body.error.fields?.[0]?.path ?? JSON.stringify(bad.body)).toContain('note');
    expect((await call('POST', `${BASE}/offers/${o.body.id}/decline`, enterprise, { reason: 'listing_closed' })).status).toBe(400);
    const declined = await call('POST', `${BASE}/offers/${o.body.id}/decline`, enterprise, { reason: 'price', note: '低于评估价' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'price', declineNote: '低于评估价' });
    const seen = await call('GET', `${BASE}/offers/${o.body.id}`, b1.cookie);
    expect(seen.body).toMatchObject({ status: 'declined', declineReason: 'price', declineNote: '低于评估价', mySide: 'buyer' });
    expect(await countOf(t.database, 'notifications', sql`kind = 'ip_offer.declined' and link = ${`/ip-market/offers/${o.body.id}`}`)).toBe(
      1,
    );
    expect((await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {})).body.error.code).toBe('IP_OFFER_NOT_OPEN');
    // Withdrawing a listing declines its open offers as listing_closed.
    const o2 = await call('POST', `${BASE}/listings/${id}/offers`, b2.cookie, { amountFen: 20_000 });
    expect((await call('POST', `${BASE}/listings/${id}/withdraw`, enterprise, {})).body.status).toBe('withdrawn');
    expect((await call('GET', `${BASE}/offers/${o2.body.id}`, b2.cookie)).body).toMatchObject({
      status: 'declined',
      declineReason: 'listing_closed',
    });
    const mine = await call('GET', `${BASE}/offers?side=buyer`, b2.cookie);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(o2.body.id);
    expect((await call('GET', `${BASE}/offers?side=seller`, b2.cookie)).body.items.map((x: { id: string }) => x.id)).not.toContain(
      o2.body.id,
    );
  });
});

describe('trading rules (service first, the database decides)', () => {
  it('a lapsed or pending patent cannot be listed; the trigger refuses it even when the service is bypassed', async () => {
    const lapsed = await patent({ legalStatus: 'lapsed' });
    const pending = await patent({ grantDate: null });
    for (const pid of [lapsed, pending]) {
      const res = await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'transfer' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('IP_PATENT_NOT_IN_FORCE');
    }
    await expect(
      t.database.db.execute(sql`insert into ip_listings (patent_id, seller_enterprise_id, town_id, kind, status, created_by)
        values (${lapsed}, ${ids.ownEnterpriseId}, ${ids.guzhenTownId}, 'transfer', 'submitted', ${ids.userIds.enterprise as string})`),
    ).rejects.toThrow();
    // A listing whose patent lapses while in review cannot be published.
    const pid = await patent();
    const l = await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'transfer' });
    await t.database.db.execute(sql`update patents set legal_status = 'lapsed' where id = ${pid}`);
    expect((await call('POST', `${BASE}/listings/${l.body.id}/review`, admin, { decision: 'publish' })).body.error.code).toBe(
      'IP_PATENT_NOT_IN_FORCE',
    );
    await t.database.db.execute(sql`update ip_listings set status = 'published' where id = ${l.body.id}`).then(
      () => expect.unreachable('the trigger must refuse publishing a lapsed patent'),
      (err: unknown) => expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/ip_patent_not_in_force/),
    );
  });

  it('only a current owner lists; a non-owner gets 403 from the service and the trigger refuses it too', async () => {
    const foreign = await ownPatent(t, b1.enterpriseId, b1.name, ids.guzhenTownId);
    const res = await call('POST', `${BASE}/listings`, enterprise, { patentId: foreign, kind: 'transfer' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('IP_NOT_PATENT_OWNER');
    await expect(
      t.database.db.execute(sql`insert into ip_listings (patent_id, seller_enterprise_id, town_id, kind, status, created_by)
        values (${foreign}, ${ids.ownEnterpriseId}, ${ids.guzhenTownId}, 'transfer', 'submitted', ${ids.userIds.enterprise as string})`),
    ).rejects.toThrow();
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: ids.ownEnterpriseId, kind: 'transfer' })).status).toBe(404);
    // A second live listing of the same kind is a duplicate.
    const pid = await patent();
    await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'pledge' });
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'pledge' })).body.error.code).toBe(
      'IP_LISTING_DUPLICATE',
    );
  });

  it('an exclusive licence or transfer in progress blocks a second one; cancelling frees the patent', async () => {
    const pid = await patent();
    const exclusive = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
    const transfer = await publishedListing(t, enterprise, admin, pid, 'transfer');
    const o1 = await call('POST', `${BASE}/listings/${exclusive}/offers`, b1.cookie, { amountFen: 100_000 });
    const o2 = await call('POST', `${BASE}/listings/${transfer}/offers`, b2.cookie, { amountFen: 900_000 });
    const o3 = await call('POST', `${BASE}/listings/${exclusive}/offers`, b3.cookie, { amountFen: 120_000 });
    const first = await call('POST', `${BASE}/offers/${o1.body.id}/accept`, enterprise, {});
    expect(first.status).toBe(200);
    for (const o of [o2, o3]) {
      const res = await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {});
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('IP_EXCLUSIVE_DEAL_CONFLICT');
      // Nothing changed: the offer is still open.
      expect((await call('GET', `${BASE}/offers/${o.body.id}`, enterprise)).body.status).toBe('open');
    }
    // The database refuses a second exclusive deal written past the service (the guard, then the partial unique index).
    const offerRow = await one<{ id: string }>(t.database, sql`select id from ip_offers where id = ${o2.body.id}`);
    await t.database.db
      .execute(sql`insert into ip_deals (listing_id, offer_id, patent_id, kind, seller_enterprise_id, town_id, buyer_enterprise_id, status, created_by)
        values (${transfer}, ${offerRow.id}, ${pid}, 'transfer', ${ids.ownEnterpriseId}, ${ids.guzhenTownId}, ${b2.enterpriseId}, 'in_progress', ${ids.userIds.enterprise as string})`)
      .then(
        () => expect.unreachable('a second exclusive deal must be refused'),
        (err: unknown) => expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/ip_deals_one_exclusive_in_progress/),
      );
    // A non-exclusive licence is not blocked by an exclusive licence in progress (only by one completed).
    expect((await call('POST', `${BASE}/deals/${first.body.dealId}/cancel`, b1.cookie, { note: '资金未到位' })).body.status).toBe(
      'cancelled',
    );
    expect((await call('POST', `${BASE}/offers/${o2.body.id}/accept`, enterprise, {})).status).toBe(200);
  });

  it('a completed exclusive licence blocks further licences only while its term runs', async () => {
    const pid = await patent();
    const exclusive = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
    const o = await call('POST', `${BASE}/listings/${exclusive}/offers`, b1.cookie, { amountFen: 100_000 });
    const acc = await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {});
    const file = await uploadContract(t, enterprise);
    const term = { licenceStartsOn: addCalendarDays(today, -30), licenceEndsOn: addCalendarDays(today, 365) };
    expect((await call('POST', `${BASE}/deals/${acc.body.dealId}/complete`, enterprise, { contractFileId: file.id, ...term })).status).toBe(
      200,
    );
    const [ev] = await eventsOf(pid, 'licensed');
    expect(ev?.detail).toMatchObject({ licensee: b1.name, licenceType: 'exclusive', endsOn: term.licenceEndsOn });
    for (const kind of ['non_exclusive_licence', 'exclusive_licence']) {
      expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind })).body.error.code).toBe(
        'IP_EXCLUSIVE_LICENCE_EXISTS',
      );
    }
    const declaration = { patentId: pid, feeFen: 1_000, terms: '按年', validFrom: today, validUntil: addCalendarDays(today, 30) };
    expect((await call('POST', `${BASE}/open-licences`, enterprise, declaration)).body.error.code).toBe('IP_OPEN_LICENCE_CONFLICT');
    // The trigger decides it too when the service is bypassed.
    const insertListing = (kind: string) =>
      t.database.db.execute(sql`insert into ip_listings (patent_id, seller_enterprise_id, town_id, kind, status, created_by)
        values (${pid}, ${ids.ownEnterpriseId}, ${ids.guzhenTownId}, ${kind}, 'submitted', ${ids.userIds.enterprise as string})`);
    await insertListing('non_exclusive_licence').then(
      () => expect.unreachable('the guard must refuse'),
      (err: unknown) => expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/ip_exclusive_licence_exists/),
    );
    // A transfer of the licensed patent stays possible.
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'transfer' })).status).toBe(201);
    // The term has run out (its last day was yesterday): the patent may be licensed again, or declared open.
    await t.database.db.execute(
      sql`update ip_deals set licence_starts_on = '2020-01-01', licence_ends_on = ${addCalendarDays(today, -1)} where id = ${acc.body.dealId}`,
    );
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'exclusive_licence' })).status).toBe(201);
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'non_exclusive_licence' })).status).toBe(201);
  });

  it('no licence term overlaps an exclusive licence’s: either order of completion is refused with a clear code', async () => {
    const pid = await patent();
    const plain = await publishedListing(t, enterprise, admin, pid, 'non_exclusive_licence');
    const exclusive = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
    const o1 = await call('POST', `${BASE}/listings/${plain}/offers`, b2.cookie, { amountFen: 10_000 });
    const plainDeal = (await call('POST', `${BASE}/offers/${o1.body.id}/accept`, enterprise, {})).body.dealId;
    const o2 = await call('POST', `${BASE}/listings/${exclusive}/offers`, b1.cookie, { amountFen: 100_000 });
    const exclusiveDeal = (await call('POST', `${BASE}/offers/${o2.body.id}/accept`, enterprise, {})).body.dealId;
    const file = await uploadContract(t, enterprise);
    const exclusiveTerm = { licenceStartsOn: today, licenceEndsOn: addCalendarDays(today, 365) };
    expect(
      (await call('POST', `${BASE}/deals/${exclusiveDeal}/complete`, enterprise, { contractFileId: file.id, ...exclusiveTerm })).status,
    ).toBe(200);
    const file2 = await uploadContract(t, enterprise);
    const overlapping = { licenceStartsOn: addCalendarDays(today, 300), licenceEndsOn: addCalendarDays(today, 700) };
    expect(
      (await call('POST', `${BASE}/deals/${plainDeal}/complete`, enterprise, { contractFileId: file2.id, ...overlapping })).body.error.code,
    ).toBe('IP_EXCLUSIVE_LICENCE_EXISTS');
    const after = { licenceStartsOn: addCalendarDays(today, 366), licenceEndsOn: addCalendarDays(today, 700) };
    expect((await call('POST', `${BASE}/deals/${plainDeal}/complete`, enterprise, { contractFileId: file2.id, ...after })).status).toBe(
      200,
    );
    // The other order: an exclusive licence may not be completed over a running non-exclusive licence's term.
    const pid2 = await patent();
    const plain2 = await publishedListing(t, enterprise, admin, pid2, 'non_exclusive_licence');
    const exclusive2 = await publishedListing(t, enterprise, admin, pid2, 'exclusive_licence');
    const p1 = await call('POST', `${BASE}/listings/${plain2}/offers`, b2.cookie, { amountFen: 10_000 });
    const plainDeal2 = (await call('POST', `${BASE}/offers/${p1.body.id}/accept`, enterprise, {})).body.dealId;
    const p2 = await call('POST', `${BASE}/listings/${exclusive2}/offers`, b1.cookie, { amountFen: 100_000 });
    const exclusiveDeal2 = (await call('POST', `${BASE}/offers/${p2.body.id}/accept`, enterprise, {})).body.dealId;
    const f3 = await uploadContract(t, enterprise);
    expect(
      (await call('POST', `${BASE}/deals/${plainDeal2}/complete`, enterprise, { contractFileId: f3.id, ...exclusiveTerm })).status,
    ).toBe(200);
    const f4 = await uploadContract(t, enterprise);
    expect(
      (await call('POST', `${BASE}/deals/${exclusiveDeal2}/complete`, enterprise, { contractFileId: f4.id, ...overlapping })).body.error
        .code,
    ).toBe('IP_EXCLUSIVE_LICENCE_OVERLAP');
    // The trigger decides it too when the service is bypassed.
    await t.database.db
      .execute(
        sql`update ip_deals set status = 'completed', contract_file_id = ${f4.id}, completed_at = now(),
          licence_starts_on = ${overlapping.licenceStartsOn}, licence_ends_on = ${overlapping.licenceEndsOn} where id = ${exclusiveDeal2}`,
      )
      .then(
        () => expect.unreachable('the guard must refuse'),
        (err: unknown) => expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/ip_exclusive_licence_overlap/),
      );
    expect((await call('POST', `${BASE}/deals/${exclusiveDeal2}/complete`, enterprise, { contractFileId: f4.id, ...after })).status).toBe(
      200,
    );
  });
});

describe('the patent page shows its licensees and pledgee', () => {
  it('lists current licences (kind, term, deal link for insiders) and the pledgee; an ended term drops out', async () => {
    const pid = await patent({ title: '一种带许可记录的灯具' });
    const l = await publishedListing(t, enterprise, admin, pid, 'non_exclusive_licence', 200_000);
    const o = await call('POST', `${BASE}/listings/${l}/offers`, b3.cookie, { amountFen: 150_000 });
    const dealId = (await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {})).body.dealId;
    const term = { licenceStartsOn: today, licenceEndsOn: addCalendarDays(today, 730) };
    const file = await uploadContract(t, enterprise);
    expect((await call('POST', `${BASE}/deals/${dealId}/complete`, enterprise, { contractFileId: file.id, ...term })).status).toBe(200);
    const pl = await publishedListing(t, enterprise, admin, pid, 'pledge', 5_000_000);
    const po = await call('POST', `${BASE}/listings/${pl}/offers`, bank, { amountFen: 3_000_000 });
    const pledgeDeal = (await call('POST', `${BASE}/offers/${po.body.id}/accept`, enterprise, {})).body.dealId;
    const file2 = await uploadContract(t, enterprise);
    expect((await call('POST', `${BASE}/deals/${pledgeDeal}/complete`, enterprise, { contractFileId: file2.id })).status).toBe(200);
    const bankName = (await one<{ name: string }>(t.database, sql`select name from institutions where id = ${ids.bankInstitutionId}`)).name;

    const publicPage = await call('GET', `/api/v1/patents/${pid}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.body.rights).toEqual([
      {
        kind: 'licence',
        holder: b3.name,
        licenceType: 'non_exclusive',
        startsOn: term.licenceStartsOn,
        endsOn: term.licenceEndsOn,
        recordedOn: today,
        dealId: null,
        openLicenceId: null,
      },
      expect.objectContaining({ kind: 'pledge', holder: bankName, licenceType: null, dealId: null }),
    ]);
    // The licensed event and the completed deal on the timeline name the licensee and the term.
    const completed = publicPage.body.timeline.find((e: { kind: string; detail: { dealKind?: string } }) => e.kind === 'deal_completed');
    expect(completed.detail).toMatchObject({ buyer: b3.name, endsOn: term.licenceEndsOn });
    const licensed = publicPage.body.timeline.find((e: { kind: string }) => e.kind === 'licensed');
    expect(licensed.detail).toMatchObject({ licensee: b3.name, licenceType: 'non_exclusive' });
    // The parties (and admins) get the link to the deal.
    const sellerPage = await call('GET', `/api/v1/patents/${pid}`, enterprise);
    expect(sellerPage.body.rights.map((r: { dealId: string | null }) => r.dealId)).toEqual([dealId, pledgeDeal]);
    expect((await call('GET', `/api/v1/patents/${pid}`, b3.cookie)).body.rights[0].dealId).toBe(dealId);
    // A licence whose term has ended is no longer current.
    await t.database.db.execute(
      sql`update ip_deals set licence_starts_on = '2020-01-01', licence_ends_on = ${addCalendarDays(today, -1)} where id = ${dealId}`,
    );
    expect((await call('GET', `/api/v1/patents/${pid}`)).body.rights.map((r: { kind: string }) => r.kind)).toEqual(['pledge']);
  });
});
describe('open licences (开放许可)', () => {
  it('declare → listed → take by notice and payment → licensed event → withdraw keeps licences taken', async () => {
    const pid = await patent({ title: '一种可调光LED驱动电路' });
    const body = {
      patentId: pid,
      feeFen: 50_000,
      terms: '每年许可使用费 500 元，按年支付',
      validFrom: today,
      validUntil: addCalendarDays(today, 365),
    };
    expect((await call('POST', `${BASE}/open-licences`, b1.cookie, body)).body.error.code).toBe('IP_NOT_PATENT_OWNER');
    expect((await call('POST', `${BASE}/open-licences`, enterprise, { ...body, validUntil: addCalendarDays(today, -1) })).status).toBe(400);
    expect(
      (await call('POST', `${BASE}/open-licences`, enterprise, { ...body, validFrom: addCalendarDays(today, -3) })).body.error.code,
    ).toBe('IP_OPEN_LICENCE_VALIDITY');
    // b2's enterprise shares the owner's industry division, b3's does not.
    const own = await one<{ code: string }>(
      t.database,
      sql`select industry_code as code from enterprises where id = ${ids.ownEnterpriseId}`,
    );
    await t.database.db.execute(sql`update enterprises set industry_code = ${own.code} where id = ${b2.enterpriseId}`);
    const otherCode = own.code.startsWith('M73') ? 'C3872' : 'M7320';
    await t.database.db.execute(sql`update enterprises set industry_code = ${otherCode} where id = ${b3.enterpriseId}`);
    const declaredNotices = (enterpriseId: string) =>
      countOf(
        t.database,
        'notifications',
        sql`kind = 'ip_open_licence.declared' and user_id in (select id from users where enterprise_id = ${enterpriseId})`,
      );
    const [b2Before, b3Before, ownBefore] = [
      await declaredNotices(b2.enterpriseId),
      await declaredNotices(b3.enterpriseId),
      await declaredNotices(ids.ownEnterpriseId),
    ];
    const declared = await call('POST', `${BASE}/open-licences`, enterprise, body);
    expect(declared.status).toBe(201);
    const id = declared.body.id;
    // Enterprises of the owner's industry hear of it; others and the owner do not.
    expect((await declaredNotices(b2.enterpriseId)) - b2Before).toBe(1);
    expect((await declaredNotices(b3.enterpriseId)) - b3Before).toBe(0);
    expect((await declaredNotices(ids.ownEnterpriseId)) - ownBefore).toBe(0);
    const notice = await one<{ link: string; title: string }>(
      t.database,
      sql`select link, title from notifications where kind = 'ip_open_licence.declared' and user_id in (select id from users where enterprise_id = ${b2.enterpriseId}) order by created_at desc limit 1`,
    );
    expect(notice.link).toBe(`/ip-market/open-licences?focus=${id}`);
    expect(notice.title).toContain('一种可调光LED驱动电路');
    expect((await call('POST', `${BASE}/open-licences`, enterprise, body)).body.error.code).toBe('IP_OPEN_LICENCE_ALREADY_DECLARED');
    const list = await call('GET', `${BASE}/open-licences?q=${encodeURIComponent('驱动电路')}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(id);

    // An exclusive licence conflicts with the declaration.
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'exclusive_licence' })).body.error.code).toBe(
      'IP_OPEN_LICENCE_CONFLICT',
    );
    const take = { amountFen: 50_000, paidOn: today, paymentReference: 'BANK-2026-0001', notice: '我司依开放许可声明实施该专利' };
    expect((await call('POST', `${BASE}/open-licences/${id}/licences`, b1.cookie, { ...take, amountFen: 49_999 })).body.error.code).toBe(
      'IP_OPEN_LICENCE_AMOUNT',
    );
    expect((await call('POST', `${BASE}/open-licences/${id}/licences`, enterprise, take)).body.error.code).toBe(
      'IP_OPEN_LICENCE_OWN_PATENT',
    );
    expect((await call('POST', `${BASE}/open-licences/${id}/licences`, bank, take)).status).toBe(403);
    const taken = await call('POST', `${BASE}/open-licences/${id}/licences`, b1.cookie, take);
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ takenByMe: true, licenceCount: 1 });
    expect(taken.body.licences).toHaveLength(1);
    expect((await call('POST', `${BASE}/open-licences/${id}/licences`, b1.cookie, take)).body.error.code).toBe(
      'IP_OPEN_LICENCE_ALREADY_TAKEN',
    );
    const [ev] = await eventsOf(pid, 'licensed');
    expect(ev?.detail).toMatchObject({ licensee: b1.name, licenceType: 'open', openLicenceId: id });
    // Others see the count, not the licensees' payments; the owner sees them all.
    expect((await call('GET', `${BASE}/open-licences/${id}`, b2.cookie)).body).toMatchObject({
      licenceCount: 1,
      licences: [],
      takenByMe: false,
    });
    expect((await call('GET', `${BASE}/open-licences/${id}`, enterprise)).body.licences[0]).toMatchObject({
      licenseeName: b1.name,
      paymentReference: 'BANK-2026-0001',
      licenceStartsOn: today,
      licenceEndsOn: body.validUntil,
    });
    // Only the owner withdraws; licences taken stay; no new ones.
    expect((await call('POST', `${BASE}/open-licences/${id}/withdraw`, b1.cookie, {})).status).toBe(404);
    const withdrawn = await call('POST', `${BASE}/open-licences/${id}/withdraw`, enterprise, { note: '转为独占许可' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', licenceCount: 1 });
    expect((await call('POST', `${BASE}/open-licences/${id}/licences`, b2.cookie, take)).body.error.code).toBe(
      'IP_OPEN_LICENCE_NOT_ACTIVE',
    );
    expect(await countOf(t.database, 'ip_open_licence_takes', sql`open_licence_id = ${id}`)).toBe(1);
    // The licence taken runs to the end of the declaration's validity and is on the patent page; while it runs no
    // exclusive licence is listed (an open licence stays in force after a withdrawal).
    const takeRow = await one<{ licence_starts_on: string; licence_ends_on: string }>(
      t.database,
      sql`select licence_starts_on::text, licence_ends_on::text from ip_open_licence_takes where open_licence_id = ${id}`,
    );
    expect(takeRow).toEqual({ licence_starts_on: today, licence_ends_on: body.validUntil });
    expect((await call('GET', `/api/v1/patents/${pid}`)).body.rights).toEqual([
      expect.objectContaining({ holder: b1.name, licenceType: 'open', startsOn: today, endsOn: body.validUntil, openLicenceId: id }),
    ]);
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'exclusive_licence' })).body.error.code).toBe(
      'IP_OPEN_LICENCE_CONFLICT',
    );
    // Once its term has ended an exclusive licence may be listed.
    await t.database.db.execute(
      sql`update ip_open_licence_takes set licence_starts_on = '2020-01-01', licence_ends_on = ${addCalendarDays(today, -1)} where open_licence_id = ${id}`,
    );
    expect((await call('POST', `${BASE}/listings`, enterprise, { patentId: pid, kind: 'exclusive_licence' })).status).toBe(201);
  });

  it('no declaration while an exclusive licence is in progress; the trigger refuses one written past the service', async () => {
    const pid = await patent();
    const l = await publishedListing(t, enterprise, admin, pid, 'exclusive_licence');
    const o = await call('POST', `${BASE}/listings/${l}/offers`, b1.cookie, { amountFen: 100_000 });
    expect((await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {})).status).toBe(200);
    const body = { patentId: pid, feeFen: 1_000, terms: '按年', validFrom: today, validUntil: addCalendarDays(today, 30) };
    expect((await call('POST', `${BASE}/open-licences`, enterprise, body)).body.error.code).toBe('IP_OPEN_LICENCE_CONFLICT');
    await t.database.db
      .execute(sql`insert into ip_open_licences (patent_id, enterprise_id, town_id, fee_fen, terms, valid_from, valid_until, status, created_by)
        values (${pid}, ${ids.ownEnterpriseId}, ${ids.guzhenTownId}, 1000, 'x', ${today}, ${today}, 'active', ${ids.userIds.enterprise as string})`)
      .then(
        () => expect.unreachable('the guard must refuse'),
        (err: unknown) => expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/ip_open_licence_conflict/),
      );
  });
});

describe('timeline and statistics', () => {
  it('registers listing, deal and open-licence entries on the patent timeline; amounts only for insiders', async () => {
    const pid = await patent();
    const l = await publishedListing(t, enterprise, admin, pid, 'non_exclusive_licence', 200_000);
    const o = await call('POST', `${BASE}/listings/${l}/offers`, b1.cookie, { amountFen: 150_000 });
    const acc = await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {});
    const file = await uploadContract(t, enterprise);
    await call('POST', `${BASE}/deals/${acc.body.dealId}/complete`, enterprise, {
      contractFileId: file.id,
      licenceStartsOn: today,
      licenceEndsOn: addCalendarDays(today, 365),
    });
    const decl = await call('POST', `${BASE}/open-licences`, enterprise, {
      patentId: pid,
      feeFen: 10_000,
      terms: '按年',
      validFrom: today,
      validUntil: addCalendarDays(today, 30),
    });
    await call('POST', `${BASE}/open-licences/${decl.body.id}/licences`, b2.cookie, {
      amountFen: 10_000,
      paidOn: today,
      paymentReference: 'R-1',
    });
    const publicView = await patentTimeline(t.database.db, pid, ANONYMOUS);
    const kinds = publicView.filter((e) => e.source !== 'legal_status').map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['listing_published', 'offer_accepted', 'deal_completed', 'open_licence_declared', 'open_licence_taken']),
    );
    const completedPublic = publicView.find((e) => e.kind === 'deal_completed');
    expect(completedPublic?.detail).toMatchObject({ buyer: b1.name });
    expect(completedPublic?.detail).not.toHaveProperty('amountFen');
    expect(completedPublic?.refId).toBeNull();
    const sellerActor = {
      ...ANONYMOUS,
      userId: ids.userIds.enterprise as string,
      role: 'enterprise' as const,
      enterpriseId: ids.ownEnterpriseId,
    };
    const completedSeller = (await patentTimeline(t.database.db, pid, sellerActor)).find((e) => e.kind === 'deal_completed');
    expect(completedSeller).toMatchObject({ refId: acc.body.dealId, detail: { amountFen: 150_000 } });
  });

  it('statistics count listings, deals and deal value by town, industry and kind (deltas of this test)', async () => {
    const year = Number(today.slice(0, 4));
    const before = (await call('GET', `${BASE}/statistics?year=${year}`)).body;
    const pid = await patent();
    const l = await publishedListing(t, enterprise, admin, pid, 'transfer', 3_000_000);
    const o = await call('POST', `${BASE}/listings/${l}/offers`, b3.cookie, { amountFen: 2_500_000 });
    const acc = await call('POST', `${BASE}/offers/${o.body.id}/accept`, enterprise, {});
    const file = await uploadContract(t, enterprise);
    expect((await call('POST', `${BASE}/deals/${acc.body.dealId}/complete`, enterprise, { contractFileId: file.id })).status).toBe(200);
    const after = (await call('GET', `${BASE}/statistics?year=${year}`)).body;
    expect(after.totals.listings - before.totals.listings).toBe(1);
    expect(after.totals.dealsCompleted - before.totals.dealsCompleted).toBe(1);
    expect(after.totals.dealValueFen - before.totals.dealValueFen).toBe(2_500_000);
    const row = (s: typeof after, dim: string, key: string) =>
      (s[dim] as { key: string; deals: number; dealValueFen: number; listings: number }[]).find((r) => r.key === key) ?? {
        deals: 0,
        dealValueFen: 0,
        listings: 0,
      };
    expect(row(after, 'byTown', ids.guzhenTownId).dealValueFen - row(before, 'byTown', ids.guzhenTownId).dealValueFen).toBe(2_500_000);
    expect(row(after, 'byKind', 'transfer').deals - row(before, 'byKind', 'transfer').deals).toBe(1);
    const industry = (
      await one<{ d: string }>(t.database, sql`select substr(industry_code, 1, 3) as d from enterprises where id = ${ids.ownEnterpriseId}`)
    ).d;
    expect(row(after, 'byIndustry', industry).dealValueFen - row(before, 'byIndustry', industry).dealValueFen).toBe(2_500_000);
    expect(after.years).toContain(year);
  });

  it('summarise adds a small hand-checked set of facts', () => {
    const f = (o: Partial<Parameters<typeof summarise>[0][number]>) => ({
      kind: 'transfer',
      townId: 't1',
      townName: '古镇镇',
      townNameEn: 'Guzhen',
      industry: 'C38',
      year: 2025,
      listings: 0,
      offers: 0,
      deals: 0,
      dealsCompleted: 0,
      valueFen: 0,
      ...o,
    });
    const facts = [
      f({ listings: 3, dealsCompleted: 2, valueFen: 500 }),
      f({
        kind: 'pledge',
        townId: 't2',
        townName: '小榄镇',
        townNameEn: 'Xiaolan',
        industry: 'C34',
        listings: 1,
        dealsCompleted: 1,
        valueFen: 1000,
      }),
      f({ year: 2026, listings: 1, dealsCompleted: 1, valueFen: 7 }),
      f({ kind: 'open_licence', listings: 1, dealsCompleted: 4, valueFen: 40 }),
    ];
    const s = summarise(facts, 2025);
    expect(s.years).toEqual([2025, 2026]);
    expect(s.totals).toMatchObject({
      listings: 4,
      dealsCompleted: 3,
      dealValueFen: 1500,
      openLicences: 1,
      openLicencesTaken: 4,
      openLicenceValueFen: 40,
    });
    expect(s.byTown.map((r) => [r.label, r.deals, r.dealValueFen])).toEqual([
      ['小榄镇', 1, 1000],
      ['古镇镇', 6, 540],
    ]);
    expect(s.byIndustry.map((r) => [r.key, r.label, r.dealValueFen])).toEqual([
      ['C34', '通用设备制造业', 1000],
      ['C38', '电气机械和器材制造业', 540],
    ]);
    expect(s.byKind.map((r) => r.key)).toEqual(['pledge', 'transfer', 'open_licence']);
    expect(s.byYear.map((r) => [r.key, r.dealValueFen])).toEqual([
      ['2025', 1540],
      ['2026', 7],
    ]);
    expect(summarise(facts, null).totals.dealValueFen).toBe(1507);
  });
});
