// The worked examples of rules.md § 12 (2025 rules, Karenzzeit, standard flats), to the cent,
// plus the GETTSIM cases of rules.md § 4.2.

import { describe, expect, it } from "vitest";
import { evaluateEligibility } from "./engine";
import { EligibilityResponseSchema } from "./schema";
import { applicant, asResponse, evaluate, member, memberOf } from "./test-helpers";

describe("rules.md § 12 worked examples (2025)", () => {
  it("#1 single adult, 35, no income, no assets: 1,033.00", () => {
    const r = evaluate([applicant(35)]);
    expect(r.outcome).toBe("likely-eligible");
    expect(r.monthlyEstimate).toBe(1033);
    expect(r.rulesValidFrom).toBe("2025-01-01");
    expect(r.totals).toEqual({ need: 1033, countedIncome: 0 });
    expect(r.members).toEqual([{ id: "a", role: "applicant", regelbedarfsstufe: 1, regelbedarf: 563, sofortzuschlag: 0, mehrbedarf: 0, housing: 470, need: 1033, countedIncome: 0 }]);
    expect(r.housingLimit).toBeNull();
    expect(EligibilityResponseSchema.safeParse(r).success).toBe(true);
  });

  it("#1a inside the Karenzzeit the actual rent counts: 1,193.00", () => {
    const r = evaluate([applicant(35)], { housing: { grossColdRent: 550, heating: 80 }, firstYearOfReceipt: true }, { housingLimit: () => 450 });
    expect(r.monthlyEstimate).toBe(1193);
    expect(r.housingLimit).toBeNull();
  });

  it("#1a month 14, limit 450 Bruttokalt after the Karenzzeit: 1,093.00 (heating stays)", () => {
    const sizes: number[] = [];
    const r = evaluate([applicant(35)], { housing: { grossColdRent: 550, heating: 80 }, firstYearOfReceipt: false }, { housingLimit: (size) => (sizes.push(size), 450) });
    expect(r.monthlyEstimate).toBe(1093);
    expect(memberOf(r, "a").housing).toBe(530);
    expect(r.housingLimit).toBe(450);
    expect(sizes).toEqual([1]);
    expect(r.explanation).toContainEqual({ key: "housing-limit-applied", amount: 450, params: { actualRent: 550 } });
  });

  it("#2 Minijob 520 gross = net: allowance 184, counted 336, 697.00", () => {
    const r = evaluate([applicant(35, { income: { employmentGross: 520, employmentNet: 520 } })]);
    expect(memberOf(r, "a").countedIncome).toBe(336);
    expect(r.monthlyEstimate).toBe(697);
  });

  it("#2 variant RV-liable Minijob (net 501.28): counted 317.28, 715.72", () => {
    const r = evaluate([applicant(35, { income: { employmentGross: 520, employmentNet: 501.28 } })]);
    expect(memberOf(r, "a").countedIncome).toBeCloseTo(317.28, 10);
    expect(r.monthlyEstimate).toBe(715.72);
  });

  it("#3 job 1,200 gross / 950 net: allowance 348, counted 602, 431.00", () => {
    const r = evaluate([applicant(35, { income: { employmentGross: 1200, employmentNet: 950 } })]);
    expect(memberOf(r, "a").countedIncome).toBe(602);
    expect(r.monthlyEstimate).toBe(431);
    expect(r.explanation).toContainEqual({ key: "grundfreibetrag", memberId: "a", amount: 100 });
    expect(r.explanation).toContainEqual({ key: "erwerbstaetigenfreibetrag", memberId: "a", amount: 248, params: { upperLimit: 1200 } });
  });

  it("#3 note: with a realistic net of 1,005: 376.00", () => {
    const r = evaluate([applicant(35, { income: { employmentGross: 1200, employmentNet: 1005 } })]);
    expect(r.monthlyEstimate).toBe(376);
  });

  it("#4 couple + 2 children, one earner 2,000/1,560: need 2,659, income 1,692, 967.00", () => {
    const r = evaluate([
      applicant(38, { income: { employmentGross: 2000, employmentNet: 1560 } }),
      member("b", "partner", 36),
      member("c", "child", 4, { income: { childBenefit: 255 } }),
      member("d", "child", 10, { income: { childBenefit: 255 } }),
    ]);
    expect(r.outcome).toBe("likely-eligible");
    expect(r.monthlyEstimate).toBe(967);
    expect(r.bedarfsgemeinschaft).toEqual(["a", "b", "c", "d"]);
    expect(r.totals).toEqual({ need: 2659, countedIncome: 1692 });
    expect(memberOf(r, "a")).toMatchObject({ regelbedarf: 506, mehrbedarf: 0, housing: 212.5, need: 718.5, countedIncome: 1182 });
    expect(memberOf(r, "c")).toMatchObject({ regelbedarf: 357, sofortzuschlag: 25, need: 594.5, countedIncome: 255 });
    expect(memberOf(r, "d")).toMatchObject({ regelbedarf: 390, sofortzuschlag: 25, need: 627.5, countedIncome: 255 });
    expect(r.referrals).toEqual(["kinderzuschlag", "wohngeld", "bildung-und-teilhabe"]);
    expect(r.explanation[0]).toEqual({ key: "housing-costs", amount: 850, params: { grossColdRent: 720, heating: 130, persons: 4 } });
    expect(r.explanation).toContainEqual({ key: "regelbedarf", memberId: "a", amount: 506, params: { stufe: 2 } });
  });

  it("#5 single parent 30 + child 5 with UV 227 and Kindergeld 255: 1,275.68", () => {
    const r = evaluate([applicant(30), member("c", "child", 5, { income: { childBenefit: 255, maintenanceAdvance: 227 } })]);
    expect(memberOf(r, "a").mehrbedarf).toBe(202.68);
    expect(r.totals.need).toBeCloseTo(1757.68, 10);
    expect(memberOf(r, "c")).toMatchObject({ need: 687, countedIncome: 482 });
    expect(r.monthlyEstimate).toBe(1275.68);
    expect(r.explanation).toContainEqual({ key: "mehrbedarf-single-parent", memberId: "a", amount: 202.68, params: { percent: 36, minorChildren: 1 } });
  });

  it("#6 pregnant, 28, 20th week: 1,128.71", () => {
    const r = evaluate([applicant(28, { pregnancyWeek: 20 })]);
    expect(memberOf(r, "a").mehrbedarf).toBe(95.71);
    expect(r.monthlyEstimate).toBe(1128.71);
  });

  describe("#7 24-year-old living with parents (55/53), 3-person flat 730", () => {
    const household = (fatherGross: number, fatherNet: number) => [
      applicant(24),
      member("f", "parent", 55, { income: { employmentGross: fatherGross, employmentNet: fatherNet } }),
      member("m", "parent", 53),
    ];

    it("father 4,300 / 2,900: parents' excess 1,053.33 covers the son's 719.33 → 0, not eligible", () => {
      const r = evaluate(household(4300, 2900));
      expect(r.bedarfsgemeinschaft).toEqual(["a", "f", "m"]);
      expect(memberOf(r, "a")).toMatchObject({ regelbedarfsstufe: 3, regelbedarf: 451, sofortzuschlag: 25 });
      expect(memberOf(r, "a").need).toBeCloseTo(719.33, 2);
      expect(memberOf(r, "f")).toMatchObject({ regelbedarfsstufe: 2, regelbedarf: 506, countedIncome: 2552 });
      expect(r.totals.need).toBeCloseTo(2218, 10);
      expect(r.outcome).toBe("likely-not-eligible");
      expect(r.monthlyEstimate).toBe(0);
      const excess = r.explanation.find((e) => e.key === "parents-excess-income");
      expect(excess?.amount).toBeCloseTo(1053.33, 2);
    });

    it("variant father 2,400 / 1,800: counted 1,452, the whole BG is needy → 766.00", () => {
      const r = evaluate(household(2400, 1800));
      expect(memberOf(r, "f").countedIncome).toBe(1452);
      expect(r.outcome).toBe("likely-eligible");
      expect(r.monthlyEstimate).toBe(766);
    });
  });

  it("#8 student, 22, BAföG-eligible, own flat: excluded → bafoeg", () => {
    const r = evaluate([applicant(22, { education: "bafoeg-eligible" })]);
    expect(r.outcome).toBe("excluded");
    expect(r.monthlyEstimate).toBe(0);
    expect(r.exclusions).toEqual([{ memberId: "a", reason: "bafoeg-eligible-training" }]);
    expect(r.referrals).toEqual(["bafoeg"]);
  });

  it("#9 pensioner, 68, Altersrente 850: excluded → SGB XII Grundsicherung (or Wohngeld)", () => {
    const r = evaluate([applicant(68, { oldAgePension: true, income: { pension: 850 } })]);
    expect(r.outcome).toBe("excluded");
    expect(r.monthlyEstimate).toBe(0);
    expect(r.exclusions).toEqual([
      { memberId: "a", reason: "old-age-pension" },
      { memberId: "a", reason: "regelaltersgrenze" },
    ]);
    expect(r.referrals).toEqual(["sgb12-grundsicherung", "wohngeld"]);
  });

  it("#10 EU citizen, 30, arrived 2 months ago, job-seeking: excluded", () => {
    for (const residence of ["eu-first-three-months", "eu-jobseeker-only"] as const) {
      const r = evaluate([applicant(30, { residence })]);
      expect(r.outcome).toBe("excluded");
      expect(r.monthlyEstimate).toBe(0);
      expect(r.exclusions).toEqual([{ memberId: "a", reason: residence }]);
      expect(r.referrals).toEqual(["sgb12-hilfe-zum-lebensunterhalt"]);
    }
  });

  it("#11 asylum seeker, 30: excluded → AsylbLG", () => {
    const r = evaluate([applicant(30, { residence: "asylum-seeker" })]);
    expect(r.outcome).toBe("excluded");
    expect(r.monthlyEstimate).toBe(0);
    expect(r.exclusions).toEqual([{ memberId: "a", reason: "asylum-seeker" }]);
    expect(r.referrals).toEqual(["asylblg"]);
  });

  it("#12 single, 45, savings 50,000 in the Karenzzeit: not eligible, 10,000 to use first (≈ 9.7 months)", () => {
    const r = evaluate([applicant(45)], { assets: 50_000 });
    expect(r.outcome).toBe("likely-not-eligible");
    expect(r.monthlyEstimate).toBe(0);
    expect(r.explanation).toContainEqual({ key: "assets-allowance", amount: 40_000, params: { assets: 50_000, karenzzeit: true } });
    expect(r.explanation).toContainEqual({ key: "assets-excess", amount: 10_000, params: { months: 9.7 } });
    expect(r.referrals).toContain("wohngeld");
    expect(r.referrals).not.toContain("kinderzuschlag");
  });

  it("#13 single, 45, savings 30,000 in the Karenzzeit: 1,033.00; after it (15,000) not eligible", () => {
    expect(evaluate([applicant(45)], { assets: 30_000 }).monthlyEstimate).toBe(1033);
    const after = evaluate([applicant(45)], { assets: 30_000, firstYearOfReceipt: false });
    expect(after.outcome).toBe("likely-not-eligible");
    expect(after.explanation).toContainEqual({ key: "assets-excess", amount: 15_000, params: { months: 14.5 } });
  });

  it("#14 couple + 2 children, one earner 4,000 / 2,850: income 2,982 > need 2,659 → not eligible, KiZ + Wohngeld + BuT", () => {
    const r = evaluate([
      applicant(38, { income: { employmentGross: 4000, employmentNet: 2850 } }),
      member("b", "partner", 36),
      member("c", "child", 4, { income: { childBenefit: 255 } }),
      member("d", "child", 10, { income: { childBenefit: 255 } }),
    ]);
    expect(r.totals).toEqual({ need: 2659, countedIncome: 2982 });
    expect(r.outcome).toBe("likely-not-eligible");
    expect(r.monthlyEstimate).toBe(0);
    expect(r.referrals).toEqual(["kinderzuschlag", "wohngeld", "bildung-und-teilhabe"]);
  });

  it("#15 couple (30/28) + newborn, minimum Elterngeld 300 in full minus 30: 1,599.00", () => {
    const r = evaluate([applicant(30), member("b", "partner", 28, { income: { parentalAllowance: 300 } }), member("c", "child", 0, { income: { childBenefit: 255 } })]);
    expect(r.totals.need).toBeCloseTo(2124, 10);
    expect(memberOf(r, "b").countedIncome).toBe(270);
    expect(r.totals.countedIncome).toBe(525);
    expect(r.monthlyEstimate).toBe(1599);
  });

  it("#16 single parent 34 + children 3 and 8, UV 227 + 299: 1,256.68", () => {
    const r = evaluate([
      applicant(34),
      member("c", "child", 3, { income: { childBenefit: 255, maintenanceAdvance: 227 } }),
      member("d", "child", 8, { income: { childBenefit: 255, maintenanceAdvance: 299 } }),
    ]);
    expect(memberOf(r, "a").mehrbedarf).toBe(202.68);
    expect(r.totals.need).toBeCloseTo(2292.68, 10);
    expect(r.totals.countedIncome).toBe(1036);
    expect(r.monthlyEstimate).toBe(1256.68);
  });

  it("#17 single, 40, Teilhabe am Arbeitsleben: 35 % = 197.05, 1,230.05", () => {
    const r = evaluate([applicant(40, { disabilityWorkParticipation: true })]);
    expect(memberOf(r, "a").mehrbedarf).toBe(197.05);
    expect(r.monthlyEstimate).toBe(1230.05);
  });

  it("#18 single, 50, coeliac + decentral hot water: 112.60 + 12.95, 1,158.55", () => {
    const r = evaluate([applicant(50, { medicalDiet: "coeliac" })], { housing: { grossColdRent: 400, heating: 70, hotWater: "decentral" } });
    expect(memberOf(r, "a").mehrbedarf).toBe(125.55);
    expect(r.monthlyEstimate).toBe(1158.55);
    expect(r.explanation).toContainEqual({ key: "mehrbedarf-diet", memberId: "a", amount: 112.6, params: { percent: 20, diet: "coeliac" } });
    expect(r.explanation).toContainEqual({ key: "mehrbedarf-hot-water", memberId: "a", amount: 12.95, params: { percent: 2.3 } });
  });

  it("#19 single mother 45 + son 17, pupil with Minijob 556: U25 Absetzbetrag, 1,481.56", () => {
    const r = evaluate([applicant(45), member("s", "child", 17, { education: "school", income: { employmentGross: 556, employmentNet: 556, childBenefit: 255 } })]);
    expect(memberOf(r, "a").mehrbedarf).toBe(67.56);
    expect(memberOf(r, "s")).toMatchObject({ need: 801, countedIncome: 255 });
    expect(r.totals.need).toBeCloseTo(1736.56, 10);
    expect(r.monthlyEstimate).toBe(1481.56);
    expect(r.explanation).toContainEqual({ key: "u25-absetzbetrag", memberId: "s", amount: 556 });
  });

  it("#20 single, 40, ALG I 700 (Aufstocker): 700 − 30 = 670 counted, 363.00", () => {
    const r = evaluate([applicant(40, { income: { unemploymentBenefit: 700 } })]);
    expect(memberOf(r, "a").countedIncome).toBe(670);
    expect(r.monthlyEstimate).toBe(363);
    expect(r.referrals).not.toContain("alg1");
  });
});

describe("GETTSIM cross-checks (rules.md § 4.2)", () => {
  it("7/2023 single, 45, gross 1,200 / net 996, KdU 450: 304.00", () => {
    const r = asResponse(
      evaluateEligibility({
        date: "2023-07-01",
        household: { members: [applicant(45, { income: { employmentGross: 1200, employmentNet: 996 } })], housing: { grossColdRent: 450 } },
      }),
    );
    expect(r.rulesValidFrom).toBe("2023-07-01");
    expect(memberOf(r, "a")).toMatchObject({ regelbedarf: 502, countedIncome: 648 });
    expect(r.monthlyEstimate).toBe(304);
  });

  it("couple with a child aged 3, gross 700: allowance 238 (100 + 84 + 54)", () => {
    const r = evaluate([applicant(30, { income: { employmentGross: 700, employmentNet: 700 } }), member("b", "partner", 30), member("c", "child", 3)]);
    expect(memberOf(r, "a").countedIncome).toBe(462);
    expect(r.explanation).toContainEqual({ key: "grundfreibetrag", memberId: "a", amount: 100 });
    expect(r.explanation).toContainEqual({ key: "erwerbstaetigenfreibetrag", memberId: "a", amount: 138, params: { upperLimit: 1500 } });
  });
});
