import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents, holidays } from '../../db/schema/platform.ts';
import { deadlineAfterWorkingDays } from './holidays.service.ts';

let t: TestApp;
let admin: string;
let guzhen: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  guzhen = await t.login('guzhen');
});
afterAll(async () => {
  await t?.close();
});

const holiday = (date: string) => t.database.db.select().from(holidays).where(eq(holidays.date, date));
const auditOf = (action: string, date: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, date)));

describe('GET /api/v1/holidays', () => {
  it('lists the seeded 2026 calendar for any signed-in user, in date order', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/holidays?year=2026', headers: { cookie: await t.login('enterprise') } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { date: string; name: string; isWorkday: boolean }[];
    expect(items.every((h) => h.date.startsWith('2026-'))).toBe(true);
    expect(items.map((h) => h.date)).toEqual([...items.map((h) => h.date)].sort());
    expect(items).toContainEqual({ date: '2026-09-20', name: '国庆节（调休上班）', isWorkday: true });
    expect(items).toContainEqual({ date: '2026-09-25', name: '中秋节', isWorkday: false });
  });

  it('refuses anonymous callers and a missing or odd year', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/holidays?year=2026' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/holidays', headers: { cookie: guzhen } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/holidays?year=20x6', headers: { cookie: guzhen } })).statusCode).toBe(400);
  });
});

describe('PUT /api/v1/holidays/:date', () => {
  it('lets a city admin add a day off, audited', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/holidays/2027-01-01',
      headers: { cookie: admin },
      payload: { name: '元旦' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2027-01-01', name: '元旦', isWorkday: false });
    expect(await holiday('2027-01-01')).toHaveLength(1);
    const [audit] = await auditOf('holiday.create', '2027-01-01');
    expect(audit?.changes).toMatchObject({ name: { from: null, to: '元旦' } });
  });

  it('replaces an existing entry and records what changed', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/holidays/2026-09-25',
      headers: { cookie: admin },
      payload: { date: '2026-09-25', name: '中秋节（更正）', isWorkday: false },
    });
    expect(res.statusCode).toBe(200);
    expect((await holiday('2026-09-25'))[0]?.name).toBe('中秋节（更正）');
    const [audit] = await auditOf('holiday.update', '2026-09-25');
    expect(audit?.changes).toEqual({ name: { from: '中秋节', to: '中秋节（更正）' } });
  });

  it('refuses a make-up working day on a weekday, and a body date that differs from the path', async () => {
    const weekday = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/holidays/2026-11-04',
      headers: { cookie: admin },
      payload: { name: '调休', isWorkday: true },
    });
    expect(weekday.statusCode).toBe(422);
    expect(weekday.json().error.code).toBe('HOLIDAY_WORKDAY_NOT_WEEKEND');
    const mismatch = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/holidays/2026-11-07',
      headers: { cookie: admin },
      payload: { date: '2026-11-08', name: '调休', isWorkday: true },
    });
    expect(mismatch.statusCode).toBe(400);
    expect(await holiday('2026-11-04')).toHaveLength(0);
    expect(await holiday('2026-11-07')).toHaveLength(0);
  });

  it('validates the date and the body', async () => {
    const bad = [
      { url: '/api/v1/holidays/2026-02-30', payload: { name: 'x' } },
      { url: '/api/v1/holidays/tomorrow', payload: { name: 'x' } },
      { url: '/api/v1/holidays/2026-11-07', payload: { name: '' } },
      { url: '/api/v1/holidays/2026-11-07', payload: { name: 'x', updatedAt: '2020-01-01' } },
    ];
    for (const { url, payload } of bad) {
      const res = await t.app.inject({ method: 'PUT', url, headers: { cookie: admin }, payload });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('refuses a town admin (403) and changes nothing', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/holidays/2026-09-28',
      headers: { cookie: guzhen },
      payload: { name: '假' },
    });
    expect(res.statusCode).toBe(403);
    expect(await holiday('2026-09-28')).toHaveLength(0);
  });
});

describe('DELETE /api/v1/holidays/:date', () => {
  it('removes an entry for a city admin, audited; 404 when absent', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/holidays/2026-10-10', headers: { cookie: admin } });
    expect(res.statusCode).toBe(204);
    expect(await holiday('2026-10-10')).toHaveLength(0);
    expect(await auditOf('holiday.delete', '2026-10-10')).toHaveLength(1);
    const again = await t.app.inject({ method: 'DELETE', url: '/api/v1/holidays/2026-10-10', headers: { cookie: admin } });
    expect(again.statusCode).toBe(404);
  });

  it('refuses other roles and keeps the entry', async () => {
    for (const user of ['guzhen', 'enterprise', 'expert']) {
      const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/holidays/2026-10-01', headers: { cookie: await t.login(user) } });
      expect(res.statusCode, user).toBe(403);
    }
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/holidays/2026-10-01' })).statusCode).toBe(401);
    expect(await holiday('2026-10-01')).toHaveLength(1);
  });
});

describe('deadlineAfterWorkingDays', () => {
  it('counts from the Shanghai date of a UTC moment, through 中秋', async () => {
    // Thu 2026-09-24 20:00 in Shanghai.
    const d = await deadlineAfterWorkingDays(t.database.db, new Date('2026-09-24T12:00:00Z'), 2);
    expect(d.date).toBe('2026-09-29');
    expect(d.endsAt.toISOString()).toBe('2026-09-29T16:00:00.000Z');
  });

  it('uses the next Shanghai day when UTC is still on the previous one', async () => {
    // 2026-09-24T16:30Z is Friday 00:30 in Shanghai (a holiday): count from Friday.
    const d = await deadlineAfterWorkingDays(t.database.db, new Date('2026-09-24T16:30:00Z'), 1);
    expect(d.date).toBe('2026-09-28');
  });

  it('crosses 国庆 with the make-up days read from the database', async () => {
    // 2026-10-10 was deleted above: Saturday is off again, so 3 working days after 09-30 is Monday 10-12.
    const d = await deadlineAfterWorkingDays(t.database.db, new Date('2026-09-30T02:00:00Z'), 3);
    expect(d.date).toBe('2026-10-12');
    const across = await deadlineAfterWorkingDays(t.database.db, new Date('2026-09-18T02:00:00Z'), 1);
    expect(across.date).toBe('2026-09-20'); // the make-up Sunday
  });
});
