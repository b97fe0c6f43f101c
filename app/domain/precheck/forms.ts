// Parsing of the pre-check's form pages into the eligibility request's shape. Shared by the
// server (authoritative) and usable in the browser. Error values are i18n keys.
import { EDUCATION_KINDS, MEDICAL_DIETS, PLAUSIBILITY_LIMITS, RESIDENCE_KINDS } from "~/domain/eligibility";
import type { EligibilityIncome, EligibilityMember } from "~/domain/eligibility";
import { incomeFields, situationQuestions } from "./draft";
import { parseAmount } from "../numbers";

type Fields = Record<string, string | undefined>;
type Errors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Errors };

export const EDITABLE_ROLES = ["partner", "child", "parent", "other"] as const;
export const CONCERNS = ["first-application", "receiving", "other"] as const;

function amount(fields: Fields, name: string, max: number, tooLargeKey: string, errors: Errors): number | undefined {
  const raw = (fields[name] ?? "").trim();
  if (!raw) return undefined;
  const value = parseAmount(raw);
  if (Number.isNaN(value)) errors[name] = "common:errors.number";
  else if (value < 0) errors[name] = "eligibility:errors.negative_amount";
  else if (value > max) errors[name] = tooLargeKey;
  else return Math.round(value * 100) / 100;
  return undefined;
}

function integer(raw: string | undefined): number | null {
  const text = (raw ?? "").trim();
  return /^\d{1,3}$/.test(text) ? Number(text) : null;
}

export function parsePerson(fields: Fields, role: EligibilityMember["role"]): Parsed<{ role: EligibilityMember["role"]; age: number }> {
  const errors: Errors = {};
  let chosenRole = role;
  if (role !== "applicant") {
    if (!(EDITABLE_ROLES as readonly string[]).includes(fields.role ?? "")) errors.role = "precheck:person.errors.role";
    else chosenRole = fields.role as EligibilityMember["role"];
  }
  const age = integer(fields.age);
  if (!(fields.age ?? "").trim()) errors.age = "precheck:person.errors.ageRequired";
  else if (age === null || age > PLAUSIBILITY_LIMITS.maxAge) errors.age = "eligibility:errors.age_range";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { role: chosenRole, age: age! } };
}

const WORK = ["able", "temporarily-unable", "permanently-unable"] as const;

export function parseSituation(fields: Fields, member: EligibilityMember): Parsed<Partial<EligibilityMember>> {
  const questions = situationQuestions(member);
  const errors: Errors = {};
  const value: Partial<EligibilityMember> = {};
  if (questions.includes("workAbility")) {
    const work = fields.work as (typeof WORK)[number] | undefined;
    if (!work || !WORK.includes(work)) errors.work = "common:errors.choose";
    else {
      value.ableToWork = work === "able";
      value.permanentlyUnableToWork = work === "permanently-unable";
    }
  }
  if (questions.includes("pregnancy")) {
    const raw = (fields.pregnancyWeek ?? "").trim();
    if (fields.pregnant === "yes") {
      const week = integer(raw);
      if (week === null || week < 1 || week > 45) errors.pregnancyWeek = "eligibility:errors.pregnancy_week_range";
      else value.pregnancyWeek = week;
    } else if (fields.pregnant !== "no") errors.pregnant = "common:errors.choose";
    else value.pregnancyWeek = null;
  }
  if (questions.includes("education")) {
    if (!(EDUCATION_KINDS as readonly string[]).includes(fields.education ?? "")) errors.education = "common:errors.choose";
    else value.education = fields.education as EligibilityMember["education"];
  }
  if (questions.includes("disability")) value.disabilityWorkParticipation = fields.disability === "1";
  if (questions.includes("diet")) {
    const diet = fields.medicalDiet || "none";
    if (!(MEDICAL_DIETS as readonly string[]).includes(diet)) errors.medicalDiet = "eligibility:errors.invalid_enum";
    else value.medicalDiet = diet as EligibilityMember["medicalDiet"];
  }
  if (questions.includes("pension")) value.oldAgePension = fields.pension === "1";
  if (questions.includes("residence")) {
    if (!(RESIDENCE_KINDS as readonly string[]).includes(fields.residence ?? "")) errors.residence = "common:errors.choose";
    else value.residence = fields.residence as EligibilityMember["residence"];
  }
  if (questions.includes("inpatient")) value.inpatientOverSixMonths = fields.inpatient === "1";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value };
}

export function parseIncome(fields: Fields, member: EligibilityMember): Parsed<EligibilityIncome> {
  const errors: Errors = {};
  const income: EligibilityIncome = {};
  for (const field of incomeFields(member)) {
    const value = amount(fields, field, PLAUSIBILITY_LIMITS.incomeField, "eligibility:errors.implausible_income", errors);
    if (value !== undefined && value > 0) income[field] = value;
  }
  if (income.employmentGross !== undefined && income.employmentNet !== undefined && income.employmentNet > income.employmentGross) {
    errors.employmentNet = "eligibility:errors.net_exceeds_gross";
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: income };
}

export function parseHousing(fields: Fields): Parsed<{ grossColdRent: number; heating: number; hotWater: "central" | "decentral" }> {
  const errors: Errors = {};
  const grossColdRent = amount(fields, "grossColdRent", PLAUSIBILITY_LIMITS.grossColdRent, "eligibility:errors.implausible_rent", errors);
  const heating = amount(fields, "heating", PLAUSIBILITY_LIMITS.heating, "eligibility:errors.implausible_heating", errors);
  if (!(fields.grossColdRent ?? "").trim()) errors.grossColdRent = "precheck:housing.errors.rentRequired";
  const hotWater = fields.hotWater;
  if (hotWater !== "central" && hotWater !== "decentral") errors.hotWater = "common:errors.choose";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { grossColdRent: grossColdRent ?? 0, heating: heating ?? 0, hotWater: hotWater as "central" | "decentral" } };
}

export function parseAssets(fields: Fields): Parsed<{ assets: number; firstYearOfReceipt: boolean }> {
  const errors: Errors = {};
  const assets = amount(fields, "assets", PLAUSIBILITY_LIMITS.money, "eligibility:errors.amount_too_large", errors);
  if (fields.longReceipt !== "yes" && fields.longReceipt !== "no") errors.longReceipt = "common:errors.choose";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { assets: assets ?? 0, firstYearOfReceipt: fields.longReceipt === "no" } };
}
