// zod schemas of the application's forms. They read the strings a form posts and give typed
// answers; error messages are i18n keys (namespace "application"). zod/mini keeps them small
// enough for the browser as well. Pure: the Träger configuration and the day come as arguments.
import * as z from "zod/mini";
import { parseAmount } from "../numbers";
import type { TraegerConfig } from "../traeger/schema";
import { ageOn, parseDateInput } from "./dates";
import { ibanProblem, normalizeIban } from "./iban";
import {
  CIRCUMSTANCES,
  DISABILITY_MARKS,
  FAMILY_STATUSES,
  HEALTH_INSURANCE_KINDS,
  HOUSING_KINDS,
  INCOME_KINDS,
  RELATIONSHIPS,
  RESIDENCE_DOCUMENTS,
  residenceOf,
  SEXES,
  TIME_LIMITED_DOCUMENTS,
  detailQuestions,
  type Circumstance,
  type DisabilityMark,
  type ExtraNeedsData,
  type FamilyStatus,
  type IncomeKind,
  type PersonDetails,
  type ResidenceDocument,
  type Sex,
} from "./model";
import { resolveNationality } from "./nationalities";
import { normalizeRvnr, rvnrProblem, type RvnrProblem } from "./rvnr";

export const E = {
  required: "application:errors.required",
  choose: "application:errors.choose",
  tooLong: "application:errors.tooLong",
  date: "application:errors.date",
  birthDateFuture: "application:errors.birthDateFuture",
  birthDateRange: "application:errors.birthDateRange",
  applicantAge: "application:errors.applicantAge",
  postalCode: "application:errors.postalCode",
  outsideKreis: "application:errors.outsideKreis",
  postalCodeMismatch: "application:errors.postalCodeMismatch",
  phone: "application:errors.phone",
  amount: "application:errors.amount",
  amountRange: "application:errors.amountRange",
  size: "application:errors.size",
  incomeMissing: "application:errors.incomeMissing",
  ibanFormat: "application:errors.ibanFormat",
  ibanChecksum: "application:errors.ibanChecksum",
  declaration: "application:errors.declaration",
  noneAndOther: "application:errors.noneAndOther",
  dueDate: "application:errors.dueDate",
  person: "application:errors.person",
  rvnrFormat: "application:errors.rvnrFormat",
  rvnrArea: "application:errors.rvnrArea",
  rvnrBirthDate: "application:errors.rvnrBirthDate",
  rvnrLetter: "application:errors.rvnrLetter",
  rvnrCheckDigit: "application:errors.rvnrCheckDigit",
  assetsMissing: "application:errors.assetsMissing",
  dateFuture: "application:errors.dateFuture",
  datePast: "application:errors.datePast",
  gdb: "application:errors.gdb",
  azrNumber: "application:errors.azrNumber",
} as const;

const MAX_AGE = 120;

function text(max: number) {
  return z.string(E.required).check(z.trim(), z.minLength(1, E.required), z.maxLength(max, E.tooLong));
}

function optionalText(max: number) {
  return z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, E.tooLong))),
    z.transform((v) => (v ? v : null)),
  );
}

const yesNo = z.pipe(
  z.enum(["yes", "no"], E.choose),
  z.transform((v) => v === "yes"),
);

/** A birth date in the past, at most 120 years ago; typed as 2001-04-30 or 30.04.2001. */
function birthDate(today: string) {
  return z.pipe(
    z.string(E.required).check(z.trim(), z.minLength(1, E.required)),
    z.transform((value, ctx) => {
      const iso = parseDateInput(value);
      if (!iso) {
        ctx.issues.push({ code: "custom", message: E.date, input: value });
        return z.NEVER;
      }
      if (iso > today) ctx.issues.push({ code: "custom", message: E.birthDateFuture, input: value });
      else if (ageOn(iso, today) > MAX_AGE) ctx.issues.push({ code: "custom", message: E.birthDateRange, input: value });
      return iso;
    }),
  );
}

/** A euro amount per month from 0 to `max`; "450", "450,50", "1.234,50". */
function amount(max: number, { required }: { required: boolean }) {
  return z.pipe(
    z.optional(z.string()),
    z.transform((value, ctx): number | null => {
      const raw = (value ?? "").trim();
      if (!raw) {
        if (required) ctx.issues.push({ code: "custom", message: E.required, input: value });
        return null;
      }
      const n = parseAmount(raw);
      if (Number.isNaN(n)) {
        ctx.issues.push({ code: "custom", message: E.amount, input: value });
        return null;
      }
      if (n < 0 || n > max) ctx.issues.push({ code: "custom", message: E.amountRange, input: value });
      return Math.round(n * 100) / 100;
    }),
  );
}

export function personalSchema(traeger: TraegerConfig, today: string) {
  return z
    .object({
      firstName: text(100),
      lastName: text(100),
      birthDate: birthDate(today),
      // A key from the list (app/domain/application/nationalities.ts) or its German name: stored as the German name.
      nationality: z.pipe(
        z.string(E.choose).check(z.trim(), z.minLength(1, E.choose)),
        z.transform((value, ctx) => {
          const found = resolveNationality(value);
          if (!found) ctx.issues.push({ code: "custom", message: E.choose, input: value });
          return found?.de ?? value;
        }),
      ),
      street: text(200),
      postalCode: z.string(E.required).check(z.trim(), z.minLength(1, E.required), z.regex(/^\d{5}$/, E.postalCode)),
      municipality: text(100),
      phone: z.pipe(
        optionalText(40),
        z.transform((v, ctx) => {
          if (v && !/^\+?[0-9 ()/-]{5,40}$/.test(v)) ctx.issues.push({ code: "custom", message: E.phone, input: v });
          return v;
        }),
      ),
      priorBenefits: yesNo,
    })
    .check(
      z.superRefine((value, ctx) => {
        if (ageOn(value.birthDate, today) < 15) ctx.issues.push({ code: "custom", message: E.applicantAge, path: ["birthDate"], input: value.birthDate });
        const residence = residenceOf(traeger, value.postalCode, value.municipality);
        if (residence.kind === "outside") ctx.issues.push({ code: "custom", message: E.outsideKreis, path: ["municipality"], input: value.municipality });
        if (residence.kind === "postal-code-mismatch") ctx.issues.push({ code: "custom", message: E.postalCodeMismatch, path: ["postalCode"], input: value.postalCode });
      }),
    )
    .check(z.overwrite((value) => ({ ...value, nationalityKey: resolveNationality(value.nationality)?.key ?? null })));
}

export function memberSchema(today: string) {
  return z.object({
    firstName: text(100),
    lastName: text(100),
    birthDate: birthDate(today),
    relationship: z.enum(RELATIONSHIPS, E.choose),
    priorBenefits: yesNo,
  });
}

export const housingSchema = z
  .object({
    kind: z.enum(HOUSING_KINDS, E.choose),
    coldRent: amount(10_000, { required: false }),
    utilities: amount(5_000, { required: false }),
    heating: amount(5_000, { required: false }),
    size: z.pipe(
      z.optional(z.string()),
      z.transform((value, ctx): number | null => {
        const raw = (value ?? "").trim();
        if (!raw) return null;
        const n = parseAmount(raw);
        if (Number.isNaN(n) || n < 5 || n > 1000) ctx.issues.push({ code: "custom", message: E.size, input: value });
        return Number.isNaN(n) ? null : n;
      }),
    ),
  })
  .check(
    z.superRefine((value, ctx) => {
      const need = (field: "coldRent" | "utilities" | "heating") => {
        if (value[field] === null && !ctx.issues.some((i) => i.path?.[0] === field)) ctx.issues.push({ code: "custom", message: E.required, path: [field], input: null });
      };
      if (value.kind === "rent") need("coldRent");
      if (value.kind !== "free") {
        need("utilities");
        need("heating");
      }
    }),
  )
  .check(z.overwrite((value) => (value.kind === "rent" ? value : { ...value, coldRent: null, ...(value.kind === "free" ? { utilities: null, heating: null } : {}) })));

const incomeAmounts = Object.fromEntries(INCOME_KINDS.map((k) => [k, amount(20_000, { required: false })])) as Record<IncomeKind, ReturnType<typeof amount>>;

export const incomeSchema = z.pipe(
  z.object({ hasIncome: yesNo, ...incomeAmounts }).check(
    z.superRefine((value, ctx) => {
      if (value.hasIncome && INCOME_KINDS.every((k) => !value[k])) ctx.issues.push({ code: "custom", message: E.incomeMissing, path: ["employment"], input: null });
    }),
  ),
  z.transform((value) => {
    const amounts: Partial<Record<IncomeKind, number>> = {};
    if (value.hasIncome) for (const k of INCOME_KINDS) if (value[k]) amounts[k] = value[k];
    return { hasIncome: value.hasIncome, amounts };
  }),
);

export const bankSchema = z.object({
  accountHolder: text(140),
  iban: z.pipe(
    z.string(E.required).check(z.trim(), z.minLength(1, E.required)),
    z.transform((value, ctx) => {
      const problem = ibanProblem(value);
      if (problem) ctx.issues.push({ code: "custom", message: problem === "checksum" ? E.ibanChecksum : E.ibanFormat, input: value });
      return normalizeIban(value);
    }),
  ),
});

/** The declaration must be given; both digital choices are opt-in (paper is the default). */
export const submitSchema = z.object({
  declaration: z.literal("1", E.declaration),
  documentsDigital: z.pipe(
    z.optional(z.string()),
    z.transform((v) => v === "1"),
  ),
  decisionsDigital: z.pipe(
    z.optional(z.string()),
    z.transform((v) => v === "1"),
  ),
});

// ---------------------------------------------------------------------------------------------
// The Anlagen (VM, UH, SV, MEB, EKS, VE, HG) and the circumstances page that opens them

/** Checkboxes: at least one answer; "none" alone means nothing applies. */
export const circumstancesSchema = z.pipe(
  z.object({ items: z.string(E.choose).check(z.minLength(1, E.choose)) }),
  z.transform((value, ctx) => {
    const picked = value.items.split(",").filter(Boolean);
    const known = picked.filter((x): x is Circumstance => (CIRCUMSTANCES as readonly string[]).includes(x));
    if (picked.includes("none") && known.length > 0) ctx.issues.push({ code: "custom", message: E.noneAndOther, path: ["items"], input: value.items });
    else if (!picked.includes("none") && known.length === 0) ctx.issues.push({ code: "custom", message: E.choose, path: ["items"], input: value.items });
    return { items: CIRCUMSTANCES.filter((c) => known.includes(c)) };
  }),
);

const ASSET_FIELDS = ["savings", "securities", "insurance", "vehicles", "property", "other"] as const;

export const assetsSchema = z
  .object({
    ...(Object.fromEntries(ASSET_FIELDS.map((k) => [k, amount(100_000_000, { required: false })])) as Record<(typeof ASSET_FIELDS)[number], ReturnType<typeof amount>>),
    ownHome: z.pipe(
      z.optional(z.string()),
      z.transform((v) => v === "1"),
    ),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (ASSET_FIELDS.every((k) => value[k] === null) && !ctx.issues.length) ctx.issues.push({ code: "custom", message: E.assetsMissing, path: ["savings"], input: null });
    }),
  );

/** An amount that is only asked when its yes/no question was answered "yes". */
export const maintenanceSchema = z.pipe(
  z.object({ receives: yesNo, received: amount(20_000, { required: false }), pays: yesNo, paid: amount(20_000, { required: false }), title: yesNo }).check(
    z.superRefine((value, ctx) => {
      if (value.receives && value.received === null && !ctx.issues.some((i) => i.path?.[0] === "received")) ctx.issues.push({ code: "custom", message: E.required, path: ["received"], input: null });
      if (value.pays && value.paid === null && !ctx.issues.some((i) => i.path?.[0] === "paid")) ctx.issues.push({ code: "custom", message: E.required, path: ["paid"], input: null });
    }),
  ),
  z.transform((v) => ({ received: v.receives ? v.received : null, paid: v.pays ? v.paid : null, title: v.title })),
);

const RVNR_ERRORS: Record<RvnrProblem, string> = {
  format: E.rvnrFormat,
  area: E.rvnrArea,
  birthDate: E.rvnrBirthDate,
  letter: E.rvnrLetter,
  checkDigit: E.rvnrCheckDigit,
};

/** Anlage SV for one person: the Rentenversicherungsnummer is checked against their birth date (and its check digit). */
export function insuranceSchema(person: { birthDate: string; lastName: string }) {
  return z
    .object({
      kind: z.enum(HEALTH_INSURANCE_KINDS, E.choose),
      insurer: optionalText(140),
      rvnr: z.pipe(
        optionalText(20),
        z.transform((value, ctx) => {
          if (!value) return null;
          // The letter is the initial of the birth name, which the form does not ask: after a
          // marriage it differs from the surname, so it is not compared (the check digit still
          // catches a mistyped letter).
          const problem = rvnrProblem(value, { birthDate: person.birthDate, names: [] });
          if (problem) ctx.issues.push({ code: "custom", message: RVNR_ERRORS[problem], input: value });
          return normalizeRvnr(value);
        }),
      ),
    })
    .check(
      z.superRefine((value, ctx) => {
        if (value.kind !== "none" && !value.insurer) ctx.issues.push({ code: "custom", message: E.required, path: ["insurer"], input: null });
      }),
    )
    .check(z.overwrite((value) => (value.kind === "none" ? { ...value, insurer: null } : value)));
}

/** A date from today on (an expected date of delivery), at most 10 months ahead. */
function dueDate(today: string) {
  return z.pipe(
    z.string(E.required).check(z.trim(), z.minLength(1, E.required)),
    z.transform((value, ctx) => {
      const iso = parseDateInput(value);
      if (!iso) {
        ctx.issues.push({ code: "custom", message: E.date, input: value });
        return z.NEVER;
      }
      const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 300 * 86_400_000).toISOString().slice(0, 10);
      if (iso < today || iso > latest) ctx.issues.push({ code: "custom", message: E.dueDate, input: value });
      return iso;
    }),
  );
}

/**
 * The Mehrbedarfe page: only the parts in `kinds` are read; a person must be one of `people`.
 * Field names: pregnancyPerson, dueDate, soleCare, disabilityPerson, measure, dietPerson, illness, hotWaterDevice.
 */
export function extraNeedsSchema(kinds: ReadonlyArray<keyof ExtraNeedsData>, people: readonly string[], today: string) {
  const person = z.string(E.person).check(z.refine((v) => people.includes(v), E.person));
  const shape = {
    ...(kinds.includes("pregnancy") ? { pregnancyPerson: person, dueDate: dueDate(today) } : {}),
    ...(kinds.includes("singleParent") ? { soleCare: yesNo } : {}),
    ...(kinds.includes("disability") ? { disabilityPerson: person, measure: text(500) } : {}),
    ...(kinds.includes("diet") ? { dietPerson: person, illness: text(500) } : {}),
    ...(kinds.includes("hotWater") ? { hotWaterDevice: text(200) } : {}),
  };
  return z.pipe(
    z.object(shape),
    z.transform((raw): ExtraNeedsData => {
      const v = raw as Record<string, string | boolean>;
      const out: ExtraNeedsData = {};
      if (kinds.includes("pregnancy")) out.pregnancy = { memberId: v.pregnancyPerson as string, dueDate: v.dueDate as string };
      if (kinds.includes("singleParent")) out.singleParent = { soleCare: v.soleCare as boolean };
      if (kinds.includes("disability")) out.disability = { memberId: v.disabilityPerson as string, measure: v.measure as string };
      if (kinds.includes("diet")) out.diet = { memberId: v.dietPerson as string, illness: v.illness as string };
      if (kinds.includes("hotWater")) out.hotWater = { device: v.hotWaterDevice as string };
      return out;
    }),
  );
}

/** Anlage EKS (simplified): the expected monthly average of the next 6 months. */
export const selfEmploymentSchema = z.pipe(
  z.object({ business: text(200), revenue: amount(1_000_000, { required: true }), expenses: amount(1_000_000, { required: true }) }),
  z.transform((v) => ({ business: v.business, revenue: v.revenue ?? 0, expenses: v.expenses ?? 0 })),
);

/** Anlage VE: the four criteria of the presumption (§ 7 Abs. 3a SGB II), each yes or no. */
export const partnershipSchema = z.object({ overOneYear: yesNo, jointChild: yesNo, caring: yesNo, sharedMoney: yesNo });

/** Anlage HG (simplified): support from the relatives (amount when "yes") and their own income (optional). */
export const relativesSchema = z.pipe(
  z.object({ supports: yesNo, support: amount(20_000, { required: false }), income: amount(100_000, { required: false }) }).check(
    // Also when another field has an error (income), so every problem is shown at once.
    z.refine((value) => !(value.supports && value.support === null), {
      message: E.required,
      path: ["support"],
      when: (payload) => !payload.issues.some((i) => i.path?.[0] === "support" || i.path?.[0] === "supports"),
    }),
  ),
  z.transform((v) => ({ support: v.supports ? v.support : null, income: v.income })),
);

// ---------------------------------------------------------------------------------------------
// Angaben zu jeder Person (decision 043)

/**
 * The details page of one person. Only the questions that apply are read (`detailQuestions`):
 * Familienstand from 18, work from 15, the residence document without German nationality. A
 * member's nationality is asked here (the applicant's on her own page, `nationalityKey`).
 * Field names: sex, birthName, birthPlace, birthCountry, nationality, residenceDocument,
 * validUntil, entryDate, azrNumber, familyStatus, familyStatusSince, ableToWork, incapacity,
 * disabilityRecognised, gdb, marks (comma-joined), institution.
 */
export function personDetailsSchema(person: { age: number; birthDate: string; nationalityKey?: string | null }, today: string) {
  const askNationality = person.nationalityKey === undefined;
  const raw = z.record(z.string(), z.string());
  return z.pipe(
    raw,
    z.transform((v, ctx): PersonDetails => {
      const issue = (path: string, message: string) => ctx.issues.push({ code: "custom", message, path: [path], input: v[path] });
      const str = (k: string) => (v[k] ?? "").trim();
      const choice = <T extends string>(k: string, values: readonly T[]): T | null => {
        const x = str(k);
        if (!(values as readonly string[]).includes(x)) {
          issue(k, E.choose);
          return null;
        }
        return x as T;
      };
      const yes = (k: string): boolean | null => {
        const x = str(k);
        if (x !== "yes" && x !== "no") {
          issue(k, E.choose);
          return null;
        }
        return x === "yes";
      };
      const required = (k: string, max: number): string => {
        const x = str(k);
        if (!x) issue(k, E.required);
        else if (x.length > max) issue(k, E.tooLong);
        return x;
      };
      const date = (k: string, { future }: { future: boolean }): string | null => {
        const x = str(k);
        if (!x) {
          issue(k, E.required);
          return null;
        }
        const iso = parseDateInput(x);
        if (!iso) issue(k, E.date);
        else if (future && iso < today) issue(k, E.datePast);
        else if (!future && (iso > today || iso < person.birthDate)) issue(k, E.dateFuture);
        return iso;
      };
      const sex = choice<Sex>("sex", SEXES);
      const birthNameRaw = str("birthName");
      if (birthNameRaw.length > 100) issue("birthName", E.tooLong);
      const birthPlace = required("birthPlace", 100);
      const birthCountry = required("birthCountry", 100);
      let nationality: { de: string; key: string } | null = null;
      if (askNationality) {
        const found = resolveNationality(str("nationality"));
        if (!found) issue("nationality", E.choose);
        else nationality = { de: found.de, key: found.key };
      }
      const key = askNationality ? (nationality?.key ?? null) : (person.nationalityKey ?? null);
      const q = detailQuestions(person.age, key);
      // Without a nationality chosen yet the residence questions are checked only once it is.
      let residence: PersonDetails["residence"] = null;
      if (q.residence && (!askNationality || nationality)) {
        const document = choice<ResidenceDocument>("residenceDocument", RESIDENCE_DOCUMENTS);
        const validUntil = document && TIME_LIMITED_DOCUMENTS.includes(document) ? date("validUntil", { future: true }) : null;
        const entryDate = date("entryDate", { future: false });
        // The AZR-Nummer (Ausländerzentralregister) is on the Aufenthaltstitel or the Bescheinigung: 12 digits, optional.
        const azrNumber = str("azrNumber").replace(/\s/g, "") || null;
        if (azrNumber && !/^\d{12}$/.test(azrNumber)) issue("azrNumber", E.azrNumber);
        if (document && entryDate) residence = { document, validUntil, entryDate, azrNumber };
      }
      let familyStatus: PersonDetails["familyStatus"] = null;
      if (q.familyStatus) {
        const status = choice<FamilyStatus>("familyStatus", FAMILY_STATUSES);
        const since = status && status !== "single" ? date("familyStatusSince", { future: false }) : null;
        if (status) familyStatus = { status, since };
      }
      const ableToWork = q.work ? yes("ableToWork") : null;
      const incapacity = q.work ? yes("incapacity") : null;
      const disabilityRecognised = yes("disabilityRecognised");
      let disability: PersonDetails["disability"] = null;
      if (disabilityRecognised) {
        const gdb = Number(str("gdb"));
        if (!str("gdb")) issue("gdb", E.required);
        else if (!Number.isInteger(gdb) || gdb < 20 || gdb > 100 || gdb % 10 !== 0) issue("gdb", E.gdb);
        const marks = str("marks")
          .split(",")
          .filter((m): m is DisabilityMark => (DISABILITY_MARKS as readonly string[]).includes(m));
        disability = { gdb, marks };
      }
      const institution = yes("institution");
      return {
        sex: sex ?? "unspecified",
        birthName: birthNameRaw || null,
        birthPlace,
        birthCountry,
        ...(askNationality ? { nationality: nationality?.de ?? "", nationalityKey: nationality?.key ?? null } : {}),
        residence,
        familyStatus,
        ableToWork,
        incapacity,
        disabilityRecognised: disabilityRecognised ?? false,
        disability,
        institution: institution ?? false,
      };
    }),
  );
}
