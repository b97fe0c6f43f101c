import crypto from "node:crypto";
import { getTraeger } from "~/config/traeger";
import { berlinDay } from "~/domain/application/dates";
import { APPLICATION_SCHEMA_VERSION, applicationReference, emptyApplicationData, isComplete, pruneSuggestions, withoutSuggestions, type ApplicationData } from "~/domain/application/model";
import { standortById } from "~/domain/traeger/lookup";
import { formatDate } from "~/lib/format";
import { directionOf, type Language } from "~/domain/languages";
import { isolate } from "~/lib/bidi";
import { sealText } from "~/platform/crypto/at-rest.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import { advisoryXactLock, writeTransaction, type Executor } from "~/platform/db/write.server";
import { fixedT } from "~/platform/http/i18n.server";
import { markDocumentsSubmitted, unfinishedUploads } from "~/features/documents/index.server";
import { log } from "~/platform/log/log.server";
import { bilingualMail } from "~/platform/mail/mail.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { type SessionInfo } from "~/platform/http/session.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import { enqueueEvent } from "~/platform/events/webhooks.server";
// Unsubmitted drafts expire (job registered there; imported here so it is part of every build).
import { checklistDueDate } from "~/domain/application/review";
import { declarationRecord } from "~/domain/application/declaration";
import { handedOverChecklist, memberNames, submittedAttachments } from "./application-documents.server";
import { openData, SEAL_PURPOSE, toRecord, type ApplicationRecord } from "./records.server";
import { indexApplication } from "./search.server";
export type { ApplicationRecord, ApplicationRow } from "./records.server";
import type { ExportSection } from "~/platform/export/data-export.server";

// The online application (issue "Online Antrag"): "apply now" secures the Antragsdatum at once
// (one draft per person, created in one transaction with its `application.created` event), the
// task-list pages save their answers here, and the submission is transactional and idempotent
// (`application.submitted` in the same transaction; a second submit finds it done).
//
// The answers are one JSON document (ApplicationData), sealed at rest. Every function that
// reads or writes on behalf of a person checks that the application is theirs: anything else is
// a 404, so nobody learns that someone else's application exists.

// ---------------------------------------------------------------------------------------------
// Apply now: secure the Antragsdatum

export interface StartResult {
  id: string;
  /** False when the person already had an open application (double submit, retry). */
  created: boolean;
}

/**
 * Opens the person's application, or finds the open one. The Antragsdatum is today's date in
 * Germany. Idempotent: one open application per person (serialised per person, and a unique
 * index as the last line of defence).
 */
export async function startApplication(userId: string, language: Language, now: Date = new Date()): Promise<StartResult> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    await advisoryXactLock(trx, `application-user:${userId}`);
    const open = await trx.selectFrom("applications").select("id").where("user_id", "=", userId).where("status", "=", "draft").executeTakeFirst();
    if (open) return { id: open.id, created: false };
    const id = crypto.randomUUID();
    const reference = applicationReference((n) => crypto.randomInt(n));
    const antragsdatum = berlinDay(now);
    const at = now.toISOString();
    await trx
      .insertInto("applications")
      .values({
        id,
        reference,
        user_id: userId,
        status: "draft",
        antragsdatum,
        traeger_id: getTraeger().id,
        standort_id: null,
        language,
        data_sealed: sealText(SEAL_PURPOSE, JSON.stringify(emptyApplicationData())),
        schema_version: APPLICATION_SCHEMA_VERSION,
        documents_digital: null,
        decisions_digital: null,
        created_at: at,
        updated_at: at,
        submitted_at: null,
      })
      .execute();
    await enqueueEvent(trx, { type: "application.created", subjectKey: `application:${id}`, data: { applicationId: id, reference, antragsdatum, status: "draft" } });
    log().info({ kind: "application", event: "created", applicationId: id }, "application started");
    return { id, created: true };
  });
}

/** The person's open application, else their latest one, else null (for the start page). */
export async function currentApplication(userId: string): Promise<ApplicationRecord | null> {
  const db = await getDb();
  const rows = await db.selectFrom("applications").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").limit(20).execute();
  const chosen = rows.find((r) => r.status === "draft") ?? rows[0];
  return chosen ? toRecord(chosen) : null;
}

// "Download all my data" (DSGVO Art. 15/20): every application of the person with its answers.
export const applicationsExport: ExportSection = async (userId) => {
  const db = await getDb();
  const rows = await db.selectFrom("applications").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();
  return rows.map((row) => {
    const { userId: _owner, ...record } = toRecord(row);
    return record;
  });
};

// ---------------------------------------------------------------------------------------------
// Reading and writing one's own application (the request guards are in http.server.ts)

/**
 * Saves answers: `change` gets the stored data and returns the new one. Runs in a transaction
 * that re-reads the row, so two tabs saving different pages do not overwrite each other.
 * Returns false when the application is no longer a draft.
 */
export async function saveAnswers(userId: string, id: string, change: (data: ApplicationData) => ApplicationData, extra: { standortId?: string | null } = {}): Promise<boolean> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    await advisoryXactLock(trx, `application:${id}`);
    const row = await trx.selectFrom("applications").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    if (!row || row.status !== "draft") return false;
    // A page she saved herself is her answer: the pre-check's suggestion for it goes (decision 037).
    const data = pruneSuggestions(change(openData(row.data_sealed)));
    await trx
      .updateTable("applications")
      .set({
        data_sealed: sealText(SEAL_PURPOSE, JSON.stringify(data)),
        updated_at: nowIso(),
        ...(extra.standortId !== undefined ? { standort_id: extra.standortId } : {}),
      })
      .where("id", "=", id)
      .execute();
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Submission

export type SubmitResult =
  | { kind: "submitted" }
  | { kind: "already-submitted" }
  | { kind: "incomplete" }
  | { kind: "not-found" }
  /** An upload of the application is still being received or finalised: submitting now would leave the file out. */
  | { kind: "uploads-unfinished"; uploads: { filename: string; item: string | null }[] };

/**
 * Submits once: the status changes and `application.submitted` is recorded in one transaction;
 * a second call (double click, retry after a lost answer) finds it submitted and changes
 * nothing. The receipt mail is enqueued in that transaction (mail outbox), only by the call that
 * submitted; the mail worker sends it after the commit.
 */
export async function submitApplication(session: SessionInfo, id: string, choices: { documentsDigital: boolean; decisionsDigital: boolean }, language: Language): Promise<SubmitResult> {
  const db = await getDb();
  const result = await writeTransaction(db, async (trx): Promise<SubmitResult> => {
    await advisoryXactLock(trx, `application:${id}`);
    const row = await trx.selectFrom("applications").selectAll().where("id", "=", id).where("user_id", "=", session.userId).executeTakeFirst();
    if (!row) return { kind: "not-found" };
    if (row.status === "submitted") return { kind: "already-submitted" };
    const data = openData(row.data_sealed);
    if (!isComplete(data)) return { kind: "incomplete" };
    const unfinished = await unfinishedUploads({ kind: "application", id }, { db: trx });
    if (unfinished.length) return { kind: "uploads-unfinished", uploads: unfinished };
    const at = nowIso();
    await trx
      .updateTable("applications")
      .set({
        status: "submitted",
        // Pre-check suggestions are not needed beyond the draft (decision 037); the declaration
        // is kept with the answers: which text, when, by whom (decision 043).
        data_sealed: sealText(SEAL_PURPOSE, JSON.stringify({ ...withoutSuggestions(data), declaration: declarationRecord(at, language) })),
        submitted_at: at,
        updated_at: at,
        language,
        documents_digital: choices.documentsDigital ? 1 : 0,
        decisions_digital: choices.decisionsDigital ? 1 : 0,
      })
      .where("id", "=", id)
      .where("status", "=", "draft")
      .execute();
    // The staff inbox finds it by name and birth date through keyed hashes only (decision 038).
    await indexApplication(trx, id, data);
    // The documents uploaded so far go with the application (they can no longer be removed).
    const attachmentCount = await markDocumentsSubmitted([], { ownerUserId: session.userId, at, db: trx, context: { kind: "application", id } });
    await enqueueEvent(trx, {
      type: "application.submitted",
      subjectKey: `application:${id}`,
      data: { applicationId: id, reference: row.reference, antragsdatum: row.antragsdatum, standortId: row.standort_id, status: "submitted", attachmentCount },
    });
    // The receipt mail, in the same transaction: it exists exactly when the submission does.
    const submitted = await trx.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    await enqueueReceiptMail(trx, session.email, toRecord(submitted));
    return { kind: "submitted" };
  });
  if (result.kind === "submitted") log().info({ kind: "application", event: "submitted", applicationId: id }, "application submitted");
  return result;
}

// ---------------------------------------------------------------------------------------------
// Receipt (page and mail)

export interface ReceiptStandort {
  id: string;
  name: string;
  /** "405, SB1, 408 …": every bus or train line that serves it. */
  lines: string[];
}

export function receiptStandort(standortId: string | null): ReceiptStandort | null {
  if (!standortId) return null;
  const standort = standortById(getTraeger(), standortId);
  if (!standort) return null;
  const lines = [...new Set((standort.transit?.entries ?? []).flatMap((e) => e.lines))];
  return { id: standort.id, name: standort.name, lines };
}

/** The receipt text in one language (the mail has the person's language and German). */
/** Checklist items still missing at submission, with their due date (for the receipt mail). */
export interface MissingDocuments {
  items: Array<{ category: string; memberId: string | null }>;
  due: string | null;
  names: Record<string, string>;
}

export function receiptText(lng: Language, application: ApplicationRecord, bookingUrl: string, missing: MissingDocuments = { items: [], due: null, names: {} }): { subject: string; body: string } {
  const t = fixedT(lng, ["application", "uploads", "common"]);
  const standort = receiptStandort(application.standortId);
  // Plain text: in Arabic and Farsi the left-to-right runs are isolated (FSI … PDI), or the
  // reference reads "-A / URL7-9KWT".
  const iso = (value: string) => (directionOf(lng) === "rtl" ? isolate(value) : value);
  const values = {
    reference: iso(application.reference),
    date: formatDate(lng, application.antragsdatum),
    jobcenter: iso(getTraeger().jobcenterName),
  };
  const parts = [
    t("mail.greeting"),
    t("mail.body", values),
    `${t("receipt.reference")}: ${values.reference}`,
    `${t("receipt.antragsdatum")}: ${values.date}`,
    standort ? `${t("receipt.standort")}: ${standort.name}${standort.lines.length ? `\n${t("receipt.lines", { lines: standort.lines.join(", ") })}` : ""}` : "",
    missing.items.length
      ? [
          `${t("uploads:checklist.title")}:`,
          ...missing.items.map((item) => {
            const who = item.memberId ? t("uploads:checklist.forMember", { name: iso(missing.names[item.memberId] ?? item.memberId) }) : t("uploads:checklist.forHousehold");
            const due = missing.due ? ` (${t("uploads:checklist.due", { date: formatDate(lng, missing.due) })})` : "";
            return `- ${t(`uploads:categories.${item.category}`)}, ${who}${due}`;
          }),
          t("uploads:checklist.warning"),
        ].join("\n")
      : "",
    `${t("receipt.nextTitle")}: ${t("receipt.next")}\n${bookingUrl}`,
    t("mail.signature", values),
  ];
  return { subject: t("mail.subject", values), body: parts.filter(Boolean).join("\n\n") };
}

async function missingAtSubmission(db: Executor, application: ApplicationRecord): Promise<MissingDocuments> {
  const attachments = await submittedAttachments(db, application.id);
  const items = handedOverChecklist(application, attachments, []).filter((e) => e.status === "missing");
  return { items, due: application.submittedAt ? checklistDueDate(application.submittedAt) : null, names: memberNames(application.data) };
}

async function enqueueReceiptMail(trx: Executor, to: string, application: ApplicationRecord): Promise<void> {
  const bookingUrl = `${publicUrl()}/termine/buchen?anliegen=antragsabgabe`;
  const lng = application.language;
  const missing = await missingAtSubmission(trx, application);
  const mail = bilingualMail(lng, (l) => receiptText(l, application, bookingUrl, missing));
  await enqueueMail(trx, { kind: "application.receipt", dedupKey: `application.receipt:${application.id}`, mail: { to, ...mail } });
}
