import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { purgeRateLimitHits, rateLimitClassOf } from '../src/platform/http/rate-limits.ts';
import type { App } from '../src/platform/http/types.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** security.md, Input: rate limits on search, export, import and money endpoints, counted in the database. */

const LIMITS = { search: 3, export: 2, import: 1, money: 2 };
let t: TestApp;
let twin: App;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ rateLimits: LIMITS });
  // A second instance on the same database: the counts are shared, as behind a load balancer.
  twin = await buildApp({ config: t.config, database: t.database, logger: false });
  await twin.ready();
  admin = await t.login('admin');
});
afterAll(async () => {
  await twin?.close();
  await t?.close();
});

const search = (app: App, remoteAddress: string, cookie?: string) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/resources/search?q=${encodeURIComponent('光谱')}`,
    remoteAddress,
    headers: { 'accept-language': 'en', ...(cookie ? { cookie } : {}) },
  });

describe('rate limits', () => {
  it('which routes are limited: declared, or implied by an export action', () => {
    expect(rateLimitClassOf({ rateLimit: 'money', permission: { resource: 'voucherApplication', action: 'decide' } })).toBe('money');
    expect(rateLimitClassOf({ permission: { resource: 'patentSearch', action: 'export' } })).toBe('export');
    expect(rateLimitClassOf({ permission: { resource: 'patentSearch', action: 'read' } })).toBeNull();
    expect(rateLimitClassOf(undefined)).toBeNull();
  });

  it('anonymous searches are counted per client address across instances: over the limit a clear 429 with Retry-After', async () => {
    const ip = '10.1.0.1';
    expect((await search(t.app, ip)).statusCode).toBe(200);
    expect((await search(twin, ip)).statusCode).toBe(200);
    expect((await search(t.app, ip)).statusCode).toBe(200);
    const refused = await search(twin, ip);
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many requests; try again later',
      messageZh: '请求过于频繁，请稍后再试',
      details: { limit: 3, perSeconds: 60, retryAfterSeconds: retryAfter },
    });
    // Another address, and a signed-in user from the same address, have counts of their own.
    expect((await search(t.app, '10.1.0.2')).statusCode).toBe(200);
    expect((await search(t.app, ip, admin)).statusCode).toBe(200);
  });

  it('exports are limited per user (an export action needs no declaration)', async () => {
    // The answer is a workbook: only its status is read.
    const exportPatents = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/patents/export?q=${encodeURIComponent('灯具')}`,
          headers: { cookie: admin },
        })
      ).statusCode;
    expect(await exportPatents()).toBe(200);
    expect(await exportPatents()).toBe(200);
    expect(await exportPatents()).toBe(429);
  });

  it('money endpoints count every request, refused ones too, and leave the ledger alone when over the limit', async () => {
    const approve = () =>
      t.call(
        'POST',
        `/api/v1/voucher-applications/${randomUUID()}/approve`,
        admin,
        { amountFen: 100 },
        { 'idempotency-key': randomUUID() },
      );
    const entries = async () =>
      ((await t.database.db.execute(sql`select count(*)::int as n from ledger_entries`)) as unknown as { rows: { n: number }[] }).rows[0]
        ?.n;
    const before = await entries();
    expect((await approve()).status).not.toBe(429);
    expect((await approve()).status).not.toBe(429);
    const third = await approve();
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    expect(await entries()).toBe(before);
  });

  it('unlimited routes stay unlimited, and finished windows are purged', async () => {
    for (let i = 0; i < 8; i++) expect((await t.call('GET', '/api/v1/towns')).status).toBe(200);
    await t.database.db.execute(
      sql`insert into rate_limit_hits (key, window_start, hits) values ('search:ip:10.9.9.9', now() - interval '10 minutes', 5)`,
    );
    expect(await purgeRateLimitHits(t.database.db)).toBeGreaterThanOrEqual(1);
    const left = (await t.database.db.execute(
      sql`select count(*)::int as n from rate_limit_hits where window_start < now() - interval '5 minutes'`,
    )) as unknown as { rows: { n: number }[] };
    expect(left.rows[0]?.n).toBe(0);
  });
});
