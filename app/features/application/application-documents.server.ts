import crypto from "node:crypto";
import { getTraeger } from "~/config/traeger";
import {
  categoryOfItem,
  checklistState,
  documentChecklist,
  isDocumentCategory,
  PROCESSING_STATUSES,
  requestIdOfItem,
  requestItem,
  type ChecklistEntry,
  type DocumentCategory,
  type ProcessingStatus,
} from "~/domain/application/documents";
import { checklistDueDate, itemReviewState, type ReviewDecision } from "~/domain/application/review";
import { checklistItemState, isOpenState, type ChecklistItemState, type ChecklistItemView } from "~/domain/application/checklist-state";
import type { Language } from "~/domain/languages";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import { ownApplication, toRecord, type ApplicationRecord } from "./records.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import type { DocumentsTable } from "~/platform/db/schema.server";
import { advisoryXactLock, writeTransaction, type Executor } from "~/platform/db/write.server";
import { downloadFilename, listDocuments, openFilename, type AttachmentAuthorizer, type DocumentError, type DocumentInfo } from "~/features/documents/index.server";
import { fixedT } from "~/platform/http/i18n.server";
import { log } from "~/platform/log/log.server";
import { bilingualMail } from "~/platform/mail/mail.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import { enqueueEvent } from "~/platform/events/webhooks.server";
import type { ExportSection } from "~/platform/export/data-export.server";

// Documents of an online application (issues "Online Antrag" § 3–4 and "Back-office API"):
// the checklist with what is uploaded, the hand-over of documents to the Jobcenter (on
// submission, and afterwards with an `application.documents-added` event in the same
// transaction), the back office's processing status with messages, and its document requests.
//
// Documents live in documents.server.ts under the context { kind: "application", id, item },
// where item is a checklist item id ("identity.p1") or "request.<id>" for a document request.

export const APPLICATION_CONTEXT = "application";
const MESSAGE_PURPOSE = "application-message";

// Only the owner attaches, and only to an item of the checklist or an open request.
export const applicationAttachmentAuthorizer: AttachmentAuthorizer = async (userId, context) => {
  if (!context.item) return false;
  const application = await ownApplication(userId, context.id);
  if (!application) return false;
  const requestId = requestIdOfItem(context.item);
  if (requestId) {
    if (application.status !== "submitted") return false;
    const db = await getDb();
    const row = await db.selectFrom("application_document_requests").select("id").where("id", "=", requestId).where("application_id", "=", application.id).executeTakeFirst();
    return Boolean(row);
  }
  return documentChecklist(application.data, application.antragsdatum).some((i) => i.id === context.item);
};

export function applicationContext(applicationId: string, item?: string) {
  return item ? { kind: APPLICATION_CONTEXT, id: applicationId, item } : { kind: APPLICATION_CONTEXT, id: applicationId };
}

// ---------------------------------------------------------------------------------------------
// The applicant's view: checklist, documents, requests

export interface DocumentRequest {
  id: string;
  category: DocumentCategory;
  /** The person the document is asked of (null: the household, or older requests). */
  memberId: string | null;
  description: string;
  dueDate: string;
  status: "open" | "answered";
  createdAt: string;
  answeredAt: string | null;
}

export async function documentRequests(db: Executor, applicationId: string): Promise<DocumentRequest[]> {
  const rows = await db.selectFrom("application_document_requests").selectAll().where("application_id", "=", applicationId).orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    category: isDocumentCategory(r.category) ? r.category : "other",
    memberId: r.member_id ?? null,
    description: openText(MESSAGE_PURPOSE, r.description_sealed) ?? "",
    dueDate: r.due_date,
    status: r.status,
    createdAt: r.created_at,
    answeredAt: r.answered_at,
  }));
}

/** The back office's review of one handed-over document. */
export interface DocumentReview {
  documentId: string;
  decision: ReviewDecision;
  reason: string | null;
  actor: string;
  at: string;
}

export async function documentReviews(db: Executor, applicationId: string): Promise<Map<string, DocumentReview>> {
  const rows = await db.selectFrom("application_document_reviews").selectAll().where("application_id", "=", applicationId).execute();
  return new Map(
    rows.map((r) => [
      r.document_id,
      { documentId: r.document_id, decision: r.decision, reason: r.reason_sealed ? openText(MESSAGE_PURPOSE, r.reason_sealed) : null, actor: r.actor, at: r.created_at },
    ]),
  );
}

/** What the applicant sees per checklist item (and per request item "request.<id>"). */
export interface ItemProgress {
  state: ChecklistItemState;
  /** Why the back office asks again (its words). */
  reason: string | null;
  /** "YYYY-MM-DD"; null while the application is a draft. */
  dueDate: string | null;
}

function itemProgress(
  application: ApplicationRecord,
  checklist: readonly ChecklistEntry[],
  documents: readonly DocumentInfo[],
  reviews: ReadonlyMap<string, DocumentReview>,
  requests: readonly DocumentRequest[],
): Record<string, ItemProgress> {
  const dueDate = application.submittedAt ? checklistDueDate(application.submittedAt) : null;
  const reviewed = (item: string) => documents.filter((d) => d.context.item === item).map((d) => ({ createdAt: d.createdAt, review: reviews.get(d.id) ?? null }));
  const out: Record<string, ItemProgress> = {};
  // Checklist items: the one state model the back office sees too (checklist-state.ts).
  for (const entry of checklist) {
    const { state, reason, dueDate: due } = checklistItemState({ item: entry, documents: reviewed(entry.id), requests, submittedAt: application.submittedAt });
    out[entry.id] = { state, reason, dueDate: due };
  }
  // Request items: the review of the files handed in against the request.
  for (const request of requests) {
    const item = requestItem(request.id);
    const { state, reason } = itemReviewState(reviewed(item));
    out[item] = { state, reason, dueDate: request.dueDate ?? dueDate };
  }
  return out;
}

export interface ApplicationDocuments {
  /** State and due date per checklist item and per request item. */
  progress: Record<string, ItemProgress>;
  /** The back office's decision per document id (accepted, or asked again with a reason). */
  reviews: Record<string, { decision: ReviewDecision; reason: string | null }>;
  checklist: ChecklistEntry[];
  /** Items with files that are no longer on the checklist (no uploads to them any more). */
  leftovers: ChecklistEntry[];
  /** Every document of the application, newest first. */
  documents: DocumentInfo[];
  requests: DocumentRequest[];
}

export async function applicationDocuments(application: ApplicationRecord): Promise<ApplicationDocuments> {
  const documents = application.userId ? await listDocuments(applicationContext(application.id), application.userId) : [];
  const counts = new Map<string, number>();
  for (const d of documents) if (d.context.item) counts.set(d.context.item, (counts.get(d.context.item) ?? 0) + 1);
  const requests = await documentRequests(await getDb(), application.id);
  const requested = new Set(requests.filter((r) => r.status === "open").map((r) => r.category));
  const checklist = checklistState(documentChecklist(application.data, application.antragsdatum), counts, requested);
  // Files of items the answers no longer call for (e.g. rent papers after "no rent"): still
  // listed, so that they can be seen and removed.
  const listed = new Set(checklist.map((e) => e.id));
  const leftovers: ChecklistEntry[] = [...counts]
    .filter(([item]) => !listed.has(item) && !requestIdOfItem(item))
    .map(([item, documentCount]) => ({ id: item, category: categoryOfItem(item) ?? "other", memberId: item.split(".")[1] ?? null, required: false, status: "uploaded", documentCount }));
  const reviewMap = application.status === "submitted" ? await documentReviews(await getDb(), application.id) : new Map<string, DocumentReview>();
  const progress = itemProgress(application, checklist, documents, reviewMap, requests);
  const reviews = Object.fromEntries([...reviewMap].map(([id, r]) => [id, { decision: r.decision, reason: r.reason }]));
  return { progress, reviews, checklist, leftovers, documents, requests };
}

/** Display names per member id (for "for Omar Haddad" in the checklist). */
export function memberNames(data: ApplicationRecord["data"]): Record<string, string> {
  const names: Record<string, string> = {};
  if (data.personal) names.p1 = `${data.personal.firstName} ${data.personal.lastName}`;
  for (const m of data.household?.members ?? []) if (m.firstName) names[m.id] = `${m.firstName} ${m.lastName ?? ""}`.trim();
  return names;
}

// ---------------------------------------------------------------------------------------------
// Hand-over to the Jobcenter

/**
 * After submission, documents go to the Jobcenter as they come: every document of the
 * application not yet handed over is marked submitted, requests answered by them are marked
 * answered, and one `application.documents-added` event is recorded, all in one transaction.
 * Idempotent (a crash between upload and hand-over is caught up on the next call).
 */
export async function handOverNewDocuments(userId: string, applicationId: string): Promise<number> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    await advisoryXactLock(trx, `application:${applicationId}`);
    const app = await trx.selectFrom("applications").select(["id", "reference", "status"]).where("id", "=", applicationId).where("user_id", "=", userId).executeTakeFirst();
    if (!app || app.status !== "submitted") return 0;
    const rows = await trx
      .selectFrom("documents")
      .selectAll()
      .where("context_kind", "=", APPLICATION_CONTEXT)
      .where("context_id", "=", applicationId)
      .where("submitted_at", "is", null)
      .orderBy("created_at")
      .execute();
    if (!rows.length) return 0;
    const at = nowIso();
    await trx
      .updateTable("documents")
      .set({ submitted_at: at })
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    const requestIds = [...new Set(rows.map((r) => (r.context_item ? requestIdOfItem(r.context_item) : null)).filter((x): x is string => Boolean(x)))];
    if (requestIds.length) {
      await trx
        .updateTable("application_document_requests")
        .set({ status: "answered", answered_at: at })
        .where("application_id", "=", applicationId)
        .where("id", "in", requestIds)
        .where("status", "=", "open")
        .execute();
    }
    const categories = await categoriesOf(trx, applicationId, rows);
    await enqueueEvent(trx, {
      type: "application.documents-added",
      subjectKey: `application:${applicationId}`,
      data: {
        applicationId,
        reference: app.reference,
        // No file names (they may carry personal data): GET the application for them.
        attachments: rows.map((r) => ({ id: r.id, category: categories.get(r.id) ?? "other", mediaType: r.media_type, size: Number(r.size), sha512: r.sha512 })),
        documentRequestIds: requestIds,
      },
    });
    log().info({ kind: "application", event: "documents-added", applicationId, count: rows.length }, "documents handed over");
    return rows.length;
  });
}

async function categoriesOf(db: Executor, applicationId: string, rows: Pick<DocumentsTable, "id" | "context_item">[]): Promise<Map<string, DocumentCategory>> {
  const needRequests = rows.some((r) => r.context_item && requestIdOfItem(r.context_item));
  const requests = needRequests
    ? new Map((await db.selectFrom("application_document_requests").select(["id", "category"]).where("application_id", "=", applicationId).execute()).map((r) => [r.id, r.category]))
    : new Map<string, string>();
  const out = new Map<string, DocumentCategory>();
  for (const r of rows) {
    const item = r.context_item ?? "other";
    const requestId = requestIdOfItem(item);
    const category = requestId ? requests.get(requestId) : categoryOfItem(item);
    out.set(r.id, category && isDocumentCategory(category) ? category : "other");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Back office: attachments, status, requests

export interface BackOfficeAttachment {
  id: string;
  category: DocumentCategory;
  /** The checklist item ("identity.p1") or null for uploads against a request. */
  item: string | null;
  memberId: string | null;
  documentRequestId: string | null;
  filename: string;
  mediaType: string;
  size: number;
  sha512: string;
  /** When the person uploaded it (a refusal stands until something newer comes). */
  createdAt: string;
  submittedAt: string;
}

/** Documents handed to the Jobcenter (drafts' uploads stay with the person until submission). */
export async function submittedAttachments(db: Executor, applicationId: string): Promise<BackOfficeAttachment[]> {
  const rows = await db
    .selectFrom("documents")
    .selectAll()
    .where("context_kind", "=", APPLICATION_CONTEXT)
    .where("context_id", "=", applicationId)
    .where("submitted_at", "is not", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const categories = await categoriesOf(db, applicationId, rows);
  return rows.map((r) => {
    const requestId = r.context_item ? requestIdOfItem(r.context_item) : null;
    const memberId = !requestId && r.context_item?.includes(".") ? r.context_item.split(".")[1] : null;
    return {
      id: r.id,
      category: categories.get(r.id) ?? "other",
      item: requestId ? null : r.context_item,
      memberId,
      documentRequestId: requestId,
      // The name a download gets: the stored type's extension (a HEIC photo is now a .jpg).
      filename: downloadFilename({ filename: openFilename(r.filename_sealed), mediaType: r.media_type }),
      mediaType: r.media_type,
      size: Number(r.size),
      sha512: r.sha512,
      createdAt: r.created_at,
      submittedAt: r.submitted_at!,
    };
  });
}

/**
 * The checklist as handed over: `status` is the API's coarse status (present means handed to the
 * Jobcenter); `view` is the one state both the back office and the person see (checklist-state.ts).
 */
export function handedOverChecklist(
  a: ApplicationRecord,
  attachments: readonly BackOfficeAttachment[],
  requests: readonly DocumentRequest[],
  reviews: ReadonlyMap<string, Pick<DocumentReview, "decision" | "reason" | "at">> = new Map(),
): Array<ChecklistEntry & { attachmentIds: string[]; view: ChecklistItemView }> {
  const byItem = new Map<string, BackOfficeAttachment[]>();
  for (const att of attachments) if (att.item) byItem.set(att.item, [...(byItem.get(att.item) ?? []), att]);
  const counts = new Map([...byItem].map(([k, v]) => [k, v.length]));
  const requested = new Set(requests.filter((r) => r.status === "open").map((r) => r.category));
  return checklistState(documentChecklist(a.data, a.antragsdatum), counts, requested).map((e) => {
    const files = byItem.get(e.id) ?? [];
    const view = checklistItemState({
      item: e,
      documents: files.map((f) => {
        const review = reviews.get(f.id);
        return { createdAt: f.createdAt, review: review ? { decision: review.decision, reason: review.reason, at: review.at } : null };
      }),
      requests,
      submittedAt: a.submittedAt,
    });
    return { ...e, attachmentIds: files.map((f) => f.id), view };
  });
}

export function isAttachmentOf(attachments: readonly BackOfficeAttachment[], id: string): boolean {
  return attachments.some((a) => a.id === id);
}

export interface StatusEvent {
  id: string;
  status: ProcessingStatus;
  message: string | null;
  at: string;
}

/** The history the person sees: "received" at submission, then what the back office set. */
export async function statusHistory(db: Executor, application: ApplicationRecord): Promise<StatusEvent[]> {
  const rows = await db.selectFrom("application_status_events").selectAll().where("application_id", "=", application.id).orderBy("created_at").orderBy("id").execute();
  const events: StatusEvent[] = application.submittedAt ? [{ id: "received", status: "eingegangen", message: null, at: application.submittedAt }] : [];
  for (const r of rows) {
    events.push({
      id: r.id,
      status: (PROCESSING_STATUSES as readonly string[]).includes(r.status) ? (r.status as ProcessingStatus) : "in-bearbeitung",
      message: r.message_sealed ? openText(MESSAGE_PURPOSE, r.message_sealed) : null,
      at: r.created_at,
    });
  }
  return events;
}

/** Who set each status and made each request (ids → "staff:<id>" / "api-key:<name>"), for the back office only. */
export async function processingActors(db: Executor, applicationId: string): Promise<Map<string, string>> {
  const [events, requests] = await Promise.all([
    db.selectFrom("application_status_events").select(["id", "actor"]).where("application_id", "=", applicationId).execute(),
    db.selectFrom("application_document_requests").select(["id", "actor"]).where("application_id", "=", applicationId).execute(),
  ]);
  return new Map([...events, ...requests].map((r) => [r.id, r.actor]));
}

export async function currentProcessingStatus(db: Executor, application: ApplicationRecord): Promise<{ status: ProcessingStatus; since: string } | null> {
  const history = await statusHistory(db, application);
  const last = history.at(-1);
  return last ? { status: last.status, since: last.at } : null;
}

export async function setProcessingStatus(application: ApplicationRecord, input: { status: ProcessingStatus; message: string | null }, actor: string): Promise<StatusEvent> {
  const db = await getDb();
  const event = await writeTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const at = nowIso();
    await trx
      .insertInto("application_status_events")
      .values({ id, application_id: application.id, status: input.status, message_sealed: input.message ? sealText(MESSAGE_PURPOSE, input.message) : null, actor, created_at: at })
      .execute();
    // A notice and the link only: neither the status nor the message (decision 039).
    await notify(trx, application, { kind: "application.status", change: id }, (t) => {
      const values = { reference: application.reference, jobcenter: getTraeger().jobcenterName };
      return { subject: t("uploads:mail.statusSubject", values), body: t("uploads:mail.statusBody", values) };
    });
    return { id, status: input.status, message: input.message, at };
  });
  return event;
}

export async function createDocumentRequest(
  application: ApplicationRecord,
  input: { category: DocumentCategory; memberId?: string | null; description: string; dueDate: string },
  actor: string,
): Promise<DocumentRequest> {
  const [created] = await createDocumentRequests(
    application,
    { items: [{ category: input.category, memberId: input.memberId ?? null }], description: input.description, dueDate: input.dueDate },
    actor,
  );
  return created;
}

/**
 * Asks for several documents (kinds × persons) in one step: one request row each, with the same
 * description and due date, and one mail to the person — a notice and the link, no document names
 * and no description (decision 039).
 */
export async function createDocumentRequests(
  application: ApplicationRecord,
  input: { items: ReadonlyArray<{ category: DocumentCategory; memberId: string | null }>; description: string; dueDate: string },
  actor: string,
): Promise<DocumentRequest[]> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const at = nowIso();
    const created: DocumentRequest[] = [];
    for (const item of input.items) {
      const id = crypto.randomUUID();
      await trx
        .insertInto("application_document_requests")
        .values({
          id,
          application_id: application.id,
          category: item.category,
          member_id: item.memberId,
          description_sealed: sealText(MESSAGE_PURPOSE, input.description),
          due_date: input.dueDate,
          status: "open",
          actor,
          created_at: at,
          answered_at: null,
        })
        .execute();
      created.push({ id, category: item.category, memberId: item.memberId, description: input.description, dueDate: input.dueDate, status: "open" as const, createdAt: at, answeredAt: null });
    }
    if (created.length) {
      await notify(trx, application, { kind: "application.document-request", change: created[0].id }, (t) => {
        const values = { reference: application.reference, jobcenter: getTraeger().jobcenterName };
        return { subject: t("uploads:mail.requestSubject", values), body: t("uploads:mail.requestBody", values) };
      });
    }
    return created;
  });
}

/** Storage item for uploads against a request. */
export { requestItem };

export type ReviewResult = { ok: true; review: DocumentReview; changed: boolean } | { ok: false; reason: "not-found" };

/**
 * The back office accepts a handed-over document or asks for it again (with a reason the person
 * reads). One current decision per document; the same decision again changes nothing (no second
 * mail), a different one replaces it. A refusal is mailed to the person (their language and German).
 */
export async function reviewAttachment(application: ApplicationRecord, attachmentId: string, input: { decision: ReviewDecision; reason: string | null }, actor: string): Promise<ReviewResult> {
  const db = await getDb();
  const reason = input.decision === "rejected" ? input.reason?.trim() || null : null;
  const result = await writeTransaction(db, async (trx): Promise<ReviewResult & { category?: DocumentCategory }> => {
    await advisoryXactLock(trx, `application:${application.id}`);
    const row = await trx
      .selectFrom("documents")
      .select(["id", "context_item"])
      .where("id", "=", attachmentId)
      .where("context_kind", "=", APPLICATION_CONTEXT)
      .where("context_id", "=", application.id)
      .where("submitted_at", "is not", null)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "not-found" };
    const existing = (await documentReviews(trx, application.id)).get(attachmentId);
    if (existing && existing.decision === input.decision && existing.reason === reason) return { ok: true, review: existing, changed: false };
    const at = nowIso();
    const values = { decision: input.decision, reason_sealed: reason ? sealText(MESSAGE_PURPOSE, reason) : null, actor, created_at: at };
    await trx
      .insertInto("application_document_reviews")
      .values({ document_id: attachmentId, application_id: application.id, ...values })
      .onConflict((oc) => oc.column("document_id").doUpdateSet(values))
      .execute();
    const category = (await categoriesOf(trx, application.id, [row])).get(row.id) ?? "other";
    if (input.decision === "rejected") {
      // The refusal mail is enqueued with the decision (mail outbox); `at` names this decision.
      // A notice and the link only: no document name, no reason (decision 039).
      await notify(trx, application, { kind: "application.document-review", change: `${attachmentId}:${at}` }, (t) => {
        const values = { reference: application.reference, jobcenter: getTraeger().jobcenterName };
        return { subject: t("uploads:mail.reviewSubject", values), body: t("uploads:mail.reviewBody", values) };
      });
    }
    return { ok: true, review: { documentId: attachmentId, decision: input.decision, reason, actor, at }, changed: true, category };
  });
  if (!result.ok) return result;
  return { ok: true, review: result.review, changed: result.changed };
}

// ---------------------------------------------------------------------------------------------
// Mail notice in the person's language (and German, to show at the counter)

function statusUrl(applicationId: string): string {
  return `${publicUrl()}/antrag/${applicationId}/status`;
}

type Compose = (t: (key: string, params?: Record<string, string>) => string, lng: Language) => { subject: string; body: string };

/** Enqueues the notice (mail outbox) in the transaction of the change; `change` names the change. */
async function notify(trx: Executor, application: ApplicationRecord, what: { kind: string; change: string }, compose: Compose): Promise<void> {
  if (!application.userId) return;
  const user = await trx.selectFrom("users").select(["email"]).where("id", "=", application.userId).executeTakeFirst();
  if (!user) return;
  const render = (lng: Language) => {
    const t = fixedT(lng, ["uploads", "common"]) as unknown as (key: string, params?: Record<string, string>) => string;
    const mail = compose(t, lng);
    return { subject: mail.subject, body: `${mail.body}\n\n${t("uploads:mail.link")}\n${statusUrl(application.id)}\n\n${t("uploads:mail.signature", { jobcenter: getTraeger().jobcenterName })}` };
  };
  await enqueueMail(trx, { kind: what.kind, dedupKey: `${what.kind}:${what.change}`, mail: { to: user.email, ...bilingualMail(application.language, render) } });
}

// ---------------------------------------------------------------------------------------------
// Page actions (Unterlagen page and status page): upload, remove, combine

export interface UploadFeedback {
  item: string | null;
  uploaded: string[];
  errors: Array<{ item: string | null; error: DocumentError }>;
  notice?: { key: string; params: Record<string, string> };
}

// "Download all my data": what the Jobcenter set on the person's applications and asked for.
export const applicationProcessingExport: ExportSection = async (userId) => {
  const db = await getDb();
  const apps = await db.selectFrom("applications").select(["id", "reference"]).where("user_id", "=", userId).orderBy("created_at").execute();
  const out = [];
  for (const app of apps) {
    const events = await db.selectFrom("application_status_events").selectAll().where("application_id", "=", app.id).orderBy("created_at").execute();
    out.push({
      applicationId: app.id,
      reference: app.reference,
      statusHistory: events.map((e) => ({ status: e.status, message: e.message_sealed ? openText(MESSAGE_PURPOSE, e.message_sealed) : null, at: e.created_at })),
      documentRequests: (await documentRequests(db, app.id)).map(({ id: _id, ...r }) => r),
    });
  }
  return out;
};

/**
 * "What to bring" for an appointment linked to an application: the documents of its checklist
 * and open requests not yet handed over, in the person's language (null = not this person's).
 */
export async function applicationChecklistForAppointment(input: { applicationId: string; userId: string; lng: Language; db?: Executor }): Promise<string[] | null> {
  const db = input.db ?? (await getDb());
  if (!/^[0-9a-f-]{36}$/.test(input.applicationId)) return null;
  const row = await db.selectFrom("applications").selectAll().where("id", "=", input.applicationId).where("user_id", "=", input.userId).executeTakeFirst();
  const application = row ? toRecord(row) : null;
  if (!application) return null;
  const entries = handedOverChecklist(application, await submittedAttachments(db, application.id), await documentRequests(db, application.id), await documentReviews(db, application.id));
  const t = fixedT(input.lng, ["uploads", "common"]);
  const names = memberNames(application.data);
  return entries
    .filter((e) => e.required && isOpenState(e.view.state))
    .map((e) => `${t(`uploads:categories.${e.category}`)}, ${e.memberId ? t("uploads:checklist.forMember", { name: names[e.memberId] ?? e.memberId }) : t("uploads:checklist.forHousehold")}`);
}
