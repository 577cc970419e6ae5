import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { JobRow } from '../../platform/jobs.ts';
import { remindersOf } from './reminders.repository.ts';
import { reminderKindFor, sendDeadlineReminders, TARGET_SCHEDULES, targetHandlers } from './reminders.ts';

describe('reminderKindFor', () => {
  it('a week ahead, the day before (and on the day), after the deadline; nothing earlier', () => {
    expect(reminderKindFor('2031-03-31', '2031-03-23')).toBeNull();
    expect(reminderKindFor('2031-03-31', '2031-03-24')).toBe('due_7');
    expect(reminderKindFor('2031-03-31', '2031-03-29')).toBe('due_7');
    expect(reminderKindFor('2031-03-31', '2031-03-30')).toBe('due_1');
    expect(reminderKindFor('2031-03-31', '2031-03-31')).toBe('due_1');
    expect(reminderKindFor('2031-03-31', '2031-04-01')).toBe('overdue');
  });
});

describe('deadline reminders', () => {
  let t: TestApp;
  let periodId: string;
  let link: string;
  const call: TestApp['call'] = (...args) => t.call(...args);

  /** The notifications a user received about this period, by kind. */
  const received = async (username: string, kind: string) =>
    rows<{ title: string; body: string | null }>(
      t.database,
      sql`select n.title, n.body from notifications n join users u on u.id = n.user_id
          where u.username = ${username} and n.kind = ${kind} and n.link = ${link}`,
    );

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin');
    periodId = (await call('POST', '/api/v1/reporting-periods', admin, { year: 2030, deadline: '2031-03-31' })).body.id;
    link = `/targets/submissions?period=${periodId}`;
    // 古镇 submits its figures; 小榄 only saves a draft (still to submit).
    const values = { gdp: { value: 1_000_000 }, population: { value: 150_000 } };
    const guzhen = await t.login('guzhen');
    const draft = await call('PUT', '/api/v1/statistic-submissions', guzhen, {
      periodId,
      values: {
        ...values,
        industrial_output: { value: 1_600_000 },
        hitech_output: { value: 600_000 },
        rd_expenditure: { value: 25_000 },
        enterprises_above_scale: { value: 420 },
        high_tech_enterprises: { value: 160 },
        tech_smes: { value: 300 },
        invention_applications: { value: 150 },
        invention_patents_valid: { value: 120 },
        parks_incubators: { value: 1 },
      },
    });
    expect(draft.status).toBe(200);
    expect((await call('POST', `/api/v1/statistic-submissions/${draft.body.id}/submit`, guzhen)).status).toBe(200);
    expect((await call('PUT', '/api/v1/statistic-submissions', await t.login('xiaolan'), { periodId, values })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('nothing more than a week ahead', async () => {
    await sendDeadlineReminders(t.database.db, '2031-03-20');
    expect(await remindersOf(t.database.db, periodId)).toEqual([]);
  });

  it('a week ahead: every town yet to submit is reminded once, however often the job runs; a town that submitted is not', async () => {
    await sendDeadlineReminders(t.database.db, '2031-03-24');
    await sendDeadlineReminders(t.database.db, '2031-03-24');
    await sendDeadlineReminders(t.database.db, '2031-03-26');
    const xiaolan = await received('xiaolan', 'targets.deadline_due_7');
    expect(xiaolan).toHaveLength(1);
    expect(xiaolan[0]?.title).toBe('2030年统计数据将于 2031-03-31 截止（还有 7 天），请及时填报');
    expect(await received('guzhen', 'targets.deadline_due_7')).toEqual([]);
    const towns = await one<{ n: number }>(t.database, sql`select count(*)::int as n from towns`);
    const recorded = await remindersOf(t.database.db, periodId);
    expect(recorded).toHaveLength(towns.n - 1);
    const guzhenId = (await one<{ id: string }>(t.database, sql`select id from towns where name = '古镇镇'`)).id;
    expect(recorded.some((r) => r.townId === guzhenId)).toBe(false);
  });

  it('the day before, once', async () => {
    await sendDeadlineReminders(t.database.db, '2031-03-30');
    await sendDeadlineReminders(t.database.db, '2031-03-31');
    expect(await received('xiaolan', 'targets.deadline_due_1')).toHaveLength(1);
    expect(await received('guzhen', 'targets.deadline_due_1')).toEqual([]);
  });

  it('overdue: the town once, the city once with the overdue towns — even with two runs at the same time', async () => {
    await Promise.all([sendDeadlineReminders(t.database.db, '2031-04-01'), sendDeadlineReminders(t.database.db, '2031-04-01')]);
    await sendDeadlineReminders(t.database.db, '2031-04-15');
    expect(await received('xiaolan', 'targets.deadline_overdue')).toHaveLength(1);
    expect(await received('guzhen', 'targets.deadline_overdue')).toEqual([]);
    const city = await received('admin', 'targets.deadline_overdue_towns');
    expect(city).toHaveLength(1);
    expect(city[0]?.title).toBe('2030年统计数据逾期未报：22个镇街');
    expect(city[0]?.body).toContain('小榄镇');
    expect(city[0]?.body).not.toContain('古镇镇');
  });

  it('a closed period reminds no one', async () => {
    const admin = await t.login('admin');
    const closed = (await call('POST', '/api/v1/reporting-periods', admin, { year: 2032, deadline: '2033-03-31' })).body.id;
    await call('POST', `/api/v1/reporting-periods/${closed}/close`, admin);
    await sendDeadlineReminders(t.database.db, '2033-04-02');
    expect(await remindersOf(t.database.db, closed)).toEqual([]);
  });

  it('runs as a daily job of the queue', async () => {
    expect(TARGET_SCHEDULES).toEqual([{ name: 'targets.deadline_reminders', dailyAt: '09:00' }]);
    const handler = targetHandlers()['targets.deadline_reminders'];
    const result = await handler?.({ db: t.database.db, job: { id: 0 } as JobRow, log: pino({ level: 'silent' }) });
    expect(result).toMatchObject({ reminded: expect.any(Number), overdue: expect.any(Number) });
  });
});
