// Rule parameters of the pre-check (Bürgergeld until 2026-06-30, Grundsicherungsgeld from 2026-07-01)
// as DATA, each set with the date it is valid from.
// Sources: docs/sources/rules.md §§ 0–7 (GETTSIM, RBSFV, § 11b, § 12, § 21 SGB II); the set from
// 2026-07-01: docs/sources/rules-2026.md (its `sources` field names the source of every new figure).
// A new year is added by appending one set to PARAMETER_SETS: no code changes. A reform whose
// figures are not yet known can be announced in PENDING_REFORMS until its set is added.

import type { MedicalDiet } from "./keys";

export type Regelbedarfsstufe = 1 | 2 | 3 | 4 | 5 | 6;

/** One band of the Erwerbstätigenfreibetrag: `rate` of the gross earnings from `from` up to the next band. */
export interface EarningsBand {
  readonly from: number;
  readonly rate: number;
}

/** § 12 Abs. 2 and 4 SGB II in the Bürgergeld version (2023-01-01 to 2026-06-30). */
export interface KarenzzeitAssets {
  readonly karenzzeitFirstPerson: number;
  readonly karenzzeitEachFurtherPerson: number;
  readonly perPersonAfterKarenzzeit: number;
}

/** One age band of the per-person allowance: from the month the member reaches `fromAge` (whole years). */
export interface AssetAgeBand {
  readonly fromAge: number;
  readonly allowance: number;
}

/**
 * § 12 SGB II as of the Neue Grundsicherung (from 2026-07-01): no Karenzzeit for assets; a
 * per-person allowance by age, unused allowances pass to the other members of the
 * Bedarfsgemeinschaft; a self-used home is protected in the first year (Karenzzeit of § 22).
 */
export interface AgeBandAssets {
  /** Sorted by fromAge, the first starting at 0. */
  readonly ageBands: readonly AssetAgeBand[];
  readonly transferWithinBedarfsgemeinschaft: boolean;
  readonly ownHomeProtectedInFirstYear: boolean;
}

export function hasAgeBands(assets: ParameterSet["assets"]): assets is AgeBandAssets {
  return "ageBands" in assets;
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
  /** § 12 SGB II: asset allowances (Karenzzeit rule until 2026-06-30, age bands from 2026-07-01). */
  readonly assets: KarenzzeitAssets | AgeBandAssets;
  /** § 22 Abs. 1 S. 2–4 SGB II: the first-year Karenzzeit for the rent. */
  readonly housing: {
    /**
     * Neue Grundsicherung: inside the Karenzzeit the actual rent counts only up to this multiple of
     * the Träger's limit (where one is configured); null = no cap (Bürgergeld, until 2026-06-30).
     */
    readonly karenzzeitCapFactor: number | null;
  };
  /** Where each figure of the set comes from, where the comments above do not say it (rules-2026.md). */
  readonly sources?: Readonly<Record<string, string>>;
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
  housing: { karenzzeitCapFactor: null },
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
  {
    // Neue Grundsicherung (Grundsicherungsgeld), adopted by the Bundestag on 2026-03-05, in force
    // 2026-07-01. The promulgated text (BGBl. 2026 I) could NOT be confirmed when this set was
    // written (decision 032): the asset and housing figures are the government draft's, as the
    // `sources` below say. Everything else is the 2026-01-01 set unchanged ("Nullrunde").
    validFrom: "2026-07-01",
    regelbedarf: { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 },
    kindersofortzuschlag: 25,
    kindergeld: 259,
    earnings: earnings(603),
    unterhaltsvorschuss: { upToAge5: 227, upToAge11: 299, upToAge17: 394, minimumParentEarningsFrom12: 600 },
    ...COMMON,
    assets: {
      // "bis zur Vollendung des 20. Lebensjahres" 5,000 €; "ab dem 21. Lebensjahr" (= from the 20th
      // birthday) 10,000 €; from the 41st year of life (40th birthday) 12,500 €; from the 51st (50th
      // birthday) 15,000 €; the higher allowance from the month the age is reached.
      ageBands: [
        { fromAge: 0, allowance: 5_000 },
        { fromAge: 20, allowance: 10_000 },
        { fromAge: 40, allowance: 12_500 },
        { fromAge: 50, allowance: 15_000 },
      ],
      transferWithinBedarfsgemeinschaft: true,
      ownHomeProtectedInFirstYear: true,
    },
    housing: { karenzzeitCapFactor: 1.5 },
    sources: {
      regelbedarf: "unchanged in 2026 (Nullrunde): rules.md [S2] RBSFV 2026; rules-2026.md (buerger-geld.org/?p=30797)",
      assets:
        "government draft as reported in January 2026: solex.walhalla.de/2026/01/vermoegensfreigrenzen-beim-grundsicherungsgeld (rules-2026.md); same figures in gegen-hartz.de as quoted by archive.ph/i0ycs. Promulgated text (BGBl. 2026 I) not confirmed",
      housing: "government draft: solex.walhalla.de/tag/karenzzeit; buerger-geld.org (Bundesrat demands) (rules-2026.md). Promulgated text (BGBl. 2026 I) not confirmed",
      validFrom: "Bundestag vote 2026-03-05, in force 2026-07-01: buerger-geld.org/?p=30797 (rules-2026.md)",
    },
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

// The Neue Grundsicherung (2026-07-01) has its own set since decision 032: nothing is pending.
export const PENDING_REFORMS: readonly PendingReform[] = [];

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
