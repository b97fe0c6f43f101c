import { describe, expect, it } from "vitest";
import { evaluateEligibility, isOutOfRange } from "./engine";
import { ELIGIBILITY_ERROR_KEYS, EligibilityRequestSchema, validationErrors } from "./schema";
import { CONTRACT_EXAMPLE } from "./contract-example";

/** A request body as the tests break it: any field may be set to a wrong type or deleted, so it is untyped on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseBody = any;

/** The contract example with `patch` applied to a deep copy. */
function variant(patch: (body: LooseBody) => unknown): unknown {
  const body: LooseBody = structuredClone(CONTRACT_EXAMPLE);
  patch(body);
  return body;
}

function errorsOf(body: unknown) {
  const result = EligibilityRequestSchema.safeParse(body);
  if (result.success) throw new Error("expected a validation error");
  return validationErrors(result.error);
}

describe("EligibilityRequestSchema", () => {
  it("accepts the contract example, applies the defaults, and the engine gives 967", () => {
    const result = EligibilityRequestSchema.safeParse(CONTRACT_EXAMPLE);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.household.members[1]).toEqual({
      id: "b",
      role: "partner",
      age: 36,
      ableToWork: true,
      permanentlyUnableToWork: false,
      disabilityWorkParticipation: false,
      medicalDiet: "none",
      education: "none",
      oldAgePension: false,
      residence: "german",
      inpatientOverSixMonths: false,
    });
    const r = evaluateEligibility(result.data);
    expect(!isOutOfRange(r) && r.monthlyEstimate).toBe(967);
  });

  it("accepts a minimal request and one dated before 2023-07 (that is a 422 of the engine, not a 400)", () => {
    expect(EligibilityRequestSchema.safeParse({ household: { members: [{ id: "a", role: "applicant", age: 30 }] } }).success).toBe(true);
    const early = EligibilityRequestSchema.safeParse({ date: "2023-01-01", household: { members: [{ id: "a", role: "applicant", age: 30 }] } });
    expect(early.success).toBe(true);
    if (early.success) expect(isOutOfRange(evaluateEligibility(early.data))).toBe(true);
  });

  it.each<[string, (body: LooseBody) => unknown, string, string]>([
    ["age over 120", (b) => (b.household.members[0].age = 121), "household.members.0.age", "eligibility.errors.age_range"],
    ["negative age", (b) => (b.household.members[2].age = -1), "household.members.2.age", "eligibility.errors.age_range"],
    ["fractional age", (b) => (b.household.members[0].age = 4.5), "household.members.0.age", "eligibility.errors.invalid_type"],
    ["age as text", (b) => (b.household.members[0].age = "38"), "household.members.0.age", "eligibility.errors.invalid_type"],
    ["missing age", (b) => delete b.household.members[3].age, "household.members.3.age", "eligibility.errors.required"],
    ["missing role", (b) => delete b.household.members[1].role, "household.members.1.role", "eligibility.errors.required"],
    ["unknown role", (b) => (b.household.members[1].role = "spouse"), "household.members.1.role", "eligibility.errors.invalid_enum"],
    ["unknown residence", (b) => (b.household.members[0].residence = "mars"), "household.members.0.residence", "eligibility.errors.invalid_enum"],
    ["unknown diet", (b) => (b.household.members[0].medicalDiet = "vegan"), "household.members.0.medicalDiet", "eligibility.errors.invalid_enum"],
    ["unknown education", (b) => (b.household.members[0].education = "phd"), "household.members.0.education", "eligibility.errors.invalid_enum"],
    ["unknown hot water", (b) => (b.household.housing.hotWater = "solar"), "household.housing.hotWater", "eligibility.errors.invalid_enum"],
    ["boolean as text", (b) => (b.household.members[0].ableToWork = "yes"), "household.members.0.ableToWork", "eligibility.errors.invalid_type"],
    ["empty id", (b) => (b.household.members[0].id = ""), "household.members.0.id", "eligibility.errors.required"],
    ["id too long", (b) => (b.household.members[0].id = "x".repeat(65)), "household.members.0.id", "eligibility.errors.id_length"],
    ["pregnancy week 0", (b) => (b.household.members[1].pregnancyWeek = 0), "household.members.1.pregnancyWeek", "eligibility.errors.pregnancy_week_range"],
    ["pregnancy week 46", (b) => (b.household.members[1].pregnancyWeek = 46), "household.members.1.pregnancyWeek", "eligibility.errors.pregnancy_week_range"],
    ["negative earnings", (b) => (b.household.members[0].income.employmentGross = -1), "household.members.0.income.employmentGross", "eligibility.errors.negative_amount"],
    ["negative Kindergeld", (b) => (b.household.members[2].income.childBenefit = -255), "household.members.2.income.childBenefit", "eligibility.errors.negative_amount"],
    ["negative rent", (b) => (b.household.housing.grossColdRent = -720), "household.housing.grossColdRent", "eligibility.errors.negative_amount"],
    ["negative assets", (b) => (b.household.assets = -5), "household.assets", "eligibility.errors.negative_amount"],
    ["amount as text", (b) => (b.household.housing.heating = "130"), "household.housing.heating", "eligibility.errors.invalid_type"],
    ["implausible income", (b) => (b.household.members[0].income.other = 100_001), "household.members.0.income.other", "eligibility.errors.implausible_income"],
    ["implausible rent", (b) => (b.household.housing.grossColdRent = 10_001), "household.housing.grossColdRent", "eligibility.errors.implausible_rent"],
    ["implausible heating", (b) => (b.household.housing.heating = 2_001), "household.housing.heating", "eligibility.errors.implausible_heating"],
    ["assets above the Money maximum", (b) => (b.household.assets = 10_000_001), "household.assets", "eligibility.errors.amount_too_large"],
    ["net above gross", (b) => (b.household.members[0].income.employmentNet = 2500), "household.members.0.income.employmentNet", "eligibility.errors.net_exceeds_gross"],
    ["unknown member field", (b) => (b.household.members[0].gender = "f"), "household.members.0.gender", "eligibility.errors.unknown_field"],
    ["unknown income field", (b) => (b.household.members[0].income.wage = 5), "household.members.0.income.wage", "eligibility.errors.unknown_field"],
    ["unknown top-level field", (b) => (b.locale = "de"), "locale", "eligibility.errors.unknown_field"],
    ["malformed date", (b) => (b.date = "01.03.2025"), "date", "eligibility.errors.invalid_date"],
    ["impossible date", (b) => (b.date = "2025-13-01"), "date", "eligibility.errors.invalid_date"],
    ["no applicant", (b) => (b.household.members[0].role = "other"), "household.members", "eligibility.errors.no_applicant"],
    ["no members", (b) => (b.household.members = []), "household.members", "eligibility.errors.no_applicant"],
    ["members not a list", (b) => (b.household.members = {}), "household.members", "eligibility.errors.invalid_type"],
    ["missing members", (b) => delete b.household.members, "household.members", "eligibility.errors.required"],
    ["two applicants", (b) => (b.household.members[1].role = "applicant"), "household.members.1.role", "eligibility.errors.multiple_applicants"],
    ["duplicate id", (b) => (b.household.members[3].id = "c"), "household.members.3.id", "eligibility.errors.duplicate_id"],
    ["two partners", (b) => (b.household.members[2].role = "partner"), "household.members.2.role", "eligibility.errors.multiple_partners"],
    [
      "three parents",
      (b) => b.household.members.push({ id: "p1", role: "parent", age: 50 }, { id: "p2", role: "parent", age: 50 }, { id: "p3", role: "parent", age: 50 }),
      "household.members.6.role",
      "eligibility.errors.too_many_parents",
    ],
    [
      "more than 30 members",
      (b) => {
        for (let i = 0; i < 27; i++) b.household.members.push({ id: `o${i}`, role: "other", age: 30 });
      },
      "household.members",
      "eligibility.errors.too_many_members",
    ],
    ["missing household", (b) => delete b.household, "household", "eligibility.errors.required"],
  ])("%s → %s: %s", (_name, patch, path, message) => {
    expect(errorsOf(variant(patch))).toContainEqual({ path, message });
  });

  it("reports several errors at once, each with its path", () => {
    const errors = errorsOf(
      variant((b) => {
        b.household.members[0].age = 130;
        b.household.members[1].income = { pension: -3 };
        b.household.members[2].id = "a";
      }),
    );
    expect(errors).toEqual([
      { path: "household.members.0.age", message: "eligibility.errors.age_range" },
      { path: "household.members.1.income.pension", message: "eligibility.errors.negative_amount" },
      { path: "household.members.2.id", message: "eligibility.errors.duplicate_id" },
    ]);
  });

  it("accepts the plausibility limits themselves", () => {
    const body = variant((b) => {
      b.household.housing = { grossColdRent: 10_000, heating: 2_000 };
      b.household.members[0].income = { employmentGross: 100_000, employmentNet: 100_000 };
      b.household.members[1].age = 120;
      b.household.members[1].pregnancyWeek = null;
      b.household.assets = 10_000_000;
    });
    expect(EligibilityRequestSchema.safeParse(body).success).toBe(true);
  });

  it("answers any malformed body with keys only, never prose", () => {
    const bodies: unknown[] = [null, 42, "text", [], {}, { household: null }, { household: { members: [null] } }, { household: { members: [{}] } }];
    for (const body of bodies) {
      const errors = errorsOf(body);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(ELIGIBILITY_ERROR_KEYS).toContain(e.message);
    }
    expect(errorsOf(null)).toEqual([{ path: "", message: "eligibility.errors.invalid_type" }]);
  });
});

describe("ELIGIBILITY_ERROR_KEYS", () => {
  it("lists unique i18n keys in the eligibility.errors namespace", () => {
    expect(new Set(ELIGIBILITY_ERROR_KEYS).size).toBe(ELIGIBILITY_ERROR_KEYS.length);
    for (const key of ELIGIBILITY_ERROR_KEYS) expect(key).toMatch(/^eligibility\.errors\.[a-z_]+$/);
    for (const key of [
      "eligibility.errors.age_range",
      "eligibility.errors.no_applicant",
      "eligibility.errors.duplicate_id",
      "eligibility.errors.negative_amount",
      "eligibility.errors.invalid_enum",
      "eligibility.errors.required",
      "eligibility.errors.invalid_type",
      "eligibility.errors.implausible_rent",
      "eligibility.errors.date_out_of_range",
    ]) {
      expect(ELIGIBILITY_ERROR_KEYS).toContain(key);
    }
  });
});
