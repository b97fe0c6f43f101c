// Request and response schemas of POST /api/v1/eligibility-checks (contract version 1), in zod/mini
// so that browser code can share them. Follows docs/contracts/eligibility-check.v1.schema.json:
// objects with `additionalProperties: false` there are strict here. Every validation message is an
// i18n key (ELIGIBILITY_ERROR_KEYS), never prose.

import * as z from "zod/mini";
import { EDUCATION_KINDS, EXCLUSION_REASONS, EXPLANATION_KEYS, HOT_WATER_KINDS, MEDICAL_DIETS, OUTCOMES, REFERRALS, RESIDENCE_KINDS, ROLES } from "./keys";

export const ELIGIBILITY_ERRORS = {
  required: "eligibility.errors.required",
  invalidType: "eligibility.errors.invalid_type",
  invalidEnum: "eligibility.errors.invalid_enum",
  invalidDate: "eligibility.errors.invalid_date",
  unknownField: "eligibility.errors.unknown_field",
  ageRange: "eligibility.errors.age_range",
  idLength: "eligibility.errors.id_length",
  pregnancyWeekRange: "eligibility.errors.pregnancy_week_range",
  negativeAmount: "eligibility.errors.negative_amount",
  amountTooLarge: "eligibility.errors.amount_too_large",
  implausibleIncome: "eligibility.errors.implausible_income",
  implausibleRent: "eligibility.errors.implausible_rent",
  implausibleHeating: "eligibility.errors.implausible_heating",
  netExceedsGross: "eligibility.errors.net_exceeds_gross",
  noApplicant: "eligibility.errors.no_applicant",
  multipleApplicants: "eligibility.errors.multiple_applicants",
  duplicateId: "eligibility.errors.duplicate_id",
  multiplePartners: "eligibility.errors.multiple_partners",
  tooManyParents: "eligibility.errors.too_many_parents",
  tooManyMembers: "eligibility.errors.too_many_members",
  /** Not a 400: a valid date before 2023-07-01 is answered with 422 and this key. */
  dateOutOfRange: "eligibility.errors.date_out_of_range",
  /** Fallback for an issue without a key of its own. */
  invalid: "eligibility.errors.invalid",
} as const;
export type EligibilityErrorKey = (typeof ELIGIBILITY_ERRORS)[keyof typeof ELIGIBILITY_ERRORS];

/** Every key a validation (or the 422 out-of-range answer) can produce; each must be translated. */
export const ELIGIBILITY_ERROR_KEYS: readonly EligibilityErrorKey[] = Object.values(ELIGIBILITY_ERRORS);

const E = ELIGIBILITY_ERRORS;

/**
 * Plausibility limits (monthly euros unless stated). The JSON schema allows any Money up to
 * 10,000,000; above these limits an entry is almost certainly a typo (an annual figure, cents
 * instead of euros), so it gets a clear error instead of a nonsense estimate:
 * - each income field: at most 100,000 € a month;
 * - Bruttokaltmiete: at most 10,000 € a month; heating: at most 2,000 € a month;
 * - assets: the contract's Money maximum, 10,000,000 € (large fortunes are legitimate input);
 * - age 0..120 and pregnancy week 1..45, ids 1..64 characters, 1..30 members (contract).
 */
export const PLAUSIBILITY_LIMITS = {
  money: 10_000_000,
  incomeField: 100_000,
  grossColdRent: 10_000,
  heating: 2_000,
  maxAge: 120,
  maxMembers: 30,
  maxIdLength: 64,
} as const;

type RawIssue = { input?: unknown };
const typeError = (iss: RawIssue) => (iss.input === undefined ? E.required : E.invalidType);
const enumError = (iss: RawIssue) => (iss.input === undefined ? E.required : E.invalidEnum);

function money(max: number, tooLarge: EligibilityErrorKey) {
  return z.number({ error: typeError }).check(z.minimum(0, { error: E.negativeAmount }), z.maximum(max, { error: tooLarge }));
}

function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? E.unknownField : typeError(iss)),
  });
}

const incomeField = () => z.optional(money(PLAUSIBILITY_LIMITS.incomeField, E.implausibleIncome));

export const IncomeSchema = strict({
  employmentGross: incomeField(),
  employmentNet: incomeField(),
  selfEmploymentProfit: incomeField(),
  unemploymentBenefit: incomeField(),
  pension: incomeField(),
  parentalAllowance: incomeField(),
  childBenefit: incomeField(),
  maintenance: incomeField(),
  maintenanceAdvance: incomeField(),
  other: incomeField(),
}).check(
  // Net earnings cannot exceed gross earnings (both given).
  z.superRefine((income, ctx) => {
    const { employmentGross: gross, employmentNet: net } = income;
    if (gross !== undefined && net !== undefined && net > gross) {
      ctx.addIssue({ code: "custom", message: E.netExceedsGross, path: ["employmentNet"], input: net });
    }
  }),
);

const bool = (value: boolean) => z._default(z.boolean({ error: typeError }), value);

export const MemberSchema = strict({
  id: z.string({ error: typeError }).check(z.minLength(1, { error: E.required }), z.maxLength(PLAUSIBILITY_LIMITS.maxIdLength, { error: E.idLength })),
  role: z.enum(ROLES, { error: enumError }),
  age: z.int({ error: typeError }).check(z.minimum(0, { error: E.ageRange }), z.maximum(PLAUSIBILITY_LIMITS.maxAge, { error: E.ageRange })),
  ableToWork: bool(true),
  permanentlyUnableToWork: bool(false),
  pregnancyWeek: z.optional(z.nullable(z.int({ error: typeError }).check(z.minimum(1, { error: E.pregnancyWeekRange }), z.maximum(45, { error: E.pregnancyWeekRange })))),
  disabilityWorkParticipation: bool(false),
  medicalDiet: z._default(z.enum(MEDICAL_DIETS, { error: enumError }), "none"),
  education: z._default(z.enum(EDUCATION_KINDS, { error: enumError }), "none"),
  oldAgePension: bool(false),
  residence: z._default(z.enum(RESIDENCE_KINDS, { error: enumError }), "german"),
  inpatientOverSixMonths: bool(false),
  income: z.optional(IncomeSchema),
});

type MemberShape = { id: string; role: string };

const MembersSchema = z.array(MemberSchema, { error: typeError }).check(
  z.minLength(1, { error: E.noApplicant }),
  z.maxLength(PLAUSIBILITY_LIMITS.maxMembers, { error: E.tooManyMembers }),
  // Cross-field rules of the contract: exactly one applicant, unique ids; and at most one
  // partner and two parents (the applicant's parent, or one parent and that parent's partner).
  z.superRefine((members: MemberShape[], ctx) => {
    const seen = new Set<string>();
    let applicants = 0;
    let partners = 0;
    let parents = 0;
    members.forEach((member, index) => {
      if (seen.has(member.id)) {
        ctx.addIssue({ code: "custom", message: E.duplicateId, path: [index, "id"], input: member.id });
      }
      seen.add(member.id);
      if (member.role === "applicant" && ++applicants > 1) {
        ctx.addIssue({ code: "custom", message: E.multipleApplicants, path: [index, "role"], input: member.role });
      }
      if (member.role === "partner" && ++partners > 1) {
        ctx.addIssue({ code: "custom", message: E.multiplePartners, path: [index, "role"], input: member.role });
      }
      if (member.role === "parent" && ++parents > 2) {
        ctx.addIssue({ code: "custom", message: E.tooManyParents, path: [index, "role"], input: member.role });
      }
    });
    if (members.length > 0 && applicants === 0) {
      ctx.addIssue({ code: "custom", message: E.noApplicant, path: [], input: members });
    }
  }),
);

export const HousingSchema = strict({
  grossColdRent: z.optional(money(PLAUSIBILITY_LIMITS.grossColdRent, E.implausibleRent)),
  heating: z.optional(money(PLAUSIBILITY_LIMITS.heating, E.implausibleHeating)),
  hotWater: z._default(z.enum(HOT_WATER_KINDS, { error: enumError }), "central"),
});

export const HouseholdSchema = strict({
  members: MembersSchema,
  housing: z.optional(HousingSchema),
  assets: z.optional(money(PLAUSIBILITY_LIMITS.money, E.amountTooLarge)),
  firstYearOfReceipt: bool(true),
});

export const EligibilityRequestSchema = strict({
  date: z.optional(z.iso.date({ error: (iss) => (iss.input === undefined ? E.required : E.invalidDate) })),
  household: HouseholdSchema,
});

// ---- Response (200). Not strict: extra response fields are welcome (contract). ----

export const ResponseMemberSchema = z.object({
  id: z.string(),
  role: z.optional(z.enum(ROLES)),
  regelbedarfsstufe: z.optional(z.int()),
  regelbedarf: z.number(),
  sofortzuschlag: z.optional(z.number()),
  mehrbedarf: z.number(),
  housing: z.number(),
  need: z.number(),
  countedIncome: z.number(),
});

export const ExplanationEntrySchema = z.object({
  key: z.enum(EXPLANATION_KEYS),
  memberId: z.optional(z.string()),
  amount: z.number(),
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
});

export const EligibilityResponseSchema = z.object({
  outcome: z.enum(OUTCOMES),
  monthlyEstimate: z.number().check(z.minimum(0)),
  currency: z.literal("EUR"),
  rulesValidFrom: z.iso.date(),
  reformPending: z.optional(z.boolean()),
  /** The benefit's legal name on `date` (decision 032): "Bürgergeld" until 2026-06-30, then "Grundsicherungsgeld". */
  benefitName: z.optional(z.enum(["Bürgergeld", "Grundsicherungsgeld"])),
  bedarfsgemeinschaft: z.array(z.string()),
  members: z.array(ResponseMemberSchema),
  totals: z.object({ need: z.number(), countedIncome: z.number() }),
  exclusions: z.array(z.object({ memberId: z.string(), reason: z.enum(EXCLUSION_REASONS) })),
  referrals: z.array(z.enum(REFERRALS)),
  explanation: z.array(ExplanationEntrySchema),
  housingLimit: z.optional(z.nullable(z.number())),
});

/** The request as sent (defaults not yet applied; the engine applies them itself). */
export type EligibilityRequest = z.input<typeof EligibilityRequestSchema>;
/** The request after parsing (defaults applied). Assignable to EligibilityRequest. */
export type ParsedEligibilityRequest = z.output<typeof EligibilityRequestSchema>;
export type EligibilityMember = z.input<typeof MemberSchema>;
export type EligibilityIncome = z.input<typeof IncomeSchema>;
export type EligibilityResponse = z.output<typeof EligibilityResponseSchema>;
export type ResponseMember = z.output<typeof ResponseMemberSchema>;
export type ExplanationEntry = z.output<typeof ExplanationEntrySchema>;

export interface ValidationError {
  /** Path joined with dots, e.g. "household.members.0.age" ("" for the body itself). */
  path: string;
  /** An i18n key from ELIGIBILITY_ERROR_KEYS. */
  message: EligibilityErrorKey;
}

type IssueLike = { code?: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] };

const KNOWN_KEYS: ReadonlySet<string> = new Set(ELIGIBILITY_ERROR_KEYS);

function fallbackKey(issue: IssueLike): EligibilityErrorKey {
  switch (issue.code) {
    case "invalid_type":
      return E.invalidType;
    case "invalid_value":
      return E.invalidEnum;
    case "unrecognized_keys":
      return E.unknownField;
    case "invalid_format":
      return E.invalidDate;
    default:
      return E.invalid;
  }
}

/**
 * Turns a zod error into the contract's error list: `[{ path: "household.members.0.age", message:
 * "eligibility.errors.age_range" }]`. An unknown field is reported at its own path. Duplicates dropped.
 */
export function validationErrors(error: { issues: readonly IssueLike[] }): ValidationError[] {
  const out: ValidationError[] = [];
  const seen = new Set<string>();
  const push = (path: readonly PropertyKey[], message: EligibilityErrorKey) => {
    const joined = path.map(String).join(".");
    const id = `${joined}\u0000${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ path: joined, message });
  };
  for (const issue of error.issues) {
    const message = KNOWN_KEYS.has(issue.message) ? (issue.message as EligibilityErrorKey) : fallbackKey(issue);
    if (issue.code === "unrecognized_keys" && issue.keys?.length) {
      for (const key of issue.keys) push([...issue.path, key], message);
    } else {
      push(issue.path, message);
    }
  }
  return out;
}
