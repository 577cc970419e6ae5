import { sql } from 'drizzle-orm';
import type { Database } from '../src/platform/db.ts';
import { one } from './fixtures.ts';

/** A published service of an institution, straight into the table (category 'testing' unless told). */
export async function makeService(database: Database, institutionId: string, category = 'testing'): Promise<string> {
  return (
    await one<{ id: string }>(
      database,
      sql`insert into services (institution_id, town_id, category, title, price_kind, price_min_fen, price_max_fen, price_unit, turnaround_days, status, published_at)
        select id, town_id, ${category}, '创新券测试服务', 'range', 1000, 1000000, 'item', 3, 'published', now()
        from institutions where id = ${institutionId} returning id`,
    )
  ).id;
}

/** An order in any state, straight into the table: the enterprise's order of the service at a quoted price. */
export async function makeOrder(
  database: Database,
  o: { serviceId: string; enterpriseId: string; status: string; priceFen?: number | null; decision?: string | null },
): Promise<string> {
  return (
    await one<{ id: string }>(
      database,
      sql`insert into service_orders (service_id, institution_id, enterprise_id, town_id, status, needs, quantity, quoted_price_fen, decision, quote_due_at)
        select s.id, s.institution_id, e.id, e.town_id, ${o.status}, '创新券测试需求', 1, ${o.priceFen === undefined ? 10_000 : o.priceFen},
          ${o.decision ?? null}, now() + interval '2 days'
        from services s, enterprises e where s.id = ${o.serviceId} and e.id = ${o.enterpriseId} returning id`,
    )
  ).id;
}

/** Moves an order straight to another state (the order workflow itself is tested in service-orders). */
export async function setOrderStatus(database: Database, id: string, status: string): Promise<void> {
  await database.db.execute(sql`update service_orders set status = ${status} where id = ${id}`);
}

/** An attachment owned by the user, straight into the table (uploads themselves are tested in files). */
export async function makeAttachment(database: Database, username: string, purpose = 'attachment'): Promise<string> {
  return (
    await one<{ id: string }>(
      database,
      sql`insert into files (owner_user_id, purpose, filename, content_type, size, sha256, content)
        select id, ${purpose}, 'invoice.pdf', 'application/pdf', 1, repeat('0', 64), decode('00', 'hex') from users where username = ${username} returning id`,
    )
  ).id;
}
