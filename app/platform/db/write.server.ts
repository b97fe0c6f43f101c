import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Database } from "./schema.server";

// Transactions for writes that must be serialised (audit chain, outbox order, delivery claims).

/** The database or a transaction on it: what the API platform's functions accept. */
export type Executor = Kysely<Database>;

export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// Connections on which writeTransaction issued BEGIN IMMEDIATE itself (Kysely does not know).
const sqliteWriteTransactions = new WeakSet<Executor>();

export function inTransaction(db: Executor): boolean {
  return db.isTransaction || sqliteWriteTransactions.has(db);
}

/** Attempts of one transaction, the first included, when the database asks for a retry. */
const TRANSACTION_ATTEMPTS = 6;

/**
 * Errors after which the whole transaction may simply run again: PostgreSQL deadlock (40P01)
 * and serialization failure (40001), SQLite busy (another process held the write lock longer
 * than the busy timeout).
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "40P01" || code === "40001" || code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT";
}

/**
 * Runs `fn` in a transaction; when `db` already is one, `fn` runs inside it. On SQLite the
 * transaction starts with BEGIN IMMEDIATE, so it holds the database's write lock from the start
 * (no other process or connection writes in between); in one process all SQLite queries share
 * one connection and are serialised anyway. On PostgreSQL it is a normal transaction: callers
 * take the advisory locks they need (`advisoryXactLock`).
 *
 * The outermost call rolls back and runs `fn` again (up to 6 attempts, with a short random
 * pause) after a deadlock, a serialization failure or a busy database; so `fn` must do nothing
 * but database work (send mail and the like after it returns). Any other error rolls back and
 * is thrown.
 */
export async function writeTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (inTransaction(db)) return fn(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runTransaction(db, fn);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20 * attempt));
    }
  }
}

async function runTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction().execute((trx) => fn(trx));
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    sqliteWriteTransactions.add(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    } finally {
      sqliteWriteTransactions.delete(conn);
    }
  });
}

/**
 * PostgreSQL: takes a transaction-scoped advisory lock (released at commit or rollback) on the
 * key's hash. SQLite: nothing to do, a write transaction already excludes every other writer.
 */
export async function advisoryXactLock(trx: Executor, key: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
