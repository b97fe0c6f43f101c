import { sql } from "kysely";
import { draftExpiryAction, draftCandidateCutoff } from "~/domain/application/draft-expiry";
import { formatDate } from "~/lib/format";
import { isLanguage, type Language } from "~/domain/languages";
import { getDb } from "~/platform/db/db.server";
import { advisoryXactLock, writeTransaction, type Executor } from "~/platform/db/write.server";
import { env } from "~/platform/config/env.server";
import { fixedT } from "~/platform/http/i18n.server";
import { log } from "~/platform/log/log.server";
import { bilingualMail } from "~/platform/mail/mail.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import { blobStorage } from "~/platform/storage/storage.server";
import { enqueueEvent } from "~/platform/events/webhooks.server";
import { getTraeger } from "~/config/traeger";
import { periodic } from "~/platform/jobs/scheduler.server";

// Unsubmitted drafts of the online application are deleted DRAFT_EXPIRY_DAYS after their last
// change, with their uploaded documents; an e-mail in the person's language and German warns 14
// days before (rules: app/domain/application/draft-expiry.ts). A job runs every
// DRAFT_EXPIRY_POLL_SECONDS; tests call expireDrafts(now) with their own clock.
//
// Sent once: the job claims the warning by writing (application, draft version) into
// application_draft_warnings before sending (the primary key lets one process win); a failed
// send is retried after RETRY_MINUTES, up to MAX_ATTEMPTS. The last change is the later of the
// last saved answer (updated_at) and the last uploaded document: saving a page or uploading a
// file starts the period anew, and a stored warning for an older version no longer counts.

const MAX_ATTEMPTS = 5;
const RETRY_MINUTES = 10;
const BATCH = 500;

/** The Träger's configured period (limits.draftRetentionDays), unless DRAFT_EXPIRY_DAYS overrides it. */
export function draftExpiryDays(): number {
  return env().DRAFT_EXPIRY_DAYS ?? getTraeger().limits.draftRetentionDays;
}

/** When the draft last changed: its answers (updated_at) or its newest uploaded document. */
async function lastChange(db: Executor, applicationId: string, updatedAt: string): Promise<string> {
  const newest = await db
    .selectFrom("documents")
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("context_kind", "=", "application")
    .where("context_id", "=", applicationId)
    .executeTakeFirst();
  const uploaded = newest?.at ? String(newest.at) : null;
  return uploaded && uploaded > updatedAt ? uploaded : updatedAt;
}

/** Claims the warning for this version of the draft; false when someone else has it. */
async function claimWarning(applicationId: string, draftUpdatedAt: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const at = now.toISOString();
  const inserted = await db
    .insertInto("application_draft_warnings")
    .values({ application_id: applicationId, draft_updated_at: draftUpdatedAt, claimed_at: at, sent_at: null, attempts: 1, last_error: null })
    .onConflict((oc) => oc.column("application_id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  // A warning for an older version of the draft (saved since): start over for this one.
  const renewed = await db
    .updateTable("application_draft_warnings")
    .set({ draft_updated_at: draftUpdatedAt, claimed_at: at, sent_at: null, attempts: 1, last_error: null })
    .where("application_id", "=", applicationId)
    .where("draft_updated_at", "<>", draftUpdatedAt)
    .executeTakeFirst();
  if (Number(renewed.numUpdatedRows) === 1) return true;
  // A failed or abandoned attempt for this version: take it over once it is old enough.
  const retried = await db
    .updateTable("application_draft_warnings")
    .set({ claimed_at: at, attempts: sql`attempts + 1` })
    .where("application_id", "=", applicationId)
    .where("draft_updated_at", "=", draftUpdatedAt)
    .where("sent_at", "is", null)
    .where("attempts", "<", MAX_ATTEMPTS)
    .where("claimed_at", "<=", new Date(now.getTime() - RETRY_MINUTES * 60_000).toISOString())
    .executeTakeFirst();
  return Number(retried.numUpdatedRows) === 1;
}

/** The warning in one language. */
export function draftWarningText(lng: Language, values: { reference: string; deleteOn: string; link: string }): { subject: string; body: string } {
  const t = fixedT(lng, ["drafts", "common"]);
  const params = { reference: values.reference, date: formatDate(lng, values.deleteOn) };
  const body = [t("mail.greeting"), t("mail.body", params), t("mail.keep", params), values.link, t("mail.signature")].join("\n\n");
  return { subject: t("mail.subject", params), body };
}

/** Enqueues the warning (mail outbox) for this version of the draft; the mail worker sends it. */
async function enqueueWarning(trx: Executor, to: string, lng: Language, reference: string, applicationId: string, version: string, deleteAt: Date): Promise<void> {
  const values = { reference, deleteOn: deleteAt.toISOString(), link: `${publicUrl()}/antrag/${applicationId}` };
  await enqueueMail(trx, {
    kind: "application.draft-warning",
    dedupKey: `application.draft-warning:${applicationId}:${version}`,
    mail: { to, ...bilingualMail(lng, (l) => draftWarningText(l, values)) },
  });
}

/**
 * Deletes one draft with its documents and unfinished uploads, if it is still the same unsaved
 * draft (a save or a submission in the meantime wins). The blobs go after the commit; one that
 * cannot be removed is found by the documents housekeeping (no row points to it).
 */
export async function deleteExpiredDraft(applicationId: string, expectedLastChange: string): Promise<boolean> {
  const db = await getDb();
  const blobKeys = await writeTransaction(db, async (trx) => {
    await advisoryXactLock(trx, `application:${applicationId}`);
    const row = await trx.selectFrom("applications").select(["id", "reference", "status", "updated_at"]).where("id", "=", applicationId).executeTakeFirst();
    if (!row || row.status !== "draft" || (await lastChange(trx, applicationId, row.updated_at)) !== expectedLastChange) return null;
    const documents = await trx
      .selectFrom("documents")
      .select(["id", "blob_key"])
      .where("context_kind", "=", "application")
      .where("context_id", "=", applicationId)
      .where("submitted_at", "is", null)
      .execute();
    const uploads = await trx.selectFrom("uploads").select("id").where("context_kind", "=", "application").where("context_id", "=", applicationId).execute();
    const parts = uploads.length
      ? await trx
          .selectFrom("upload_parts")
          .select("blob_key")
          .where(
            "upload_id",
            "in",
            uploads.map((u) => u.id),
          )
          .execute()
      : [];
    if (uploads.length) {
      await trx
        .deleteFrom("upload_parts")
        .where(
          "upload_id",
          "in",
          uploads.map((u) => u.id),
        )
        .execute();
      await trx
        .deleteFrom("uploads")
        .where(
          "id",
          "in",
          uploads.map((u) => u.id),
        )
        .execute();
    }
    if (documents.length)
      await trx
        .deleteFrom("documents")
        .where(
          "id",
          "in",
          documents.map((d) => d.id),
        )
        .execute();
    // Rows that point to the draft (cascaded where the database enforces foreign keys; explicit here).
    await trx.deleteFrom("application_draft_warnings").where("application_id", "=", applicationId).execute();
    await trx.deleteFrom("application_document_reviews").where("application_id", "=", applicationId).execute();
    await trx.deleteFrom("applications").where("id", "=", applicationId).where("status", "=", "draft").execute();
    await enqueueEvent(trx, { type: "application.draft-deleted", subjectKey: `application:${applicationId}`, data: { applicationId, reference: row.reference, status: "deleted" } });
    return [...documents.map((d) => d.blob_key), ...parts.map((p) => p.blob_key)];
  });
  if (!blobKeys) return false;
  const storage = blobStorage();
  for (const key of blobKeys) {
    await storage.delete(key).catch((error: unknown) => log().warn({ event: "blob-delete-failed", errorType: (error as Error)?.name }, "draft-expiry"));
  }
  log().info({ kind: "application", event: "draft-deleted", applicationId, documents: blobKeys.length }, "expired draft deleted");
  return true;
}

/** One pass at `now`: warns about drafts 14 days before their end and deletes expired ones. */
export async function expireDrafts(now: Date = new Date()): Promise<{ warned: number; deleted: number }> {
  const days = draftExpiryDays();
  const db = await getDb();
  const candidates = await db
    .selectFrom("applications")
    .leftJoin("users", "users.id", "applications.user_id")
    .leftJoin("application_draft_warnings as w", "w.application_id", "applications.id")
    .select(["applications.id", "applications.reference", "applications.updated_at", "applications.language", "users.email", "users.language as user_language", "w.draft_updated_at", "w.sent_at"])
    .where("applications.status", "=", "draft")
    .where("applications.updated_at", "<=", draftCandidateCutoff(days, now))
    .orderBy("applications.updated_at")
    .limit(BATCH)
    .execute();
  let warned = 0;
  let deleted = 0;
  for (const row of candidates) {
    const changed = await lastChange(db, row.id, row.updated_at);
    const warnedAt = row.draft_updated_at === changed ? row.sent_at : null;
    // A draft whose account is gone has nobody to warn: it goes at the end of its period.
    const action = draftExpiryAction({ updatedAt: changed, warnedAt: row.email ? warnedAt : changed }, days, now);
    if (action.kind === "delete") {
      if (await deleteExpiredDraft(row.id, changed)) deleted++;
    } else if (action.kind === "warn" && row.email) {
      if (!(await claimWarning(row.id, changed, now))) continue;
      const lng: Language = isLanguage(row.user_language ?? "") ? (row.user_language as Language) : isLanguage(row.language) ? row.language : "de";
      const to = row.email;
      try {
        await writeTransaction(db, async (trx) => {
          await enqueueWarning(trx, to, lng, row.reference, row.id, changed, action.deleteAt);
          await trx
            .updateTable("application_draft_warnings")
            .set({ sent_at: now.toISOString(), last_error: null })
            .where("application_id", "=", row.id)
            .where("draft_updated_at", "=", changed)
            .execute();
        });
        warned++;
      } catch (error) {
        const errorType = error instanceof Error ? error.name : typeof error;
        await db.updateTable("application_draft_warnings").set({ last_error: errorType }).where("application_id", "=", row.id).where("draft_updated_at", "=", changed).execute();
        log().warn({ kind: "mail", mail: "draft-expiry-warning", errorType }, "draft expiry warning failed, will retry");
      }
    }
  }
  if (warned || deleted) log().info({ job: "draft-expiry", warned, deleted }, "application drafts");
  return { warned, deleted };
}

/** Warns about drafts that are about to expire and deletes expired ones. */
export const draftExpiryJob = periodic(
  "draft-expiry",
  () => env().DRAFT_EXPIRY_POLL_SECONDS * 1000,
  () => expireDrafts(),
);
