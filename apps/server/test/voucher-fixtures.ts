import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { RequestContext } from '../src/platform/context.ts';
import { systemContext } from '../src/platform/context.ts';
import type { Database } from '../src/platform/db.ts';
import { ANONYMOUS } from '../src/platform/policy.ts';
import { one } from './fixtures.ts';
import type { TestApp } from './harness.ts';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const shiftDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);

/** A valid programme body whose window is open today (Shanghai); money in fen. */
export function programmeBody(overrides: Record<string, unknown> = {}) {
  return {
    year: 2026,
    name: `创新券计划 ${randomUUID().slice(0, 6)}`,
    totalBudgetFen: 10_000_000, // ¥100,000
    capPerEnterpriseFen: 2_000_000, // ¥20,000
    ratioTechSmeBp: 8000,
    ratioHighTechBp: 6000,
    ratioDefaultBp: 5000,
    categories: ['testing', 'rnd', 'ip'],
    providerScope: 'alliance',
    providerIds: [],
    windowStart: shiftDays(today(), -10),
    windowEnd: shiftDays(today(), 30),
    validityDays: 180,
    claimant: 'provider',
    ...overrides,
  };
}

export async function makeProgramme(t: TestApp, admin: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/voucher-programmes',
    headers: { cookie: admin },
    payload: programmeBody(overrides),
  });
  if (res.statusCode !== 201) throw new Error(`programme: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Inserts a forwarded application straight into the table (for races and the matrix). */
export async function forwardedApplication(
  database: Database,
  programmeId: string,
  enterpriseId: string,
  amountFen: number,
  status: 'submitted' | 'forwarded' = 'forwarded',
): Promise<string> {
  const e = await one<{ town_id: string }>(database, sql`select town_id from enterprises where id = ${enterpriseId}`);
  const row = await one<{ id: string }>(
    database,
    sql`insert into voucher_applications (programme_id, enterprise_id, town_id, planned_use, categories, amount_fen, status)
        values (${programmeId}, ${enterpriseId}, ${e.town_id}, '检测服务', ${sql.raw("'{testing}'::text[]")}, ${amountFen}, ${status}) returning id`,
  );
  return row.id;
}

/** Apply → forward (town) → approve (city) through the API; returns the voucher id. */
export async function makeVoucher(
  t: TestApp,
  cookies: { enterprise: string; town: string; admin: string },
  programmeId: string,
  amountFen: number,
): Promise<string> {
  const applied = await t.app.inject({
    method: 'POST',
    url: '/api/v1/voucher-applications',
    headers: { cookie: cookies.enterprise },
    payload: { programmeId, plannedUse: '产品检测', categories: ['testing'], amountFen },
  });
  if (applied.statusCode !== 201) throw new Error(`apply: ${applied.statusCode} ${applied.body}`);
  const id = applied.json().id;
  const fwd = await t.app.inject({
    method: 'POST',
    url: `/api/v1/voucher-applications/${id}/forward`,
    headers: { cookie: cookies.town },
    payload: {},
  });
  if (fwd.statusCode !== 200) throw new Error(`forward: ${fwd.statusCode} ${fwd.body}`);
  const ok = await t.app.inject({
    method: 'POST',
    url: `/api/v1/voucher-applications/${id}/approve`,
    headers: { cookie: cookies.admin },
    payload: { amountFen },
  });
  if (ok.statusCode !== 200) throw new Error(`approve: ${ok.statusCode} ${ok.body}`);
  return ok.json().voucherId;
}

export const cityContext = (userId: string | null = null): RequestContext =>
  systemContext({ ...ANONYMOUS, userId, username: 'admin', role: 'city_admin' });
export const enterpriseContext = (enterpriseId: string, townId: string): RequestContext =>
  systemContext({ ...ANONYMOUS, username: 'enterprise', role: 'enterprise', enterpriseId, townId });
