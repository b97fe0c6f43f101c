import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Dialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.server";
import { dataDir, env } from "~/platform/config/env.server";
import { migrateToLatest } from "./migrations.server";

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
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    dialect = new PostgresDialect({ pool });
  } else {
    kind = "sqlite";
    const file = options.sqlitePath ?? path.join(dataDir(), "portal.sqlite");
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    const database = new SQLite(file);
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    database.pragma("synchronous = NORMAL");
    dialect = new SqliteDialect({ database });
  }
  return { db: new Kysely<Database>({ dialect }), kind };
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

export async function pingDb(): Promise<boolean> {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
