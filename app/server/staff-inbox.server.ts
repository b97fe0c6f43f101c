import { getTraeger } from "~/config/traeger";
import { APPLICANT_ID, personIds } from "~/domain/application/model";
import { personName } from "~/domain/application/summary";
import { applicationById, toRecord, type ApplicationRecord } from "./applications.server";
import { audit } from "./audit.server";
import { getDb } from "./db.server";
import { staffActor, type StaffInfo } from "./staff.server";

// What the staff inbox shows: submitted applications of this Träger, newest first, read through
// the same records as the API and written to the same audit log (actor: the staff account).

export const INBOX_PAGE_SIZE = 50;

export interface InboxFilters {
  standort?: string;
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
  if (filters.since) query = query.where("submitted_at", ">=", new Date(`${filters.since}T00:00:00Z`).toISOString());
  const after = decodeCursor(filters.cursor);
  if (after) query = query.where((eb) => eb.or([eb("submitted_at", "<", after.at), eb.and([eb("submitted_at", "=", after.at), eb("id", "<", after.id)])]));
  const rows = await query.orderBy("submitted_at", "desc").orderBy("id", "desc").limit(INBOX_PAGE_SIZE + 1).execute();
  const page = rows.slice(0, INBOX_PAGE_SIZE).map(toRecord);
  const last = page[page.length - 1];
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
