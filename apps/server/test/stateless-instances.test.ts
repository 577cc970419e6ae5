import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { App } from '../src/platform/http/types.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Two server instances on one database: nothing one of them needs lives in the other's memory.
let a: TestApp;
let b: App;
beforeAll(async () => {
  a = await createTestApp();
  b = await buildApp({ config: a.config, database: a.database, logger: false });
  await b.ready();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('stateless instances', () => {
  it('a session opened on one instance works on the other, and logout on either ends it', async () => {
    const cookie = await a.login('xiaolan');
    const onB = await b.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(onB.statusCode).toBe(200);
    expect(onB.json().username).toBe('xiaolan');

    const logout = await b.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    const onA = await a.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(onA.statusCode).toBe(401);
  });

  it('failed logins counted on one instance lock the account on the other', async () => {
    for (let i = 0; i < 5; i++) {
      const target = i % 2 === 0 ? a.app : b;
      const res = await target.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'dongfeng', password: `Nope-${i}xx` },
      });
      expect(res.statusCode).toBe(401);
    }
    for (const target of [a.app, b]) {
      const res = await target.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'dongfeng', password: 'InnoTown#2026' },
      });
      expect(res.statusCode).toBe(429);
    }
  });
});
