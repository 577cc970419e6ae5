import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { demoIds, one } from './fixtures.ts';
import { DEMO_PASSWORD, type TestApp } from './harness.ts';

/**
 * What the service-order and requirement tests act as: the demo accounts' sessions (each a real login),
 * lamplab's institution (古镇镇, an alliance member; `provider` is in 东区), and a second enterprise user of
 * another enterprise in the demo enterprise's town, created as `otherUsername`.
 */
export async function marketplaceActors(t: TestApp, otherUsername: string) {
  const ids = await demoIds(t.database);
  const admin = await t.login('admin');
  const actors = {
    ids,
    admin,
    provider: await t.login('provider'),
    lamplab: await t.login('lamplab'),
    enterprise: await t.login('enterprise'),
    guzhen: await t.login('guzhen'),
    xiaolan: await t.login('xiaolan'),
    expert: await t.login('expert'),
    lamplabInstitutionId: (await one<{ id: string }>(t.database, sql`select institution_id as id from users where username = 'lamplab'`))
      .id,
  };
  const other = await t.call('POST', '/api/v1/users', admin, {
    username: otherUsername,
    password: DEMO_PASSWORD,
    displayName: '另一企业用户',
    role: 'enterprise',
    enterpriseId: ids.sameTownEnterpriseId,
  });
  expect(other.status).toBe(201);
  return { ...actors, otherEnterprise: await t.login(otherUsername) };
}
