import { describe, expect, it } from "vitest";
import { absenceDays, absenceNotes, absenceProblems, daysInYear } from "./absence";

const today = "2026-12-08";
const ok = { from: "2027-01-04", to: "2027-01-17", destination: "abroad", reason: "none", reachable: "" };

describe("asking to be away (§ 7b SGB II)", () => {
  it.each([
    [{}, {}],
    [{ from: null }, { from: "date" }],
    [{ from: "2026-12-07" }, { from: "past" }],
    [{ from: today, to: today }, {}],
    [{ to: "2027-01-03" }, { to: "beforeFrom" }],
    [{ to: "2028-01-05" }, { to: "tooLong" }],
    [{ destination: "moon" }, { destination: "choose" }],
    [{ reason: "" }, { reason: "choose" }],
    [{ reachable: "x".repeat(301) }, { reachable: "tooLongText" }],
  ])("%j gives %j", (change, problems) => {
    expect(absenceProblems({ ...ok, ...change } as typeof ok, today)).toEqual(problems);
  });

  it("counts both days", () => {
    expect(absenceDays("2027-01-04", "2027-01-17")).toBe(14);
    expect(absenceDays(today, today)).toBe(1);
  });

  it("counts only the days in the year asked about", () => {
    expect(daysInYear("2026-12-28", "2027-01-03", 2027)).toBe(3);
    expect(daysInYear("2026-12-28", "2027-01-03", 2026)).toBe(4);
    expect(daysInYear("2026-01-01", "2026-01-05", 2027)).toBe(0);
  });

  it.each([
    // Three weeks a year without an important reason (§ 7b Abs. 3): 14 + 7 is still the rule, 14 + 8 is above it.
    [[{ from: "2027-06-01", to: "2027-06-07", reason: "none" }], "2027-01-04", "2027-01-17", "none", false],
    [[{ from: "2027-06-01", to: "2027-06-08", reason: "none" }], "2027-01-04", "2027-01-17", "none", true],
    // Days with an important reason do not count.
    [[{ from: "2027-06-01", to: "2027-06-30", reason: "medical" }], "2027-01-04", "2027-01-17", "none", false],
    [[], "2027-01-04", "2027-01-31", "medical", false],
    [[], "2027-01-04", "2027-01-25", "none", true],
  ] as const)("with %j before, %s–%s (%s) is over three weeks: %s", (others, from, to, reason, over) => {
    expect(absenceNotes({ from, to, destination: "abroad", reason, reachable: "" }, today, 7, others).overYearly).toBe(over);
  });

  it("counts a request over New Year in each year with its own days", () => {
    expect(absenceNotes({ ...ok, from: "2026-12-20", to: "2027-01-05" } as never, today, 7, []).overYearly).toBe(false);
    expect(absenceNotes({ ...ok, from: "2026-12-20", to: "2027-01-05" } as never, today, 7, [{ from: "2027-03-01", to: "2027-03-20", reason: "none" }]).overYearly).toBe(true);
  });

  it("notes a request with less notice than the Träger asks for, without refusing it", () => {
    expect(absenceNotes({ ...ok, from: "2026-12-14", to: "2026-12-20" } as never, today, 7, []).late).toBe(true);
    expect(absenceNotes({ ...ok, from: "2026-12-15", to: "2026-12-20" } as never, today, 7, []).late).toBe(false);
  });
});
