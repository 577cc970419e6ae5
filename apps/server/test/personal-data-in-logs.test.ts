/**
 * PIPL: no mobile number or resident ID number may reach the logs. The app logs into memory here
 * while it serves requests that carry such data, including failures, and the output is scanned.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { App } from '../src/platform/http/types.ts';
import { type DemoIds, demoIds, enterpriseBody, ID_NUMBER_PATTERN, MOBILE_PATTERN } from './fixtures.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './harness.ts';

let t: TestApp;
let app: App;
let ids: DemoIds;
let logs = '';
const sink = new Writable({
  write(chunk, _encoding, done) {
    logs += chunk.toString();
    done();
  },
});

// Request ids and record ids are random UUIDs; one whose last group happens to be 11+ digits
// (1 run in a few hundred) looks like a mobile number to the scan, so they are blanked first.
const withoutUuids = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');

// Personal data the requests below carry.
const PHONE = '13912345678';
const PHONE_2 = '15887654321';
const ID_NUMBER = '44200019900307123X';

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  app = await buildApp({ config: { ...t.config, logLevel: 'trace' }, database: t.database, logger: { level: 'trace', stream: sink } });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const login = async (username: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  return `innotown_session=${res.cookies.find((c) => c.name === 'innotown_session')?.value}`;
};

describe('personal data in logs', () => {
  it('the logger captures the requests (the scan below is not of an empty log)', async () => {
    await app.inject({ method: 'GET', url: '/api/health' });
    expect(logs).toMatch(/"url":"\/api\/health"/);
    expect(logs).toMatch(/"reqId":/);
  });

  it('no mobile or ID number is logged while serving requests that carry them, including failures', async () => {
    const admin = await login('admin');
    const enterprise = await login('enterprise');
    const requests = [
      // Successes that store and return phone numbers.
      { method: 'POST', url: '/api/v1/enterprises', cookie: admin, payload: enterpriseBody(ids.guzhenTownId, { contactPhone: PHONE }) },
      { method: 'PATCH', url: `/api/v1/enterprises/${ids.ownEnterpriseId}`, cookie: enterprise, payload: { contactPhone: PHONE_2 } },
      { method: 'GET', url: `/api/v1/enterprises/${ids.ownEnterpriseId}`, cookie: enterprise },
      { method: 'GET', url: '/api/v1/enterprises?pageSize=100', cookie: admin },
      {
        method: 'POST',
        url: '/api/v1/users',
        cookie: admin,
        payload: { username: 'loguser', password: 'Logged#2026', displayName: '日志用户', role: 'expert', phone: PHONE },
      },
      { method: 'GET', url: '/api/v1/users?pageSize=100', cookie: admin },
      { method: 'GET', url: '/api/v1/audit-events?pageSize=100', cookie: admin },
      { method: 'GET', url: '/api/v1/audit-events/export?format=csv', cookie: admin },
      // Validation failures that echo nothing back into the log.
      {
        method: 'POST',
        url: '/api/v1/enterprises',
        cookie: admin,
        payload: enterpriseBody(ids.guzhenTownId, { contactPhone: `${PHONE}0`, address: ID_NUMBER }),
      },
      { method: 'PATCH', url: `/api/v1/users/${ids.userIds.expert}`, cookie: admin, payload: { phone: PHONE, idNumber: ID_NUMBER } },
      { method: 'POST', url: '/api/v1/auth/login', payload: { username: PHONE, password: ID_NUMBER } },
      {
        method: 'POST',
        url: '/api/v1/enterprises',
        cookie: admin,
        payload: `{"contactPhone":"${PHONE}",`,
        contentType: 'application/json',
      },
      { method: 'GET', url: '/api/v1/enterprises/not-a-uuid', cookie: admin },
    ] as const;
    for (const r of requests) {
      await app.inject({
        method: r.method,
        url: r.url,
        headers: { ...('cookie' in r ? { cookie: r.cookie } : {}), ...('contentType' in r ? { 'content-type': r.contentType } : {}) },
        ...('payload' in r ? { payload: r.payload as string } : {}),
      });
    }
    expect(logs).toContain('/api/v1/users');
    const leaks = logs
      .split('\n')
      .map(withoutUuids)
      .filter((line) => line.match(MOBILE_PATTERN) || line.match(ID_NUMBER_PATTERN));
    expect(leaks).toEqual([]);
  });

  it('an unexpected database failure while storing personal data logs the error without the values', async () => {
    // A constraint the code does not know about stands in for any unexpected database error.
    await t.database.db.execute(sql`alter table users add constraint test_no_139 check (phone is null or phone not like '139%') not valid`);
    try {
      const admin = await login('admin');
      const before = logs.length;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: admin },
        payload: {
          username: 'failuser',
          password: 'Logged#2026',
          displayName: '失败用户',
          role: 'expert',
          phone: PHONE,
          email: 'fail.user@example.cn',
        },
      });
      expect(res.statusCode).toBe(500);
      const written = logs.slice(before);
      // The failure is logged, usefully...
      expect(written).toMatch(/"level":50/);
      expect(written).toContain('23514');
      // ...but without the values of the statement.
      expect(withoutUuids(written).match(MOBILE_PATTERN)).toBeNull();
      expect(written).not.toContain('fail.user@example.cn');
      expect(written).not.toMatch(/\$argon2/);
    } finally {
      await t.database.db.execute(sql`alter table users drop constraint test_no_139`);
    }
  });
});
