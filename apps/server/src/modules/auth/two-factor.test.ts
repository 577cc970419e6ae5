import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { systemContext } from '../../platform/context.ts';
import { createPglite, openDatabase } from '../../platform/db.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { createUser } from '../users/users.service.ts';
import { codeAt } from './two-factor-rules.ts';

let t: TestApp;
let admin: string;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const cookieOf = (res: Res, name: string) => {
  const c = res.cookies.find((x) => x.name === name && x.value !== '');
  return c ? `${name}=${c.value}` : null;
};
const post = (url: string, payload: unknown, cookie?: string | null) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, ...(cookie ? { headers: { cookie } } : {}) });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const passwordStep = (username: string) => post('/api/v1/auth/login', { username, password: DEMO_PASSWORD });
/** Password then code: the answer of the second step (and the pending sign-in's cookie). */
async function signIn(username: string, code: () => Promise<string> | string) {
  const first = await passwordStep(username);
  expect(first.statusCode).toBe(202);
  const challenge = cookieOf(first, 'innotown_sign_in');
  return { res: await post('/api/v1/auth/login/two-factor', { code: await code() }, challenge), challenge };
}

/** A throwaway account of the role (expert unless told), signed in. */
async function newUser(role: 'expert' | 'city_admin' = 'expert') {
  const username = `tfa${++serial}${Math.random().toString(36).slice(2, 6)}`;
  const res = await post('/api/v1/users', { username, password: DEMO_PASSWORD, displayName: '两步验证测试', role }, admin);
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as string, username, cookie: await t.login(username) };
}

/** Turns two-factor sign-in on for a signed-in user with a code of the current step; returns the secret and the first code. */
async function enable(cookie: string) {
  const setup = await post('/api/v1/auth/two-factor/setup', {}, cookie);
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const code = await codeAt(secret);
  const on = await post('/api/v1/auth/two-factor/enable', { code }, cookie);
  expect(on.statusCode).toBe(200);
  return { secret, code, recoveryCodes: on.json().recoveryCodes as string[] };
}
/** The next step's code: later than any code taken so far, and within the one step of tolerance. */
const nextCode = (secret: string) => codeAt(secret, Date.now() + 30_000);

describe('turning two-factor sign-in on', () => {
  it('sets up a secret, refuses a wrong code, then turns on with the app’s code and hands out recovery codes once', async () => {
    const u = await newUser();
    expect((await get('/api/v1/auth/two-factor', u.cookie)).json()).toEqual({
      enabled: false,
      enabledAt: null,
      required: false,
      recoveryCodesLeft: 0,
    });
    const setup = await post('/api/v1/auth/two-factor/setup', {}, u.cookie);
    expect(setup.statusCode).toBe(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
    expect(otpauthUri).toContain(`secret=${secret}`);
    // Stored encrypted: the database never holds the secret as the app shows it.
    const stored = await one<{ secret_encrypted: string; enabled_at: Date | null }>(
      t.database,
      sql`select secret_encrypted, enabled_at from user_two_factor where user_id = ${u.id}`,
    );
    expect(stored.secret_encrypted).not.toContain(secret);
    expect(stored.enabled_at).toBeNull();

    const wrong = await post(
      '/api/v1/auth/two-factor/enable',
      { code: (Number(await codeAt(secret)) ^ 1).toString().padStart(6, '0') },
      u.cookie,
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'TWO_FACTOR_CODE_WRONG', details: { fields: [{ path: 'code' }] } });
    expect((await get('/api/v1/auth/two-factor', u.cookie)).json().enabled).toBe(false);

    const on = await post('/api/v1/auth/two-factor/enable', { code: await codeAt(secret) }, u.cookie);
    expect(on.statusCode).toBe(200);
    expect(on.json().me).toBeNull();
    expect(on.json().recoveryCodes).toHaveLength(10);
    expect((await get('/api/v1/auth/two-factor', u.cookie)).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // On means on: a second setup cannot replace the confirmed secret.
    expect((await post('/api/v1/auth/two-factor/setup', {}, u.cookie)).json().error.code).toBe('TWO_FACTOR_ALREADY_ON');
    expect(await countOf(t.database, 'audit_events', sql`action = 'auth.two_factor_enable' and target_id = ${u.id}`)).toBe(1);
    // The city admin's user list shows who signs in with two factors.
    const listed = (await get(`/api/v1/users?q=${u.username}`, admin)).json().items as { username: string; twoFactorEnabled: boolean }[];
    expect(listed).toEqual([expect.objectContaining({ username: u.username, twoFactorEnabled: true })]);
    expect((await get(`/api/v1/users/${u.id}`, admin)).json().twoFactorEnabled).toBe(true);
  });

  it('refuses enabling before a setup, and a malformed code at the edge', async () => {
    const u = await newUser();
    expect((await post('/api/v1/auth/two-factor/enable', { code: '123456' }, u.cookie)).json().error.code).toBe('TWO_FACTOR_NOT_SET_UP');
    const bad = await post('/api/v1/auth/two-factor/enable', { code: '12ab' }, u.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ path: 'code', code: 'two_factor_code_invalid' });
  });
});

describe('signing in with two factors', () => {
  it('answers the right password with a pending sign-in (no session), then signs in with the code', async () => {
    const u = await newUser();
    const { secret } = await enable(u.cookie);
    const first = await passwordStep(u.username);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ next: 'two_factor_code' });
    expect(cookieOf(first, 'innotown_session')).toBeNull();
    const challenge = cookieOf(first, 'innotown_sign_in');
    expect(challenge).not.toBeNull();
    // The pending sign-in is not a session.
    expect((await get('/api/v1/me', challenge as string)).statusCode).toBe(401);

    const second = await post('/api/v1/auth/login/two-factor', { code: await nextCode(secret) }, challenge);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ username: u.username, role: 'expert' });
    const session = cookieOf(second, 'innotown_session') as string;
    expect((await get('/api/v1/me', session)).statusCode).toBe(200);
    // The pending sign-in is used up.
    expect((await post('/api/v1/auth/login/two-factor', { code: await nextCode(secret) }, challenge)).json().error.code).toBe(
      'TWO_FACTOR_SIGN_IN_EXPIRED',
    );
    const audit = await rows<{ result: string; changes: Record<string, unknown> | null }>(
      t.database,
      sql`select result, changes from audit_events where target_id = ${u.id} and action in ('auth.login_password', 'auth.login') order by id`,
    );
    expect(audit.slice(-2)).toEqual([
      { result: 'success', changes: { next: 'code' } },
      { result: 'success', changes: { secondFactor: 'totp' } },
    ]);
  });

  it('takes each code once: the code that turned it on cannot sign in', async () => {
    const u = await newUser();
    const { code } = await enable(u.cookie);
    const { res } = await signIn(u.username, () => code);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');
    expect(cookieOf(res, 'innotown_session')).toBeNull();
  });

  it('lets exactly one of two simultaneous sign-ins with the same code through', async () => {
    const u = await newUser();
    const { secret } = await enable(u.cookie);
    const a = cookieOf(await passwordStep(u.username), 'innotown_sign_in');
    const b = cookieOf(await passwordStep(u.username), 'innotown_sign_in');
    const code = await nextCode(secret);
    const answers = await Promise.all([a, b].map((c) => post('/api/v1/auth/login/two-factor', { code }, c)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('signs in once with each recovery code, and tells the owner', async () => {
    const u = await newUser();
    const { recoveryCodes } = await enable(u.cookie);
    const code = recoveryCodes[3] as string;
    const first = await signIn(u.username, () => code.toUpperCase());
    expect(first.res.statusCode).toBe(200);
    const again = await signIn(u.username, () => code);
    expect(again.res.statusCode).toBe(401);
    const session = cookieOf(first.res, 'innotown_session') as string;
    expect((await get('/api/v1/auth/two-factor', session)).json().recoveryCodesLeft).toBe(9);
    expect(await countOf(t.database, 'notifications', sql`user_id = ${u.id} and kind = 'auth.recovery_code_used'`)).toBe(1);
  });

  it('ends a pending sign-in after five wrong codes, and the wrong codes lock the account', async () => {
    const u = await newUser();
    await enable(u.cookie);
    const challenge = cookieOf(await passwordStep(u.username), 'innotown_sign_in');
    for (let i = 0; i < 5; i++) {
      const res = await post('/api/v1/auth/login/two-factor', { code: 'zzzz-zzzz' }, challenge);
      expect(res.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');
    }
    expect((await post('/api/v1/auth/login/two-factor', { code: 'zzzz-zzzz' }, challenge)).json().error.code).toBe(
      'TWO_FACTOR_SIGN_IN_EXPIRED',
    );
    // Guessing codes counts like guessing passwords: the right password no longer gets a pending sign-in.
    const locked = await passwordStep(u.username);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses the second step without a pending sign-in', async () => {
    const res = await post('/api/v1/auth/login/two-factor', { code: '123456' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TWO_FACTOR_SIGN_IN_EXPIRED');
  });
});

describe('managing it', () => {
  it('turns off with the password and a code, after which the password alone signs in', async () => {
    const u = await newUser();
    const { secret } = await enable(u.cookie);
    const wrongPassword = await post(
      '/api/v1/auth/two-factor/disable',
      { currentPassword: 'Wrong#Pass2026', code: await nextCode(secret) },
      u.cookie,
    );
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.details.fields[0].path).toBe('currentPassword');
    const off = await post('/api/v1/auth/two-factor/disable', { currentPassword: DEMO_PASSWORD, code: await nextCode(secret) }, u.cookie);
    expect(off.statusCode).toBe(204);
    expect(await countOf(t.database, 'two_factor_recovery_codes', sql`user_id = ${u.id}`)).toBe(0);
    expect((await passwordStep(u.username)).statusCode).toBe(200);
  });

  it('replaces the recovery codes against a code: the old ones stop working', async () => {
    const u = await newUser();
    const { secret, recoveryCodes: old } = await enable(u.cookie);
    const res = await post('/api/v1/auth/two-factor/recovery-codes', { code: await nextCode(secret) }, u.cookie);
    expect(res.statusCode).toBe(200);
    const fresh = res.json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect((await signIn(u.username, () => old[0] as string)).res.statusCode).toBe(401);
    expect((await signIn(u.username, () => fresh[0] as string)).res.statusCode).toBe(200);
  });

  it('a signed-in session cannot try codes without end: wrong codes count toward the account lockout', async () => {
    const u = await newUser();
    const { recoveryCodes } = await enable(u.cookie);
    for (let i = 0; i < 5; i++) {
      const res = await post('/api/v1/auth/two-factor/recovery-codes', { code: 'zzzz-zzzz' }, u.cookie);
      expect(res.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');
    }
    const locked = await post('/api/v1/auth/two-factor/recovery-codes', { code: recoveryCodes[0] }, u.cookie);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(await countOf(t.database, 'two_factor_recovery_codes', sql`user_id = ${u.id} and used_at is not null`)).toBe(0);
  });

  it('a city admin resets a user who lost the phone: the sessions end and the password alone signs in again', async () => {
    const u = await newUser();
    await enable(u.cookie);
    // A sign-in waiting for its code ends with the reset too.
    expect((await passwordStep(u.username)).statusCode).toBe(202);
    const reset = await post(`/api/v1/users/${u.id}/two-factor/reset`, {}, admin);
    expect(reset.statusCode).toBe(204);
    expect((await get('/api/v1/me', u.cookie)).statusCode).toBe(401);
    expect(await countOf(t.database, 'login_challenges', sql`user_id = ${u.id}`)).toBe(0);
    expect((await passwordStep(u.username)).statusCode).toBe(200);
    expect(await countOf(t.database, 'audit_events', sql`action = 'auth.two_factor_reset' and target_id = ${u.id}`)).toBe(1);
    expect(await countOf(t.database, 'notifications', sql`user_id = ${u.id} and kind = 'auth.two_factor_reset'`)).toBe(1);
    const none = await post('/api/v1/users/00000000-0000-4000-8000-000000000000/two-factor/reset', {}, admin);
    expect(none.statusCode).toBe(404);
  });
});

describe('requiring it of a role', () => {
  it('signs out the role’s users without it, makes them set it up at the next sign-in, and keeps it on', async () => {
    const u = await newUser();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/two-factor-policy',
      headers: { cookie: admin },
      payload: { requiredRoles: ['expert'] },
    });
    try {
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ requiredRoles: ['expert'] });
      expect((await get('/api/v1/me', u.cookie)).statusCode).toBe(401);

      const first = await passwordStep(u.username);
      expect(first.statusCode).toBe(202);
      expect(first.json().next).toBe('two_factor_enrol');
      const challenge = cookieOf(first, 'innotown_sign_in');
      // A pending sign-in that must enrol cannot skip to the code step.
      expect((await post('/api/v1/auth/login/two-factor', { code: '123456' }, challenge)).json().error.code).toBe('TWO_FACTOR_NOT_SET_UP');
      const setup = await post('/api/v1/auth/two-factor/setup', {}, challenge);
      expect(setup.statusCode).toBe(200);
      const on = await post('/api/v1/auth/two-factor/enable', { code: await codeAt(setup.json().secret) }, challenge);
      expect(on.statusCode).toBe(200);
      expect(on.json().me).toMatchObject({ username: u.username });
      expect(on.json().recoveryCodes).toHaveLength(10);
      const session = cookieOf(on, 'innotown_session') as string;
      expect((await get('/api/v1/auth/two-factor', session)).json()).toMatchObject({ enabled: true, required: true });

      const off = await post(
        '/api/v1/auth/two-factor/disable',
        { currentPassword: DEMO_PASSWORD, code: await nextCode(setup.json().secret) },
        session,
      );
      expect(off.statusCode).toBe(409);
      expect(off.json().error.code).toBe('TWO_FACTOR_REQUIRED_FOR_ROLE');
      const audit = await one<{ changes: { requiredRoles: { from: string[]; to: string[] } } }>(
        t.database,
        sql`select changes from audit_events where action = 'auth.two_factor_policy' order by id desc limit 1`,
      );
      expect(audit.changes.requiredRoles).toEqual({ from: [], to: ['expert'] });
    } finally {
      await t.app.inject({ method: 'PUT', url: '/api/v1/two-factor-policy', headers: { cookie: admin }, payload: { requiredRoles: [] } });
    }
  });

  it('a pending sign-in cannot set up an authenticator unless its role requires one', async () => {
    const u = await newUser();
    const { secret } = await enable(u.cookie);
    const challenge = cookieOf(await passwordStep(u.username), 'innotown_sign_in');
    expect((await post('/api/v1/auth/two-factor/setup', {}, challenge)).statusCode).toBe(409);
    expect((await post('/api/v1/auth/two-factor/enable', { code: await nextCode(secret) }, challenge)).statusCode).toBe(409);
    expect((await post('/api/v1/auth/two-factor/setup', {})).statusCode).toBe(401);
  });

  it('an admin must have it on before requiring it of their own role', async () => {
    const cityAdmin = await newUser('city_admin');
    const put = (cookie: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/two-factor-policy',
        headers: { cookie },
        payload: { requiredRoles: ['city_admin', 'town_admin'] },
      });
    const refused = await put(cityAdmin.cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('TWO_FACTOR_ENABLE_YOURSELF_FIRST');
    expect((await get('/api/v1/two-factor-policy', admin)).json()).toEqual({ requiredRoles: [] });

    await enable(cityAdmin.cookie);
    try {
      expect((await put(cityAdmin.cookie)).json()).toEqual({ requiredRoles: ['city_admin', 'town_admin'] });
      // The other admins without it were signed out (admin and guzhen of the demo), the one who set it was not.
      expect((await get('/api/v1/me', admin)).statusCode).toBe(401);
      expect((await get('/api/v1/me', cityAdmin.cookie)).statusCode).toBe(200);
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/two-factor-policy',
        headers: { cookie: cityAdmin.cookie },
        payload: { requiredRoles: [] },
      });
      // The demo admin has no authenticator: with the policy back off, the password signs in again.
      admin = await t.login('admin');
    }
  });
});

describe('a fresh installation (no demo data)', () => {
  it('requires two factors of both admin roles: the first admin sets the app up at the first sign-in', async () => {
    const pglite = createPglite();
    await pglite.waitReady;
    const database = await openDatabase({ pglite });
    const app = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        SEED_DEMO: 'false',
        JOBS_ENABLED: 'false',
        WEB_DIST_DIR: '/nonexistent',
      } as NodeJS.ProcessEnv),
      database,
      logger: false,
    });
    try {
      await database.migrate();
      await app.ready();
      // What `npm run cli -- create-admin` does.
      await createUser(database.db, systemContext({ ...ANONYMOUS, username: 'cli' }), {
        username: 'firstadmin',
        password: DEMO_PASSWORD,
        displayName: '首位管理员',
        role: 'city_admin',
      });
      const first = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'firstadmin', password: DEMO_PASSWORD },
      });
      expect(first.statusCode).toBe(202);
      expect(first.json().next).toBe('two_factor_enrol');
      const challenge = cookieOf(first, 'innotown_sign_in') as string;
      const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/two-factor/setup', headers: { cookie: challenge } });
      const on = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/two-factor/enable',
        headers: { cookie: challenge },
        payload: { code: await codeAt(setup.json().secret) },
      });
      expect(on.statusCode).toBe(200);
      const session = cookieOf(on, 'innotown_session') as string;
      const policy = await app.inject({ method: 'GET', url: '/api/v1/two-factor-policy', headers: { cookie: session } });
      expect(policy.json()).toEqual({ requiredRoles: ['city_admin', 'town_admin'] });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
