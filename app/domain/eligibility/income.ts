// Counted income (§§ 11, 11b SGB II): earnings after the Grundfreibetrag (or the U25
// Absetzbetrag) and the Erwerbstätigenfreibetrag; other income after the Versicherungspauschale.

import { ADULT_AGE, hasEarnings, type HouseholdMember, U25_AGE } from "./bedarfsgemeinschaft";
import { positive } from "./money";
import type { EarningsBand, ParameterSet } from "./parameters";

/**
 * § 11b Abs. 2b SGB II (decision 5): a member under 25 at school, in vocational training (the
 * Ausbildungsvergütung included), in BAföG-eligible education or in a voluntary service.
 */
export function isU25InEducation(member: HouseholdMember): boolean {
  return member.age < U25_AGE && member.education !== "none";
}

/** § 11b Abs. 3 S. 3 (decision 13): the upper limit of the Erwerbstätigenfreibetrag. */
export function freibetragUpperLimit(p: ParameterSet, minorChild: boolean): number {
  return minorChild ? p.earnings.upperLimitWithMinorChild : p.earnings.upperLimit;
}

/**
 * § 11b Abs. 3 S. 2: the Erwerbstätigenfreibetrag on gross earnings, band by band (20 % from 100 to
 * 520 €, 30 % to 1,000 €, 10 % to the upper limit), counted only above `floor`.
 */
export function erwerbstaetigenfreibetrag(bands: readonly EarningsBand[], gross: number, floor: number, upperLimit: number): number {
  let freibetrag = 0;
  for (let i = 0; i < bands.length; i++) {
    const from = Math.max(bands[i].from, floor);
    const to = Math.min(i + 1 < bands.length ? bands[i + 1].from : upperLimit, upperLimit, gross);
    if (to > from) freibetrag += bands[i].rate * (to - from);
  }
  return freibetrag;
}

export interface EarnedIncomeAllowance {
  /** The Grundfreibetrag (§ 11b Abs. 2 S. 1) or the U25 Absetzbetrag (§ 11b Abs. 2b), up to the gross. */
  readonly base: number;
  readonly baseKind: "grundfreibetrag" | "u25-absetzbetrag";
  /** § 11b Abs. 3: the Erwerbstätigenfreibetrag. */
  readonly freibetrag: number;
  readonly upperLimit: number;
  readonly total: number;
}

/**
 * § 11b Abs. 2, 2b and 3 SGB II: the allowance on earnings. Normally 100 € plus the bands; for U25
 * in education the Minijob limit replaces the 100 € and only earnings above it get the bands
 * (30 % up to 1,000 €, 10 % above; no 20 % band on top, decision 5).
 */
export function earnedIncomeAllowance(p: ParameterSet, gross: number, u25InEducation: boolean, minorChild: boolean): EarnedIncomeAllowance {
  const threshold = u25InEducation ? p.earnings.u25Absetzbetrag : p.earnings.grundfreibetrag;
  const upperLimit = freibetragUpperLimit(p, minorChild);
  const base = Math.min(gross, threshold);
  const freibetrag = erwerbstaetigenfreibetrag(p.earnings.bands, gross, threshold, upperLimit);
  return {
    base,
    baseKind: u25InEducation ? "u25-absetzbetrag" : "grundfreibetrag",
    freibetrag,
    upperLimit,
    total: base + freibetrag,
  };
}

/**
 * § 11b Abs. 1 S. 1 Nr. 3 with § 6 Abs. 1 Nr. 1 Bürgergeld-V (decision 6): 30 € once per adult
 * without earnings, from their other income; never for minors; never with earnings (§ 11b Abs. 2
 * replaces it by the 100 €).
 */
export function versicherungspauschale(p: ParameterSet, member: HouseholdMember, otherIncome: number): number {
  if (member.age < ADULT_AGE || hasEarnings(member)) return 0;
  return Math.min(p.versicherungspauschale, otherIncome);
}

export interface CountedIncome {
  readonly earnedGross: number;
  readonly earnedNet: number;
  readonly allowance: EarnedIncomeAllowance | null;
  readonly countedEarned: number;
  /** Other income incl. own Kindergeld and transferred Kindergeld, before the Pauschale. */
  readonly other: number;
  readonly kindergeldTransfer: number;
  readonly pauschale: number;
  readonly counted: number;
}

/**
 * §§ 11, 11b SGB II: the member's counted income. Kindergeld, Unterhaltsvorschuss and maintenance
 * paid for the member are the member's own income (§ 11 Abs. 1 S. 4–5); Elterngeld counts in full
 * (decision 18); `kindergeldTransfer` is surplus Kindergeld of a child who left the BG (decision 12).
 */
export function countedIncome(p: ParameterSet, member: HouseholdMember, minorChild: boolean, kindergeldTransfer = 0): CountedIncome {
  const { earnedGross, earnedNet, childBenefit, otherWithoutChildBenefit } = member.income;
  let allowance: EarnedIncomeAllowance | null = null;
  let countedEarned = 0;
  if (hasEarnings(member)) {
    allowance = earnedIncomeAllowance(p, earnedGross, isU25InEducation(member), minorChild);
    countedEarned = positive(earnedNet - allowance.total);
  }
  const other = otherWithoutChildBenefit + childBenefit + kindergeldTransfer;
  const pauschale = versicherungspauschale(p, member, other);
  return {
    earnedGross,
    earnedNet,
    allowance,
    countedEarned,
    other,
    kindergeldTransfer,
    pauschale,
    counted: countedEarned + other - pauschale,
  };
}

/**
 * § 11 Abs. 1 S. 5 SGB II (decision 12): Kindergeld the child does not need passes to the parent,
 * at most the Kindergeld itself.
 */
export function kindergeldSurplus(childBenefit: number, childCountedIncome: number, childNeed: number): number {
  return Math.min(childBenefit, positive(childCountedIncome - childNeed));
}
