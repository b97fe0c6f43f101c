import { describe, expect, it } from "vitest";
import { nameWords, parseInboxQuery, searchTerms } from "./search";

describe("name words for the blind index", () => {
  it("folds case, umlauts, ß and accents, and splits double names", () => {
    expect(nameWords("Anna-Lena von Müller")).toEqual(["anna", "lena", "von", "mueller"]);
    expect(nameWords("STRAUß")).toEqual(["strauss"]);
    expect(nameWords("José Çelik")).toEqual(["jose", "celik"]);
    expect(nameWords("مريم حداد")).toEqual(["مريم", "حداد"]);
  });
});

describe("the terms of an application", () => {
  it("holds every person's name words and birth date", () => {
    const terms = searchTerms({
      v: 1,
      personal: { firstName: "Maria", lastName: "Becker", birthDate: "1990-02-01", nationality: "deutsch", street: "", postalCode: "", municipality: "", phone: null, priorBenefits: false },
      household: { confirmed: true, members: [{ id: "p2", relationship: "child", firstName: "Tim", lastName: "Becker", birthDate: "2015-06-30", priorBenefits: false }] },
    });
    expect(terms).toEqual(["birth:1990-02-01", "birth:2015-06-30", "name:becker", "name:maria", "name:tim"]);
  });
});

describe("what a search text means", () => {
  it("reads an Aktenzeichen with or without dashes, in any case", () => {
    expect(parseInboxQuery("A-B7MB-RUSX")).toEqual({ kind: "reference", reference: "A-B7MB-RUSX" });
    expect(parseInboxQuery(" ab7mbrusx ")).toEqual({ kind: "reference", reference: "A-B7MB-RUSX" });
  });

  it("reads a birth date in German and ISO form", () => {
    expect(parseInboxQuery("01.02.1990")).toEqual({ kind: "birth", term: "birth:1990-02-01" });
    expect(parseInboxQuery("1.2.1990")).toEqual({ kind: "birth", term: "birth:1990-02-01" });
    expect(parseInboxQuery("1990-02-01")).toEqual({ kind: "birth", term: "birth:1990-02-01" });
  });

  it("takes digits and letters as a Kundennummer or BG-Nummer, anything else as name words", () => {
    expect(parseInboxQuery("123D456789")).toEqual({ kind: "identifier", identifier: "123D456789" });
    expect(parseInboxQuery("12345BG0012345")).toEqual({ kind: "identifier", identifier: "12345BG0012345" });
    expect(parseInboxQuery("Müller, Anna")).toEqual({ kind: "name", terms: ["name:mueller", "name:anna"] });
    expect(parseInboxQuery("   ")).toEqual({ kind: "empty" });
    expect(parseInboxQuery("--")).toEqual({ kind: "empty" });
  });
});
