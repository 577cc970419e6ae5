// npm run bench:dashboard -- [--engine pglite|postgres|both] [--towns 25] [--years 15] [--indicators 40] [--runs 100]
//
// A synthetic target-monitoring dataset on a freshly migrated database: T towns × Y years of approved
// annual submissions (2010…), the plan's catalogue plus generated statistics and indicators up to N
// indicators (each extra indicator a formula over its own statistic, half of them per capita, all in
// the composite index, each with a city target), then p50/p95 of the two dashboard APIs through the
// real routes (app.inject: policy, service, presenter, response validation, JSON):
//   GET /api/v1/target-dashboard                      (city overview)
//   GET /api/v1/target-dashboard/towns?year=<last>    (town comparison with the composite index)
// PostgreSQL: database innotown_bench_dash on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/),
// dropped and created each run. PGlite: a fresh temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { towns } from '../src/db/schema/organisations.ts';
import {
  indicators,
  indicatorTargets,
  reportingPeriods,
  statisticSubmissions,
  statistics,
  submissionValues,
} from '../src/db/schema/targets.ts';
import { ensureCatalogue } from '../src/modules/targets/targets.repository.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    towns: { type: 'string', default: '25' },
    years: { type: 'string', default: '15' },
    indicators: { type: 'string', default: '40' },
    runs: { type: 'string', default: '100' },
  },
});
const TOWNS = Number(values.towns);
const YEARS = Number(values.years);
const INDICATORS = Number(values.indicators);
const RUNS = Number(values.runs);
const FIRST_YEAR = 2010;
const LAST_YEAR = FIRST_YEAR + YEARS - 1;
const engines = values.engine === 'both' ? ['postgres', 'pglite'] : [values.engine as string];

/** Mulberry32: the same data on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 14 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function openEngine(engine: string): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (engine === 'postgres') {
    const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    server.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query('drop database if exists innotown_bench_dash with (force)');
    await admin.query('create database innotown_bench_dash');
    const url = new URL(server);
    url.pathname = '/innotown_bench_dash';
    const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 10 });
    return { database, cleanup: async () => void (await admin.end()) }; // kept for inspection; dropped on the next run
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'innotown-bench-dash-'));
  const database = await openDatabase({ dataDir: dir });
  return { database, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function load(database: Database) {
  const { db } = database;
  await database.migrate();
  await ensureCatalogue(db);
  const random = rng(42);
  // Towns (the seed's 23 are not loaded here: only the bench's).
  const townRows = await db
    .insert(towns)
    .values(
      Array.from({ length: TOWNS }, (_, i) => ({
        code: `B${String(i + 1).padStart(3, '0')}`,
        name: `基准镇${i + 1}`,
        nameEn: `Bench town ${i + 1}`,
        kind: 'town',
      })),
    )
    .returning({ id: towns.id });
  // Statistics and indicators beyond the plan's, up to INDICATORS.
  const planIndicators = (await db.select({ code: indicators.code }).from(indicators)).length;
  const extra = Math.max(0, INDICATORS - planIndicators);
  await db.insert(statistics).values(
    Array.from({ length: extra }, (_, i) => ({
      code: `bench_stat_${i + 1}`,
      nameZh: `基准统计${i + 1}`,
      nameEn: `Bench statistic ${i + 1}`,
      unit: i % 2 === 0 ? '件' : '万元',
      maxValue: 1e9,
      required: false,
      sortOrder: 100 + i,
    })),
  );
  if (extra) {
    const rows = await db
      .insert(indicators)
      .values(
        Array.from({ length: extra }, (_, i) => ({
          code: `bench_ind_${i + 1}`,
          nameZh: `基准指标${i + 1}`,
          nameEn: `Bench indicator ${i + 1}`,
          unit: i % 2 === 0 ? '件/万人' : '%',
          formula: i % 2 === 0 ? `bench_stat_${i + 1} / population` : `bench_stat_${i + 1} / gdp`,
          direction: i % 5 === 4 ? 'lower' : 'higher',
          baseYear: FIRST_YEAR,
          inIndex: true,
        })),
      )
      .returning({ id: indicators.id });
    await db.insert(indicatorTargets).values(rows.map((r) => ({ indicatorId: r.id, townId: null, year: LAST_YEAR + 5, value: 100 })));
  }
  const statisticCodes = (await db.select({ code: statistics.code, unit: statistics.unit }).from(statistics)).map((s) => s.code);
  const periods = await db
    .insert(reportingPeriods)
    .values(Array.from({ length: YEARS }, (_, i) => ({ year: FIRST_YEAR + i, deadline: `${FIRST_YEAR + i + 1}-03-31`, status: 'closed' })))
    .returning({ id: reportingPeriods.id, year: reportingPeriods.year });
  let valueRows = 0;
  for (const town of townRows) {
    const size = 0.3 + random() * 2; // towns differ in size, grow 3–12 % a year
    const growth = 1.03 + random() * 0.09;
    const subs = await db
      .insert(statisticSubmissions)
      .values(periods.map((p) => ({ periodId: p.id, townId: town.id, version: 1, status: 'approved' })))
      .returning({ id: statisticSubmissions.id, periodId: statisticSubmissions.periodId });
    const yearOf = new Map(periods.map((p) => [p.id, p.year]));
    const batch: (typeof submissionValues.$inferInsert)[] = [];
    for (const s of subs) {
      const k = size * growth ** ((yearOf.get(s.periodId) as number) - FIRST_YEAR);
      for (const code of statisticCodes) {
        const base = code === 'population' ? 150_000 * size : code === 'gdp' ? 1_000_000 * k : 1000 * k * (0.5 + random());
        batch.push({ submissionId: s.id, statisticCode: code, value: Math.round(base * 100) / 100 });
      }
    }
    for (let i = 0; i < batch.length; i += 2000) await db.insert(submissionValues).values(batch.slice(i, i + 2000));
    valueRows += batch.length;
  }
  await db.execute(sql`analyze`);
  const indicatorCount = (await db.select({ code: indicators.code }).from(indicators)).length;
  return { towns: townRows.length, years: YEARS, indicators: indicatorCount, statistics: statisticCodes.length, valueRows };
}

function percentiles(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] as number;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

const results: string[] = [];
for (const engine of engines) {
  const { database, cleanup } = await openEngine(engine);
  try {
    const t0 = performance.now();
    const size = await load(database);
    console.log(`${engine}: loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`, size);
    const config = loadConfig({
      NODE_ENV: 'production',
      RATE_LIMITS_ENABLED: 'false', // the benchmark measures the endpoint, not the limit
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      WEB_DIST_DIR: '/nonexistent',
    } as NodeJS.ProcessEnv);
    const app = await buildApp({ config, database, logger: false });
    await app.ready();
    try {
      for (const [label, url] of [
        ['city overview', '/api/v1/target-dashboard'],
        ['town comparison', `/api/v1/target-dashboard/towns?year=${LAST_YEAR}`],
      ] as const) {
        const times: number[] = [];
        const cpu: number[] = [];
        let bytes = 0;
        for (let i = 0; i < RUNS + 5; i++) {
          const c = process.cpuUsage();
          const s = performance.now();
          const res = await app.inject({ method: 'GET', url });
          const ms = performance.now() - s;
          const used = process.cpuUsage(c);
          if (i >= 5) cpu.push((used.user + used.system) / 1000);
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
          bytes = res.rawPayload.length;
          if (i >= 5) times.push(ms); // the first few warm the JIT and the caches
        }
        const p = percentiles(times);
        // CPU time of this process per request (PGlite: the database too; PostgreSQL: without the server's):
        // less sensitive than wall time to other work on a shared machine.
        const c = percentiles(cpu);
        const line = `${engine.padEnd(8)} ${label.padEnd(16)} p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  max ${p.max.toFixed(1)} ms  cpu p50 ${c.p50.toFixed(1)} ms  (${RUNS} runs, ${(bytes / 1024).toFixed(0)} kB)`;
        console.log(line);
        results.push(line);
      }
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await cleanup();
  }
}
console.log(
  `\n${TOWNS} towns × ${YEARS} years × ${INDICATORS} indicators; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const r of results) console.log(r);
