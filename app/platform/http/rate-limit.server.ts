import { sql } from "kysely";
import { getDb } from "~/platform/db/db.server";
import { env } from "~/platform/config/env.server";
import { sha256 } from "~/platform/crypto/keys.server";
import { failureDelayMs } from "~/domain/limits/backoff";

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

function keyOf(limit: Pick<Limit, "name">, subject: string): string {
  return `${limit.name}:${sha256(subject.toLowerCase())}`;
}

function windowStartOf(limit: Limit, now: number): string {
  return new Date(Math.floor(now / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000).toISOString();
}

function secondsLeft(limit: Limit, windowStart: string, now: number): number {
  return Math.max(1, Math.ceil((Date.parse(windowStart) + limit.windowSeconds * 1000 - now) / 1000));
}

export async function hit(limit: Limit, subject: string): Promise<RateResult> {
  if (env().RATE_LIMIT_DISABLED === "1") return { allowed: true, retryAfterSeconds: 0 };
  const db = await getDb();
  const key = keyOf(limit, subject);
  const now = Date.now();
  const windowStart = windowStartOf(limit, now);
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
  // Never 0 when refused: every 429 carries a Retry-After of at least one second.
  const retryAfterSeconds = allowed ? 0 : secondsLeft(limit, windowStart, now);
  return { allowed, retryAfterSeconds };
}

/** The count of the current window without counting (0 when the window has passed). */
async function peek(limit: Limit, subject: string): Promise<{ count: number; retryAfterSeconds: number }> {
  const db = await getDb();
  const now = Date.now();
  const windowStart = windowStartOf(limit, now);
  const row = await db.selectFrom("rate_limits").select(["count", "window_start"]).where("key", "=", keyOf(limit, subject)).executeTakeFirst();
  if (!row || row.window_start !== windowStart) return { count: 0, retryAfterSeconds: 0 };
  return { count: Number(row.count), retryAfterSeconds: secondsLeft(limit, windowStart, now) };
}

// ---------------------------------------------------------------------------------------------
// Credential checks (sign-in, staff sign-in, Ombudsstelle reference + code): decision 029.
// Wrong attempts lock only the pair (account, client address) for the rest of the window; per
// account there is no lock, only a small growing delay (domain/limits/backoff.ts) for the
// addresses that have failed on it. So whoever guesses slows and locks themselves, and the
// person, from their own address and with the right secret, always gets in.

export interface CredentialGuard {
  /** e.g. "signin"; the counters are "<name>-fail-pair" and "<name>-fail-account". */
  name: string;
  /** Wrong attempts per (account, address) before that pair is refused for the rest of the window. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

function pairLimit(guard: CredentialGuard): Limit {
  return { name: `${guard.name}-fail-pair`, max: guard.maxFailuresPerAddress, windowSeconds: guard.windowSeconds };
}

function accountLimit(guard: CredentialGuard): Limit {
  return { name: `${guard.name}-fail-account`, max: Number.MAX_SAFE_INTEGER, windowSeconds: guard.windowSeconds };
}

const pair = (account: string, address: string) => `${account}\u0000${address}`;

/**
 * Before checking credentials: refused (429) when this address has used up its wrong attempts on
 * this account; otherwise waits the account's growing delay (only for addresses that have failed
 * on it, or for everyone under a spread-out attack) and lets the check go ahead. The wait comes
 * before the check, so its length says nothing about whether the secret is right.
 */
export async function credentialGate(guard: CredentialGuard, account: string, address: string): Promise<RateResult> {
  if (env().RATE_LIMIT_DISABLED === "1") return { allowed: true, retryAfterSeconds: 0 };
  const own = await peek(pairLimit(guard), pair(account, address));
  if (own.count >= guard.maxFailuresPerAddress) return { allowed: false, retryAfterSeconds: own.retryAfterSeconds };
  const total = await peek(accountLimit(guard), account);
  const delay = failureDelayMs(total.count, own.count > 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  return { allowed: true, retryAfterSeconds: 0 };
}

/** A wrong attempt: counts for the pair (account, address) and for the account. */
export async function recordCredentialFailure(guard: CredentialGuard, account: string, address: string): Promise<void> {
  if (env().RATE_LIMIT_DISABLED === "1") return;
  await hit(pairLimit(guard), pair(account, address));
  await hit(accountLimit(guard), account);
}

/** A right attempt: the address's own wrong attempts on the account are forgotten. */
export async function clearCredentialFailures(guard: CredentialGuard, account: string, address: string): Promise<void> {
  const db = await getDb();
  await db
    .deleteFrom("rate_limits")
    .where("key", "=", keyOf(pairLimit(guard), pair(account, address)))
    .execute();
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
