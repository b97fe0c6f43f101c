/**
 * iCalendar (RFC 5545) text for one appointment: a VCALENDAR with the Europe/Berlin VTIMEZONE
 * and one VEVENT whose start and end are German local times with TZID. Lines end in CRLF,
 * text values are escaped (backslash, semicolon, comma, newline) and lines longer than 75
 * octets are folded without splitting a UTF-8 character. Pure, no I/O.
 */
import { toBerlin } from "./time";

export interface IcsEvent {
  /** Globally unique and stable for the appointment, e.g. "appointment-<id>@portal.example". */
  uid: string;
  /** Increases with every change of the same appointment (rebooked time, cancellation). */
  sequence: number;
  /** "PUBLISH" for a calendar file, "CANCEL" to remove it from the calendar again. */
  method: "PUBLISH" | "CANCEL";
  /** ISO instants (UTC) */
  start: string;
  end: string;
  /** When this file was made (DTSTAMP). */
  stamp: Date;
  summary: string;
  location: string;
  description: string;
  /** BCP 47 tag of summary, location and description, e.g. "tr". */
  language: string;
  url?: string;
  /** Display alarm this many minutes before the start (omitted when absent). */
  alarmMinutesBefore?: number;
  alarmText?: string;
  organizer?: { name: string; email: string };
}

export const PRODUCT_ID = "-//Buergerportal SGB II//Termine//DE";

/** The Europe/Berlin zone as calendar programs expect it (EU rules since 1996). */
export const VTIMEZONE_EUROPE_BERLIN = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "X-LIC-LOCATION:Europe/Berlin",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** TEXT value escaping (RFC 5545 § 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/** Parameter values with characters that need quoting are quoted; quotes are not allowed. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, "");
  return /[;:,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds one content line to at most 75 octets per physical line (RFC 5545 § 3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const pieces: string[] = [];
  let current = "";
  let currentBytes = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (currentBytes + bytes > limit) {
      pieces.push(current);
      current = "";
      currentBytes = 0;
      limit = 74; // continuation lines start with a space
    }
    current += char;
    currentBytes += bytes;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/** "20261124T083000" in German local time. */
export function berlinStamp(iso: string): string {
  const local = toBerlin(iso);
  return `${local.date.replace(/-/g, "")}T${local.time.replace(":", "")}${String(local.second).padStart(2, "0")}`;
}

export function buildIcs(event: IcsEvent): string {
  const lang = paramValue(event.language);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODUCT_ID}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    ...VTIMEZONE_EUROPE_BERLIN,
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART;TZID=Europe/Berlin:${berlinStamp(event.start)}`,
    `DTEND;TZID=Europe/Berlin:${berlinStamp(event.end)}`,
    `SUMMARY;LANGUAGE=${lang}:${escapeText(event.summary)}`,
    `LOCATION;LANGUAGE=${lang}:${escapeText(event.location)}`,
    `DESCRIPTION;LANGUAGE=${lang}:${escapeText(event.description)}`,
    `STATUS:${event.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "CLASS:PRIVATE",
  ];
  if (event.url) lines.push(`URL:${event.url}`);
  if (event.organizer) lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`);
  if (event.method === "PUBLISH" && event.alarmMinutesBefore) {
    lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:-PT${Math.round(event.alarmMinutesBefore)}M`, `DESCRIPTION;LANGUAGE=${lang}:${escapeText(event.alarmText ?? event.summary)}`, "END:VALARM");
  }
  lines.push("END:VEVENT", "END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
