import pg from 'pg';
import { afterEach } from 'vitest';

/**
 * Vitest setup (vitest.config.ts): on PostgreSQL, a query sent on a connection that is still running another one
 * fails the test. A transaction is one connection; pg 8 queues such a query with a deprecation warning, pg 9 will
 * refuse it — so independent queries inside a transaction run one after the other, and only a pool runs them at
 * once. The query still runs (pg queues it, the transaction ends cleanly); the test fails when it is over.
 */
type ClientInternals = { _activeQuery: unknown; _queryQueue: unknown[] };
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __oneAtATime?: boolean };
const seen = globalThis as unknown as { __overlappingQueries?: string[] };

/** The overlapping queries seen since the last call (and forgets them): for the guard's own test. */
export function takeOverlappingQueries(): string[] {
  return (seen.__overlappingQueries ?? []).splice(0);
}

if (process.env.DATABASE_URL && !proto.__oneAtATime) {
  seen.__overlappingQueries = [];
  const query = proto.query;
  proto.query = function (this: ClientInternals, ...args: unknown[]) {
    if (this._activeQuery || this._queryQueue.length > 0) {
      const first = args[0] as { text?: string } | string;
      seen.__overlappingQueries?.push((typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 200));
    }
    return query.apply(this, args);
  };
  proto.__oneAtATime = true;
}

afterEach(() => {
  const overlapping = takeOverlappingQueries();
  if (overlapping.length > 0) {
    throw new Error(
      `${overlapping.length} quer${overlapping.length === 1 ? 'y was' : 'ies were'} sent while another ran on the same connection (a transaction?), the first: ${overlapping[0]}`,
    );
  }
});
