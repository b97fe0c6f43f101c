import { describe, expect, it } from "vitest";
import { categoryOfItem, checklistState, documentChecklist, DOCUMENT_CATEGORIES, CATEGORY_GERMAN, isGermanNationality, missingItems, requestIdOfItem, requestItem } from "./documents";
import type { ApplicationData } from "./model";

const TODAY = "2026-03-15";

const personal = {
  firstName: "Amal",
  lastName: "Haddad",
  birthDate: "1990-02-01",
  nationality: "syrisch",
  street: "Hauptstr. 1",
  postalCode: "52525",
  municipality: "Heinsberg",
  phone: null,
  priorBenefits: false,
};

function household(): ApplicationData {
  return {
    v: 1,
    personal,
    household: {
      confirmed: true,
      members: [
        { id: "p2", relationship: "partner", firstName: "Omar", lastName: "Haddad", birthDate: "1988-05-05", priorBenefits: true },
        { id: "p3", relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "2016-01-01", priorBenefits: false },
      ],
    },
    housing: { kind: "rent", coldRent: 500, utilities: 120, heating: 80, size: 70 },
    income: {
      p1: { hasIncome: false, amounts: {} },
      p2: { hasIncome: true, amounts: { employment: 800, other: 0 } },
      p3: { hasIncome: true, amounts: { childBenefit: 255 } },
    },
    bank: { accountHolder: "Amal Haddad", iban: "DE89370400440532013000" },
  };
}

describe("document checklist", () => {
  it("derives the proofs from the answers, per member where they are personal", () => {
    const ids = documentChecklist(household(), TODAY).map((i) => i.id);
    expect(ids).toEqual([
      "identity.p1",
      "residence-permit.p1",
      "identity.p2",
      "rent-contract",
      "utility-statement",
      "income-employment.p2",
      "income-child-benefit.p3",
      "bank-statements",
      "prior-benefit-notice.p2",
      "other",
    ]);
  });

  it("asks no residence title of German citizens, no rent papers without rent, nothing for income of 0", () => {
    const data = household();
    data.personal = { ...personal, nationality: "Deutsch" };
    data.housing = { kind: "free", coldRent: null, utilities: null, heating: null, size: null };
    const ids = documentChecklist(data, TODAY).map((i) => i.id);
    expect(ids).not.toContain("residence-permit.p1");
    expect(ids).not.toContain("rent-contract");
    expect(ids).not.toContain("income-other.p2");
    const own = documentChecklist({ ...data, housing: { kind: "own", coldRent: null, utilities: null, heating: null, size: null } }, TODAY).map((i) => i.id);
    expect(own).toContain("ownership-costs");
    const noUtilities = documentChecklist({ ...data, housing: { kind: "rent", coldRent: 400, utilities: 0, heating: null, size: null } }, TODAY).map((i) => i.id);
    expect(noUtilities).toContain("rent-contract");
    expect(noUtilities).not.toContain("utility-statement");
  });

  it("an empty application needs only the optional item", () => {
    expect(documentChecklist({ v: 1 }, TODAY)).toEqual([{ id: "other", category: "other", memberId: null, required: false }]);
  });

  it("knows German nationality in several languages", () => {
    for (const n of ["deutsch", "Deutschland", "German", "alman", "ألمانية", "немецкое"]) expect(isGermanNationality(n)).toBe(true);
    for (const n of ["syrisch", "Türkisch", "ukrainisch", ""]) expect(isGermanNationality(n)).toBe(false);
  });

  it("states each item as missing, uploaded, requested again or optional", () => {
    const items = documentChecklist(household(), TODAY);
    const state = checklistState(
      items,
      new Map([
        ["identity.p1", 2],
        ["rent-contract", 1],
      ]),
      new Set(["rent-contract"]),
    );
    const byId = new Map(state.map((e) => [e.id, e]));
    expect(byId.get("identity.p1")).toMatchObject({ status: "uploaded", documentCount: 2 });
    expect(byId.get("rent-contract")?.status).toBe("requested");
    expect(byId.get("identity.p2")?.status).toBe("missing");
    expect(byId.get("other")?.status).toBe("optional");
    expect(missingItems(state).map((e) => e.id)).toContain("rent-contract");
    expect(missingItems(state).map((e) => e.id)).not.toContain("identity.p1");
  });

  it("has a German meaning for every category and round-trips item ids", () => {
    for (const c of DOCUMENT_CATEGORIES) expect(CATEGORY_GERMAN[c]).toBeTruthy();
    expect(categoryOfItem("income-pension.p2")).toBe("income-pension");
    expect(categoryOfItem("nonsense.p2")).toBeNull();
    expect(requestIdOfItem(requestItem("abc"))).toBe("abc");
    expect(requestIdOfItem("identity.p1")).toBeNull();
  });
});
