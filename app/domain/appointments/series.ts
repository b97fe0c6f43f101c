/**
 * Slot series and copied weeks for the Standortleitung (issue 19, item 12), and the days that
 * need a second look before slots are put on them: the Land's public holidays (computed,
 * app/domain/traeger/holidays.ts) and the days a Standort is closed (Träger configuration,
 * `closedDays`). Pure, no I/O: the caller turns the German wall-clock times into instants.
 */
import { publicHolidays, type NwHolidayKey } from "../traeger/holidays";
import { addDays, minutesOf, timeOf, weekdayOf } from "./time";

/** More slots than this in one series is almost certainly a typo (e.g. a year instead of a month). */
export const MAX_SERIES_SLOTS = 600;
/** The longest date range of one series. */
export const MAX_SERIES_DAYS = 184;

export interface SeriesInput {
  /** First and last German calendar day, inclusive ("YYYY-MM-DD"). */
  fromDate: string;
  toDate: string;
  /** 1 = Monday … 7 = Sunday */
  weekdays: readonly number[];
  /** Start times "HH:MM" (German wall clock). */
  times: readonly string[];
  durationMinutes: number;
}

export interface SeriesStart {
  date: string;
  /** "HH:MM" */
  start: string;
  end: string;
}

export type SeriesProblem = "range" | "too-long" | "too-many" | "none";

/** Every start of the series, in date and time order; or why there is none. */
export function seriesStarts(input: SeriesInput): { ok: true; starts: SeriesStart[] } | { ok: false; problem: SeriesProblem } {
  if (input.toDate < input.fromDate) return { ok: false, problem: "range" };
  const days = daysBetween(input.fromDate, input.toDate) + 1;
  if (days > MAX_SERIES_DAYS) return { ok: false, problem: "too-long" };
  const times = [...new Set(input.times)].sort((a, b) => minutesOf(a) - minutesOf(b));
  const starts: SeriesStart[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(input.fromDate, i);
    if (!input.weekdays.includes(weekdayOf(date))) continue;
    for (const time of times) {
      const end = minutesOf(time) + input.durationMinutes;
      if (end > 24 * 60) continue; // a slot does not run past midnight
      starts.push({ date, start: time, end: timeOf(end) });
      if (starts.length > MAX_SERIES_SLOTS) return { ok: false, problem: "too-many" };
    }
  }
  return starts.length ? { ok: true, starts } : { ok: false, problem: "none" };
}

/** Calendar days from `a` to `b` ("YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split("-").map(Number);
  const [by, bm, bd] = b.split("-").map(Number);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** The Monday of the week a date lies in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** Where a slot of the source week lands when the week is copied: same weekday and time, `weeks` later. */
export function shiftedByWeeks(date: string, fromMonday: string, toMonday: string): string {
  return addDays(date, daysBetween(mondayOf(fromMonday), mondayOf(toMonday)));
}

/** A day the Träger's configuration marks as closed (all Standorte, or the ones listed). */
export interface ClosedDay {
  date: string;
  label: string;
  standorte?: readonly string[];
}

export type DateWarning = { date: string; kind: "holiday"; holiday: NwHolidayKey } | { date: string; kind: "closed"; label: string };

/**
 * The days among `dates` on which the Standort is normally not open: public holidays of the Land
 * (§ 2 Feiertagsgesetz NW) and the Träger's closed days for this Standort. One warning per day and
 * reason, in date order. Slots may still be put there, but only on explicit confirmation.
 */
export function dateWarnings(dates: readonly string[], standortId: string, calendar: "NW", closedDays: readonly ClosedDay[]): DateWarning[] {
  const out: DateWarning[] = [];
  for (const date of [...new Set(dates)].sort()) {
    const holiday = publicHolidays(calendar, Number(date.slice(0, 4))).find((h) => h.date === date);
    if (holiday) out.push({ date, kind: "holiday", holiday: holiday.key });
    for (const closed of closedDays) {
      if (closed.date === date && (!closed.standorte || closed.standorte.includes(standortId))) out.push({ date, kind: "closed", label: closed.label });
    }
  }
  return out;
}
