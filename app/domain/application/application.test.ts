import { describe, expect, it } from "vitest";
import { loadTraeger } from "../../config/traeger";
import { ageOn, benefitStart, berlinDay, parseDateInput } from "./dates";
import { formatIban, ibanProblem, isValidIban, normalizeIban } from "./iban";
import {
  applicationReference,
  carryPrecheck,
  derivedMembers,
  emptyApplicationData,
  isComplete,
  membersFromPrecheck,
  pruneSuggestions,
  nextIncomePerson,
  removeMember,
  residenceOf,
  sectionPaths,
  sectionStatuses,
  upsertMember,
  type ApplicationData,
} from "./model";
import { bankSchema, housingSchema, incomeSchema, memberSchema, personalSchema, submitSchema } from "./schemas";

const heinsberg = loadTraeger("heinsberg");
const TODAY = "2026-03-15";

function errorsOf(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("IBAN", () => {
  it("accepts valid IBANs with spaces and lower case, refuses a wrong checksum", () => {
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("de89370400440532013000")).toBe(true);
    expect(isValidIban("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(isValidIban("NL91ABNA0417164300")).toBe(true);
    expect(ibanProblem("DE88 3704 0044 0532 0130 00")).toBe("checksum");
    expect(ibanProblem("DE89 3704 0044 0532 0130")).toBe("length");
    expect(ibanProblem("1234")).toBe("format");
    expect(normalizeIban(" de89-3704 ")).toBe("DE893704");
    expect(formatIban("DE89370400440532013000")).toBe("DE89 3704 0044 0532 0130 00");
  });
});

describe("dates", () => {
  it("reads ISO and German dates and refuses impossible ones", () => {
    expect(parseDateInput("2001-04-30")).toBe("2001-04-30");
    expect(parseDateInput("30.4.2001")).toBe("2001-04-30");
    expect(parseDateInput("31.04.2001")).toBeNull();
    expect(parseDateInput("2001-02-29")).toBeNull();
    expect(parseDateInput("gestern")).toBeNull();
  });
  it("counts full years and the Berlin calendar day", () => {
    expect(ageOn("2001-03-16", "2026-03-15")).toBe(24);
    expect(ageOn("2001-03-15", "2026-03-15")).toBe(25);
    // 23:30 UTC on 31 December is already 1 January in Berlin.
    expect(berlinDay(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(berlinDay(new Date("2026-06-30T21:59:00Z"))).toBe("2026-06-30");
    expect(berlinDay(new Date("2026-06-30T22:00:00Z"))).toBe("2026-07-01");
    expect(benefitStart("2026-03-15")).toBe("2026-03-01");
  });
});

describe("residence and Standort", () => {
  it("assigns the Standort of the municipality and checks the postal code", () => {
    const wegberg = residenceOf(heinsberg, "41844", "Wegberg");
    expect(wegberg).toMatchObject({ kind: "ok", standortId: "erkelenz-wegberg" });
    expect(residenceOf(heinsberg, "52525", "Waldfeucht")).toMatchObject({ kind: "ok", standortId: "heinsberg-westgemeinden" });
    expect(residenceOf(heinsberg, "52062", "Aachen")).toEqual({ kind: "outside" });
    expect(residenceOf(heinsberg, "52062", "Wegberg")).toEqual({ kind: "postal-code-mismatch" });
    // A village the configuration does not know: the postal code decides.
    expect(residenceOf(heinsberg, "41844", "Beeck")).toMatchObject({ kind: "ok", standortId: "erkelenz-wegberg" });
  });
});

describe("schemas", () => {
  const personal = personalSchema(heinsberg, TODAY);
  const valid = {
    firstName: " Ayşe ",
    lastName: "Yılmaz",
    birthDate: "30.04.2003",
    nationality: "türkisch",
    street: "Hauptstraße 1",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: "",
    priorBenefits: "no",
  };

  it("personal data: trims, converts, derives nothing it should not", () => {
    const result = personal.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ firstName: "Ayşe", birthDate: "2003-04-30", phone: null, priorBenefits: false });
  });

  it("personal data: one error key per wrong field", () => {
    expect(errorsOf(personal.safeParse({ ...valid, firstName: " ", birthDate: "31.02.2000", postalCode: "4184", priorBenefits: undefined }))).toEqual({
      firstName: "application:errors.required",
      birthDate: "application:errors.date",
      postalCode: "application:errors.postalCode",
      priorBenefits: "application:errors.choose",
    });
    expect(errorsOf(personal.safeParse({ ...valid, birthDate: "2027-01-01" }))).toEqual({ birthDate: "application:errors.birthDateFuture" });
    expect(errorsOf(personal.safeParse({ ...valid, postalCode: "52062", municipality: "Aachen" }))).toEqual({ municipality: "application:errors.outsideKreis" });
    expect(errorsOf(personal.safeParse({ ...valid, birthDate: "2015-01-01" }))).toEqual({ birthDate: "application:errors.applicantAge" });
  });

  it("member, housing, income, bank, submit", () => {
    expect(memberSchema(TODAY).safeParse({ firstName: "Mariam", lastName: "Haddad", birthDate: "2019-09-01", relationship: "child", priorBenefits: "no" }).success).toBe(true);
    expect(errorsOf(memberSchema(TODAY).safeParse({ firstName: "A", lastName: "B", birthDate: "2019-09-01", relationship: "cousin", priorBenefits: "no" }))).toEqual({
      relationship: "application:errors.choose",
    });

    expect(housingSchema.safeParse({ kind: "rent", coldRent: "450,50", utilities: "120", heating: "80", size: "" }).data).toEqual({
      kind: "rent",
      coldRent: 450.5,
      utilities: 120,
      heating: 80,
      size: null,
    });
    expect(errorsOf(housingSchema.safeParse({ kind: "rent", coldRent: "", utilities: "abc", heating: "999999" }))).toEqual({
      utilities: "application:errors.amount",
      heating: "application:errors.amountRange",
    });
    expect(errorsOf(housingSchema.safeParse({ kind: "rent", coldRent: "", utilities: "1", heating: "1" }))).toEqual({ coldRent: "application:errors.required" });
    expect(housingSchema.safeParse({ kind: "free", coldRent: "300" }).data).toMatchObject({ kind: "free", coldRent: null, utilities: null, heating: null });

    expect(incomeSchema.safeParse({ hasIncome: "yes", employment: "1.234,50", other: "" }).data).toEqual({ hasIncome: true, amounts: { employment: 1234.5 } });
    expect(incomeSchema.safeParse({ hasIncome: "no", employment: "500" }).data).toEqual({ hasIncome: false, amounts: {} });
    expect(errorsOf(incomeSchema.safeParse({ hasIncome: "yes" }))).toEqual({ employment: "application:errors.incomeMissing" });

    expect(bankSchema.safeParse({ accountHolder: "Ayşe Yılmaz", iban: "de89 3704 0044 0532 0130 00" }).data).toEqual({ accountHolder: "Ayşe Yılmaz", iban: "DE89370400440532013000" });
    expect(errorsOf(bankSchema.safeParse({ accountHolder: "X", iban: "DE88370400440532013000" }))).toEqual({ iban: "application:errors.ibanChecksum" });

    expect(errorsOf(submitSchema.safeParse({}))).toEqual({ declaration: "application:errors.declaration" });
    expect(submitSchema.safeParse({ declaration: "1", decisionsDigital: "1" }).data).toEqual({ declaration: "1", documentsDigital: false, decisionsDigital: true });
  });
});

describe("task list and derived flags", () => {
  const personal = {
    firstName: "Ayşe",
    lastName: "Yılmaz",
    birthDate: "2003-04-30",
    nationality: "türkisch",
    street: "Hauptstraße 1",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: null,
    priorBenefits: false,
  };

  it("moves from not started over in progress to done", () => {
    let data: ApplicationData = emptyApplicationData();
    expect(sectionStatuses(data)).toEqual({
      personal: "not-started",
      household: "not-started",
      persons: "not-started",
      housing: "not-started",
      income: "not-started",
      circumstances: "not-started",
      bank: "not-started",
    });
    data = membersFromPrecheck({ ...data, personal }, [
      { id: "p1", role: "applicant", age: 22 },
      { id: "p2", role: "partner", age: 30 },
      { id: "p3", role: "child", age: 4 },
    ]);
    expect(data.household?.members.map((m) => [m.id, m.relationship, m.precheckAge])).toEqual([
      ["p2", "partner", 30],
      ["p3", "child", 4],
    ]);
    expect(sectionStatuses(data).household).toBe("in-progress");
    data = upsertMember(data, { id: "p2", relationship: "partner", firstName: "Omar", lastName: "Haddad", birthDate: "1995-01-01", priorBenefits: true });
    data = upsertMember(data, { id: "p3", relationship: "child", firstName: "مريم", lastName: "Haddad", birthDate: "2021-06-01", priorBenefits: false });
    expect(sectionStatuses(data).household).toBe("in-progress");
    data = { ...data, household: { ...data.household!, confirmed: true } };
    // "partner" (from the pre-check, or an older draft) is asked again, precisely.
    expect(sectionStatuses(data).household).toBe("in-progress");
    data = upsertMember(data, { id: "p2", relationship: "spouse", firstName: "Omar", lastName: "Haddad", birthDate: "1995-01-01", priorBenefits: true });
    expect(sectionStatuses(data).household).toBe("done");
    // Angaben zu jeder Person: the applicant (German: no residence questions) and each member with a birth date.
    expect(sectionStatuses(data).persons).toBe("not-started");
    const german = { nationalityKey: "000" };
    data = { ...data, personal: { ...data.personal!, ...german } };
    const answers = { sex: "female", birthName: null, birthPlace: "Aachen", birthCountry: "Deutschland", residence: null, disabilityRecognised: false, disability: null, institution: false } as const;
    data = { ...data, persons: { p1: { ...answers, familyStatus: { status: "married", since: "2024-05-01" }, ableToWork: true, incapacity: false } } };
    expect(sectionStatuses(data).persons).toBe("in-progress");
    expect(sectionPaths(data).persons).toBe("angaben/p2");
    // The child (4): no Familienstand, no work questions; German, so no residence.
    data = { ...data, persons: { ...data.persons, p3: { ...answers, nationality: "deutsch", ...german, familyStatus: null, ableToWork: null, incapacity: null } } };
    expect(sectionStatuses(data).persons).toBe("in-progress");
    // A Syrian partner without residence answers is not complete; with them he is.
    const partner = { ...answers, sex: "male", nationality: "syrisch", nationalityKey: "475", familyStatus: { status: "married", since: "2024-05-01" }, ableToWork: true, incapacity: false } as const;
    expect(sectionStatuses({ ...data, persons: { ...data.persons, p2: { ...partner, residence: null } } }).persons).toBe("in-progress");
    data = { ...data, persons: { ...data.persons, p2: { ...partner, residence: { document: "residencePermit", validUntil: "2027-12-31", entryDate: "2016-02-01" } } } };
    expect(sectionStatuses(data).persons).toBe("done");
    data = { ...data, income: { p1: { hasIncome: false, amounts: {} } } };
    expect(sectionStatuses(data).income).toBe("in-progress");
    expect(nextIncomePerson(data)).toBe("p2");
    data = removeMember(data, "p2");
    data = { ...data, income: { ...data.income, p3: { hasIncome: true, amounts: { childBenefit: 255 } } } };
    expect(sectionStatuses(data).income).toBe("done");
    expect(isComplete(data)).toBe(false);
    data = {
      ...data,
      housing: { kind: "rent", coldRent: 400, utilities: 100, heating: 60, size: null },
      bank: { accountHolder: "Ayşe Yılmaz", iban: "DE89370400440532013000" },
      circumstances: { items: [] },
    };
    // Without the partner, a single parent: Unterhalt and the Mehrbedarf for single parents apply.
    expect(isComplete(data)).toBe(false);
    expect(Object.keys(sectionStatuses(data))).toContain("maintenance");
    data = { ...data, maintenance: { received: 150, paid: null, title: true }, extraNeeds: { singleParent: { soleCare: true } } };
    expect(isComplete(data)).toBe(true);
  });

  it("derives U25, § 15a and the Anlage per member on the Antragsdatum", () => {
    let data: ApplicationData = { v: 1, personal };
    data = upsertMember(data, { id: "p2", relationship: "partner", firstName: "Omar", lastName: "Haddad", birthDate: "2001-03-16", priorBenefits: true });
    data = upsertMember(data, { id: "p3", relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "2012-01-01", priorBenefits: false });
    expect(derivedMembers(data, TODAY).map((m) => [m.id, m.age, m.u25, m.paragraph15a, m.anlage])).toEqual([
      ["p1", 22, true, true, "HA"],
      ["p2", 24, true, false, "WEP"],
      ["p3", 14, true, false, "KI"],
    ]);
    expect(derivedMembers(data, "2026-03-16").find((m) => m.id === "p2")).toMatchObject({ age: 25, u25: false });
    // A relative outside the Bedarfsgemeinschaft (the applicant's sister) fills in Anlage HG.
    data = upsertMember(data, { id: "p4", relationship: "relative", firstName: "Rana", lastName: "Haddad", birthDate: "1999-05-05", priorBenefits: false });
    expect(derivedMembers(data, TODAY).find((m) => m.id === "p4")).toMatchObject({ anlage: "HG", householdStatus: "hg" });
    // A flatmate fills in no Anlage: neither Bedarfs- nor Haushaltsgemeinschaft.
    data = upsertMember(data, { id: "p5", relationship: "unrelated", firstName: "Jonas", lastName: "Berg", birthDate: "1998-02-02", priorBenefits: false });
    expect(derivedMembers(data, TODAY).find((m) => m.id === "p5")).toMatchObject({ anlage: null, householdStatus: "none" });
  });

  it("makes reference numbers without look-alike characters", () => {
    expect(applicationReference()).toMatch(/^A-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });
});

describe("nationalities (issue 12, item 5)", () => {
  it("resolves the Destatis key or the German name; keys are unique 3-digit strings", async () => {
    const { NATIONALITIES, resolveNationality } = await import("./nationalities");
    expect(resolveNationality("475")).toEqual({ key: "475", iso: "SY", de: "syrisch" });
    expect(resolveNationality(" Syrisch ")?.key).toBe("475");
    expect(resolveNationality("000")?.de).toBe("deutsch");
    expect(resolveNationality("423")?.de).toBe("afghanisch");
    expect(resolveNationality("166")?.de).toBe("ukrainisch");
    expect(resolveNationality("163")?.de).toBe("türkisch");
    expect(resolveNationality("سوري")).toBeNull();
    expect(resolveNationality("999")).toBeNull();
    expect(new Set(NATIONALITIES.map((n) => n.key)).size).toBe(NATIONALITIES.length);
    for (const n of NATIONALITIES) expect(n.key).toMatch(/^\d{3}$/);
  });

  // The Destatis code list (Codeliste Staatsangehörigkeit, version 2021-02-19, XRepository
  // urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit): key → state,
  // transcribed for the 28 keys of the list. Each key must be the state's Destatis code, and the
  // ISO code next to it must name the same state (German display name, Intl).
  it("every key is the Destatis three-digit code of the state its ISO code names", async () => {
    const { NATIONALITIES } = await import("./nationalities");
    const DESTATIS: Record<string, string> = {
      "000": "Deutschland",
      "121": "Albanien",
      "423": "Afghanistan",
      "225": "Äthiopien",
      "125": "Bulgarien",
      "224": "Eritrea",
      "134": "Griechenland",
      "438": "Irak",
      "439": "Iran",
      "137": "Italien",
      "150": "Kosovo",
      "130": "Kroatien",
      "451": "Libanon",
      "144": "Nordmazedonien",
      "232": "Nigeria",
      "151": "Österreich",
      "461": "Pakistan",
      "152": "Polen",
      "154": "Rumänien",
      "160": "Russische Föderation",
      "170": "Serbien",
      "273": "Somalia",
      "475": "Syrien",
      "163": "Türkei",
      "166": "Ukraine",
      "165": "Ungarn",
      "997": "staatenlos",
      "998": "ungeklärt",
    };
    // Where Destatis' short name differs from the common German one.
    const ALIASES: Record<string, string> = { "Russische Föderation": "Russland" };
    const names = new Intl.DisplayNames("de", { type: "region" });
    expect(NATIONALITIES).toHaveLength(28);
    for (const n of NATIONALITIES) {
      const state = DESTATIS[n.key];
      expect(state, `${n.key} (${n.de}) is in the Destatis list`).toBeDefined();
      if (n.iso === null) expect(["staatenlos", "ungeklärt"]).toContain(state);
      else expect(names.of(n.iso), `${n.key} ${n.de}`).toBe(ALIASES[state] ?? state);
    }
  });
});

describe("carrying the pre-check (decision 037)", () => {
  const precheck = {
    members: [
      { id: "p1", role: "applicant", age: 34, income: { employmentGross: 720, employmentNet: 720 } },
      { id: "p2", role: "child", age: 4, income: { childBenefit: 255, maintenanceAdvance: 230 } },
      { id: "p5", role: "child", age: 7, income: {} },
    ],
    complete: ["p1", "p2", "p5"],
    housing: { grossColdRent: 450, heating: 80 },
  };

  it("adds the members and suggests housing and income per application member", () => {
    const data = carryPrecheck(emptyApplicationData(), precheck);
    expect(data.household?.members.map((m) => [m.id, m.relationship, m.precheckAge])).toEqual([
      ["p2", "child", 4],
      ["p3", "child", 7],
    ]);
    expect(data.housing).toBeUndefined();
    expect(data.income).toBeUndefined();
    expect(data.precheck).toEqual({
      applicantAge: 34,
      housing: { kind: "rent", coldRent: 450, heating: 80 },
      income: {
        p1: { hasIncome: true, amounts: { employment: 720 } },
        p2: { hasIncome: true, amounts: { childBenefit: 255, maintenance: 230 } },
        p3: { hasIncome: false, amounts: {} },
      },
    });
  });

  it("never overwrites an answer and is the same when carried twice", () => {
    const own: ApplicationData = { ...emptyApplicationData(), housing: { kind: "rent", coldRent: 380, utilities: 70, heating: 80, size: null }, income: { p1: { hasIncome: false, amounts: {} } } };
    const once = carryPrecheck(own, precheck);
    expect(once.housing?.coldRent).toBe(380);
    expect(once.precheck?.housing).toBeUndefined();
    expect(once.precheck?.income?.p1).toBeUndefined();
    expect(carryPrecheck(once, precheck)).toEqual(once);
  });

  it("drops a suggestion once she answered the page or removed the person", () => {
    let data = carryPrecheck(emptyApplicationData(), precheck);
    data = pruneSuggestions({ ...removeMember(data, "p3"), housing: { kind: "free", coldRent: null, utilities: null, heating: null, size: null } });
    expect(data.precheck).toEqual({ applicantAge: 34, income: { p1: { hasIncome: true, amounts: { employment: 720 } }, p2: { hasIncome: true, amounts: { childBenefit: 255, maintenance: 230 } } } });
    data = pruneSuggestions({ ...data, income: { p1: { hasIncome: false, amounts: {} }, p2: { hasIncome: false, amounts: {} } } });
    expect(data.precheck).toEqual({ applicantAge: 34 });
  });
});
