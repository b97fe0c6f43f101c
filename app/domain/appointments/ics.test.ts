import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildIcs, escapeText, foldLine } from "./ics";

const event = {
  uid: "appointment-0b7c@portal.example",
  sequence: 0,
  method: "PUBLISH" as const,
  start: "2026-11-24T07:30:00.000Z",
  end: "2026-11-24T08:00:00.000Z",
  stamp: new Date("2026-11-22T10:00:00.000Z"),
  summary: "Başvuru teslimi (Antragsabgabe) – Jobcenter Kreis Heinsberg",
  location: "Jobcenter Kreis Heinsberg, Standort Hückelhoven/Wassenberg",
  description: "Randevu numarası: T-ABCD-EFGH\nLütfen yanınızda getirin: kimlik kartı; kira sözleşmesi, ısınma giderleri; banka hesap özetleri.\nOtobüs hatları: 401, 407, 409, 495, SB4",
  language: "tr",
  url: "https://portal.example/termine/0b7c",
  alarmMinutesBefore: 120,
};

/** A small strict reader: unfolds, checks CRLF and octet lengths, returns the content lines. */
function strictLines(text: string): string[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ")) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical;
}

describe("iCalendar text", () => {
  it("escapes text values", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
  });

  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const long = `DESCRIPTION:${"ü".repeat(100)}`;
    const folded = foldLine(long);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .map((l, i) => (i ? l.slice(1) : l))
        .join(""),
    ).toBe(long);
    expect(folded).not.toContain("\uFFFD");
  });

  it("has a Europe/Berlin VTIMEZONE, local start and end, and the text in the person's language", () => {
    const text = buildIcs(event);
    const lines = strictLines(text);
    expect(lines).toContain("BEGIN:VTIMEZONE");
    expect(lines).toContain("TZID:Europe/Berlin");
    expect(lines).toContain("DTSTART;TZID=Europe/Berlin:20261124T083000");
    expect(lines).toContain("DTEND;TZID=Europe/Berlin:20261124T090000");
    expect(lines.find((l) => l.startsWith("DESCRIPTION;LANGUAGE=tr:"))).toContain("Lütfen yanınızda getirin: kimlik kartı\\; kira sözleşmesi\\, ısınma");
  });

  it("is read back by a real iCalendar parser (ical.js) with the right instants", () => {
    const text = buildIcs(event);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = calendar.getFirstSubcomponent("vtimezone")!;
    const timezone = new ICAL.Timezone(zone);
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    const parsed = new ICAL.Event(vevent);
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.location).toBe(event.location);
    expect(parsed.description).toBe(event.description);
    expect(vevent.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Berlin");
    // Convert through the file's own VTIMEZONE.
    const start = parsed.startDate.clone();
    start.zone = timezone;
    const end = parsed.endDate.clone();
    end.zone = timezone;
    expect(start.toJSDate().toISOString()).toBe(event.start);
    expect(end.toJSDate().toISOString()).toBe(event.end);
    expect(vevent.getFirstProperty("description")!.getParameter("language")).toBe("tr");
    expect((vevent.getFirstSubcomponent("valarm")!.getFirstPropertyValue("trigger") as ICAL.Duration).toSeconds()).toBe(-7200);
  });

  it("handles summer time and a cancellation", () => {
    const text = buildIcs({ ...event, method: "CANCEL", sequence: 2, start: "2026-07-01T06:30:00.000Z", end: "2026-07-01T07:15:00.000Z" });
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    const timezone = new ICAL.Timezone(calendar.getFirstSubcomponent("vtimezone")!);
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevent.getFirstPropertyValue("sequence")).toBe(2);
    expect(vevent.getFirstSubcomponent("valarm")).toBeNull();
    const start = new ICAL.Event(vevent).startDate.clone();
    start.zone = timezone;
    expect(start.toJSDate().toISOString()).toBe("2026-07-01T06:30:00.000Z");
    expect(text).toContain("DTSTART;TZID=Europe/Berlin:20260701T083000");
  });
});
