/**
 * Wall-clock time in Germany (Europe/Berlin) and instants (UTC), without a time-zone library.
 * Appointments are stored as UTC instants ("2026-11-24T07:30:00.000Z"); schedules and calendar
 * files speak German local time ("2026-11-24", "08:30"). Pure, no I/O.
 */
export const TIME_ZONE = "Europe/Berlin";

export interface LocalDateTime {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Seconds, usually 0. */
  second: number;
}

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  weekday: "short",
});

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The German wall-clock date, time and weekday of an instant. */
export function toBerlin(instant: Date | string): LocalDateTime {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid instant");
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: WEEKDAYS[parts.weekday] ?? 0,
    second: Number(parts.second),
  };
}

/** Offset of Berlin from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(instant: Date): number {
  const local = toBerlin(instant);
  const [y, m, d] = local.date.split("-").map(Number);
  const [hh, mm] = local.time.split(":").map(Number);
  const asUtc = Date.UTC(y, m - 1, d, hh, mm, local.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a German wall-clock time. A time that does not exist (the skipped hour in
 * March) moves forward by the gap; an ambiguous one (the repeated hour in October) takes the
 * first (summer-time) occurrence.
 */
export function fromBerlin(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Try the summer and the winter offset; keep the one that maps back to the same wall time.
  for (const offset of [120, 60]) {
    const candidate = new Date(naive - offset * 60_000);
    const back = toBerlin(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  // Skipped hour (02:00–03:00 on the last Sunday in March): use the winter offset.
  return new Date(naive - 60 * 60_000);
}

/** "YYYY-MM-DD" plus n days (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/** Weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "HH:MM" → minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** Minutes since midnight → "HH:MM". */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
