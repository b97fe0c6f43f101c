import crypto from "node:crypto";
import { getTraeger } from "~/config/traeger";
import {
  formatFollowUpCode,
  formatReference,
  normaliseFollowUpCode,
  normaliseReference,
  OMBUDS_ATTACHMENT_MAX_MB,
  OMBUDS_MAX_ATTACHMENTS,
  OMBUDS_TEXT_MAX,
  retentionCutoff,
  statusAfterFollowUp,
  statusAfterReply,
  type OmbudsKind,
  type OmbudsStatus,
} from "~/domain/ombuds/rules";
import { htmlLangOf, isLanguage, type Language } from "~/domain/languages";
import { openBytes, openText, sealBytes, sealText } from "~/platform/crypto/at-rest.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import { writeTransaction, type Executor } from "~/platform/db/write.server";
import { env } from "~/platform/config/env.server";
import { fixedT } from "~/platform/http/i18n.server";
import { hmac } from "~/platform/crypto/keys.server";
import { log } from "~/platform/log/log.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import { clearCredentialFailures, credentialGate, hit, hitAll, recordCredentialFailure, type CredentialGuard, type Limit } from "~/platform/http/rate-limit.server";
import { enqueueEvent } from "~/platform/events/webhooks.server";
import { periodic } from "~/platform/jobs/scheduler.server";

// The Ombudsstelle channel (issue 6 part 3). Confidential by construction:
// - its own tables (070_ombuds), no link to accounts, applications or cases;
// - message texts and contact addresses sealed at rest (AES-256-GCM under a key derived from
//   DOCUMENT_KEY); the follow-up code only as an HMAC;
// - read and answered only through the API with ombuds:* keys (ombuds-api.server.ts);
// - events carry ids only and go to ombuds subscriptions only (webhooks.server.ts audiences);
// - nothing here logs a text, an address or a code.

const BODY = "ombuds-body";
const CONTACT = "ombuds-contact";
const FILE = "ombuds-attachment";
const FILENAME = "ombuds-attachment-name";

export const SEND_LIMIT: Limit = { name: "ombuds-send-ip", max: 10, windowSeconds: 3600 };
export const CODE_LIMIT_IP: Limit = { name: "ombuds-code-ip", max: 10, windowSeconds: 900 };
/** Wrong codes: 10 per (reference, client address) in 15 minutes, a growing delay per reference (decision 029). */
export const CODE_GUARD: CredentialGuard = { name: "ombuds-code", maxFailuresPerAddress: 10, windowSeconds: 900 };
export const FOLLOW_UP_LIMIT: Limit = { name: "ombuds-follow-up", max: 20, windowSeconds: 3600 };

export type Result<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P; retryAfterSeconds?: number };

/** A fresh one-time token for the form: a repeated post of the same form finds the same message. */
export { isSubmissionToken, newSubmissionToken } from "~/platform/http/submission-token.server";

/**
 * The form's one-time token with what was written: the same post again (double click, reload)
 * finds the same message and shows the same code; other content is another message.
 */
function submissionKey(input: NewMessage): string {
  return [input.submissionToken, input.kind, input.email ?? "", input.text].join("\n");
}

/** The code follows from the submission (HMAC with the server key), so a repeated post shows it again. */
function followUpCodeFor(key: string): string {
  return formatFollowUpCode(Buffer.from(hmac(key, "ombuds-follow-up-code"), "base64url").subarray(0, 13));
}

function codeHash(code: string): string {
  return hmac(code, "ombuds-code-hash");
}

export interface SentMessage {
  reference: string;
  code: string;
  withEmail: boolean;
}

export interface NewAttachment {
  filename: string;
  mediaType: string;
  content: Buffer;
}

export interface NewMessage {
  submissionToken: string;
  kind: OmbudsKind;
  text: string;
  email: string | null;
  language: Language;
  attachments?: NewAttachment[];
}

async function insertEntry(trx: Executor, messageId: string, author: "sender" | "ombuds", text: string, at: string): Promise<string> {
  const id = crypto.randomUUID();
  await trx
    .insertInto("ombuds_entries")
    .values({ id, message_id: messageId, author, body_sealed: sealText(BODY, text), created_at: at })
    .execute();
  return id;
}

async function bySubmission(db: Executor, submissionHash: string) {
  return db.selectFrom("ombuds_messages").select(["reference", "email_sealed"]).where("submission_hash", "=", submissionHash).executeTakeFirst();
}

/** Stores a message (and its ombuds.message-received event, in one transaction); idempotent per form token. */
export async function sendOmbudsMessage(input: NewMessage, clientIp: string): Promise<Result<SentMessage, "rate-limited">> {
  if (input.text.length > OMBUDS_TEXT_MAX) throw new Error("message too long"); // the route checks first
  const db = await getDb();
  const key = submissionKey(input);
  const submissionHash = hmac(key, "ombuds-submission");
  const code = followUpCodeFor(key);
  const existing = await bySubmission(db, submissionHash);
  if (existing) return { ok: true, value: { reference: existing.reference, code, withEmail: existing.email_sealed !== null } };

  const limit = await hit(SEND_LIMIT, clientIp);
  if (!limit.allowed) return { ok: false, problem: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };

  for (let attempt = 0; ; attempt++) {
    try {
      const reference = await writeTransaction(db, async (trx) => {
        const again = await bySubmission(trx, submissionHash);
        if (again) return again.reference;
        const id = crypto.randomUUID();
        const reference = formatReference(crypto.randomBytes(5));
        const now = nowIso();
        await trx
          .insertInto("ombuds_messages")
          .values({
            id,
            reference,
            code_hash: codeHash(code),
            submission_hash: submissionHash,
            kind: input.kind,
            status: "received",
            language: input.language,
            email_sealed: input.email ? sealText(CONTACT, input.email) : null,
            created_at: now,
            last_activity_at: now,
          })
          .execute();
        const entryId = await insertEntry(trx, id, "sender", input.text, now);
        for (const [position, file] of (input.attachments ?? []).entries()) {
          await trx
            .insertInto("ombuds_attachments")
            .values({
              id: crypto.randomUUID(),
              message_id: id,
              entry_id: entryId,
              filename_sealed: sealText(FILENAME, file.filename),
              media_type: file.mediaType,
              size: file.content.byteLength,
              sha512: crypto.createHash("sha512").update(file.content).digest("hex"),
              position,
              content_sealed: sealBytes(FILE, file.content),
              created_at: now,
            })
            .execute();
        }
        await enqueueEvent(trx, { type: "ombuds.message-received", subjectKey: `ombuds-message:${id}`, data: { messageId: id, reference, kind: input.kind, entry: "message" } });
        return reference;
      });
      return { ok: true, value: { reference, code, withEmail: input.email !== null } };
    } catch (error) {
      // A concurrent post of the same form won (unique submission_hash), or a reference collided.
      const winner = await bySubmission(db, submissionHash);
      if (winner) return { ok: true, value: { reference: winner.reference, code, withEmail: winner.email_sealed !== null } };
      if (attempt >= 2) throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading replies with reference number + follow-up code

/**
 * Checks reference + code. Every attempt counts against the client address (10 per 15 minutes),
 * wrong ones against the pair (reference, address) (10 per 15 minutes) and slow further attempts
 * on the reference (decision 029), so codes cannot be guessed and a guesser cannot lock the sender
 * out; a wrong pair and an unknown reference answer the same.
 */
export async function openConversation(referenceInput: string, codeInput: string, clientIp: string): Promise<Result<{ messageId: string }, "wrong" | "rate-limited">> {
  const reference = normaliseReference(referenceInput);
  const account = reference ?? referenceInput.trim();
  let limit = await hitAll([[CODE_LIMIT_IP, clientIp]]);
  if (limit.allowed) limit = await credentialGate(CODE_GUARD, account, clientIp);
  if (!limit.allowed) return { ok: false, problem: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
  const code = normaliseFollowUpCode(codeInput);
  const wrong = async (): Promise<Result<{ messageId: string }, "wrong">> => {
    await recordCredentialFailure(CODE_GUARD, account, clientIp);
    return { ok: false, problem: "wrong" };
  };
  if (!reference || !code) return wrong();
  const db = await getDb();
  const row = await db.selectFrom("ombuds_messages").select(["id", "code_hash"]).where("reference", "=", reference).executeTakeFirst();
  const given = Buffer.from(codeHash(code));
  const stored = Buffer.from(row?.code_hash ?? codeHash("-"));
  const match = given.length === stored.length && crypto.timingSafeEqual(given, stored) && row !== undefined;
  if (!match) return wrong();
  await clearCredentialFailures(CODE_GUARD, account, clientIp);
  return { ok: true, value: { messageId: row.id } };
}

export interface ConversationEntry {
  id: string;
  author: "sender" | "ombuds";
  text: string;
  createdAt: string;
}

export interface AttachmentInfo {
  id: string;
  entryId: string;
  filename: string;
  mediaType: string;
  size: number;
  sha512: string;
}

export interface Conversation {
  id: string;
  reference: string;
  kind: string;
  status: OmbudsStatus;
  language: string;
  email: string | null;
  createdAt: string;
  lastActivityAt: string;
  entries: ConversationEntry[];
  attachments: AttachmentInfo[];
}

type MessageRow = {
  id: string;
  reference: string;
  kind: string;
  status: OmbudsStatus;
  language: string;
  email_sealed: string | null;
  created_at: string;
  last_activity_at: string;
};

async function withEntries(db: Executor, rows: MessageRow[]): Promise<Conversation[]> {
  if (!rows.length) return [];
  const entries = await db
    .selectFrom("ombuds_entries")
    .selectAll()
    .where(
      "message_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
  const attachments = await db
    .selectFrom("ombuds_attachments")
    .select(["id", "message_id", "entry_id", "filename_sealed", "media_type", "size", "sha512"])
    .where(
      "message_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("created_at", "asc")
    .orderBy("position", "asc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    status: row.status,
    language: row.language,
    email: row.email_sealed ? openText(CONTACT, row.email_sealed) : null,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    entries: entries.filter((e) => e.message_id === row.id).map((e) => ({ id: e.id, author: e.author, text: openText(BODY, e.body_sealed) ?? "", createdAt: e.created_at })),
    attachments: attachments
      .filter((a) => a.message_id === row.id)
      .map((a) => ({ id: a.id, entryId: a.entry_id, filename: openText(FILENAME, a.filename_sealed) ?? "", mediaType: a.media_type, size: Number(a.size), sha512: a.sha512 })),
  }));
}

const MESSAGE_COLUMNS = ["id", "reference", "kind", "status", "language", "email_sealed", "created_at", "last_activity_at"] as const;

export async function conversation(messageId: string, db?: Executor): Promise<Conversation | null> {
  const executor = db ?? (await getDb());
  const row = await executor.selectFrom("ombuds_messages").select(MESSAGE_COLUMNS).where("id", "=", messageId).executeTakeFirst();
  if (!row) return null;
  return (await withEntries(executor, [row as MessageRow]))[0];
}

/** One attachment's content for the Ombudsstelle (the API checks the key first). */
export async function readAttachment(messageId: string, attachmentId: string): Promise<{ filename: string; mediaType: string; content: Buffer; sha512: string } | null> {
  const db = await getDb();
  const row = await db.selectFrom("ombuds_attachments").selectAll().where("id", "=", attachmentId).where("message_id", "=", messageId).executeTakeFirst();
  if (!row) return null;
  const content = openBytes(FILE, row.content_sealed);
  if (!content) throw new Error("an Ombudsstelle attachment could not be opened (DOCUMENT_KEY changed?)");
  return { filename: openText(FILENAME, row.filename_sealed) ?? "Anhang", mediaType: row.media_type, content, sha512: row.sha512 };
}

// ---------------------------------------------------------------------------------------------
// The contact form as multipart (with optional attachments)

export const FORM_FIELD_MAX_BYTES = 64 * 1024;
/** Whole request: the files, the text and some overhead; more is not read. */
export const FORM_MAX_BYTES = OMBUDS_MAX_ATTACHMENTS * OMBUDS_ATTACHMENT_MAX_MB * 1024 * 1024 + 256 * 1024;

/** The sender writes again (from the conversation page): reopens the matter, tells the Ombudsstelle. */
export async function addFollowUp(messageId: string, text: string): Promise<Result<null, "not-found" | "rate-limited">> {
  const limit = await hit(FOLLOW_UP_LIMIT, messageId);
  if (!limit.allowed) return { ok: false, problem: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const row = await trx.selectFrom("ombuds_messages").select(["id", "reference", "kind"]).where("id", "=", messageId).executeTakeFirst();
    if (!row) return { ok: false as const, problem: "not-found" as const };
    const now = nowIso();
    await insertEntry(trx, row.id, "sender", text, now);
    await trx.updateTable("ombuds_messages").set({ status: statusAfterFollowUp(), last_activity_at: now }).where("id", "=", row.id).execute();
    await enqueueEvent(trx, { type: "ombuds.message-received", subjectKey: `ombuds-message:${row.id}`, data: { messageId: row.id, reference: row.reference, kind: row.kind, entry: "follow-up" } });
    return { ok: true as const, value: null };
  });
}

// ---------------------------------------------------------------------------------------------
// The Ombudsstelle's side (called by ombuds-api.server.ts after the key check)

export function messagesQuery(db: Executor, status: OmbudsStatus | null) {
  let query = db.selectFrom("ombuds_messages").select(MESSAGE_COLUMNS);
  if (status) query = query.where("status", "=", status);
  return query;
}

export async function presentMessages(db: Executor, rows: MessageRow[]): Promise<Conversation[]> {
  return withEntries(db, rows);
}

/** A reply: stored sealed, status `answered` (unless closed), then a notice mail without content. */
export async function replyToMessage(messageId: string, text: string, audit: (trx: Executor, entryId: string) => Promise<void>): Promise<Conversation | null> {
  const db = await getDb();
  const result = await writeTransaction(db, async (trx) => {
    const row = await trx.selectFrom("ombuds_messages").select(["id", "status"]).where("id", "=", messageId).executeTakeFirst();
    if (!row) return null;
    const now = nowIso();
    const entryId = await insertEntry(trx, row.id, "ombuds", text, now);
    await trx
      .updateTable("ombuds_messages")
      .set({ status: statusAfterReply(row.status), last_activity_at: now })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, entryId);
    const result = await conversation(row.id, trx);
    // The notice is enqueued with the reply (mail outbox): it exists exactly when the reply does.
    if (result?.email) await announceReply(trx, entryId, result.email, result.reference, isLanguage(result.language) ? result.language : "de");
    return result;
  });
  return result;
}

export async function setMessageStatus(messageId: string, status: OmbudsStatus, audit: (trx: Executor) => Promise<void>): Promise<Conversation | null> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const updated = await trx.updateTable("ombuds_messages").set({ status }).where("id", "=", messageId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return null;
    await audit(trx);
    return conversation(messageId, trx);
  });
}

/** "A reply is waiting": in the sender's language, no message content, sent by the mail worker. */
export function composeReplyNotice(lng: Language, reference: string) {
  const t = fixedT(lng, ["ombuds", "common"]);
  const name = getTraeger().ombudsstelle?.name ?? (t("title") as string);
  const values = { reference, name, url: `${publicUrl()}/ombudsstelle/antworten` };
  const text = [t("mail.greeting"), t("mail.body", values), t("mail.howTo", values), t("mail.privacy"), t("mail.automatic")].join("\n\n");
  return { subject: t("mail.subject", values) as string, text: `${text}\n`, language: htmlLangOf(lng) };
}

async function announceReply(trx: Executor, entryId: string, to: string, reference: string, lng: Language): Promise<void> {
  await enqueueMail(trx, { kind: "ombuds.reply", dedupKey: `ombuds.reply:${entryId}`, mail: { to, ...composeReplyNotice(lng, reference) } });
}

// ---------------------------------------------------------------------------------------------
// Retention

/** Deletes messages (with their conversation) whose last entry is older than OMBUDS_RETENTION_DAYS. */
export async function deleteExpiredOmbudsMessages(now = new Date(), db?: Executor): Promise<number> {
  const executor = db ?? (await getDb());
  const cutoff = retentionCutoff(now, env().OMBUDS_RETENTION_DAYS);
  return writeTransaction(executor, async (trx) => {
    const expired = trx.selectFrom("ombuds_messages").select("id").where("last_activity_at", "<", cutoff);
    await trx.deleteFrom("ombuds_attachments").where("message_id", "in", expired).execute();
    await trx.deleteFrom("ombuds_entries").where("message_id", "in", expired).execute();
    const deleted = await trx.deleteFrom("ombuds_messages").where("last_activity_at", "<", cutoff).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

/** Deletes Ombudsstelle conversations past their retention period. */
export const ombudsRetentionJob = periodic(
  "ombuds-retention",
  () => env().OMBUDS_RETENTION_POLL_SECONDS * 1000,
  async () => {
    const count = await deleteExpiredOmbudsMessages();
    if (count) log().info({ job: "ombuds-retention", deleted: count }, "expired Ombudsstelle messages deleted");
  },
);
