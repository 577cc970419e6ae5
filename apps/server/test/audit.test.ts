/**
 * The audit log (安全审计): what is recorded, with personal data masked; that it is append-only
 * in the database itself; and the city admin's search and export.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, wasAudited } from '../src/platform/audit.ts';
import { ANONYMOUS } from '../src/platform/policy.ts';
import { countOf, type DemoIds, demoIds, enterpriseBody, one, rows } from './fixtures.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './harness.ts';

type AuditRow = {
  id: number;
  occurred_at: Date | string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  status_code: number | null;
  ip: string | null;
  request_id: string | null;
  changes: Record<string, unknown> | null;
};

let t: TestApp;
let ids: DemoIds;
let admin: string;
let firstAuditId = 0;
const routes: string[] = [];

beforeAll(async () => {
  const collect = (message: unknown) => {
    const { fastify } = message as {
      fastify: { addHook: (n: 'onRoute', h: (r: { method: string | string[]; url: string }) => void) => void };
    };
    fastify.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) routes.push(`${m} ${r.url}`);
    });
  };
  subscribe('fastify.initialization', collect);
  t = await createTestApp();
  unsubscribe('fastify.initialization', collect);
  ids = await demoIds(t.database);
  admin = await t.login('admin');
  firstAuditId = (await one<{ id: number }>(t.database, sql`select coalesce(max(id), 0)::int as id from audit_events`)).id;
});
afterAll(async () => {
  await t?.close();
});

const byRequest = (requestId: string) =>
  rows<AuditRow>(
    t.database,
    sql`select id, occurred_at, user_id, username, role, action, target_type, target_id, result, status_code, host(ip) as ip, request_id, changes
        from audit_events where request_id = ${requestId} order by id`,
  );
/** Refusals are recorded by the edge after the response has gone out: wait for the row briefly. */
async function settledByRequest(requestId: string, expected = 1): Promise<AuditRow[]> {
  for (let i = 0; ; i++) {
    const found = await byRequest(requestId);
    if (found.length >= expected || i >= 40) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}
/** Before asserting that no further row came: give the edge's after-response hook time to run. */
const settle = () => new Promise((r) => setTimeout(r, 150));
let reqSerial = 0;
const rid = (label: string) => `audit-${label}-${++reqSerial}`;

describe('what is recorded', () => {
  it('a change records who, role, when, action, target, result, IP, request id and the changed fields, phone masked', async () => {
    const requestId = rid('patch');
    const before = await one<{ contact_phone: string; description: string | null }>(
      t.database,
      sql`select contact_phone, description from enterprises where id = ${ids.sameTownEnterpriseId}`,
    );
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${ids.sameTownEnterpriseId}`,
      headers: { cookie: admin, 'x-request-id': requestId },
      remoteAddress: '198.51.100.20',
      payload: { contactPhone: '13812345678', description: '审计测试', name: undefined },
    });
    expect(res.statusCode).toBe(200);
    await settle();
    const [row, ...more] = await byRequest(requestId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      user_id: ids.userIds.admin,
      username: 'admin',
      role: 'city_admin',
      action: 'enterprise.update',
      target_type: 'enterprise',
      target_id: ids.sameTownEnterpriseId,
      result: 'success',
      status_code: 200,
      ip: '198.51.100.20',
      request_id: requestId,
    });
    expect(row?.changes).toEqual({
      contactPhone: { from: `${before.contact_phone.slice(0, 3)}****${before.contact_phone.slice(-4)}`, to: '138****5678' },
      description: { from: before.description, to: '审计测试' },
    });
    const age = Date.now() - new Date(row?.occurred_at as string).getTime();
    expect(age).toBeGreaterThanOrEqual(-5000);
    expect(age).toBeLessThan(60_000);
    // The full number is nowhere in the log.
    expect(await countOf(t.database, 'audit_events', sql`changes::text like '%13812345678%'`)).toBe(0);
  });

  it('an unchanged field is not listed as changed', async () => {
    const current = await one<{ name: string }>(t.database, sql`select name from enterprises where id = ${ids.sameTownEnterpriseId}`);
    const requestId = rid('same');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${ids.sameTownEnterpriseId}`,
      headers: { cookie: admin, 'x-request-id': requestId },
      payload: { name: current.name, address: '中山市古镇镇审计路 1 号' },
    });
    const [row] = await byRequest(requestId);
    expect(Object.keys(row?.changes ?? {})).toEqual(['address']);
  });

  it('creating a user records e-mail and phone masked, and never the password', async () => {
    const requestId = rid('user');
    const password = 'Secret#Audit2026';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin, 'x-request-id': requestId },
      payload: {
        username: 'audited1',
        password,
        displayName: '审计用户',
        role: 'expert',
        email: 'zhang.san@example.com',
        phone: '13987654321',
      },
    });
    expect(res.statusCode).toBe(201);
    const [row] = await byRequest(requestId);
    expect(row).toMatchObject({ action: 'user.create', target_type: 'user', target_id: res.json().id, result: 'success' });
    expect(row?.changes).toMatchObject({
      phone: { from: null, to: '139****4321' },
      email: { from: null, to: 'z***@example.com' },
      password: { to: '******' },
      role: { from: null, to: 'expert' },
    });
    // An admin reset and a self-service change of password are recorded without the password.
    const reset = rid('reset');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${res.json().id}`,
      headers: { cookie: admin, 'x-request-id': reset },
      payload: { password: 'Another#Secret2026', phone: '13700001111' },
    });
    const [resetRow] = await byRequest(reset);
    expect(resetRow?.changes).toMatchObject({
      password: { from: '******', to: '******' },
      phone: { from: '139****4321', to: '137****1111' },
    });
    const own = await t.login('audited1', 'Another#Secret2026');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: own },
      payload: { currentPassword: 'Another#Secret2026', newPassword: 'Third#Secret2026' },
    });
    const text = (await one<{ s: string }>(t.database, sql`select coalesce(string_agg(changes::text, ' '), '') as s from audit_events`)).s;
    for (const secret of [password, 'Another#Secret2026', 'Third#Secret2026', DEMO_PASSWORD, '13987654321', '13700001111', 'zhang.san@']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\$argon2/);
  });

  it('records the creation of towns, institutions, enterprises and annual figures', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { cookie: await t.login('guzhen'), 'x-request-id': rid('ent') },
      payload: enterpriseBody(ids.guzhenTownId, { contactPhone: '13611112222' }),
    });
    expect(created.statusCode).toBe(201);
    const [row] = await byRequest(created.headers['x-request-id'] as string);
    expect(row).toMatchObject({ username: 'guzhen', role: 'town_admin', action: 'enterprise.create', target_id: created.json().id });
    expect(row?.changes).toMatchObject({ contactPhone: { from: null, to: '136****2222' } });

    const figures = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/enterprises/${created.json().id}/figures/2024`,
      headers: { cookie: admin, 'x-request-id': rid('fig') },
      payload: { revenueFen: 100, rdExpenditureFen: 10, employees: 5, rdStaff: 1, highTechOutputFen: 0 },
    });
    expect(figures.statusCode).toBe(200);
    const [fig] = await byRequest(figures.headers['x-request-id'] as string);
    expect(fig).toMatchObject({ action: 'enterprise_figures.create', target_id: created.json().id });
    expect(fig?.changes).toMatchObject({ year: 2024, revenueFen: { from: null, to: 100 } });
  });

  it('records refusals: 401 and 403 as denied, 404 out of scope as failure, with nothing else', async () => {
    const expert = await t.login('expert');
    const guzhen = await t.login('guzhen');
    const enterprise = await t.login('enterprise');
    const cases = [
      { cookie: undefined, method: 'POST', url: '/api/v1/enterprises', status: 401, result: 'denied', role: 'anonymous', username: null },
      { cookie: expert, method: 'POST', url: '/api/v1/enterprises', status: 403, result: 'denied', role: 'expert', username: 'expert' },
      { cookie: expert, method: 'GET', url: '/api/v1/users', status: 403, result: 'denied', role: 'expert', username: 'expert' },
      {
        cookie: guzhen,
        method: 'PATCH',
        url: `/api/v1/enterprises/${ids.otherTownEnterpriseId}`,
        status: 404,
        result: 'failure',
        role: 'town_admin',
        username: 'guzhen',
        targetId: ids.otherTownEnterpriseId,
        payload: { description: '越权修改' },
      },
      {
        cookie: enterprise,
        method: 'PATCH',
        url: `/api/v1/enterprises/${ids.ownEnterpriseId}`,
        status: 403,
        result: 'denied',
        role: 'enterprise',
        username: 'enterprise',
        targetId: ids.ownEnterpriseId,
        payload: { isHighTech: true },
      },
    ] as const;
    for (const c of cases) {
      const requestId = rid('deny');
      const payload = 'payload' in c ? c.payload : c.method === 'GET' ? undefined : enterpriseBody(ids.guzhenTownId);
      const res = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: { 'x-request-id': requestId, ...(c.cookie ? { cookie: c.cookie } : {}) },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, c.url).toBe(c.status);
      await settledByRequest(requestId);
      await settle();
      const audit = await byRequest(requestId);
      expect(audit, `${c.method} ${c.url}`).toHaveLength(1);
      expect(audit[0]).toMatchObject({ result: c.result, status_code: c.status, role: c.role, username: c.username, ip: '127.0.0.1' });
      if ('targetId' in c) expect(audit[0]?.target_id).toBe(c.targetId);
    }
  });

  it('records each login attempt once, as the account it tried', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-request-id': rid('login') },
      payload: { username: 'expert', password: DEMO_PASSWORD },
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-request-id': rid('login') },
      payload: { username: 'expert', password: 'nope' },
    });
    await settle();
    const okRows = await byRequest(ok.headers['x-request-id'] as string);
    const badRows = await byRequest(bad.headers['x-request-id'] as string);
    expect(okRows.map((r) => [r.action, r.result, r.username, r.role])).toEqual([['auth.login', 'success', 'expert', 'expert']]);
    expect(badRows.map((r) => [r.action, r.result, r.username])).toEqual([['auth.login', 'failure', 'expert']]);
  });

  it('an anonymous visitor’s 401 on a read is not noise in the log', async () => {
    const requestId = rid('me');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': requestId } })).statusCode).toBe(401);
    await settle();
    expect(await byRequest(requestId)).toEqual([]);
  });

  it('a refused change leaves no success record (audit and change commit together)', async () => {
    const requestId = rid('conflict');
    const taken = await one<{ credit_code: string }>(
      t.database,
      sql`select credit_code from enterprises where id = ${ids.ownEnterpriseId}`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { cookie: admin, 'x-request-id': requestId },
      payload: enterpriseBody(ids.guzhenTownId, { creditCode: taken.credit_code }),
    });
    expect(res.statusCode).toBe(409);
    expect((await settledByRequest(requestId)).map((r) => [r.result, r.status_code])).toEqual([['failure', 409]]);
  });
});

describe('append-only', () => {
  const refuses = async (statement: ReturnType<typeof sql>) => {
    await expect(t.database.db.execute(statement)).rejects.toThrow();
  };

  it('the database refuses UPDATE of any audit row', async () => {
    await refuses(sql`update audit_events set result = 'success' where id = (select max(id) from audit_events)`);
    await refuses(sql`update audit_events set changes = null`);
  });

  it('the database refuses DELETE of recent rows and TRUNCATE', async () => {
    const before = await countOf(t.database, 'audit_events');
    await refuses(sql`delete from audit_events where id = (select max(id) from audit_events)`);
    await refuses(sql`delete from audit_events`);
    await refuses(sql`truncate audit_events`);
    expect(await countOf(t.database, 'audit_events')).toBe(before);
  });

  it('the guard holds inside a transaction too, and a refused statement rolls the transaction back', async () => {
    const before = await countOf(t.database, 'audit_events');
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into audit_events (action, result) values ('test.tx', 'success')`);
        await tx.execute(sql`delete from audit_events where action = 'test.tx'`);
      }),
    ).rejects.toThrow();
    expect(await countOf(t.database, 'audit_events')).toBe(before);
  });

  it('only rows past the 6-month retention may be deleted (the purge job)', async () => {
    await t.database.db.execute(
      sql`insert into audit_events (occurred_at, action, result) values (now() - interval '200 days', 'test.ancient', 'success'),
          (now() - interval '170 days', 'test.recent', 'success')`,
    );
    await t.database.db.execute(sql`delete from audit_events where action = 'test.ancient'`);
    expect(await countOf(t.database, 'audit_events', sql`action = 'test.ancient'`)).toBe(0);
    await refuses(sql`delete from audit_events where action = 'test.recent'`);
  });

  it('no route updates or deletes the audit log', async () => {
    const auditRoutes = routes.filter((r) => r.includes('/audit'));
    expect(auditRoutes.length).toBeGreaterThan(0);
    expect(auditRoutes.filter((r) => !/^(GET|HEAD) /.test(r))).toEqual([]);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/v1/audit-events', headers: { cookie: admin }, payload: {} });
      expect(res.statusCode).toBe(404);
      const one = await t.app.inject({ method, url: `/api/v1/audit-events/${firstAuditId}`, headers: { cookie: admin }, payload: {} });
      expect(one.statusCode).toBe(404);
    }
  });

  it('every record written during this file is still there', async () => {
    const r = await one<{ n: number; max: number }>(
      t.database,
      sql`select count(*)::int as n, max(id)::int as max from audit_events where id > ${firstAuditId} and action not like 'test.%'`,
    );
    const gaps = await one<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from generate_series(${firstAuditId + 1}::int, ${r.max}::int) g where not exists (select 1 from audit_events where id = g)`,
    );
    expect(r.n).toBeGreaterThan(10);
    // Ids of rolled-back inserts and of the purged test row may be missing; nothing else.
    expect(gaps.n).toBeLessThanOrEqual(5);
  });
});

describe('search and export (city admin)', () => {
  type Event = { id: string; username: string | null; action: string; result: string; occurredAt: string; changes: unknown };
  const search = async (query: string, cookie = admin) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?pageSize=100&${query}`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Event[]; total: number };
  };

  it('filters by username, action, result and time, newest first, with totals that match the database', async () => {
    const byUser = await search('username=expert');
    expect(byUser.total).toBe(await countOf(t.database, 'audit_events', sql`username = 'expert'`));
    expect(byUser.items.every((e) => e.username === 'expert')).toBe(true);

    const logins = await search('action=auth.login');
    expect(logins.total).toBe(await countOf(t.database, 'audit_events', sql`action like 'auth.login%'`));
    expect(logins.items.every((e) => e.action.startsWith('auth.login'))).toBe(true);

    const failures = await search('action=auth.login&result=failure&username=expert');
    expect(failures.total).toBeGreaterThan(0);
    expect(failures.items.every((e) => e.result === 'failure' && e.username === 'expert' && e.action === 'auth.login')).toBe(true);

    const denied = await search('result=denied');
    expect(denied.total).toBe(await countOf(t.database, 'audit_events', sql`result = 'denied'`));

    const times = byUser.items.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await search(`from=${encodeURIComponent(future)}`)).total).toBe(0);
    const past = new Date(Date.now() - 3600_000).toISOString();
    const recent = await search(`from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`);
    expect(recent.total).toBe(await countOf(t.database, 'audit_events', sql`occurred_at >= now() - interval '1 hour'`));
    expect((await search(`to=${encodeURIComponent(past)}`)).total).toBe(
      await countOf(t.database, 'audit_events', sql`occurred_at <= ${past}::timestamptz`),
    );
  });

  it('filters by target and free text; wildcards are literal', async () => {
    const target = await search(`targetId=${ids.sameTownEnterpriseId}`);
    expect(target.total).toBeGreaterThan(0);
    expect(await search('q=%25')).toMatchObject({ total: 0 });
    expect((await search('q=enterprise.upd')).total).toBe(await countOf(t.database, 'audit_events', sql`action = 'enterprise.update'`));
  });

  it('refuses bad filters with 400', async () => {
    for (const q of ['result=maybe', 'from=yesterday', 'userId=nope', 'pageSize=101']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?${q}`, headers: { cookie: admin } });
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('exports xlsx with the header row and every matching event', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/export?format=xlsx&username=expert',
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-(\d{14})\.xlsx"; filename\*=UTF-8''audit-\1\.xlsx$/);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no worksheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '时间 (UTC) Time',
      '用户 User',
      '角色 Role',
      '操作 Action',
      '对象类型 Target type',
      '对象 Target id',
      '结果 Result',
      '状态码 Status',
      'IP',
      '请求 Request id',
      '变更 Changes',
    ]);
    const expected = await rows<{ action: string; result: string; request_id: string | null }>(
      t.database,
      sql`select action, result, request_id from audit_events where username = 'expert' order by occurred_at desc, id desc`,
    );
    const data: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) data.push((row.values as unknown[]).slice(1));
    });
    expect(data).toHaveLength(expected.length);
    expect(data.map((r) => [r[3], r[6]])).toEqual(expected.map((e) => [e.action, e.result]));
    expect(data.every((r) => r[1] === 'expert')).toBe(true);
    expect(String(data[0]?.[0])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('exports csv (UTF-8 with BOM) with masked personal data and neutralised formulas', async () => {
    // A login attempt stores the username as typed: make it a formula.
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '=HYPERLINK("http://evil")', password: 'x' } });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events/export?format=csv', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{14}\.csv"$/);
    expect(res.body.startsWith('\uFEFF时间 (UTC) Time,用户 User,角色 Role,操作 Action')).toBe(true);
    const lines = res.body.trimEnd().split('\r\n');
    // The export's own audit row is written before the export reads.
    expect(lines.length - 1).toBe(await countOf(t.database, 'audit_events'));
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(res.body).toContain('138****5678');
    expect(res.body).not.toContain('13812345678');
  });

  it('the export is itself audited with its filters', async () => {
    const requestId = rid('export');
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/export?format=csv&result=denied',
      headers: { cookie: admin, 'x-request-id': requestId },
    });
    const [row] = await byRequest(requestId);
    expect(row).toMatchObject({ action: 'audit_event.export', username: 'admin', result: 'success' });
    expect(row?.changes).toEqual({ format: 'csv', filters: { result: 'denied' } });
  });

  it('is for city admins only', async () => {
    for (const name of ['guzhen', 'provider', 'enterprise', 'expert', 'bank']) {
      const cookie = await t.login(name);
      for (const url of ['/api/v1/audit-events', '/api/v1/audit-events/export', '/api/v1/audit-events/export?format=csv']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode, `${name} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit-events' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit-events/export' })).statusCode).toBe(401);
  });
});

describe('a success recorded inside a transaction that then rolled back', () => {
  it('does not stop the edge from recording the error response', async () => {
    const ctx = { actor: ANONYMOUS, ip: '127.0.0.1', requestId: 'rollback-test', locale: 'zh-CN' as const };
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordAudit(tx, ctx, { action: 'test.step', result: 'success' });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await countOf(t.database, 'audit_events', sql`request_id = 'rollback-test'`)).toBe(0);
    expect(wasAudited(ctx, 500)).toBe(false); // the edge records the failure
    expect(wasAudited(ctx, 200)).toBe(true);
    await recordAudit(t.database.db, ctx, { action: 'test.refused', result: 'denied' });
    expect(wasAudited(ctx, 403)).toBe(true);
  });
});
