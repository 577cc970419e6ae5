import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { notifications } from '../../db/schema/platform.ts';

let t: TestApp;
let enterpriseCookie: string;
let guzhenCookie: string;
let enterpriseId: string;

const figures = { revenueFen: 500_000_000, rdExpenditureFen: 20_000_000, employees: 50, rdStaff: 6, highTechOutputFen: 0 };

async function unread(cookie: string): Promise<{ kind: string; title: string; link: string | null }[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

beforeAll(async () => {
  t = await createTestApp();
  // The demo seed leaves notifications of its orders and requirements; this file counts only its own.
  await t.database.db.delete(notifications);
  enterpriseCookie = await t.login('enterprise');
  guzhenCookie = await t.login('guzhen');
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: enterpriseCookie } });
  enterpriseId = me.json().scope.enterpriseId;
});
afterAll(async () => {
  await t?.close();
});

describe('an enterprise hears when an administrator changes its records', () => {
  it('its own edits notify nobody', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/enterprises/${enterpriseId}/figures/2024`,
      headers: { cookie: enterpriseCookie },
      payload: figures,
    });
    expect(res.statusCode).toBe(200);
    expect(await unread(enterpriseCookie)).toEqual([]);
  });

  it('a town admin’s correction of its figures and profile notifies its users', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/enterprises/${enterpriseId}/figures/2024`,
      headers: { cookie: guzhenCookie },
      payload: { ...figures, employees: 51 },
    });
    expect(put.statusCode).toBe(200);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${enterpriseId}`,
      headers: { cookie: guzhenCookie },
      payload: { address: '广东省中山市古镇镇同兴路 1 号' },
    });
    expect(patch.statusCode).toBe(200);
    const items = await unread(enterpriseCookie);
    expect(items.map((n) => n.kind).sort()).toEqual(['enterprise.figures_changed', 'enterprise.profile_changed']);
    expect(items.find((n) => n.kind === 'enterprise.figures_changed')?.title).toContain('2024');
    expect(items.every((n) => n.link === '/my/enterprise')).toBe(true);
    // The town admin who made the change gets nothing.
    expect(await unread(guzhenCookie)).toEqual([]);
  });
});

describe('lockout', () => {
  it('tells the account owner that the account was locked', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'expert', password: `Wrong-pass${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'expert', password: 'InnoTown#2026' },
    });
    expect(locked.statusCode).toBe(429);
    await t.database.db.execute("update login_attempts set attempted_at = attempted_at - interval '31 minutes' where username = 'expert'");
    const cookie = await t.login('expert');
    const items = await unread(cookie);
    expect(items.map((n) => n.kind)).toEqual(['auth.locked']);
    expect(items[0]?.link).toBe('/account/password');
  });
});
