/**
 * The API's conventions (issue 2, part 6 and "Bad input"): health, OpenAPI, the one error shape
 * with field-level details in Chinese and English, bad input of every kind, CSRF, pagination,
 * security headers and caching of personal data.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { App } from '../src/platform/http/types.ts';
import { countOf, type DemoIds, demoIds, enterpriseBody, newCreditCode, one, withWrongCheckChar } from './fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let ids: DemoIds;
let admin: string;
const registeredRoutes: { method: string; url: string }[] = [];

beforeAll(async () => {
  const collect = (message: unknown) => {
    const { fastify } = message as {
      fastify: { addHook: (n: 'onRoute', h: (r: { method: string | string[]; url: string }) => void) => void };
    };
    fastify.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') registeredRoutes.push({ method, url: r.url });
    });
  };
  subscribe('fastify.initialization', collect);
  t = await createTestApp();
  unsubscribe('fastify.initialization', collect);
  ids = await demoIds(t.database);
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

const ERROR_KEYS = ['code', 'message', 'messageZh', 'messageEn', 'details'];

/** Asserts the one error shape, with no stack trace, SQL or internals. */
function expectError(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  for (const key of Object.keys(body.error)) expect(ERROR_KEYS).toContain(key);
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
  expect(res.body).not.toMatch(/\bstack\b|at .+\.(ts|js):\d+|node_modules|select |insert into|FST_|Error:/i);
  return body.error as { code: string; message: string; messageZh: string; messageEn: string; details?: Record<string, unknown> };
}
type FieldError = { path: string; code: string; message: string; messageZh: string; messageEn: string };
const fieldsOf = (res: LightMyRequestResponse) => (res.json().error.details?.fields ?? []) as FieldError[];

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as string, headers: { cookie: admin, ...headers } });
const patch = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'PATCH', url, payload: payload as string, headers: { cookie: admin, ...headers } });
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: admin, ...headers } });

describe('health and API documentation', () => {
  it('GET /api/health answers ok with the engine of this run', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
    expect(t.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document with every /api/v1 route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toContain('InnoTown');
    const v1 = registeredRoutes.filter((r) => r.url.startsWith('/api/v1/'));
    expect(v1.length).toBeGreaterThan(20);
    const missing = v1
      .filter((r) => !doc.paths?.[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    // Generated from the same zod schemas that validate requests.
    const create = doc.paths['/api/v1/enterprises'].post.requestBody.content['application/json'].schema;
    expect(create.properties.creditCode).toBeDefined();
    expect(create.required).toEqual(expect.arrayContaining(['name', 'creditCode', 'townId']));
    expect(create.additionalProperties).toBe(false);
    const list = doc.paths['/api/v1/enterprises'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(['page', 'pageSize']));
  });

  it('serves the docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('the error shape', () => {
  it('an unknown route answers 404 JSON in the error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/nothing-here'],
      ['DELETE', '/api/v1/towns'],
      ['GET', '/api/v2/towns'],
      ['GET', '/api'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { cookie: admin } });
      expectError(res, 404, 'ROUTE_NOT_FOUND');
    }
  });

  it('a malformed id is a 400, a well-formed unknown id a 404', async () => {
    const bad = await get('/api/v1/enterprises/not-a-uuid');
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(bad)[0]?.path).toBe('id');
    expectError(await get('/api/v1/enterprises/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });

  it('messages are Chinese by default and English with Accept-Language: en', async () => {
    const zh = expectError(await t.app.inject({ method: 'GET', url: '/api/v1/me' }), 401, 'UNAUTHENTICATED');
    expect(zh.message).toBe('请先登录');
    const en = expectError(await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'en-GB,en;q=0.8' } }), 401);
    expect(en.message).toBe('Please sign in');
    expect(en).toMatchObject({ messageZh: '请先登录', messageEn: 'Please sign in' });
    // Chinese first in the header: Chinese.
    const zhFirst = expectError(
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'zh-CN,en;q=0.5' } }),
      401,
    );
    expect(zhFirst.message).toBe('请先登录');
  });

  it('an unexpected error answers 500 INTERNAL without its message, stack or SQL', async () => {
    const app: App = await buildApp({ config: t.config, database: t.database, logger: false });
    const permission = { resource: 'health', action: 'read' } as const;
    app.get('/api/v1/test-boom', { config: { permission } }, async () => {
      throw new Error('secret detail: password=hunter2');
    });
    app.get('/api/v1/test-sql', { config: { permission } }, async () => app.db.execute(sql`select secret_column from no_such_table`));
    await app.ready();
    try {
      for (const url of ['/api/v1/test-boom', '/api/v1/test-sql']) {
        const res = await app.inject({ method: 'GET', url });
        const error = expectError(res, 500, 'INTERNAL');
        expect(error.message).toBe('服务器内部错误');
        expect(res.body).not.toMatch(/hunter2|secret|no_such_table/);
      }
    } finally {
      await app.close();
    }
  });
});

describe('validation: 400 with field-level details', () => {
  it('a bad credit code names the field, in Chinese by default and in English on request', async () => {
    const body = enterpriseBody(ids.guzhenTownId, { creditCode: withWrongCheckChar(newCreditCode()) });
    const zh = await post('/api/v1/enterprises', body);
    expectError(zh, 400, 'VALIDATION_FAILED');
    expect(zh.json().error.message).toBe('提交的数据有误，请检查标出的字段');
    expect(fieldsOf(zh)).toEqual([
      {
        path: 'creditCode',
        code: 'credit_code_invalid',
        message: expect.stringContaining('统一社会信用代码'),
        messageZh: expect.stringContaining('统一社会信用代码'),
        messageEn: expect.stringContaining('credit code'),
      },
    ]);
    const en = await post('/api/v1/enterprises', body, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Some fields are invalid');
    expect(fieldsOf(en)[0]).toMatchObject({
      path: 'creditCode',
      code: 'credit_code_invalid',
      message: expect.stringContaining('credit code'),
    });
  });

  it('reports wrong types, missing fields, unknown fields and over-long strings, all at once', async () => {
    const res = await post('/api/v1/enterprises', {
      creditCode: newCreditCode(),
      industryCode: 'C3872',
      townId: ids.guzhenTownId,
      sizeClass: 'huge',
      isHighTech: 'yes',
      address: 'x'.repeat(201),
      role: 'city_admin',
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    const byPath = Object.fromEntries(fieldsOf(res).map((f) => [f.path, f]));
    expect(byPath.name?.code).toBe('invalid_type'); // missing
    expect(byPath.sizeClass?.code).toBe('invalid_value');
    expect(byPath.isHighTech?.code).toBe('invalid_type');
    expect(byPath.address?.code).toBe('too_big');
    expect(byPath.role?.code).toBe('unrecognized_keys');
    for (const f of fieldsOf(res)) {
      expect(f.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.messageEn).toMatch(/^[\x20-\x7e]+$/);
      expect(f.message).toBe(f.messageZh);
    }
    const en = await post('/api/v1/enterprises', { name: 'x'.repeat(121) }, { 'accept-language': 'en' });
    const name = fieldsOf(en).find((f) => f.path === 'name');
    expect(name).toMatchObject({ code: 'too_big' });
    expect(name?.message).toBe(name?.messageEn);
  });

  it('rejects unknown fields on every write (strict schemas), including fields that only exist in the database', async () => {
    const cases: [string, string, unknown][] = [
      ['PATCH', `/api/v1/enterprises/${ids.ownEnterpriseId}`, { createdAt: '2020-01-01T00:00:00Z' }],
      ['PATCH', `/api/v1/towns/${ids.guzhenTownId}`, { code: '442000999' }],
      ['PATCH', `/api/v1/institutions/${ids.providerInstitutionId}`, { id: ids.providerInstitutionId }],
      ['PATCH', `/api/v1/users/${ids.userIds.expert}`, { passwordHash: 'x' }],
      ['PATCH', `/api/v1/enterprises/${ids.ownEnterpriseId}`, { creditCode: newCreditCode() }],
      [
        'PUT',
        `/api/v1/enterprises/${ids.ownEnterpriseId}/figures/2024`,
        { revenueFen: 1, rdExpenditureFen: 1, employees: 1, rdStaff: 1, highTechOutputFen: 1, year: 2020 },
      ],
    ];
    for (const [method, url, payload] of cases) {
      const res = await t.app.inject({ method: method as 'PATCH', url, payload: payload as string, headers: { cookie: admin } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res).map((f) => f.code)).toContain('unrecognized_keys');
    }
  });

  it('validates query strings and path parameters too', async () => {
    const res = await get('/api/v1/enterprises?sizeClass=giant&isHighTech=maybe&sort=password');
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(
      fieldsOf(res)
        .map((f) => f.path)
        .sort(),
    ).toEqual(['isHighTech', 'sizeClass', 'sort']);
    expectError(await get(`/api/v1/enterprises/${ids.ownEnterpriseId}/figures/1999`), 404, 'ROUTE_NOT_FOUND');
    const year = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/enterprises/${ids.ownEnterpriseId}/figures/1999`,
      headers: { cookie: admin },
      payload: { revenueFen: 1, rdExpenditureFen: 1, employees: 1, rdStaff: 1, highTechOutputFen: 1 },
    });
    expectError(year, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(year)[0]?.path).toBe('year');
  });

  it('refuses money that is not whole fen', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/enterprises/${ids.ownEnterpriseId}/figures/2024`,
      headers: { cookie: admin },
      payload: { revenueFen: 100.5, rdExpenditureFen: -1, employees: 1, rdStaff: 1, highTechOutputFen: '100' },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(
      fieldsOf(res)
        .map((f) => f.path)
        .sort(),
    ).toEqual(['highTechOutputFen', 'rdExpenditureFen', 'revenueFen']);
  });
});

describe('bad requests', () => {
  it('a duplicate credit code is 409, whatever its case', async () => {
    const existing = await one<{ credit_code: string }>(
      t.database,
      sql`select credit_code from enterprises where id = ${ids.otherTownEnterpriseId}`,
    );
    const before = await countOf(t.database, 'enterprises');
    for (const creditCode of [existing.credit_code, existing.credit_code.toLowerCase(), ` ${existing.credit_code} `]) {
      const res = await post('/api/v1/enterprises', enterpriseBody(ids.guzhenTownId, { creditCode }));
      expectError(res, 409, 'CREDIT_CODE_TAKEN');
    }
    expect(await countOf(t.database, 'enterprises')).toBe(before);
  });

  it('malformed JSON is a 400, an empty JSON body too', async () => {
    for (const payload of ['{"name": "x",', '{name: 1}', "{'a':1}", 'null x']) {
      const res = await post('/api/v1/enterprises', payload, { 'content-type': 'application/json' });
      expectError(res, 400, 'BAD_REQUEST');
    }
    expectError(await post('/api/v1/enterprises', '', { 'content-type': 'application/json' }), 400, 'BAD_REQUEST');
  });

  it('a JSON body that is not an object, or no body at all, is a validation error', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      expectError(await post('/api/v1/enterprises', payload, { 'content-type': 'application/json' }), 400, 'VALIDATION_FAILED');
    }
    expectError(await t.app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: { cookie: admin } }), 400, 'VALIDATION_FAILED');
  });

  it('an unsupported content type is a 415; a text/plain body (what a cross-site form can send) is never accepted', async () => {
    const before = await countOf(t.database, 'enterprises');
    const res = await post('/api/v1/enterprises', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await post('/api/v1/enterprises', 'hello', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const text = JSON.stringify(enterpriseBody(ids.guzhenTownId));
    expectError(await post('/api/v1/enterprises', text, { 'content-type': 'text/plain' }), 400, 'VALIDATION_FAILED');
    expect(await countOf(t.database, 'enterprises')).toBe(before);
  });

  it('a body over the limit (1 MiB by default) is a 413 and creates nothing', async () => {
    const before = await countOf(t.database, 'enterprises');
    const huge = JSON.stringify(enterpriseBody(ids.guzhenTownId, { description: 'x'.repeat(1024 * 1024 + 10) }));
    expectError(await post('/api/v1/enterprises', huge, { 'content-type': 'application/json' }), 413, 'PAYLOAD_TOO_LARGE');
    expect(await countOf(t.database, 'enterprises')).toBe(before);
  });

  it('follows BODY_LIMIT_BYTES', async () => {
    const small = await buildApp({ config: { ...t.config, bodyLimitBytes: 2048 }, database: t.database, logger: false });
    try {
      const cookie = admin;
      const over = JSON.stringify(enterpriseBody(ids.guzhenTownId, { description: 'x'.repeat(3000) }));
      const res = await small.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: over,
        headers: { cookie, 'content-type': 'application/json' },
      });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      const under = await small.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: enterpriseBody(ids.guzhenTownId),
        headers: { cookie },
      });
      expect(under.statusCode).toBe(201);
    } finally {
      await small.close();
    }
  });

  it('SQL and HTML injection strings are stored and returned verbatim, as JSON data', async () => {
    const name = `'); drop table enterprises;-- 公司`;
    const description = `<script>alert(1)</script><img src=x onerror=alert(2)> " ' \\ &lt;`;
    const res = await post('/api/v1/enterprises', enterpriseBody(ids.guzhenTownId, { name, description, address: '1 OR 1=1; --' }));
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ name, description, address: '1 OR 1=1; --' });
    const again = await get(`/api/v1/enterprises/${res.json().id}`);
    expect(again.json()).toMatchObject({ name, description });
    const stored = await one<{ name: string; description: string }>(
      t.database,
      sql`select name, description from enterprises where id = ${res.json().id}`,
    );
    expect(stored).toEqual({ name, description });
    // The table is still there, and searching with the same text finds exactly this row.
    expect(await countOf(t.database, 'enterprises')).toBeGreaterThan(10);
    const found = await get(`/api/v1/enterprises?q=${encodeURIComponent("'); drop table")}`);
    expect(found.json().total).toBe(1);
  });

  it('search matches % and _ literally', async () => {
    await post('/api/v1/enterprises', enterpriseBody(ids.guzhenTownId, { name: '百分百100%科技有限公司' }));
    const pct = await get(`/api/v1/enterprises?q=${encodeURIComponent('%')}&pageSize=100`);
    expect(pct.statusCode).toBe(200);
    expect(pct.json().items.map((e: { name: string }) => e.name)).toEqual(['百分百100%科技有限公司']);
    expect((await get(`/api/v1/enterprises?q=${encodeURIComponent('_')}`)).json().total).toBe(0);
  });

  it('a failed request changes nothing: one bad field refuses the whole PATCH', async () => {
    const url = `/api/v1/enterprises/${ids.sameTownEnterpriseId}`;
    const before = (await get(url)).json();
    const attempts: unknown[] = [
      { description: '新的简介', contactPhone: '12345' },
      { description: '新的简介', unknownField: 1 },
      { description: '新的简介', townId: '00000000-0000-4000-8000-000000000000' },
      { description: '新的简介', name: '' },
    ];
    for (const payload of attempts) {
      const res = await patch(url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect((await get(url)).json()).toEqual(before);
    }
  });

  it('a conflict part-way through a change rolls all of it back', async () => {
    const url = `/api/v1/institutions/${ids.otherInstitutionId}`;
    const taken = await one<{ name: string }>(t.database, sql`select name from institutions where id = ${ids.providerInstitutionId}`);
    const before = (await get(url)).json();
    const res = await patch(url, { description: '不应保存', name: taken.name });
    expectError(res, 409, 'INSTITUTION_TAKEN');
    expect((await get(url)).json()).toEqual(before);
  });
});

describe('CSRF: cross-site state changes are refused', () => {
  const create = (headers: Record<string, string>) => post('/api/v1/enterprises', enterpriseBody(ids.guzhenTownId), headers);

  it('refuses a foreign Origin with 403 CSRF_REJECTED and changes nothing', async () => {
    const before = await countOf(t.database, 'enterprises');
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost:3001',
      'https://localhost:3000',
      'http://localhost.evil.example:3000',
    ]) {
      const res = await create({ origin, host: 'localhost:3000' });
      expectError(res, 403, 'CSRF_REJECTED');
    }
    expect(await countOf(t.database, 'enterprises')).toBe(before);
  });

  it('refuses Sec-Fetch-Site cross-site and same-site', async () => {
    const before = await countOf(t.database, 'enterprises');
    expectError(await create({ 'sec-fetch-site': 'cross-site' }), 403, 'CSRF_REJECTED');
    expectError(await create({ 'sec-fetch-site': 'same-site' }), 403, 'CSRF_REJECTED');
    // A same-origin Origin does not excuse a cross-site fetch.
    expectError(await create({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000', host: 'localhost:3000' }), 403);
    expect(await countOf(t.database, 'enterprises')).toBe(before);
  });

  it('refuses cross-site login, logout, PATCH, PUT and DELETE too', async () => {
    const evil = { origin: 'https://evil.example' };
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'InnoTown#2026' },
      headers: evil,
    });
    expectError(login, 403, 'CSRF_REJECTED');
    expect(login.headers['set-cookie']).toBeUndefined();
    expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: admin, ...evil } }), 403);
    expect((await get('/api/v1/me')).statusCode).toBe(200);
    expectError(await patch(`/api/v1/enterprises/${ids.ownEnterpriseId}`, { description: 'csrf' }, evil), 403);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/enterprises/${ids.ownEnterpriseId}/figures/2024`,
      headers: { cookie: admin, ...evil },
      payload: { revenueFen: 1, rdExpenditureFen: 1, employees: 1, rdStaff: 1, highTechOutputFen: 1 },
    });
    expectError(put, 403);
    const del = await t.app.inject({ method: 'DELETE', url: '/api/v1/holidays/2026-10-01', headers: { cookie: admin, ...evil } });
    expect([403, 404]).toContain(del.statusCode); // 404 only if the holidays module is not registered yet
  });

  it('allows same-origin browser requests', async () => {
    const res = await create({ origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' });
    expect(res.statusCode).toBe(201);
    // Behind a reverse proxy on the default port: Host without a port.
    expect((await create({ origin: 'http://innotown.example', host: 'innotown.example' })).statusCode).toBe(201);
    // What light-my-request sends by default.
    expect((await create({ origin: 'http://localhost:80' })).statusCode).toBe(201);
    // A navigation the user started (Sec-Fetch-Site: none).
    expect((await create({ 'sec-fetch-site': 'none' })).statusCode).toBe(201);
  });

  it('allows clients that send no Origin (curl, scripts, server to server)', async () => {
    expect((await create({})).statusCode).toBe(201);
  });

  it('allows cross-site reads (GET has no effect)', async () => {
    const res = await get('/api/v1/towns', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(200);
  });

  it('allows origins listed in ALLOWED_ORIGINS', async () => {
    const app = await buildApp({
      config: { ...t.config, allowedOrigins: ['https://web.innotown.example'] },
      database: t.database,
      logger: false,
    });
    try {
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: enterpriseBody(ids.guzhenTownId),
        headers: { cookie: admin, origin: 'https://web.innotown.example' },
      });
      expect(ok.statusCode).toBe(201);
      const no = await app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: enterpriseBody(ids.guzhenTownId),
        headers: { cookie: admin, origin: 'https://evil.example' },
      });
      expectError(no, 403, 'CSRF_REJECTED');
    } finally {
      await app.close();
    }
  });
});

describe('pagination', () => {
  type List = { items: { id: string }[]; total: number; page: number; pageSize: number };

  it('every list answers { items, total, page, pageSize } with defaults page 1 and pageSize 20', async () => {
    for (const url of ['/api/v1/enterprises', '/api/v1/institutions', '/api/v1/users', '/api/v1/audit-events']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      const body = res.json() as List;
      expect(Object.keys(body).sort(), url).toEqual(expect.arrayContaining(['items', 'page', 'pageSize', 'total']));
      expect(body.page).toBe(1);
      expect(body.pageSize).toBe(20);
      expect(body.items.length).toBe(Math.min(20, body.total));
    }
    const towns = (await get('/api/v1/towns')).json() as List;
    expect(towns).toMatchObject({ page: 1, total: 23 });
    expect(towns.items).toHaveLength(23);
  });

  it('pages are disjoint, ordered and add up to the total', async () => {
    const total = await countOf(t.database, 'institutions');
    const seen: string[] = [];
    for (let page = 1; (page - 1) * 7 < total; page++) {
      const body = (await get(`/api/v1/institutions?page=${page}&pageSize=7`)).json() as List;
      expect(body).toMatchObject({ page, pageSize: 7, total });
      seen.push(...body.items.map((i) => i.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const beyond = (await get('/api/v1/institutions?page=999&pageSize=7')).json() as List;
    expect(beyond).toMatchObject({ items: [], total, page: 999 });
  });

  it('refuses pageSize over 100, page 0 and non-numbers', async () => {
    for (const query of ['pageSize=101', 'pageSize=0', 'page=0', 'page=-1', 'page=abc', 'pageSize=1.5']) {
      const res = await get(`/api/v1/enterprises?${query}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(['page', 'pageSize']).toContain(fieldsOf(res)[0]?.path);
    }
    expect((await get('/api/v1/enterprises?pageSize=100')).statusCode).toBe(200);
    expectError(await get('/api/v1/towns?pageSize=101'), 400);
    expectError(await get('/api/v1/audit-events?pageSize=1000'), 400);
  });
});

describe('headers', () => {
  it('security headers on every kind of response', async () => {
    const responses = [
      await t.app.inject({ method: 'GET', url: '/api/v1/towns' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/me' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      await t.app.inject({ method: 'GET', url: '/' }),
      await post('/api/v1/enterprises', '{', { 'content-type': 'application/json' }),
    ];
    for (const res of responses) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('responses with personal data carry Cache-Control: no-store', async () => {
    const expert = await t.login('expert');
    const urls = [
      ['/api/v1/me', admin],
      ['/api/v1/enterprises', admin],
      [`/api/v1/enterprises/${ids.ownEnterpriseId}`, admin],
      [`/api/v1/enterprises/${ids.ownEnterpriseId}/figures`, admin],
      ['/api/v1/users', admin],
      [`/api/v1/users/${ids.userIds.guzhen}`, admin],
      ['/api/v1/audit-events', admin],
      ['/api/v1/audit-events/export?format=csv', admin],
      ['/api/v1/me', expert],
    ] as const;
    for (const [url, cookie] of urls) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(String(res.headers['cache-control']), url).toMatch(/no-store/);
    }
    // Errors too (they may echo what was sent).
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).headers['cache-control']).toBe('no-store');
    // Writes that answer with the record.
    const created = await post('/api/v1/enterprises', enterpriseBody(ids.guzhenTownId, { contactPhone: '13912345678' }));
    expect(created.headers['cache-control']).toMatch(/no-store/);
  });

  it('keeps a well-formed X-Request-Id and replaces anything else', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'trace-abc_123' } });
    expect(kept.headers['x-request-id']).toBe('trace-abc_123');
    const replaced = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id\u00e9<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
