import { sql } from "kysely";
import { getDb } from "~/platform/db/db.server";
import { env } from "~/platform/config/env.server";
import { sha256 } from "~/platform/crypto/keys.server";

// Fixed-window rate limits kept in the database, so they hold across restarts and processes.
// Keys are hashed: an e-mail address used as a key is never stored in clear.
export interface Limit {
  /** e.g. "signin-ip" */
  name: string;
  max: number;
  windowSeconds: number;
}

export interface RateResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

export async function hit(limit: Limit, subject: string): Promise<RateResult> {
  if (env().RATE_LIMIT_DISABLED === "1") return { allowed: true, retryAfterSeconds: 0 };
  const db = await getDb();
  const key = `${limit.name}:${sha256(subject.toLowerCase())}`;
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000).toISOString();
  // One upsert: a new window resets the count, the same window increments it.
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`case when rate_limits.window_start = ${windowStart} then rate_limits.count + 1 else 1 end`,
        window_start: windowStart,
      }),
    )
    .returning(["count"])
    .executeTakeFirstOrThrow();
  const allowed = Number(row.count) <= limit.max;
  const retryAfterSeconds = allowed ? 0 : Math.ceil((Date.parse(windowStart) + limit.windowSeconds * 1000 - now) / 1000);
  return { allowed, retryAfterSeconds };
}

/** Checks several limits (e.g. per IP and per account); all are counted. */
export async function hitAll(checks: Array<[Limit, string]>): Promise<RateResult> {
  let worst: RateResult = { allowed: true, retryAfterSeconds: 0 };
  for (const [limit, subject] of checks) {
    const result = await hit(limit, subject);
    if (!result.allowed && result.retryAfterSeconds >= worst.retryAfterSeconds) worst = result;
  }
  return worst;
}

/** Deletes windows that ended long ago (called by the housekeeping job). */
export async function pruneRateLimits(olderThanSeconds = 86_400): Promise<void> {
  const db = await getDb();
  await db
    .deleteFrom("rate_limits")
    .where("window_start", "<", new Date(Date.now() - olderThanSeconds * 1000).toISOString())
    .execute();
}
