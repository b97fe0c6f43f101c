import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Dialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import type { Database } from "./schema.server";
import { dataDir, env } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";
import { migrateToLatest } from "./migrations.server";
import { databaseErrorCode, isDatabaseUnavailable, withDatabaseTimeout } from "./unavailable.server";

// One query layer (Kysely) over SQLite (default, in DATA_DIR) or PostgreSQL (DATABASE_URL).
// Column types are chosen to behave the same on both: text ids, ISO-8601 UTC text timestamps,
// integer 0/1 booleans, JSON as text.

export type DB = Kysely<Database>;
export type DatabaseKind = "sqlite" | "postgres";

export interface DatabaseOptions {
  /** postgres://… to use PostgreSQL; otherwise SQLite at `sqlitePath`. */
  url?: string;
  sqlitePath?: string;
  /** PostgreSQL schema to use (created when missing): lets test runs not collide. */
  pgSchema?: string;
}

export function createDatabase(options: DatabaseOptions): { db: DB; kind: DatabaseKind } {
  let dialect: Dialect;
  let kind: DatabaseKind;
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    kind = "postgres";
    const schema = options.pgSchema;
    const e = env();
    // Timeouts (decision 026): no query, connection attempt or forgotten transaction waits for
    // ever on a database that is gone or silent.
    const pool = new pg.Pool({
      connectionString: options.url,
      max: e.PG_POOL_MAX,
      connectionTimeoutMillis: e.PG_CONNECT_TIMEOUT_MS,
      statement_timeout: e.PG_STATEMENT_TIMEOUT_MS,
      query_timeout: e.PG_QUERY_TIMEOUT_MS,
      idle_in_transaction_session_timeout: e.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      keepAlive: true,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    dialect = new PostgresDialect({ pool: resilientPool(pool) });
  } else {
    kind = "sqlite";
    const file = options.sqlitePath ?? path.join(dataDir(), "portal.sqlite");
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    const database = new SQLite(file);
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma(`busy_timeout = ${env().SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma("synchronous = NORMAL");
    dialect = new SqliteDialect({ database });
  }
  return { db: new Kysely<Database>({ dialect }), kind };
}

/**
 * The pg pool as Kysely sees it, made to survive a lost database: an 'error' listener on the pool
 * (idle clients) and on every client it hands out (a connection can die between two queries of a
 * transaction; without a listener that is an unhandled 'error' event and the process exits), and
 * a client whose connection failed or timed out is destroyed on release instead of going back
 * into the pool (a silent connection would make every later query wait for its timeout again).
 * New connections are opened on demand, so the pool recovers by itself when the database returns.
 */
function resilientPool(pool: pg.Pool): PostgresPool {
  pool.on("error", (error) => log().warn({ code: databaseErrorCode(error) }, "database connection lost (idle client)"));
  const wrappers = new WeakMap<pg.PoolClient, { wrapper: PostgresPoolClient; state: { failed: boolean } }>();
  return {
    async connect() {
      const client = await pool.connect();
      let entry = wrappers.get(client);
      if (!entry) {
        const state = { failed: false };
        client.on("error", (error) => {
          state.failed = true;
          log().warn({ code: databaseErrorCode(error) }, "database connection lost");
        });
        const query = ((text: unknown, parameters?: ReadonlyArray<unknown>) => {
          const result = (client.query as (a: unknown, b?: unknown) => unknown)(text, parameters);
          if (result instanceof Promise) {
            return result.catch((error: unknown) => {
              if (isDatabaseUnavailable(error)) state.failed = true;
              throw error;
            });
          }
          return result;
        }) as PostgresPoolClient["query"];
        const wrapper: PostgresPoolClient = {
          query,
          release: () => {
            const destroy = state.failed;
            state.failed = false;
            client.release(destroy || undefined);
          },
        };
        entry = { wrapper, state };
        wrappers.set(client, entry);
      }
      return entry.wrapper;
    },
    end: () => pool.end(),
  };
}

/** Creates the PostgreSQL schema if needed (the pool's search_path points at it). */
export async function ensurePgSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, "")}" CASCADE`);
  } finally {
    await client.end();
  }
}

let instance: { db: DB; kind: DatabaseKind } | null = null;
let ready: Promise<void> | null = null;

/** The process-wide database, migrated on first use. */
export async function getDb(): Promise<DB> {
  if (!instance) {
    const url = env().DATABASE_URL;
    const pgSchema = process.env.PG_SCHEMA;
    if (url && pgSchema) await ensurePgSchema(url, pgSchema);
    instance = createDatabase({ url, pgSchema });
    ready = migrateToLatest(instance.db, instance.kind, pgSchema);
  }
  await ready;
  return instance.db;
}

export function databaseKind(): DatabaseKind {
  return env().DATABASE_URL ? "postgres" : "sqlite";
}

export async function closeDb(): Promise<void> {
  if (instance) {
    const { db } = instance;
    instance = null;
    ready = null;
    await db.destroy();
  }
}

/** True when the database answers `select 1` within HEALTH_TIMEOUT_MS (for /healthz). */
export async function pingDb(timeoutMs = env().HEALTH_TIMEOUT_MS): Promise<boolean> {
  try {
    await withDatabaseTimeout(
      getDb().then((db) => sql`select 1`.execute(db)),
      timeoutMs,
    );
    return true;
  } catch {
    return false;
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
