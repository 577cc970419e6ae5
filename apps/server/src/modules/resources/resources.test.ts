import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { expertOverrides, makeResource } from '../../../test/resource-fixtures.ts';

let t: TestApp;
let c: Record<'admin' | 'guzhen' | 'provider' | 'enterprise' | 'lamplab', string>;
let ids: Awaited<ReturnType<typeof demoIds>>;
let providerTownId: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  c = {
    admin: await t.login('admin'),
    guzhen: await t.login('guzhen'),
    provider: await t.login('provider'),
    enterprise: await t.login('enterprise'),
    lamplab: await t.login('lamplab'),
  };
  providerTownId = (
    await one<{ town_id: string }>(t.database, sql`select town_id from institutions where id = ${ids.providerInstitutionId}`)
  ).town_id;
  // The provider's town gets an admin account of its own, to review its resources.
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { cookie: c.admin },
    payload: { username: 'dongqu', password: 'InnoTown#2026', displayName: '东区管理员', role: 'town_admin', townId: providerTownId },
  });
});
afterAll(async () => {
  await t?.close();
});

type Call = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; cookie?: string; payload?: unknown };
const call = ({ method, url, cookie, payload }: Call) => t.call(method, url, cookie, payload);
const notices = (username: string, kind: string) =>
  rows(
    t.database,
    sql`select n.title from notifications n join users u on u.id = n.user_id where u.username = ${username} and n.kind = ${kind}`,
  );

describe('review workflow', () => {
  it('draft → submitted → published, audited, notified, and then public', async () => {
    const created = await call({
      method: 'POST',
      url: '/api/v1/resources',
      cookie: c.provider,
      payload: {
        kind: 'instrument',
        name: '积分球光谱辐射计',
        model: 'HAAS-2000',
        manufacturer: '杭州远方光电',
        summary: 'LED 光通量、色温、显色指数测量',
        accreditations: ['CNAS'],
        feeUnit: 'hour',
        feeMinFen: 30_000,
        feeMaxFen: 50_000,
        openingHours: { mon: [['09:00', '17:30']] },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ reviewStatus: 'draft', institutionId: ids.providerInstitutionId, townId: providerTownId });
    const id = created.body.id as string;
    const vector = await one<{ v: string | null }>(t.database, sql`select search_vector::text as v from resources where id = ${id}`);
    expect(vector.v).toContain('haas-2000');

    expect((await call({ method: 'GET', url: `/api/v1/resources/${id}` })).status).toBe(404);
    expect((await call({ method: 'POST', url: `/api/v1/resources/${id}/submit`, cookie: c.provider })).body.reviewStatus).toBe('submitted');
    expect(await notices('dongqu', 'resource.submitted')).toHaveLength(1);
    // Under review, the provider cannot change what the reviewer is judging.
    const edit = await call({ method: 'PATCH', url: `/api/v1/resources/${id}`, cookie: c.provider, payload: { name: '改名' } });
    expect(edit.status).toBe(409);

    const dongqu = await t.login('dongqu');
    const published = await call({
      method: 'POST',
      url: `/api/v1/resources/${id}/review`,
      cookie: dongqu,
      payload: { decision: 'publish' },
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ reviewStatus: 'published' });
    expect(published.body.publishedAt).not.toBeNull();
    expect(await notices('provider', 'resource.published')).toHaveLength(1);
    const audit = await rows(t.database, sql`select action from audit_events where target_id = ${id} and result = 'success' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['resource.create', 'resource.submit', 'resource.publish']);

    const anon = await call({ method: 'GET', url: `/api/v1/resources/${id}` });
    expect(anon.status).toBe(200);
    expect(anon.body).toMatchObject({ name: '积分球光谱辐射计', links: [] });
    // Published: no longer deletable, and not reviewable again.
    expect((await call({ method: 'DELETE', url: `/api/v1/resources/${id}`, cookie: c.provider })).status).toBe(409);
    const again = await call({
      method: 'POST',
      url: `/api/v1/resources/${id}/review`,
      cookie: c.admin,
      payload: { decision: 'reject', comment: 'x' },
    });
    expect(again.status).toBe(409);
  });

  it('a rejection needs a comment, returns the resource to the provider, who may fix and resubmit', async () => {
    const id = await makeResource(t.database, ids.providerInstitutionId, { reviewStatus: 'submitted' });
    const bare = await call({ method: 'POST', url: `/api/v1/resources/${id}/review`, cookie: c.admin, payload: { decision: 'reject' } });
    expect(bare.status).toBe(400);
    const rejected = await call({
      method: 'POST',
      url: `/api/v1/resources/${id}/review`,
      cookie: c.admin,
      payload: { decision: 'reject', comment: '请补充开放时间' },
    });
    expect(rejected.body).toMatchObject({ reviewStatus: 'rejected', reviewComment: '请补充开放时间' });
    expect(await notices('provider', 'resource.rejected')).not.toHaveLength(0);
    expect(
      (await call({ method: 'PATCH', url: `/api/v1/resources/${id}`, cookie: c.provider, payload: { summary: '已补充' } })).status,
    ).toBe(200);
    const resubmitted = await call({ method: 'POST', url: `/api/v1/resources/${id}/submit`, cookie: c.provider });
    expect(resubmitted.body).toMatchObject({ reviewStatus: 'submitted', reviewComment: null });
  });

  it('two concurrent publishes: exactly one succeeds', async () => {
    const id = await makeResource(t.database, ids.providerInstitutionId, { reviewStatus: 'submitted' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call({ method: 'POST', url: `/api/v1/resources/${id}/review`, cookie: c.admin, payload: { decision: 'publish' } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const audit = await one<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_events where target_id = ${id} and action = 'resource.publish' and result = 'success'`,
    );
    expect(audit.n).toBe(1);
  });

  it('only drafts can be deleted; a submitted one cannot be submitted again', async () => {
    const id = await makeResource(t.database, ids.providerInstitutionId, { reviewStatus: 'submitted' });
    expect((await call({ method: 'DELETE', url: `/api/v1/resources/${id}`, cookie: c.provider })).status).toBe(409);
    expect((await call({ method: 'POST', url: `/api/v1/resources/${id}/submit`, cookie: c.provider })).status).toBe(409);
    const draft = await makeResource(t.database, ids.providerInstitutionId);
    expect((await call({ method: 'DELETE', url: `/api/v1/resources/${draft}`, cookie: c.provider })).status).toBe(204);
    expect((await call({ method: 'GET', url: `/api/v1/resources/${draft}`, cookie: c.admin })).status).toBe(404);
  });
});

describe('bad input', () => {
  it('kind-specific specs are checked against the stored kind; fee ranges must be ordered', async () => {
    const lab = await call({
      method: 'POST',
      url: '/api/v1/resources',
      cookie: c.provider,
      payload: { kind: 'lab', name: '实验室', specs: {} },
    });
    expect(lab.status).toBe(400);
    const expert = await makeResource(t.database, ids.providerInstitutionId, expertOverrides);
    const badSpecs = await call({
      method: 'PATCH',
      url: `/api/v1/resources/${expert}`,
      cookie: c.provider,
      payload: { specs: { maturity: 3 } },
    });
    expect(badSpecs.status).toBe(400);
    const fees = await call({
      method: 'PATCH',
      url: `/api/v1/resources/${expert}`,
      cookie: c.provider,
      payload: { feeMinFen: 900, feeMaxFen: 100 },
    });
    expect(fees.status).toBe(400);
    const hours = await call({
      method: 'POST',
      url: '/api/v1/resources',
      cookie: c.provider,
      payload: { kind: 'instrument', name: '盐雾试验箱', openingHours: { mon: [['18:00', '09:00']] } },
    });
    expect(hours.status).toBe(400);
    const photo = await call({
      method: 'POST',
      url: '/api/v1/resources',
      cookie: c.provider,
      payload: { kind: 'instrument', name: '盐雾试验箱', photoFileIds: [ids.providerInstitutionId] },
    });
    expect(photo.status).toBe(422);
  });
});

describe('visibility and masking', () => {
  it('members-only resources need a sign-in; internal ones stay with their managers', async () => {
    const members = await makeResource(t.database, ids.otherInstitutionId, { reviewStatus: 'published', sharing: 'members' });
    expect((await call({ method: 'GET', url: `/api/v1/resources/${members}` })).status).toBe(404);
    expect((await call({ method: 'GET', url: `/api/v1/resources/${members}`, cookie: c.enterprise })).status).toBe(200);
    const internal = await makeResource(t.database, ids.providerInstitutionId, { reviewStatus: 'published', sharing: 'internal' });
    expect((await call({ method: 'GET', url: `/api/v1/resources/${internal}`, cookie: c.enterprise })).status).toBe(404);
    expect((await call({ method: 'GET', url: `/api/v1/resources/${internal}`, cookie: c.provider })).status).toBe(200);
  });

  it('an expert’s phone and e-mail are masked except for the owner institution and city admins', async () => {
    const id = await makeResource(t.database, ids.providerInstitutionId, { ...expertOverrides, reviewStatus: 'published' });
    const contact = async (cookie?: string) => {
      const r = await call({ method: 'GET', url: `/api/v1/resources/${id}`, ...(cookie ? { cookie } : {}) });
      return [r.body.contactPhone, r.body.contactEmail];
    };
    expect(await contact()).toEqual(['139****5678', 'e***@example.com']);
    expect(await contact(c.enterprise)).toEqual(['139****5678', 'e***@example.com']);
    expect(await contact(c.provider)).toEqual(['13912345678', 'expert.test@example.com']);
    expect(await contact(c.admin)).toEqual(['13912345678', 'expert.test@example.com']);
  });

  it('an instrument’s contact person is masked the same way', async () => {
    const id = await makeResource(t.database, ids.providerInstitutionId, {
      reviewStatus: 'published',
      contactPhone: '13912345678',
      contactEmail: 'lab.staff@example.com',
    });
    const anonymous = await call({ method: 'GET', url: `/api/v1/resources/${id}` });
    expect([anonymous.body.contactPhone, anonymous.body.contactEmail]).toEqual(['139****5678', 'l***@example.com']);
    const owner = await call({ method: 'GET', url: `/api/v1/resources/${id}`, cookie: c.provider });
    expect(owner.body.contactPhone).toBe('13912345678');
  });

  it('the management list holds only what the caller manages', async () => {
    await makeResource(t.database, ids.otherInstitutionId, { name: '他人仪器' });
    const list = await call({ method: 'GET', url: '/api/v1/resources?pageSize=100', cookie: c.provider });
    expect(list.status).toBe(200);
    expect(new Set(list.body.items.map((r: { institutionId: string }) => r.institutionId))).toEqual(new Set([ids.providerInstitutionId]));
    const town = await call({ method: 'GET', url: '/api/v1/resources?pageSize=100', cookie: c.guzhen });
    expect(town.body.items.every((r: { townId: string }) => r.townId === ids.guzhenTownId)).toBe(true);
  });
});

describe('links', () => {
  it('an instrument sits in a lab; links show on both ends; nonsense relations are refused', async () => {
    const lab = await makeResource(t.database, ids.providerInstitutionId, {
      kind: 'lab',
      reviewStatus: 'published',
      specs: { level: 'provincial', domain: '光电检测', services: [] },
    });
    const instrument = await makeResource(t.database, ids.providerInstitutionId, { reviewStatus: 'published' });
    const put = (links: unknown[]) =>
      call({ method: 'PUT', url: `/api/v1/resources/${instrument}/links`, cookie: c.provider, payload: { links } });
    expect((await put([{ toResourceId: lab, relation: 'leads' }])).status).toBe(422);
    expect((await put([{ toResourceId: instrument, relation: 'uses' }])).status).toBe(422);
    const hidden = await makeResource(t.database, ids.otherInstitutionId, {
      kind: 'lab',
      specs: { level: 'city', domain: 'x', services: [] },
    });
    expect((await put([{ toResourceId: hidden, relation: 'located_in' }])).status).toBe(422);
    const ok = await put([{ toResourceId: lab, relation: 'located_in' }]);
    expect(ok.status).toBe(200);
    expect(ok.body.items).toEqual([expect.objectContaining({ resourceId: lab, relation: 'located_in', direction: 'out' })]);
    const fromLab = await call({ method: 'GET', url: `/api/v1/resources/${lab}` });
    expect(fromLab.body.links).toEqual([expect.objectContaining({ resourceId: instrument, direction: 'in' })]);
  });
});
