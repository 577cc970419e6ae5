import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { multipartBody, pdf } from '../src/modules/files/files.fixtures.ts';
import { demoIds, rows } from './fixtures.ts';
import { DEMO_PASSWORD, type TestApp } from './harness.ts';
import { makePatent, type PatentOverrides } from './patent-fixtures.ts';

/**
 * The IP trading tests' cast: the demo accounts, and `count` buyer accounts, each of its own enterprise (other
 * than the demo enterprise), created as `${prefix}1…`.
 */
export async function ipActors(t: TestApp, prefix: string, count = 3) {
  const ids = await demoIds(t.database);
  const admin = await t.login('admin');
  const enterprises = await rows<{ id: string; name: string }>(
    t.database,
    sql`select id, name from enterprises where id <> ${ids.ownEnterpriseId} order by credit_code limit ${count}`,
  );
  const buyers: { cookie: string; enterpriseId: string; name: string }[] = [];
  for (const [i, e] of enterprises.entries()) {
    const username = `${prefix}${i + 1}`;
    const res = await t.call('POST', '/api/v1/users', admin, {
      username,
      password: DEMO_PASSWORD,
      displayName: `买方${i + 1}`,
      role: 'enterprise',
      enterpriseId: e.id,
    });
    expect(res.status).toBe(201);
    buyers.push({ cookie: await t.login(username), enterpriseId: e.id, name: e.name });
  }
  const own = await rows<{ name: string }>(t.database, sql`select name from enterprises where id = ${ids.ownEnterpriseId}`);
  return {
    ids,
    admin,
    enterprise: await t.login('enterprise'),
    ownName: own[0]?.name as string,
    guzhen: await t.login('guzhen'),
    xiaolan: await t.login('xiaolan'),
    bank: await t.login('bank'),
    expert: await t.login('expert'),
    buyers,
  };
}

/** A granted patent owned by the demo enterprise (古镇镇) unless overridden. */
export async function ownPatent(t: TestApp, ownEnterpriseId: string, ownName: string, townId: string, o: PatentOverrides = {}) {
  return (await makePatent(t.database, { ownerEnterpriseIds: [ownEnterpriseId], applicants: [ownName], townId, ...o })).id;
}

export const BASE = '/api/v1/ip-market';

/** Lists a patent and has the city publish it; returns the listing id. */
export async function publishedListing(
  t: TestApp,
  seller: string,
  admin: string,
  patentId: string,
  kind: string,
  askingPriceFen: number | null = 1_000_000,
) {
  const created = await t.call('POST', `${BASE}/listings`, seller, {
    patentId,
    kind,
    askingPriceFen,
    terms: '一次性付款',
    description: '成熟技术',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const reviewed = await t.call('POST', `${BASE}/listings/${created.body.id}/review`, admin, { decision: 'publish' });
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  return created.body.id as string;
}

/** Uploads a small PDF as an attachment of the caller; returns its file id. */
export async function uploadContract(t: TestApp, cookie: string, content = pdf(), filename = '合同.pdf') {
  const body = multipartBody({ purpose: 'attachment' }, [{ filename, content }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: { ...body.headers, cookie } });
  return { status: res.statusCode, id: res.json().id as string, body: res.json() };
}
