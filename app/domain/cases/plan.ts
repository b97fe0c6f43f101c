import { z } from "zod";
import { LANGUAGES } from "~/domain/languages";

// The Kooperationsplan (§ 15 SGB II; a Träger may still call it Eingliederungsvereinbarung) as
// the back office publishes it: goals, what the Jobcenter will do, the person's tasks, and the
// Rechtsfolgenbelehrung (§ 31 SGB II: what happens when an obligation is not met). Legally
// binding texts are German; `explanations` may add plain-language help per portal language,
// which the portal shows beside the German text, marked as a translation aid.

export const TASK_KINDS = ["applications", "measure", "appointment", "document", "other"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const RECURRENCE_FREQUENCIES = ["weekly", "monthly"] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

export const ExplanationsSchema = z
  .partialRecord(z.enum(LANGUAGES), z.string().trim().min(1).max(4000))
  .meta({ description: "Optional plain-language explanations by portal language (`en`, `tr`, `ar`, `ru`, …), shown beside the binding German text as a translation aid." });

export const RecurrenceSchema = z
  .strictObject({
    frequency: z.enum(RECURRENCE_FREQUENCIES).meta({ description: "`weekly` or `monthly`." }),
    firstDueDate: isoDate.meta({ description: "Due date of the first occurrence." }),
    count: z.int().min(1).max(60).meta({ description: "Number of occurrences." }),
  })
  .meta({ description: "A repeating task, e.g. every month for six months." });

export const TaskInputSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .meta({ description: "The task's id within the case (lower-case slug), kept across plan versions so that its status stays.", examples: ["bewerbungen"] }),
    title: text(200).meta({ description: 'German title, e.g. "6 Bewerbungen im Monat".' }),
    description: z.string().trim().max(4000).optional().meta({ description: "German description." }),
    kind: z.enum(TASK_KINDS).meta({ description: "`applications` (Bewerbungen), `measure` (Maßnahme), `appointment` (Termin), `document` (Unterlagen), `other`." }),
    dueDate: isoDate.optional().meta({ description: "Due date of a one-off task (ISO date). Use `recurrence` for repeating tasks." }),
    recurrence: RecurrenceSchema.optional(),
    evidenceRequired: z.boolean().meta({ description: "Whether the person must upload proof (Nachweis)." }),
    legalConsequences: text(4000).meta({ description: "German legal-consequences text for this obligation (Rechtsfolgen)." }),
    explanations: ExplanationsSchema.optional(),
  })
  .refine((t) => !(t.dueDate && t.recurrence), { error: "Give either dueDate or recurrence, not both.", path: ["recurrence"] });

export const PlanInputSchema = z
  .strictObject({
    goals: z.array(text(1000)).min(1).max(20).meta({ description: "The goals (German)." }),
    jobcenterCommitments: z.array(text(1000)).max(30).meta({ description: "What the Jobcenter will do (German)." }),
    tasks: z.array(TaskInputSchema).max(50).meta({ description: "The person's tasks." }),
    rechtsfolgenbelehrung: text(20000).meta({ description: "The Rechtsfolgenbelehrung (German, legally binding)." }),
    rechtsfolgenbelehrungExplanations: ExplanationsSchema.optional(),
  })
  .refine((p) => new Set(p.tasks.map((t) => t.id)).size === p.tasks.length, { error: "Task ids must be unique.", path: ["tasks"] })
  .meta({ description: "A Kooperationsplan (or Eingliederungsvereinbarung, as the Träger calls it). Every PUT publishes a new version." });

export type PlanInput = z.output<typeof PlanInputSchema>;
export type TaskInput = PlanInput["tasks"][number];

/** The last day of a month (1-12). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `isoDate` plus `months`, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface Occurrence {
  occurrence: number;
  dueDate: string | null;
}

/** The occurrences of a task: one for a one-off (dated or not), `count` for a recurring one. */
export function occurrencesOf(task: Pick<TaskInput, "dueDate" | "recurrence">): Occurrence[] {
  if (!task.recurrence) return [{ occurrence: 0, dueDate: task.dueDate ?? null }];
  const { frequency, firstDueDate, count } = task.recurrence;
  return Array.from({ length: count }, (_, i) => ({
    occurrence: i,
    dueDate: frequency === "monthly" ? addMonths(firstDueDate, i) : addDays(firstDueDate, 7 * i),
  }));
}

export interface OccurrenceState {
  dueDate: string | null;
  status: "open" | "done";
}

/** The open occurrence due next (earliest dated, else an undated one); null when all are done. */
export function nextDue<T extends OccurrenceState>(occurrences: T[]): T | null {
  const open = occurrences.filter((o) => o.status === "open");
  const dated = open.filter((o) => o.dueDate).sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : 0));
  return dated[0] ?? open[0] ?? null;
}

/** Days from `today` to `dueDate` (negative: overdue). */
export function daysUntil(dueDate: string, today: string): number {
  return Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Reminders go out this many days before a due date (and on the day itself). */
export const REMINDER_DAYS_BEFORE = [3, 0] as const;

/** Which reminder kinds are due for an open occurrence today (Europe/Berlin date). */
export function dueTaskReminders(dueDate: string | null, status: "open" | "done", today: string): string[] {
  if (!dueDate || status !== "open") return [];
  const days = daysUntil(dueDate, today);
  if (days < 0) return [];
  // Only the closest reminder: a task published two days ahead gets one mail, not two.
  const kind = [...REMINDER_DAYS_BEFORE].sort((a, b) => a - b).find((d) => days <= d);
  return kind === undefined ? [] : [`d${kind}`];
}

export interface PlanChanges {
  goalsAdded: string[];
  goalsRemoved: string[];
  commitmentsAdded: string[];
  commitmentsRemoved: string[];
  tasksAdded: string[];
  tasksRemoved: string[];
  tasksChanged: string[];
  rechtsfolgenbelehrungChanged: boolean;
}

/** What changed from one version to the next (task titles of the new version where present). */
export function planChanges(previous: PlanInput, current: PlanInput): PlanChanges {
  const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
  const before = new Map(previous.tasks.map((t) => [t.id, t]));
  const after = new Map(current.tasks.map((t) => [t.id, t]));
  return {
    goalsAdded: minus(current.goals, previous.goals),
    goalsRemoved: minus(previous.goals, current.goals),
    commitmentsAdded: minus(current.jobcenterCommitments, previous.jobcenterCommitments),
    commitmentsRemoved: minus(previous.jobcenterCommitments, current.jobcenterCommitments),
    tasksAdded: current.tasks.filter((t) => !before.has(t.id)).map((t) => t.title),
    tasksRemoved: previous.tasks.filter((t) => !after.has(t.id)).map((t) => t.title),
    tasksChanged: current.tasks.filter((t) => before.has(t.id) && JSON.stringify(before.get(t.id)) !== JSON.stringify(t)).map((t) => t.title),
    rechtsfolgenbelehrungChanged: previous.rechtsfolgenbelehrung !== current.rechtsfolgenbelehrung,
  };
}

export function hasChanges(changes: PlanChanges): boolean {
  return Object.values(changes).some((v) => (Array.isArray(v) ? v.length > 0 : v));
}

export { HELP_MESSAGE_MAX } from "./limits";
