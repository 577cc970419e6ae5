// npm run bench:api [-- --scale 10 --requests 300 --concurrency 8]
// Starts the real server in-process on a fresh database (PGlite, or DATABASE_URL's server),
// seeds demo data at the given scale, and measures end-to-end latency over loopback HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { openDatabase } from '../src/platform/db.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    requests: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
  },
});
const scale = Number(values.scale);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const dataDir = mkdtempSync(path.join(tmpdir(), 'innotown-bench-'));
let databaseUrl: string | undefined;
let admin: pg.Client | undefined;
const dbName = `innotown_bench_${process.pid}`;
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
  {
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
  },
);
const database = await openDatabase({ databaseUrl, dataDir, poolMax: 10 });
await database.migrate();
const t0 = Date.now();
const seeded = await seedDemoData(database.db, { scale });
console.log(`engine ${database.kind}; seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s:`, seeded);
const app = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

async function login(username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'InnoTown#2026' }),
  });
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
const adminCookie = await login('admin');
const townCookie = await login('guzhen');

type Case = { name: string; run: () => Promise<Response>; n?: number };
const cases: Case[] = [
  { name: 'GET /api/health', run: () => fetch(`${base}/api/health`) },
  { name: 'GET /api/v1/stats/overview (public)', run: () => fetch(`${base}/api/v1/stats/overview`) },
  { name: 'GET /api/v1/towns (public)', run: () => fetch(`${base}/api/v1/towns`) },
  {
    name: 'GET /api/v1/enterprises page 1 (city admin)',
    run: () => fetch(`${base}/api/v1/enterprises?page=1&pageSize=20`, { headers: { cookie: adminCookie } }),
  },
  {
    name: 'GET /api/v1/enterprises?q=灯饰 (city admin)',
    run: () => fetch(`${base}/api/v1/enterprises?q=${encodeURIComponent('灯饰')}`, { headers: { cookie: adminCookie } }),
  },
  {
    name: 'GET /api/v1/enterprises page 5 (town admin)',
    run: () => fetch(`${base}/api/v1/enterprises?page=5&pageSize=20`, { headers: { cookie: townCookie } }),
  },
  {
    name: 'GET /api/v1/audit-events (city admin)',
    run: () => fetch(`${base}/api/v1/audit-events?pageSize=50`, { headers: { cookie: adminCookie } }),
  },
  {
    name: 'POST /api/v1/auth/login (argon2id)',
    n: Math.min(requests, 60),
    run: () =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'expert', password: 'InnoTown#2026' }),
      }),
  },
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
console.log(`\n| request | n | concurrency | p50 ms | p95 ms | req/s |\n|---|---|---|---|---|---|`);
for (const c of cases) {
  const n = c.n ?? requests;
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const s = performance.now();
        const res = await c.run();
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${c.name}: ${res.status}`);
        times.push(performance.now() - s);
      }
    }),
  );
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  console.log(
    `| ${c.name} | ${n} | ${concurrency} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${(n / total).toFixed(0)} |`,
  );
}

await app.close();
await database.close();
if (admin) {
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
rmSync(dataDir, { recursive: true, force: true });
