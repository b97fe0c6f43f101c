// The declaration the person confirms before submitting (Hauptantrag, "Erklärung"; issue 18
// item 14, decision 043): which text she confirmed, when and as whom. The binding text is the
// German one (decision 023: locales/de/application.json, check.declaration and
// check.declarationConfirm); the page shows it in her language beside the German. Pure.

/**
 * The current version of the declaration. When the German text changes, give it a new version
 * and the new hash: test/declaration.test.ts compares the hash with the German locale.
 */
export const DECLARATION = {
  version: "2026-12-07",
  /** SHA-256 (hex) of check.declaration + "\n" + check.declarationConfirm in German. */
  sha256: "8ab32742cf871be753fb277b9e5763e3b626622bc0ccf2070b541cb1de844a4c",
} as const;

/** What is kept with the submitted answers. */
export interface DeclarationRecord {
  version: string;
  sha256: string;
  /** When she submitted with the box ticked (ISO 8601). */
  confirmedAt: string;
  /** The member who confirmed: the applicant, signed in to her own account. */
  confirmedBy: string;
  /** The language the page showed the text in (the binding text is German). */
  language: string;
}

export function declarationRecord(confirmedAt: string, language: string, confirmedBy = "p1"): DeclarationRecord {
  return { version: DECLARATION.version, sha256: DECLARATION.sha256, confirmedAt, confirmedBy, language };
}
