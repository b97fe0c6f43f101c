import crypto from "node:crypto";
import { getTraeger } from "~/config/traeger";
import { parseRoles, staffMay, type StaffPermission, type StaffRole } from "~/domain/staff/roles";
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, verifyTotp } from "~/domain/staff/totp";
import { hashPassword, limited, normaliseEmail, verifyPassword, type Failure } from "~/features/accounts/index.server";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import type { AuditActor } from "~/platform/audit/audit.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import { randomToken, sha256 } from "~/platform/crypto/keys.server";
import { clearCredentialFailures, credentialGate, hitAll, recordCredentialFailure, type CredentialGuard, type Limit } from "~/platform/http/rate-limit.server";

// Staff of the back-office inbox (/backoffice): accounts created on the command line (admin
// create-staff), sign-in with password and a TOTP code, server-side sessions under their own
// cookie (path /backoffice), roles from app/domain/staff/roles.ts. Applicants' accounts and
// sessions are a different table and a different cookie: one cannot become the other.

const TOTP_PURPOSE = "staff-totp";
const IDLE_MS = 30 * 60_000;
const MAX_MS = 10 * 3_600_000; // a working day

const LIMITS = {
  signInIp: { name: "staff-signin-ip", max: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

/** Wrong password or code: 5 per (account, client address) in 15 minutes; decision 029. */
const SIGN_IN_GUARD: CredentialGuard = { name: "staff-signin", maxFailuresPerAddress: 5, windowSeconds: 15 * 60 };

export interface StaffInfo {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
}

export interface NewStaff {
  id: string;
  email: string;
  /** Shown once; only its hash is stored. */
  password: string;
  /** For the authenticator app; shown once, stored sealed. */
  totpSecret: string;
  totpUri: string;
}

export class StaffError extends Error {}

/** Creates a staff account with a random password and TOTP secret (both printed once). */
export async function createStaff(input: { email: string; name: string; roles: string }): Promise<NewStaff> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new StaffError(`"${input.email}" is not an e-mail address.`);
  const name = input.name.trim();
  if (!name) throw new StaffError("--name must not be empty.");
  let roles: StaffRole[];
  try {
    roles = parseRoles(input.roles);
  } catch (error) {
    throw new StaffError(`--roles: ${(error as Error).message}.`);
  }
  const db = await getDb();
  const existing = await db.selectFrom("staff_users").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) throw new StaffError(`A staff account for ${email} exists already.`);
  const id = crypto.randomUUID();
  const password = randomToken(15);
  const secret = newTotpSecret();
  await db
    .insertInto("staff_users")
    .values({
      id,
      email,
      name,
      password_hash: await hashPassword(password),
      totp_secret: sealText(TOTP_PURPOSE, base32Encode(secret)),
      totp_last_counter: null,
      roles: roles.join(","),
      created_at: nowIso(),
      disabled_at: null,
    })
    .execute();
  return { id, email, password, totpSecret: base32Encode(secret), totpUri: otpauthUri({ issuer: getTraeger().jobcenterName, account: email, secret }) };
}

/** Disables the account and ends its sessions; false when there is no active account. */
export async function disableStaff(email: string): Promise<{ id: string } | null> {
  const db = await getDb();
  const row = await db.selectFrom("staff_users").select("id").where("email", "=", normaliseEmail(email)).where("disabled_at", "is", null).executeTakeFirst();
  if (!row) return null;
  await db.updateTable("staff_users").set({ disabled_at: nowIso() }).where("id", "=", row.id).execute();
  await db.deleteFrom("staff_sessions").where("staff_id", "=", row.id).execute();
  return row;
}

export async function listStaff(): Promise<Array<{ id: string; email: string; name: string; roles: string; createdAt: string; disabledAt: string | null }>> {
  const db = await getDb();
  const rows = await db.selectFrom("staff_users").select(["id", "email", "name", "roles", "created_at", "disabled_at"]).orderBy("created_at").execute();
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, roles: r.roles, createdAt: r.created_at, disabledAt: r.disabled_at }));
}

type SignInResult = { ok: true; sessionToken: string } | Failure;

/**
 * Password and TOTP code together; one answer for every failure (no hint which part was wrong
 * or whether the address exists). Limited per client address, and wrong attempts per (account,
 * address) with a growing delay per account (decision 029): guessing never locks the staff member out.
 */
export async function signInStaff(input: { email: string; password: string; code: string; ip: string }): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const over = limited(await hitAll([[LIMITS.signInIp, input.ip]])) ?? limited(await credentialGate(SIGN_IN_GUARD, email, input.ip));
  if (over) return over;
  const db = await getDb();
  const row = await db.selectFrom("staff_users").selectAll().where("email", "=", email).where("disabled_at", "is", null).executeTakeFirst();
  const passwordOk = await verifyPassword(row?.password_hash ?? null, input.password);
  const wrongAnswer: Failure = { ok: false, status: 400, errors: { code: "backoffice:signIn.wrong" } };
  const wrong = async (): Promise<Failure> => {
    await recordCredentialFailure(SIGN_IN_GUARD, email, input.ip);
    return wrongAnswer;
  };
  if (!row || !passwordOk) return wrong();
  const secret = base32Decode(openText(TOTP_PURPOSE, row.totp_secret) ?? "");
  if (!secret?.length) return wrong();
  const counter = verifyTotp(secret, input.code, Date.now(), row.totp_last_counter);
  if (counter === null) return wrong();
  // The step is used up; a concurrent sign-in with the same code loses the race.
  const claimed = await db
    .updateTable("staff_users")
    .set({ totp_last_counter: counter })
    .where("id", "=", row.id)
    .where((eb) => eb.or([eb("totp_last_counter", "is", null), eb("totp_last_counter", "<", counter)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return wrong();
  await clearCredentialFailures(SIGN_IN_GUARD, email, input.ip);
  return { ok: true, sessionToken: await createStaffSession(row.id) };
}

/** A new session; the token goes to the browser (in the staff cookie), only its hash is stored. */
async function createStaffSession(staffId: string): Promise<string> {
  const db = await getDb();
  const token = randomToken(32);
  const now = Date.now();
  await db
    .insertInto("staff_sessions")
    .values({ id: sha256(token), staff_id: staffId, created_at: new Date(now).toISOString(), last_seen_at: new Date(now).toISOString(), expires_at: new Date(now + MAX_MS).toISOString() })
    .execute();
  return token;
}

/** The staff member of a session token, or null when it is unknown, idle too long or expired. */
export async function staffBySessionToken(token: unknown): Promise<StaffInfo | null> {
  if (typeof token !== "string" || token.length < 20) return null;
  const db = await getDb();
  const id = sha256(token);
  const row = await db
    .selectFrom("staff_sessions")
    .innerJoin("staff_users", "staff_users.id", "staff_sessions.staff_id")
    .select(["staff_sessions.last_seen_at", "staff_sessions.expires_at", "staff_users.id as staffId", "staff_users.email", "staff_users.name", "staff_users.roles", "staff_users.disabled_at"])
    .where("staff_sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (row.disabled_at || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + IDLE_MS <= now) {
    await db.deleteFrom("staff_sessions").where("id", "=", id).execute();
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > 30_000) await db.updateTable("staff_sessions").set({ last_seen_at: nowIso() }).where("id", "=", id).execute();
  return { id: row.staffId, email: row.email, name: row.name, roles: parseRoles(row.roles) };
}

/** Ends a session (sign-out). */
export async function endStaffSession(token: unknown): Promise<void> {
  if (typeof token !== "string") return;
  const db = await getDb();
  await db.deleteFrom("staff_sessions").where("id", "=", sha256(token)).execute();
}

/** Who did it, for the audit log: the staff account's id (never the name or address). */
export function staffActor(staff: StaffInfo): AuditActor {
  return { type: "staff", name: staff.id };
}

/** Active staff accounts that hold a permission (e.g. who can take over an application), by name. */
export async function colleaguesWith(permission: StaffPermission): Promise<Array<{ id: string; name: string }>> {
  const db = await getDb();
  const rows = await db.selectFrom("staff_users").select(["id", "name", "roles"]).where("disabled_at", "is", null).orderBy("name").orderBy("id").execute();
  return rows.filter((r) => staffMay(parseRoles(r.roles), permission)).map((r) => ({ id: r.id, name: r.name }));
}

/**
 * Who did it, for the back office's own pages (issue 19 § 7): the display name of each actor
 * recorded with a status change, a request or a review ("staff:<id>"), never the e-mail address;
 * changes through the API name the key ("api-key:<name>" → "Fachverfahren (API-Schlüssel …)").
 * Disabled accounts keep their name: the record stays true.
 */
export async function actorDisplayNames(actors: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const staffIds = new Set<string>();
  for (const actor of actors) {
    if (!actor) continue;
    if (actor.startsWith("staff:")) staffIds.add(actor.slice("staff:".length));
    else if (actor.startsWith("api-key:")) out.set(actor, `Fachverfahren (API-Schlüssel „${actor.slice("api-key:".length)}“)`);
  }
  if (staffIds.size) {
    const rows = await (
      await getDb()
    )
      .selectFrom("staff_users")
      .select(["id", "name"])
      .where("id", "in", [...staffIds])
      .execute();
    for (const row of rows) out.set(`staff:${row.id}`, row.name);
  }
  return out;
}
