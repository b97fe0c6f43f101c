import { describe, expect, it } from "vitest";
import { expectedDocuments } from "./documents";
import { addableRoles, emptyDraft, incomeFields, markComplete, nextStep, removeMember, situationQuestions, toEligibilityRequest, upsertMember, type PrecheckDraft } from "./draft";

function draftWith(partial: Partial<PrecheckDraft>): PrecheckDraft {
  return { ...emptyDraft(), concern: "first-application", ...partial };
}

describe("pre-check draft", () => {
  it("walks the steps in order: concern, applicant, each person, household, housing, assets, check", () => {
    expect(nextStep(emptyDraft())).toEqual({ kind: "concern" });
    let draft = draftWith({});
    expect(nextStep(draft)).toEqual({ kind: "person", id: "neu" });
    draft = upsertMember(draft, { id: "p1", role: "applicant", age: 30 });
    expect(nextStep(draft)).toEqual({ kind: "person", id: "p1" });
    draft = markComplete(draft, "p1");
    expect(nextStep(draft)).toEqual({ kind: "household" });
    draft = { ...draft, housing: { grossColdRent: 400, heating: 70, hotWater: "central" } };
    expect(nextStep(draft)).toEqual({ kind: "assets" });
    draft = { ...draft, assets: 0, firstYearOfReceipt: true };
    expect(nextStep(draft)).toEqual({ kind: "check" });
  });

  it("asks only the questions that can matter for a person's age", () => {
    expect(situationQuestions({ age: 4, role: "child" })).toEqual(["diet", "inpatient"]);
    expect(situationQuestions({ age: 30, role: "applicant" })).toContain("workAbility");
    expect(situationQuestions({ age: 70, role: "applicant" })).toContain("pension");
    expect(incomeFields({ age: 4, role: "child" })).toEqual(["childBenefit", "maintenance", "maintenanceAdvance", "other"]);
    expect(incomeFields({ age: 40, role: "partner" })).not.toContain("childBenefit");
  });

  it("allows one partner, parents only for an applicant under 25, and never removes the applicant", () => {
    let draft = upsertMember(draftWith({}), { id: "p1", role: "applicant", age: 22 });
    expect(addableRoles(draft)).toEqual(["partner", "child", "parent", "other"]);
    draft = upsertMember(draft, { id: "p2", role: "partner", age: 23 });
    expect(addableRoles(draft)).toEqual(["child", "parent", "other"]);
    expect(removeMember(draft, "p1").members).toHaveLength(2);
    expect(removeMember(draft, "p2").members).toHaveLength(1);
    const older = upsertMember(draftWith({}), { id: "p1", role: "applicant", age: 30 });
    expect(addableRoles(older)).not.toContain("parent");
  });

  it("turns the answers into the contract's request", () => {
    const draft = draftWith({
      members: [{ id: "p1", role: "applicant", age: 35 }],
      complete: ["p1"],
      housing: { grossColdRent: 400, heating: 70, hotWater: "central" },
      assets: 100,
      firstYearOfReceipt: true,
    });
    expect(toEligibilityRequest(draft, "2025-03-01")).toEqual({
      date: "2025-03-01",
      household: { members: [{ id: "p1", role: "applicant", age: 35 }], housing: { grossColdRent: 400, heating: 70, hotWater: "central" }, assets: 100, firstYearOfReceipt: true },
    });
  });

  it("derives the documents the Jobcenter will ask for from the answers", () => {
    const draft = draftWith({
      members: [
        { id: "p1", role: "applicant", age: 30, pregnancyWeek: 20, income: { employmentGross: 600, employmentNet: 600 } },
        { id: "p2", role: "child", age: 5, income: { childBenefit: 255, maintenanceAdvance: 227 } },
      ],
    });
    const keys = Object.fromEntries(expectedDocuments(draft).map((d) => [d.key, d.memberIds]));
    expect(keys.payslips).toEqual(["p1"]);
    expect(keys.mutterpass).toEqual(["p1"]);
    expect(keys["birth-certificate"]).toEqual(["p2"]);
    expect(keys["kindergeld-notice"]).toEqual(["p2"]);
    expect(keys["maintenance-proof"]).toEqual(["p2"]);
    expect(keys["asset-statements"]).toBeUndefined();
    expect(keys.lease).toEqual([]);
  });
});
