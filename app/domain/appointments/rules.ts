/**
 * The rules of booking, rebooking, cancelling and reminding, as pure functions of the data and
 * the current time. The database enforces capacity; these decide what the portal offers.
 */

export const APPOINTMENT_STATUSES = ["held", "proposed", "booked", "cancelled", "expired", "declined"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses that occupy a place in a slot. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ["held", "proposed", "booked"];

export const OUTCOMES = ["attended", "missed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CANCEL_REASONS = ["person", "rebooked", "backoffice", "account-deleted", "slot-removed"] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const ACCESSIBILITY_NEEDS = ["wheelchair", "sign-language", "hearing-loop", "easy-language", "other"] as const;
export type AccessibilityNeed = (typeof ACCESSIBILITY_NEEDS)[number];

/** Free-text limits (characters). */
export const TEXT_LIMITS = { interpreterOther: 80, accessibilityOther: 500, message: 2000, phone: 30 } as const;

const HOUR = 3_600_000;

/** The last moment at which the person may rebook or cancel online. */
export function changeDeadline(startsAt: string, cancelHours: number): Date {
  return new Date(Date.parse(startsAt) - cancelHours * HOUR);
}

/**
 * Whether an appointment starting at `startsAt` could still be rebooked or cancelled online
 * after booking it at `now`: false for a time inside the change deadline, which the booking
 * pages mark and for which the mail and calendar file name the phone or the Standort instead
 * of a deadline that has already passed.
 */
export function changeableOnline(startsAt: string, cancelHours: number, now: Date): boolean {
  return now.getTime() <= changeDeadline(startsAt, cancelHours).getTime();
}

/** Whether a booked appointment may still be rebooked or cancelled online at `now`. */
export function canChange(appointment: { status: string; startsAt: string }, cancelHours: number, now: Date): boolean {
  return appointment.status === "booked" && changeableOnline(appointment.startsAt, cancelHours, now);
}

/** Whether one more future appointment of a type would exceed the per-person limit. */
export function exceedsFutureLimit(activeFutureOfType: number, maxPerType: number): boolean {
  return activeFutureOfType + 1 > maxPerType;
}

/** When a hold made at `now` lapses. */
export function holdExpiry(now: Date, holdMinutes: number): Date {
  return new Date(now.getTime() + holdMinutes * 60_000);
}

export function isHoldExpired(holdExpiresAt: string | null, now: Date): boolean {
  return holdExpiresAt !== null && Date.parse(holdExpiresAt) <= now.getTime();
}

/** The reminder kind for an offset: "48h", "2h"; fractions in minutes ("90m"). */
export function reminderKind(hoursBefore: number): string {
  return Number.isInteger(hoursBefore) ? `${hoursBefore}h` : `${Math.round(hoursBefore * 60)}m`;
}

export interface ReminderDue {
  kind: string;
  hoursBefore: number;
  dueAt: string;
}

/**
 * The reminders due at `now` for a booked appointment. A reminder is due from `start - offset`
 * until the start. Offsets whose time had already passed when the appointment was booked are
 * skipped (the confirmation has just told the person), and of several due at once only the
 * latest (closest to the start) is sent: nobody gets "in two days" and "in two hours" together.
 */
export function dueReminders(appointment: { status: string; startsAt: string; bookedAt: string | null }, hoursBefore: readonly number[], now: Date): ReminderDue[] {
  if (appointment.status !== "booked" || !appointment.bookedAt) return [];
  const start = Date.parse(appointment.startsAt);
  const booked = Date.parse(appointment.bookedAt);
  const t = now.getTime();
  if (t >= start) return [];
  const due = [...hoursBefore]
    .sort((a, b) => a - b)
    .map((hours) => ({ kind: reminderKind(hours), hoursBefore: hours, dueAt: new Date(start - hours * HOUR).toISOString() }))
    .filter((r) => Date.parse(r.dueAt) <= t && Date.parse(r.dueAt) > booked);
  return due.slice(0, 1);
}

/** Every reminder kind whose time has passed at `now` (sent or skipped): the job marks them done. */
export function passedReminderKinds(appointment: { startsAt: string }, hoursBefore: readonly number[], now: Date): string[] {
  const start = Date.parse(appointment.startsAt);
  return hoursBefore.filter((hours) => start - hours * HOUR <= now.getTime()).map(reminderKind);
}

/** A short reference the person can read out on the phone: "T-7KQ4-M2XD" (no 0/O, 1/I). */
export function appointmentReference(random: (n: number) => number = (n) => Math.floor(Math.random() * n)): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const pick = (count: number) => Array.from({ length: count }, () => alphabet[random(alphabet.length)]).join("");
  return `T-${pick(4)}-${pick(4)}`;
}

/** Free days (German dates) in a list of slot starts, in order, without duplicates. */
export function groupByDay<T extends { date: string }>(items: readonly T[]): Array<{ date: string; items: T[] }> {
  const groups: Array<{ date: string; items: T[] }> = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.date === item.date) last.items.push(item);
    else groups.push({ date: item.date, items: [item] });
  }
  return groups;
}
