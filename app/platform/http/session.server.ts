import { createCookie, redirect } from "@remix-run/node";
import { getDb, nowIso } from "~/platform/db/db.server";
import { env, isProduction } from "~/platform/config/env.server";
import { randomToken, sha256 } from "~/platform/crypto/keys.server";

// Server-side sessions: the cookie holds a random token, the database only its SHA-256.
// A session ends after SESSION_IDLE_MINUTES without activity or SESSION_MAX_HOURS in total.
const sessionCookie = createCookie("sid", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  get secure() {
    return isProduction();
  },
});

export interface SessionInfo {
  sessionId: string;
  userId: string;
  email: string;
  emailVerified: boolean;
  /** When the session ends unless the person does something. */
  idleExpiresAt: string;
}

function idleMs(): number {
  return env().SESSION_IDLE_MINUTES * 60_000;
}

export async function createSession(userId: string): Promise<string> {
  const db = await getDb();
  const token = randomToken(32);
  const now = new Date();
  await db
    .insertInto("sessions")
    .values({
      id: sha256(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + env().SESSION_MAX_HOURS * 3_600_000).toISOString(),
    })
    .execute();
  return sessionCookie.serialize(token);
}

/** Looks up the session and refreshes its idle timer; null when absent, idle or expired. */
export async function getSession(request: Request, { touch = true } = {}): Promise<SessionInfo | null> {
  const token = await sessionCookie.parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token.length < 20) return null;
  const db = await getDb();
  const id = sha256(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["sessions.id", "sessions.user_id", "sessions.last_seen_at", "sessions.expires_at", "users.email", "users.email_verified_at"])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + idleMs() <= now) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  let lastSeen = row.last_seen_at;
  // Refresh at most every 30 s: saves a write on every request.
  if (touch && now - Date.parse(row.last_seen_at) > 30_000) {
    lastSeen = nowIso();
    await db.updateTable("sessions").set({ last_seen_at: lastSeen }).where("id", "=", id).execute();
  }
  const idleEnd = Math.min(Date.parse(lastSeen) + idleMs(), Date.parse(row.expires_at));
  return {
    sessionId: id,
    userId: row.user_id,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    idleExpiresAt: new Date(idleEnd).toISOString(),
  };
}

/** For loaders and actions that need a signed-in person: otherwise off to sign-in, and back. */
export async function requireSession(request: Request): Promise<SessionInfo> {
  const session = await getSession(request);
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/anmelden?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return session;
}

export async function destroySession(request: Request): Promise<string> {
  const token = await sessionCookie.parse(request.headers.get("Cookie"));
  if (typeof token === "string") {
    const db = await getDb();
    await db.deleteFrom("sessions").where("id", "=", sha256(token)).execute();
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Sign out everywhere: every session of the person ends. */
export async function destroyAllSessions(userId: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/**
 * Only same-site relative paths are followed after sign-in, sign-up and confirmation (no open
 * redirects). Browsers drop tabs and line breaks in addresses and read "\\" as "/", so
 * "/\t/evil.example" would become "//evil.example": anything but printable ASCII is refused,
 * and the path must resolve to this site.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/konto"): string {
  if (typeof to !== "string" || to.length > 512 || !/^\/[\x21-\x7e]*$/.test(to) || to.startsWith("//") || to.includes("\\")) return fallback;
  const base = "https://portal.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}
