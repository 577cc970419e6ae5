import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';

/**
 * drizzle-orm 0.45.x (the latest release; open upstream as drizzle-orm#6241 and #6114) runs BEGIN outside the
 * try/finally that gives the pooled client back. After a database restart an idle client's connection is dead,
 * its BEGIN fails, and the client is never released: each such transaction takes one pool slot for good, until
 * the instance hangs. It also returns a client whose ROLLBACK failed to the pool as if healthy.
 *
 * This is drizzle's `transaction` with BEGIN inside the guard, the client destroyed (`release(err)`) when its
 * connection proved broken, and the transaction's own error kept when the rollback fails as well.
 * test/database-crash.test.ts fails without it (clients left checked out after the crash). Remove it when a
 * drizzle release fixes the lifecycle.
 */
type Session = {
  client: { connect?: () => Promise<unknown>; release?: (err?: Error) => void; constructor: { name: string } };
  dialect: unknown;
  schema: unknown;
  options: unknown;
};
type Tx = { execute: (query: unknown) => Promise<unknown>; getTransactionConfigSQL: (config: unknown) => unknown };

const prototype = NodePgSession.prototype as unknown as {
  transaction: (this: Session, run: (tx: Tx) => Promise<unknown>, config?: unknown) => Promise<unknown>;
};

prototype.transaction = async function transaction(this: Session, run, config) {
  const Session = NodePgSession as unknown as new (...args: unknown[]) => Session;
  const Transaction = NodePgTransaction as unknown as new (...args: unknown[]) => Tx;
  const isPool = this.client.constructor.name.includes('Pool');
  const session = isPool ? new Session(await this.client.connect?.(), this.dialect, this.schema, this.options) : this;
  const tx = new Transaction(this.dialect, session, this.schema);
  let broken: Error | undefined;
  try {
    try {
      await tx.execute(sql`begin${config ? sql` ${tx.getTransactionConfigSQL(config)}` : undefined}`);
    } catch (error) {
      broken = error as Error;
      throw error;
    }
    try {
      const result = await run(tx);
      await tx.execute(sql`commit`);
      return result;
    } catch (error) {
      try {
        await tx.execute(sql`rollback`);
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    }
  } finally {
    if (isPool) session.client.release?.(broken);
  }
};
