import { describe, expect, it } from "vitest";
import { dateWarnings, daysBetween, MAX_SERIES_SLOTS, mondayOf, seriesStarts, shiftedByWeeks } from "./series";

describe("seriesStarts", () => {
  it("makes every weekday × time in the range, in order, with the end from the length", () => {
    const result = seriesStarts({ fromDate: "2026-12-14", toDate: "2026-12-20", weekdays: [2, 4], times: ["14:00", "09:00"], durationMinutes: 30 });
    expect(result).toEqual({
      ok: true,
      starts: [
        { date: "2026-12-15", start: "09:00", end: "09:30" },
        { date: "2026-12-15", start: "14:00", end: "14:30" },
        { date: "2026-12-17", start: "09:00", end: "09:30" },
        { date: "2026-12-17", start: "14:00", end: "14:30" },
      ],
    });
  });

  it("refuses a reversed range, an over-long range, too many slots and an empty series", () => {
    expect(seriesStarts({ fromDate: "2026-12-20", toDate: "2026-12-14", weekdays: [1], times: ["09:00"], durationMinutes: 30 })).toEqual({ ok: false, problem: "range" });
    expect(seriesStarts({ fromDate: "2026-12-14", toDate: "2027-12-14", weekdays: [1], times: ["09:00"], durationMinutes: 30 })).toEqual({ ok: false, problem: "too-long" });
    const times = Array.from({ length: 40 }, (_, i) => `${String(8 + Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`);
    expect(seriesStarts({ fromDate: "2027-01-04", toDate: "2027-01-31", weekdays: [1, 2, 3, 4, 5], times, durationMinutes: 15 })).toEqual({ ok: false, problem: "too-many" });
    expect(MAX_SERIES_SLOTS).toBeLessThan(40 * 20);
    expect(seriesStarts({ fromDate: "2026-12-14", toDate: "2026-12-18", weekdays: [6, 7], times: ["09:00"], durationMinutes: 30 })).toEqual({ ok: false, problem: "none" });
  });
});

describe("weeks", () => {
  it("finds the Monday and shifts a date by whole weeks", () => {
    expect(mondayOf("2026-12-07")).toBe("2026-12-07");
    expect(mondayOf("2026-12-13")).toBe("2026-12-07");
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
    expect(shiftedByWeeks("2026-12-10", "2026-12-07", "2026-12-21")).toBe("2026-12-24");
    expect(shiftedByWeeks("2026-12-10", "2026-12-09", "2027-01-06")).toBe("2027-01-07");
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
  });
});

describe("dateWarnings", () => {
  const closed = [
    { date: "2026-12-24", label: "Heiligabend (Verwaltung geschlossen)" },
    { date: "2026-12-28", label: "Betriebsversammlung", standorte: ["erkelenz-wegberg"] },
  ];
  it("names public holidays of NRW and the Standort's closed days, not other Standorte' ones", () => {
    const dates = ["2026-12-23", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-28", "2026-12-25"];
    expect(dateWarnings(dates, "hueckelhoven-wassenberg", "NW", closed)).toEqual([
      { date: "2026-12-24", kind: "closed", label: "Heiligabend (Verwaltung geschlossen)" },
      { date: "2026-12-25", kind: "holiday", holiday: "ersterWeihnachtstag" },
      { date: "2026-12-26", kind: "holiday", holiday: "zweiterWeihnachtstag" },
    ]);
    expect(dateWarnings(["2026-12-28"], "erkelenz-wegberg", "NW", closed)).toEqual([{ date: "2026-12-28", kind: "closed", label: "Betriebsversammlung" }]);
  });

  it.each([
    // NRW holidays 2026 and 2027 that fall on weekdays, where a series would put slots
    ["2026-01-01", "neujahr"],
    ["2026-04-03", "karfreitag"],
    ["2026-04-06", "ostermontag"],
    ["2026-05-01", "tagDerArbeit"],
    ["2026-05-14", "christiHimmelfahrt"],
    ["2026-05-25", "pfingstmontag"],
    ["2026-06-04", "fronleichnam"],
    ["2026-12-25", "ersterWeihnachtstag"],
    ["2027-03-26", "karfreitag"],
    ["2027-03-29", "ostermontag"],
    ["2027-05-06", "christiHimmelfahrt"],
    ["2027-05-17", "pfingstmontag"],
    ["2027-05-27", "fronleichnam"],
    ["2027-11-01", "allerheiligen"],
    ["2027-12-24", null], // Heiligabend is no public holiday
    ["2027-01-06", null], // Heilige Drei Könige: not in NRW
    ["2027-08-16", null],
  ] as const)("%s → %s", (date, key) => {
    const warnings = dateWarnings([date], "erkelenz-wegberg", "NW", []);
    expect(warnings).toEqual(key ? [{ date, kind: "holiday", holiday: key }] : []);
  });
});
