// npm run bench:vouchers [-- --clients 200 --requests 2000 --scale 0.1]
// 200 concurrent clients redeem (reserve, then settle or release) innovation vouchers of ONE programme over
// loopback HTTP against the real server, then race 200 approvals against room for 100; afterwards it checks
// that the programme's ledger balances, that stored balances equal their entries and that nothing is overspent.
// Meant for PostgreSQL (DATABASE_URL); on PGlite it runs but every transaction is serialised.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { ledgerCheck } from '../src/modules/vouchers/vouchers.repository.ts';
import { createProgramme, issueVoucher } from '../src/modules/vouchers/vouchers.service.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db.ts';
import { ANONYMOUS } from '../src/platform/policy.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    requests: { type: 'string', default: '2000' },
    scale: { type: 'string', default: '0.1' },
    pool: { type: 'string', default: '20' },
  },
});
const clients = Number(values.clients);
const requests = Number(values.requests);

const dataDir = mkdtempSync(path.join(tmpdir(), 'innotown-vbench-'));
let databaseUrl: string | undefined;
let admin: pg.Client | undefined;
const dbName = `innotown_vbench_${process.pid}`;
if (process.env.DATABASE_URL) {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
}
const config = loadConfig(
  {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    DATA_DIR: dataDir,
    LOGIN_IP_MAX_FAILURES: '10000',
  } as NodeJS.ProcessEnv,
  { databaseUrl, port: 0, host: '127.0.0.1' },
);
const database = await openDatabase({ databaseUrl, dataDir, poolMax: Number(values.pool) });
await database.migrate();
await seedDemoData(database.db, { scale: Number(values.scale) });
const app = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const db = database.db;

async function login(username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'InnoTown#2026' }),
  });
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
const adminCookie = await login('admin');
const enterpriseCookie = await login('enterprise');
const one = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows[0] as T;
const enterpriseId = (await one<{ enterprise_id: string }>(sql`select enterprise_id from users where username = 'enterprise'`))
  .enterprise_id;
const providerId = (await one<{ institution_id: string }>(sql`select institution_id from users where username = 'provider'`))
  .institution_id;
const adminId = (await one<{ id: string }>(sql`select id from users where username = 'admin'`)).id;
const city = systemContext({ ...ANONYMOUS, userId: adminId, username: 'admin', role: 'city_admin' });

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const programme = await createProgramme(db, city, {
  year: 2026,
  name: '创新券压测计划',
  totalBudgetFen: 100_000_000,
  capPerEnterpriseFen: 50_000_000,
  ratioTechSmeBp: 8000,
  ratioHighTechBp: 6000,
  ratioDefaultBp: 5000,
  categories: ['testing', 'rnd'],
  providerScope: 'alliance',
  providerIds: [],
  windowStart: today,
  windowEnd: today,
  validityDays: 365,
  claimant: 'provider',
});
// 50 vouchers of ¥2,000 in the enterprise's wallet: clients spread over them, several per voucher.
const voucherIds: string[] = [];
for (let i = 0; i < 50; i++) {
  voucherIds.push((await issueVoucher(db, city, { programmeId: programme.id, enterpriseId, applicationId: null, amountFen: 200_000 })).id);
}

const post = (url: string, cookie: string, body: unknown, key?: string) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

// Phase 1: redemptions. Each operation reserves ratio × price on a random voucher, then the city settles
// half of it (or the enterprise releases it). A redemption = reserve + settle/release; both are timed.
const times: number[] = [];
const statuses: Record<string, number> = {};
let next = 0;
let redeemed = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: clients }, async (_, c) => {
    while (next < requests) {
      next++;
      const voucherId = voucherIds[(c + next) % voucherIds.length] as string;
      const s = performance.now();
      const r = await post(
        `/api/v1/vouchers/${voucherId}/reservations`,
        enterpriseCookie,
        {
          orderRef: randomUUID(),
          orderPriceFen: 1000 + Math.floor(Math.random() * 20_000),
          category: 'testing',
          providerId,
        },
        randomUUID(),
      );
      const body = (await r.json()) as { id?: string; amountFen?: number; error?: { code: string } };
      statuses[`reserve ${r.status}${body.error ? ` ${body.error.code}` : ''}`] =
        (statuses[`reserve ${r.status}${body.error ? ` ${body.error.code}` : ''}`] ?? 0) + 1;
      if (r.status === 201 && body.id) {
        const settleIt = next % 2 === 0;
        const r2 = settleIt
          ? await post(
              `/api/v1/voucher-reservations/${body.id}/settle`,
              adminCookie,
              { amountFen: Math.max(1, Math.floor((body.amountFen ?? 2) / 2)) },
              randomUUID(),
            )
          : await post(`/api/v1/voucher-reservations/${body.id}/release`, enterpriseCookie, {}, randomUUID());
        await r2.arrayBuffer();
        statuses[`${settleIt ? 'settle' : 'release'} ${r2.status}`] =
          (statuses[`${settleIt ? 'settle' : 'release'} ${r2.status}`] ?? 0) + 1;
        if (r2.ok) redeemed++;
      }
      times.push(performance.now() - s);
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
times.sort((a, b) => a - b);

// Phase 2: the budget race: room for exactly 100 approvals of ¥1, 200 concurrent approvals.
const race = await createProgramme(db, city, {
  ...{ year: 2026, name: '创新券竞争测试', categories: ['testing'], providerScope: 'alliance', providerIds: [] },
  totalBudgetFen: 10_000,
  capPerEnterpriseFen: 10_000,
  ratioTechSmeBp: 8000,
  ratioHighTechBp: 6000,
  ratioDefaultBp: 5000,
  windowStart: today,
  windowEnd: today,
  validityDays: 365,
  claimant: 'provider',
} as Parameters<typeof createProgramme>[2]);
const town = (await one<{ town_id: string }>(sql`select town_id from enterprises where id = ${enterpriseId}`)).town_id;
const apps: string[] = [];
for (let i = 0; i < 200; i++) {
  apps.push(
    (
      await one<{
        id: string;
      }>(sql`insert into voucher_applications (programme_id, enterprise_id, town_id, planned_use, categories, amount_fen, status)
        values (${race.id}, ${enterpriseId}, ${town}, '压测', '{testing}', 100, 'forwarded') returning id`)
    ).id,
  );
}
const raceStatuses: Record<string, number> = {};
await Promise.all(
  apps.map(async (id) => {
    const r = await post(`/api/v1/voucher-applications/${id}/approve`, adminCookie, { amountFen: 100 }, randomUUID());
    const body = (await r.json()) as { error?: { code: string } };
    const k = `${r.status}${body.error ? ` ${body.error.code}` : ''}`;
    raceStatuses[k] = (raceStatuses[k] ?? 0) + 1;
  }),
);

const check = await ledgerCheck(db, programme.id);
const raceCheck = await ledgerCheck(db, race.id);
console.log(`engine ${database.kind}; ${clients} clients; ${requests} redemptions attempted over 50 vouchers of one programme`);
console.log(`\n| measure | value |\n|---|---|`);
console.log(`| redemptions completed (reserve + settle/release) | ${redeemed} |`);
console.log(`| redemptions/s | ${(redeemed / seconds).toFixed(0)} |`);
console.log(
  `| latency per redemption p50 / p95 / max ms | ${pct(times, 50).toFixed(0)} / ${pct(times, 95).toFixed(0)} / ${(times.at(-1) ?? 0).toFixed(0)} |`,
);
console.log(`| responses | ${JSON.stringify(statuses)} |`);
console.log(
  `| ledger: balanced / within budget / stored = entries / entries | ${check.balanced} / ${check.withinBudget} / ${check.storedBalancesMatchEntries} / ${check.entries} |`,
);
console.log(`| balances | ${JSON.stringify(check.balances)} |`);
console.log(`| race: 200 approvals vs room for 100 | ${JSON.stringify(raceStatuses)} |`);
console.log(
  `| race ledger: balanced / within budget / available | ${raceCheck.balanced} / ${raceCheck.withinBudget} / ${raceCheck.balances.availableFen} |`,
);
const ok =
  check.balanced &&
  check.withinBudget &&
  check.storedBalancesMatchEntries &&
  raceCheck.balanced &&
  raceCheck.withinBudget &&
  raceStatuses['200'] === 100 &&
  raceCheck.balances.availableFen === 0;
console.log(ok ? '\nOK: no overspend, every ledger balances' : '\nFAILED: an invariant does not hold');

await app.close();
await database.close();
if (admin) {
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
rmSync(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
