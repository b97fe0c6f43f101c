/**
 * Appointment slots from a weekly schedule: "Monday to Friday 08:30–12:00, Thursday also
 * 14:00–17:00", cut into back-to-back slots of the appointment type's duration, on working
 * days only (no Saturday, Sunday or public holiday of the Land). Pure, no I/O.
 */
import { publicHolidays } from "../traeger/holidays";
import { addDays, fromBerlin, minutesOf, timeOf, weekdayOf } from "./time";

export interface ScheduleWindow {
  /** 1 = Monday … 7 = Sunday */
  days: number[];
  /** German local time "HH:MM" */
  from: string;
  to: string;
}

export interface SlotTemplate {
  standortId: string;
  type: string;
  durationMinutes: number;
  capacity: number;
}

export interface GeneratedSlot {
  standortId: string;
  type: string;
  /** ISO instants (UTC) */
  start: string;
  end: string;
  capacity: number;
}

export interface GenerateOptions {
  /** First calendar day (German date "YYYY-MM-DD"), inclusive. */
  fromDate: string;
  /** Number of calendar days, e.g. 28 for four weeks. */
  days: number;
  windows: readonly ScheduleWindow[];
  templates: readonly SlotTemplate[];
  /** Public-holiday calendar of the Land. */
  holidays: "NW";
  /** Slots that start before this instant are left out (e.g. "now"). */
  notBefore?: Date;
}

/** Whether a calendar date is a working day: Monday to Friday and not a public holiday. */
export function isWorkingDay(isoDate: string, holidays: "NW"): boolean {
  const weekday = weekdayOf(isoDate);
  if (weekday > 5) return false;
  const year = Number(isoDate.slice(0, 4));
  return !publicHolidays(holidays, year).some((h) => h.date === isoDate);
}

/** Every slot of the schedule in the date range, sorted by start, Standort and type. */
export function generateSlots(options: GenerateOptions): GeneratedSlot[] {
  const out: GeneratedSlot[] = [];
  for (let i = 0; i < options.days; i++) {
    const date = addDays(options.fromDate, i);
    if (!isWorkingDay(date, options.holidays)) continue;
    const weekday = weekdayOf(date);
    for (const window of options.windows) {
      if (!window.days.includes(weekday)) continue;
      const windowEnd = minutesOf(window.to);
      for (const template of options.templates) {
        for (let start = minutesOf(window.from); start + template.durationMinutes <= windowEnd; start += template.durationMinutes) {
          const startsAt = fromBerlin(date, timeOf(start));
          if (options.notBefore && startsAt < options.notBefore) continue;
          out.push({
            standortId: template.standortId,
            type: template.type,
            start: startsAt.toISOString(),
            end: fromBerlin(date, timeOf(start + template.durationMinutes)).toISOString(),
            capacity: template.capacity,
          });
        }
      }
    }
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.standortId.localeCompare(b.standortId) || a.type.localeCompare(b.type)));
}
