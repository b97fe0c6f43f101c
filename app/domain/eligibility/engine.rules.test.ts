// The engine rule by rule: parameter years, the Bedarfsgemeinschaft (decisions 9, 10, 12),
// Mehrbedarfe, housing, exclusions with their referrals, rounding, the response shape.

import { describe, expect, it } from "vitest";
import { evaluateEligibility, isOutOfRange, todayInGermany } from "./engine";
import { EXCLUSION_REASONS, EXPLANATION_KEYS, REFERRALS } from "./keys";
import { roundCents } from "./money";
import { singleParentMehrbedarf } from "./needs";
import { parametersFor, type ParameterSet } from "./parameters";
import { EligibilityResponseSchema } from "./schema";
import { applicant, asResponse, evaluate, explanationKeys, member, memberOf, request } from "./test-helpers";

function set(date: string): ParameterSet {
  const lookup = parametersFor(date);
  if (lookup.outOfRange) throw new Error(date);
  return lookup.parameters;
}

describe("parameter years through the engine (decision 1)", () => {
  it.each([
    ["2023-07-15", "2023-07-01", 972],
    ["2024-02-01", "2024-01-01", 1033],
    ["2025-03-01", "2025-01-01", 1033],
    ["2026-03-01", "2026-01-01", 1033],
  ])("%s: single without income → rules from %s, %d", (date, validFrom, estimate) => {
    const r = evaluate([applicant(35)], { date });
    expect(r.rulesValidFrom).toBe(validFrom);
    expect(r.monthlyEstimate).toBe(estimate);
    expect(r.reformPending).toBe(false);
    expect(explanationKeys(r)).not.toContain("reform-pending");
  });

  it("single parent + child 4 shows the year's Sofortzuschlag and Regelbedarfe", () => {
    const child = member("c", "child", 4);
    expect(memberOf(evaluate([applicant(30), child], { date: "2023-09-01" }), "c")).toMatchObject({ regelbedarf: 318, sofortzuschlag: 20 });
    expect(memberOf(evaluate([applicant(30), child], { date: "2023-09-01" }), "a").mehrbedarf).toBe(180.72);
    expect(memberOf(evaluate([applicant(30), child], { date: "2024-09-01" }), "c")).toMatchObject({ regelbedarf: 357, sofortzuschlag: 20 });
    expect(memberOf(evaluate([applicant(30), child], { date: "2025-09-01" }), "c")).toMatchObject({ regelbedarf: 357, sofortzuschlag: 25 });
    expect(memberOf(evaluate([applicant(30), child], { date: "2026-09-01" }), "c")).toMatchObject({ regelbedarf: 357, sofortzuschlag: 25 });
  });

  it("the U25 Absetzbetrag of the year: a pupil earning 603 counts 32.90 in 2025, 0 in 2026", () => {
    const pupil = () => [applicant(45), member("s", "child", 17, { education: "school" as const, income: { employmentGross: 603, employmentNet: 603 } })];
    expect(memberOf(evaluate(pupil(), { date: "2025-05-01" }), "s").countedIncome).toBeCloseTo(603 - (556 + 14.1), 10);
    expect(memberOf(evaluate(pupil(), { date: "2026-05-01" }), "s").countedIncome).toBe(0);
  });

  it("from 2026-07-01 (Neue Grundsicherung) uses its own set, without reformPending", () => {
    const r = evaluate([applicant(45)], { date: "2026-07-01", assets: 12_500 });
    expect(r.rulesValidFrom).toBe("2026-07-01");
    expect(r.reformPending).toBe(false);
    expect(r.monthlyEstimate).toBe(1033);
    expect(explanationKeys(r)).not.toContain("reform-pending");
  });

  it("a date before 2023-07-01 is out of range (422)", () => {
    const r = evaluateEligibility(request([applicant(35)], { date: "2023-06-30" }));
    expect(isOutOfRange(r)).toBe(true);
    expect(r).toEqual({ outOfRange: true, date: "2023-06-30", earliest: "2023-07-01", error: "eligibility.errors.date_out_of_range" });
  });

  it("without a date uses the injected clock, else today in Germany", () => {
    const req = request([applicant(35)]);
    delete req.date;
    expect(asResponse(evaluateEligibility(req, { today: "2024-05-01" })).rulesValidFrom).toBe("2024-01-01");
    expect(isOutOfRange(evaluateEligibility(req, { today: "2023-01-01" }))).toBe(true);
    expect(todayInGermany(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(todayInGermany()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(asResponse(evaluateEligibility(req)).rulesValidFrom).toMatch(/^20\d\d-0[17]-01$/);
  });
});

describe("Bedarfsgemeinschaft", () => {
  it("a child whose own income covers its need leaves the BG; only surplus Kindergeld passes (decisions 7, 12)", () => {
    // Child 16: need 471 + 25 + 305 = 801; income 600 maintenance + 255 Kindergeld = 855 ≥ 801.
    const r = evaluate([applicant(40), member("c", "child", 16, { income: { maintenance: 600, childBenefit: 255 } })]);
    expect(r.bedarfsgemeinschaft).toEqual(["a"]);
    expect(r.members.map((m) => m.id)).toEqual(["a"]);
    // The single-parent Mehrbedarf still counts the child (12 %); the housing share stays per head.
    expect(memberOf(r, "a")).toMatchObject({ mehrbedarf: 67.56, housing: 305, need: 935.56 });
    // Surplus 855 − 801 = 54 is the applicant's other income, minus the 30 € (decision 6).
    expect(r.explanation).toContainEqual({ key: "child-leaves-bedarfsgemeinschaft", memberId: "c", amount: 855, params: { need: 801 } });
    expect(r.explanation).toContainEqual({ key: "kindergeld-transfer", memberId: "a", amount: 54, params: { fromMemberId: "c" } });
    expect(memberOf(r, "a").countedIncome).toBe(24);
    expect(r.monthlyEstimate).toBe(911.56);
  });

  it("surplus Kindergeld is at most the Kindergeld; counted in full for an earning applicant", () => {
    const rich = member("c", "child", 16, { income: { maintenance: 1000, childBenefit: 255 } });
    expect(memberOf(evaluate([applicant(40), rich]), "a").countedIncome).toBe(225);
    const earner = applicant(40, { income: { employmentGross: 300, employmentNet: 300 } });
    // 300 − (100 + 40) = 160, + 255 transferred in full.
    expect(memberOf(evaluate([earner, rich]), "a").countedIncome).toBe(415);
  });

  it("a child exactly covering its need leaves the BG without surplus", () => {
    const r = evaluate([applicant(40), member("c", "child", 16, { income: { maintenance: 546, childBenefit: 255 } })]);
    expect(r.bedarfsgemeinschaft).toEqual(["a"]);
    expect(explanationKeys(r)).not.toContain("kindergeld-transfer");
    expect(memberOf(r, "a").countedIncome).toBe(0);
  });

  it("a child aged 25 or more is not in the BG and shares the rent like `other` (decision 10)", () => {
    const withAdultChild = evaluate([applicant(55), member("c", "child", 26, { income: { employmentGross: 3000, employmentNet: 2000 } })]);
    const withOther = evaluate([applicant(55), member("o", "other", 26, { income: { employmentGross: 3000, employmentNet: 2000 } })]);
    for (const r of [withAdultChild, withOther]) {
      expect(r.bedarfsgemeinschaft).toEqual(["a"]);
      expect(memberOf(r, "a")).toMatchObject({ regelbedarfsstufe: 1, mehrbedarf: 0, housing: 305, need: 868 });
      expect(r.monthlyEstimate).toBe(868);
    }
    expect(withAdultChild.referrals).not.toContain("bildung-und-teilhabe");
  });

  it("an 18–24-year-old child stays in the BG on RBS 3 with the Sofortzuschlag; its Kindergeld minus 30 €", () => {
    const r = evaluate([applicant(50), member("c", "child", 20, { income: { childBenefit: 255 } })]);
    expect(memberOf(r, "c")).toMatchObject({ regelbedarfsstufe: 3, regelbedarf: 451, sofortzuschlag: 25, countedIncome: 225 });
    // No single-parent Mehrbedarf: no minor child.
    expect(memberOf(r, "a").mehrbedarf).toBe(0);
    expect(r.monthlyEstimate).toBe(563 + 451 + 25 + 610 - 225);
  });

  describe("U25 applicant with parents (decision 9)", () => {
    it("17-year-old with a single parent: RBS 4 + Sofortzuschlag, the parent RBS 1 + 12 % Mehrbedarf", () => {
      const r = evaluate([applicant(17), member("p", "parent", 45)]);
      expect(r.bedarfsgemeinschaft).toEqual(["a", "p"]);
      expect(memberOf(r, "a")).toMatchObject({ regelbedarfsstufe: 4, regelbedarf: 471, sofortzuschlag: 25, need: 801 });
      expect(memberOf(r, "p")).toMatchObject({ regelbedarfsstufe: 1, regelbedarf: 563, mehrbedarf: 67.56 });
      expect(r.monthlyEstimate).toBe(1736.56);
    });

    it("a minor applicant with parents gives the parents' earnings the 1,500 € upper limit (decision 13)", () => {
      const r = evaluate([applicant(16), member("p", "parent", 45, { income: { employmentGross: 2000, employmentNet: 1500 } }), member("q", "parent", 45)]);
      expect(memberOf(r, "p").countedIncome).toBe(1500 - 378);
    });

    it("the applicant's own income covering their own need: not needy, even if the parents are", () => {
      // Applicant 20 in training: 2,000 gross / 1,500 net − (556 + 133.2 + 20) = 790.80 ≥ 451 + 25 + 243.33.
      const r = evaluate([applicant(20, { education: "vocational-training", income: { employmentGross: 2000, employmentNet: 1500 } }), member("f", "parent", 50), member("m", "parent", 50)]);
      expect(memberOf(r, "a").countedIncome).toBeCloseTo(790.8, 10);
      expect(r.totals.need - r.totals.countedIncome).toBeGreaterThan(0);
      expect(r.outcome).toBe("likely-not-eligible");
      expect(r.monthlyEstimate).toBe(0);
      const entry = r.explanation.find((e) => e.key === "applicant-not-needy");
      expect(entry?.memberId).toBe("a");
      expect(entry?.amount).toBeCloseTo(790.8, 10);
    });

    it("parents' excess that does not cover the applicant reduces the benefit", () => {
      // Parents' need 1,498.67; father counted 2,000 − 348 = 1,652 → excess 153.33; son's need 719.33.
      const r = evaluate([applicant(22), member("f", "parent", 55, { income: { employmentGross: 2500, employmentNet: 2000 } }), member("m", "parent", 53)]);
      expect(r.outcome).toBe("likely-eligible");
      expect(r.monthlyEstimate).toBe(566);
      expect(r.explanation.find((e) => e.key === "parents-excess-income")?.amount).toBeCloseTo(153.33, 2);
    });

    it("an applicant of 25, or one with a partner, does not form a BG with the parents", () => {
      const r25 = evaluate([applicant(25), member("p", "parent", 50, { income: { employmentGross: 5000, employmentNet: 3000 } })]);
      expect(r25.bedarfsgemeinschaft).toEqual(["a"]);
      expect(memberOf(r25, "a")).toMatchObject({ regelbedarfsstufe: 1, housing: 305 });
      const withPartner = evaluate([applicant(22), member("b", "partner", 21), member("p", "parent", 50)]);
      expect(withPartner.bedarfsgemeinschaft).toEqual(["a", "b"]);
      expect(memberOf(withPartner, "a").regelbedarfsstufe).toBe(2);
      expect(memberOf(withPartner, "a").housing).toBeCloseTo(730 / 3, 10);
    });
  });

  it("an adult with a minor partner gets RBS 1, the minor partner RBS 4 (§ 20 Abs. 2)", () => {
    const r = evaluate([applicant(19), member("b", "partner", 17)]);
    expect(memberOf(r, "a").regelbedarfsstufe).toBe(1);
    expect(memberOf(r, "b")).toMatchObject({ regelbedarfsstufe: 4, sofortzuschlag: 25 });
  });
});

describe("Mehrbedarfe (§ 21)", () => {
  it.each([
    [[10], 12, 67.56],
    [[6], 36, 202.68],
    [[8, 10], 36, 202.68],
    [[16, 17], 24, 135.12],
    [[8, 10, 12, 14], 48, 270.24],
    [[1, 3, 5, 8, 10, 12], 60, 337.8],
  ])("single parent with children %j: %d % of RBS 1 = %d", (ages, percent, amount) => {
    expect(singleParentMehrbedarf(set("2025-01-01"), ages)).toMatchObject({ percent, amount });
  });

  it("pregnancy from the 13th week, 17 % of the own Regelbedarf", () => {
    expect(memberOf(evaluate([applicant(28, { pregnancyWeek: 12 })]), "a").mehrbedarf).toBe(0);
    expect(memberOf(evaluate([applicant(28, { pregnancyWeek: 13 })]), "a").mehrbedarf).toBe(95.71);
    expect(memberOf(evaluate([applicant(28, { pregnancyWeek: null })]), "a").mehrbedarf).toBe(0);
    expect(memberOf(evaluate([applicant(30), member("b", "partner", 28, { pregnancyWeek: 20 })]), "b").mehrbedarf).toBe(86.02);
  });

  it("caps Abs. 2–5 at the Regelbedarf; decentral hot water lies outside the cap (decision 8)", () => {
    const r = evaluate([applicant(30, { pregnancyWeek: 20, disabilityWorkParticipation: true, medicalDiet: "cystic-fibrosis" }), member("c", "child", 2)], {
      housing: { grossColdRent: 520, heating: 90, hotWater: "decentral" },
    });
    // 95.71 + 202.68 + 197.05 + 168.90 = 664.34 → 563; + 12.95 hot water.
    expect(memberOf(r, "a").mehrbedarf).toBe(575.95);
    expect(r.explanation).toContainEqual({ key: "mehrbedarf-cap", memberId: "a", amount: 563, params: { uncapped: 664.34 } });
    expect(memberOf(r, "c").mehrbedarf).toBe(2.86);
  });

  it.each([
    ["dialysis", 28.15],
    ["dialysis-with-malnutrition", 84.45],
    ["disease-related-malnutrition", 56.3],
    ["cystic-fibrosis", 168.9],
    ["coeliac", 112.6],
  ] as const)("diet %s: share of RBS 1 = %d, also for a partner on RBS 2", (medicalDiet, amount) => {
    expect(memberOf(evaluate([applicant(30), member("b", "partner", 30, { medicalDiet })]), "b").mehrbedarf).toBe(amount);
  });

  it("decentral hot water per member by Regelbedarfsstufe (2.3 / 1.4 / 1.2 / 0.8 %)", () => {
    const r = evaluate([applicant(40), member("b", "partner", 40), member("c", "child", 15), member("d", "child", 10), member("e", "child", 4)], {
      housing: { grossColdRent: 800, heating: 150, hotWater: "decentral" },
    });
    expect(r.members.map((m) => m.mehrbedarf)).toEqual([11.64, 11.64, 6.59, 4.68, 2.86]);
    const r2023 = evaluate([applicant(40), member("c", "child", 20), member("d", "child", 10)], {
      date: "2023-08-01",
      housing: { grossColdRent: 500, hotWater: "decentral" },
    });
    // 2023: RBS 1 11.55 (+ single-parent 60.24), RBS 3 9.25, RBS 5 4.18.
    expect(r2023.members.map((m) => m.mehrbedarf)).toEqual([71.79, 9.25, 4.18]);
  });
});

describe("housing (§ 22, decision 3)", () => {
  it("splits per head over everyone in the dwelling, `other` included; unrounded shares", () => {
    const r = evaluate([applicant(30), member("o", "other", 30), member("q", "other", 31)]);
    expect(r.bedarfsgemeinschaft).toEqual(["a"]);
    expect(memberOf(r, "a").housing).toBeCloseTo(730 / 3, 12);
    expect(r.monthlyEstimate).toBe(806.33);
  });

  it("after the Karenzzeit without a configured limit the actual rent counts (housingLimit null)", () => {
    const r = evaluate([applicant(35)], { firstYearOfReceipt: false });
    expect(r.housingLimit).toBeNull();
    expect(r.monthlyEstimate).toBe(1033);
    expect(r.explanation).toContainEqual({ key: "housing-no-limit-configured", amount: 400 });
    const nullLimit = evaluate([applicant(35)], { firstYearOfReceipt: false }, { housingLimit: () => null });
    expect(nullLimit.housingLimit).toBeNull();
  });

  it("a limit above the rent is reported but changes nothing; the household size counts everyone", () => {
    const sizes: number[] = [];
    const r = evaluate(
      [applicant(35), member("o", "other", 40)],
      { firstYearOfReceipt: false },
      {
        housingLimit: (size) => (sizes.push(size), 600),
      },
    );
    expect(sizes).toEqual([2]);
    expect(r.housingLimit).toBe(600);
    expect(memberOf(r, "a").housing).toBe(305);
    expect(r.explanation).toContainEqual({ key: "housing-within-limit", amount: 600, params: { actualRent: 520 } });
  });

  it("no housing given: no housing need", () => {
    const r = asResponse(evaluateEligibility({ date: "2025-01-01", household: { members: [applicant(35)] } }));
    expect(r.monthlyEstimate).toBe(563);
  });
});

describe("assets (§ 12)", () => {
  it("Karenzzeit: 40,000 + 15,000 per further member; afterwards 15,000 each", () => {
    const family = [applicant(38), member("b", "partner", 36), member("c", "child", 4), member("d", "child", 10)];
    expect(evaluate(family, { assets: 85_000 }).outcome).toBe("likely-eligible");
    expect(evaluate(family, { assets: 85_000.01 }).outcome).toBe("likely-not-eligible");
    expect(evaluate(family, { assets: 60_000, firstYearOfReceipt: false }).outcome).toBe("likely-eligible");
    expect(evaluate(family, { assets: 60_001, firstYearOfReceipt: false }).outcome).toBe("likely-not-eligible");
  });
});

describe("Neue Grundsicherung from 2026-07-01: assets by age band (§ 12), decision 032", () => {
  const NEW = "2026-07-01";

  it("the switch date: 2026-06-30 keeps the Karenzzeit (40,000 €), 2026-07-01 uses the age band", () => {
    const before = evaluate([applicant(30)], { date: "2026-06-30", assets: 12_000 });
    expect(before.rulesValidFrom).toBe("2026-01-01");
    expect(before.outcome).toBe("likely-eligible");
    expect(before.explanation).toContainEqual({ key: "assets-allowance", amount: 40_000, params: { assets: 12_000, karenzzeit: true } });
    expect(explanationKeys(before)).not.toContain("assets-age-band");

    const after = evaluate([applicant(30)], { date: NEW, assets: 12_000 });
    expect(after.rulesValidFrom).toBe("2026-07-01");
    expect(after.outcome).toBe("likely-not-eligible");
    expect(after.monthlyEstimate).toBe(0);
    expect(after.explanation).toContainEqual({ key: "assets-age-band", memberId: "a", amount: 10_000, params: { age: 30, fromAge: 20, untilAge: 39 } });
    expect(after.explanation).toContainEqual({ key: "assets-allowance-age-bands", amount: 10_000, params: { assets: 12_000, members: 1 } });
    expect(after.explanation).toContainEqual({ key: "assets-excess", amount: 2000, params: { months: 1.9 } });
    expect(explanationKeys(after)).not.toContain("assets-allowance");
  });

  it.each([
    // "bis zur Vollendung des 20. Lebensjahres" 5,000 €; "ab dem 21. Lebensjahr" = from the 20th birthday.
    [15, 5_000, 0, 19],
    [19, 5_000, 0, 19],
    [20, 10_000, 20, 39],
    [39, 10_000, 20, 39],
    [40, 12_500, 40, 49],
    [49, 12_500, 40, 49],
    [50, 15_000, 50, undefined],
    [66, 15_000, 50, undefined],
  ])("band edge: an applicant aged %d has %d € (band from %d)", (age, allowance, fromAge, untilAge) => {
    const r = evaluate([applicant(age)], { date: NEW, assets: allowance });
    const params: Record<string, number> = { age, fromAge };
    if (untilAge !== undefined) params.untilAge = untilAge;
    expect(r.explanation).toContainEqual({ key: "assets-age-band", memberId: "a", amount: allowance, params });
    expect(r.outcome).toBe("likely-eligible");
    expect(evaluate([applicant(age)], { date: NEW, assets: allowance + 0.01 }).outcome).toBe("likely-not-eligible");
  });

  it("no Karenzzeit for assets: the first year and later years have the same allowance", () => {
    expect(evaluate([applicant(30)], { date: NEW, assets: 10_000, firstYearOfReceipt: false }).outcome).toBe("likely-eligible");
    expect(evaluate([applicant(30)], { date: NEW, assets: 10_001, firstYearOfReceipt: true }).outcome).toBe("likely-not-eligible");
  });

  it("transfer: unused allowances pass to other members (couple 45 and 52: 12,500 + 15,000)", () => {
    const couple = [applicant(45), member("b", "partner", 52)];
    const r = evaluate(couple, { date: NEW, assets: 27_500 });
    expect(r.outcome).toBe("likely-eligible");
    expect(r.explanation).toContainEqual({ key: "assets-age-band", memberId: "a", amount: 12_500, params: { age: 45, fromAge: 40, untilAge: 49 } });
    expect(r.explanation).toContainEqual({ key: "assets-age-band", memberId: "b", amount: 15_000, params: { age: 52, fromAge: 50 } });
    expect(r.explanation).toContainEqual({ key: "assets-allowance-age-bands", amount: 27_500, params: { assets: 27_500, members: 2 } });
    // More than either member's own allowance is still free: the other's unused allowance passes on.
    expect(evaluate(couple, { date: NEW, assets: 16_000 }).outcome).toBe("likely-eligible");
    expect(evaluate(couple, { date: NEW, assets: 27_500.01 }).outcome).toBe("likely-not-eligible");
  });

  it("children count with their own band; a child who leaves the Bedarfsgemeinschaft does not", () => {
    const family = [applicant(38), member("b", "partner", 36), member("c", "child", 4), member("d", "child", 19)];
    const r = evaluate(family, { date: NEW, assets: 30_000 });
    expect(r.explanation).toContainEqual({ key: "assets-allowance-age-bands", amount: 30_000, params: { assets: 30_000, members: 4 } });
    expect(r.outcome).toBe("likely-eligible");
    const left = evaluate([applicant(40), member("c", "child", 16, { income: { maintenance: 600, childBenefit: 255 } })], { date: NEW, assets: 12_500 });
    expect(left.bedarfsgemeinschaft).toEqual(["a"]);
    expect(left.explanation).toContainEqual({ key: "assets-allowance-age-bands", amount: 12_500, params: { assets: 12_500, members: 1 } });
  });

  it("a self-used home stays protected in the first year only (stated in the explanation)", () => {
    expect(explanationKeys(evaluate([applicant(30)], { date: NEW }))).toContain("assets-own-home-first-year");
    expect(explanationKeys(evaluate([applicant(30)], { date: NEW, firstYearOfReceipt: false }))).not.toContain("assets-own-home-first-year");
    expect(explanationKeys(evaluate([applicant(30)], { date: "2026-06-30" }))).not.toContain("assets-own-home-first-year");
  });
});

describe("Neue Grundsicherung from 2026-07-01: housing Karenzzeit capped at 1.5 × the limit (§ 22), decision 032", () => {
  it("inside the first year the rent counts up to 1.5 × the Träger's limit", () => {
    const r = evaluate([applicant(35)], { date: "2026-07-01", housing: { grossColdRent: 700, heating: 70 } }, { housingLimit: () => 400 });
    expect(r.housingLimit).toBe(600);
    expect(memberOf(r, "a").housing).toBe(670);
    expect(r.explanation).toContainEqual({ key: "housing-karenzzeit-cap-applied", amount: 600, params: { actualRent: 700, localLimit: 400 } });
    const within = evaluate([applicant(35)], { date: "2026-07-01", housing: { grossColdRent: 550, heating: 70 } }, { housingLimit: () => 400 });
    expect(memberOf(within, "a").housing).toBe(620);
    expect(within.explanation).toContainEqual({ key: "housing-karenzzeit-within-cap", amount: 600, params: { actualRent: 550, localLimit: 400 } });
  });

  it("without a configured limit the actual rent counts; on 2026-06-30 there is no cap", () => {
    const none = evaluate([applicant(35)], { date: "2026-07-01", housing: { grossColdRent: 700, heating: 70 } });
    expect(none.housingLimit).toBeNull();
    expect(none.explanation).toContainEqual({ key: "housing-karenzzeit", amount: 700 });
    const before = evaluate([applicant(35)], { date: "2026-06-30", housing: { grossColdRent: 700, heating: 70 } }, { housingLimit: () => 400 });
    expect(memberOf(before, "a").housing).toBe(770);
    expect(before.housingLimit).toBeNull();
  });

  it("after the first year the limit itself applies, as before", () => {
    const r = evaluate([applicant(35)], { date: "2026-07-01", firstYearOfReceipt: false, housing: { grossColdRent: 700, heating: 70 } }, { housingLimit: () => 400 });
    expect(r.housingLimit).toBe(400);
    expect(memberOf(r, "a").housing).toBe(470);
  });
});

describe("exclusions and referrals (§§ 7, 8; decisions 14, 16, 17)", () => {
  it.each([
    [{ residence: "asylum-seeker" }, 30, "asylum-seeker", ["asylblg"]],
    [{ residence: "eu-first-three-months" }, 30, "eu-first-three-months", ["sgb12-hilfe-zum-lebensunterhalt"]],
    [{ residence: "eu-jobseeker-only" }, 30, "eu-jobseeker-only", ["sgb12-hilfe-zum-lebensunterhalt"]],
    [{ oldAgePension: true }, 63, "old-age-pension", ["sgb12-grundsicherung", "wohngeld"]],
    [{}, 67, "regelaltersgrenze", ["sgb12-grundsicherung", "wohngeld"]],
    [{ permanentlyUnableToWork: true }, 40, "permanently-unable-to-work", ["sgb12-grundsicherung"]],
    [{ ableToWork: false }, 40, "unable-to-work-without-able-member", ["sgb12-hilfe-zum-lebensunterhalt"]],
    [{ education: "bafoeg-eligible" }, 22, "bafoeg-eligible-training", ["bafoeg"]],
    [{ inpatientOverSixMonths: true }, 50, "inpatient-over-six-months", ["sgb12-hilfe-zum-lebensunterhalt"]],
    [{}, 14, "below-minimum-age", []],
  ] as const)("applicant %j aged %d: excluded (%s) → %j", (extra, age, reason, expected) => {
    const r = evaluate([applicant(age, extra)]);
    expect(r.outcome).toBe("excluded");
    expect(r.monthlyEstimate).toBe(0);
    expect(r.exclusions).toEqual([{ memberId: "a", reason }]);
    expect(r.referrals).toEqual(expected);
    expect(r.explanation).toContainEqual({ key: "exclusion", memberId: "a", amount: 0, params: { reason } });
  });

  it("covers every exclusion reason", () => {
    expect(EXCLUSION_REASONS).toHaveLength(10);
  });

  it("not able to work, with an able partner: not excluded (§ 23 Bürgergeld)", () => {
    const r = evaluate([applicant(40, { ableToWork: false }), member("b", "partner", 38)]);
    expect(r.outcome).toBe("likely-eligible");
    expect(r.exclusions).toEqual([]);
    expect(r.monthlyEstimate).toBe(1012 + 610);
  });

  it("not able to work, with only a partner past the Regelaltersgrenze: excluded", () => {
    const r = evaluate([applicant(60, { ableToWork: false }), member("b", "partner", 68)]);
    expect(r.outcome).toBe("excluded");
    expect(r.exclusions).toEqual([
      { memberId: "a", reason: "unable-to-work-without-able-member" },
      { memberId: "b", reason: "regelaltersgrenze" },
    ]);
    expect(r.referrals).toEqual(["sgb12-grundsicherung", "sgb12-hilfe-zum-lebensunterhalt"]);
  });

  it("permanently unable to work is excluded even with an able partner, who may apply in their own right", () => {
    const r = evaluate([applicant(40, { permanentlyUnableToWork: true }), member("b", "partner", 38)]);
    expect(r.outcome).toBe("excluded");
    expect(r.referrals).toEqual(["sgb12-grundsicherung"]);
    expect(r.explanation).toContainEqual({ key: "partner-may-apply", memberId: "b", amount: 0 });
  });

  it("a BAföG-eligible applicant living with parent members is not excluded (§ 7 Abs. 6); bafoeg still suggested", () => {
    const r = evaluate([applicant(20, { education: "bafoeg-eligible" }), member("f", "parent", 50), member("m", "parent", 48)]);
    expect(r.outcome).toBe("likely-eligible");
    expect(r.exclusions).toEqual([]);
    expect(r.referrals).toContain("bafoeg");
  });

  it("a BAföG-eligible child lives with its parent: not excluded", () => {
    const r = evaluate([applicant(50), member("c", "child", 21, { education: "bafoeg-eligible" })]);
    expect(r.exclusions).toEqual([]);
    expect(r.bedarfsgemeinschaft).toEqual(["a", "c"]);
  });

  it("exclusions of other members are listed; they stay in the calculation (decision 17)", () => {
    const r = evaluate([applicant(40), member("b", "partner", 38, { residence: "asylum-seeker" })]);
    expect(r.outcome).toBe("likely-eligible");
    expect(r.exclusions).toEqual([{ memberId: "b", reason: "asylum-seeker" }]);
    expect(r.bedarfsgemeinschaft).toEqual(["a", "b"]);
    expect(r.monthlyEstimate).toBe(1012 + 610);
    expect(r.referrals).toContain("asylblg");

    const pensioner = evaluate([applicant(60), member("b", "partner", 68, { oldAgePension: true, income: { pension: 900 } })]);
    expect(pensioner.exclusions).toEqual([
      { memberId: "b", reason: "old-age-pension" },
      { memberId: "b", reason: "regelaltersgrenze" },
    ]);
    expect(memberOf(pensioner, "b").countedIncome).toBe(870);
    expect(pensioner.referrals).toContain("sgb12-grundsicherung");
    // Wohngeld is suggested for an excluded applicant, not for a member of a needy BG.
    expect(pensioner.referrals).not.toContain("wohngeld");
  });

  it("a minor permanently unable to work is referred to SGB XII Hilfe zum Lebensunterhalt", () => {
    const r = evaluate([applicant(16, { permanentlyUnableToWork: true }), member("p", "parent", 45)]);
    expect(r.exclusions).toEqual([{ memberId: "a", reason: "permanently-unable-to-work" }]);
    expect(r.referrals).toEqual(["sgb12-hilfe-zum-lebensunterhalt"]);
  });
});

describe("referrals", () => {
  it("alg1 when nobody in the BG earns or gets ALG I and an adult is able to work", () => {
    expect(evaluate([applicant(35)]).referrals).toEqual(["alg1"]);
    expect(evaluate([applicant(35, { ableToWork: false }), member("b", "partner", 35, { income: { employmentGross: 300 } })]).referrals).toEqual([]);
  });

  it("Unterhaltsvorschuss for a single parent's child without (enough) maintenance", () => {
    expect(evaluate([applicant(30), member("c", "child", 5, { income: { childBenefit: 255 } })]).referrals).toEqual(["alg1", "unterhaltsvorschuss", "bildung-und-teilhabe"]);
    expect(evaluate([applicant(30), member("c", "child", 5, { income: { maintenance: 300 } })]).referrals).not.toContain("unterhaltsvorschuss");
    // Age 12–17 only with the parent earning at least 600 € gross.
    expect(evaluate([applicant(40), member("c", "child", 13)]).referrals).not.toContain("unterhaltsvorschuss");
    const earning = applicant(40, { income: { employmentGross: 600, employmentNet: 480 } });
    expect(evaluate([earning, member("c", "child", 13)]).referrals).toEqual(["kinderzuschlag", "wohngeld", "unterhaltsvorschuss", "bildung-und-teilhabe"]);
  });

  it("Kinderzuschlag with children only from 900 € (couple) / 600 € (single parent) gross while eligible", () => {
    const couple = (gross: number) => [
      applicant(38, { income: { employmentGross: gross, employmentNet: gross * 0.8 } }),
      member("b", "partner", 36),
      member("c", "child", 4, { income: { childBenefit: 255 } }),
    ];
    expect(evaluate(couple(899)).referrals).toEqual(["bildung-und-teilhabe"]);
    expect(evaluate(couple(900)).referrals).toEqual(["kinderzuschlag", "wohngeld", "bildung-und-teilhabe"]);
  });
});

describe("rounding (decision 15) and response shape", () => {
  it("rounds half up to cents, immune to binary error", () => {
    expect(roundCents(1275.675)).toBe(1275.68);
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(0.125)).toBe(0.13);
    expect(roundCents(-1.005)).toBe(-1.01);
    expect(roundCents(12.949)).toBe(12.95);
    expect(roundCents(12.944999)).toBe(12.94);
  });

  it("the estimate is rounded half up; housing shares stay unrounded", () => {
    const r = evaluate([applicant(35)], { housing: { grossColdRent: 400.005, heating: 0 } });
    expect(memberOf(r, "a").housing).toBe(400.005);
    expect(r.monthlyEstimate).toBe(963.01);
  });

  it("every response matches the response schema and uses only known keys", () => {
    const cases = [
      evaluate([applicant(35)]),
      evaluate([applicant(30, { residence: "asylum-seeker" })]),
      evaluate([applicant(40), member("c", "child", 16, { income: { maintenance: 600, childBenefit: 255 } })]),
      evaluate([applicant(24), member("f", "parent", 55, { income: { employmentGross: 4300, employmentNet: 2900 } }), member("m", "parent", 53)]),
      evaluate([applicant(45)], { assets: 50_000, date: "2026-08-01" }),
      evaluate([applicant(35, { income: { employmentGross: 800 } })], { firstYearOfReceipt: false }, { housingLimit: () => 350 }),
      evaluate([applicant(45), member("b", "partner", 52)], { assets: 10_000, date: "2026-08-01" }, { housingLimit: () => 300 }),
    ];
    for (const r of cases) {
      expect(EligibilityResponseSchema.safeParse(r).success).toBe(true);
      for (const e of r.explanation) expect(EXPLANATION_KEYS).toContain(e.key);
      for (const ref of r.referrals) expect(REFERRALS).toContain(ref);
      expect(r.currency).toBe("EUR");
    }
    expect(explanationKeys(cases[5])).toContain("assumption-net-equals-gross");
  });

  it("does not mutate the request", () => {
    const req = request([applicant(38, { income: { employmentGross: 2000, employmentNet: 1560 } }), member("c", "child", 4)]);
    const copy = JSON.parse(JSON.stringify(req));
    evaluateEligibility(req);
    expect(req).toEqual(copy);
  });
});
