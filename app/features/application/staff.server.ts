import { getTraeger } from "~/config/traeger";
import { berlinDay, parseDateInput } from "~/domain/application/dates";
import { HOUSEHOLD_CATEGORIES, PERSON_CATEGORIES, PROCESSING_STATUSES, type DocumentCategory, type ProcessingStatus } from "~/domain/application/documents";
import { APPLICANT_ID, personIds } from "~/domain/application/model";
import { personName } from "~/domain/application/summary";
import {
  createDocumentRequests,
  documentRequests,
  documentReviews,
  handedOverChecklist,
  isAttachmentOf,
  processingActors,
  reviewAttachment,
  setProcessingStatus,
  statusHistory,
  submittedAttachments,
} from "./application-documents.server";
import { applicationById, toRecord, type ApplicationRecord } from "./records.server";
import { documentResponse, readDocumentForBackOffice } from "~/features/documents/index.server";
import { audit } from "~/platform/audit/audit.server";
import { getDb } from "~/platform/db/db.server";
import { actorDisplayNames, staffActor, type StaffInfo } from "~/features/staff/index.server";

// What the staff inbox shows: submitted applications of this Träger, newest first, read through
// the same records as the API and written to the same audit log (actor: the staff account).

export const INBOX_PAGE_SIZE = 50;

export interface InboxFilters {
  standort?: string;
  /** The processing status (the last one set, "eingegangen" when none was). */
  status?: ProcessingStatus;
  /** ISO date (YYYY-MM-DD): submitted on or after this day. */
  since?: string;
  cursor?: string;
}

export interface InboxRow {
  id: string;
  reference: string;
  applicant: string;
  antragsdatum: string;
  submittedAt: string;
  standortId: string | null;
  members: number;
  language: string;
  status: ProcessingStatus;
}

function encodeCursor(submittedAt: string, id: string): string {
  return Buffer.from(`${submittedAt}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return at && id && !Number.isNaN(Date.parse(at)) ? { at, id } : null;
}

export async function inboxPage(staff: StaffInfo, filters: InboxFilters): Promise<{ rows: InboxRow[]; nextCursor: string | null }> {
  const db = await getDb();
  let query = db.selectFrom("applications").selectAll().where("status", "=", "submitted").where("traeger_id", "=", getTraeger().id);
  if (filters.standort) query = query.where("standort_id", "=", filters.standort);
  if (filters.status === "eingegangen") {
    query = query.where(({ not, exists, selectFrom }) => not(exists(selectFrom("application_status_events as e").select("e.id").whereRef("e.application_id", "=", "applications.id"))));
  } else if (filters.status) {
    const status = filters.status;
    query = query.where((eb) =>
      eb(
        eb.selectFrom("application_status_events as e").select("e.status").whereRef("e.application_id", "=", "applications.id").orderBy("e.created_at", "desc").orderBy("e.id", "desc").limit(1),
        "=",
        status,
      ),
    );
  }
  if (filters.since) query = query.where("submitted_at", ">=", new Date(`${filters.since}T00:00:00Z`).toISOString());
  const after = decodeCursor(filters.cursor);
  if (after) query = query.where((eb) => eb.or([eb("submitted_at", "<", after.at), eb.and([eb("submitted_at", "=", after.at), eb("id", "<", after.id)])]));
  const rows = await query
    .orderBy("submitted_at", "desc")
    .orderBy("id", "desc")
    .limit(INBOX_PAGE_SIZE + 1)
    .execute();
  const page = rows.slice(0, INBOX_PAGE_SIZE).map(toRecord);
  const last = page[page.length - 1];
  const statuses = new Map<string, ProcessingStatus>();
  if (page.length) {
    const events = await db
      .selectFrom("application_status_events")
      .select(["application_id", "status"])
      .where(
        "application_id",
        "in",
        page.map((a) => a.id),
      )
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    for (const e of events) if ((PROCESSING_STATUSES as readonly string[]).includes(e.status)) statuses.set(e.application_id, e.status as ProcessingStatus);
  }
  await audit({ actor: staffActor(staff), operation: "application.list", recordType: "application", details: { count: page.length, ...(filters.standort ? { standort: filters.standort } : {}) } });
  return {
    rows: page.map((a) => ({
      id: a.id,
      reference: a.reference,
      applicant: personName(a.data, APPLICANT_ID),
      antragsdatum: a.antragsdatum,
      submittedAt: a.submittedAt ?? a.createdAt,
      standortId: a.standortId,
      members: personIds(a.data).length,
      language: a.language,
      status: statuses.get(a.id) ?? "eingegangen",
    })),
    nextCursor: rows.length > INBOX_PAGE_SIZE && last ? encodeCursor(last.submittedAt ?? last.createdAt, last.id) : null,
  };
}

/** One submitted application of this Träger for staff (audited), or null. */
export async function inboxApplication(staff: StaffInfo, id: string, operation: "application.read" | "application.pdf" = "application.read"): Promise<ApplicationRecord | null> {
  const db = await getDb();
  const application = await applicationById(db, id);
  if (!application || application.status !== "submitted" || application.traegerId !== getTraeger().id) return null;
  await audit({ actor: staffActor(staff), operation, recordType: "application", recordId: application.id, details: {} });
  return application;
}

/** What the application page shows beside the answers: status history, documents, requests, who did what. */
export async function applicationWork(application: ApplicationRecord) {
  const db = await getDb();
  const [history, attachments, requests, reviews, actors] = await Promise.all([
    statusHistory(db, application),
    submittedAttachments(db, application.id),
    documentRequests(db, application.id),
    documentReviews(db, application.id),
    processingActors(db, application.id),
  ]);
  const names = await actorDisplayNames([...actors.values(), ...[...reviews.values()].map((r) => r.actor)]);
  const by = (actor: string | undefined) => (actor ? (names.get(actor) ?? "unbekannt") : null);
  return {
    history: history.map((e) => ({ ...e, by: by(actors.get(e.id)) })),
    attachments,
    requests: requests.map((r) => ({ ...r, by: by(actors.get(r.id)) })),
    reviews: new Map([...reviews].map(([id, r]) => [id, { ...r, by: by(r.actor) }])),
    checklist: handedOverChecklist(application, attachments, requests, reviews),
  };
}

/** The choices of the request form: per person (and the household) the kinds of documents, as "<category>:<memberId|household>". */
export function requestChoices(application: ApplicationRecord): Array<{ memberId: string | null; name: string | null; categories: DocumentCategory[] }> {
  return [
    ...personIds(application.data).map((id) => ({ memberId: id as string | null, name: personName(application.data, id) as string | null, categories: [...PERSON_CATEGORIES] })),
    { memberId: null, name: null, categories: [...HOUSEHOLD_CATEGORIES] },
  ];
}

export function requestChoiceValue(category: string, memberId: string | null): string {
  return `${category}:${memberId ?? "household"}`;
}

export type StaffWriteResult = { ok: true } | { ok: false; errors: Record<string, string> };

export async function setStatusByStaff(staff: StaffInfo, application: ApplicationRecord, input: { status: string; message: string }): Promise<StaffWriteResult> {
  const status = input.status as ProcessingStatus;
  if (!(PROCESSING_STATUSES as readonly string[]).includes(status) || status === "eingegangen") return { ok: false, errors: { status: "backoffice:work.errors.status" } };
  const message = input.message.trim();
  if (message.length > 2000) return { ok: false, errors: { message: "backoffice:work.errors.messageTooLong" } };
  const event = await setProcessingStatus(application, { status, message: message || null }, `staff:${staff.id}`);
  await audit({ actor: staffActor(staff), operation: "application.status", recordType: "application", recordId: application.id, details: { status: event.status, withNote: Boolean(message) } });
  return { ok: true };
}

/** Asks for several documents (persons × kinds) in one step: one due date, one description, one mail. */
export async function requestDocumentsByStaff(staff: StaffInfo, application: ApplicationRecord, input: { documents: string[]; description: string; dueDate: string }): Promise<StaffWriteResult> {
  const errors: Record<string, string> = {};
  const allowed = new Map<string, { category: DocumentCategory; memberId: string | null }>();
  for (const choice of requestChoices(application)) for (const category of choice.categories) allowed.set(requestChoiceValue(category, choice.memberId), { category, memberId: choice.memberId });
  const items = [...new Set(input.documents)].map((v) => allowed.get(v));
  if (!items.length) errors.documents = "backoffice:work.errors.documents";
  else if (items.some((i) => !i)) errors.documents = "backoffice:work.errors.category";
  const description = input.description.trim();
  if (!description) errors.description = "backoffice:work.errors.description";
  else if (description.length > 2000) errors.description = "backoffice:work.errors.messageTooLong";
  const dueDate = parseDateInput(input.dueDate);
  if (!dueDate) errors.dueDate = "backoffice:work.errors.dueDate";
  else if (dueDate < berlinDay(new Date())) errors.dueDate = "backoffice:work.errors.duePast";
  if (Object.keys(errors).length || !dueDate) return { ok: false, errors };
  const created = await createDocumentRequests(application, { items: items.filter((i): i is NonNullable<typeof i> => Boolean(i)), description, dueDate }, `staff:${staff.id}`);
  await audit({
    actor: staffActor(staff),
    operation: "application.document-request",
    recordType: "application",
    recordId: application.id,
    details: { requestIds: created.map((r) => r.id), categories: created.map((r) => r.category), dueDate },
  });
  return { ok: true };
}

/** Accept a handed-over file or ask for it again (a reason is needed: the person reads it). */
export async function reviewAttachmentByStaff(staff: StaffInfo, application: ApplicationRecord, input: { attachmentId: string; decision: string; reason: string }): Promise<StaffWriteResult> {
  const field = `reason-${input.attachmentId}`;
  if (input.decision !== "accepted" && input.decision !== "rejected") return { ok: false, errors: { [field]: "backoffice:work.errors.decision" } };
  const reason = input.reason.trim();
  if (input.decision === "rejected" && !reason) return { ok: false, errors: { [field]: "backoffice:work.errors.reason" } };
  if (reason.length > 2000) return { ok: false, errors: { [field]: "backoffice:work.errors.messageTooLong" } };
  const result = await reviewAttachment(application, input.attachmentId, { decision: input.decision, reason: reason || null }, `staff:${staff.id}`);
  if (!result.ok) return { ok: false, errors: { [field]: "backoffice:work.errors.attachment" } };
  await audit({
    actor: staffActor(staff),
    operation: "application.attachment.review",
    recordType: "document",
    recordId: input.attachmentId,
    details: { applicationId: application.id, decision: result.review.decision, changed: result.changed },
  });
  return { ok: true };
}

/** A handed-over document of the application, decrypted, to view in the browser (audited). */
export async function attachmentForStaff(staff: StaffInfo, application: ApplicationRecord, attachmentId: string): Promise<Response | null> {
  const attachments = await submittedAttachments(await getDb(), application.id);
  if (!isAttachmentOf(attachments, attachmentId)) return null;
  const opened = await readDocumentForBackOffice(attachmentId, { actor: `staff:${staff.id}`, purpose: "application-attachment" });
  if (!opened) return null;
  await audit({ actor: staffActor(staff), operation: "application.attachment.read", recordType: "document", recordId: attachmentId, details: { applicationId: application.id } });
  // Shown inline (PDFs and photos open in the browser), sandboxed.
  return documentResponse(opened, { inline: true });
}
