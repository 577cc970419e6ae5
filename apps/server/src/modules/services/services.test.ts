import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, demoIds, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD } from '../../../test/harness.ts';
import { makeResource } from '../../../test/resource-fixtures.ts';

const t = await createTestApp();
afterAll(async () => {
  await t?.close();
});
const ids = await demoIds(t.database);
const admin = await t.login('admin');
const provider = await t.login('provider'); // 中山市生产力促进中心 (东区), an alliance member in the seed
const lamplab = await t.login('lamplab'); // 国家灯具质量监督检验中心 (古镇镇), a member
const guzhen = await t.login('guzhen');
const xiaolan = await t.login('xiaolan');
const lamplabInstitutionId = (await one<{ id: string }>(t.database, sql`select institution_id as id from users where username = 'lamplab'`))
  .id;

const call = t.call;

/** A new provider institution in 东凤镇 with its own provider account, not (yet) in the alliance. */
async function newProvider(label: string): Promise<{ institutionId: string; cookie: string; userId: string }> {
  const inst = await call('POST', '/api/v1/institutions', admin, {
    name: `测试检测中心${label}`,
    type: 'testing_lab',
    level: 'town',
    townId: ids.dongfengTownId,
  });
  expect(inst.status).toBe(201);
  const user = await call('POST', '/api/v1/users', admin, {
    username: `svc${label}`,
    password: DEMO_PASSWORD,
    displayName: `测试服务专员${label}`,
    role: 'provider',
    institutionId: inst.body.id,
  });
  expect(user.status).toBe(201);
  return { institutionId: inst.body.id, cookie: await t.login(`svc${label}`), userId: user.body.id };
}

const body = (overrides: Record<string, unknown> = {}) => ({
  category: 'testing',
  title: '测试服务',
  description: '服务说明',
  priceKind: 'range',
  priceMinFen: 10_000,
  priceMaxFen: 20_000,
  priceUnit: 'sample',
  turnaroundDays: 5,
  ...overrides,
});

async function createAndPublish(cookie: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await call('POST', '/api/v1/services', cookie, body(overrides));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await call('POST', `/api/v1/services/${created.body.id}/publish`, cookie);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body.id;
}

describe('alliance membership', () => {
  it('only members publish; apply → reject with a reason → apply again → approve → publish, audited and notified', async () => {
    const p = await newProvider('m1');
    const draft = await call('POST', '/api/v1/services', p.cookie, body({ title: '盐雾试验（会员测试）' }));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', institutionId: p.institutionId, townId: ids.dongfengTownId, priceMaxFen: 20_000 });
    const refused = await call('POST', `/api/v1/services/${draft.body.id}/publish`, p.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SERVICE_NOT_ALLIANCE_MEMBER');
    expect((await call('GET', `/api/v1/services/${draft.body.id}`, p.cookie)).body.status).toBe('draft');

    const applied = await call('POST', '/api/v1/alliance/memberships', p.cookie, { statement: '我们提供盐雾试验服务' });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'applied', institutionId: p.institutionId, statement: '我们提供盐雾试验服务' });
    const twice = await call('POST', '/api/v1/alliance/memberships', p.cookie, { statement: '再次申请' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('MEMBERSHIP_EXISTS');

    const queue = await call('GET', '/api/v1/alliance/memberships?status=applied&pageSize=100', admin);
    expect(queue.body.items.map((m: { id: string }) => m.id)).toContain(applied.body.id);
    const own = await call('GET', '/api/v1/alliance/memberships', p.cookie);
    expect(own.body.items.map((m: { institutionId: string }) => m.institutionId)).toEqual([p.institutionId]);

    const noReason = await call('POST', `/api/v1/alliance/memberships/${applied.body.id}/decide`, admin, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('MEMBERSHIP_REASON_REQUIRED');
    const rejected = await call('POST', `/api/v1/alliance/memberships/${applied.body.id}/decide`, admin, {
      decision: 'reject',
      reason: '请补充资质证明',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '请补充资质证明' });
    const again = await call('POST', `/api/v1/alliance/memberships/${applied.body.id}/decide`, admin, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MEMBERSHIP_NOT_PENDING');

    const reapplied = await call('POST', '/api/v1/alliance/memberships', p.cookie, { statement: '已补充 CMA 资质' });
    expect(reapplied.status).toBe(201);
    expect(reapplied.body).toMatchObject({ id: applied.body.id, status: 'applied', decisionReason: null });
    const approved = await call('POST', `/api/v1/alliance/memberships/${applied.body.id}/decide`, admin, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await call('POST', `/api/v1/services/${draft.body.id}/publish`, p.cookie)).status).toBe(200);

    const audits = await rows<{ action: string }>(
      t.database,
      sql`select action from audit_events where target_id = ${applied.body.id} and result = 'success' order by occurred_at`,
    );
    expect(audits.map((a) => a.action)).toEqual(['alliance.apply', 'alliance.reject', 'alliance.apply', 'alliance.approve']);
    const notes = await rows<{ kind: string }>(
      t.database,
      sql`select kind from notifications where user_id = ${p.userId} order by created_at`,
    );
    expect(notes.map((n) => n.kind)).toEqual(['alliance.rejected', 'alliance.approved']);
    expect(await countOf(t.database, 'notifications', sql`kind = 'alliance.applied'`)).toBeGreaterThan(0);
  });

  it('the seed makes the productivity centres and testing labs members, and leaves applications in the queue', async () => {
    const members = await rows<{ type: string }>(
      t.database,
      sql`select i.type from alliance_memberships m join institutions i on i.id = m.institution_id where m.status = 'approved'`,
    );
    expect(new Set(members.map((m) => m.type))).toEqual(
      new Set(['productivity_centre', 'testing_lab', 'public_service_platform', 'ip_agency', 'ip_protection_centre']),
    );
    expect(await countOf(t.database, 'alliance_memberships', sql`status = 'applied'`)).toBeGreaterThan(0);
    expect(await countOf(t.database, 'services', sql`status = 'published'`)).toBeGreaterThan(30);
    expect(await countOf(t.database, 'service_resources')).toBeGreaterThan(10);
  });
});

describe('service catalogue', () => {
  it('links instruments and experts of the own institution only', async () => {
    const own = await makeResource(t.database, ids.providerInstitutionId, { reviewStatus: 'published', name: '三坐标测量机（服务测试）' });
    const foreign = await makeResource(t.database, lamplabInstitutionId, { reviewStatus: 'published' });
    const lab = await makeResource(t.database, ids.providerInstitutionId, {
      kind: 'lab',
      specs: { level: 'city', domain: '检测', services: [] },
    });
    const ok = await call('POST', '/api/v1/services', provider, body({ title: '尺寸测量', resourceIds: [own] }));
    expect(ok.status).toBe(201);
    expect(ok.body.resources).toEqual([{ id: own, kind: 'instrument', name: '三坐标测量机（服务测试）' }]);
    for (const resourceIds of [[foreign], [lab], [own, foreign]]) {
      const before = await countOf(t.database, 'services');
      const bad = await call('POST', '/api/v1/services', provider, body({ resourceIds }));
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('SERVICE_RESOURCE_INVALID');
      expect(await countOf(t.database, 'services')).toBe(before);
    }
    const changed = await call('PATCH', `/api/v1/services/${ok.body.id}`, provider, { resourceIds: [], title: '三坐标尺寸测量' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: '三坐标尺寸测量', resources: [] });
  });

  it('providers edit only their institution’s services (404 for others’); town admins read their town’s', async () => {
    const lampDraft = await call('POST', '/api/v1/services', lamplab, body({ title: '灯具草稿服务' }));
    expect(lampDraft.status).toBe(201);
    const id = lampDraft.body.id;
    expect((await call('PATCH', `/api/v1/services/${id}`, provider, { title: '改名' })).status).toBe(404);
    expect((await call('POST', `/api/v1/services/${id}/publish`, provider)).status).toBe(404);
    expect((await call('GET', `/api/v1/services/${id}`, provider)).status).toBe(404);
    expect((await call('GET', `/api/v1/services/${id}`)).status).toBe(404);
    expect((await call('GET', `/api/v1/services/${id}`, guzhen)).status).toBe(200);
    expect((await call('GET', `/api/v1/services/${id}`, xiaolan)).status).toBe(404);
    expect((await call('GET', `/api/v1/services/${id}`, admin)).status).toBe(200);
    expect((await call('GET', `/api/v1/services/${id}`, lamplab)).body.title).toBe('灯具草稿服务');

    const mine = await call('GET', '/api/v1/services?pageSize=100', provider);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(new Set(mine.body.items.map((s: { institutionId: string }) => s.institutionId))).toEqual(new Set([ids.providerInstitutionId]));
    const town = await call('GET', '/api/v1/services?pageSize=100', guzhen);
    expect(new Set(town.body.items.map((s: { townId: string }) => s.townId))).toEqual(new Set([ids.guzhenTownId]));
    expect(town.body.total).toBe(await countOf(t.database, 'services', sql`town_id = ${ids.guzhenTownId}`));
  });

  it('publish → withdraw → publish; a withdrawn service leaves the public eye; wrong-state steps are 409', async () => {
    const id = await createAndPublish(lamplab, { title: '发布撤回测试' });
    expect((await call('GET', `/api/v1/services/${id}`)).status).toBe(200);
    expect((await call('POST', `/api/v1/services/${id}/publish`, lamplab)).body.error.code).toBe('SERVICE_TRANSITION_INVALID');
    expect((await call('POST', `/api/v1/services/${id}/withdraw`, lamplab)).body.status).toBe('withdrawn');
    expect((await call('GET', `/api/v1/services/${id}`)).status).toBe(404);
    const twice = await call('POST', `/api/v1/services/${id}/withdraw`, lamplab);
    expect(twice.status).toBe(409);
    expect((await call('POST', `/api/v1/services/${id}/publish`, lamplab)).body.status).toBe('published');
    const actions = await rows<{ action: string }>(
      t.database,
      sql`select action from audit_events where target_id = ${id} and result = 'success' order by occurred_at`,
    );
    expect(actions.map((a) => a.action)).toEqual(['service.create', 'service.publish', 'service.withdraw', 'service.publish']);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['reversed range', { priceMinFen: 30_000, priceMaxFen: 20_000 }, 422, 'SERVICE_PRICE_RANGE'],
    ['negative price', { priceMinFen: -100 }, 400, 'VALIDATION_FAILED'],
    ['fractional fen', { priceMinFen: 100.5 }, 400, 'VALIDATION_FAILED'],
    ['absurd price', { priceMaxFen: 1e20 }, 400, 'VALIDATION_FAILED'],
    ['range without a max', { priceMaxFen: undefined }, 422, 'SERVICE_PRICE_RANGE_MISSING_MAX'],
    ['fixed price with another max', { priceKind: 'fixed', priceMinFen: 100, priceMaxFen: 200 }, 422, 'SERVICE_PRICE_FIXED_MISMATCH'],
    ['unknown category', { category: 'consulting' }, 400, 'VALIDATION_FAILED'],
    ['unknown unit', { priceUnit: 'day' }, 400, 'VALIDATION_FAILED'],
    ['zero turnaround', { turnaroundDays: 0 }, 400, 'VALIDATION_FAILED'],
    ['status set directly', { status: 'published' }, 400, 'VALIDATION_FAILED'],
    ['empty title', { title: '  ' }, 400, 'VALIDATION_FAILED'],
  ];
  for (const [name, overrides, status, code] of cases) {
    it(`create: ${name} → ${status} ${code}`, async () => {
      const before = await countOf(t.database, 'services');
      const res = await call('POST', '/api/v1/services', provider, body(overrides));
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.messageZh).toBeTruthy();
      expect(res.body.error.messageEn).toBeTruthy();
      expect(await countOf(t.database, 'services')).toBe(before);
    });
  }

  it('a change that would reverse the range is refused and leaves the service as it was', async () => {
    const created = await call('POST', '/api/v1/services', provider, body());
    const res = await call('PATCH', `/api/v1/services/${created.body.id}`, provider, { priceMinFen: 50_000 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('SERVICE_PRICE_RANGE');
    const now = await call('GET', `/api/v1/services/${created.body.id}`, provider);
    expect(now.body).toMatchObject({ priceMinFen: 10_000, priceMaxFen: 20_000 });
    const fixed = await call('PATCH', `/api/v1/services/${created.body.id}`, provider, { priceKind: 'fixed', priceMinFen: 15_000 });
    expect(fixed.body).toMatchObject({ priceKind: 'fixed', priceMinFen: 15_000, priceMaxFen: 15_000 });
  });

  it('search: reversed, negative or fractional price filters and unknown parameters → 400', async () => {
    for (const query of ['priceMin=500&priceMax=100', 'priceMin=-1', 'priceMax=1.5', 'category=consulting', 'colour=red', 'sort=cheap']) {
      const res = await call('GET', `/api/v1/services/search?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('search', () => {
  // A fixed corpus in an institution of its own (filtered by institutionId), so the seed never changes the expectations.
  let p: Awaited<ReturnType<typeof newProvider>>;
  const corpus = { saltTitle: '', saltBody: '', emc: '', training: '', patent: '' };
  let draft = '';
  let withdrawn = '';
  let mine = '';
  beforeAll(async () => {
    p = await newProvider('s1');
    const membership = await call('POST', '/api/v1/alliance/memberships', p.cookie, { statement: '检索测试' });
    await call('POST', `/api/v1/alliance/memberships/${membership.body.id}/decide`, admin, { decision: 'approve' });
    corpus.saltTitle = await createAndPublish(p.cookie, {
      title: '盐雾试验',
      description: '中性盐雾试验与耐腐蚀评级',
      priceMinFen: 30_000,
      priceMaxFen: 250_000,
    });
    corpus.saltBody = await createAndPublish(p.cookie, {
      title: '五金件耐腐蚀评价',
      description: '包括盐雾试验与湿热试验的综合评价',
      priceKind: 'fixed',
      priceMinFen: 80_000,
      priceMaxFen: null,
    });
    corpus.emc = await createAndPublish(p.cookie, {
      title: 'EMC 预测试',
      description: '传导与辐射骚扰摸底',
      priceUnit: 'hour',
      priceMinFen: 60_000,
      priceMaxFen: 180_000,
    });
    corpus.training = await createAndPublish(p.cookie, {
      title: '安规检测培训',
      description: '灯具安规要点',
      category: 'training',
      priceKind: 'fixed',
      priceMinFen: 50_000,
      priceMaxFen: null,
    });
    corpus.patent = await createAndPublish(p.cookie, {
      title: '专利检索分析',
      description: '查新检索与 FTO 分析',
      category: 'ip',
      priceMinFen: 200_000,
      priceMaxFen: 800_000,
      priceUnit: 'project',
    });
    draft = (await call('POST', '/api/v1/services', p.cookie, body({ title: '盐雾试验草稿' }))).body.id;
    withdrawn = await createAndPublish(p.cookie, { title: '盐雾试验已撤回' });
    await call('POST', `/api/v1/services/${withdrawn}/withdraw`, p.cookie);
    mine = `institutionId=${p.institutionId}`;
  });
  const search = async (query: string, cookie?: string) => {
    const res = await call('GET', `/api/v1/services/search?${mine}&${query}`, cookie);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as {
      items: { id: string; highlight: string; priceMinFen: number }[];
      total: number;
      facets: Record<'category' | 'town', { value: string; label?: string; count: number }[]>;
    };
  };

  it('ranks a title match above a description match and highlights the words', async () => {
    const res = await search(`q=${encodeURIComponent('盐雾')}`);
    expect(res.items.map((i) => i.id)).toEqual([corpus.saltTitle, corpus.saltBody]);
    expect(res.total).toBe(2);
    expect(res.items[1]?.highlight).toContain('<mark>盐雾</mark>');
    const latin = await search('q=emc');
    expect(latin.items.map((i) => i.id)).toEqual([corpus.emc]);
    expect((await search(`q=${encodeURIComponent('不存在的词语组合')}`)).total).toBe(0);
  });

  it('shows only published services of members, to every caller (drafts and withdrawn ones stay out)', async () => {
    for (const cookie of [undefined, p.cookie, admin]) {
      const found = (await search(`q=${encodeURIComponent('盐雾试验')}`, cookie)).items.map((i) => i.id);
      expect(found).not.toContain(draft);
      expect(found).not.toContain(withdrawn);
    }
    // A published service of an institution outside the alliance is not on the storefront.
    const outsider = await newProvider('s2');
    const [row] = await rows<{ id: string }>(
      t.database,
      sql`insert into services (institution_id, town_id, category, title, price_kind, price_min_fen, price_max_fen, price_unit, turnaround_days, status, published_at)
        values (${outsider.institutionId}, ${ids.dongfengTownId}, 'testing', '盐雾试验（非会员）', 'fixed', 100, 100, 'sample', 3, 'published', now()) returning id`,
    );
    const all = await call('GET', `/api/v1/services/search?q=${encodeURIComponent('盐雾')}&pageSize=100`);
    expect(all.body.items.map((i: { id: string }) => i.id)).not.toContain(row?.id);
    expect((await call('GET', `/api/v1/services/${row?.id}`)).status).toBe(404);
  });

  it('filters by category, town and price range, with facets that keep the other values choosable', async () => {
    const testing = await search('category=testing');
    expect(new Set(testing.items.map((i) => i.id))).toEqual(new Set([corpus.saltTitle, corpus.saltBody, corpus.emc]));
    const categories = Object.fromEntries(testing.facets.category.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(categories).toEqual({ testing: 3, training: 1, ip: 1 });
    expect(testing.facets.town).toEqual([{ value: ids.dongfengTownId, label: '东凤镇', count: 3 }]);
    // Overlap: services whose range meets [70 000, 100 000] fen.
    const priced = await search('priceMin=70000&priceMax=100000');
    expect(new Set(priced.items.map((i) => i.id))).toEqual(new Set([corpus.saltTitle, corpus.saltBody, corpus.emc]));
    expect((await search(`townId=${ids.guzhenTownId}`)).total).toBe(0);
    const cheapest = await search('sort=price');
    expect(cheapest.items.map((i) => i.priceMinFen)).toEqual([...cheapest.items.map((i) => i.priceMinFen)].sort((a, b) => a - b));
    const newest = await search('');
    expect(newest.items[0]?.id).toBe(corpus.patent);
  });

  it('the seeded storefront finds testing services by Chinese words across towns', async () => {
    const res = await call('GET', `/api/v1/services/search?q=${encodeURIComponent('光色电')}`);
    expect(res.body.items.map((i: { title: string }) => i.title)).toContain('LED 光色电参数检测');
    const emc = await call('GET', '/api/v1/services/search?q=EMC&category=testing');
    expect(emc.body.facets.town.length).toBeGreaterThan(1);
  });
});

describe('provider page', () => {
  it('shows a member’s profile, its published services and the record from existing data; no orders yet', async () => {
    const res = await call('GET', `/api/v1/service-providers/${lamplabInstitutionId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: lamplabInstitutionId, membership: 'approved', townName: '古镇镇' });
    const published = await countOf(t.database, 'services', sql`institution_id = ${lamplabInstitutionId} and status = 'published'`);
    const completed = await countOf(t.database, 'bookings', sql`institution_id = ${lamplabInstitutionId} and status = 'completed'`);
    const instruments = await countOf(
      t.database,
      'resources',
      sql`institution_id = ${lamplabInstitutionId} and kind = 'instrument' and review_status = 'published' and sharing in ('open', 'members')`,
    );
    expect(res.body.record).toEqual({
      servicesPublished: published,
      instrumentsShared: instruments,
      bookingsCompleted: completed,
      // From the service-orders module: no orders completed yet.
      ordersDelivered: 0,
      ratingAverage: null,
      ratingCount: 0,
    });
    expect(res.body.services).toHaveLength(published);
    expect(instruments).toBeGreaterThan(0);
  });

  it('a non-member is not public, but its own providers and the city see its page; a bank or a missing id is 404', async () => {
    const p = await newProvider('p1');
    expect((await call('GET', `/api/v1/service-providers/${p.institutionId}`)).status).toBe(404);
    expect((await call('GET', `/api/v1/service-providers/${p.institutionId}`, provider)).status).toBe(404);
    expect((await call('GET', `/api/v1/service-providers/${p.institutionId}`, p.cookie)).body.membership).toBeNull();
    expect((await call('GET', `/api/v1/service-providers/${p.institutionId}`, admin)).status).toBe(200);
    expect((await call('GET', `/api/v1/service-providers/${ids.bankInstitutionId}`, admin)).status).toBe(404);
    expect((await call('GET', '/api/v1/service-providers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
