// What a missed appointment means under the Neue Grundsicherung (from 2026-07-01; decision 032;
// docs/sources/rules-2026.md: deutschlandfunk.de/bundestag-stimmt-fuer-neue-grundsicherung-100.html,
// gegen-hartz.de): reductions of 30 % for three months; missed appointments without an important
// reason are counted: the first is a warning, from the second the benefit is reduced by 30 %, after
// the third payments can stop. Before 2026-07-01 (Bürgergeld, § 32 SGB II): 10 % for one month
// per missed appointment. Pure: the caller counts the missed appointments.

export const MELDEVERSAEUMNIS_RULES_FROM = "2026-07-01";

export type MeldeversaeumnisStage =
  /** Bürgergeld (before 2026-07-01): every missed appointment, 10 % for one month. */
  | "buergergeld"
  /** This would be the first missed appointment: no reduction yet. */
  | "first"
  /** This would be the second: 30 % for three months. */
  | "second"
  /** This would be the third or a later one: payments can stop. */
  | "third";

export interface MeldeversaeumnisConsequence {
  readonly stage: MeldeversaeumnisStage;
  /** Appointments already missed without an important reason (the count the text names). */
  readonly missedSoFar: number;
  /** The number this appointment would be if missed (missedSoFar + 1). */
  readonly wouldBe: number;
}

/**
 * The consequence a Rechtsfolgenbelehrung for the appointment on `appointmentDate` (ISO) must name,
 * given the appointments already missed without an important reason.
 */
export function meldeversaeumnisConsequence(appointmentDate: string, missedSoFar: number): MeldeversaeumnisConsequence {
  const count = Math.max(0, Math.floor(missedSoFar));
  const wouldBe = count + 1;
  if (appointmentDate.slice(0, 10) < MELDEVERSAEUMNIS_RULES_FROM) return { stage: "buergergeld", missedSoFar: count, wouldBe };
  return { stage: wouldBe === 1 ? "first" : wouldBe === 2 ? "second" : "third", missedSoFar: count, wouldBe };
}
