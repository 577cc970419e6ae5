// npm run bench:vouchers [-- --clients 200 --requests 2000 --scale 0.1]
// 200 concurrent clients redeem innovation vouchers of ONE programme over loopback HTTP against the real
// server: the enterprise applies a voucher to one of its orders (reserve); then either the order runs to
// completion and the provider's claim is verified by the town and settled by the city (claim → verify →
// settle), or the enterprise cancels the order (release). Afterwards it then race 200 approvals against room for 100; afterwards it checks
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
    RATE_LIMITS_ENABLED: 'false', // the benchmark measures the endpoint, not the limit
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
const providerCookie = await login('provider');
const townCookie = await login('guzhen');
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
// One testing service of the provider, one accepted order per attempted redemption (quoted ¥10–¥210),
// and the provider's invoice and evidence attachments (uploads are not what is measured here).
const serviceId = (
  await one<{ id: string }>(sql`insert into services (institution_id, town_id, category, title, price_kind, price_min_fen, price_max_fen,
      price_unit, turnaround_days, status, published_at)
    select id, town_id, 'testing', '压测检测服务', 'range', 1000, 21000, 'item', 3, 'published', now() from institutions where id = ${providerId}
    returning id`)
).id;
const orderIds = (
  (await db.execute(sql`insert into service_orders (service_id, institution_id, enterprise_id, town_id, status, needs, quantity,
      quoted_price_fen, quote_due_at)
    select ${serviceId}, ${providerId}, e.id, e.town_id, 'accepted', '压测', 1, 1000 + floor(random() * 20000)::int, now() + interval '2 days'
    from enterprises e, generate_series(1, ${requests}) where e.id = ${enterpriseId} returning id`)) as unknown as {
    rows: { id: string }[];
  }
).rows.map((r) => r.id);
const attachment = async () =>
  (
    await one<{ id: string }>(sql`insert into files (owner_user_id, purpose, filename, content_type, size, sha256, content)
      select id, 'attachment', 'invoice.pdf', 'application/pdf', 1, repeat('0', 64), decode('00', 'hex') from users where username = 'provider'
      returning id`)
  ).id;
const invoiceFileId = await attachment();
const evidenceFileId = await attachment();

const post = (url: string, cookie: string, body: unknown, key?: string) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

// Phase 1: redemptions. Each operation applies a random voucher to the next order (reserve), then half of
// them go through completion, claim, verification and settlement (of half the reserved amount), the other
// half are cancelled by the enterprise (release). A redemption = all of its requests; each is timed whole.
const times: number[] = [];
const statuses: Record<string, number> = {};
const count = (k: string) => {
  statuses[k] = (statuses[k] ?? 0) + 1;
};
let next = 0;
let redeemed = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: clients }, async (_, c) => {
    while (next < requests) {
      const n = next++;
      const orderId = orderIds[n] as string;
      const voucherId = voucherIds[(c + n) % voucherIds.length] as string;
      const s = performance.now();
      const r = await post(`/api/v1/service-orders/${orderId}/voucher`, enterpriseCookie, { voucherId }, randomUUID());
      const body = (await r.json()) as { subsidy?: { amountFen: number }; error?: { code: string } };
      count(`apply ${r.status}${body.error ? ` ${body.error.code}` : ''}`);
      if (r.status === 200 && body.subsidy) {
        if (n % 2 === 0) {
          await db.execute(sql`update service_orders set status = 'completed', rating = 5 where id = ${orderId}`);
          const claim = await post(
            '/api/v1/voucher-claims',
            providerCookie,
            { orderId, claimedFen: Math.max(1, Math.floor(body.subsidy.amountFen / 2)), invoiceFileId, evidenceFileIds: [evidenceFileId] },
            randomUUID(),
          );
          const claimBody = (await claim.json()) as { id?: string; error?: { code: string } };
          count(`claim ${claim.status}${claimBody.error ? ` ${claimBody.error.code}` : ''}`);
          if (claim.status === 201 && claimBody.id) {
            const verify = await post(`/api/v1/voucher-claims/${claimBody.id}/verify`, townCookie, {}, randomUUID());
            await verify.arrayBuffer();
            count(`verify ${verify.status}`);
            const settle = await post(`/api/v1/voucher-claims/${claimBody.id}/settle`, adminCookie, {}, randomUUID());
            await settle.arrayBuffer();
            count(`settle ${settle.status}`);
            if (settle.ok) redeemed++;
          }
        } else {
          const cancel = await post(`/api/v1/service-orders/${orderId}/cancel`, enterpriseCookie, {});
          await cancel.arrayBuffer();
          count(`cancel ${cancel.status}`);
          if (cancel.ok) redeemed++;
        }
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
console.log(`| redemptions completed (apply → claim → verify → settle, or apply → cancel) | ${redeemed} |`);
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
