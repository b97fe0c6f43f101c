import { describe, expect, it } from "vitest";
import { EARLIEST_SUPPORTED_DATE, PARAMETER_SETS, PENDING_REFORMS, type ParameterSet, parametersFor } from "./parameters";

function setFor(date: string): ParameterSet {
  const lookup = parametersFor(date);
  if (lookup.outOfRange) throw new Error(`out of range: ${date}`);
  return lookup.parameters;
}

describe("parameter sets (rules.md § 0)", () => {
  it("has the five sets, sorted, the first from 2023-07-01", () => {
    expect(PARAMETER_SETS.map((s) => s.validFrom)).toEqual(["2023-07-01", "2024-01-01", "2025-01-01", "2026-01-01", "2026-07-01"]);
    expect(EARLIEST_SUPPORTED_DATE).toBe("2023-07-01");
  });

  it.each([
    ["2023-07-01", { 1: 502, 2: 451, 3: 402, 4: 420, 5: 348, 6: 318 }, 20, 250, 520],
    ["2024-01-01", { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 }, 20, 250, 538],
    ["2025-01-01", { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 }, 25, 255, 556],
    ["2026-01-01", { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 }, 25, 259, 603],
    ["2026-07-01", { 1: 563, 2: 506, 3: 451, 4: 471, 5: 390, 6: 357 }, 25, 259, 603],
  ])("%s: Regelbedarfe, Sofortzuschlag %i… ", (validFrom, regelbedarf, sofortzuschlag, kindergeld, u25) => {
    const set = setFor(validFrom);
    expect(set.validFrom).toBe(validFrom);
    expect(set.regelbedarf).toEqual(regelbedarf);
    expect(set.kindersofortzuschlag).toBe(sofortzuschlag);
    expect(set.kindergeld).toBe(kindergeld);
    expect(set.earnings.u25Absetzbetrag).toBe(u25);
  });

  it("keeps the unchanged parameters in every set", () => {
    for (const set of PARAMETER_SETS) {
      expect(set.earnings.grundfreibetrag).toBe(100);
      if (set.validFrom >= "2026-07-01") continue; // the Neue Grundsicherung's assets: see below
      expect(set.earnings.bands).toEqual([
        { from: 100, rate: 0.2 },
        { from: 520, rate: 0.3 },
        { from: 1000, rate: 0.1 },
      ]);
      expect(set.earnings.upperLimit).toBe(1200);
      expect(set.earnings.upperLimitWithMinorChild).toBe(1500);
      expect(set.versicherungspauschale).toBe(30);
      expect(set.assets).toEqual({ karenzzeitFirstPerson: 40_000, karenzzeitEachFurtherPerson: 15_000, perPersonAfterKarenzzeit: 15_000 });
      expect(set.regelaltersgrenze).toBe(67);
      expect(set.mehrbedarf.pregnancy).toEqual({ share: 0.17, fromWeek: 13 });
      expect(set.mehrbedarf.singleParent).toMatchObject({ elevatedShare: 0.36, perChildShare: 0.12, maxShare: 0.6 });
      expect(set.mehrbedarf.disability).toBe(0.35);
      expect(set.mehrbedarf.diet).toEqual({
        coeliac: 0.2,
        "cystic-fibrosis": 0.3,
        dialysis: 0.05,
        "dialysis-with-malnutrition": 0.15,
        "disease-related-malnutrition": 0.1,
      });
      expect(set.mehrbedarf.hotWater).toEqual({ 1: 0.023, 2: 0.023, 3: 0.023, 4: 0.014, 5: 0.012, 6: 0.008 });
    }
  });
});

describe("parametersFor", () => {
  it("answers dates before 2023-07-01 as out of range", () => {
    expect(parametersFor("2023-06-30")).toEqual({ outOfRange: true, earliest: "2023-07-01" });
    expect(parametersFor("2022-01-01").outOfRange).toBe(true);
  });

  it.each([
    ["2023-07-01", "2023-07-01"],
    ["2023-12-31", "2023-07-01"],
    ["2024-01-01", "2024-01-01"],
    ["2024-12-31", "2024-01-01"],
    ["2025-01-01", "2025-01-01"],
    ["2025-12-31", "2025-01-01"],
    ["2026-01-01", "2026-01-01"],
    ["2026-06-30", "2026-01-01"],
  ])("%s → set from %s, no reform pending", (date, validFrom) => {
    const lookup = parametersFor(date);
    expect(lookup).toMatchObject({ outOfRange: false, reformPending: false });
    expect(setFor(date).validFrom).toBe(validFrom);
  });

  it.each(["2026-07-01", "2026-12-31", "2027-03-01"])("%s (Neue Grundsicherung) → the set from 2026-07-01, nothing pending", (date) => {
    const lookup = parametersFor(date);
    expect(lookup).toMatchObject({ outOfRange: false, reformPending: false });
    expect(setFor(date).validFrom).toBe("2026-07-01");
  });

  it("no reform is pending any more (decision 032)", () => {
    expect(PENDING_REFORMS).toEqual([]);
  });

  it("the Neue Grundsicherung set: age bands, transfer, home protection, housing cap, sources; the rest as 2026-01-01", () => {
    const ng = setFor("2026-07-01");
    const jan = setFor("2026-06-30");
    expect(ng.assets).toEqual({
      ageBands: [
        { fromAge: 0, allowance: 5_000 },
        { fromAge: 20, allowance: 10_000 },
        { fromAge: 40, allowance: 12_500 },
        { fromAge: 50, allowance: 15_000 },
      ],
      transferWithinBedarfsgemeinschaft: true,
      ownHomeProtectedInFirstYear: true,
    });
    expect(ng.housing).toEqual({ karenzzeitCapFactor: 1.5 });
    expect(jan.housing).toEqual({ karenzzeitCapFactor: null });
    expect(Object.keys(ng.sources ?? {})).toEqual(expect.arrayContaining(["assets", "housing", "regelbedarf", "validFrom"]));
    expect(ng.sources?.assets).toMatch(/not confirmed/);
    const { validFrom: _a, assets: _b, housing: _c, sources: _d, ...rest } = ng;
    const { validFrom: _e, assets: _f, housing: _g, ...restJan } = jan;
    expect(rest).toEqual(restJan);
  });

  it("refuses a malformed date", () => {
    expect(() => parametersFor("01.03.2025")).toThrow(RangeError);
  });
});
