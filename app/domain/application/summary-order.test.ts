import { describe, expect, it } from "vitest";
import { officialFormOrder, summaryGroups } from "./summary";

describe("the official form's order for staff and the PDF", () => {
  it("puts the Bankverbindung right after the personal data, the rest unchanged", () => {
    const groups = summaryGroups({
      v: 1,
      personal: {
        firstName: "Maria",
        lastName: "Becker",
        birthDate: "1990-02-01",
        nationality: "deutsch",
        street: "A 1",
        postalCode: "41844",
        municipality: "Wegberg",
        phone: null,
        priorBenefits: false,
      },
      household: { confirmed: true, members: [{ id: "p2", relationship: "child", firstName: "Tim", lastName: "Becker", birthDate: "2015-06-30", priorBenefits: false }] },
      housing: { kind: "rent", coldRent: 450, utilities: 120, heating: 85, size: 62 } as never,
      bank: { accountHolder: "Maria Becker", iban: "DE89370400440532013000" },
    });
    const before = groups.map((g) => g.section);
    expect(before.indexOf("bank")).toBeGreaterThan(before.indexOf("household"));
    const after = officialFormOrder(groups).map((g) => g.section);
    expect(after.slice(0, 2)).toEqual(["personal", "bank"]);
    expect(after.filter((s) => s !== "bank")).toEqual(before.filter((s) => s !== "bank"));
  });
});
