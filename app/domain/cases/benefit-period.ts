import { z } from "zod";

// The approval period (Bewilligungszeitraum) of a case and its renewal. § 41 Abs. 3 SGB II:
// the Jobcenter decides "in der Regel für ein Jahr", shortened to six months when it decides
// provisionally (§ 41a) or the housing costs are not appropriate. Benefits beyond the period
// need a Weiterbewilligungsantrag (§ 37 Abs. 1 SGB II: benefits only on application); one
// handed in after the period ended reaches back only to the first of that month (§ 37 Abs. 2
// S. 2), so the person is reminded in time. The portal does not judge the length: the
// back office knows why a period is short or long; only obvious typos are refused.

/** Longest period the API accepts: a year is the rule, two years leaves room for special law. */
export const MAX_PERIOD_DAYS = 731;

const isoDate = z.iso.date();

export const BenefitPeriodSchema = z
  .strictObject({
    from: isoDate.meta({ description: "First day of the approval period (ISO date)." }),
    to: isoDate.meta({ description: "Last day of the approval period (ISO date)." }),
  })
  .refine((p) => p.from <= p.to, { error: "`to` must not be before `from`", path: ["to"] })
  .refine((p) => daysBetween(p.from, p.to) < MAX_PERIOD_DAYS, { error: `the period must be shorter than ${MAX_PERIOD_DAYS} days`, path: ["to"] })
  .meta({ description: "The approval period (Bewilligungszeitraum, § 41 Abs. 3 SGB II) of the case's latest decision." });

export type BenefitPeriod = z.output<typeof BenefitPeriodSchema>;

function dayNumber(isoDay: string): number {
  return Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The day `weeks` weeks before `day` (ISO dates). */
export function weeksBefore(day: string, weeks: number): string {
  return new Date((dayNumber(day) - weeks * 7) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Where the person stands with the renewal on `today` (Europe/Berlin date):
 * - "running": the period runs and the renewal is not yet due;
 * - "renew": the earliest reminder date has come (e.g. eight weeks before the end) and the
 *   period has not ended: time to hand in the Weiterbewilligungsantrag;
 * - "ended": the period is over (benefits need a new application, which reaches back only to
 *   the first of its month);
 * - "future": the period has not started (a decision ahead of time).
 */
export type RenewalState = "future" | "running" | "renew" | "ended";

export function renewalState(period: BenefitPeriod, today: string, reminderWeeks: readonly number[]): RenewalState {
  if (today > period.to) return "ended";
  if (today < period.from) return "future";
  const earliest = Math.max(0, ...reminderWeeks);
  return today >= weeksBefore(period.to, earliest) ? "renew" : "running";
}

/**
 * The renewal reminder due on `today`, if any: the closest of the reminder offsets whose date
 * has come, while the period runs — a period set three weeks before its end gets one mail, not
 * two. The kind names the period's end, so a new period gets its own reminders.
 */
export function dueRenewalReminder(period: BenefitPeriod, today: string, reminderWeeks: readonly number[]): string | null {
  if (today > period.to || today < period.from) return null;
  const passed = [...reminderWeeks].sort((a, b) => a - b).find((weeks) => today >= weeksBefore(period.to, weeks));
  return passed === undefined ? null : `w${passed}:${period.to}`;
}
