import { sql } from "kysely";
import { getTraeger } from "~/config/traeger";
import { parseDateInput } from "~/domain/application/dates";
import { parseInboxQuery } from "~/domain/application/search";
import type { LegalTemplate } from "~/domain/traeger/schema";
import { termHash } from "~/features/application/index.server";
import { PlanInputSchema, TASK_KINDS, type PlanInput, type TaskKind } from "~/domain/cases/plan";
import { audit } from "~/platform/audit/audit.server";
import { caseById, caseView, createCase, evidenceBelongsTo, publishPlan, type CaseView, type CreatedCase } from "./cases.server";
import { getDb } from "~/platform/db/db.server";
import { documentResponse, readDocumentForBackOffice } from "~/features/documents/index.server";
import { staffActor, type StaffInfo } from "~/features/staff/index.server";
import { activationLetterPdf } from "./letter.server";

// Cases and the Kooperationsplan in the staff inbox (role Integration): the same service
// functions as POST /api/v1/cases and PUT /api/v1/cases/{id}/cooperation-plan, with the staff
// account as the audited actor. The plan form is plain HTML (one textarea per list, one
// fieldset per task) and is turned into the API's PlanInput here.

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/;

export type CaseFormErrors = Record<string, string>;

export async function createCaseByStaff(staff: StaffInfo, input: { kundennummer: string; bgNummer: string }): Promise<{ ok: true; created: CreatedCase } | { ok: false; errors: CaseFormErrors }> {
  const kundennummer = input.kundennummer.trim();
  const bgNummer = input.bgNummer.trim();
  const errors: CaseFormErrors = {};
  if (!IDENTIFIER.test(kundennummer)) errors.kundennummer = "backoffice:cases.errors.kundennummer";
  if (!IDENTIFIER.test(bgNummer)) errors.bgNummer = "backoffice:cases.errors.bgNummer";
  if (Object.keys(errors).length) return { ok: false, errors };
  const created = await createCase({ kundennummer, bgNummer }, (trx, caseId, isNew) =>
    audit({ actor: staffActor(staff), operation: "case.create", recordType: "case", recordId: caseId, details: { newCase: isNew } }, trx),
  );
  return { ok: true, created };
}

export interface CaseListRow {
  id: string;
  kundennummer: string;
  bgNummer: string;
  linked: boolean;
  updatedAt: string;
  /** The Aktenzeichen of the online application the case came from, if any. */
  reference: string | null;
}

export const CASE_PAGE_SIZE = 50;
export const CASE_SORTS = ["geaendert", "kundennummer", "bg"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
const CASE_SORT_COLUMN = { geaendert: "cases.updated_at", kundennummer: "cases.kundennummer", bg: "cases.bg_nummer" } as const;

/**
 * Cases by Kundennummer or BG-Nummer (exact), or — through the online application the case came
 * from — by its Aktenzeichen, a name or a birth date (the application's blind index, decision
 * 038); without a query all cases, the ones changed last first. One page of CASE_PAGE_SIZE.
 */
export async function findCases(
  staff: StaffInfo,
  query: string,
  options: { sort?: CaseSort; direction?: "asc" | "desc"; page?: number } = {},
): Promise<{ rows: CaseListRow[]; page: number; pages: number; total: number }> {
  const db = await getDb();
  let select = db.selectFrom("cases").leftJoin("applications", "applications.id", "cases.application_id");
  const q = parseInboxQuery(query);
  if (q.kind === "identifier") {
    const wanted = [...new Set([q.identifier, q.identifier.toUpperCase()])];
    select = select.where((eb) => eb.or([eb("cases.kundennummer", "in", wanted), eb("cases.bg_nummer", "in", wanted)]));
  } else if (q.kind === "reference") {
    select = select.where("applications.reference", "=", q.reference);
  } else if (q.kind === "birth" || q.kind === "name") {
    for (const term of q.kind === "birth" ? [q.term] : q.terms) {
      const hash = termHash(term);
      select = select.where(({ exists, selectFrom }) =>
        exists(selectFrom("application_search_terms as t").select("t.application_id").whereRef("t.application_id", "=", "cases.application_id").where("t.term_hash", "=", hash)),
      );
    }
  } else if (query.trim()) {
    // Neither a number nor a word to look for (e.g. only punctuation): nothing matches.
    select = select.where(sql<boolean>`1 = 0`);
  }
  const { count } = await select.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  const total = Number(count);
  const pages = Math.max(1, Math.ceil(total / CASE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  const sort = options.sort ?? "geaendert";
  const direction = options.direction ?? (sort === "geaendert" ? "desc" : "asc");
  const rows = await select
    .select(["cases.id", "cases.kundennummer", "cases.bg_nummer", "cases.user_id", "cases.updated_at", "applications.reference"])
    .orderBy(CASE_SORT_COLUMN[sort], direction)
    .orderBy("cases.id", direction)
    .limit(CASE_PAGE_SIZE)
    .offset((page - 1) * CASE_PAGE_SIZE)
    .execute();
  await audit({ actor: staffActor(staff), operation: "case.list", recordType: "case", details: { count: rows.length, page, ...(q.kind !== "empty" ? { search: q.kind } : {}) } });
  return {
    rows: rows.map((r) => ({ id: r.id, kundennummer: r.kundennummer, bgNummer: r.bg_nummer, linked: r.user_id !== null, updatedAt: r.updated_at, reference: r.reference ?? null })),
    page,
    pages,
    total,
  };
}

export async function caseForStaff(staff: StaffInfo, caseId: string): Promise<{ view: CaseView; linked: boolean } | null> {
  const row = await caseById(caseId);
  if (!row) return null;
  await audit({ actor: staffActor(staff), operation: "cooperation-plan.read", recordType: "case", recordId: row.id });
  return { view: await caseView(row), linked: row.user_id !== null };
}

// ---------------------------------------------------------------------------------------------
// The plan form

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function slug(title: string, taken: Set<string>): string {
  const base =
    title
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "aufgabe";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export type PlanFormResult = { ok: true; plan: PlanInput } | { ok: false; errors: CaseFormErrors };

/** Reads the staff plan form (goals, commitments, Rechtsfolgenbelehrung, task fieldsets). */
export function planFromForm(form: FormData): PlanFormResult {
  const get = (name: string) => String(form.get(name) ?? "");
  const errors: CaseFormErrors = {};
  const goals = lines(get("goals"));
  if (!goals.length) errors.goals = "backoffice:cases.errors.goals";
  const rechtsfolgenbelehrung = get("rechtsfolgenbelehrung").trim();
  if (!rechtsfolgenbelehrung) errors.rechtsfolgenbelehrung = "backoffice:cases.errors.rechtsfolgenbelehrung";
  const taken = new Set<string>();
  const tasks: PlanInput["tasks"] = [];
  const slots = Math.min(50, Number(get("taskCount")) || 0);
  for (let i = 0; i < slots; i++) {
    const field = (name: string) => get(`task${i}.${name}`).trim();
    const title = field("title");
    if (!title) continue; // an empty fieldset is no task
    const existingId = field("id");
    const id = existingId && /^[a-z0-9][a-z0-9-]{0,63}$/.test(existingId) && !taken.has(existingId) ? (taken.add(existingId), existingId) : slug(title, taken);
    const kind = (TASK_KINDS as readonly string[]).includes(field("kind")) ? (field("kind") as TaskKind) : "other";
    const due = field("due") ? parseDateInput(field("due")) : null;
    if (field("due") && !due) errors[`task${i}.due`] = "backoffice:cases.errors.due";
    const repeat = field("repeat") === "monthly" || field("repeat") === "weekly" ? (field("repeat") as "monthly" | "weekly") : null;
    const count = Number(field("count") || "0");
    if (repeat && !(Number.isInteger(count) && count >= 2 && count <= 60)) errors[`task${i}.count`] = "backoffice:cases.errors.count";
    if (repeat && !due) errors[`task${i}.due`] = "backoffice:cases.errors.firstDue";
    const legalConsequences = field("legal");
    if (!legalConsequences) errors[`task${i}.legal`] = "backoffice:cases.errors.legal";
    tasks.push({
      id,
      title,
      description: field("description") || undefined,
      kind,
      ...(due && repeat ? { recurrence: { frequency: repeat, firstDueDate: due, count } } : due ? { dueDate: due } : {}),
      evidenceRequired: form.get(`task${i}.evidence`) === "1",
      legalConsequences,
    });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = PlanInputSchema.safeParse({ goals, jobcenterCommitments: lines(get("commitments")), tasks, rechtsfolgenbelehrung });
  if (!parsed.success) return { ok: false, errors: { _form: "backoffice:cases.errors.plan" } };
  return { ok: true, plan: parsed.data };
}

export async function publishPlanByStaff(staff: StaffInfo, caseId: string, plan: PlanInput): Promise<number | null> {
  const row = await caseById(caseId);
  if (!row) return null;
  return publishPlan(row.id, plan, `staff:${staff.id}`, (trx, version) =>
    audit({ actor: staffActor(staff), operation: "cooperation-plan.publish", recordType: "case", recordId: row.id, details: { version, tasks: plan.tasks.length } }, trx),
  );
}

/** An evidence file of the case, decrypted, as a download (audited); null when not of this case. */
export async function evidenceDownload(staff: StaffInfo, caseId: string, evidenceId: string): Promise<Response | null> {
  const row = await caseById(caseId);
  if (!row || !(await evidenceBelongsTo(row.id, evidenceId))) return null;
  const opened = await readDocumentForBackOffice(evidenceId, { actor: `staff:${staff.id}`, purpose: "task-evidence" });
  if (!opened) return null;
  await audit({ actor: staffActor(staff), operation: "task-evidence.read", recordType: "document", recordId: evidenceId, details: { caseId: row.id } });
  return documentResponse(opened);
}

/**
 * The activation-code letter as a PDF (letter.server.ts), for the code just issued (it is shown
 * once and only posted back from that page); audited without the code or the address.
 */
export async function activationLetterByStaff(staff: StaffInfo, input: { caseId: string; code: string; expiresAt: string; address: string }): Promise<Uint8Array | null> {
  const row = await caseById(input.caseId);
  if (!row || Number.isNaN(Date.parse(input.expiresAt))) return null;
  const bytes = await activationLetterPdf({
    code: input.code,
    expiresAt: input.expiresAt,
    kundennummer: row.kundennummer,
    bgNummer: row.bg_nummer,
    address: input.address.split(/\r?\n/).slice(0, 6),
  });
  if (!bytes) return null;
  await audit({ actor: staffActor(staff), operation: "case.activation-letter", recordType: "case", recordId: row.id, details: {} });
  return bytes;
}

/** The Träger's Rechtsfolgenbelehrung templates in force on `day` ("YYYY-MM-DD"), for the plan form. */
export function legalTemplatesOn(day: string): { plan: LegalTemplate[]; task: LegalTemplate[] } {
  const valid = (getTraeger().legalTemplates ?? []).filter((t) => t.validFrom <= day && (!t.validUntil || day <= t.validUntil));
  return { plan: valid.filter((t) => t.use === "plan"), task: valid.filter((t) => t.use === "task") };
}
