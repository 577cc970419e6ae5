import { sql } from 'drizzle-orm';
import type { Database } from '../src/platform/db.ts';
import { one } from './fixtures.ts';

const ALL_DAY = [['00:00', '24:00']];
const WEEK = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };

/** A published, open instrument of an institution (the catalogue's own fixtures may differ; bookings need only these columns). */
export async function makeInstrument(
  database: Database,
  institutionId: string,
  o: { operatorRequired?: boolean; openingHours?: object | null; feeUnit?: string; feeMinFen?: number; feeMaxFen?: number } = {},
): Promise<string> {
  const hours = o.openingHours === undefined ? WEEK : o.openingHours;
  const r = await one<{ id: string }>(
    database,
    sql`insert into resources (kind, name, institution_id, town_id, sharing, review_status, operator_required, opening_hours, fee_unit, fee_min_fen, fee_max_fen)
        select 'instrument', ${`积分球光谱辐射计 ${Math.random().toString(36).slice(2, 8)}`}, i.id, i.town_id, 'open', 'published',
               ${o.operatorRequired ?? false}, ${hours === null ? null : JSON.stringify(hours)}::jsonb,
               ${o.feeUnit ?? 'hour'}, ${o.feeMinFen ?? 30_000}, ${o.feeMaxFen ?? 45_000}
        from institutions i where i.id = ${institutionId} returning id`,
  );
  return r.id;
}

/** A Shanghai wall-clock time `days` ahead of today, as an ISO instant. */
export function shanghaiAhead(days: number, hhmm: string): string {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${d}T${hhmm}:00+08:00`).toISOString();
}

let slotSerial = 0;
/** A booking row straight in the database (a distinct hour each, 30 days ahead unless told), copying the instrument's owner and town. */
export async function makeBooking(
  database: Database,
  o: { resourceId: string; enterpriseId: string; userId: string; status?: string; daysAhead?: number },
): Promise<string> {
  // A negative daysAhead gives a slot in the past (after which usage or a no-show is recorded).
  const start = new Date(Date.parse(shanghaiAhead(o.daysAhead ?? 30, '00:00')) + ++slotSerial * 3_600_000);
  const r = await one<{ id: string }>(
    database,
    sql`insert into bookings (resource_id, enterprise_id, user_id, institution_id, town_id, mode, period, purpose, status)
        select r.id, ${o.enterpriseId}, ${o.userId}, r.institution_id, r.town_id, 'operator_assisted',
               tstzrange(${start.toISOString()}::timestamptz, ${new Date(start.getTime() + 3_600_000).toISOString()}::timestamptz, '[)'),
               '矩阵测试', ${o.status ?? 'requested'}
        from resources r where r.id = ${o.resourceId} returning id`,
  );
  return r.id;
}
