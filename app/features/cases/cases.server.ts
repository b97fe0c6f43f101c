import crypto from "node:crypto";
import { getTraeger } from "~/config/traeger";
import { toBerlin } from "~/domain/appointments/time";
import { codeFromBytes, CODE_VALIDITY_DAYS, formatCode, normaliseCode } from "~/domain/cases/codes";
import { dueTaskReminders, hasChanges, HELP_MESSAGE_MAX, nextDue, occurrencesOf, planChanges, PlanInputSchema, type PlanChanges, type PlanInput, type TaskInput } from "~/domain/cases/plan";
import { formatDate } from "~/lib/format";
import { isLanguage, type Language } from "~/domain/languages";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import type { CasesTable, CaseTasksTable, CooperationPlansTable } from "~/platform/db/schema.server";
import { getDb } from "~/platform/db/db.server";
import { advisoryXactLock, writeTransaction, type Executor } from "~/platform/db/write.server";
import { markDocumentsSubmitted, openFilename, type AttachmentAuthorizer } from "~/features/documents/index.server";
import { env } from "~/platform/config/env.server";
import { fixedT } from "~/platform/http/i18n.server";
import { hmac } from "~/platform/crypto/keys.server";
import { log } from "~/platform/log/log.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import { hitAll } from "~/platform/http/rate-limit.server";
import { enqueueEvent } from "~/platform/events/webhooks.server";
import { claimOnce } from "~/platform/jobs/claim-once.server";
import { periodic } from "~/platform/jobs/scheduler.server";
import type { ExportSection } from "~/platform/export/data-export.server";

// Cases and the Kooperationsplan (issue 6, parts 1 and 2). The back office creates a case for a
// Kundennummer / BG-Nummer and gets a one-time activation code (sent by post); the person enters
// it once to link their account. The back office publishes the plan (each PUT a new version);
// the person marks tasks done (with evidence), asks for help and confirms having read the plan.
// Every check of who may see what is here: a person sees only the case linked to their account.

const PLAN_PURPOSE = "cooperation-plan";
const HELP_PURPOSE = "case-task-help";
const CODE_PURPOSE = "case-activation-code";

export type CaseRow = CasesTable;
export type TaskRow = CaseTasksTable;

function nowIso(): string {
  return new Date().toISOString();
}

function codeHash(code: string): string {
  return hmac(code, CODE_PURPOSE);
}

export function isCaseId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}

// ---------------------------------------------------------------------------------------------
// Cases and activation codes

export interface CreatedCase {
  caseId: string;
  activationCode: string;
  expiresAt: string;
  created: boolean;
}

/**
 * Creates the case for these identifiers (or finds the existing one) and issues a new activation
 * code; earlier unused codes of the case stop working. `inTransaction` runs in the same
 * transaction (the audit entry).
 */
export async function createCase(
  input: { kundennummer: string; bgNummer: string },
  inTransaction: (trx: Executor, caseId: string, created: boolean) => Promise<void>,
  now = new Date(),
): Promise<CreatedCase> {
  const db = await getDb();
  const code = codeFromBytes(crypto.randomBytes(16));
  const expiresAt = new Date(now.getTime() + CODE_VALIDITY_DAYS * 86_400_000).toISOString();
  return writeTransaction(db, async (trx) => {
    await advisoryXactLock(trx, `case:${input.kundennummer}:${input.bgNummer}`);
    const { id: caseId, created } = await findOrCreateCase(trx, input, now.toISOString());
    await trx.updateTable("case_activation_codes").set({ revoked_at: now.toISOString() }).where("case_id", "=", caseId).where("used_at", "is", null).where("revoked_at", "is", null).execute();
    await trx
      .insertInto("case_activation_codes")
      .values({ id: crypto.randomUUID(), case_id: caseId, code_hash: codeHash(code), expires_at: expiresAt, used_at: null, revoked_at: null, created_at: now.toISOString() })
      .execute();
    await inTransaction(trx, caseId, created);
    return { caseId, activationCode: formatCode(code), expiresAt, created };
  });
}

async function findOrCreateCase(trx: Executor, input: { kundennummer: string; bgNummer: string }, now: string): Promise<{ id: string; created: boolean }> {
  const existing = await trx.selectFrom("cases").select("id").where("kundennummer", "=", input.kundennummer).where("bg_nummer", "=", input.bgNummer).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const id = crypto.randomUUID();
  await trx
    .insertInto("cases")
    .values({ id, kundennummer: input.kundennummer, bg_nummer: input.bgNummer, user_id: null, application_id: null, linked_at: null, created_at: now, updated_at: now })
    .execute();
  return { id, created: true };
}

export type LinkProblem = "format" | "invalid" | "expired" | "used" | "rate-limited" | "other-case";
export type LinkResult = { ok: true; caseId: string } | { ok: false; problem: LinkProblem; retryAfterSeconds?: number };

/** Wrong guesses: per account and per address, so one person cannot try codes at scale. */
export const CODE_LIMITS = {
  user: { name: "case-code-user", max: 5, windowSeconds: 15 * 60 },
  ip: { name: "case-code-ip", max: 20, windowSeconds: 15 * 60 },
};

/** The person enters the activation code once; it links their account to the case. */
export async function linkWithCode(userId: string, input: string, ip: string, now = new Date()): Promise<LinkResult> {
  const limited = await hitAll([
    [CODE_LIMITS.user, userId],
    [CODE_LIMITS.ip, ip],
  ]);
  if (!limited.allowed) return { ok: false, problem: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  const code = normaliseCode(input);
  if (!code) return { ok: false, problem: "format" };
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const row = await trx.selectFrom("case_activation_codes").selectAll().where("code_hash", "=", codeHash(code)).executeTakeFirst();
    if (!row) return { ok: false, problem: "invalid" } as const;
    if (row.used_at || row.revoked_at) return { ok: false, problem: "used" } as const;
    if (row.expires_at <= now.toISOString()) return { ok: false, problem: "expired" } as const;
    const other = await trx.selectFrom("cases").select("id").where("user_id", "=", userId).where("id", "!=", row.case_id).executeTakeFirst();
    if (other) return { ok: false, problem: "other-case" } as const;
    await trx.updateTable("case_activation_codes").set({ used_at: now.toISOString() }).where("id", "=", row.id).where("used_at", "is", null).execute();
    await trx.updateTable("cases").set({ user_id: userId, linked_at: now.toISOString(), updated_at: now.toISOString() }).where("id", "=", row.case_id).execute();
    // The back office learns that the letter's code was used (the account itself stays unnamed).
    await enqueueEvent(trx, { type: "case.linked", subjectKey: `case:${row.case_id}`, data: { caseId: row.case_id, linkedAt: now.toISOString(), via: "code" } });
    log().info({ event: "case-linked", caseId: row.case_id, via: "code" }, "cases");
    return { ok: true, caseId: row.case_id } as const;
  });
}

export type IdentifierResult = { ok: true; caseId: string; created: boolean } | { ok: false; problem: "not-found" | "linked-to-other" };

/**
 * The back office assigned Kundennummer and BG-Nummer to an online application: its applicant
 * is linked to the case with these identifiers (created when new).
 */
export async function assignApplicationIdentifiers(
  applicationId: string,
  input: { kundennummer: string; bgNummer: string },
  inTransaction: (trx: Executor, caseId: string) => Promise<void>,
): Promise<IdentifierResult> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const application = await trx.selectFrom("applications").select(["id", "user_id"]).where("id", "=", applicationId).executeTakeFirst();
    if (!application) return { ok: false, problem: "not-found" } as const;
    await advisoryXactLock(trx, `case:${input.kundennummer}:${input.bgNummer}`);
    const now = nowIso();
    const { id: caseId, created } = await findOrCreateCase(trx, input, now);
    const current = await trx.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
    if (current.user_id && application.user_id && current.user_id !== application.user_id) return { ok: false, problem: "linked-to-other" } as const;
    if (application.user_id) {
      const other = await trx.selectFrom("cases").select("id").where("user_id", "=", application.user_id).where("id", "!=", caseId).executeTakeFirst();
      if (other) return { ok: false, problem: "linked-to-other" } as const;
    }
    await trx
      .updateTable("cases")
      .set({
        application_id: application.id,
        user_id: current.user_id ?? application.user_id,
        linked_at: current.linked_at ?? (application.user_id ? now : null),
        updated_at: now,
      })
      .where("id", "=", caseId)
      .execute();
    await inTransaction(trx, caseId);
    return { ok: true, caseId, created } as const;
  });
}

export async function caseOfUser(userId: string): Promise<CaseRow | null> {
  const db = await getDb();
  return (await db.selectFrom("cases").selectAll().where("user_id", "=", userId).orderBy("linked_at", "desc").executeTakeFirst()) ?? null;
}

export async function caseById(id: string): Promise<CaseRow | null> {
  if (!isCaseId(id)) return null;
  const db = await getDb();
  return (await db.selectFrom("cases").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

// ---------------------------------------------------------------------------------------------
// The plan

export interface PlanVersion {
  version: number;
  plan: PlanInput;
  publishedAt: string;
  readAt: string | null;
}

function openPlan(row: CooperationPlansTable): PlanVersion {
  const text = openText(PLAN_PURPOSE, row.content_sealed);
  if (text === null) throw new Error("cooperation plan cannot be opened (DOCUMENT_KEY changed?)");
  return { version: Number(row.version), plan: PlanInputSchema.parse(JSON.parse(text)), publishedAt: row.created_at, readAt: row.read_at };
}

async function planVersions(db: Executor, caseId: string, limit = 2): Promise<PlanVersion[]> {
  const rows = await db.selectFrom("cooperation_plans").selectAll().where("case_id", "=", caseId).orderBy("version", "desc").limit(limit).execute();
  return rows.map(openPlan);
}

/** Publishes a new version; task occurrences keep their status across versions. */
export async function publishPlan(caseId: string, plan: PlanInput, publishedBy: string, inTransaction: (trx: Executor, version: number) => Promise<void>): Promise<number> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    await advisoryXactLock(trx, `case-plan:${caseId}`);
    const last = await trx
      .selectFrom("cooperation_plans")
      .select((eb) => eb.fn.max<number | null>("version").as("v"))
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const now = nowIso();
    await trx
      .insertInto("cooperation_plans")
      .values({ id: crypto.randomUUID(), case_id: caseId, version, content_sealed: sealText(PLAN_PURPOSE, JSON.stringify(plan)), published_by: publishedBy, read_at: null, created_at: now })
      .execute();
    await trx.updateTable("case_tasks").set({ active: 0, updated_at: now }).where("case_id", "=", caseId).execute();
    for (const task of plan.tasks) {
      for (const o of occurrencesOf(task)) {
        await trx
          .insertInto("case_tasks")
          .values({
            id: crypto.randomUUID(),
            case_id: caseId,
            task_key: task.id,
            occurrence: o.occurrence,
            due_date: o.dueDate,
            active: 1,
            status: "open",
            done_at: null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(["case_id", "task_key", "occurrence"]).doUpdateSet({ due_date: o.dueDate, active: 1, updated_at: now }))
          .execute();
      }
    }
    await inTransaction(trx, version);
    return version;
  });
}

export interface EvidenceInfo {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha512: string;
  createdAt: string;
}

export interface HelpRequestInfo {
  id: string;
  message: string;
  createdAt: string;
}

export interface OccurrenceView {
  id: string;
  occurrence: number;
  dueDate: string | null;
  status: "open" | "done";
  completedAt: string | null;
  evidence: EvidenceInfo[];
  helpRequests: HelpRequestInfo[];
}

export interface TaskView extends TaskInput {
  occurrences: OccurrenceView[];
  next: OccurrenceView | null;
}

export interface CaseView {
  caseId: string;
  kundennummer: string;
  bgNummer: string;
  label: string;
  plan: null | {
    version: number;
    publishedAt: string;
    readAt: string | null;
    goals: string[];
    jobcenterCommitments: string[];
    rechtsfolgenbelehrung: string;
    rechtsfolgenbelehrungExplanations: PlanInput["rechtsfolgenbelehrungExplanations"];
    tasks: TaskView[];
    /** What changed since the version before (null for the first version). */
    changes: PlanChanges | null;
  };
}

async function occurrenceDetails(db: Executor, rows: TaskRow[]): Promise<Map<string, OccurrenceView>> {
  const ids = rows.map((r) => r.id);
  const evidence = ids.length
    ? await db
        .selectFrom("documents")
        .select(["id", "context_id", "filename_sealed", "media_type", "size", "sha512", "created_at"])
        .where("context_kind", "=", "task")
        .where("context_id", "in", ids)
        .orderBy("created_at")
        .execute()
    : [];
  const help = ids.length ? await db.selectFrom("case_task_help").selectAll().where("task_id", "in", ids).orderBy("created_at").execute() : [];
  const out = new Map<string, OccurrenceView>();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      occurrence: Number(r.occurrence),
      dueDate: r.due_date,
      status: r.status,
      completedAt: r.done_at,
      evidence: evidence
        .filter((e) => e.context_id === r.id)
        .map((e) => ({ id: e.id, filename: openFilename(e.filename_sealed), mediaType: e.media_type, size: Number(e.size), sha512: e.sha512, createdAt: e.created_at })),
      helpRequests: help.filter((h) => h.task_id === r.id).map((h) => ({ id: h.id, message: openText(HELP_PURPOSE, h.message_sealed) ?? "", createdAt: h.created_at })),
    });
  }
  return out;
}

export function planLabel(): string {
  return getTraeger().cooperationPlanLabel;
}

/** The case with its latest plan, tasks, evidence and help requests. */
export async function caseView(row: CaseRow): Promise<CaseView> {
  const db = await getDb();
  const [latest, previous] = await planVersions(db, row.id, 2);
  const base = { caseId: row.id, kundennummer: row.kundennummer, bgNummer: row.bg_nummer, label: planLabel() };
  if (!latest) return { ...base, plan: null };
  const taskRows = await db.selectFrom("case_tasks").selectAll().where("case_id", "=", row.id).where("active", "=", 1).orderBy("task_key").orderBy("occurrence").execute();
  const details = await occurrenceDetails(db, taskRows);
  const tasks = latest.plan.tasks.map((task) => {
    const occurrences = taskRows.filter((r) => r.task_key === task.id).map((r) => details.get(r.id)!);
    return { ...task, occurrences, next: nextDue(occurrences) };
  });
  return {
    ...base,
    plan: {
      version: latest.version,
      publishedAt: latest.publishedAt,
      readAt: latest.readAt,
      goals: latest.plan.goals,
      jobcenterCommitments: latest.plan.jobcenterCommitments,
      rechtsfolgenbelehrung: latest.plan.rechtsfolgenbelehrung,
      rechtsfolgenbelehrungExplanations: latest.plan.rechtsfolgenbelehrungExplanations,
      tasks,
      changes: previous ? planChanges(previous.plan, latest.plan) : null,
    },
  };
}

export { hasChanges };

/** The signed-in person's task occurrence with its plan task, or null (not theirs, or withdrawn). */
export async function ownTask(userId: string, taskId: string): Promise<{ caseRow: CaseRow; view: CaseView; task: TaskView; occurrence: OccurrenceView } | null> {
  if (!isCaseId(taskId)) return null;
  const caseRow = await caseOfUser(userId);
  if (!caseRow) return null;
  const view = await caseView(caseRow);
  for (const task of view.plan?.tasks ?? []) {
    const occurrence = task.occurrences.find((o) => o.id === taskId);
    if (occurrence) return { caseRow, view, task, occurrence };
  }
  return null;
}

export type DoneProblem = "not-found" | "evidence-missing";

/** Marks a task occurrence done; the back office gets task.completed in the same transaction. */
export async function markTaskDone(userId: string, taskId: string, now = new Date()): Promise<{ ok: true } | { ok: false; problem: DoneProblem }> {
  const own = await ownTask(userId, taskId);
  if (!own) return { ok: false, problem: "not-found" };
  if (own.occurrence.status === "done") return { ok: true };
  if (own.task.evidenceRequired && own.occurrence.evidence.length === 0) return { ok: false, problem: "evidence-missing" };
  const db = await getDb();
  let changed = false;
  await writeTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable("case_tasks")
      .set({ status: "done", done_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", taskId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return; // a double click: the first one counted
    changed = true;
    // The evidence of a done task is handed to the Jobcenter: it stays when the account is
    // deleted and the person can no longer delete it (like a submitted application's documents).
    await markDocumentsSubmitted([], { ownerUserId: userId, at: now.toISOString(), db: trx, context: { kind: "task", id: taskId } });
    await enqueueEvent(trx, {
      type: "task.completed",
      subjectKey: `case:${own.caseRow.id}`,
      data: {
        caseId: own.caseRow.id,
        taskId,
        taskKey: own.task.id,
        occurrence: own.occurrence.occurrence,
        dueDate: own.occurrence.dueDate,
        completedAt: now.toISOString(),
        evidence: own.occurrence.evidence.map((e) => ({ id: e.id, sha512: e.sha512 })),
      },
    });
  });
  if (!changed) return { ok: true };
  log().info({ event: "case-task-done", caseId: own.caseRow.id }, "cases");
  return { ok: true };
}

/** "I need help with this": a message the back office reads with the plan. */
export async function requestHelp(userId: string, taskId: string, message: string): Promise<boolean> {
  if (!message.trim() || message.length > HELP_MESSAGE_MAX) return false;
  const own = await ownTask(userId, taskId);
  if (!own) return false;
  const db = await getDb();
  await db
    .insertInto("case_task_help")
    .values({ id: crypto.randomUUID(), task_id: taskId, message_sealed: sealText(HELP_PURPOSE, message), created_at: nowIso() })
    .execute();
  return true;
}

/** "I have read the plan" for this version (a read receipt, not a signature). */
export async function confirmPlanRead(userId: string, version: number): Promise<boolean> {
  const caseRow = await caseOfUser(userId);
  if (!caseRow) return false;
  const db = await getDb();
  const result = await db.updateTable("cooperation_plans").set({ read_at: nowIso() }).where("case_id", "=", caseRow.id).where("version", "=", version).where("read_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The evidence file's case, for the back office's download check. */
export async function evidenceBelongsTo(caseId: string, documentId: string): Promise<boolean> {
  const db = await getDb();
  const row = await db
    .selectFrom("documents")
    .innerJoin("case_tasks", "case_tasks.id", "documents.context_id")
    .select("documents.id")
    .where("documents.id", "=", documentId)
    .where("documents.context_kind", "=", "task")
    .where("case_tasks.case_id", "=", caseId)
    .executeTakeFirst();
  return Boolean(row);
}

// Evidence is uploaded against one task occurrence of the person's own case, while it is open.
export const taskAttachmentAuthorizer: AttachmentAuthorizer = async (userId, context) => {
  const own = await ownTask(userId, context.id);
  return Boolean(own && own.occurrence.status === "open");
};

// "Download all my data": the linked case, the plan versions and the tasks (never the codes).
export const caseExport: ExportSection = async (userId) => {
  const caseRow = await caseOfUser(userId);
  if (!caseRow) return null;
  const db = await getDb();
  const view = await caseView(caseRow);
  const versions = await planVersions(db, caseRow.id, 1000);
  return {
    caseId: caseRow.id,
    kundennummer: caseRow.kundennummer,
    bgNummer: caseRow.bg_nummer,
    linkedAt: caseRow.linked_at,
    benefitPeriod: caseRow.benefit_from && caseRow.benefit_to ? { from: caseRow.benefit_from, to: caseRow.benefit_to } : null,
    planVersions: versions.reverse().map((v) => ({ version: v.version, publishedAt: v.publishedAt, readAt: v.readAt, plan: v.plan })),
    tasks: (view.plan?.tasks ?? []).map((t) => ({
      id: t.id,
      title: t.title,
      occurrences: t.occurrences.map((o) => ({
        dueDate: o.dueDate,
        status: o.status,
        completedAt: o.completedAt,
        evidence: o.evidence.map((e) => ({ id: e.id, filename: e.filename, sha512: e.sha512 })),
        helpRequests: o.helpRequests,
      })),
    })),
  };
};

// ---------------------------------------------------------------------------------------------
// Reminders before due dates (three days before and on the day), once each, in the person's
// language. Claimed like the appointment reminders (claimOnce): the primary key lets one process win.

const MAX_ATTEMPTS = 5;
const RETRY_MINUTES = 10;

/** One pass: every task reminder due today (Europe/Berlin) is sent once. */
export async function sendDueTaskReminders(now = new Date()): Promise<number> {
  const db = await getDb();
  const today = toBerlin(now).date;
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom("case_tasks")
    .innerJoin("cases", "cases.id", "case_tasks.case_id")
    .innerJoin("users", "users.id", "cases.user_id")
    .select(["case_tasks.id", "case_tasks.task_key", "case_tasks.due_date", "case_tasks.status", "cases.id as case_id", "users.email", "users.language", "users.email_verified_at"])
    .where("case_tasks.status", "=", "open")
    .where("case_tasks.active", "=", 1)
    .where("case_tasks.due_date", ">=", today)
    .where("case_tasks.due_date", "<=", horizon)
    .limit(1000)
    .execute();
  let sent = 0;
  for (const row of rows) {
    if (!row.email_verified_at) continue;
    for (const kind of dueTaskReminders(row.due_date, row.status, today)) {
      const claim = { table: "case_task_reminders", subjectColumn: "task_id", subject: row.id, kind, now } as const;
      if (!(await claimOnce(db, { ...claim, maxAttempts: MAX_ATTEMPTS, retryMinutes: RETRY_MINUTES }))) continue;
      try {
        const lng: Language = isLanguage(row.language) ? row.language : "de";
        const t = fixedT(lng, ["case"]);
        const label = planLabel();
        const mail = {
          to: row.email,
          language: lng,
          subject: t("mail.reminder.subject", { date: formatDate(lng, row.due_date!) }),
          text: [
            t("mail.reminder.greeting"),
            "",
            t("mail.reminder.body", { label, date: formatDate(lng, row.due_date!) }),
            // No task title: what she agreed to do is Sozialdaten; the link shows it (issue 19 § 9).
            "",
            t("mail.reminder.link"),
            `${publicUrl()}/mein-fall/aufgaben/${row.id}`,
            "",
            t("mail.reminder.footer"),
          ].join("\n"),
        };
        // Enqueued (mail outbox) and recorded as done in one transaction; the worker sends it.
        await writeTransaction(db, async (trx) => {
          await enqueueMail(trx, { kind: "case.task-reminder", dedupKey: `case.task-reminder:${row.id}:${kind}`, mail });
          await trx.updateTable("case_task_reminders").set({ sent_at: nowIso() }).where("task_id", "=", row.id).where("kind", "=", kind).execute();
        });
        sent++;
      } catch (error) {
        log().warn({ kind: "mail", mail: "task-reminder", errorType: error instanceof Error ? error.name : typeof error }, "task reminder failed, will retry");
      }
    }
  }
  if (sent) log().info({ event: "task-reminders", sent }, "cases");
  return sent;
}

/** Reminds people of Kooperationsplan tasks that fall due. */
export const taskReminderJob = periodic(
  "task-reminders",
  () => env().REMINDER_POLL_SECONDS * 1000,
  () => sendDueTaskReminders(),
);
