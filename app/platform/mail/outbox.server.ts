import crypto from "node:crypto";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import { env } from "~/platform/config/env.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import { writeTransaction, type Executor } from "~/platform/db/write.server";
import { backoffMs } from "~/platform/events/webhooks.server";
import { PollingLoop } from "~/platform/jobs/polling-loop.server";
import { periodic, type WorkerJob } from "~/platform/jobs/scheduler.server";
import { log } from "~/platform/log/log.server";
import { sendMail, type Mail } from "./mail.server";

// The mail outbox (issue 11, item 3; decision 027). Every mail the portal sends goes through it:
//
// - A feature calls `enqueueMail(trx, { kind, dedupKey, mail })` inside the transaction of the
//   change that causes the mail, so the mail exists exactly when the change was committed — a
//   crash right after the commit no longer loses it. `dedupKey` names the change (e.g.
//   `application.receipt:<id>`): a second enqueue with the same key does nothing, so one change
//   enqueues at most one mail.
// - The mail (recipient, subject, text, attachments) is sealed at rest (AES-256-GCM, at-rest key
//   "mail-outbox") and emptied once it went out; the row then keeps id, kind, status and times.
// - The mail worker (a job, registered in compose.server.ts) claims due rows with a lease (so two
//   processes never send one row at the same time; a crashed process's claim is taken over when
//   its lease ends), sends them with a stable Message-ID, and on failure retries with exponential
//   backoff plus jitter, capped, up to MAIL_MAX_ATTEMPTS (then "failed", content emptied).
// - At least once: a process that dies after the SMTP server accepted a mail but before the row
//   was marked sent sends it again after the lease; both copies carry the same Message-ID, by
//   which mail systems and people can recognise the duplicate.
//
// Never logged: addresses, subjects, texts, SMTP server replies (they may echo the address).

const PURPOSE = "mail-outbox";
const MAX_KIND = 60;
const MAX_DEDUP_KEY = 200;

export interface EnqueueMailInput {
  /** What kind of mail, for operations (e.g. "application.receipt"); never personal data. */
  kind: string;
  /** Names the change: one key enqueues at most one mail. References only (ids), no personal data. */
  dedupKey: string;
  mail: Mail;
}

interface SealedMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  language?: string;
  attachments?: { filename: string; contentType: string; base64: string }[];
}

function sealMail(mail: Mail): string {
  const plain: SealedMail = {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    ...(mail.language !== undefined ? { language: mail.language } : {}),
    ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, base64: Buffer.from(a.content).toString("base64") })) } : {}),
  };
  return sealText(PURPOSE, JSON.stringify(plain));
}

function openMail(sealed: string): Mail | null {
  const text = openText(PURPOSE, sealed);
  if (text === null) return null;
  const plain = JSON.parse(text) as SealedMail;
  return {
    to: plain.to,
    subject: plain.subject,
    text: plain.text,
    html: plain.html,
    language: plain.language,
    attachments: plain.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, "base64") })),
  };
}

/** The domain of the Message-ID: the sender's domain (MAIL_FROM), or "portal.invalid". */
function messageIdDomain(): string {
  const from = env().MAIL_FROM;
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? "portal.invalid";
}

export interface EnqueuedMail {
  id: string;
  messageId: string;
  /** False when a mail for this dedup key was enqueued before (nothing new was written). */
  created: boolean;
}

/**
 * Writes a mail to the outbox. Call it with the transaction of the change; given the database
 * itself, it opens its own transaction. The worker sends it after the commit.
 */
export async function enqueueMail(db: Executor, input: EnqueueMailInput): Promise<EnqueuedMail> {
  if (!input.kind || input.kind.length > MAX_KIND) throw new Error("mail kind must be 1–60 characters");
  if (!input.dedupKey || input.dedupKey.length > MAX_DEDUP_KEY) throw new Error("mail dedup key must be 1–200 characters");
  if (!input.mail.to) throw new Error("mail without recipient");
  const content = sealMail(input.mail);
  const result = await writeTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const messageId = `<${id}@${messageIdDomain()}>`;
    const now = nowIso();
    const inserted = await trx
      .insertInto("mail_outbox")
      .values({
        id,
        dedup_key: input.dedupKey,
        kind: input.kind,
        message_id: messageId,
        status: "pending",
        content_sealed: content,
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      })
      .onConflict((oc) => oc.column("dedup_key").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { id, messageId, created: true };
    const existing = await trx.selectFrom("mail_outbox").select(["id", "message_id"]).where("dedup_key", "=", input.dedupKey).executeTakeFirstOrThrow();
    return { id: existing.id, messageId: existing.message_id, created: false };
  });
  if (result.created) wakeMailWorkers();
  return result;
}

/**
 * The same work as `enqueueMail` — sealing a mail of about the same size, one write to the
 * database — without a mail: for answers that must not reveal whether a mail was enqueued
 * (a password reset for an unknown address takes the same path as for a known one).
 */
export async function enqueueNoMail(db: Executor, mail: Mail): Promise<void> {
  const content = sealMail(mail);
  await writeTransaction(db, async (trx) => {
    // A row that is written and removed in one transaction: the same write work, nothing kept.
    const id = crypto.randomUUID();
    const now = nowIso();
    await trx
      .insertInto("mail_outbox")
      .values({
        id,
        dedup_key: `none:${id}`,
        kind: "none",
        message_id: `<${id}@${messageIdDomain()}>`,
        status: "failed",
        content_sealed: content,
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      })
      .execute();
    await trx.deleteFrom("mail_outbox").where("id", "=", id).execute();
  });
}

// ---------------------------------------------------------------------------------------------
// Worker

export interface MailWorkerOptions {
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  pollMs: number;
  leaseMs: number;
}

export function mailWorkerOptionsFromEnv(): MailWorkerOptions {
  const e = env();
  return {
    retryBaseMs: e.MAIL_RETRY_BASE_MS,
    retryMaxMs: e.MAIL_RETRY_MAX_MS,
    maxAttempts: e.MAIL_MAX_ATTEMPTS,
    pollMs: e.MAIL_POLL_MS,
    // A lease must outlast an SMTP conversation (connect, greeting and a silence may each take
    // the timeout), or a second process could send the same mail meanwhile.
    leaseMs: Math.max(e.MAIL_LEASE_MS, 4 * e.MAIL_SMTP_TIMEOUT_MS + 1_000),
  };
}

/** A short code for the log and the row: never the server's reply text (it may echo the address). */
function failureCode(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown } | null;
  const parts = [typeof e?.code === "string" ? e.code : null, typeof e?.responseCode === "number" ? String(e.responseCode) : null].filter(Boolean);
  if (parts.length) return parts.join(" ").slice(0, 60);
  return error instanceof Error ? error.name.slice(0, 60) : "error";
}

const workers = new Set<MailWorker>();

/** Looks into the outbox soon (after a commit that may have added a mail) instead of at the next poll. */
function wakeMailWorkers(): void {
  for (const worker of workers) worker.wake();
}

export class MailWorker extends PollingLoop {
  constructor(
    private readonly db: Executor,
    private readonly options: MailWorkerOptions,
  ) {
    super("mail", options.pollMs);
  }

  override start(): void {
    workers.add(this);
    super.start();
  }

  override async stop(): Promise<void> {
    workers.delete(this);
    await super.stop();
  }

  /** Called after an enqueue: the commit follows within milliseconds, so look a moment later. */
  wake(): void {
    this.schedule(20);
  }

  protected async pass(): Promise<boolean> {
    return (await this.sendDue()) > 0;
  }

  /** Milliseconds until the next retry falls due, if sooner than `atMost`. */
  protected async untilNextDue(atMost: number): Promise<number> {
    const next = await this.db
      .selectFrom("mail_outbox")
      .select((eb) => eb.fn.min("next_attempt_at").as("next"))
      .where("status", "=", "pending")
      .where("next_attempt_at", ">", nowIso())
      .executeTakeFirst();
    if (!next?.next) return atMost;
    return Math.max(0, Math.min(atMost, Date.parse(String(next.next)) - Date.now()));
  }

  /** Claims and sends what is due, one mail after the other; returns how many were attempted. */
  async sendDue(limit = 20): Promise<number> {
    const now = nowIso();
    const due = await this.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .orderBy("next_attempt_at", "asc")
      .limit(limit)
      .execute();
    let attempted = 0;
    for (const { id } of due) {
      if (this.stopped) break;
      if (await this.claim(id)) {
        attempted++;
        await this.send(id);
      }
    }
    return attempted;
  }

  private async claim(id: string): Promise<boolean> {
    const now = nowIso();
    const leaseUntil = new Date(Date.now() + this.options.leaseMs).toISOString();
    const claimed = await this.db
      .updateTable("mail_outbox")
      .set((eb) => ({ lease_owner: this.owner, lease_until: leaseUntil, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  private async send(id: string): Promise<void> {
    const row = await this.db.selectFrom("mail_outbox").select(["id", "kind", "message_id", "content_sealed", "attempts"]).where("id", "=", id).executeTakeFirst();
    if (!row) return;
    const attempts = Number(row.attempts);
    const mail = row.content_sealed === null ? null : openMail(row.content_sealed);
    if (mail === null) {
      // Sealed under another DOCUMENT_KEY (or altered): it can never be sent.
      log().error({ kind: "mail", mail: row.kind, outboxId: id }, "outbox mail cannot be read (DOCUMENT_KEY changed?)");
      await this.finish(id, { status: "failed", content_sealed: null, last_error: "unreadable" });
      return;
    }
    try {
      await sendMail(mail, row.message_id);
    } catch (error) {
      const code = failureCode(error);
      if (attempts >= this.options.maxAttempts) {
        log().error({ kind: "mail", mail: row.kind, outboxId: id, attempts, failure: code }, "mail given up after the last attempt");
        await this.finish(id, { status: "failed", content_sealed: null, last_error: code });
        return;
      }
      const delay = backoffMs(attempts, this.options.retryBaseMs, this.options.retryMaxMs);
      log().warn({ kind: "mail", mail: row.kind, outboxId: id, attempts, failure: code, retryInMs: delay }, "mail not sent; will retry");
      await this.finish(id, { next_attempt_at: new Date(Date.now() + delay).toISOString(), last_error: code });
      return;
    }
    await this.finish(id, { status: "sent", content_sealed: null, sent_at: nowIso(), last_error: null });
    log().info({ kind: "mail", mail: row.kind, outboxId: id, attempts, smtp: Boolean(env().SMTP_URL) }, "mail sent");
  }

  private async finish(id: string, changes: Partial<{ status: "sent" | "failed"; content_sealed: null; next_attempt_at: string; last_error: string | null; sent_at: string }>): Promise<void> {
    await this.db
      .updateTable("mail_outbox")
      .set({ ...changes, lease_owner: null, lease_until: null })
      .where("id", "=", id)
      .where("lease_owner", "=", this.owner)
      .execute();
  }
}

/** Deletes sent and given-up rows (only id, kind and times remain in them) after 30 days. */
export async function pruneMailOutbox(db?: Executor, olderThanDays = 30): Promise<void> {
  const executor = db ?? (await getDb());
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000).toISOString();
  await executor.deleteFrom("mail_outbox").where("status", "in", ["sent", "failed"]).where("created_at", "<", cutoff).execute();
}

/** Sends the outbox (its own loop; see MailWorker). */
export const mailDeliveryWorker: WorkerJob = {
  kind: "worker",
  name: "mail-delivery",
  start: async () => {
    const worker = new MailWorker(await getDb(), mailWorkerOptionsFromEnv());
    worker.start();
    return () => worker.stop();
  },
};

/** Hourly: outbox rows past their retention. */
export const mailOutboxHousekeeping = periodic(
  "mail-outbox-housekeeping",
  () => 60 * 60_000,
  () => pruneMailOutbox(),
  "interval",
);
