import { describe, expect, it } from "vitest";
import { bookableByLead, earliestBookableStart, rebookDeadline } from "./booking-window";

describe("minimum lead time", () => {
  const now = new Date("2026-12-07T09:00:00.000Z"); // 10:00 in Germany
  it.each([
    // start, lead minutes, bookable
    ["2026-12-07T09:03:00.000Z", 120, false], // 3 minutes before the start (the case)
    ["2026-12-07T11:00:00.000Z", 120, false], // exactly at the lead time: no longer
    ["2026-12-07T11:01:00.000Z", 120, true],
    ["2026-12-07T09:03:00.000Z", 0, true], // no lead time: any future start
    ["2026-12-07T09:00:00.000Z", 0, false], // never a start that is now or past
    ["2026-12-06T09:00:00.000Z", 0, false],
  ] as const)("%s with %i minutes lead → %s", (start, lead, expected) => {
    expect(bookableByLead(start, lead, now)).toBe(expected);
  });

  it("counts from now, and a negative lead counts as none", () => {
    expect(earliestBookableStart(now, 90).toISOString()).toBe("2026-12-07T10:30:00.000Z");
    expect(earliestBookableStart(now, -5).toISOString()).toBe(now.toISOString());
  });
});

describe("rebooking window after a missed appointment", () => {
  it.each([
    // now (UTC), days, lead minutes, last day (German date)
    ["2026-12-07T09:00:00.000Z", 14, 0, "2026-12-21"],
    // The missed appointment was on Sunday 6 December: the window counts from today, not from it.
    ["2026-12-07T22:30:00.000Z", 7, 0, "2026-12-14"], // 23:30 on 7 December in Germany
    ["2026-12-07T23:30:00.000Z", 7, 0, "2026-12-15"], // 00:30 on 8 December in Germany
    ["2026-12-31T12:00:00.000Z", 14, 0, "2027-01-14"], // over the year's end
    ["2026-03-28T12:00:00.000Z", 1, 0, "2026-03-29"], // over the change to summer time
    ["2026-12-07T09:00:00.000Z", 1, 3 * 24 * 60, "2026-12-10"], // a lead time longer than the window
    ["2026-12-07T09:00:00.000Z", 0, 0, "2026-12-08"], // at least one day
  ] as const)("%s, %i days, %i minutes lead → %s", (now, days, lead, expected) => {
    const deadline = rebookDeadline(new Date(now), days, lead);
    expect(deadline).toBe(expected);
    // Never in the past: the day is after today in Germany.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(now));
    expect(deadline > today).toBe(true);
  });
});
