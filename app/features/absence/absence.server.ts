import crypto from "node:crypto";
import { getTraeger } from "~/config/traeger";
import { absenceDays, absenceNotes, type AbsenceInput, type AbsenceNotes, type AbsenceReason, type Destination } from "~/domain/absence/absence";
import { berlinDay } from "~/domain/application/dates";
import { isLanguage, type Language } from "~/domain/languages";
import { caseOfUser } from "~/features/cases/index.server";
import { applyKeyset, toPage, type Page, type PageRequest } from "~/platform/api/api.server";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import { hmac } from "~/platform/crypto/keys.server";
import type { AbsenceRequestsTable } from "~/platform/db/schema.server";
import { getDb } from "~/platform/db/db.server";
import { writeTransaction, type Executor } from "~/platform/db/write.server";
import { fixedT } from "~/platform/http/i18n.server";
import { bilingualMail } from "~/platform/mail/mail.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import type { ExportSection } from "~/platform/export/data-export.server";

// Requests to be away (Ortsabwesenheit, issue 14 §3; rules in domain/absence/absence.ts). A
// person whose account is linked to her case asks in advance; the back office decides through
// the API (approved / refused with a message); she sees the decision on /abwesenheit and gets a
// mail that says there is a decision (no dates, no message). Where she goes and how she is
// reached are sealed at rest.

const DETAILS = "absence-details";
const MESSAGE = "absence-decision-message";

export type AbsenceStatus = AbsenceRequestsTable["status"];

export interface AbsenceView {
  id: string;
  reference: string;
  caseId: string;
  from: string;
  to: string;
  reason: AbsenceReason;
  destination: Destination;
  reachable: string;
  status: AbsenceStatus;
  decisionMessage: string | null;
  decidedAt: string | null;
  createdAt: string;
}

function newReference(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read aloud on the phone
  let code = "";
  for (const byte of crypto.randomBytes(8)) code += alphabet[byte % alphabet.length];
  return `W-${code.slice(0, 4)}-${code.slice(4)}`;
}

function view(row: AbsenceRequestsTable): AbsenceView {
  const details = JSON.parse(openText(DETAILS, row.details_sealed) ?? "{}") as { destination?: Destination; reachable?: string };
  return {
    id: row.id,
    reference: row.reference,
    caseId: row.case_id,
    from: row.from_date,
    to: row.to_date,
    reason: row.reason as AbsenceReason,
    destination: details.destination ?? "germany",
    reachable: details.reachable ?? "",
    status: row.status,
    decisionMessage: row.decision_message_sealed ? openText(MESSAGE, row.decision_message_sealed) : null,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

/** The person's requests, newest first; null when her account is not linked to a case. */
export async function ownAbsences(userId: string): Promise<AbsenceView[] | null> {
  const caseRow = await caseOfUser(userId);
  if (!caseRow) return null;
  const db = await getDb();
  const rows = await db.selectFrom("absence_requests").selectAll().where("case_id", "=", caseRow.id).orderBy("from_date", "desc").orderBy("created_at", "desc").limit(200).execute();
  return rows.map(view);
}

/** What the person should know before sending this request (late notice, over three weeks). */
export async function notesFor(userId: string, input: AbsenceInput, now = new Date()): Promise<AbsenceNotes> {
  const others = ((await ownAbsences(userId)) ?? []).filter((a) => a.status !== "refused");
  return absenceNotes(input, berlinDay(now), getTraeger().limits.absenceNoticeDays, others);
}

export function noticeDays(): number {
  return getTraeger().limits.absenceNoticeDays;
}

export type SubmitResult = { ok: true; id: string; reference: string; created: boolean } | { ok: false; problem: "no-case" };

/**
 * Records the request. Idempotent per form token: the same post again (double click, retry)
 * finds the same request.
 */
export async function submitAbsence(userId: string, input: AbsenceInput, submissionToken: string): Promise<SubmitResult> {
  const caseRow = await caseOfUser(userId);
  if (!caseRow) return { ok: false, problem: "no-case" };
  const key = hmac([userId, submissionToken].join("\n"), "absence-submission");
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const reference = newReference();
    // Two posts of one form at once (a double click): the unique key lets one insert win; the
    // other waits for it and finds the same request.
    const inserted = await trx
      .insertInto("absence_requests")
      .values({
        id,
        reference,
        case_id: caseRow.id,
        user_id: userId,
        submission_key: key,
        from_date: input.from,
        to_date: input.to,
        reason: input.reason,
        details_sealed: sealText(DETAILS, JSON.stringify({ destination: input.destination, reachable: input.reachable })),
        status: "pending",
        decision_message_sealed: null,
        decided_at: null,
        decided_by: null,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column("submission_key").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
      const existing = await trx.selectFrom("absence_requests").select(["id", "reference"]).where("submission_key", "=", key).executeTakeFirstOrThrow();
      return { ok: true, id: existing.id, reference: existing.reference, created: false } as const;
    }
    return { ok: true, id, reference, created: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Back office

/** The back office's list, oldest first, paged by (created_at, id) like every API list. */
export async function listAbsences(filter: { status?: AbsenceStatus; caseId?: string }, page: PageRequest): Promise<Page<AbsenceView>> {
  const db = await getDb();
  let q = db.selectFrom("absence_requests").selectAll();
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.caseId) q = q.where("case_id", "=", filter.caseId);
  const rows = await applyKeyset(q, page).execute();
  const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function absenceById(id: string): Promise<AbsenceView | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("absence_requests").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? view(row) : null;
}

export type DecideResult = { ok: true; view: AbsenceView; changed: boolean } | { ok: false; problem: "not-found" | "decided" };

function decisionMail(lng: Language): { subject: string; body: string } {
  const t = fixedT(lng, ["absence"]);
  return { subject: t("mail.subject"), body: [t("mail.greeting"), "", t("mail.body"), "", `${publicUrl()}/abwesenheit`, "", t("mail.footer")].join("\n") };
}

/**
 * The Jobcenter's decision. Once decided, the same decision again changes nothing; another one
 * is refused (the Jobcenter then writes to the person). The mail goes out in the same
 * transaction (mail outbox) and says only that there is a decision.
 */
export async function decideAbsence(
  id: string,
  decision: "approved" | "refused",
  message: string | null,
  decidedBy: string,
  inTransaction: (trx: Executor, changed: boolean) => Promise<void>,
): Promise<DecideResult> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const row = await trx.selectFrom("absence_requests").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return { ok: false, problem: "not-found" } as const;
    if (row.status !== "pending") {
      const same = row.status === decision && (row.decision_message_sealed ? openText(MESSAGE, row.decision_message_sealed) : null) === message;
      if (!same) return { ok: false, problem: "decided" } as const;
      await inTransaction(trx, false);
      return { ok: true, view: view(row), changed: false } as const;
    }
    const decidedAt = new Date().toISOString();
    await trx
      .updateTable("absence_requests")
      .set({ status: decision, decision_message_sealed: message ? sealText(MESSAGE, message) : null, decided_at: decidedAt, decided_by: decidedBy })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .execute();
    if (row.user_id) {
      const user = await trx.selectFrom("users").select(["email", "language", "email_verified_at"]).where("id", "=", row.user_id).executeTakeFirst();
      if (user?.email_verified_at) {
        const lng: Language = isLanguage(user.language) ? user.language : "de";
        await enqueueMail(trx, { kind: "absence.decided", dedupKey: `absence.decided:${id}`, mail: { to: user.email, ...bilingualMail(lng, decisionMail) } });
      }
    }
    await inTransaction(trx, true);
    const updated = await trx.selectFrom("absence_requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return { ok: true, view: view(updated), changed: true } as const;
  });
}

// "Download all my data": the person's requests with their decisions.
export const absenceExport: ExportSection = async (userId) => {
  const own = await ownAbsences(userId);
  if (!own?.length) return null;
  return own.map((a) => ({
    reference: a.reference,
    from: a.from,
    to: a.to,
    destination: a.destination,
    reason: a.reason,
    reachable: a.reachable,
    status: a.status,
    decisionMessage: a.decisionMessage,
    decidedAt: a.decidedAt,
    createdAt: a.createdAt,
  }));
};

// ---------------------------------------------------------------------------------------------
// The staff inbox (German only, role Integration): the requests to decide first, then the latest decided.

export interface StaffAbsenceRow extends AbsenceView {
  kundennummer: string;
  bgNummer: string;
  days: number;
}

export async function absencesForStaff(): Promise<{ pending: StaffAbsenceRow[]; decided: StaffAbsenceRow[] }> {
  const db = await getDb();
  const rows = async (pending: boolean) =>
    db
      .selectFrom("absence_requests")
      .innerJoin("cases", "cases.id", "absence_requests.case_id")
      .selectAll("absence_requests")
      .select(["cases.kundennummer", "cases.bg_nummer"])
      .where("absence_requests.status", pending ? "=" : "!=", "pending")
      .orderBy(pending ? "absence_requests.from_date" : "absence_requests.decided_at", pending ? "asc" : "desc")
      .limit(100)
      .execute();
  const present = (r: Awaited<ReturnType<typeof rows>>[number]): StaffAbsenceRow => ({ ...view(r), kundennummer: r.kundennummer, bgNummer: r.bg_nummer, days: absenceDays(r.from_date, r.to_date) });
  return { pending: (await rows(true)).map(present), decided: (await rows(false)).slice(0, 30).map(present) };
}
