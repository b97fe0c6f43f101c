// The Rentenversicherungsnummer (Versicherungsnummer, § 147 SGB VI; VKVV § 2): 12 characters
// "65 170839 J 00 3" = Bereichsnummer (2 digits), birth date ddmmyy, the first letter of the
// birth name, a serial number (2 digits), a check digit. Pure TypeScript, no I/O.

export type RvnrProblem = "format" | "area" | "birthDate" | "letter" | "checkDigit";

/** Removes spaces and makes the letter upper case: "65 170839 j 003" → "65170839J003". */
export function normalizeRvnr(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}

// Weights of the DRV check digit procedure (Prüfziffernberechnung, VKVV Anlage).
const WEIGHTS = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];

/**
 * The check digit of the first 11 characters: the letter becomes its two-digit place in the
 * alphabet (A = 01 … Z = 26), each of the 12 digits is multiplied by its weight, the digit sums
 * of the products are added; the last digit of that sum is the check digit.
 */
export function rvnrCheckDigit(first11: string): number {
  const letter = first11.charCodeAt(8) - 64;
  const digits = (first11.slice(0, 8) + String(letter).padStart(2, "0") + first11.slice(9, 11)).split("").map(Number);
  const sum = digits.reduce((acc, d, i) => {
    const p = d * WEIGHTS[i];
    return acc + Math.floor(p / 10) + (p % 10);
  }, 0);
  return sum % 10;
}

/** Latin initial of a name (umlauts and accents folded: "Özdemir" → "O"); null for other scripts. */
export function latinInitial(name: string): string | null {
  const first = name
    .trim()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .charAt(0)
    .toUpperCase();
  return /^[A-Z]$/.test(first) ? first : null;
}

/**
 * The first problem with a Rentenversicherungsnummer for this person, or null when it is valid.
 * `birthDate` is "YYYY-MM-DD"; `names` the surnames whose initial is accepted (a name in another
 * script is not checked, the letter then comes from the transliteration used by the DRV).
 */
export function rvnrProblem(input: string, person: { birthDate: string; names: readonly string[] }): RvnrProblem | null {
  const value = normalizeRvnr(input);
  if (!/^\d{8}[A-Z]\d{3}$/.test(value)) return "format";
  // Bereichsnummern of the Rentenversicherungsträger are 02 to 89; 00, 01 and 90+ are not given out.
  const area = Number(value.slice(0, 2));
  if (area < 2 || area > 89) return "area";
  const [y, m, d] = person.birthDate.split("-");
  if (value.slice(2, 8) !== `${d}${m}${y.slice(2)}`) return "birthDate";
  const initials = person.names.map(latinInitial).filter((x): x is string => x !== null);
  if (initials.length > 0 && !initials.includes(value.charAt(8))) return "letter";
  if (rvnrCheckDigit(value) !== Number(value.charAt(11))) return "checkDigit";
  return null;
}
