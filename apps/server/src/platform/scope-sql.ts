import { type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { ScopeFilter } from './policy.ts';

/** The columns of a table that a scope can be matched on; a scope whose column is missing sees nothing. */
export type ScopeColumns = { townId?: Column; institutionId?: Column; enterpriseId?: Column; ownerUserId?: Column };

/**
 * The WHERE condition of a list query for the caller's scope (policy.scopeFilter): one mapping from
 * scope to column for every repository, so a list can never be wider than the record check.
 */
export function scopeCondition(filter: ScopeFilter, cols: ScopeColumns): SQL | undefined {
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'town':
      return cols.townId ? eq(cols.townId, filter.townId) : sql`false`;
    case 'institution':
      return cols.institutionId ? eq(cols.institutionId, filter.institutionId) : sql`false`;
    case 'enterprise':
      return cols.enterpriseId ? eq(cols.enterpriseId, filter.enterpriseId) : sql`false`;
    case 'self':
      return cols.ownerUserId ? eq(cols.ownerUserId, filter.userId) : sql`false`;
  }
}
