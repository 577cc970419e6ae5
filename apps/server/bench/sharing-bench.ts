// `npm run bench:sharing -- --instruments 2000 [--runs 5]`: the demo seed (a year of recorded use of
// ~150 instruments), its published instruments cloned with all their bookings, usage and internal use
// until the city has N instruments, then the open-sharing report for the year at each level.
// PGlite by default; DATABASE_URL=postgres://… uses a throwaway database on that server.
import { mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { seedDemoData } from '../src/db/seed.ts';
import { report } from '../src/modules/sharing-statistics/sharing-statistics.service.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db.ts';

const { values } = parseArgs({
  options: {
    instruments: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const target = Number(values.instruments);
const runs = Number(values.runs);

const url = process.env.DATABASE_URL;
let dropDatabase = async () => {};
let database: Awaited<ReturnType<typeof openDatabase>>;
if (url) {
  const name = `innotown_sharing_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  database = await openDatabase({ databaseUrl: u.toString(), poolMax: 4 });
  dropDatabase = async () => {
    if (values.keep) console.log(`kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  database = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), 'innotown-sharing-bench-')) });
}
const { db } = database;
const rowsOf = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

try {
  await database.migrate();
  let t0 = performance.now();
  await seedDemoData(db, { scale: 1 });
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const [{ n }] = await rowsOf<{ n: number }>(
    sql`select count(*)::int as n from resources where kind = 'instrument' and review_status = 'published'`,
  );
  const copies = Math.max(0, Math.ceil(target / n) - 1);
  t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`create temp table clone_map on commit drop as
      select r.id as old_id, gen_random_uuid() as new_id, g.n from resources r cross join generate_series(1, ${copies}) g(n)
      where r.kind = 'instrument' and r.review_status = 'published'`);
    await tx.execute(sql`insert into resources (id, kind, name, summary, institution_id, town_id, sharing, review_status, original_value_fen,
        opening_hours, model, category, fee_unit, fee_min_fen, fee_max_fen, operator_required, published_at)
      select m.new_id, r.kind, left(r.name || '（' || m.n || '）', 120), r.summary, r.institution_id, r.town_id, r.sharing, r.review_status,
        r.original_value_fen, r.opening_hours, r.model, r.category, r.fee_unit, r.fee_min_fen, r.fee_max_fen, r.operator_required, r.published_at
      from clone_map m join resources r on r.id = m.old_id`);
    await tx.execute(sql`create temp table booking_map on commit drop as
      select b.id as old_id, gen_random_uuid() as new_id, m.new_id as resource_id from bookings b join clone_map m on m.old_id = b.resource_id`);
    await tx.execute(sql`insert into bookings (id, resource_id, enterprise_id, user_id, institution_id, town_id, mode, period, purpose,
        quoted_fee_fen, quoted_fee_max_fen, status, decided_by, decided_at, created_at, updated_at)
      select c.new_id, c.resource_id, b.enterprise_id, b.user_id, b.institution_id, b.town_id, b.mode, b.period, b.purpose,
        b.quoted_fee_fen, b.quoted_fee_max_fen, b.status, b.decided_by, b.decided_at, b.created_at, b.updated_at
      from booking_map c join bookings b on b.id = c.old_id`);
    await tx.execute(sql`insert into booking_usages (booking_id, minutes, sample_count, fee_fen, extra_charges, extra_fen, recorded_by,
        recorded_at, confirmed_by, confirmed_at, dispute_reason, disputed_at)
      select c.new_id, u.minutes, u.sample_count, u.fee_fen, u.extra_charges, u.extra_fen, u.recorded_by, u.recorded_at,
        u.confirmed_by, u.confirmed_at, u.dispute_reason, u.disputed_at
      from booking_map c join booking_usages u on u.booking_id = c.old_id`);
    await tx.execute(sql`insert into internal_usages (resource_id, institution_id, town_id, used_on, minutes, income_fen, note, recorded_by, recorded_at)
      select m.new_id, i.institution_id, i.town_id, i.used_on, i.minutes, i.income_fen, i.note, i.recorded_by, i.recorded_at
      from clone_map m join internal_usages i on i.resource_id = m.old_id`);
  });
  await db.execute(sql`analyze`);
  const [size] = await rowsOf<{ instruments: number; bookings: number; usages: number; internal: number }>(
    sql`select (select count(*)::int from resources where kind = 'instrument' and review_status = 'published') as instruments,
               (select count(*)::int from bookings) as bookings, (select count(*)::int from booking_usages) as usages,
               (select count(*)::int from internal_usages) as internal`,
  );
  console.log(`cloned in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, size);

  const [unit] = await rowsOf<{ town_id: string; institution_id: string }>(
    sql`select town_id, institution_id from resources where kind = 'instrument' group by 1, 2 order by count(*) desc limit 1`,
  );
  const ctx = systemContext({ userId: null, username: 'bench', role: 'city_admin', townId: null, institutionId: null, enterpriseId: null });
  const period = { from: '2025-12-01', to: '2026-11-30' };
  for (const [label, q] of [
    ['city', { ...period, level: 'city' as const }],
    ['town', { ...period, level: 'town' as const, id: unit?.town_id }],
    ['institution', { ...period, level: 'institution' as const, id: unit?.institution_id }],
  ] as const) {
    const times: number[] = [];
    let rowsCount = 0;
    for (let i = 0; i <= runs; i++) {
      const s = performance.now();
      const r = await report(db, ctx, q);
      if (i > 0) times.push(performance.now() - s); // the first run warms caches
      rowsCount = r.rows.length;
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] as number).toFixed(0);
    console.log(`${label.padEnd(12)} rows ${String(rowsCount).padStart(5)}  p50 ${at(0.5)} ms  max ${at(1)} ms (${runs} runs)`);
  }
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; ${url ? 'PostgreSQL' : 'PGlite'}`);
} finally {
  await database.close();
  await dropDatabase();
}
