/**
 * Public holidays (gesetzliche Feiertage) of North Rhine-Westphalia, computed.
 *
 * NW: Neujahr, Karfreitag, Ostermontag, Tag der Arbeit (1. Mai), Christi Himmelfahrt,
 * Pfingstmontag, Fronleichnam, Tag der Deutschen Einheit (3. Oktober), Allerheiligen,
 * 1. and 2. Weihnachtstag. Plus the one-off nationwide Reformationstag 2017-10-31.
 * Easter Sunday, Pfingstsonntag etc. are Sundays anyway and not listed.
 *
 * Current rules only (the 3 October exists since 1990); years before 1991 are rejected.
 * Dates are calendar dates "YYYY-MM-DD" in Germany (Europe/Berlin). Pure, no I/O.
 */

export type NwHolidayKey =
  | "neujahr"
  | "karfreitag"
  | "ostermontag"
  | "tagDerArbeit"
  | "christiHimmelfahrt"
  | "pfingstmontag"
  | "fronleichnam"
  | "tagDerDeutschenEinheit"
  | "reformationstag"
  | "allerheiligen"
  | "ersterWeihnachtstag"
  | "zweiterWeihnachtstag";

export interface PublicHoliday {
  /** "YYYY-MM-DD" */
  date: string;
  /** Stable key; the UI translates it (e.g. "holidays.fronleichnam"). */
  key: NwHolidayKey;
}

const MIN_YEAR = 1991;
const MAX_YEAR = 9999;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`);
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function isoFromUtc(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return isoFromUtc(new Date(Date.UTC(y, m - 1, d + days)));
}

/**
 * Easter Sunday (Gregorian calendar) by the Anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher, a refinement of Gauss's method).
 */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const cache = new Map<number, readonly PublicHoliday[]>();

/** All NW public holidays of `year`, sorted by date. */
export function publicHolidaysNW(year: number): PublicHoliday[] {
  assertYear(year);
  let holidays = cache.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    const y = pad(year, 4);
    const list: PublicHoliday[] = [
      { date: `${y}-01-01`, key: "neujahr" },
      { date: addDays(easter, -2), key: "karfreitag" },
      { date: addDays(easter, 1), key: "ostermontag" },
      { date: `${y}-05-01`, key: "tagDerArbeit" },
      { date: addDays(easter, 39), key: "christiHimmelfahrt" },
      { date: addDays(easter, 50), key: "pfingstmontag" },
      { date: addDays(easter, 60), key: "fronleichnam" },
      { date: `${y}-10-03`, key: "tagDerDeutschenEinheit" },
      { date: `${y}-11-01`, key: "allerheiligen" },
      { date: `${y}-12-25`, key: "ersterWeihnachtstag" },
      { date: `${y}-12-26`, key: "zweiterWeihnachtstag" },
    ];
    // 500 years of the Reformation: a one-off public holiday in every Land.
    if (year === 2017) list.push({ date: "2017-10-31", key: "reformationstag" });
    // Christi Himmelfahrt can fall on 1 May (e.g. 2008); keep both entries, sorted.
    list.sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
    holidays = Object.freeze(list.map((h) => Object.freeze(h)));
    cache.set(year, holidays);
  }
  return holidays.map((h) => ({ ...h }));
}

/** Holidays for a supported calendar (the Träger config's `holidays` field). */
export function publicHolidays(calendar: "NW", year: number): PublicHoliday[] {
  switch (calendar) {
    case "NW":
      return publicHolidaysNW(year);
  }
}

/** Calendar date in Germany of an instant, "YYYY-MM-DD". */
export function toGermanIsoDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("invalid Date");
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Normalises a "YYYY-MM-DD" string or a Date (German calendar date) to "YYYY-MM-DD". */
export function toIsoDate(date: string | Date): string {
  if (date instanceof Date) return toGermanIsoDate(date);
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`expected a date "YYYY-MM-DD", got "${date}"`);
  const [, y, m, d] = match.map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: "${date}"`);
  }
  return date;
}

/** The NW public holiday on `date`, if any. A Date is read as its calendar date in Germany. */
export function publicHolidayNW(date: string | Date): PublicHoliday | undefined {
  const iso = toIsoDate(date);
  return publicHolidaysNW(Number(iso.slice(0, 4))).find((h) => h.date === iso);
}

/** Whether `date` is a public holiday in NW. A Date is read as its calendar date in Germany. */
export function isPublicHolidayNW(date: string | Date): boolean {
  return publicHolidayNW(date) !== undefined;
}
