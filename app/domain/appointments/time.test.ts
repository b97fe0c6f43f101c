import { describe, expect, it } from "vitest";
import { addDays, berlinOffsetMinutes, fromBerlin, toBerlin, weekdayOf } from "./time";

describe("Berlin wall-clock time", () => {
  it("converts winter and summer times both ways", () => {
    expect(fromBerlin("2026-11-24", "08:30").toISOString()).toBe("2026-11-24T07:30:00.000Z");
    expect(fromBerlin("2026-06-15", "08:30").toISOString()).toBe("2026-06-15T06:30:00.000Z");
    expect(toBerlin("2026-11-24T07:30:00.000Z")).toEqual({ date: "2026-11-24", time: "08:30", weekday: 2, second: 0 });
    expect(toBerlin("2026-06-14T22:30:00.000Z").date).toBe("2026-06-15");
    expect(berlinOffsetMinutes(new Date("2026-01-10T12:00:00Z"))).toBe(60);
    expect(berlinOffsetMinutes(new Date("2026-07-10T12:00:00Z"))).toBe(120);
  });

  it("handles the changeover days (29 March and 25 October 2026)", () => {
    // 02:30 does not exist on 29 March: it moves forward.
    expect(fromBerlin("2026-03-29", "02:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(fromBerlin("2026-03-29", "03:00").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    // 02:30 exists twice on 25 October: the first (summer time) is taken.
    expect(fromBerlin("2026-10-25", "02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(fromBerlin("2026-10-25", "08:30").toISOString()).toBe("2026-10-25T07:30:00.000Z");
  });

  it("does calendar arithmetic", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(weekdayOf("2026-11-22")).toBe(7);
    expect(weekdayOf("2026-11-23")).toBe(1);
  });
});
