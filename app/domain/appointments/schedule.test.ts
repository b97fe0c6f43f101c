import { describe, expect, it } from "vitest";
import { generateSlots, isWorkingDay } from "./schedule";
import { toBerlin } from "./time";

const windows = [
  { days: [1, 2, 3, 4, 5], from: "08:30", to: "12:00" },
  { days: [4], from: "14:00", to: "17:00" },
];

describe("slots from a weekly schedule", () => {
  it("skips weekends and NRW public holidays, Easter-dependent ones included", () => {
    expect(isWorkingDay("2026-11-23", "NW")).toBe(true);
    expect(isWorkingDay("2026-11-22", "NW")).toBe(false); // Sunday
    expect(isWorkingDay("2026-11-21", "NW")).toBe(false); // Saturday
    expect(isWorkingDay("2026-04-03", "NW")).toBe(false); // Karfreitag 2026
    expect(isWorkingDay("2026-04-06", "NW")).toBe(false); // Ostermontag
    expect(isWorkingDay("2026-05-14", "NW")).toBe(false); // Christi Himmelfahrt
    expect(isWorkingDay("2026-05-25", "NW")).toBe(false); // Pfingstmontag
    expect(isWorkingDay("2026-06-04", "NW")).toBe(false); // Fronleichnam (NW, not everywhere)
    expect(isWorkingDay("2026-11-01", "NW")).toBe(false); // Allerheiligen (a Sunday in 2026 anyway)
    expect(isWorkingDay("2027-03-26", "NW")).toBe(false); // Karfreitag 2027
    expect(isWorkingDay("2026-12-24", "NW")).toBe(true); // Heiligabend is no public holiday
  });

  it("cuts each window into back-to-back slots of the type's duration", () => {
    const slots = generateSlots({
      fromDate: "2026-11-23", // Monday
      days: 7,
      windows,
      holidays: "NW",
      templates: [{ standortId: "hueckelhoven-wassenberg", type: "antragsabgabe", durationMinutes: 30, capacity: 2 }],
    });
    const byDay = new Map<string, string[]>();
    for (const s of slots) {
      const local = toBerlin(s.start);
      byDay.set(local.date, [...(byDay.get(local.date) ?? []), local.time]);
    }
    expect([...byDay.keys()]).toEqual(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(byDay.get("2026-11-23")).toEqual(["08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    expect(byDay.get("2026-11-26")).toHaveLength(7 + 6); // Thursday afternoon too
    expect(slots[0]).toEqual({
      standortId: "hueckelhoven-wassenberg",
      type: "antragsabgabe",
      start: "2026-11-23T07:30:00.000Z",
      end: "2026-11-23T08:00:00.000Z",
      capacity: 2,
    });
  });

  it("leaves out slots that do not fit the window and those before notBefore", () => {
    const slots = generateSlots({
      fromDate: "2026-11-23",
      days: 1,
      windows,
      holidays: "NW",
      notBefore: new Date("2026-11-23T09:00:00.000Z"), // 10:00 in Berlin
      templates: [{ standortId: "s", type: "erstberatung", durationMinutes: 45, capacity: 1 }],
    });
    // 08:30, 09:15, 10:00, 10:45 (11:30 + 45 > 12:00): only 10:00 and 10:45 are not before 10:00.
    expect(slots.map((s) => toBerlin(s.start).time)).toEqual(["10:00", "10:45"]);
  });

  it("keeps local times across the change to winter time", () => {
    const slots = generateSlots({
      fromDate: "2026-10-23",
      days: 4,
      windows: [{ days: [1, 5], from: "08:30", to: "09:00" }],
      holidays: "NW",
      templates: [{ standortId: "s", type: "beratung", durationMinutes: 30, capacity: 1 }],
    });
    expect(slots.map((s) => s.start)).toEqual(["2026-10-23T06:30:00.000Z", "2026-10-26T07:30:00.000Z"]);
  });
});
