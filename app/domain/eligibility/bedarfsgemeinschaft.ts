// Who lives in the dwelling, who forms the Bedarfsgemeinschaft (§ 7 Abs. 3 SGB II) and which
// Regelbedarfsstufe each member gets (§ 20 Abs. 2–4, § 23 Nr. 1 SGB II).

import type { Education, MedicalDiet, Residence, Role } from "./keys";
import type { Regelbedarfsstufe } from "./parameters";
import type { EligibilityMember } from "./schema";

/** Ages the law turns on. */
export const ADULT_AGE = 18; // § 2 BGB: Volljährigkeit
export const U25_AGE = 25; // § 7 Abs. 3 Nr. 2 and 4 SGB II

/** A request member with the contract's defaults applied and income summed up. */
export interface HouseholdMember {
  readonly index: number;
  readonly id: string;
  readonly role: Role;
  readonly age: number;
  readonly ableToWork: boolean;
  readonly permanentlyUnableToWork: boolean;
  readonly pregnancyWeek: number | null;
  readonly disabilityWorkParticipation: boolean;
  readonly medicalDiet: MedicalDiet;
  readonly education: Education;
  readonly oldAgePension: boolean;
  readonly residence: Residence;
  readonly inpatientOverSixMonths: boolean;
  readonly income: MemberIncome;
}

export interface MemberIncome {
  /** Gross earnings: employment gross + self-employment profit (decision 4). */
  readonly earnedGross: number;
  /** Net earnings: employment net + self-employment profit (decision 4). */
  readonly earnedNet: number;
  /** Set when one of gross or net earnings was missing and taken from the other. */
  readonly assumption: "net-equals-gross" | "gross-equals-net" | null;
  /** Kindergeld paid for this member (kept apart for the Kindergeldübertrag). */
  readonly childBenefit: number;
  /** All other non-earned income (ALG I, pensions, Elterngeld, Unterhalt, UV, other), Kindergeld excluded. */
  readonly otherWithoutChildBenefit: number;
  readonly maintenanceAndAdvance: number;
  readonly unemploymentBenefit: number;
}

export function normalizeMember(member: EligibilityMember, index: number): HouseholdMember {
  const income = member.income ?? {};
  const employmentGross = income.employmentGross;
  const employmentNet = income.employmentNet;
  const profit = income.selfEmploymentProfit ?? 0;
  let gross = employmentGross ?? 0;
  let net = employmentNet ?? 0;
  let assumption: MemberIncome["assumption"] = null;
  if (employmentNet === undefined && gross > 0) {
    net = gross;
    assumption = "net-equals-gross";
  } else if (employmentGross === undefined && net > 0) {
    gross = net;
    assumption = "gross-equals-net";
  }
  const maintenanceAndAdvance = (income.maintenance ?? 0) + (income.maintenanceAdvance ?? 0);
  const unemploymentBenefit = income.unemploymentBenefit ?? 0;
  return {
    index,
    id: member.id,
    role: member.role,
    age: member.age,
    ableToWork: member.ableToWork ?? true,
    permanentlyUnableToWork: member.permanentlyUnableToWork ?? false,
    pregnancyWeek: member.pregnancyWeek ?? null,
    disabilityWorkParticipation: member.disabilityWorkParticipation ?? false,
    medicalDiet: member.medicalDiet ?? "none",
    education: member.education ?? "none",
    oldAgePension: member.oldAgePension ?? false,
    residence: member.residence ?? "german",
    inpatientOverSixMonths: member.inpatientOverSixMonths ?? false,
    income: {
      earnedGross: gross + profit,
      earnedNet: net + profit,
      assumption,
      childBenefit: income.childBenefit ?? 0,
      otherWithoutChildBenefit: unemploymentBenefit + (income.pension ?? 0) + (income.parentalAllowance ?? 0) + maintenanceAndAdvance + (income.other ?? 0),
      maintenanceAndAdvance,
      unemploymentBenefit,
    },
  };
}

export function isMinor(member: HouseholdMember): boolean {
  return member.age < ADULT_AGE;
}

export function hasEarnings(member: HouseholdMember): boolean {
  return member.income.earnedGross > 0 || member.income.earnedNet > 0;
}

export interface BedarfsgemeinschaftPlan {
  /** "own": applicant (+ partner, children); "parents": U25 applicant with their parents (decision 9). */
  readonly kind: "own" | "parents";
  readonly applicant: HouseholdMember;
  readonly partner: HouseholdMember | null;
  /** Unmarried children under 25 of the applicant or partner (before the own-income test). */
  readonly children: readonly HouseholdMember[];
  /** Parents in the Bedarfsgemeinschaft (only for kind "parents"). */
  readonly parents: readonly HouseholdMember[];
  /** Members of the Bedarfsgemeinschaft before the own-income test, in request order. */
  readonly members: readonly HouseholdMember[];
  /** Everyone in the dwelling (for the per-head housing split and the single-parent count). */
  readonly household: readonly HouseholdMember[];
}

/** § 7 Abs. 3 Nr. 4: an unmarried child under 25 of the applicant or partner; a child of 25+ lives there like `other` (decision 10). */
function isChildInBedarfsgemeinschaft(member: HouseholdMember): boolean {
  return member.role === "child" && member.age < U25_AGE;
}

/** § 7 Abs. 3 Nr. 2: the parents belong to the BG of an unmarried applicant under 25 without a partner (decision 9). */
function formsBedarfsgemeinschaftWithParents(applicant: HouseholdMember, partner: HouseholdMember | null, parents: readonly HouseholdMember[]): boolean {
  return applicant.age < U25_AGE && partner === null && parents.length > 0;
}

/** § 7 Abs. 3 SGB II: the Bedarfsgemeinschaft formed around the applicant. */
export function formBedarfsgemeinschaft(household: readonly HouseholdMember[]): BedarfsgemeinschaftPlan {
  const applicant = household.find((m) => m.role === "applicant");
  if (!applicant) throw new Error("formBedarfsgemeinschaft: no applicant (validate the request first)");
  const partner = household.find((m) => m.role === "partner") ?? null; // § 7 Abs. 3 Nr. 3
  const children = household.filter(isChildInBedarfsgemeinschaft);
  const parentMembers = household.filter((m) => m.role === "parent");
  const kind = formsBedarfsgemeinschaftWithParents(applicant, partner, parentMembers) ? "parents" : "own";
  const parents = kind === "parents" ? parentMembers : [];
  const members = household.filter((m) => m === applicant || m === partner || isChildInBedarfsgemeinschaft(m) || (kind === "parents" && m.role === "parent"));
  return { kind, applicant, partner, children, parents, members, household };
}

/** § 20 Abs. 2 S. 2, § 23 Nr. 1: the Regelbedarfsstufe of a child or young adult by age. */
export function stufeByAge(age: number): Regelbedarfsstufe {
  if (age < 6) return 6; // § 23 Nr. 1: bis zur Vollendung des 6. Lebensjahres
  if (age < 14) return 5; // § 23 Nr. 1: vom 7. bis zur Vollendung des 14. Lebensjahres
  if (age < ADULT_AGE) return 4; // § 20 Abs. 2 S. 2 Nr. 1, § 23 Nr. 1: 15. bis 18. Lebensjahr
  return 3; // § 20 Abs. 2 S. 2 Nr. 2: other adult members (18–24 in the parents' BG)
}

/** § 20 Abs. 2–4 SGB II: the member's Regelbedarfsstufe in the plan. */
export function regelbedarfsstufe(member: HouseholdMember, plan: BedarfsgemeinschaftPlan): Regelbedarfsstufe {
  if (member.role === "child") return stufeByAge(member.age);
  if (plan.kind === "parents") {
    // Decision 9: the applicant by age (RBS 4 at 15–17, RBS 3 at 18–24) …
    if (member === plan.applicant) return stufeByAge(member.age);
    // … § 20 Abs. 4: two parents RBS 2 each; § 20 Abs. 2 S. 1: a single parent RBS 1.
    return plan.parents.length >= 2 ? 2 : 1;
  }
  const { partner } = plan;
  if (!partner) return 1; // § 20 Abs. 2 S. 1: alleinstehend or alleinerziehend
  if (isMinor(member)) return 4; // § 20 Abs. 2 S. 2 Nr. 1: a minor partner
  if (isMinor(member === partner ? plan.applicant : partner)) return 1; // § 20 Abs. 2 S. 1: the partner is a minor
  return 2; // § 20 Abs. 4: two adult partners
}

/**
 * § 21 Abs. 3: who is alleinerziehend, with the ages of the minor children they care for alone.
 * Decision 7: every minor child in the household counts, also one that leaves the BG because its
 * own income covers its need.
 */
export function singleParents(plan: BedarfsgemeinschaftPlan): Map<HouseholdMember, number[]> {
  const result = new Map<HouseholdMember, number[]>();
  if (!plan.partner) {
    const minorChildren = plan.household.filter((m) => m.role === "child" && isMinor(m));
    if (minorChildren.length > 0)
      result.set(
        plan.applicant,
        minorChildren.map((c) => c.age),
      );
  }
  // A single parent living with their minor applicant child (decision 9).
  if (plan.kind === "parents" && plan.parents.length === 1 && isMinor(plan.applicant)) {
    result.set(plan.parents[0], [plan.applicant.age]);
  }
  return result;
}

/** Decision 13: a minor child lives in the Bedarfsgemeinschaft (or a minor applicant lives with parent members). */
export function minorChildInBedarfsgemeinschaft(plan: BedarfsgemeinschaftPlan): boolean {
  if (plan.household.some((m) => m.role === "child" && isMinor(m))) return true;
  return plan.kind === "parents" && isMinor(plan.applicant);
}
