import { getTraeger } from "~/config/traeger";
import { customerStandorte } from "~/domain/traeger/lookup";
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
import { termHash } from "./search.server";
import { parseInboxQuery } from "~/domain/application/search";
import { documentResponse, readDocumentForBackOffice } from "~/features/documents/index.server";
import { audit } from "~/platform/audit/audit.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import { writeTransaction } from "~/platform/db/write.server";
import { actorDisplayNames, colleaguesWith, staffActor, type StaffInfo } from "~/features/staff/index.server";

// What the staff inbox shows: submitted applications of this Träger, newest first, read through
// the same records as the API and written to the same audit log (actor: the staff account).

export const INBOX_PAGE_SIZE = 50;

/** Columns the inbox sorts by: clear metadata only (names are sealed, decision 038). */
export const INBOX_SORTS = ["eingang", "antragsdatum", "aktenzeichen", "standort"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export type SortDirection = "asc" | "desc";

const SORT_COLUMN = { eingang: "submitted_at", antragsdatum: "antragsdatum", aktenzeichen: "reference", standort: "standort_id" } as const;

export interface InboxFilters {
  /** Name words, an Aktenzeichen, a birth date or a Kundennummer / BG-Nummer (parseInboxQuery). */
  q?: string;
  standort?: string;
  /** The processing status (the last one set, "eingegangen" when none was). */
  status?: ProcessingStatus;
  /** ISO date (YYYY-MM-DD): submitted on or after this day. */
  since?: string;
  /** Only applications assigned to this staff account. */
  assignedTo?: string;
  sort?: InboxSort;
  direction?: SortDirection;
  /** 1-based page number. */
  page?: number;
}

export interface InboxRow {
  id: string;
  reference: string;
  applicant: string;
  birthDate: string | null;
  antragsdatum: string;
  submittedAt: string;
  standortId: string | null;
  members: number;
  language: string;
  status: ProcessingStatus;
  assignee: { id: string; name: string } | null;
}

export interface InboxPage {
  rows: InboxRow[];
  page: number;
  pages: number;
  total: number;
}

/** The filtered, ordered inbox as a query (shared by the page and the next/previous links). */
async function inboxQuery(filters: InboxFilters) {
  const db = await getDb();
  let query = db.selectFrom("applications").where("applications.status", "=", "submitted").where("applications.traeger_id", "=", getTraeger().id);
  if (filters.standort) query = query.where("applications.standort_id", "=", filters.standort);
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
  if (filters.since) query = query.where("applications.submitted_at", ">=", new Date(`${filters.since}T00:00:00Z`).toISOString());
  if (filters.assignedTo) {
    const staffId = filters.assignedTo;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom("application_assignments as x").select("x.application_id").whereRef("x.application_id", "=", "applications.id").where("x.staff_id", "=", staffId)),
    );
  }
  const q = parseInboxQuery(filters.q ?? "");
  if (q.kind === "reference") query = query.where("applications.reference", "=", q.reference);
  else if (q.kind === "identifier") {
    const wanted = [...new Set([q.identifier, q.identifier.toUpperCase()])];
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("cases as c")
          .select("c.id")
          .whereRef("c.application_id", "=", "applications.id")
          .where((eb) => eb.or([eb("c.kundennummer", "in", wanted), eb("c.bg_nummer", "in", wanted)])),
      ),
    );
  } else if (q.kind === "birth" || q.kind === "name") {
    // Every term must be one of the application's (keyed hashes only, decision 038).
    for (const term of q.kind === "birth" ? [q.term] : q.terms) {
      const hash = termHash(term);
      query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom("application_search_terms as t").select("t.application_id").whereRef("t.application_id", "=", "applications.id").where("t.term_hash", "=", hash)),
      );
    }
  }
  const column = SORT_COLUMN[filters.sort ?? "eingang"];
  const direction = filters.direction ?? (filters.sort && filters.sort !== "eingang" ? "asc" : "desc");
  return { db, query, order: { column: `applications.${column}` as const, direction } };
}

export async function inboxPage(staff: StaffInfo, filters: InboxFilters): Promise<InboxPage> {
  const { db, query, order } = await inboxQuery(filters);
  const { count } = await query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  const total = Number(count);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filters.page ?? 1)), pages);
  const rows = await query
    .selectAll("applications")
    .orderBy(order.column, order.direction)
    .orderBy("applications.id", order.direction)
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .execute();
  const records = rows.map(toRecord);
  const statuses = new Map<string, ProcessingStatus>();
  const assignees = new Map<string, { id: string; name: string }>();
  if (records.length) {
    const ids = records.map((a) => a.id);
    const events = await db.selectFrom("application_status_events").select(["application_id", "status"]).where("application_id", "in", ids).orderBy("created_at").orderBy("id").execute();
    for (const e of events) if ((PROCESSING_STATUSES as readonly string[]).includes(e.status)) statuses.set(e.application_id, e.status as ProcessingStatus);
    const assigned = await db
      .selectFrom("application_assignments as x")
      .innerJoin("staff_users as s", "s.id", "x.staff_id")
      .select(["x.application_id", "s.id", "s.name"])
      .where("x.application_id", "in", ids)
      .execute();
    for (const a of assigned) assignees.set(a.application_id, { id: a.id, name: a.name });
  }
  const q = parseInboxQuery(filters.q ?? "");
  await audit({
    actor: staffActor(staff),
    operation: "application.list",
    recordType: "application",
    // What kind of search, never the text searched for (it can be a name).
    details: {
      count: records.length,
      page,
      ...(filters.standort ? { standort: filters.standort } : {}),
      ...(q.kind !== "empty" ? { search: q.kind } : {}),
      ...(filters.assignedTo ? { mine: true } : {}),
    },
  });
  return {
    rows: records.map((a) => ({
      id: a.id,
      reference: a.reference,
      applicant: personName(a.data, APPLICANT_ID),
      birthDate: a.data.personal?.birthDate ?? null,
      antragsdatum: a.antragsdatum,
      submittedAt: a.submittedAt ?? a.createdAt,
      standortId: a.standortId,
      members: personIds(a.data).length,
      language: a.language,
      status: statuses.get(a.id) ?? "eingegangen",
      assignee: assignees.get(a.id) ?? null,
    })),
    page,
    pages,
    total,
  };
}

/** The application before and after this one in the list's order (ids only; nothing opened). */
export async function inboxNeighbours(filters: InboxFilters, id: string): Promise<{ previous: string | null; next: string | null; position: number | null; total: number }> {
  const { query, order } = await inboxQuery(filters);
  const ids = (await query.select("applications.id").orderBy(order.column, order.direction).orderBy("applications.id", order.direction).limit(5000).execute()).map((r) => r.id);
  const at = ids.indexOf(id);
  if (at < 0) return { previous: null, next: null, position: null, total: ids.length };
  return { previous: ids[at - 1] ?? null, next: ids[at + 1] ?? null, position: at + 1, total: ids.length };
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

// ---------------------------------------------------------------------------------------------
// Ownership: who works on an application

/** Who works on the application now, or null. */
export async function assignmentOf(applicationId: string): Promise<{ staffId: string; name: string; at: string } | null> {
  const db = await getDb();
  const row = await db
    .selectFrom("application_assignments as x")
    .innerJoin("staff_users as s", "s.id", "x.staff_id")
    .select(["s.id", "s.name", "x.assigned_at"])
    .where("x.application_id", "=", applicationId)
    .executeTakeFirst();
  return row ? { staffId: row.id, name: row.name, at: row.assigned_at } : null;
}

/**
 * Assigns the application to a staff member who may work on applications (herself or a
 * colleague), or releases it (`to` empty). Audited with both account ids.
 */
export async function assignByStaff(staff: StaffInfo, application: ApplicationRecord, input: { to: string }): Promise<StaffWriteResult> {
  const db = await getDb();
  const to = input.to.trim();
  if (to) {
    const colleagues = await colleaguesWith("applications:write");
    if (!colleagues.some((c) => c.id === to)) return { ok: false, errors: { assignee: "backoffice:work.errors.assignee" } };
  }
  const before = await assignmentOf(application.id);
  if ((before?.staffId ?? "") === to) return { ok: true };
  await writeTransaction(db, async (trx) => {
    await trx.deleteFrom("application_assignments").where("application_id", "=", application.id).execute();
    if (to)
      await trx
        .insertInto("application_assignments")
        .values({ application_id: application.id, staff_id: to, assigned_by: `staff:${staff.id}`, assigned_at: nowIso() })
        .execute();
    await audit(
      {
        actor: staffActor(staff),
        operation: to ? "application.assign" : "application.unassign",
        recordType: "application",
        recordId: application.id,
        details: { to: to || null, from: before?.staffId ?? null, self: to === staff.id },
      },
      trx,
    );
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Deadlines: what waits for an answer

export interface DeadlineRow {
  kind: "request" | "invitation";
  id: string;
  applicationId: string;
  reference: string;
  applicant: string;
  /** The request's category, or the appointment's type. */
  what: string;
  /** "YYYY-MM-DD" due date of a request; the appointment's start (ISO) of an invitation. */
  due: string;
  overdue: boolean;
  assignee: { id: string; name: string } | null;
}

/**
 * Open document requests due within `days` days or overdue, and invitations the person has not
 * answered, of submitted applications (only the assigned ones with `assignedTo`), soonest first.
 */
export async function deadlines(staff: StaffInfo, filters: { assignedTo?: string; days?: number }): Promise<DeadlineRow[]> {
  const db = await getDb();
  const today = berlinDay(new Date());
  const horizon = berlinDay(new Date(Date.now() + (filters.days ?? 7) * 86_400_000));
  let requests = db
    .selectFrom("application_document_requests as r")
    .innerJoin("applications as a", "a.id", "r.application_id")
    .leftJoin("application_assignments as x", "x.application_id", "a.id")
    .select(["r.id", "r.category", "r.due_date", "a.id as applicationId"])
    .where("r.status", "=", "open")
    .where("r.due_date", "<=", horizon)
    .where("a.status", "=", "submitted")
    .where("a.traeger_id", "=", getTraeger().id);
  let invitations = db
    .selectFrom("appointments as p")
    .innerJoin("applications as a", "a.id", "p.application_id")
    .leftJoin("application_assignments as x", "x.application_id", "a.id")
    .select(["p.id", "p.type", "p.starts_at", "a.id as applicationId"])
    .where("p.origin", "=", "invitation")
    .where("p.status", "=", "proposed")
    .where("a.status", "=", "submitted")
    .where("a.traeger_id", "=", getTraeger().id);
  if (filters.assignedTo) {
    requests = requests.where("x.staff_id", "=", filters.assignedTo);
    invitations = invitations.where("x.staff_id", "=", filters.assignedTo);
  }
  const [requestRows, invitationRows] = await Promise.all([requests.orderBy("r.due_date").limit(500).execute(), invitations.orderBy("p.starts_at").limit(500).execute()]);
  const applicationIds = [...new Set([...requestRows, ...invitationRows].map((r) => r.applicationId))];
  const applications = new Map<string, ApplicationRecord>();
  const assignees = new Map<string, { id: string; name: string }>();
  if (applicationIds.length) {
    for (const row of await db.selectFrom("applications").selectAll().where("id", "in", applicationIds).execute()) applications.set(row.id, toRecord(row));
    const assigned = await db
      .selectFrom("application_assignments as x")
      .innerJoin("staff_users as s", "s.id", "x.staff_id")
      .select(["x.application_id", "s.id", "s.name"])
      .where("x.application_id", "in", applicationIds)
      .execute();
    for (const a of assigned) assignees.set(a.application_id, { id: a.id, name: a.name });
  }
  const of = (applicationId: string) => {
    const a = applications.get(applicationId)!;
    return { applicationId, reference: a.reference, applicant: personName(a.data, APPLICANT_ID), assignee: assignees.get(applicationId) ?? null };
  };
  const rows: DeadlineRow[] = [
    ...requestRows.map((r) => ({ kind: "request" as const, id: r.id, what: r.category, due: r.due_date, overdue: r.due_date < today, ...of(r.applicationId) })),
    ...invitationRows.map((r) => ({ kind: "invitation" as const, id: r.id, what: r.type, due: r.starts_at, overdue: r.starts_at < new Date().toISOString(), ...of(r.applicationId) })),
  ].sort((x, y) => (x.due.slice(0, 10) === y.due.slice(0, 10) ? x.due.localeCompare(y.due) : x.due.slice(0, 10).localeCompare(y.due.slice(0, 10))));
  await audit({ actor: staffActor(staff), operation: "application.deadlines", recordType: "application", details: { count: rows.length, ...(filters.assignedTo ? { mine: true } : {}) } });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The inbox's address: filters, sorting and page as query parameters (so every view is a link)

export const INBOX_PARAMS = ["q", "standort", "stand", "seit", "mein", "sortierung", "richtung", "seite"] as const;

export interface InboxParams {
  filters: InboxFilters;
  /** What the form shows (as typed). */
  values: { q: string; standort: string; stand: string; seit: string; mein: boolean; sortierung: InboxSort; richtung: SortDirection };
  errors: Record<string, string>;
  /** The list's own parameters (without the page), to carry into an application and back. */
  list: URLSearchParams;
}

export function inboxParams(staff: StaffInfo, params: URLSearchParams): InboxParams {
  const standorte = customerStandorte(getTraeger()).map((s) => s.id);
  const standortParam = params.get("standort") ?? "";
  const standort = standorte.includes(standortParam) ? standortParam : "";
  const statusParam = params.get("stand") ?? "";
  const status = (PROCESSING_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ProcessingStatus) : "";
  const sinceText = (params.get("seit") ?? "").trim().slice(0, 20);
  const since = sinceText ? parseDateInput(sinceText) : null;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const mine = params.get("mein") === "1";
  const sortParam = params.get("sortierung") ?? "";
  const sort: InboxSort = (INBOX_SORTS as readonly string[]).includes(sortParam) ? (sortParam as InboxSort) : "eingang";
  const directionParam = params.get("richtung");
  const direction: SortDirection = directionParam === "auf" ? "asc" : directionParam === "ab" ? "desc" : sort === "eingang" ? "desc" : "asc";
  const page = Number.parseInt(params.get("seite") ?? "1", 10);
  const errors: Record<string, string> = sinceText && !since ? { seit: "backoffice:inbox.filters.sinceInvalid" } : {};
  const list = new URLSearchParams();
  if (q) list.set("q", q);
  if (standort) list.set("standort", standort);
  if (status) list.set("stand", status);
  if (since) list.set("seit", sinceText);
  if (mine) list.set("mein", "1");
  if (sort !== "eingang") list.set("sortierung", sort);
  if (directionParam === "auf" || directionParam === "ab") list.set("richtung", directionParam);
  return {
    filters: {
      q: q || undefined,
      standort: standort || undefined,
      status: status || undefined,
      since: since ?? undefined,
      assignedTo: mine ? staff.id : undefined,
      sort,
      direction,
      page: Number.isFinite(page) && page > 0 ? page : 1,
    },
    values: { q, standort, stand: status, seit: sinceText, mein: mine, sortierung: sort, richtung: direction },
    errors,
    list,
  };
}
