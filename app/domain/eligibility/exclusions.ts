// Legal exclusions from Bürgergeld (§§ 7, 8 SGB II), per member of the Bedarfsgemeinschaft.
// The applicant's exclusions decide the outcome; those of other members are listed only
// (decision 17).

import type { BedarfsgemeinschaftPlan, HouseholdMember } from "./bedarfsgemeinschaft";
import type { ExclusionReason } from "./keys";
import type { ParameterSet } from "./parameters";

/** § 7 Abs. 1 S. 2 Nr. 3: AsylbLG recipients. */
function isAsylbLGRecipient(m: HouseholdMember): boolean {
  return m.residence === "asylum-seeker";
}

/** § 7 Abs. 1 S. 2 Nr. 1: foreigners in their first three months (neither workers nor self-employed). */
function isInFirstThreeMonths(m: HouseholdMember): boolean {
  return m.residence === "eu-first-three-months";
}

/** § 7 Abs. 1 S. 2 Nr. 2 b: a right of residence only for job-seeking. */
function isJobseekerOnly(m: HouseholdMember): boolean {
  return m.residence === "eu-jobseeker-only";
}

/** § 7 Abs. 4 S. 1: receives an Altersrente. */
function receivesOldAgePension(m: HouseholdMember): boolean {
  return m.oldAgePension;
}

/** § 7 Abs. 1 S. 1 Nr. 1, § 7a: reached the Regelaltersgrenze (67, decision 11). */
function reachedRegelaltersgrenze(p: ParameterSet, m: HouseholdMember): boolean {
  return m.age >= p.regelaltersgrenze;
}

/** § 7 Abs. 4 S. 1, 3: in an inpatient facility for more than six months. */
function isInpatientLongTerm(m: HouseholdMember): boolean {
  return m.inpatientOverSixMonths;
}

/**
 * § 7 Abs. 5, 6 (decision 14): training eligible for BAföG/BAB in principle, unless living with the
 * parents (§ 7 Abs. 6 Nr. 2). A `child` lives with its parent; an applicant lives with `parent` members.
 */
function isExcludedTrainee(m: HouseholdMember, plan: BedarfsgemeinschaftPlan): boolean {
  if (m.education !== "bafoeg-eligible") return false;
  if (m.role === "child") return false;
  if (m.role === "applicant") return !plan.household.some((other) => other.role === "parent");
  return true;
}

/** § 8 Abs. 1 SGB II: able to work at least three hours a day, from age 15 to the Regelaltersgrenze. */
export function isAbleToWork(p: ParameterSet, m: HouseholdMember): boolean {
  return m.ableToWork && !m.permanentlyUnableToWork && m.age >= p.minimumAge && m.age < p.regelaltersgrenze;
}

/**
 * Decision 16: an applicant not able to work is excluded only when no member of the
 * Bedarfsgemeinschaft is able to work (§ 7 Abs. 2: otherwise they get Bürgergeld under § 23).
 */
function unableToWorkWithoutAbleMember(p: ParameterSet, m: HouseholdMember, bedarfsgemeinschaft: readonly HouseholdMember[]): boolean {
  if (m.ableToWork || m.permanentlyUnableToWork) return false;
  return !bedarfsgemeinschaft.some((other) => other !== m && isAbleToWork(p, other));
}

/**
 * The exclusion reasons of one member of the Bedarfsgemeinschaft. The applicant is also checked
 * for the minimum age and for being erwerbsfähig (decision 16); other members who are not able to
 * work stay in the BG (§ 7 Abs. 2, § 23), unless they are permanently unable to work as adults
 * (their claim is SGB XII Grundsicherung, § 41 SGB XII).
 */
export function exclusionReasons(p: ParameterSet, m: HouseholdMember, plan: BedarfsgemeinschaftPlan, bedarfsgemeinschaft: readonly HouseholdMember[]): ExclusionReason[] {
  const isApplicant = m === plan.applicant;
  const reasons: ExclusionReason[] = [];
  if (isAsylbLGRecipient(m)) reasons.push("asylum-seeker");
  if (isInFirstThreeMonths(m)) reasons.push("eu-first-three-months");
  if (isJobseekerOnly(m)) reasons.push("eu-jobseeker-only");
  if (receivesOldAgePension(m)) reasons.push("old-age-pension");
  if (reachedRegelaltersgrenze(p, m)) reasons.push("regelaltersgrenze");
  if (isApplicant && m.age < p.minimumAge) reasons.push("below-minimum-age");
  if (m.permanentlyUnableToWork && (isApplicant || m.age >= 18)) reasons.push("permanently-unable-to-work");
  if (isApplicant && unableToWorkWithoutAbleMember(p, m, bedarfsgemeinschaft)) reasons.push("unable-to-work-without-able-member");
  if (isExcludedTrainee(m, plan)) reasons.push("bafoeg-eligible-training");
  if (isInpatientLongTerm(m)) reasons.push("inpatient-over-six-months");
  return reasons;
}
