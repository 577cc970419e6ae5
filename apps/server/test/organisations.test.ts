/**
 * Organisation workflows: the city admin maintains towns, institutions, enterprises and
 * accounts; a town admin manages their town's enterprises; an enterprise user its own profile
 * and annual figures. The dashboard's public counts match the database.
 */
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, type DemoIds, demoIds, enterpriseBody, missingId, newCreditCode, one, rows } from './fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let ids: DemoIds;
let admin: string;
let guzhen: string;
let enterprise: string;
let provider: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  [admin, guzhen, enterprise, provider] = await Promise.all([
    t.login('admin'),
    t.login('guzhen'),
    t.login('enterprise'),
    t.login('provider'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as string } : {}) });
const errorOf = (res: LightMyRequestResponse) =>
  res.json().error as { code: string; details?: { fields?: { path: string; code: string }[] } };
const expectCode = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(errorOf(res).code).toBe(code);
};

describe('towns (city admin)', () => {
  it('creates a town, which then appears in the public list', async () => {
    const res = await send('POST', '/api/v1/towns', admin, {
      code: '442000999',
      name: '测试新区',
      nameEn: 'Test New Area',
      kind: 'subdistrict',
      industries: ['智能制造', '生物医药'],
      population: 12345,
      longitude: 113.4,
      latitude: 22.5,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: '442000999',
      name: '测试新区',
      industries: ['智能制造', '生物医药'],
      enterpriseCount: 0,
      institutionCount: 0,
    });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/towns?q=测试新区' })).json();
    expect(list.total).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/towns' })).json().total).toBe(24);
  });

  it('refuses a duplicate code or name (409) and a malformed code (400)', async () => {
    const base = { nameEn: 'X', kind: 'town' };
    expectCode(await send('POST', '/api/v1/towns', admin, { ...base, code: '442000103', name: '另一个镇' }), 409, 'DUPLICATE');
    expectCode(await send('POST', '/api/v1/towns', admin, { ...base, code: '442000998', name: '古镇镇' }), 409, 'DUPLICATE');
    expectCode(await send('POST', '/api/v1/towns', admin, { ...base, code: '44A', name: '坏代码镇' }), 400, 'VALIDATION_FAILED');
    expect(await countOf(t.database, 'towns', sql`name in ('另一个镇', '坏代码镇')`)).toBe(0);
  });

  it('edits a town, changing only what was sent', async () => {
    const before = (await send('GET', `/api/v1/towns/${ids.guzhenTownId}`, admin)).json();
    expect(before.industries.length).toBeGreaterThan(0);
    const res = await send('PATCH', `/api/v1/towns/${ids.guzhenTownId}`, admin, { description: '中国灯饰之都' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      description: '中国灯饰之都',
      industries: before.industries,
      name: '古镇镇',
      population: before.population,
    });
    // The code is fixed once created.
    expectCode(await send('PATCH', `/api/v1/towns/${ids.guzhenTownId}`, admin, { code: '442000000' }), 400, 'VALIDATION_FAILED');
    expectCode(await send('PATCH', `/api/v1/towns/${ids.guzhenTownId}`, admin, { name: '小榄镇' }), 409, 'DUPLICATE');
  });
});

describe('institutions', () => {
  it('the city admin creates and edits an institution', async () => {
    const res = await send('POST', '/api/v1/institutions', admin, {
      name: '中山市测试检测中心',
      type: 'testing_lab',
      level: 'city',
      townId: ids.xiaolanTownId,
      creditCode: newCreditCode(),
      website: 'https://lab.example.cn',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '中山市测试检测中心', type: 'testing_lab', level: 'city', townName: '小榄镇' });
    const edited = await send('PATCH', `/api/v1/institutions/${res.json().id}`, admin, { level: 'provincial', type: 'research_institute' });
    expect(edited.json()).toMatchObject({ level: 'provincial', type: 'research_institute', website: 'https://lab.example.cn' });
  });

  it('refuses a duplicate name (409), a bad credit code, an unknown town and a non-http website', async () => {
    const existing = await one<{ name: string }>(t.database, sql`select name from institutions where id = ${ids.bankInstitutionId}`);
    const base = { type: 'testing_lab', level: 'city', townId: ids.guzhenTownId };
    const before = await countOf(t.database, 'institutions');
    expectCode(await send('POST', '/api/v1/institutions', admin, { ...base, name: existing.name }), 409, 'INSTITUTION_TAKEN');
    expectCode(
      await send('POST', '/api/v1/institutions', admin, { ...base, name: '坏代码机构', creditCode: '12442000456789012X' }),
      400,
      'VALIDATION_FAILED',
    );
    expectCode(
      await send('POST', '/api/v1/institutions', admin, { ...base, name: '无镇机构', townId: missingId() }),
      400,
      'INSTITUTION_TOWN_NOT_FOUND',
    );
    for (const website of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.cn', 'not a url']) {
      const res = await send('POST', '/api/v1/institutions', admin, { ...base, name: '网址机构', website });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(errorOf(res).details?.fields?.[0]?.path).toBe('website');
    }
    expect(await countOf(t.database, 'institutions')).toBe(before);
  });

  it('a provider edits its own institution’s description and website, and nothing else', async () => {
    const url = `/api/v1/institutions/${ids.providerInstitutionId}`;
    const ok = await send('PATCH', url, provider, { description: '为中小企业提供技术咨询', website: 'https://www.zspc.example.cn' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ description: '为中小企业提供技术咨询', website: 'https://www.zspc.example.cn' });
    const before = (await send('GET', url, admin)).json();
    for (const payload of [{ name: '改名' }, { level: 'national' }, { townId: ids.xiaolanTownId }, { creditCode: null }]) {
      const res = await send('PATCH', url, provider, payload);
      expectCode(res, 403, 'FORBIDDEN');
      expect(errorOf(res).details?.fields?.map((f) => f.code)).toEqual(['field_not_allowed']);
    }
    expectCode(await send('PATCH', url, provider, { website: 'javascript:alert(document.cookie)' }), 400, 'VALIDATION_FAILED');
    expect((await send('GET', url, admin)).json()).toEqual(before);
  });
});

describe('enterprises', () => {
  it('the city admin creates an enterprise in any town; flags default to false; the code is upper-cased', async () => {
    const creditCode = newCreditCode();
    const res = await send('POST', '/api/v1/enterprises', admin, {
      ...enterpriseBody(ids.dongfengTownId, { creditCode: creditCode.toLowerCase() }),
      name: '中山市东凤测试电器有限公司',
      address: '中山市东凤镇测试路 8 号',
      contactName: '陈测试',
      contactPhone: '13912345678',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      creditCode,
      townId: ids.dongfengTownId,
      townName: '东凤镇',
      isHighTech: false,
      isTechSme: false,
      isAboveScale: false,
      latestYear: null,
      contactPhone: '139****5678', // masked: the admin is not the enterprise
    });
    expect(
      (await one<{ contact_phone: string }>(t.database, sql`select contact_phone from enterprises where id = ${res.json().id}`))
        .contact_phone,
    ).toBe('13912345678');
    expectCode(await send('POST', '/api/v1/enterprises', admin, enterpriseBody(missingId())), 400, 'TOWN_NOT_FOUND');
  });

  it('a town admin creates an enterprise in their own town (201) but not in another (403)', async () => {
    const own = await send('POST', '/api/v1/enterprises', guzhen, enterpriseBody(ids.guzhenTownId, { isHighTech: true }));
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ townId: ids.guzhenTownId, isHighTech: true });
    const before = await countOf(t.database, 'enterprises');
    expectCode(await send('POST', '/api/v1/enterprises', guzhen, enterpriseBody(ids.xiaolanTownId)), 403, 'TOWN_OUT_OF_SCOPE');
    expectCode(await send('POST', '/api/v1/enterprises', guzhen, enterpriseBody(missingId())), 403, 'TOWN_OUT_OF_SCOPE');
    expect(await countOf(t.database, 'enterprises')).toBe(before);
  });

  it('a town admin edits their enterprises but cannot move one to another town; the city admin can', async () => {
    const created = (await send('POST', '/api/v1/enterprises', guzhen, enterpriseBody(ids.guzhenTownId))).json();
    const url = `/api/v1/enterprises/${created.id}`;
    const edited = await send('PATCH', url, guzhen, { sizeClass: 'medium', isAboveScale: true, description: '灯饰' });
    expect(edited.json()).toMatchObject({ sizeClass: 'medium', isAboveScale: true, description: '灯饰' });
    const before = (await send('GET', url, admin)).json();
    expectCode(await send('PATCH', url, guzhen, { townId: ids.xiaolanTownId }), 403, 'TOWN_OUT_OF_SCOPE');
    expectCode(await send('PATCH', url, guzhen, { townId: ids.xiaolanTownId, description: '搬走' }), 403, 'TOWN_OUT_OF_SCOPE');
    expect((await send('GET', url, admin)).json()).toEqual(before);

    const moved = await send('PATCH', url, admin, { townId: ids.xiaolanTownId });
    expect(moved.json()).toMatchObject({ townId: ids.xiaolanTownId, townName: '小榄镇', isAboveScale: true, description: '灯饰' });
    // Now it belongs to 小榄镇's admin, and 古镇镇's no longer sees it.
    expect((await send('GET', url, guzhen)).statusCode).toBe(404);
    expect((await send('GET', url, await t.login('xiaolan'))).statusCode).toBe(200);
    expectCode(await send('PATCH', url, admin, { townId: missingId() }), 400, 'TOWN_NOT_FOUND');
  });

  it('a PATCH leaves the fields it did not send as they were', async () => {
    const url = `/api/v1/enterprises/${ids.sameTownEnterpriseId}`;
    await send('PATCH', url, admin, { isHighTech: true, isTechSme: true, isAboveScale: true });
    const res = await send('PATCH', url, guzhen, { description: '只改简介' });
    expect(res.json()).toMatchObject({ isHighTech: true, isTechSme: true, isAboveScale: true, description: '只改简介' });
    const row = await one<{ is_high_tech: boolean; is_tech_sme: boolean; is_above_scale: boolean }>(
      t.database,
      sql`select is_high_tech, is_tech_sme, is_above_scale from enterprises where id = ${ids.sameTownEnterpriseId}`,
    );
    expect(row).toEqual({ is_high_tech: true, is_tech_sme: true, is_above_scale: true });
  });

  it('the credit code cannot be changed', async () => {
    expectCode(
      await send('PATCH', `/api/v1/enterprises/${ids.sameTownEnterpriseId}`, admin, { creditCode: newCreditCode() }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('an enterprise user edits its own profile and sees its own phone in full', async () => {
    const url = `/api/v1/enterprises/${ids.ownEnterpriseId}`;
    const profile = {
      name: '中山市古镇镇星耀灯饰照明有限公司',
      address: '中山市古镇镇同兴路 88 号',
      description: '专注 LED 智能照明',
      contactName: '梁嘉敏',
      contactPhone: '13711112222',
      industryCode: 'C3872',
    };
    const res = await send('PATCH', url, enterprise, profile);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(profile);
    const before = (await send('GET', url, admin)).json();
    expect(before.contactPhone).toBe('137****2222');
    for (const payload of [
      { isHighTech: false },
      { townId: ids.xiaolanTownId },
      { sizeClass: 'large' },
      { description: 'x', isTechSme: true },
    ]) {
      const denied = await send('PATCH', url, enterprise, payload);
      expectCode(denied, 403, 'FORBIDDEN');
    }
    expect((await send('GET', url, admin)).json()).toEqual(before);
    expectCode(await send('PATCH', url, enterprise, { contactPhone: '1371111222' }), 400, 'VALIDATION_FAILED');
    expectCode(await send('PATCH', url, enterprise, { industryCode: 'C38721' }), 400, 'VALIDATION_FAILED');
  });
});

describe('annual figures', () => {
  const year = new Date().getUTCFullYear();
  const figures = (overrides: Record<string, unknown> = {}) => ({
    revenueFen: 123_456_789_012,
    rdExpenditureFen: 4_567_890_123,
    employees: 250,
    rdStaff: 40,
    highTechOutputFen: 98_765_432_109,
    ...overrides,
  });
  const put = (y: number, body: unknown, cookie = enterprise, id = ids.ownEnterpriseId) =>
    send('PUT', `/api/v1/enterprises/${id}/figures/${y}`, cookie, body);

  it('an enterprise user reports a year; money in fen round-trips exactly', async () => {
    const res = await put(year - 1, figures());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: year - 1, ...figures() });
    const list = (await send('GET', `/api/v1/enterprises/${ids.ownEnterpriseId}/figures`, enterprise)).json();
    expect(list.items.find((f: { year: number }) => f.year === year - 1)).toMatchObject(figures());
    const row = await one<{ revenue: string; rd: string }>(
      t.database,
      sql`select revenue_fen::text as revenue, rd_expenditure_fen::text as rd from enterprise_annual_figures where enterprise_id = ${ids.ownEnterpriseId} and year = ${year - 1}`,
    );
    expect(row).toEqual({ revenue: '123456789012', rd: '4567890123' });
    // The largest amount the contract allows (1 trillion yuan) survives too.
    const max = await put(year - 1, figures({ revenueFen: 100_000_000_000_000 }));
    expect(max.json().revenueFen).toBe(100_000_000_000_000);
    expect((await put(year - 1, figures({ revenueFen: 100_000_000_000_001 }))).statusCode).toBe(400);
  });

  it('reporting the same year again replaces it; the current year is allowed', async () => {
    expect((await put(year - 2, figures())).statusCode).toBe(200);
    const replaced = await put(year - 2, figures({ employees: 300, rdStaff: 300 }));
    expect(replaced.json()).toMatchObject({ employees: 300, rdStaff: 300 });
    expect(await countOf(t.database, 'enterprise_annual_figures', sql`enterprise_id = ${ids.ownEnterpriseId} and year = ${year - 2}`)).toBe(
      1,
    );
    expect((await put(year, figures())).statusCode).toBe(200);
    expect((await send('GET', `/api/v1/enterprises/${ids.ownEnterpriseId}`, enterprise)).json().latestYear).toBe(year);
  });

  it('refuses R&D staff above employees (400), a future year (422), negatives and fractions, changing nothing', async () => {
    const before = await rows(
      t.database,
      sql`select * from enterprise_annual_figures where enterprise_id = ${ids.ownEnterpriseId} order by year`,
    );
    const over = await put(year - 1, figures({ employees: 10, rdStaff: 11 }));
    expectCode(over, 400, 'VALIDATION_FAILED');
    expect(errorOf(over).details?.fields).toEqual([expect.objectContaining({ path: 'rdStaff', code: 'rd_staff_exceeds_employees' })]);
    expectCode(await put(year + 1, figures()), 422, 'FIGURES_YEAR_IN_FUTURE');
    expectCode(await put(year - 1, figures({ revenueFen: -1 })), 400, 'VALIDATION_FAILED');
    expectCode(await put(year - 1, figures({ employees: 1.5 })), 400, 'VALIDATION_FAILED');
    expectCode(await put(year - 1, { revenueFen: 1 }), 400, 'VALIDATION_FAILED');
    expectCode(await put(1999, figures()), 400, 'VALIDATION_FAILED');
    expect(
      await rows(t.database, sql`select * from enterprise_annual_figures where enterprise_id = ${ids.ownEnterpriseId} order by year`),
    ).toEqual(before);
  });

  it('another enterprise’s figures are out of reach (404); its town admin may report them', async () => {
    expectCode(await put(year - 1, figures(), enterprise, ids.sameTownEnterpriseId), 404, 'NOT_FOUND');
    expect((await put(year - 1, figures(), guzhen, ids.sameTownEnterpriseId)).statusCode).toBe(200);
    expectCode(await put(year - 1, figures(), guzhen, ids.otherTownEnterpriseId), 404, 'NOT_FOUND');
  });
});

describe('user accounts (city admin)', () => {
  const create = (payload: Record<string, unknown>) =>
    send('POST', '/api/v1/users', admin, { password: 'Account#2026', displayName: '测试账号', ...payload });

  it('creates an account of each role with the binding it needs', async () => {
    const town = await create({
      username: 'tz_admin',
      role: 'town_admin',
      townId: ids.xiaolanTownId,
      phone: '13800138000',
      email: 'tz@example.cn',
    });
    expect(town.statusCode, town.body).toBe(201);
    expect(town.json()).toMatchObject({
      role: 'town_admin',
      townId: ids.xiaolanTownId,
      institutionId: null,
      enterpriseId: null,
      bindingName: '小榄镇',
      status: 'active',
      phone: '138****8000',
      email: 't***@example.cn',
    });
    expect(JSON.stringify(town.json())).not.toMatch(/password|argon/i);

    const fin = await create({ username: 'fin_user', role: 'financier', institutionId: ids.bankInstitutionId });
    expect(fin.json()).toMatchObject({ role: 'financier', institutionId: ids.bankInstitutionId });
    const prov = await create({ username: 'prov_user', role: 'provider', institutionId: ids.otherInstitutionId });
    expect(prov.statusCode).toBe(201);
    const ent = await create({ username: 'ent_user', role: 'enterprise', enterpriseId: ids.otherTownEnterpriseId });
    // An enterprise user's town follows the enterprise.
    expect(ent.json()).toMatchObject({ enterpriseId: ids.otherTownEnterpriseId, townId: ids.xiaolanTownId });
    // An expert needs no binding; one sent is dropped.
    const expert = await create({ username: 'exp_user', role: 'expert', townId: ids.guzhenTownId });
    expect(expert.json()).toMatchObject({ role: 'expert', townId: null });

    // The new accounts work, with the scope of their binding.
    const cookie = await t.login('ent_user', 'Account#2026');
    const list = (await send('GET', '/api/v1/enterprises', cookie)).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([ids.otherTownEnterpriseId]);
  });

  it('enforces role bindings', async () => {
    const before = await countOf(t.database, 'users');
    expectCode(await create({ username: 'nb_town', role: 'town_admin' }), 400, 'ROLE_BINDING_INVALID');
    expectCode(await create({ username: 'nb_town2', role: 'town_admin', townId: missingId() }), 400, 'BINDING_NOT_FOUND');
    expectCode(
      await create({ username: 'nb_fin', role: 'financier', institutionId: ids.providerInstitutionId }),
      400,
      'ROLE_BINDING_INVALID',
    );
    expectCode(await create({ username: 'nb_prov', role: 'provider', institutionId: ids.bankInstitutionId }), 400, 'ROLE_BINDING_INVALID');
    expectCode(await create({ username: 'nb_prov2', role: 'provider' }), 400, 'ROLE_BINDING_INVALID');
    expectCode(await create({ username: 'nb_ent', role: 'enterprise' }), 400, 'ROLE_BINDING_INVALID');
    expectCode(await create({ username: 'nb_ent2', role: 'enterprise', enterpriseId: missingId() }), 400, 'BINDING_NOT_FOUND');
    expect(await countOf(t.database, 'users')).toBe(before);
  });

  it('refuses a taken username in any case (409), bad usernames and weak passwords', async () => {
    for (const username of ['admin', 'ADMIN', 'Guzhen', 'eXpErT']) {
      expectCode(await create({ username, role: 'expert' }), 409, 'USERNAME_TAKEN');
    }
    for (const [payload, path] of [
      [{ username: 'ab', role: 'expert' }, 'username'],
      [{ username: '9lives', role: 'expert' }, 'username'],
      [{ username: 'has space', role: 'expert' }, 'username'],
      [{ username: 'weakpw', role: 'expert', password: 'password' }, 'password'],
      [{ username: 'badrole', role: 'superuser' }, 'role'],
      [{ username: 'badphone', role: 'expert', phone: '12345678901' }, 'phone'],
    ] as const) {
      const res = await create(payload);
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(errorOf(res).details?.fields?.map((f) => f.path)).toContain(path);
    }
  });

  it('changes a role with its binding, and clears bindings the new role does not need', async () => {
    const user = (await create({ username: 'shifter', role: 'town_admin', townId: ids.guzhenTownId })).json();
    const url = `/api/v1/users/${user.id}`;
    expectCode(await send('PATCH', url, admin, { role: 'provider' }), 400, 'ROLE_BINDING_INVALID');
    const toProvider = await send('PATCH', url, admin, { role: 'provider', institutionId: ids.otherInstitutionId });
    expect(toProvider.json()).toMatchObject({ role: 'provider', institutionId: ids.otherInstitutionId });
    const toExpert = await send('PATCH', url, admin, { role: 'expert' });
    expect(toExpert.json()).toMatchObject({ role: 'expert', townId: null, institutionId: null, enterpriseId: null });
  });

  it('an admin may neither disable nor demote their own account', async () => {
    const url = `/api/v1/users/${ids.userIds.admin}`;
    expectCode(await send('PATCH', url, admin, { status: 'disabled' }), 422, 'CANNOT_DISABLE_SELF');
    expectCode(await send('PATCH', url, admin, { role: 'expert' }), 422, 'CANNOT_DISABLE_SELF');
    expect((await send('GET', '/api/v1/me', admin)).json().role).toBe('city_admin');
    expect((await send('PATCH', url, admin, { displayName: '市科技局系统管理员' })).json().displayName).toBe('市科技局系统管理员');
  });

  it('lists accounts with filters', async () => {
    const towns = (await send('GET', '/api/v1/users?role=town_admin&pageSize=100', admin)).json();
    expect(towns.total).toBe(await countOf(t.database, 'users', sql`role = 'town_admin'`));
    expect(towns.items.every((u: { role: string }) => u.role === 'town_admin')).toBe(true);
    const inGuzhen = (await send('GET', `/api/v1/users?townId=${ids.guzhenTownId}&pageSize=100`, admin)).json();
    expect(inGuzhen.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['guzhen', 'enterprise']));
    const q = (await send('GET', '/api/v1/users?q=xiao', admin)).json();
    expect(q.items.map((u: { username: string }) => u.username)).toContain('xiaolan');
    for (const u of (await send('GET', '/api/v1/users?pageSize=100', admin)).json().items as { phone: string | null }[]) {
      if (u.phone) expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });
});

describe('dashboard counts', () => {
  it('/stats/overview equals the database counts, for anyone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/stats/overview' });
    expect(res.statusCode).toBe(200);
    const o = res.json();
    const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(t.database, q)).n;
    expect(o.towns).toBe(await countOf(t.database, 'towns'));
    expect(o.enterprises).toBe(await countOf(t.database, 'enterprises'));
    expect(o.institutions).toBe(await countOf(t.database, 'institutions'));
    expect(o.highTechEnterprises).toBe(await count(sql`select count(*)::int as n from enterprises where is_high_tech`));
    const byTown = await rows<{ id: string; e: number; i: number; h: number }>(
      t.database,
      sql`select t.id, (select count(*)::int from enterprises e where e.town_id = t.id) as e,
                 (select count(*)::int from institutions i where i.town_id = t.id) as i,
                 (select count(*)::int from enterprises e where e.town_id = t.id and e.is_high_tech) as h
          from towns t`,
    );
    expect(o.byTown).toHaveLength(byTown.length);
    for (const t0 of byTown) {
      expect(o.byTown.find((x: { townId: string }) => x.townId === t0.id)).toMatchObject({
        enterprises: t0.e,
        institutions: t0.i,
        highTechEnterprises: t0.h,
      });
    }
    const byType = await rows<{ type: string; n: number }>(
      t.database,
      sql`select type, count(*)::int as n from institutions group by type`,
    );
    expect(o.institutionsByType.map((x: { type: string; count: number }) => [x.type, x.count]).sort()).toEqual(
      byType.map((x) => [x.type, x.n]).sort(),
    );
    const guzhenRow = o.byTown.find((x: { townName: string }) => x.townName === '古镇镇');
    expect(guzhenRow.townNameEn).toBeTruthy();
    // Aggregates only: nothing names a single enterprise.
    expect(JSON.stringify(o)).not.toMatch(/有限公司|creditCode|contactPhone/);
  });

  it('follows changes at once', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/stats/overview' })).json();
    await send('POST', '/api/v1/enterprises', admin, enterpriseBody(ids.dongfengTownId, { isHighTech: true }));
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/stats/overview' })).json();
    expect(after.enterprises).toBe(before.enterprises + 1);
    expect(after.highTechEnterprises).toBe(before.highTechEnterprises + 1);
    const dongfeng = (o: { byTown: { townId: string; enterprises: number }[] }) =>
      o.byTown.find((x) => x.townId === ids.dongfengTownId)?.enterprises;
    expect(dongfeng(after)).toBe((dongfeng(before) as number) + 1);
  });
});
