// The need of each member: Regelbedarf (§ 20), Kindersofortzuschlag (§ 72), Mehrbedarfe (§ 21)
// and the share of the housing costs (§ 22 SGB II).

import type { HotWater } from "./keys";
import { roundCents } from "./money";
import type { ParameterSet, Regelbedarfsstufe } from "./parameters";

/** § 20 Abs. 1a SGB II with the RBSFV: the monthly Regelbedarf of the Stufe. */
export function regelbedarf(p: ParameterSet, stufe: Regelbedarfsstufe): number {
  return p.regelbedarf[stufe];
}

/** § 72 SGB II: Kindersofortzuschlag for every member on RBS 3–6 (decision 2). */
export function kindersofortzuschlag(p: ParameterSet, stufe: Regelbedarfsstufe): number {
  return stufe >= 3 ? p.kindersofortzuschlag : 0;
}

/** A share as a percentage for the explanation (0.023 → 2.3). */
function percent(share: number): number {
  return Math.round(share * 1000) / 10;
}

export interface MehrbedarfItem {
  readonly kind: "pregnancy" | "single-parent" | "disability" | "diet" | "hot-water";
  readonly amount: number;
  readonly percent: number;
  readonly minorChildren?: number;
}

/** § 21 Abs. 2: 17 % of the member's Regelbedarf after the 12th week of pregnancy. */
export function pregnancyMehrbedarf(p: ParameterSet, pregnancyWeek: number | null, ownRegelbedarf: number): MehrbedarfItem | null {
  const { share, fromWeek } = p.mehrbedarf.pregnancy;
  if (pregnancyWeek === null || pregnancyWeek < fromWeek) return null;
  return { kind: "pregnancy", amount: roundCents(share * ownRegelbedarf), percent: percent(share) };
}

/**
 * § 21 Abs. 3: 36 % of RBS 1 with a child under 7 or two or three children under 16; otherwise
 * 12 % per minor child if that gives more; at most 60 %.
 */
export function singleParentMehrbedarf(p: ParameterSet, minorChildAges: readonly number[]): MehrbedarfItem | null {
  if (minorChildAges.length === 0) return null;
  const s = p.mehrbedarf.singleParent;
  const underSeven = minorChildAges.filter((age) => age < s.elevatedYoungestUnder).length;
  const underSixteen = minorChildAges.filter((age) => age < s.elevatedTwoOrMoreUnder).length;
  const elevated = underSeven >= 1 || underSixteen >= 2 ? s.elevatedShare : 0; // Nr. 1
  const perChild = s.perChildShare * minorChildAges.length; // Nr. 2
  const share = Math.min(Math.max(elevated, perChild), s.maxShare);
  return {
    kind: "single-parent",
    amount: roundCents(share * p.regelbedarf[1]),
    percent: percent(share),
    minorChildren: minorChildAges.length,
  };
}

/** § 21 Abs. 4: 35 % of the member's Regelbedarf with Leistungen zur Teilhabe am Arbeitsleben. */
export function disabilityMehrbedarf(p: ParameterSet, participation: boolean, ownRegelbedarf: number): MehrbedarfItem | null {
  if (!participation) return null;
  return { kind: "disability", amount: roundCents(p.mehrbedarf.disability * ownRegelbedarf), percent: percent(p.mehrbedarf.disability) };
}

/** § 21 Abs. 5: kostenaufwändige Ernährung, Deutscher-Verein share of RBS 1 (decision 8). */
export function dietMehrbedarf(p: ParameterSet, diet: keyof ParameterSet["mehrbedarf"]["diet"] | "none"): MehrbedarfItem | null {
  if (diet === "none") return null;
  const share = p.mehrbedarf.diet[diet];
  return { kind: "diet", amount: roundCents(share * p.regelbedarf[1]), percent: percent(share) };
}

/** § 21 Abs. 8: the Mehrbedarfe of Abs. 2–5 together may not exceed the member's Regelbedarf. */
export function capMehrbedarfe(sum: number, ownRegelbedarf: number): number {
  return Math.min(sum, ownRegelbedarf);
}

/** § 21 Abs. 7: decentral hot water, a share of the member's Regelbedarf by Stufe (outside the cap). */
export function hotWaterMehrbedarf(p: ParameterSet, hotWater: HotWater, stufe: Regelbedarfsstufe, ownRegelbedarf: number): MehrbedarfItem | null {
  if (hotWater !== "decentral") return null;
  const share = p.mehrbedarf.hotWater[stufe];
  return { kind: "hot-water", amount: roundCents(share * ownRegelbedarf), percent: percent(share) };
}

export interface HousingCosts {
  /** Bruttokaltmiete as counted (actual, or capped at the limit). */
  readonly countedRent: number;
  readonly actualRent: number;
  readonly heating: number;
  /** Bruttokaltmiete + heating as counted. */
  readonly total: number;
  /** Persons in the dwelling the costs are split over. */
  readonly persons: number;
  /** Per-head share, unrounded (decision 15). */
  readonly share: number;
  /** The limit used after the Karenzzeit, or the cap inside it (from 2026-07-01), or null (no limit used). */
  readonly limit: number | null;
  readonly mode: "karenzzeit" | "karenzzeit-cap-applied" | "karenzzeit-within-cap" | "no-limit-configured" | "limit-applied" | "within-limit";
  /** Karenzzeit with a cap (Neue Grundsicherung): the Träger's limit the cap is a multiple of. */
  readonly localLimit?: number;
}

/**
 * § 22 Abs. 1 SGB II: Bruttokaltmiete + heating, split per head over everyone in the dwelling
 * (Kopfteilprinzip, decision 3). Inside the Karenzzeit (§ 22 Abs. 1 S. 2–4) the actual rent;
 * afterwards the rent capped at the Träger's limit for the household size, where one is configured.
 * Neue Grundsicherung (`karenzzeitCapFactor`, from 2026-07-01): inside the Karenzzeit the actual
 * rent counts up to `karenzzeitCapFactor` × the Träger's limit, where one is configured.
 */
export function housingCosts(
  grossColdRent: number,
  heating: number,
  persons: number,
  firstYearOfReceipt: boolean,
  housingLimit: ((householdSize: number) => number | null) | undefined,
  karenzzeitCapFactor: number | null = null,
): HousingCosts {
  let countedRent = grossColdRent;
  let limit: number | null = null;
  let mode: HousingCosts["mode"] = "karenzzeit";
  if (firstYearOfReceipt && karenzzeitCapFactor !== null) {
    const configured = housingLimit ? housingLimit(persons) : null;
    if (configured !== null && configured !== undefined && Number.isFinite(configured)) {
      limit = roundCents(configured * karenzzeitCapFactor);
      mode = grossColdRent > limit ? "karenzzeit-cap-applied" : "karenzzeit-within-cap";
      countedRent = Math.min(grossColdRent, limit);
      const total = countedRent + heating;
      return { countedRent, actualRent: grossColdRent, heating, total, persons, share: persons > 0 ? total / persons : 0, limit, mode, localLimit: configured };
    }
  }
  if (!firstYearOfReceipt) {
    const configured = housingLimit ? housingLimit(persons) : null;
    if (configured === null || configured === undefined || !Number.isFinite(configured)) {
      mode = "no-limit-configured";
    } else {
      limit = configured;
      mode = grossColdRent > configured ? "limit-applied" : "within-limit";
      countedRent = Math.min(grossColdRent, configured);
    }
  }
  const total = countedRent + heating;
  return { countedRent, actualRent: grossColdRent, heating, total, persons, share: persons > 0 ? total / persons : 0, limit, mode };
}
