import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, one } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, cookie: string) => t.app.inject({ method: 'POST', url, headers: { cookie } });

describe('erasing an account’s personal data on request (PIPL)', () => {
  it('anonymises and disables the account, ends its sessions, and forgets what was kept only for the person', async () => {
    const username = `erase${Math.random().toString(36).slice(2, 8)}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username, password: DEMO_PASSWORD, displayName: '王晓明', role: 'expert', email: 'wxm@example.cn', phone: '13800138000' },
    });
    const id = created.json().id as string;
    const cookie = await t.login(username);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Wrong#Pass2026' } });
    await t.database.db.execute(sql`insert into notifications (user_id, kind, title, title_en) values (${id}, 'test', '通知', 'note')`);

    const erased = await post(`/api/v1/users/${id}/erase`, admin);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ displayName: '已注销用户', email: null, phone: null, status: 'disabled' });
    expect(erased.json().erasedAt).not.toBeNull();
    expect(erased.json().username).not.toBe(username);

    // Nothing of the person is left in the account, and nothing kept only for them.
    const row = await one<Record<string, unknown>>(
      t.database,
      sql`select username, display_name, email, phone from users where id = ${id}`,
    );
    expect(JSON.stringify(row)).not.toMatch(/王晓明|wxm@|13800138000/);
    expect(JSON.stringify(row)).not.toContain(username);
    expect(await countOf(t.database, 'sessions', sql`user_id = ${id}`)).toBe(0);
    expect(await countOf(t.database, 'notifications', sql`user_id = ${id}`)).toBe(0);
    expect(await countOf(t.database, 'login_attempts', sql`lower(username) = lower(${username})`)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    // The password no longer signs in, under either name.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
    expect(again.statusCode).toBe(401);

    // The audit log says that it happened, not whose data it was.
    const audit = await one<{ changes: unknown }>(
      t.database,
      sql`select changes from audit_events where action = 'user.erase' and target_id = ${id}`,
    );
    expect(JSON.stringify(audit.changes)).not.toMatch(/王晓明|13800138000/);

    // For good: no second erasure, no reactivation; the username is free for someone else.
    expect((await post(`/api/v1/users/${id}/erase`, admin)).json().error.code).toBe('USER_ERASED');
    const reactivate = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { cookie: admin },
      payload: { status: 'active' },
    });
    expect(reactivate.json().error.code).toBe('USER_ERASED');
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username, password: DEMO_PASSWORD, displayName: '新用户', role: 'expert' },
    });
    expect(reused.statusCode).toBe(201);
  });

  it('refuses erasing oneself and a missing account', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: admin } })).json();
    expect((await post(`/api/v1/users/${me.id}/erase`, admin)).json().error.code).toBe('CANNOT_DISABLE_SELF');
    expect((await post('/api/v1/users/00000000-0000-4000-8000-000000000000/erase', admin)).statusCode).toBe(404);
  });
});

describe('asking for erasure (the person’s own request)', () => {
  it('tells the city admins with a link to the account, once a day at most', async () => {
    const username = `askerase${Math.random().toString(36).slice(2, 8)}`;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username, password: DEMO_PASSWORD, displayName: '李申请', role: 'expert' },
    });
    const cookie = await t.login(username);
    const ask = (reason?: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/erasure-request', headers: { cookie }, payload: reason ? { reason } : {} });
    const admins = await countOf(t.database, 'users', sql`role = 'city_admin' and status = 'active'`);
    expect((await ask('不再使用平台')).statusCode).toBe(202);
    const told = await countOf(
      t.database,
      'notifications',
      sql`kind = 'user.erasure_request' and link = ${`/admin/users?q=${username}`} and title like '%不再使用平台%'`,
    );
    expect(told).toBe(admins);
    const again = await ask();
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ERASURE_ALREADY_REQUESTED');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/erasure-request', payload: {} })).statusCode).toBe(401);
  });

  it('two requests at the same moment: one is taken, the other refused', async () => {
    const username = `askboth${Math.random().toString(36).slice(2, 8)}`;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username, password: DEMO_PASSWORD, displayName: '同时申请', role: 'expert' },
    });
    const cookie = await t.login(username);
    const answers = await Promise.all(
      [1, 2].map(() => t.app.inject({ method: 'POST', url: '/api/v1/me/erasure-request', headers: { cookie }, payload: {} })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([202, 409]);
  });
});
