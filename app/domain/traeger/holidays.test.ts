import { describe, expect, it } from "vitest";
import { easterSunday, isPublicHolidayNW, publicHolidayNW, publicHolidays, publicHolidaysNW, toGermanIsoDate } from "./holidays";

const byKey = (year: number) => Object.fromEntries(publicHolidaysNW(year).map((h) => [h.key, h.date]));

describe("easterSunday", () => {
  it.each([
    [2008, "2008-03-23"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe("publicHolidaysNW", () => {
  it("2025 (Easter 2025-04-20)", () => {
    expect(byKey(2025)).toMatchObject({
      karfreitag: "2025-04-18",
      ostermontag: "2025-04-21",
      christiHimmelfahrt: "2025-05-29",
      pfingstmontag: "2025-06-09",
      fronleichnam: "2025-06-19",
    });
  });

  it("2026 (Easter 2026-04-05), Fronleichnam 2026-06-04, full list in order", () => {
    expect(publicHolidaysNW(2026)).toEqual([
      { date: "2026-01-01", key: "neujahr" },
      { date: "2026-04-03", key: "karfreitag" },
      { date: "2026-04-06", key: "ostermontag" },
      { date: "2026-05-01", key: "tagDerArbeit" },
      { date: "2026-05-14", key: "christiHimmelfahrt" },
      { date: "2026-05-25", key: "pfingstmontag" },
      { date: "2026-06-04", key: "fronleichnam" },
      { date: "2026-10-03", key: "tagDerDeutschenEinheit" },
      { date: "2026-11-01", key: "allerheiligen" },
      { date: "2026-12-25", key: "ersterWeihnachtstag" },
      { date: "2026-12-26", key: "zweiterWeihnachtstag" },
    ]);
  });

  it("2027 (Easter 2027-03-28)", () => {
    expect(byKey(2027)).toMatchObject({
      karfreitag: "2027-03-26",
      ostermontag: "2027-03-29",
      christiHimmelfahrt: "2027-05-06",
      pfingstmontag: "2027-05-17",
      fronleichnam: "2027-05-27",
    });
  });

  it("has 11 holidays a year, plus the one-off Reformationstag 2017", () => {
    expect(publicHolidaysNW(2025)).toHaveLength(11);
    expect(publicHolidaysNW(2017)).toHaveLength(12);
    expect(isPublicHolidayNW("2017-10-31")).toBe(true);
    expect(isPublicHolidayNW("2018-10-31")).toBe(false); // not a holiday in NW
  });

  it("returns fresh copies (callers cannot corrupt the cache)", () => {
    const first = publicHolidaysNW(2026);
    first[0].date = "1999-01-01";
    expect(publicHolidaysNW(2026)[0].date).toBe("2026-01-01");
  });

  it("rejects years it cannot answer", () => {
    expect(() => publicHolidaysNW(1989)).toThrow(RangeError);
    expect(() => publicHolidaysNW(2025.5)).toThrow(RangeError);
  });

  it("is reachable via the Träger's calendar id", () => {
    expect(publicHolidays("NW", 2026)).toEqual(publicHolidaysNW(2026));
  });
});

describe("isPublicHolidayNW", () => {
  it("recognises fixed and Easter-dependent holidays, not NW-foreign ones", () => {
    expect(isPublicHolidayNW("2026-06-04")).toBe(true); // Fronleichnam (NW yes)
    expect(isPublicHolidayNW("2026-12-24")).toBe(false); // Heiligabend: no
    expect(isPublicHolidayNW("2026-01-06")).toBe(false); // Heilige Drei Könige: not in NW
    expect(isPublicHolidayNW("2026-08-15")).toBe(false); // Mariä Himmelfahrt: not in NW
    expect(isPublicHolidayNW("2026-06-05")).toBe(false);
    expect(publicHolidayNW("2025-11-01")).toEqual({ date: "2025-11-01", key: "allerheiligen" });
  });

  it("reads a Date as the calendar date in Germany", () => {
    // 2025-12-24T23:30Z is already 25 December in Germany (UTC+1).
    const lateUtc = new Date("2025-12-24T23:30:00Z");
    expect(toGermanIsoDate(lateUtc)).toBe("2025-12-25");
    expect(isPublicHolidayNW(lateUtc)).toBe(true);
    // 2026-06-03T22:30Z is 4 June 00:30 in Germany (UTC+2): Fronleichnam.
    expect(isPublicHolidayNW(new Date("2026-06-03T22:30:00Z"))).toBe(true);
  });

  it("rejects malformed dates", () => {
    expect(() => isPublicHolidayNW("2026-02-30")).toThrow(RangeError);
    expect(() => isPublicHolidayNW("04.06.2026")).toThrow(RangeError);
    expect(() => isPublicHolidayNW(new Date("nonsense"))).toThrow(RangeError);
  });
});

describe("publicHolidaysNW, table of 2026 and 2027 (Easter-based days by computus, fixed days incl. Fronleichnam and Allerheiligen)", () => {
  it.each([
    [2026, "neujahr", "2026-01-01"],
    [2026, "karfreitag", "2026-04-03"],
    [2026, "ostermontag", "2026-04-06"],
    [2026, "tagDerArbeit", "2026-05-01"],
    [2026, "christiHimmelfahrt", "2026-05-14"],
    [2026, "pfingstmontag", "2026-05-25"],
    [2026, "fronleichnam", "2026-06-04"],
    [2026, "tagDerDeutschenEinheit", "2026-10-03"],
    [2026, "allerheiligen", "2026-11-01"],
    [2026, "ersterWeihnachtstag", "2026-12-25"],
    [2026, "zweiterWeihnachtstag", "2026-12-26"],
    [2027, "neujahr", "2027-01-01"],
    [2027, "karfreitag", "2027-03-26"],
    [2027, "ostermontag", "2027-03-29"],
    [2027, "tagDerArbeit", "2027-05-01"],
    [2027, "christiHimmelfahrt", "2027-05-06"],
    [2027, "pfingstmontag", "2027-05-17"],
    [2027, "fronleichnam", "2027-05-27"],
    [2027, "tagDerDeutschenEinheit", "2027-10-03"],
    [2027, "allerheiligen", "2027-11-01"],
    [2027, "ersterWeihnachtstag", "2027-12-25"],
    [2027, "zweiterWeihnachtstag", "2027-12-26"],
  ] as const)("%i %s = %s", (year, key, date) => {
    expect(byKey(year)[key]).toBe(date);
    expect(publicHolidayNW(date)?.key).toBe(key);
  });

  it("has exactly these eleven days in 2027", () => {
    expect(publicHolidaysNW(2027)).toHaveLength(11);
  });
});
