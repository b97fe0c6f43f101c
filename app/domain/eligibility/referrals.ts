// Where else to turn: priority benefits (§ 12a SGB II) and the offices responsible for excluded
// people (rules.md § 7 and the contract's referral triggers).

import { ADULT_AGE, hasEarnings, type BedarfsgemeinschaftPlan, type HouseholdMember } from "./bedarfsgemeinschaft";
import { isAbleToWork } from "./exclusions";
import { type ExclusionReason, type Outcome, type Referral, REFERRALS } from "./keys";
import type { ParameterSet } from "./parameters";

/** The office or benefit for each exclusion reason. */
export const EXCLUSION_REFERRALS: Readonly<Record<ExclusionReason, readonly Referral[]>> = {
  "asylum-seeker": ["asylblg"], // AsylbLG, Sozialamt
  "eu-first-three-months": ["sgb12-hilfe-zum-lebensunterhalt"], // § 23 Abs. 3 SGB XII Überbrückungsleistungen
  "eu-jobseeker-only": ["sgb12-hilfe-zum-lebensunterhalt"],
  "old-age-pension": ["sgb12-grundsicherung"], // SGB XII 4. Kapitel
  regelaltersgrenze: ["sgb12-grundsicherung"],
  "below-minimum-age": [],
  "permanently-unable-to-work": ["sgb12-grundsicherung"], // adults; minors: SGB XII 3. Kapitel
  "unable-to-work-without-able-member": ["sgb12-hilfe-zum-lebensunterhalt"], // SGB XII 3. Kapitel
  "bafoeg-eligible-training": ["bafoeg"], // BAföG / BAB
  "inpatient-over-six-months": ["sgb12-hilfe-zum-lebensunterhalt"],
};

/** Exclusions of people past working life: Wohngeld is the alternative to compare (rules.md § 7). */
const WOHNGELD_ALTERNATIVE: ReadonlySet<ExclusionReason> = new Set(["old-age-pension", "regelaltersgrenze"]);

export function referralsForExclusion(member: HouseholdMember, reason: ExclusionReason, isApplicant: boolean): Referral[] {
  if (reason === "permanently-unable-to-work" && member.age < ADULT_AGE) return ["sgb12-hilfe-zum-lebensunterhalt"];
  const referrals = [...EXCLUSION_REFERRALS[reason]];
  if (isApplicant && WOHNGELD_ALTERNATIVE.has(reason)) referrals.push("wohngeld");
  return referrals;
}

export interface ReferralContext {
  readonly p: ParameterSet;
  readonly plan: BedarfsgemeinschaftPlan;
  readonly bedarfsgemeinschaft: readonly HouseholdMember[];
  readonly outcome: Outcome;
  readonly exclusions: readonly { readonly member: HouseholdMember; readonly reason: ExclusionReason }[];
}

/** Children of the applicant or partner under 25 in the dwelling (BuT, Kinderzuschlag). */
function childrenInHousehold(plan: BedarfsgemeinschaftPlan): HouseholdMember[] {
  return plan.household.filter((m) => m.role === "child" && m.age < 25);
}

/**
 * § 6a BKGG with § 12a SGB II: the Kinderzuschlag (and Wohngeld) comparison when the parents'
 * gross earnings reach the KiZ minimum (600 € single parent, 900 € couple).
 */
function parentsReachKinderzuschlagMinimum(p: ParameterSet, plan: BedarfsgemeinschaftPlan): boolean {
  const earnings = plan.applicant.income.earnedGross + (plan.partner?.income.earnedGross ?? 0);
  const minimum = plan.partner ? p.kinderzuschlagMinimumEarnings.couple : p.kinderzuschlagMinimumEarnings.singleParent;
  return earnings >= minimum;
}

/** § 2 UVG: the Unterhaltsvorschuss for a child of the age. */
function unterhaltsvorschussFor(p: ParameterSet, age: number): number {
  const uv = p.unterhaltsvorschuss;
  return age < 6 ? uv.upToAge5 : age < 12 ? uv.upToAge11 : uv.upToAge17;
}

/**
 * §§ 1, 2 UVG: a single parent's minor child gets less maintenance than the Unterhaltsvorschuss
 * (ages 12–17 only when the parent earns at least 600 € gross, § 1 Abs. 1a UVG).
 */
function mayClaimUnterhaltsvorschuss(p: ParameterSet, plan: BedarfsgemeinschaftPlan): boolean {
  if (plan.partner) return false;
  const parentEarnings = plan.applicant.income.earnedGross;
  return plan.household.some((child) => {
    if (child.role !== "child" || child.age >= ADULT_AGE) return false;
    if (child.age >= 12 && parentEarnings < p.unterhaltsvorschuss.minimumParentEarningsFrom12) return false;
    return child.income.maintenanceAndAdvance < unterhaltsvorschussFor(p, child.age);
  });
}

/** SGB III: ALG I may be worth checking when nobody in the BG earns or gets ALG I and an adult is able to work. */
function mayClaimAlg1(p: ParameterSet, bedarfsgemeinschaft: readonly HouseholdMember[]): boolean {
  if (bedarfsgemeinschaft.some((m) => hasEarnings(m) || m.income.unemploymentBenefit > 0)) return false;
  return bedarfsgemeinschaft.some((m) => m.age >= ADULT_AGE && isAbleToWork(p, m));
}

/** All referrals for the result, in the order of REFERRALS. */
export function referrals(ctx: ReferralContext): Referral[] {
  const { p, plan, bedarfsgemeinschaft, outcome } = ctx;
  const set = new Set<Referral>();
  for (const { member, reason } of ctx.exclusions) {
    for (const r of referralsForExclusion(member, reason, member === plan.applicant)) set.add(r);
  }
  if (bedarfsgemeinschaft.some((m) => m.education === "bafoeg-eligible")) set.add("bafoeg");
  if (outcome !== "excluded") {
    const children = childrenInHousehold(plan);
    const notEligible = outcome === "likely-not-eligible";
    if (mayClaimAlg1(p, bedarfsgemeinschaft)) set.add("alg1");
    if (children.length > 0 && (notEligible || parentsReachKinderzuschlagMinimum(p, plan))) {
      set.add("kinderzuschlag");
      set.add("wohngeld");
    }
    if (notEligible) set.add("wohngeld");
    if (mayClaimUnterhaltsvorschuss(p, plan)) set.add("unterhaltsvorschuss");
    if (children.length > 0) set.add("bildung-und-teilhabe");
  }
  return REFERRALS.filter((r) => set.has(r));
}
