import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db.ts';
import { createTestDatabase } from './harness.ts';
import { takeOverlappingQueries } from './one-query-at-a-time.ts';

/** The guard of one-query-at-a-time.ts (a setup file of the unit suite), on PostgreSQL where it applies. */
describe.skipIf(!process.env.DATABASE_URL)('one query at a time on a connection (PostgreSQL)', () => {
  let database: Database & { drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('overlapping queries inside a transaction are caught; one after the other, or on the pool, they are not', async () => {
    await database.db.transaction(async (tx) => {
      await Promise.all([tx.execute(sql`select 1 as n`), tx.execute(sql`select 2 as overlapping`)]);
    });
    // Taken here, so that this test passes; anywhere else the setup file fails the test after it.
    expect(takeOverlappingQueries()).toEqual(['select 2 as overlapping']);
    const sequential = await database.db.transaction(async (tx) => [
      await tx.execute(sql`select 1 as n`),
      await tx.execute(sql`select 2 as n`),
    ]);
    expect(sequential).toHaveLength(2);
    const pooled = await Promise.all([database.db.execute(sql`select 1 as n`), database.db.execute(sql`select 2 as n`)]);
    expect(pooled).toHaveLength(2);
    expect(takeOverlappingQueries()).toEqual([]);
  });
});
