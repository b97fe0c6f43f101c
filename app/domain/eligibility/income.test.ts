// § 11b SGB II: every band edge of the Erwerbstätigenfreibetrag, the U25 Absetzbetrag, and the
// Versicherungspauschale (decisions 4, 5, 6, 13, 18).

import { describe, expect, it } from "vitest";
import { normalizeMember } from "./bedarfsgemeinschaft";
import { countedIncome, earnedIncomeAllowance, kindergeldSurplus } from "./income";
import { type ParameterSet, parametersFor } from "./parameters";
import type { EligibilityMember } from "./schema";

function set(date: string): ParameterSet {
  const lookup = parametersFor(date);
  if (lookup.outOfRange) throw new Error(date);
  return lookup.parameters;
}

const P2025 = set("2025-03-01");

describe("Grundfreibetrag + Erwerbstätigenfreibetrag (§ 11b Abs. 2, 3)", () => {
  it.each([
    // gross, total without a minor child, total with a minor child
    [0, 0, 0],
    [50, 50, 50],
    [100, 100, 100],
    [101, 100.2, 100.2],
    [300, 140, 140],
    [520, 184, 184],
    [521, 184.3, 184.3],
    [700, 238, 238],
    [1000, 328, 328],
    [1001, 328.1, 328.1],
    [1200, 348, 348],
    [1201, 348, 348.1],
    [1500, 348, 378],
    [1501, 348, 378],
    [4300, 348, 378],
  ])("gross %d → %d (upper limit 1,200), %d (1,500 with a minor child)", (gross, without, withChild) => {
    expect(earnedIncomeAllowance(P2025, gross, false, false).total).toBeCloseTo(without, 10);
    expect(earnedIncomeAllowance(P2025, gross, false, true).total).toBeCloseTo(withChild, 10);
  });

  it("splits the 100 € from the bands", () => {
    expect(earnedIncomeAllowance(P2025, 2000, false, true)).toEqual({
      base: 100,
      baseKind: "grundfreibetrag",
      freibetrag: 278,
      upperLimit: 1500,
      total: 378,
    });
  });
});

describe("U25 Absetzbetrag (§ 11b Abs. 2b, decision 5)", () => {
  it.each([
    // date, Minijob limit, total at gross 1,000, total at 1,200, total at 1,500 with a minor child
    ["2023-07-01", 520, 664, 684, 714],
    ["2024-06-01", 538, 676.6, 696.6, 726.6],
    ["2025-06-01", 556, 689.2, 709.2, 739.2],
    ["2026-03-01", 603, 722.1, 742.1, 772.1],
  ])("%s: limit %d replaces the 100 €, 30 % above it to 1,000, 10 % above", (date, limit, at1000, at1200, at1500child) => {
    const p = set(date);
    expect(earnedIncomeAllowance(p, limit, true, false)).toMatchObject({ base: limit, freibetrag: 0, total: limit });
    expect(earnedIncomeAllowance(p, limit - 100, true, false).total).toBe(limit - 100);
    expect(earnedIncomeAllowance(p, limit + 100, true, false).total).toBeCloseTo(limit + 30, 10);
    expect(earnedIncomeAllowance(p, 1000, true, false).total).toBeCloseTo(at1000, 10);
    expect(earnedIncomeAllowance(p, 1200, true, false).total).toBeCloseTo(at1200, 10);
    expect(earnedIncomeAllowance(p, 2000, true, false).total).toBeCloseTo(at1200, 10);
    expect(earnedIncomeAllowance(p, 1500, true, true).total).toBeCloseTo(at1500child, 10);
  });
});

function m(extra: Partial<EligibilityMember> & { age: number }): ReturnType<typeof normalizeMember> {
  return normalizeMember({ id: "x", role: "applicant", ...extra }, 0);
}

describe("counted income", () => {
  it("counts net earnings minus the allowance, never below 0", () => {
    expect(countedIncome(P2025, m({ age: 35, income: { employmentGross: 1200, employmentNet: 950 } }), false).counted).toBe(602);
    expect(countedIncome(P2025, m({ age: 35, income: { employmentGross: 80, employmentNet: 80 } }), false).counted).toBe(0);
  });

  it("U25 pupil: earnings up to the Minijob limit count 0 (#19)", () => {
    const pupil = m({ age: 17, education: "school", income: { employmentGross: 556, employmentNet: 556, childBenefit: 255 } });
    expect(countedIncome(P2025, pupil, true)).toMatchObject({ countedEarned: 0, pauschale: 0, counted: 255 });
  });

  it("U25 rule needs education: a 20-year-old without gets the 100 € and the 20 % band", () => {
    const worker = m({ age: 20, income: { employmentGross: 556, employmentNet: 556 } });
    expect(countedIncome(P2025, worker, false).counted).toBeCloseTo(556 - (100 + 84 + 10.8), 10);
    const trainee = m({ age: 20, education: "vocational-training", income: { employmentGross: 900, employmentNet: 720 } });
    expect(countedIncome(P2025, trainee, false).counted).toBeCloseTo(720 - (556 + 103.2), 10);
    const aged25 = m({ age: 25, education: "vocational-training", income: { employmentGross: 900, employmentNet: 720 } });
    expect(countedIncome(P2025, aged25, false).counted).toBeCloseTo(720 - (100 + 84 + 114), 10);
  });

  it("self-employment profit adds to employment: one 100 € and one Freibetrag on the sum (decision 4)", () => {
    const both = m({ age: 40, income: { employmentGross: 400, employmentNet: 400, selfEmploymentProfit: 600 } });
    const r = countedIncome(P2025, both, false);
    expect(r.earnedGross).toBe(1000);
    expect(r.allowance?.total).toBe(328);
    expect(r.counted).toBe(672);
    const profitOnly = m({ age: 40, income: { selfEmploymentProfit: 1200 } });
    expect(countedIncome(P2025, profitOnly, false).counted).toBe(852);
  });

  it("30 € Versicherungspauschale once per adult without earnings (decision 6)", () => {
    expect(countedIncome(P2025, m({ age: 40, income: { unemploymentBenefit: 700 } }), false)).toMatchObject({ pauschale: 30, counted: 670 });
    expect(countedIncome(P2025, m({ age: 40, income: { pension: 200, maintenance: 100, other: 50 } }), false)).toMatchObject({ pauschale: 30, counted: 320 });
    expect(countedIncome(P2025, m({ age: 40, income: { other: 20 } }), false)).toMatchObject({ pauschale: 20, counted: 0 });
    expect(countedIncome(P2025, m({ age: 40 }), false)).toMatchObject({ pauschale: 0, counted: 0 });
    // minors: never
    expect(countedIncome(P2025, m({ age: 17, income: { childBenefit: 255, maintenance: 100 } }), false)).toMatchObject({ pauschale: 0, counted: 355 });
    // an 18–24-year-old's Kindergeld included
    expect(countedIncome(P2025, m({ age: 19, income: { childBenefit: 255 } }), false)).toMatchObject({ pauschale: 30, counted: 225 });
    // transferred Kindergeld included
    expect(countedIncome(P2025, m({ age: 40 }), false, 73.33)).toMatchObject({ pauschale: 30 });
    // never with earnings: the 100 € replaces it
    const earner = m({ age: 40, income: { employmentGross: 300, employmentNet: 300, unemploymentBenefit: 400 } });
    expect(countedIncome(P2025, earner, false)).toMatchObject({ pauschale: 0, counted: 300 - 140 + 400 });
  });

  it("Elterngeld counts in full minus the 30 € (decision 18)", () => {
    expect(countedIncome(P2025, m({ age: 28, income: { parentalAllowance: 300 } }), false).counted).toBe(270);
  });

  it("takes a missing net as the gross, a missing gross as the net", () => {
    const grossOnly = m({ age: 35, income: { employmentGross: 520 } });
    expect(grossOnly.income).toMatchObject({ earnedGross: 520, earnedNet: 520, assumption: "net-equals-gross" });
    expect(countedIncome(P2025, grossOnly, false).counted).toBe(336);
    const netOnly = m({ age: 35, income: { employmentNet: 520 } });
    expect(netOnly.income).toMatchObject({ earnedGross: 520, earnedNet: 520, assumption: "gross-equals-net" });
  });
});

describe("Kindergeld surplus (§ 11 Abs. 1 S. 5, decision 12)", () => {
  it("passes only the Kindergeld the child does not need, at most the Kindergeld", () => {
    expect(kindergeldSurplus(250, 700, 626.67)).toBeCloseTo(73.33, 10); // GETTSIM example
    expect(kindergeldSurplus(255, 1500, 600)).toBe(255);
    expect(kindergeldSurplus(255, 500, 600)).toBe(0);
  });
});
