// The pre-check (Bürgergeld until 2026-06-30, Grundsicherungsgeld from 2026-07-01): need − counted income of the applicant's Bedarfsgemeinschaft, per the
// contract eligibility-check.v1 (method and its 18 decisions) and rules.md §§ 1–7, 11.
// Pure and framework-free: no I/O, no clock unless `today` is left out.
//
// Where the contract left room, this engine reads it like this:
// - Housing limit (firstYearOfReceipt false): `housingLimit(n)` is asked with n = everyone in the
//   dwelling; it caps the Bruttokaltmiete only, heating counts as given; the capped total is then
//   split per head. `housingLimit` in the response is the limit whenever one was configured.
// - Earnings with only gross (or only net) given: the missing one is taken as equal (a Minijob
//   without deductions) and the explanation says so; net above gross is a validation error.
// - Decision 13 "minor child lives in the BG": any minor `child` in the dwelling, also one who left
//   the BG because its own income covers its need (§ 11b Abs. 3 S. 3: "… oder ein minderjähriges Kind hat").
// - Decision 9: only the applicant's own income and need decide "not needy"; otherwise the
//   estimate is total need − total counted income (which equals the applicant's shortfall minus the
//   parents' excess when the parents are not needy themselves).
// - Applicants under 15 are excluded ("below-minimum-age", § 7 Abs. 1 S. 1 Nr. 1); `residence`
//   decides EU exclusions as given (an EU citizen with work is `eu-worker`).
// - Wohngeld is suggested next to SGB XII Grundsicherung when the applicant is excluded for age or
//   an Altersrente; ALG I when nobody in the BG earns or gets ALG I and an adult is able to work.

import { benefitNameFor } from "../benefit-name";
import { checkAssets, type AssetCheck } from "./assets";
import {
  formBedarfsgemeinschaft,
  hasEarnings,
  type BedarfsgemeinschaftPlan,
  type HouseholdMember,
  minorChildInBedarfsgemeinschaft,
  normalizeMember,
  regelbedarfsstufe,
  singleParents,
} from "./bedarfsgemeinschaft";
import { exclusionReasons, isAbleToWork } from "./exclusions";
import { countedIncome, type CountedIncome, kindergeldSurplus } from "./income";
import type { ExclusionReason, ExplanationKey, HotWater, Outcome } from "./keys";
import { roundCents } from "./money";
import {
  capMehrbedarfe,
  dietMehrbedarf,
  disabilityMehrbedarf,
  type HousingCosts,
  housingCosts,
  hotWaterMehrbedarf,
  kindersofortzuschlag,
  type MehrbedarfItem,
  pregnancyMehrbedarf,
  regelbedarf,
  singleParentMehrbedarf,
} from "./needs";
import { type ParameterSet, parametersFor, type PendingReform, type Regelbedarfsstufe } from "./parameters";
import { referrals } from "./referrals";
import { ELIGIBILITY_ERRORS, type EligibilityRequest, type EligibilityResponse, type ExplanationEntry, type ResponseMember } from "./schema";

export interface EvaluateOptions {
  /** The Träger's Angemessenheitsgrenze (Bruttokaltmiete) by household size; null where none is configured. */
  housingLimit?: (householdSize: number) => number | null;
  /** ISO date used when the request has no `date` (a clock for tests); default: today in Germany. */
  today?: string;
}

/** A valid date before 2023-07-01: answered with 422 (contract). */
export interface EligibilityOutOfRange {
  outOfRange: true;
  date: string;
  earliest: string;
  error: typeof ELIGIBILITY_ERRORS.dateOutOfRange;
}

export type EligibilityResult = EligibilityResponse | EligibilityOutOfRange;

export function isOutOfRange(result: EligibilityResult): result is EligibilityOutOfRange {
  return (result as EligibilityOutOfRange).outOfRange === true;
}

let berlinDate: Intl.DateTimeFormat | null = null;

/** Today's date in Germany as yyyy-mm-dd. */
export function todayInGermany(now: Date = new Date()): string {
  try {
    berlinDate ??= new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" });
    return berlinDate.format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

interface MemberNeed {
  readonly stufe: Regelbedarfsstufe;
  readonly regelbedarf: number;
  readonly sofortzuschlag: number;
  /** Mehrbedarfe of § 21 Abs. 2–5, each rounded to cents. */
  readonly cappedItems: readonly MehrbedarfItem[];
  readonly uncapped: number;
  /** § 21 Abs. 2–5 after the cap of Abs. 8. */
  readonly capped: number;
  readonly hotWater: MehrbedarfItem | null;
  readonly mehrbedarf: number;
  readonly housing: number;
  readonly need: number;
}

/** § 19 Abs. 1 S. 3 SGB II: Regelbedarf + Mehrbedarfe + Unterkunft und Heizung of one member. */
function memberNeed(p: ParameterSet, m: HouseholdMember, plan: BedarfsgemeinschaftPlan, housingShare: number, hotWater: HotWater, singleParentChildAges: readonly number[] | undefined): MemberNeed {
  const stufe = regelbedarfsstufe(m, plan);
  const rb = regelbedarf(p, stufe);
  const sofortzuschlag = kindersofortzuschlag(p, stufe);
  const cappedItems: MehrbedarfItem[] = [];
  const add = (item: MehrbedarfItem | null) => {
    if (item && item.amount > 0) cappedItems.push(item);
  };
  add(pregnancyMehrbedarf(p, m.pregnancyWeek, rb));
  add(singleParentChildAges ? singleParentMehrbedarf(p, singleParentChildAges) : null);
  add(disabilityMehrbedarf(p, m.disabilityWorkParticipation, rb));
  add(dietMehrbedarf(p, m.medicalDiet));
  let uncapped = 0;
  for (const item of cappedItems) uncapped += item.amount;
  uncapped = roundCents(uncapped);
  const capped = capMehrbedarfe(uncapped, rb);
  const hot = hotWaterMehrbedarf(p, hotWater, stufe, rb);
  const mehrbedarf = roundCents(capped + (hot ? hot.amount : 0));
  return {
    stufe,
    regelbedarf: rb,
    sofortzuschlag,
    cappedItems,
    uncapped,
    capped,
    hotWater: hot,
    mehrbedarf,
    housing: housingShare,
    need: rb + sofortzuschlag + mehrbedarf + housingShare,
  };
}

interface Transfer {
  readonly from: HouseholdMember;
  readonly amount: number;
}

const MEHRBEDARF_KEYS: Readonly<Record<MehrbedarfItem["kind"], ExplanationKey>> = {
  pregnancy: "mehrbedarf-pregnancy",
  "single-parent": "mehrbedarf-single-parent",
  disability: "mehrbedarf-disability",
  diet: "mehrbedarf-diet",
  "hot-water": "mehrbedarf-hot-water",
};

const HOUSING_MODE_KEYS: Readonly<Record<HousingCosts["mode"], ExplanationKey>> = {
  karenzzeit: "housing-karenzzeit",
  "karenzzeit-cap-applied": "housing-karenzzeit-cap-applied",
  "karenzzeit-within-cap": "housing-karenzzeit-within-cap",
  "no-limit-configured": "housing-no-limit-configured",
  "limit-applied": "housing-limit-applied",
  "within-limit": "housing-within-limit",
};

/**
 * Evaluates a (validated) request. Returns the contract's response, or `{ outOfRange: true }` for a
 * date before 2023-07-01.
 */
export function evaluateEligibility(request: EligibilityRequest, options: EvaluateOptions = {}): EligibilityResult {
  const date = request.date ?? options.today ?? todayInGermany();
  const lookup = parametersFor(date);
  if (lookup.outOfRange) {
    return { outOfRange: true, date, earliest: lookup.earliest, error: ELIGIBILITY_ERRORS.dateOutOfRange };
  }
  const p = lookup.parameters;
  const input = request.household;
  const firstYearOfReceipt = input.firstYearOfReceipt ?? true;

  // § 7 Abs. 3: the Bedarfsgemeinschaft; everyone else in the dwelling only shares the housing costs.
  const household = input.members.map(normalizeMember);
  const plan = formBedarfsgemeinschaft(household);

  // § 22 Abs. 1: housing costs, per head over everyone in the dwelling (decision 3).
  const housing = housingCosts(input.housing?.grossColdRent ?? 0, input.housing?.heating ?? 0, household.length, firstYearOfReceipt, options.housingLimit, p.housing.karenzzeitCapFactor);
  const hotWater = input.housing?.hotWater ?? "central";
  const minorChild = minorChildInBedarfsgemeinschaft(plan);
  const singleParentChildren = singleParents(plan);

  const needs = new Map<HouseholdMember, MemberNeed>();
  for (const m of plan.members) needs.set(m, memberNeed(p, m, plan, housing.share, hotWater, singleParentChildren.get(m)));

  // § 7 Abs. 3 Nr. 4, § 11 Abs. 1 S. 5: a child whose own income covers its need leaves the BG;
  // only its surplus Kindergeld passes to the applicant (decision 12).
  const incomes = new Map<HouseholdMember, CountedIncome>();
  const left = new Set<HouseholdMember>();
  const transfers: Transfer[] = [];
  let transferTotal = 0;
  for (const child of plan.children) {
    const income = countedIncome(p, child, minorChild);
    incomes.set(child, income);
    const need = needs.get(child)!.need;
    if (income.counted >= need) {
      left.add(child);
      const surplus = kindergeldSurplus(child.income.childBenefit, income.counted, need);
      if (surplus > 0) {
        transfers.push({ from: child, amount: surplus });
        transferTotal += surplus;
      }
    }
  }
  for (const m of plan.members) {
    if (!incomes.has(m)) incomes.set(m, countedIncome(p, m, minorChild, m === plan.applicant ? transferTotal : 0));
  }

  const bedarfsgemeinschaft = plan.members.filter((m) => !left.has(m));
  let totalNeed = 0;
  let totalIncome = 0;
  for (const m of bedarfsgemeinschaft) {
    totalNeed += needs.get(m)!.need;
    totalIncome += incomes.get(m)!.counted;
  }

  // §§ 7, 8: exclusions; the applicant's decide the outcome, the others are listed (decision 17).
  const exclusions: { member: HouseholdMember; reason: ExclusionReason }[] = [];
  for (const m of bedarfsgemeinschaft) {
    for (const reason of exclusionReasons(p, m, plan, bedarfsgemeinschaft)) exclusions.push({ member: m, reason });
  }
  const applicantExcluded = exclusions.some((e) => e.member === plan.applicant);

  // § 12: assets of the Bedarfsgemeinschaft.
  const assets = checkAssets(p, input.assets ?? 0, bedarfsgemeinschaft, firstYearOfReceipt);

  // § 9 Abs. 2 S. 2 (decision 9): in the parents' BG the parents' income above their own need
  // covers the applicant; an applicant whose own income covers their own need is not needy.
  const parentsBg = plan.kind === "parents" ? parentsBalance(plan, needs, incomes) : null;

  const shortfall = totalNeed - totalIncome;
  let outcome: Outcome;
  let estimate = 0;
  if (applicantExcluded) outcome = "excluded";
  else if (assets.excess > 0) outcome = "likely-not-eligible";
  else if (parentsBg?.applicantNotNeedy) outcome = "likely-not-eligible";
  else {
    estimate = positiveCents(shortfall); // § 19 Abs. 3; decision 15: half-up to cents
    outcome = estimate > 0 ? "likely-eligible" : "likely-not-eligible";
  }

  const explanation = explain({
    p,
    reform: lookup.reform ?? null,
    plan,
    household,
    housing,
    needs,
    incomes,
    left,
    transfers,
    totalNeed,
    totalIncome,
    parentsBg,
    assets,
    shortfall,
    exclusions,
    estimate,
  });

  const members: ResponseMember[] = bedarfsgemeinschaft.map((m) => {
    const need = needs.get(m)!;
    return {
      id: m.id,
      role: m.role,
      regelbedarfsstufe: need.stufe,
      regelbedarf: need.regelbedarf,
      sofortzuschlag: need.sofortzuschlag,
      mehrbedarf: need.mehrbedarf,
      housing: need.housing,
      need: need.need,
      countedIncome: incomes.get(m)!.counted,
    };
  });

  return {
    outcome,
    monthlyEstimate: estimate,
    currency: "EUR",
    rulesValidFrom: p.validFrom,
    reformPending: lookup.reformPending,
    benefitName: benefitNameFor(date).name,
    bedarfsgemeinschaft: bedarfsgemeinschaft.map((m) => m.id),
    members,
    totals: { need: totalNeed, countedIncome: totalIncome },
    exclusions: exclusions.map((e) => ({ memberId: e.member.id, reason: e.reason })),
    referrals: referrals({ p, plan, bedarfsgemeinschaft, outcome, exclusions }),
    explanation,
    housingLimit: housing.limit,
  };
}

function positiveCents(amount: number): number {
  const rounded = roundCents(amount);
  return rounded > 0 ? rounded : 0;
}

interface ParentsBalance {
  readonly parentsNeed: number;
  readonly parentsIncome: number;
  readonly excess: number;
  readonly applicantNeed: number;
  readonly applicantIncome: number;
  readonly applicantNotNeedy: boolean;
}

/** § 9 Abs. 2 S. 2 SGB II: the parents' income and need, and whether the U25 applicant is needy at all. */
function parentsBalance(plan: BedarfsgemeinschaftPlan, needs: ReadonlyMap<HouseholdMember, MemberNeed>, incomes: ReadonlyMap<HouseholdMember, CountedIncome>): ParentsBalance {
  let parentsNeed = 0;
  let parentsIncome = 0;
  for (const parent of plan.parents) {
    parentsNeed += needs.get(parent)!.need;
    parentsIncome += incomes.get(parent)!.counted;
  }
  const applicantNeed = needs.get(plan.applicant)!.need;
  const applicantIncome = incomes.get(plan.applicant)!.counted;
  return {
    parentsNeed,
    parentsIncome,
    excess: Math.max(0, parentsIncome - parentsNeed),
    applicantNeed,
    applicantIncome,
    applicantNotNeedy: applicantIncome >= applicantNeed,
  };
}

interface ExplainInput {
  readonly p: ParameterSet;
  readonly reform: PendingReform | null;
  readonly plan: BedarfsgemeinschaftPlan;
  readonly household: readonly HouseholdMember[];
  readonly housing: HousingCosts;
  readonly needs: ReadonlyMap<HouseholdMember, MemberNeed>;
  readonly incomes: ReadonlyMap<HouseholdMember, CountedIncome>;
  readonly left: ReadonlySet<HouseholdMember>;
  readonly transfers: readonly Transfer[];
  readonly totalNeed: number;
  readonly totalIncome: number;
  readonly parentsBg: ParentsBalance | null;
  readonly assets: AssetCheck;
  readonly shortfall: number;
  readonly exclusions: readonly { member: HouseholdMember; reason: ExclusionReason }[];
  readonly estimate: number;
}

/** The arithmetic as structured entries (key + memberId + amount + params), for the UI to translate. */
function explain(x: ExplainInput): ExplanationEntry[] {
  const out: ExplanationEntry[] = [];
  const entry = (key: ExplanationKey, amount: number, memberId?: string, params?: ExplanationEntry["params"]) => {
    const e: ExplanationEntry = { key, amount };
    if (memberId !== undefined) e.memberId = memberId;
    if (params !== undefined) e.params = params;
    out.push(e);
  };

  if (x.reform) entry("reform-pending", 0, undefined, { reform: x.reform.key, from: x.reform.from, rulesValidFrom: x.p.validFrom });

  const h = x.housing;
  entry("housing-costs", h.total, undefined, { grossColdRent: h.countedRent, heating: h.heating, persons: h.persons });
  let housingParams: Record<string, number> | undefined;
  if (h.limit !== null) housingParams = h.localLimit === undefined ? { actualRent: h.actualRent } : { actualRent: h.actualRent, localLimit: h.localLimit };
  entry(HOUSING_MODE_KEYS[h.mode], h.limit ?? h.actualRent, undefined, housingParams);

  for (const m of x.household) {
    const need = x.needs.get(m);
    if (!need) continue; // not in the Bedarfsgemeinschaft
    const income = x.incomes.get(m)!;
    if (x.left.has(m)) {
      entry("child-leaves-bedarfsgemeinschaft", income.counted, m.id, { need: need.need });
      continue;
    }
    entry("regelbedarf", need.regelbedarf, m.id, { stufe: need.stufe });
    if (need.sofortzuschlag > 0) entry("kindersofortzuschlag", need.sofortzuschlag, m.id);
    for (const item of need.cappedItems) {
      const params: Record<string, string | number> = { percent: item.percent };
      if (item.minorChildren !== undefined) params.minorChildren = item.minorChildren;
      if (item.kind === "diet") params.diet = m.medicalDiet;
      entry(MEHRBEDARF_KEYS[item.kind], item.amount, m.id, params);
    }
    if (need.capped < need.uncapped) entry("mehrbedarf-cap", need.capped, m.id, { uncapped: need.uncapped });
    if (need.hotWater) entry("mehrbedarf-hot-water", need.hotWater.amount, m.id, { percent: need.hotWater.percent });
    entry("housing-share", need.housing, m.id);
    explainIncome(entry, m, income, x.transfers, m === x.plan.applicant);
  }

  entry("total-need", x.totalNeed);
  entry("total-counted-income", x.totalIncome);

  if (x.parentsBg) {
    if (x.parentsBg.applicantNotNeedy) {
      entry("applicant-not-needy", x.parentsBg.applicantIncome, x.plan.applicant.id, { need: x.parentsBg.applicantNeed });
    } else if (x.parentsBg.excess > 0) {
      entry("parents-excess-income", x.parentsBg.excess, undefined, { applicantNeed: x.parentsBg.applicantNeed });
    }
  }

  if (x.assets.perMember) {
    // Neue Grundsicherung: one allowance per member by age band; unused allowances pass on.
    for (const m of x.assets.perMember) {
      const params: Record<string, number> = { age: m.age, fromAge: m.band.fromAge };
      if (m.bandUntilAge !== null) params.untilAge = m.bandUntilAge;
      entry("assets-age-band", m.band.allowance, m.memberId, params);
    }
    entry("assets-allowance-age-bands", x.assets.allowance, undefined, { assets: x.assets.assets, members: x.assets.perMember.length });
    if (x.assets.ownHomeProtected) entry("assets-own-home-first-year", 0);
  } else {
    entry("assets-allowance", x.assets.allowance, undefined, { assets: x.assets.assets, karenzzeit: x.assets.karenzzeit });
  }
  if (x.assets.excess > 0) {
    const params: Record<string, number> = {};
    if (x.shortfall > 0) params.months = Math.round((x.assets.excess / x.shortfall) * 10) / 10;
    entry("assets-excess", x.assets.excess, undefined, params);
  }

  for (const e of x.exclusions) entry("exclusion", 0, e.member.id, { reason: e.reason });
  const partner = x.plan.partner;
  if (partner && x.exclusions.some((e) => e.member === x.plan.applicant) && isAbleToWork(x.p, partner) && !x.exclusions.some((e) => e.member === partner)) {
    entry("partner-may-apply", 0, partner.id);
  }

  entry("monthly-estimate", x.estimate);
  return out;
}

type EntryFn = (key: ExplanationKey, amount: number, memberId?: string, params?: ExplanationEntry["params"]) => void;

function explainIncome(entry: EntryFn, m: HouseholdMember, income: CountedIncome, transfers: readonly Transfer[], isApplicant: boolean): void {
  if (hasEarnings(m) && income.allowance) {
    entry("earned-income", income.earnedNet, m.id, { gross: income.earnedGross });
    if (m.income.assumption === "net-equals-gross") entry("assumption-net-equals-gross", income.earnedNet, m.id);
    if (m.income.assumption === "gross-equals-net") entry("assumption-gross-equals-net", income.earnedGross, m.id);
    entry(income.allowance.baseKind, income.allowance.base, m.id);
    entry("erwerbstaetigenfreibetrag", income.allowance.freibetrag, m.id, { upperLimit: income.allowance.upperLimit });
  }
  const ownOther = income.other - income.kindergeldTransfer;
  if (ownOther > 0) {
    entry("other-income", ownOther, m.id, m.income.childBenefit > 0 ? { childBenefit: m.income.childBenefit } : undefined);
  }
  if (isApplicant) {
    for (const t of transfers) entry("kindergeld-transfer", t.amount, m.id, { fromMemberId: t.from.id });
  }
  if (income.pauschale > 0) entry("versicherungspauschale", income.pauschale, m.id);
  if (hasEarnings(m) || income.other > 0) entry("counted-income", income.counted, m.id);
}
