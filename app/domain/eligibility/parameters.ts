// Rule parameters of the Bürgergeld pre-check as DATA, each set with the date it is valid from.
// Sources: docs/sources/rules.md §§ 0–7 (GETTSIM, RBSFV, § 11b, § 12, § 21 SGB II).
// A new year (or the confirmed 2026 reform) is added by appending one set to PARAMETER_SETS
// (and, for the reform, removing its entry from PENDING_REFORMS): no code changes.

import type { MedicalDiet } from "./keys";

export type Regelbedarfsstufe = 1 | 2 | 3 | 4 | 5 | 6;

/** One band of the Erwerbstätigenfreibetrag: `rate` of the gross earnings from `from` up to the next band. */
export interface EarningsBand {
  readonly from: number;
  readonly rate: number;
}

export interface ParameterSet {
  /** ISO date the set applies from (inclusive); it applies until the next set starts. */
  readonly validFrom: string;
  /** § 20 Abs. 1a SGB II with the RBSFV of the year: monthly Regelbedarf per Regelbedarfsstufe. */
  readonly regelbedarf: Readonly<Record<Regelbedarfsstufe, number>>;
  /** § 72 SGB II: Kindersofortzuschlag per member on RBS 3–6. */
  readonly kindersofortzuschlag: number;
  /** § 66 EStG: Kindergeld per child (reference figure; the request carries the amount actually paid). */
  readonly kindergeld: number;
  readonly mehrbedarf: {
    /** § 21 Abs. 2: share of the member's own Regelbedarf from the given week of pregnancy. */
    readonly pregnancy: { readonly share: number; readonly fromWeek: number };
    /** § 21 Abs. 3: shares of RBS 1 for single parents. */
    readonly singleParent: {
      readonly elevatedShare: number; // one child under 7, or two or three children under 16
      readonly elevatedYoungestUnder: number;
      readonly elevatedTwoOrMoreUnder: number;
      readonly perChildShare: number; // per minor child, if that gives more
      readonly maxShare: number;
    };
    /** § 21 Abs. 4: share of the member's own Regelbedarf (Teilhabe am Arbeitsleben). */
    readonly disability: number;
    /** § 21 Abs. 5 with the Deutscher-Verein guidance: shares of RBS 1 (decision 8). */
    readonly diet: Readonly<Record<Exclude<MedicalDiet, "none">, number>>;
    /** § 21 Abs. 7: decentral hot water, share of the member's own Regelbedarf by Regelbedarfsstufe. */
    readonly hotWater: Readonly<Record<Regelbedarfsstufe, number>>;
  };
  readonly earnings: {
    /** § 11b Abs. 2 S. 1: Grundfreibetrag on earned income. */
    readonly grundfreibetrag: number;
    /** § 11b Abs. 3 S. 2: Erwerbstätigenfreibetrag bands above the Grundfreibetrag, on gross earnings. */
    readonly bands: readonly EarningsBand[];
    /** § 11b Abs. 3 S. 2 Nr. 2: the last band ends here … */
    readonly upperLimit: number;
    /** § 11b Abs. 3 S. 3: … or here when a minor child lives in the Bedarfsgemeinschaft (decision 13). */
    readonly upperLimitWithMinorChild: number;
    /** § 11b Abs. 2b with § 8 Abs. 1a SGB IV: Minijob limit replacing the Grundfreibetrag for U25 in education. */
    readonly u25Absetzbetrag: number;
  };
  /** § 11b Abs. 1 S. 1 Nr. 3 with § 6 Abs. 1 Nr. 1 Bürgergeld-V: Versicherungspauschale for adults. */
  readonly versicherungspauschale: number;
  /** § 12 Abs. 2 and 4 SGB II: asset allowances. */
  readonly assets: {
    readonly karenzzeitFirstPerson: number;
    readonly karenzzeitEachFurtherPerson: number;
    readonly perPersonAfterKarenzzeit: number;
  };
  /** § 7a SGB II: Regelaltersgrenze, taken as a whole age (decision 11). */
  readonly regelaltersgrenze: number;
  /** § 7 Abs. 1 S. 1 Nr. 1 SGB II: minimum age of an erwerbsfähige Leistungsberechtigte. */
  readonly minimumAge: number;
  /** § 6a BKGG: minimum gross earnings for a Kinderzuschlag (referral hint, § 12a). */
  readonly kinderzuschlagMinimumEarnings: { readonly singleParent: number; readonly couple: number };
  /** § 2 UVG: Unterhaltsvorschuss by age band (referral hint). */
  readonly unterhaltsvorschuss: {
    readonly upToAge5: number;
    readonly upToAge11: number;
    readonly upToAge17: number;
    /** § 1 Abs. 1a UVG: for children aged 12–17, the parent must earn at least this much (gross). */
    readonly minimumParentEarningsFrom12: number;
  };
}

// Shares and amounts unchanged since the Bürgergeld-Gesetz (1.7.2023).
const MEHRBEDARF_SHARES: ParameterSet["mehrbedarf"] = {
  pregnancy: { share: 0.17, fromWeek: 13 },
  singleParent: {
    elevatedShare: 0.36,
    elevatedYoungestUnder: 7,
    elevatedTwoOrMoreUnder: 16,
    perChildShare: 0.12,
    maxShare: 0.6,
  },
  disability: 0.35,
  diet: {
    coeliac: 0.2,
    "cystic-fibrosis": 0.3,
    dialysis: 0.05,
    "dialysis-with-malnutrition": 0.15,
    "disease-related-malnutrition": 0.1,
  },
  hotWater: { 1: 0.023, 2: 0.023, 3: 0.023, 4: 0.014, 5: 0.012, 6: 0.008 },
};

const ERWERBSTAETIGENFREIBETRAG_BANDS: readonly EarningsBand[] = [
  { from: 100, rate: 0.2 },
  { from: 520, rate: 0.3 },
  { from: 1000, rate: 0.1 },
];

const ASSETS: ParameterSet["assets"] = {
  karenzzeitFirstPerson: 40_000,
  karenzzeitEachFurtherPerson: 15_000,
  perPersonAfterKarenzzeit: 15_000,
};

const COMMON = {
  mehrbedarf: MEHRBEDARF_SHARES,
  versicherungspauschale: 30,
  assets: ASSETS,
  regelaltersgrenze: 67,
  minimumAge: 15,
  kinderzuschlagMinimumEarnings: { singleParent: 600, couple: 900 },
} as const;

function earnings(u25Absetzbetrag: number): ParameterSet["earnings"] {
  return {
    grundfreibetrag: 100,
    bands: ERWERBSTAETIGENFREIBETRAG_BANDS,
    upperLimit: 1200,
    upperLimitWithMinorChild: 1500,
    u25Absetzbetrag,
  };
}

/** Sorted by validFrom, oldest first. */
export const PARAMETER_SETS: readonly ParameterSet[] = [
  {
    validFrom: "2023-07-01",
    regelbedarf: { 1: 502, 2: 451, 3: 402, 4: 420, 5: 348, 6: 318 },
    kindersofortzuschlag: 20,
    kindergeld: 250,
    earnings: earnings(520),
    unterhaltsvorschuss: { upToAge5: 187, upToAge11: 252, upToAge17: 338, minimumParentEarningsFrom12: 600 },
    ...COMMON,
  },
  {
    validFrom: "2024-01-01",
    regelbedarf: { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 },
    kindersofortzuschlag: 20,
    kindergeld: 250,
    earnings: earnings(538),
    unterhaltsvorschuss: { upToAge5: 230, upToAge11: 301, upToAge17: 395, minimumParentEarningsFrom12: 600 },
    ...COMMON,
  },
  {
    validFrom: "2025-01-01",
    regelbedarf: { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 },
    kindersofortzuschlag: 25,
    kindergeld: 255,
    earnings: earnings(556),
    unterhaltsvorschuss: { upToAge5: 227, upToAge11: 299, upToAge17: 394, minimumParentEarningsFrom12: 600 },
    ...COMMON,
  },
  {
    validFrom: "2026-01-01",
    regelbedarf: { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 },
    kindersofortzuschlag: 25,
    kindergeld: 259,
    earnings: earnings(603),
    unterhaltsvorschuss: { upToAge5: 227, upToAge11: 299, upToAge17: 394, minimumParentEarningsFrom12: 600 },
    ...COMMON,
  },
];

/**
 * Reforms in force whose figures are not yet confirmed (rules.md § 10): dates on or after `from`
 * are answered with the last confirmed set and flagged `reformPending`.
 */
export interface PendingReform {
  readonly key: string;
  readonly from: string;
}

export const PENDING_REFORMS: readonly PendingReform[] = [{ key: "neue-grundsicherung", from: "2026-07-01" }];

export const EARLIEST_SUPPORTED_DATE = PARAMETER_SETS[0].validFrom;

export type ParametersLookup =
  | { readonly outOfRange: true; readonly earliest: string }
  | {
      readonly outOfRange: false;
      readonly parameters: ParameterSet;
      readonly reformPending: boolean;
      /** The pending reform, when reformPending. */
      readonly reform?: PendingReform;
    };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The parameter set valid on `date` (ISO yyyy-mm-dd). Dates before 2023-07-01 (before the
 * Bürgergeld reform's second stage) are out of range; dates after the last set use it (decision 1).
 */
export function parametersFor(date: string): ParametersLookup {
  if (!ISO_DATE.test(date)) throw new RangeError(`parametersFor: not an ISO date: ${date}`);
  let found: ParameterSet | undefined;
  for (const set of PARAMETER_SETS) {
    if (set.validFrom <= date) found = set;
    else break;
  }
  if (!found) return { outOfRange: true, earliest: EARLIEST_SUPPORTED_DATE };
  let reform: PendingReform | undefined;
  for (const pending of PENDING_REFORMS) {
    // A reform counts as pending until a set valid from its date (or later) is added.
    if (pending.from <= date && pending.from > found.validFrom) reform = pending;
  }
  return reform ? { outOfRange: false, parameters: found, reformPending: true, reform } : { outOfRange: false, parameters: found, reformPending: false };
}
