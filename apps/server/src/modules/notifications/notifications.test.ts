import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { users } from '../../db/schema/accounts.ts';
import { notifications } from '../../db/schema/platform.ts';
import { notify, notifyCityAdmins, notifyRole, notifyTownAdmins } from './notifications.service.ts';

let t: TestApp;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of await t.database.db.select({ id: users.id, username: users.username, townId: users.townId }).from(users)) {
    ids[u.username] = u.id;
    if (u.username === 'guzhen') ids.guzhenTown = u.townId as string;
  }
});
afterAll(async () => {
  await t?.close();
});

const list = async (cookie: string, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { id: string; title: string; readAt: string | null }[]; total: number; unread: number };
};
const recipientsOf = async (kind: string) =>
  (await t.database.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, kind)))
    .map((r) => r.userId)
    .sort();

describe('notify', () => {
  it('writes one row per distinct recipient', async () => {
    const n = await notify(t.database.db, {
      userIds: [ids.enterprise as string, ids.enterprise as string, ids.expert as string],
      kind: 'test.hello',
      title: '您好',
      titleEn: 'Hello',
      body: '正文',
      link: '/vouchers/1',
    });
    expect(n).toBe(2);
    expect(await recipientsOf('test.hello')).toEqual([ids.enterprise, ids.expert].sort());
  });

  it('commits and rolls back with the caller’s transaction', async () => {
    await t.database.db
      .transaction(async (tx) => {
        await notify(tx, { userId: ids.enterprise as string, kind: 'test.rolled_back', title: '不应出现' });
        throw new Error('abort');
      })
      .catch(() => {});
    expect(await recipientsOf('test.rolled_back')).toEqual([]);
  });

  it('refuses off-site links and malformed kinds', async () => {
    for (const link of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)', '/\\evil.example', '/a b']) {
      await expect(notify(t.database.db, { userId: ids.enterprise as string, kind: 'test.bad', title: 'x', link })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(notify(t.database.db, { userId: ids.enterprise as string, kind: 'Bad Kind', title: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await recipientsOf('test.bad')).toEqual([]);
  });

  it('notifyTownAdmins reaches only that town’s active admins', async () => {
    const n = await notifyTownAdmins(t.database.db, ids.guzhenTown as string, { kind: 'test.town', title: '古镇待办' });
    expect(n).toBe(1);
    expect(await recipientsOf('test.town')).toEqual([ids.guzhen]);
  });

  it('notifyRole and notifyCityAdmins skip disabled users', async () => {
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.username, 'lamplab'));
    await notifyRole(t.database.db, 'provider', { kind: 'test.providers', title: '服务机构通知' });
    const activeProviders = (
      await t.database.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'provider'), eq(users.status, 'active')))
    )
      .map((u) => u.id)
      .sort();
    expect(await recipientsOf('test.providers')).toEqual(activeProviders);
    expect(activeProviders).toContain(ids.provider);
    expect(activeProviders).not.toContain(ids.lamplab);
    await notifyCityAdmins(t.database.db, { kind: 'test.city', title: '科技局通知' });
    expect(await recipientsOf('test.city')).toEqual([ids.admin]);
  });
});

describe('notification routes', () => {
  it('lists only my own, newest first, with the unread count and filter', async () => {
    const cookie = await t.login('xiaolan');
    for (const title of ['一', '二', '三']) {
      await notify(t.database.db, { userId: ids.xiaolan as string, kind: 'test.mine', title });
      // Newest first is by created_at: PGlite's clock has millisecond steps, so keep them apart.
      await new Promise((r) => setTimeout(r, 5));
    }
    await notify(t.database.db, { userId: ids.guzhen as string, kind: 'test.other', title: '别人的' });
    const all = await list(cookie);
    expect(all.items.map((i) => i.title)).toEqual(['三', '二', '一']);
    expect(all).toMatchObject({ total: 3, unread: 3 });
    const page = await list(cookie, '?page=2&pageSize=2');
    expect(page.items.map((i) => i.title)).toEqual(['一']);
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2, unread: 3 });

    const read = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${all.items[1]?.id}/read`, headers: { cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    const unread = await list(cookie, '?unread=true');
    expect(unread.items.map((i) => i.title)).toEqual(['三', '一']);
    expect(unread).toMatchObject({ total: 2, unread: 2 });
    const readOnly = await list(cookie, '?unread=false');
    expect(readOnly.items.map((i) => i.title)).toEqual(['二']);
  });

  it('keeps the first read time when marked read twice', async () => {
    const cookie = await t.login('xiaolan');
    const [first] = (await list(cookie, '?unread=false')).items;
    await new Promise((r) => setTimeout(r, 20));
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${first?.id}/read`, headers: { cookie } });
    expect(again.json().readAt).toBe(first?.readAt);
  });

  it('answers 404 for someone else’s notification and leaves it unread', async () => {
    const [theirs] = await t.database.db.select().from(notifications).where(eq(notifications.kind, 'test.other'));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${theirs?.id}/read`,
      headers: { cookie: await t.login('xiaolan') },
    });
    expect(res.statusCode).toBe(404);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read',
      headers: { cookie: await t.login('xiaolan') },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe(res.json().error.code);
    const [after] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, theirs?.id as string));
    expect(after?.readAt).toBeNull();
  });

  it('read-all marks only my own', async () => {
    const cookie = await t.login('xiaolan');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie } });
    expect(res.statusCode).toBe(204);
    expect((await list(cookie)).unread).toBe(0);
    const [{ n } = { n: -1 }] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(sql`${notifications.userId} = ${ids.guzhen} and ${notifications.readAt} is null`);
    expect(n).toBeGreaterThan(0);
  });

  it('refuses anonymous callers and bad input', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all' })).statusCode).toBe(401);
    const cookie = await t.login('xiaolan');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=yes', headers: { cookie } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/notifications/123/read', headers: { cookie } })).statusCode).toBe(400);
  });
});
