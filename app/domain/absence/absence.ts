// Asking in advance to be away (Ortsabwesenheit). § 7b SGB II: a person able to work receives
// benefits when reachable — staying near the Jobcenter and able to read its mail on working
// days (Abs. 1). Away from there, only with the Jobcenter's consent (Abs. 2 and 3): with an
// important reason (Abs. 2 S. 2: medical Vorsorge or Reha, a church, union or public-interest
// event, a stay mainly for finding work or training, volunteering), or without one, as a rule
// for up to three weeks in a calendar year (Abs. 3). Being away for paid work needs no consent
// (Abs. 2 S. 3), so the portal does not ask for it. The portal collects and shows the rules; the
// Jobcenter decides. Pure TypeScript.

/** The important reasons of § 7b Abs. 2 S. 2, or none. */
export const ABSENCE_REASONS = ["none", "medical", "event", "integration", "volunteering"] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export const DESTINATIONS = ["germany", "abroad"] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** § 7b Abs. 3: consent "in der Regel" for up to three weeks a calendar year without an important reason. */
export const DAYS_WITHOUT_REASON_PER_YEAR = 21;

/** Longest single request the portal takes (a longer stay is a matter for a conversation). */
export const MAX_REQUEST_DAYS = 366;

export const REACHABLE_MAX = 300;

export interface AbsenceInput {
  from: string;
  to: string;
  destination: Destination;
  reason: AbsenceReason;
  /** How the Jobcenter reaches the person while away (phone, e-mail); optional. */
  reachable: string;
}

export type AbsenceField = "from" | "to" | "destination" | "reason" | "reachable";
export type AbsenceProblem = "required" | "date" | "past" | "beforeFrom" | "tooLong" | "choose" | "tooLongText";

/** Days from `from` to `to`, both included (ISO dates). */
export function absenceDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** What is wrong with a request, by field; empty when it can be sent. `today` is the Berlin date. */
export function absenceProblems(
  input: { from: string | null; to: string | null; destination: string; reason: string; reachable: string },
  today: string,
): Partial<Record<AbsenceField, AbsenceProblem>> {
  const problems: Partial<Record<AbsenceField, AbsenceProblem>> = {};
  if (input.from === null) problems.from = "date";
  else if (input.from < today) problems.from = "past";
  if (input.to === null) problems.to = "date";
  else if (input.from !== null && input.to < input.from) problems.to = "beforeFrom";
  else if (input.from !== null && absenceDays(input.from, input.to) > MAX_REQUEST_DAYS) problems.to = "tooLong";
  if (!(DESTINATIONS as readonly string[]).includes(input.destination)) problems.destination = "choose";
  if (!(ABSENCE_REASONS as readonly string[]).includes(input.reason)) problems.reason = "choose";
  if (input.reachable.length > REACHABLE_MAX) problems.reachable = "tooLongText";
  return problems;
}

/** Days of the calendar year `year` that an absence covers. */
export function daysInYear(from: string, to: string, year: number): number {
  const start = from > `${year}-01-01` ? from : `${year}-01-01`;
  const end = to < `${year}-12-31` ? to : `${year}-12-31`;
  return end < start ? 0 : absenceDays(start, end);
}

export interface AbsenceNotes {
  /** Asked fewer days ahead than the Träger asks for (shown, never refused). */
  late: boolean;
  /** Days without an important reason in the year of `from`, with this request, above three weeks. */
  overYearly: boolean;
  /** Days without an important reason already approved or pending in that year. */
  usedDays: number;
}

/**
 * What the person should know before sending: too short notice, and whether this request takes
 * the year's days without an important reason beyond three weeks. Never a refusal: the Jobcenter
 * may consent to more (§ 7b Abs. 3 "in der Regel").
 */
export function absenceNotes(input: AbsenceInput, today: string, noticeDays: number, others: ReadonlyArray<{ from: string; to: string; reason: AbsenceReason }>): AbsenceNotes {
  const withoutReason = others.filter((o) => o.reason === "none");
  const used = (year: number) => withoutReason.reduce((sum, o) => sum + daysInYear(o.from, o.to, year), 0);
  const first = Number(input.from.slice(0, 4));
  const last = Number(input.to.slice(0, 4));
  // "im Kalenderjahr": a request over New Year counts in each year with its own days.
  let overYearly = false;
  if (input.reason === "none") for (let year = first; year <= last; year++) overYearly ||= used(year) + daysInYear(input.from, input.to, year) > DAYS_WITHOUT_REASON_PER_YEAR;
  return { late: absenceDays(today, input.from) - 1 < noticeDays, overYearly, usedDays: used(first) };
}
