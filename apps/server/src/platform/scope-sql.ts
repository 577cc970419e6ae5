import { type Column, type SQL, sql } from 'drizzle-orm';
import type { ScopeFilter } from './policy.ts';

/** A table's column, or a column expression of a raw-SQL view (`sql\`v.town_id\``). */
type ScopeColumn = Column | SQL;
/** The columns of a table that a scope can be matched on; a scope whose column is missing sees nothing. */
export type ScopeColumns = {
  townId?: ScopeColumn;
  institutionId?: ScopeColumn;
  enterpriseId?: ScopeColumn;
  ownerUserId?: ScopeColumn;
  assigneeUserId?: ScopeColumn;
  /** Columns holding a party enterprise each (any of them matches). */
  partyEnterpriseIds?: readonly ScopeColumn[];
};

const is = (column: ScopeColumn, value: string) => sql`${column} = ${value}`;

/**
 * The WHERE condition of a list query for the caller's scope (policy.scopeFilter): one mapping from
 * scope to column for every repository, so a list can never be wider than the record check.
 */
export function scopeCondition(filter: ScopeFilter, cols: ScopeColumns): SQL | undefined {
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'town':
      return cols.townId ? is(cols.townId, filter.townId) : sql`false`;
    case 'institution':
      return cols.institutionId ? is(cols.institutionId, filter.institutionId) : sql`false`;
    case 'enterprise':
      return cols.enterpriseId ? is(cols.enterpriseId, filter.enterpriseId) : sql`false`;
    case 'self':
      return cols.ownerUserId ? is(cols.ownerUserId, filter.userId) : sql`false`;
    case 'assigned':
      return cols.assigneeUserId ? is(cols.assigneeUserId, filter.userId) : sql`false`;
    case 'party': {
      const parties = cols.partyEnterpriseIds ?? [];
      if (parties.length === 0) return sql`false`;
      return sql`(${sql.join(
        parties.map((c) => is(c, filter.enterpriseId)),
        sql` or `,
      )})`;
    }
  }
}
