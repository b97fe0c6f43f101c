/**
 * When a time may still be booked, and until when a person who missed an appointment is asked to
 * book again. Both figures are the Träger's (limits.appointmentLeadMinutes, limits.missedRebookDays
 * in app/config/traeger/) and both answers lie in the future of `now` by construction, so no page
 * or mail can offer a time or a date that has already passed (issue 19, item 13). Pure, no I/O.
 */
import { addDays, toBerlin } from "./time";

const MINUTE = 60_000;

/** The earliest start a person may book at `now`: the minimum lead time from now (at least now). */
export function earliestBookableStart(now: Date, leadMinutes: number): Date {
  return new Date(now.getTime() + Math.max(0, leadMinutes) * MINUTE);
}

/** Whether a time starting at `startsAt` may still be booked online at `now` (strictly after the lead time). */
export function bookableByLead(startsAt: string, leadMinutes: number, now: Date): boolean {
  return Date.parse(startsAt) > earliestBookableStart(now, leadMinutes).getTime();
}

/**
 * The last German calendar day ("YYYY-MM-DD") until which a person who missed an appointment is
 * asked to book a new one, counted from the day the mail is written (`now`), never from the missed
 * appointment: `rebookDays` days after today, and never before the first day a time can be booked
 * at all (the lead time may reach into tomorrow).
 */
export function rebookDeadline(now: Date, rebookDays: number, leadMinutes = 0): string {
  const today = toBerlin(now).date;
  const byWindow = addDays(today, Math.max(1, Math.floor(rebookDays)));
  const firstBookableDay = toBerlin(earliestBookableStart(now, leadMinutes)).date;
  return byWindow >= firstBookableDay ? byWindow : firstBookableDay;
}
