// IBAN: normalisation and the ISO 13616 checksum (mod 97 = 1). Pure TypeScript.

/** Lengths of the IBANs people here will have most often; other countries: 15–34 characters. */
const LENGTHS: Record<string, number> = {
  DE: 22,
  AT: 20,
  NL: 18,
  BE: 16,
  PL: 28,
  RO: 24,
  TR: 26,
  FR: 27,
  LU: 20,
  IT: 27,
  ES: 24,
  CH: 21,
  UA: 29,
};

/** Removes spaces and dashes and upper-cases: "de89 3704-0044 0532 0130 00" → "DE89370400440532013000". */
export function normalizeIban(input: string): string {
  return input.replace(/[\s\u00a0-]/g, "").toUpperCase();
}

/** "DE89370400440532013000" → "DE89 3704 0044 0532 0130 00". */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, "$1 ");
}

/** The remainder of the IBAN's number (country and check digits moved to the end) modulo 97. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[0-9]/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

export type IbanProblem = "format" | "length" | "checksum";

/** Why an IBAN is wrong, or null when it is valid. */
export function ibanProblem(input: string): IbanProblem | null {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return "format";
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return "length";
  return mod97(iban) === 1 ? null : "checksum";
}

export function isValidIban(input: string): boolean {
  return ibanProblem(input) === null;
}
