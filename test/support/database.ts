import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Every database test runs on SQLite; `TEST_DB_KIND=postgres` (set by scripts/test-all.mjs when
// TEST_DATABASE_URL is given) runs the same tests on PostgreSQL, each file in its own schema.
export function testDbKind(): "sqlite" | "postgres" {
  return process.env.TEST_DB_KIND === "postgres" ? "postgres" : "sqlite";
}

export interface TestEnvironment {
  dataDir: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

export function createTestEnvironment(extra: Record<string, string> = {}): TestEnvironment {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
  const env: Record<string, string> = { DATA_DIR: dataDir, NODE_ENV: "test", LOG_LEVEL: "info", ...extra };
  let schema: string | null = null;
  if (testDbKind() === "postgres") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DB_KIND=postgres needs TEST_DATABASE_URL");
    schema = `t_${crypto.randomBytes(6).toString("hex")}`;
    env.DATABASE_URL = url;
    env.PG_SCHEMA = schema;
  }
  return {
    dataDir,
    env,
    cleanup: async () => {
      if (schema) {
        const { dropPgSchema } = await import("../../app/platform/db/db.server");
        await dropPgSchema(env.DATABASE_URL, schema);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Points this test process's own database layer (getDb) at a fresh database. */
export async function useInProcessDatabase(extra: Record<string, string> = {}): Promise<() => Promise<void>> {
  const testEnv = createTestEnvironment(extra);
  const { closeDb } = await import("../../app/platform/db/db.server");
  const { resetEnvCache } = await import("../../app/platform/config/env.server");
  const { resetKeyCache } = await import("../../app/platform/crypto/keys.server");
  await closeDb();
  const previous = { ...process.env };
  Object.assign(process.env, testEnv.env);
  if (!testEnv.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetEnvCache();
  resetKeyCache();
  return async () => {
    await closeDb();
    for (const key of Object.keys(testEnv.env)) {
      if (key in previous) process.env[key] = previous[key];
      else delete process.env[key];
    }
    resetEnvCache();
    resetKeyCache();
    await testEnv.cleanup();
  };
}

/**
 * Points this test process's own database layer at the database of a running test server (its
 * env: DATA_DIR, DATABASE_URL, PG_SCHEMA), e.g. to call enqueueEvent the way a feature would.
 * Returns a function that detaches again (closes the connection, restores the environment).
 */
export async function attachInProcessDatabase(serverEnv: Record<string, string>): Promise<() => Promise<void>> {
  const { closeDb } = await import("../../app/platform/db/db.server");
  const { resetEnvCache } = await import("../../app/platform/config/env.server");
  const { resetKeyCache } = await import("../../app/platform/crypto/keys.server");
  await closeDb();
  const previous = { ...process.env };
  Object.assign(process.env, serverEnv);
  if (!serverEnv.DATABASE_URL) delete process.env.DATABASE_URL;
  if (!serverEnv.PG_SCHEMA) delete process.env.PG_SCHEMA;
  resetEnvCache();
  resetKeyCache();
  return async () => {
    await closeDb();
    for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
    Object.assign(process.env, previous);
    resetEnvCache();
    resetKeyCache();
  };
}
