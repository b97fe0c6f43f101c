import crypto from "node:crypto";
import * as argon2 from "argon2";
import { getTraeger } from "~/config/traeger";
import { htmlLangOf, isLanguage, type Language } from "~/domain/languages";
import { commonPasswords } from "./common-passwords";
import { collectExport, type AccountExport } from "~/platform/export/data-export.server";
import { getDb, nowIso, type DB } from "~/platform/db/db.server";
import type { UserTokensTable } from "~/platform/db/schema.server";
import { env } from "~/platform/config/env.server";
import { fixedT } from "~/platform/http/i18n.server";
import { randomToken, sha256 } from "~/platform/crypto/keys.server";
import { log } from "~/platform/log/log.server";
import { enqueueMail, enqueueNoMail } from "~/platform/mail/outbox.server";
import { writeTransaction } from "~/platform/db/write.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import { clearCredentialFailures, credentialGate, hitAll, recordCredentialFailure, type CredentialGuard, type Limit, type RateResult } from "~/platform/http/rate-limit.server";
import { destroyAllSessions, type SessionInfo } from "~/platform/http/session.server";
import { pruneRateLimits } from "~/platform/http/rate-limit.server";
import { periodic } from "~/platform/jobs/scheduler.server";

// Accounts (issue "Foundation", § 5): sign-up, e-mail confirmation, sign-in and -out, password
// reset and change, deletion, data export, session keepalive. Routes stay thin: they parse the
// form and call exactly one function here. Rules that hold everywhere:
// - passwords: argon2id; never logged, never echoed back into a form;
// - e-mailed links: random tokens, only their SHA-256 is stored, single use, short-lived;
// - no account enumeration: sign-up and "forgot password" answer the same whether the address
//   is known or not, and mails leave in the background so timing does not tell either;
// - logs carry no e-mail address, password or token (only event names and error types).

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// OWASP's recommended argon2id setting (19 MiB, 2 passes, 1 lane): ~40 ms per hash.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const LIMITS = {
  signInIp: { name: "signin-ip", max: 20, windowSeconds: 15 * 60 },
  signUpIp: { name: "signup-ip", max: 10, windowSeconds: 60 * 60 },
  resetIp: { name: "reset-ip", max: 10, windowSeconds: 60 * 60 },
  resetEmail: { name: "reset-email", max: 3, windowSeconds: 60 * 60 },
  resendUser: { name: "confirm-resend-user", max: 5, windowSeconds: 60 * 60 },
  /** "Send the confirmation mail again" without a session: per client address and per address asked for. */
  resendIp: { name: "confirm-resend-ip", max: 10, windowSeconds: 60 * 60 },
  resendEmail: { name: "confirm-resend-email", max: 3, windowSeconds: 60 * 60 },
  /** Checks of the current password (change password, delete account) from a signed-in session. */
  passwordCheckUser: { name: "password-check-user", max: 10, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

/** Wrong passwords: 5 per (account, client address) in 15 minutes, then that address waits; decision 029. */
export const SIGN_IN_GUARD: CredentialGuard = { name: "signin", maxFailuresPerAddress: 5, windowSeconds: 15 * 60 };

export type FieldErrors = Record<string, string>;

/** What a route answers when something is wrong: errors are translation keys per field. */
export interface Failure {
  ok: false;
  status: 400 | 429;
  errors: FieldErrors;
  /** Set when a rate limit was hit (status 429). */
  retryAfterSeconds?: number;
}

type Result<T extends object = object> = ({ ok: true } & T) | Failure;

function invalid(errors: FieldErrors): Failure {
  return { ok: false, status: 400, errors };
}

export function limited(result: RateResult): Failure | null {
  if (result.allowed) return null;
  return { ok: false, status: 429, errors: {}, retryAfterSeconds: Math.max(1, result.retryAfterSeconds) };
}

export function retryMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** What every account form gets back on failure: error keys, the safe values, a wait time. */
export interface FormAnswer {
  errors: FieldErrors;
  /** Only what may be shown again (e-mail address); never a password or token. */
  values: Record<string, string>;
  retryMinutes: number | null;
}

// ---------------------------------------------------------------------------------------------
// Passwords and addresses

export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

/** The translation key of what is wrong with a new password, or null when it is fine. */
export function newPasswordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "account:errors.passwordTooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "account:errors.passwordTooLong";
  const lower = password.normalize("NFC").toLowerCase();
  // Also a listed word with digits or symbols around it ("Schalke04!!", "!!passwort2024").
  const core = lower.replace(/^[^\p{L}]+/u, "").replace(/[^\p{L}]+$/u, "");
  const list = commonPasswords();
  if (list.has(lower) || list.has(core) || list.has(lower.replace(/[^\p{L}\p{N}]+$/u, "")) || new Set(lower).size <= 3) {
    return "account:errors.passwordCommon";
  }
  if (email) {
    const address = normaliseEmail(email);
    const local = address.split("@")[0] ?? "";
    if (lower === address || (local.length >= 4 && lower.includes(local))) return "account:errors.passwordLikeEmail";
  }
  return null;
}

/** argon2id with the portal's setting (also for staff passwords, staff.server.ts). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/** Verifies against the stored hash, or against a dummy so that unknown addresses take as long. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword(randomToken(16));
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// E-mailed links

type Purpose = UserTokensTable["purpose"];

function ttlSeconds(purpose: Purpose): number {
  return purpose === "confirm-email" ? env().TOKEN_TTL_SECONDS_CONFIRM : env().TOKEN_TTL_SECONDS_RESET;
}

async function issueToken(db: DB, userId: string, purpose: Purpose): Promise<string> {
  const token = randomToken(32);
  const now = new Date();
  // Only the newest "new password" link works: an older one in a forgotten mailbox is void.
  if (purpose === "reset-password") {
    await db.deleteFrom("user_tokens").where("user_id", "=", userId).where("purpose", "=", purpose).where("used_at", "is", null).execute();
  }
  await db
    .insertInto("user_tokens")
    .values({
      id: sha256(token),
      user_id: userId,
      purpose,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlSeconds(purpose) * 1000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

function plausibleToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{32,64}$/.test(token);
}

/** Marks the token used, in one statement (a link works once even when clicked twice at once). */
async function consumeToken(db: DB, token: string, purpose: Purpose): Promise<string | null> {
  if (!plausibleToken(token)) return null;
  const now = nowIso();
  const row = await db
    .updateTable("user_tokens")
    .set({ used_at: now })
    .where("id", "=", sha256(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}

async function tokenIsValid(db: DB, token: string, purpose: Purpose): Promise<boolean> {
  if (!plausibleToken(token)) return false;
  const row = await db
    .selectFrom("user_tokens")
    .select("id")
    .where("id", "=", sha256(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", nowIso())
    .executeTakeFirst();
  return Boolean(row);
}

// ---------------------------------------------------------------------------------------------
// Mail

type MailKind = "confirm" | "alreadyRegistered" | "reset" | "passwordChanged" | "deleted";

function languageOf(stored: string): Language {
  return isLanguage(stored) ? stored : "de";
}

function composeMail(kind: MailKind, lng: Language, params: Record<string, string | number>) {
  const t = fixedT(lng, ["account", "common"]);
  const values = { jobcenter: getTraeger().jobcenterName, ...params };
  const parts = [
    t("mail.greeting", values),
    t(`mail.${kind}.body`, values),
    typeof params.hours === "number" ? t("mail.validFor", { count: params.hours }) : "",
    t(`mail.${kind}.after`, values),
    t("mail.signature", values),
    t("mail.automatic", values),
  ];
  const body = parts.filter((part) => typeof part === "string" && part.trim() !== "").join("\n\n");
  return { subject: t(`mail.${kind}.subject`, values) as string, text: `${body}\n`, language: htmlLangOf(lng) };
}

const MAIL_KINDS: Record<MailKind, string> = {
  confirm: "account.confirm",
  alreadyRegistered: "account.already-registered",
  reset: "account.reset",
  passwordChanged: "account.password-changed",
  deleted: "account.deleted",
};

/**
 * Enqueues the mail in the outbox (call it with the transaction of the change): the answer to the
 * request does not wait for (or reveal) the mail, and the mail worker retries until it went out.
 * `change` names the change (a token's hash, a new id) so that it enqueues at most one mail.
 */
async function deliver(db: DB, change: string, to: string, kind: MailKind, lng: Language, params: Record<string, string | number> = {}): Promise<void> {
  const mail = composeMail(kind, lng, params);
  await enqueueMail(db, { kind: MAIL_KINDS[kind], dedupKey: `${MAIL_KINDS[kind]}:${change}`, mail: { to, ...mail } });
}

function hoursOf(seconds: number): number {
  return Math.max(1, Math.round(seconds / 3600));
}

// ---------------------------------------------------------------------------------------------
// Sign-up and confirmation

/**
 * `returnTo`: a same-site path (already checked with safeRedirect) where the person wanted to go
 * when she was asked to sign up, e.g. "/antrag"; it travels in the confirmation link.
 */
export async function signUp(input: { email: string; password: string; language: Language; ip: string; returnTo?: string | null }): Promise<Result> {
  const email = normaliseEmail(input.email);
  const problem = newPasswordProblem(input.password, email);
  if (problem) return invalid({ password: problem });
  const over = limited(await hitAll([[LIMITS.signUpIp, input.ip]]));
  if (over) return over;
  // Hash first, whether or not the address is known: both answers take the same time.
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  const base = publicUrl();
  const existing = await db.selectFrom("users").select(["id", "language"]).where("email", "=", email).executeTakeFirst();
  if (existing) {
    await deliver(db, crypto.randomUUID(), email, "alreadyRegistered", languageOf(existing.language), { signInLink: `${base}/anmelden`, resetLink: `${base}/passwort-vergessen` });
    log().info({ event: "signup-existing" }, "account");
    return { ok: true };
  }
  const id = crypto.randomUUID();
  const now = nowIso();
  try {
    // The account, its confirmation link and the mail with it: one transaction.
    await writeTransaction(db, async (trx) => {
      await trx.insertInto("users").values({ id, email, password_hash: passwordHash, email_verified_at: null, language: input.language, created_at: now, updated_at: now }).execute();
      const token = await issueToken(trx, id, "confirm-email");
      const link = `${base}/email-bestaetigen?${new URLSearchParams({ token, ...(input.returnTo ? { redirectTo: input.returnTo } : {}) })}`;
      await deliver(trx, sha256(token), email, "confirm", input.language, { link, hours: hoursOf(ttlSeconds("confirm-email")) });
    });
  } catch (error) {
    // Two sign-ups for one address at the same moment: the second one is "already registered".
    const again = await db.selectFrom("users").select(["language"]).where("email", "=", email).executeTakeFirst();
    if (!again) throw error;
    await deliver(db, crypto.randomUUID(), email, "alreadyRegistered", languageOf(again.language), { signInLink: `${base}/anmelden`, resetLink: `${base}/passwort-vergessen` });
    return { ok: true };
  }
  log().info({ event: "signup" }, "account");
  return { ok: true };
}

/** Confirms the address the link was sent to; returns whose address it was (null: link void). */
export async function confirmEmail(token: string): Promise<string | null> {
  const db = await getDb();
  const userId = await consumeToken(db, token, "confirm-email");
  if (!userId) return null;
  const now = nowIso();
  await db.updateTable("users").set({ email_verified_at: now, updated_at: now }).where("id", "=", userId).where("email_verified_at", "is", null).execute();
  log().info({ event: "email-confirmed" }, "account");
  return userId;
}

export async function resendConfirmation(input: { session: SessionInfo }): Promise<Result<{ alreadyConfirmed: boolean }>> {
  if (input.session.emailVerified) return { ok: true, alreadyConfirmed: true };
  const over = limited(await hitAll([[LIMITS.resendUser, input.session.userId]]));
  if (over) return over;
  const db = await getDb();
  const user = await db.selectFrom("users").select(["email", "language"]).where("id", "=", input.session.userId).executeTakeFirst();
  if (!user) return { ok: true, alreadyConfirmed: false };
  await writeTransaction(db, async (trx) => {
    const token = await issueToken(trx, input.session.userId, "confirm-email");
    await deliver(trx, sha256(token), user.email, "confirm", languageOf(user.language), {
      link: `${publicUrl()}/email-bestaetigen?token=${token}`,
      hours: hoursOf(ttlSeconds("confirm-email")),
    });
  });
  return { ok: true, alreadyConfirmed: false };
}

/**
 * "Send the confirmation mail again" for someone who is not signed in: she gives the address.
 * The answer is the same whether the address belongs to an unconfirmed account, a confirmed one
 * or none (no account enumeration): the same limits count, the same work is done (a mail is
 * composed and sealed; for an unknown or already confirmed address it is removed again in the
 * same transaction, as for "forgot password"). `returnTo` travels in the link as at sign-up.
 */
export async function resendConfirmationByEmail(input: { email: string; ip: string; returnTo?: string | null }): Promise<Result> {
  const email = normaliseEmail(input.email);
  const over = limited(
    await hitAll([
      [LIMITS.resendIp, input.ip],
      [LIMITS.resendEmail, email],
    ]),
  );
  if (over) return over;
  const db = await getDb();
  const user = await db.selectFrom("users").select(["id", "language", "email_verified_at"]).where("email", "=", email).executeTakeFirst();
  const hours = hoursOf(ttlSeconds("confirm-email"));
  const linkFor = (token: string) => `${publicUrl()}/email-bestaetigen?${new URLSearchParams({ token, ...(input.returnTo ? { redirectTo: input.returnTo } : {}) })}`;
  if (user && user.email_verified_at === null) {
    await writeTransaction(db, async (trx) => {
      const token = await issueToken(trx, user.id, "confirm-email");
      await deliver(trx, sha256(token), email, "confirm", languageOf(user.language), { link: linkFor(token), hours });
    });
  } else {
    await enqueueNoMail(db, { to: email, ...composeMail("confirm", "de", { link: linkFor(randomToken(32)), hours }) });
  }
  log().info({ event: "confirm-resend-requested" }, "account");
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Sign-in and sign-out

const WRONG_CREDENTIALS = { email: "account:errors.wrongCredentials" };

/**
 * Checks the credentials; the HTTP edge then starts the session. Limited per client address
 * (every attempt) and per (account, address) (wrong attempts), with a growing delay per account:
 * nobody can lock another person out by guessing (decision 029).
 */
export async function signIn(input: { email: string; password: string; language: Language; ip: string }): Promise<Result<{ userId: string }>> {
  const email = normaliseEmail(input.email);
  const over = limited(await hitAll([[LIMITS.signInIp, input.ip]])) ?? limited(await credentialGate(SIGN_IN_GUARD, email, input.ip));
  if (over) return over;
  const db = await getDb();
  const user = await db.selectFrom("users").select(["id", "password_hash", "language"]).where("email", "=", email).executeTakeFirst();
  const valid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !valid) {
    await recordCredentialFailure(SIGN_IN_GUARD, email, input.ip);
    log().info({ event: "signin-failed" }, "account");
    return invalid(WRONG_CREDENTIALS);
  }
  await clearCredentialFailures(SIGN_IN_GUARD, email, input.ip);
  const changes: { password_hash?: string; language?: string; updated_at?: string } = {};
  if (argon2.needsRehash(user.password_hash, HASH_OPTIONS)) changes.password_hash = await hashPassword(input.password);
  // Mails follow the language the person last used the portal in.
  if (user.language !== input.language) changes.language = input.language;
  if (Object.keys(changes).length)
    await db
      .updateTable("users")
      .set({ ...changes, updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
  log().info({ event: "signin" }, "account");
  return { ok: true, userId: user.id };
}

/** Ends every session of the person, this one included. */
export async function signOutEverywhere(session: SessionInfo): Promise<void> {
  await destroyAllSessions(session.userId);
  log().info({ event: "signout-everywhere" }, "account");
}

/** The idle keepalive: pushes the idle end out from now (never past the session's hard end). */
export async function keepAlive(session: SessionInfo): Promise<string> {
  const db = await getDb();
  const now = new Date();
  const row = await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", session.sessionId).returning("expires_at").executeTakeFirst();
  if (!row) return session.idleExpiresAt;
  const idleEnd = Math.min(now.getTime() + env().SESSION_IDLE_MINUTES * 60_000, Date.parse(row.expires_at));
  return new Date(idleEnd).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Forgotten password

export async function requestPasswordReset(input: { email: string; ip: string }): Promise<Result> {
  const email = normaliseEmail(input.email);
  const over = limited(
    await hitAll([
      [LIMITS.resetIp, input.ip],
      [LIMITS.resetEmail, email],
    ]),
  );
  if (over) return over;
  const db = await getDb();
  const user = await db.selectFrom("users").select(["id", "language"]).where("email", "=", email).executeTakeFirst();
  const hours = hoursOf(ttlSeconds("reset-password"));
  if (user) {
    await writeTransaction(db, async (trx) => {
      const token = await issueToken(trx, user.id, "reset-password");
      await deliver(trx, sha256(token), email, "reset", languageOf(user.language), { link: `${publicUrl()}/passwort-neu?token=${token}`, hours });
    });
  } else {
    // Unknown address: nothing is sent (no mail to people without an account), and the answer
    // takes the same path: a token made, a mail of the same size composed, sealed and written
    // (and removed again in the same transaction).
    const token = randomToken(32);
    await enqueueNoMail(db, { to: email, ...composeMail("reset", "de", { link: `${publicUrl()}/passwort-neu?token=${token}`, hours }) });
  }
  log().info({ event: "reset-requested" }, "account");
  return { ok: true };
}

/** Whether a "new password" link can still be used (the form is shown only then). */
export async function resetTokenValid(token: string): Promise<boolean> {
  return tokenIsValid(await getDb(), token, "reset-password");
}

/** Sets the new password from an e-mailed link: the link is used up and every session ends. */
export async function resetPassword(input: { token: string; password: string }): Promise<Result> {
  const db = await getDb();
  if (!(await tokenIsValid(db, input.token, "reset-password"))) return invalid({ password: "account:errors.linkInvalid" });
  const owner = await db.selectFrom("user_tokens").innerJoin("users", "users.id", "user_tokens.user_id").select(["users.email"]).where("user_tokens.id", "=", sha256(input.token)).executeTakeFirst();
  const problem = newPasswordProblem(input.password, owner?.email);
  if (problem) return invalid({ password: problem });
  const passwordHash = await hashPassword(input.password);
  const userId = await writeTransaction(db, async (trx) => {
    const userId = await consumeToken(trx, input.token, "reset-password");
    if (!userId) return null;
    const now = nowIso();
    const user = await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: now }).where("id", "=", userId).returning(["email", "language", "email_verified_at"]).executeTakeFirst();
    // The link reached the mailbox, so the address is confirmed as well.
    if (user && !user.email_verified_at) await trx.updateTable("users").set({ email_verified_at: now }).where("id", "=", userId).execute();
    if (user) await deliver(trx, sha256(input.token), user.email, "passwordChanged", languageOf(user.language), { resetLink: `${publicUrl()}/passwort-vergessen` });
    return userId;
  });
  if (!userId) return invalid({ password: "account:errors.linkInvalid" });
  await destroyAllSessions(userId);
  log().info({ event: "password-reset" }, "account");
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Signed-in account actions

async function checkCurrentPassword(session: SessionInfo, password: string, field: string): Promise<Failure | null> {
  const over = limited(await hitAll([[LIMITS.passwordCheckUser, session.userId]]));
  if (over) return over;
  const db = await getDb();
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", session.userId).executeTakeFirst();
  if (!(await verifyPassword(user?.password_hash ?? null, password))) return invalid({ [field]: "account:errors.currentPasswordWrong" });
  return null;
}

/** Changes the password after checking the current one; every other session of the person ends. */
export async function changePassword(input: { session: SessionInfo; currentPassword: string; newPassword: string }): Promise<Result> {
  const problem = newPasswordProblem(input.newPassword, input.session.email);
  if (problem) return invalid({ newPassword: problem });
  const wrong = await checkCurrentPassword(input.session, input.currentPassword, "currentPassword");
  if (wrong) return wrong;
  const db = await getDb();
  const passwordHash = await hashPassword(input.newPassword);
  await writeTransaction(db, async (trx) => {
    const user = await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: nowIso() }).where("id", "=", input.session.userId).returning(["email", "language"]).executeTakeFirst();
    await trx.deleteFrom("sessions").where("user_id", "=", input.session.userId).where("id", "!=", input.session.sessionId).execute();
    if (user) await deliver(trx, crypto.randomUUID(), user.email, "passwordChanged", languageOf(user.language), { resetLink: `${publicUrl()}/passwort-vergessen` });
  });
  log().info({ event: "password-changed" }, "account");
  return { ok: true };
}

/** Deletes the account and, through ON DELETE CASCADE, everything that belongs to it. */
export async function deleteAccount(input: { session: SessionInfo; password: string }): Promise<Result> {
  const wrong = await checkCurrentPassword(input.session, input.password, "password");
  if (wrong) return wrong;
  const db = await getDb();
  await writeTransaction(db, async (trx) => {
    const user = await trx.selectFrom("users").select(["email", "language"]).where("id", "=", input.session.userId).executeTakeFirst();
    await trx.deleteFrom("users").where("id", "=", input.session.userId).execute();
    if (user) await deliver(trx, input.session.userId, user.email, "deleted", languageOf(user.language));
  });
  log().info({ event: "account-deleted" }, "account");
  return { ok: true };
}

export interface AccountOverview {
  email: string;
  emailConfirmed: boolean;
  createdAt: string;
  openSessions: number;
}

export async function accountOverview(session: SessionInfo): Promise<AccountOverview> {
  const db = await getDb();
  const user = await db.selectFrom("users").select(["email", "email_verified_at", "created_at"]).where("id", "=", session.userId).executeTakeFirstOrThrow();
  const now = Date.now();
  const sessions = await db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", session.userId)
    .where("expires_at", ">", new Date(now).toISOString())
    .where("last_seen_at", ">", new Date(now - env().SESSION_IDLE_MINUTES * 60_000).toISOString())
    .executeTakeFirstOrThrow();
  return { email: user.email, emailConfirmed: user.email_verified_at !== null, createdAt: user.created_at, openSessions: Number(sessions.n) };
}

/** All stored data of the signed-in person, for download (null: the account is gone). */
export async function exportAccountData(session: SessionInfo): Promise<AccountExport | null> {
  const data = await collectExport(session.userId, session.sessionId);
  if (!data) return null;
  log().info({ event: "data-export" }, "account");
  return data;
}

// ---------------------------------------------------------------------------------------------
// Housekeeping: ended sessions and old links are deleted once an hour.

export async function pruneAccountData(): Promise<void> {
  const db = await getDb();
  const now = Date.now();
  await db.deleteFrom("sessions").where("expires_at", "<=", new Date(now).toISOString()).execute();
  await db
    .deleteFrom("sessions")
    .where("last_seen_at", "<=", new Date(now - env().SESSION_IDLE_MINUTES * 60_000).toISOString())
    .execute();
  await db
    .deleteFrom("user_tokens")
    .where("expires_at", "<=", new Date(now - 7 * 86_400_000).toISOString())
    .execute();
  await pruneRateLimits();
}

/** Hourly: expired sessions, tokens and rate-limit counters. */
export const accountHousekeepingJob = periodic(
  "account-housekeeping",
  () => 60 * 60_000,
  () => pruneAccountData(),
);
