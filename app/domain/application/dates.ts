// Calendar dates of the application (birth dates, the Antragsdatum): "YYYY-MM-DD" strings,
// read as German calendar days. Pure TypeScript.

/** Accepts "2001-04-30", "30.04.2001" or "30.4.2001"; returns "2001-04-30" or null. */
export function parseDateInput(input: string): string | null {
  const text = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Full years between a birth date and `on` (both "YYYY-MM-DD"). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = on.split("-").map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** "YYYY-MM-DD" of a day in Germany (Europe/Berlin), e.g. the Antragsdatum of a request now. */
export function berlinDay(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The first day of the date's month: benefits start then (§ 37 Abs. 2 S. 2 SGB II). */
export function benefitStart(antragsdatum: string): string {
  return `${antragsdatum.slice(0, 7)}-01`;
}
