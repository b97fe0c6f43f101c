// The name of the benefit as dated data (decision 032): "Bürgergeld" from 2023-01-01 (Bürgergeld-
// Gesetz), "Grundsicherungsgeld" from 2026-07-01 (Neue Grundsicherung; docs/sources/rules-2026.md,
// buerger-geld.org/?p=30797). The legal name is German in every language; page texts translate it
// beside it. Pure: no clock unless the caller passes none.

export interface BenefitName {
  /** ISO date the name applies from (inclusive). */
  readonly validFrom: string;
  /** The legal name, German in every language. */
  readonly name: "Bürgergeld" | "Grundsicherungsgeld";
  /** The name before, for people who search for the old word; null for the first. */
  readonly formerly: string | null;
}

/** Sorted by validFrom, oldest first. */
export const BENEFIT_NAMES: readonly BenefitName[] = [
  { validFrom: "2023-01-01", name: "Bürgergeld", formerly: null },
  { validFrom: "2026-07-01", name: "Grundsicherungsgeld", formerly: "Bürgergeld" },
];

/** The benefit's name on `date` (ISO yyyy-mm-dd); dates before 2023 get the first name known here. */
export function benefitNameFor(date: string): BenefitName {
  let found = BENEFIT_NAMES[0];
  for (const entry of BENEFIT_NAMES) if (entry.validFrom <= date.slice(0, 10)) found = entry;
  return found;
}
