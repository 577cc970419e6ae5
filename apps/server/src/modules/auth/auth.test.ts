import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, type DemoIds, demoIds, newCreditCode, one, rows, sessionTokenHash } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';

let t: TestApp;
let ids: DemoIds;
let admin: string;
let userSerial = 0;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

const login = (username: string, password: string, remoteAddress?: string, cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    ...(remoteAddress ? { remoteAddress } : {}),
    ...(cookie ? { headers: { cookie } } : {}),
  });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === 'innotown_session');
  if (!c) throw new Error('no session cookie');
  return `innotown_session=${c.value}`;
};
const auditOf = (username: string, action = 'auth.login') =>
  rows<{ result: string; status_code: number; changes: Record<string, unknown> | null; user_id: string | null; role: string | null }>(
    t.database,
    sql`select result, status_code, changes, user_id, role from audit_events where lower(username) = lower(${username}) and action = ${action} order by id`,
  );

/** A throwaway expert account, so that a test may lock, disable or re-password it. */
async function newUser(): Promise<{ id: string; username: string }> {
  const username = `authuser${++userSerial}${Math.random().toString(36).slice(2, 6)}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { cookie: admin },
    payload: { username, password: DEMO_PASSWORD, displayName: '测试专家', role: 'expert' },
  });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, username };
}

describe('login', () => {
  it('logs in a demo user and answers /me with role and scope', async () => {
    const cookie = await t.login('guzhen');
    const res = await me(cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'guzhen',
      role: 'town_admin',
      scope: { townName: '古镇镇', townId: ids.guzhenTownId, enterpriseId: null, institutionId: null },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 401 on /me when anonymous', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie for the whole site, without Secure unless configured', async () => {
    const res = await login('expert', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'expert', role: 'expert' });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^innotown_session=[A-Za-z0-9_-]{40,};/);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    expect(header).toMatch(/;\s*Path=\/(;|$)/);
    expect(header).not.toMatch(/;\s*Secure/i);
    const cookie = res.cookies.find((c) => c.name === 'innotown_session');
    // Expires at the absolute session limit (12 h).
    const ms = new Date(cookie?.expires as Date).getTime() - Date.now();
    expect(ms).toBeGreaterThan(11.9 * 3600_000);
    expect(ms).toBeLessThanOrEqual(12 * 3600_000);
  });

  it('adds Secure to the cookie behind TLS (COOKIE_SECURE)', async () => {
    const secure = await buildApp({ config: { ...t.config, cookieSecure: true }, database: t.database, logger: false });
    try {
      const res = await secure.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'expert', password: DEMO_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await t.login('expert');
    const token = cookie.replace('innotown_session=', '');
    const hash = sessionTokenHash(cookie);
    expect(await countOf(t.database, 'sessions', sql`token_hash = ${hash}`)).toBe(1);
    expect(await countOf(t.database, 'sessions', sql`token_hash = ${token}`)).toBe(0);
  });

  it('gives a new token on every login and ends the session the browser had before', async () => {
    const first = await t.login('expert');
    const res = await login('expert', DEMO_PASSWORD, undefined, first);
    expect(res.statusCode).toBe(200);
    const second = cookieOf(res);
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('answers wrong password, unknown user and disabled user with the same 401', async () => {
    const user = await newUser();
    const wrong = await login(user.username, 'Wrong#Password1');
    const unknown = await login('no-such-user-x', 'Wrong#Password1');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: { cookie: admin },
      payload: { status: 'disabled' },
    });
    expect(patch.statusCode).toBe(200);
    const disabled = await login(user.username, DEMO_PASSWORD);
    for (const res of [wrong, unknown, disabled]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: {
          code: 'INVALID_CREDENTIALS',
          message: '用户名或密码错误',
          messageZh: '用户名或密码错误',
          messageEn: 'Wrong username or password',
        },
      });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'no-such-user-y', password: 'x' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('treats the username case-insensitively', async () => {
    const res = await login('EXPERT', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('expert');
  });

  it('refuses a malformed login body with 400 and no attempt recorded', async () => {
    const before = await countOf(t.database, 'login_attempts');
    for (const payload of [
      { username: 'expert' },
      { username: 'expert', password: DEMO_PASSWORD, extra: 1 },
      { username: 1, password: 'x' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await countOf(t.database, 'login_attempts')).toBe(before);
  });
});

describe('lockout', () => {
  it('locks after 5 failures: the 6th attempt is refused with 429 even with the right password', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) {
      const res = await login(i % 2 ? user.username.toUpperCase() : user.username, `Wrong#Password${i}`);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const sixth = await login(user.username, DEMO_PASSWORD);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(sixth.headers['set-cookie']).toBeUndefined();
    // Retry-After says when the lock ends: 15 minutes after the 5th failure.
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Still locked on the next try; refused attempts do not extend the lock but are audited.
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(429);

    const audit = await auditOf(user.username);
    expect(audit.map((a) => [a.result, a.status_code])).toEqual([
      ['failure', 401],
      ['failure', 401],
      ['failure', 401],
      ['failure', 401],
      ['failure', 401],
      ['denied', 429],
      ['denied', 429],
    ]);
    expect(audit[0]?.changes).toEqual({ reason: 'wrong_password' });
    expect(audit[0]?.user_id).toBe(user.id);
    expect(audit[5]?.changes).toEqual({ reason: 'locked' });
    const lockouts = await rows(
      t.database,
      sql`select target_id from audit_events where action = 'auth.lockout' and target_id = ${user.id}`,
    );
    expect(lockouts).toHaveLength(1);
  });

  it('lets at most 5 of 20 simultaneous guesses reach the password check', async () => {
    const user = await newUser();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(user.username, `Wrong#Password${i}`)));
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(20 - checked);
    // Refused attempts leave no row behind: only the checked guesses count as failures.
    const [{ n }] = (await rows(t.database, sql`select count(*)::int as n from login_attempts where username = ${user.username}`)) as [
      { n: number },
    ];
    expect(n).toBe(checked);
    if (checked === 5) expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(429);
  });

  it('ends the lock after the lock period', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) expect((await login(user.username, 'Wrong#Password1')).statusCode).toBe(401);
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(429);
    // 14 minutes later: still locked.
    await t.database.db.execute(
      sql`update login_attempts set attempted_at = attempted_at - interval '14 minutes' where lower(username) = lower(${user.username})`,
    );
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(429);
    // 16 minutes after the last failure: open again.
    await t.database.db.execute(
      sql`update login_attempts set attempted_at = attempted_at - interval '2 minutes' where lower(username) = lower(${user.username})`,
    );
    const res = await login(user.username, DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    // The success resets the count: one more failure does not lock again.
    expect((await login(user.username, 'Wrong#Password1')).statusCode).toBe(401);
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('does not lock for 4 failures, nor for 5 spread over more than the window', async () => {
    const user = await newUser();
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'Wrong#Password1')).statusCode).toBe(401);
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(200);

    const spread = await newUser();
    await t.database.db.execute(
      sql`insert into login_attempts (username, ip, success, attempted_at)
          select ${spread.username}, '127.0.0.1', false, now() - make_interval(mins => m) from unnest(array[4, 8, 12, 16]) as m`,
    );
    expect((await login(spread.username, 'Wrong#Password1')).statusCode).toBe(401);
    expect((await login(spread.username, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('follows the configured lock period (LOGIN_LOCK_MINUTES) and failure count', async () => {
    const strict = await buildApp({
      config: { ...t.config, loginMaxFailures: 2, loginLockMinutes: 1 },
      database: t.database,
      logger: false,
    });
    try {
      const user = await newUser();
      const attempt = (password: string) =>
        strict.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password } });
      expect((await attempt('Wrong#Password1')).statusCode).toBe(401);
      expect((await attempt('Wrong#Password1')).statusCode).toBe(401);
      expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(429);
      await t.database.db.execute(
        sql`update login_attempts set attempted_at = attempted_at - interval '61 seconds' where lower(username) = lower(${user.username})`,
      );
      expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('locks unknown usernames in the same way, so locking reveals nothing', async () => {
    for (let i = 0; i < 5; i++) expect((await login('ghost-account', 'Wrong#Password1')).statusCode).toBe(401);
    const res = await login('ghost-account', DEMO_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('throttles an IP address with too many failures, whichever accounts it tries', async () => {
    const ip = '203.0.113.77';
    await t.database.db.execute(
      sql`insert into login_attempts (username, ip, success, attempted_at)
          select 'sprayed' || g, ${ip}, false, now() - interval '1 minute' from generate_series(1, ${t.config.loginIpMaxFailures}) g`,
    );
    const res = await login('expert', DEMO_PASSWORD, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    // The failures are a minute old: the address may try again when they leave the 15-minute window.
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(13 * 60);
    expect(retryAfter).toBeLessThanOrEqual(14 * 60);
    const audit = await one<{ result: string; changes: unknown }>(
      t.database,
      sql`select result, changes from audit_events where action = 'auth.login' and ip = ${ip}::inet`,
    );
    expect(audit).toEqual({ result: 'denied', changes: { reason: 'ip_throttled' } });
    // Another address is not affected.
    expect((await login('expert', DEMO_PASSWORD, '203.0.113.78')).statusCode).toBe(200);
  });

  it('audits every attempt: success, failure and lock', async () => {
    const user = await newUser();
    expect((await login(user.username, DEMO_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
    expect((await login(user.username, 'Wrong#Password1', '198.51.100.9')).statusCode).toBe(401);
    const audit = await rows<{ result: string; status_code: number; ip: string; user_id: string; role: string | null; request_id: string }>(
      t.database,
      sql`select result, status_code, host(ip) as ip, user_id, role, request_id from audit_events
          where action = 'auth.login' and username = ${user.username} order by id`,
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ result: 'success', status_code: 200, ip: '198.51.100.9', user_id: user.id, role: 'expert' });
    expect(audit[1]).toMatchObject({ result: 'failure', status_code: 401, ip: '198.51.100.9', user_id: user.id });
    for (const a of audit) expect(a.request_id).toBeTruthy();
  });
});

describe('session lifetime', () => {
  const age = (cookie: string, column: 'last_seen_at' | 'expires_at', interval: string) =>
    t.database.db.execute(
      sql`update sessions set ${sql.identifier(column)} = now() - ${interval}::interval where token_hash = ${sessionTokenHash(cookie)}`,
    );
  const sessionRows = (cookie: string) => countOf(t.database, 'sessions', sql`token_hash = ${sessionTokenHash(cookie)}`);

  it('keeps a session used within 30 minutes and refreshes its idle clock', async () => {
    const cookie = await t.login('expert');
    await age(cookie, 'last_seen_at', '29 minutes');
    const res = await me(cookie);
    expect(res.statusCode).toBe(200);
    const seen = await one<{ idle: number }>(
      t.database,
      sql`select extract(epoch from now() - last_seen_at)::int as idle from sessions where token_hash = ${sessionTokenHash(cookie)}`,
    );
    expect(seen.idle).toBeLessThan(5);
    // sessionExpiresAt tells the web app when the idle limit falls.
    const expires = new Date(res.json().sessionExpiresAt).getTime() - Date.now();
    expect(expires).toBeGreaterThan(29 * 60_000);
    expect(expires).toBeLessThanOrEqual(30 * 60_000);
  });

  it('ends a session idle for more than 30 minutes: 401 SESSION_EXPIRED and the row is gone', async () => {
    const cookie = await t.login('expert');
    await age(cookie, 'last_seen_at', '31 minutes');
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect(String(res.headers['set-cookie'])).toMatch(/^innotown_session=;/);
    expect(await sessionRows(cookie)).toBe(0);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends a session at its absolute expiry even when in use', async () => {
    const cookie = await t.login('expert');
    await age(cookie, 'expires_at', '1 second');
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect(await sessionRows(cookie)).toBe(0);
  });

  it('lets an expired cookie browse public pages as anonymous, clearing the cookie', async () => {
    const cookie = await t.login('expert');
    await age(cookie, 'last_seen_at', '31 minutes');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/towns', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/^innotown_session=;/);
  });

  it('treats a forged token like an ended session', async () => {
    const res = await me('innotown_session=forged-token-value');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends the session at logout: the old cookie answers 401', async () => {
    const cookie = await t.login('expert');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/^innotown_session=;/);
    expect(await sessionRows(cookie)).toBe(0);
    const after = await me(cookie);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
    const audit = await rows(
      t.database,
      sql`select 1 from audit_events where action = 'auth.logout' and request_id = ${res.headers['x-request-id'] as string}`,
    );
    expect(audit).toHaveLength(1);
  });

  it('logout without a session is harmless', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(res.statusCode).toBe(204);
  });

  it('ends all sessions of a user the moment an admin disables them', async () => {
    const user = await newUser();
    const a = await t.login(user.username);
    const b = await t.login(user.username);
    expect((await me(a)).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: { cookie: admin },
      payload: { status: 'disabled' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    expect(await countOf(t.database, 'sessions', sql`user_id = ${user.id}`)).toBe(0);
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(401);
    // Enabled again, the user can sign in.
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { cookie: admin }, payload: { status: 'active' } });
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a user disabled directly in the database is refused on the next request', async () => {
    const user = await newUser();
    const cookie = await t.login(user.username);
    await t.database.db.execute(sql`update users set status = 'disabled' where id = ${user.id}`);
    expect((await me(cookie)).statusCode).toBe(401);
    expect(await countOf(t.database, 'sessions', sql`user_id = ${user.id}`)).toBe(0);
  });

  it('ends the sessions of a user whose role an admin changes, or whose password an admin resets', async () => {
    const user = await newUser();
    const cookie = await t.login(user.username);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: { cookie: admin },
      payload: { role: 'town_admin', townId: ids.dongfengTownId },
    });
    expect((await me(cookie)).statusCode).toBe(401);
    const second = await t.login(user.username);
    const reset = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: { cookie: admin },
      payload: { password: 'Reset#Pass2026' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await me(second)).statusCode).toBe(401);
    expect((await login(user.username, 'Reset#Pass2026')).statusCode).toBe(200);
  });
});

describe('change password', () => {
  const change = (cookie: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload });

  it('changes the password and ends the other sessions, keeping the current one', async () => {
    const user = await newUser();
    const current = await t.login(user.username);
    const other = await t.login(user.username);
    const res = await change(current, { currentPassword: DEMO_PASSWORD, newPassword: 'Fresh#Pass2026' });
    expect(res.statusCode).toBe(204);
    expect((await me(current)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.username, 'Fresh#Pass2026')).statusCode).toBe(200);
    const audit = await one<{ changes: unknown; result: string }>(
      t.database,
      sql`select changes, result from audit_events where action = 'auth.password_change' and target_id = ${user.id}`,
    );
    expect(audit.result).toBe('success');
    expect(JSON.stringify(audit.changes)).not.toContain('Fresh#Pass2026');
  });

  it('refuses a wrong current password (400) and a weak new one, and changes nothing', async () => {
    const user = await newUser();
    const cookie = await t.login(user.username);
    const other = await t.login(user.username);
    const hash = async () => (await one<{ h: string }>(t.database, sql`select password_hash as h from users where id = ${user.id}`)).h;
    const before = await hash();
    const wrong = await change(cookie, { currentPassword: 'Not#MyPassword1', newPassword: 'Fresh#Pass2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'password_wrong' })]);
    for (const [newPassword, code] of [
      ['short1!', 'password_too_short'],
      ['onlylowercase', 'password_too_few_classes'],
      ['P@ssw0rd', 'password_too_common'],
    ]) {
      const res = await change(cookie, { currentPassword: DEMO_PASSWORD, newPassword });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ path: 'newPassword', code });
    }
    expect(await hash()).toBe(before);
    expect((await me(other)).statusCode).toBe(200);
  });

  it('requires a session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'x', newPassword: 'Fresh#Pass2026' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('registration', () => {
  const register = (overrides: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        username: `reg${Math.random().toString(36).slice(2, 10)}`,
        password: 'Register#2026',
        displayName: '注册用户',
        enterpriseName: `中山市注册测试${Math.random().toString(36).slice(2, 6)}有限公司`,
        creditCode: newCreditCode(),
        townId: ids.xiaolanTownId,
        industryCode: 'C3879',
        ...overrides,
      },
    });

  it('creates the enterprise and its first user, and signs them in', async () => {
    const creditCode = newCreditCode();
    const res = await register({ creditCode, username: 'newcomer1' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ username: 'newcomer1', role: 'enterprise', scope: { townId: ids.xiaolanTownId, townName: '小榄镇' } });
    const enterprise = await one<{ id: string; town_id: string; size_class: string; is_high_tech: boolean }>(
      t.database,
      sql`select id, town_id, size_class, is_high_tech from enterprises where credit_code = ${creditCode}`,
    );
    expect(body.scope.enterpriseId).toBe(enterprise.id);
    expect(enterprise).toMatchObject({ town_id: ids.xiaolanTownId, size_class: 'small', is_high_tech: false });
    const cookie = cookieOf(res);
    expect((await me(cookie)).json().username).toBe('newcomer1');
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${enterprise.id}`, headers: { cookie } });
    expect(own.statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/enterprises', headers: { cookie } });
    expect(list.json().total).toBe(1);
    const audit = await rows(
      t.database,
      sql`select action from audit_events where request_id = ${res.headers['x-request-id'] as string} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['enterprise.create', 'auth.register']);
  });

  it('refuses a credit code already registered with 409, creating no user', async () => {
    const existing = await one<{ credit_code: string }>(
      t.database,
      sql`select credit_code from enterprises where id = ${ids.ownEnterpriseId}`,
    );
    const users = await countOf(t.database, 'users');
    const res = await register({ creditCode: existing.credit_code, username: 'dupcode1' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CREDIT_CODE_TAKEN');
    expect(await countOf(t.database, 'users')).toBe(users);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a taken username (any case) with 409, creating no enterprise', async () => {
    const enterprises = await countOf(t.database, 'enterprises');
    const res = await register({ username: 'Guzhen' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('USERNAME_TAKEN');
    expect(await countOf(t.database, 'enterprises')).toBe(enterprises);
  });

  it('validates the credit code, industry code, password and town, creating nothing', async () => {
    const enterprises = await countOf(t.database, 'enterprises');
    const users = await countOf(t.database, 'users');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ creditCode: '91350100M000100Y44' }, 'creditCode', 'credit_code_invalid'],
      [{ creditCode: 'not-a-code' }, 'creditCode', 'credit_code_invalid'],
      [{ industryCode: 'Z99' }, 'industryCode', 'industry_code_invalid'],
      [{ password: 'password' }, 'password', 'password_too_few_classes'],
      [{ username: '1abc' }, 'username', 'username_invalid'],
      [{ townId: 'not-a-uuid' }, 'townId', 'invalid_format'],
    ];
    for (const [overrides, path, code] of cases) {
      const res = await register(overrides);
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.json().error.details.fields, JSON.stringify(overrides)).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, code })]),
      );
    }
    const unknownTown = await register({ townId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownTown.statusCode).toBe(400);
    expect(unknownTown.json().error.code).toBe('TOWN_NOT_FOUND');
    expect(await countOf(t.database, 'enterprises')).toBe(enterprises);
    expect(await countOf(t.database, 'users')).toBe(users);
  });

  it('is for anonymous visitors only', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: admin }, payload: {} });
    expect(res.statusCode).toBe(403);
  });
});

describe('password rotation (PASSWORD_MAX_AGE_DAYS)', () => {
  it('an old password still signs in, but reaches only the own account until it is changed', async () => {
    const rotating = await createTestApp({ passwordMaxAgeDays: 90 });
    try {
      const username = `rotate${Math.random().toString(36).slice(2, 8)}`;
      const adminCookie = await rotating.login('admin');
      const created = await rotating.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: adminCookie },
        payload: { username, password: DEMO_PASSWORD, displayName: '轮换测试', role: 'expert' },
      });
      await rotating.database.db.execute(
        sql`update users set password_changed_at = now() - interval '91 days' where id = ${created.json().id}`,
      );
      const cookie = await rotating.login(username);
      const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
        rotating.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

      expect((await call('GET', '/api/v1/me')).json().passwordExpired).toBe(true);
      const refused = await call('GET', '/api/v1/holidays?year=2026');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('PASSWORD_EXPIRED');
      expect((await call('GET', '/api/v1/notifications')).statusCode).toBe(200);
      expect((await call('GET', '/api/v1/towns')).statusCode).toBe(200); // public

      // The same password again is no rotation.
      const same = await call('POST', '/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
      expect(same.statusCode).toBe(400);
      expect(same.json().error.details.fields[0]).toMatchObject({ path: 'newPassword', code: 'password_same' });
      expect(
        (await call('POST', '/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Rotated#2026x' })).statusCode,
      ).toBe(204);
      expect((await call('GET', '/api/v1/me')).json().passwordExpired).toBe(false);
      expect((await call('GET', '/api/v1/holidays?year=2026')).statusCode).toBe(200);
    } finally {
      await rotating.close();
    }
  });

  it('is off by default: a years-old password is not expired', async () => {
    const user = await newUser();
    await t.database.db.execute(sql`update users set password_changed_at = now() - interval '5 years' where id = ${user.id}`);
    const cookie = await t.login(user.username);
    expect((await me(cookie)).json().passwordExpired).toBe(false);
  });
});
