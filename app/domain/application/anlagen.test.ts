import { describe, expect, it } from "vitest";
import { documentChecklist } from "./documents";
import {
  applicableSections,
  assetGateLimit,
  extraNeedKinds,
  hasUnmarriedPartner,
  householdRelatives,
  insuredPersons,
  isComplete,
  isSingleParent,
  karenzzeitAssetLimit,
  removeMember,
  sectionPaths,
  sectionStatuses,
  selfEmployedPersons,
  householdStatusOf,
  type ApplicationData,
  type HouseholdStatus,
  type PersonDetails,
  type Relationship,
} from "./model";
import { normalizeRvnr, rvnrCheckDigit, rvnrProblem } from "./rvnr";
import { assetsSchema, circumstancesSchema, extraNeedsSchema, insuranceSchema, maintenanceSchema, partnershipSchema, relativesSchema, selfEmploymentSchema } from "./schemas";
import { summaryGroups } from "./summary";

const TODAY = "2026-03-15";

function errorsOf(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("Rentenversicherungsnummer", () => {
  const person = { birthDate: "1939-08-17", names: ["Jansen"] };

  it("computes the DRV check digit", () => {
    // 65 170839 J 00 3: the DRV's own example.
    expect(rvnrCheckDigit("65170839J00")).toBe(3);
    expect(rvnrCheckDigit("65170839J01")).toBe(4);
  });

  it("accepts valid numbers with spaces and lower case", () => {
    expect(rvnrProblem("65170839J003", person)).toBeNull();
    expect(rvnrProblem("65 170839 j 00 3", person)).toBeNull();
    expect(normalizeRvnr("65 170839 j 00 3")).toBe("65170839J003");
    // Umlauts and accents count as their base letter; names in other scripts are not checked.
    const born = { birthDate: "1990-03-12", names: ["Özdemir"] };
    expect(rvnrProblem(validFor("120390", "O", "51"), born)).toBeNull();
    expect(rvnrProblem(validFor("120390", "H", "51"), { birthDate: "1990-03-12", names: ["حداد"] })).toBeNull();
  });

  it("names each kind of error", () => {
    expect(rvnrProblem("65170839J00", person)).toBe("format");
    expect(rvnrProblem("65170839J0034", person)).toBe("format");
    expect(rvnrProblem("6517083JJ003", person)).toBe("format");
    expect(rvnrProblem("00170839J003", person)).toBe("area");
    expect(rvnrProblem("95170839J003", person)).toBe("area");
    expect(rvnrProblem("65180839J003", person)).toBe("birthDate");
    expect(rvnrProblem("65170839J003", { birthDate: "1939-08-17", names: ["Müller"] })).toBe("letter");
    expect(rvnrProblem("65170839J004", person)).toBe("checkDigit");
  });

  it("is checked by the SV schema against the person, in the person's language", () => {
    const schema = insuranceSchema({ birthDate: "1939-08-17", lastName: "Jansen" });
    expect(schema.parse({ kind: "statutory", insurer: "AOK Rheinland", rvnr: "65 170839 j 003" })).toEqual({ kind: "statutory", insurer: "AOK Rheinland", rvnr: "65170839J003" });
    expect(schema.parse({ kind: "none", insurer: "x", rvnr: "" })).toEqual({ kind: "none", insurer: null, rvnr: null });
    expect(errorsOf(schema.safeParse({ kind: "private", insurer: "Allianz", rvnr: "65170839J004" }))).toEqual({ rvnr: "application:errors.rvnrCheckDigit" });
    expect(errorsOf(schema.safeParse({ kind: "private", insurer: "", rvnr: "" }))).toEqual({ insurer: "application:errors.required" });
    expect(errorsOf(schema.safeParse({ kind: "statutory", insurer: "TK", rvnr: "65010101J003" }))).toEqual({ rvnr: "application:errors.rvnrBirthDate" });
  });

  it("accepts a number whose letter is the birth name's, not today's surname (after a marriage)", () => {
    const married = insuranceSchema({ birthDate: "1939-08-17", lastName: "Müller" });
    expect(married.parse({ kind: "statutory", insurer: "AOK Rheinland", rvnr: "65170839J003" }).rvnr).toBe("65170839J003");
  });
});

/** A valid number for a date (ddmmyy), letter and serial: area 12 and the computed check digit. */
function validFor(ddmmyy: string, letter: string, serial: string): string {
  const first11 = `12${ddmmyy}${letter}${serial}`;
  return `${first11}${rvnrCheckDigit(first11)}`;
}

/** Answers of the details page for an adult without German nationality (settlement permit, married). */
function details(extra: Partial<PersonDetails> = {}): PersonDetails {
  return {
    sex: "female",
    birthName: null,
    birthPlace: "Ankara",
    birthCountry: "Türkei",
    residence: { document: "settlementPermit", validUntil: null, entryDate: "2010-05-01" },
    familyStatus: { status: "married", since: "2015-06-01" },
    ableToWork: true,
    incapacity: false,
    disabilityRecognised: false,
    disability: null,
    institution: false,
    ...extra,
  };
}

describe("which Anlagen the answers require", () => {
  const personal = {
    firstName: "Ayşe",
    lastName: "Yılmaz",
    birthDate: "1990-03-12",
    nationality: "türkisch",
    street: "Hauptstraße 1",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: null,
    priorBenefits: false,
  };
  const base: ApplicationData = {
    v: 1,
    personal,
    household: { members: [{ id: "p2", relationship: "spouse", firstName: "Omar", lastName: "Haddad", birthDate: "1988-01-01", priorBenefits: false }], confirmed: true },
    persons: { p1: details(), p2: { ...details({ sex: "male" }), nationality: "syrisch", nationalityKey: "475" } },
    housing: { kind: "rent", coldRent: 400, utilities: 100, heating: 60, size: null },
    income: { p1: { hasIncome: false, amounts: {} }, p2: { hasIncome: true, amounts: { employment: 520 } } },
    bank: { accountHolder: "Ayşe Yılmaz", iban: "DE89370400440532013000" },
    circumstances: { items: [] },
  };

  it("asks none of them for a couple without special circumstances", () => {
    expect(applicableSections(base)).toEqual(["personal", "household", "persons", "housing", "income", "circumstances", "bank"]);
    expect(isComplete(base)).toBe(true);
    expect(summaryGroups(base).map((g) => g.section)).not.toContain("assets");
  });

  it("asks the circumstances before anything is known, and nothing else", () => {
    expect(applicableSections({ v: 1 })).toEqual(["personal", "household", "persons", "housing", "income", "circumstances", "bank"]);
    expect(isComplete({ ...base, circumstances: undefined })).toBe(false);
  });

  it("opens EKS for each self-employed person", () => {
    const data: ApplicationData = { ...base, income: { ...base.income, p1: { hasIncome: true, amounts: { selfEmployment: 800 } } } };
    expect(selfEmployedPersons(data)).toEqual(["p1"]);
    expect(applicableSections(data)).toContain("selfEmployment");
    expect(sectionPaths(data).selfEmployment).toBe("selbststaendig/p1");
    expect(isComplete(data)).toBe(false);
    expect(isComplete({ ...data, selfEmployment: { p1: { business: "Reinigung", revenue: 1200, expenses: 400 } } })).toBe(true);
  });

  it("opens VM, SV and MEB from the circumstances, UH when separated", () => {
    const data: ApplicationData = { ...base, circumstances: { items: ["assets", "insurance", "pregnancy", "diet", "separated"] } };
    expect(applicableSections(data)).toEqual(["personal", "household", "persons", "housing", "income", "circumstances", "assets", "maintenance", "insurance", "extraNeeds", "bank"]);
    expect(extraNeedKinds(data)).toEqual(["pregnancy", "diet"]);
    expect(insuredPersons(data, TODAY)).toEqual(["p1", "p2"]);
    expect(sectionPaths(data).insurance).toBe("sozialversicherung/p1");
    const partly: ApplicationData = { ...data, insurance: { p1: { kind: "private", insurer: "Allianz", rvnr: null } }, extraNeeds: { pregnancy: { memberId: "p1", dueDate: "2026-08-01" } } };
    expect(sectionStatuses(partly)).toMatchObject({ insurance: "in-progress", extraNeeds: "in-progress", assets: "not-started" });
    expect(sectionPaths(partly).insurance).toBe("sozialversicherung/p2");
    // The proofs the issue names: Mutterpass, medical certificate, maintenance proofs, asset proofs.
    const full: ApplicationData = {
      ...partly,
      insurance: { ...partly.insurance, p2: { kind: "statutory", insurer: "AOK", rvnr: null } },
      extraNeeds: { pregnancy: { memberId: "p1", dueDate: "2026-08-01" }, diet: { memberId: "p2", illness: "Zöliakie" } },
      assets: { savings: 52_000, securities: null, insurance: null, vehicles: 9_000, property: null, ownHome: false, other: null },
      maintenance: { received: null, paid: 300, title: true },
    };
    expect(isComplete(full)).toBe(true);
    const items = documentChecklist(full, TODAY).map((i) => i.id);
    expect(items).toEqual(expect.arrayContaining(["maternity-record.p1", "medical-certificate.p2", "maintenance-proof", "asset-proofs"]));
    // Unticking a circumstance drops its section, its rows and its proofs (the answers stay stored).
    const less: ApplicationData = { ...full, circumstances: { items: [] } };
    expect(isComplete(less)).toBe(true);
    expect(summaryGroups(less).map((g) => g.section)).toEqual(["personal", "household", "persons", "persons", "housing", "income", "income", "circumstances", "bank"]);
    expect(documentChecklist(less, TODAY).map((i) => i.category)).not.toContain("maternity-record");
  });

  it("treats a parent with a child and no partner as single parent (UH and MEB)", () => {
    const child = { id: "p2", relationship: "child" as const, firstName: "Elif", lastName: "Yılmaz", birthDate: "2019-05-01", priorBenefits: false };
    const data: ApplicationData = { ...base, household: { members: [child], confirmed: true }, income: { p1: { hasIncome: false, amounts: {} }, p2: { hasIncome: false, amounts: {} } } };
    expect(isSingleParent(data, TODAY)).toBe(true);
    expect(applicableSections(data)).toEqual(expect.arrayContaining(["maintenance", "extraNeeds"]));
    expect(applicableSections(data)).not.toContain("insurance");
    expect(extraNeedKinds(data)).toEqual(["singleParent"]);
    // The child is under 15: no SV page for the child.
    expect(insuredPersons({ ...data, circumstances: { items: ["insurance"] } }, TODAY)).toEqual(["p1"]);
    expect(isSingleParent({ ...data, household: { members: [child, { ...base.household!.members[0] }], confirmed: true } }, TODAY)).toBe(false);
  });

  it("drops a removed member's SV and EKS answers", () => {
    const data: ApplicationData = {
      ...base,
      insurance: { p1: { kind: "statutory", insurer: "TK", rvnr: null }, p2: { kind: "statutory", insurer: "AOK", rvnr: null } },
      selfEmployment: { p2: { business: "Taxi", revenue: 1, expenses: 0 } },
    };
    const next = removeMember(data, "p2");
    expect(Object.keys(next.insurance ?? {})).toEqual(["p1"]);
    expect(next.selfEmployment).toEqual({});
  });

  it("opens VE only for a partner the applicant is not married to (§ 7 Abs. 3 Nr. 3c SGB II)", () => {
    // A spouse: no Anlage VE (even with the circumstance of an older draft ticked).
    expect(hasUnmarriedPartner(base)).toBe(false);
    expect(hasUnmarriedPartner({ ...base, circumstances: { items: ["unmarriedPartner"] } })).toBe(false);
    // An older draft: "partner" and the circumstance "not married to each other".
    const legacy: ApplicationData = { ...base, household: { members: [{ ...base.household!.members[0], relationship: "partner" }], confirmed: true } };
    expect(hasUnmarriedPartner(legacy)).toBe(false);
    expect(hasUnmarriedPartner({ ...legacy, circumstances: { items: ["unmarriedPartner"] } })).toBe(true);
    // Since 2026-12 the relationship says it.
    const unmarried: ApplicationData = { ...base, household: { members: [{ ...base.household!.members[0], relationship: "unmarriedPartner" }], confirmed: true } };
    expect(hasUnmarriedPartner(unmarried)).toBe(true);
    expect(applicableSections(unmarried)).toEqual(["personal", "household", "persons", "housing", "income", "circumstances", "partnership", "bank"]);
    expect(sectionPaths(unmarried).partnership).toBe("partnerschaft");
    expect(isComplete(unmarried)).toBe(false);
    // Ticked, but no partner in the household (removed later): no Anlage VE.
    expect(applicableSections({ ...unmarried, household: { members: [], confirmed: true } })).not.toContain("partnership");
    const answered: ApplicationData = { ...unmarried, partnership: { overOneYear: true, jointChild: false, caring: false, sharedMoney: true } };
    expect(isComplete(answered)).toBe(true);
    expect(
      summaryGroups(answered)
        .find((g) => g.section === "partnership")
        ?.rows.map((r) => [r.label, r.value]),
    ).toEqual([
      ["partnership.overOneYear", { kind: "yesno", value: true }],
      ["partnership.jointChild", { kind: "yesno", value: false }],
      ["partnership.caring", { kind: "yesno", value: false }],
      ["partnership.sharedMoney", { kind: "yesno", value: true }],
    ]);
    // A spouse after all: the section and its rows are gone.
    expect(summaryGroups({ ...answered, household: base.household }).map((g) => g.section)).not.toContain("partnership");
  });

  it("opens HG for relatives outside the Bedarfsgemeinschaft (§ 9 Abs. 5 SGB II)", () => {
    const member = (id: string, relationship: Relationship, birthDate?: string) => ({
      id,
      relationship,
      firstName: `N${id}`,
      lastName: "Yılmaz",
      birthDate,
      priorBenefits: false,
    });
    const withMembers = (members: ReturnType<typeof member>[], birth = personal.birthDate): ApplicationData => ({
      ...base,
      personal: { ...personal, birthDate: birth },
      household: { members, confirmed: true },
      persons: Object.fromEntries([
        ["p1", details({ familyStatus: { status: "single", since: null } })],
        ...members.map((m) => [m.id, { ...details({ familyStatus: { status: "single", since: null } }), nationality: "türkisch", nationalityKey: "163" }]),
      ]),
    });
    // Partner and a child under 25 are in the Bedarfsgemeinschaft.
    expect(householdRelatives(withMembers([member("p2", "spouse", "1988-01-01"), member("p3", "child", "2005-01-01")]), TODAY)).toEqual([]);
    // A child of 25 or over, a sibling and the applicant's parent (applicant 25+); not a flatmate nor a foster child.
    expect(
      householdRelatives(
        withMembers([
          member("p2", "child", "2000-01-01"),
          member("p3", "relative", "1995-01-01"),
          member("p4", "parent", "1960-01-01"),
          member("p5", "unrelated", "1994-01-01"),
          member("p6", "fosterChild", "2015-01-01"),
        ]),
        TODAY,
      ),
    ).toEqual(["p2", "p3", "p4"]);
    // An older draft's "other" stays Anlage HG, as before.
    expect(householdRelatives(withMembers([member("p2", "other", "1995-01-01")]), TODAY)).toEqual(["p2"]);
    // An applicant under 25 belongs to the parents' Bedarfsgemeinschaft: no Anlage HG for them.
    expect(householdRelatives(withMembers([member("p2", "parent", "1970-01-01")], "2004-06-01"), TODAY)).toEqual([]);
    // A child without a birth date yet does not count; a relative does.
    expect(householdRelatives(withMembers([member("p2", "child"), member("p3", "relative")]), TODAY)).toEqual(["p3"]);
    // A married child of 22 is not in the Bedarfsgemeinschaft (§ 7 Abs. 3 Nr. 4: unmarried children only).
    const married = { ...withMembers([member("p2", "child", "2004-01-01")]), persons: { p2: details({ familyStatus: { status: "married", since: "2025-05-01" } }) } };
    expect(householdRelatives(married, TODAY)).toEqual(["p2"]);

    const data: ApplicationData = { ...withMembers([member("p2", "parent", "1960-01-01")]), income: { p1: { hasIncome: false, amounts: {} }, p2: { hasIncome: true, amounts: { pension: 1400 } } } };
    expect(applicableSections(data)).toEqual(["personal", "household", "persons", "housing", "income", "circumstances", "relatives", "bank"]);
    expect(sectionStatuses(data).relatives).toBe("not-started");
    const answered: ApplicationData = { ...data, relatives: { support: 200, income: null } };
    expect(isComplete(answered)).toBe(true);
    expect(
      summaryGroups(answered)
        .find((g) => g.section === "relatives")
        ?.rows.map((r) => [r.label, r.value]),
    ).toEqual([
      ["relatives.persons", { kind: "text", text: "Np2 Yılmaz" }],
      ["relatives.supports", { kind: "yesno", value: true }],
      ["relatives.support", { kind: "money", amount: 200 }],
      ["relatives.income", { kind: "key", key: "relatives.incomeUnknown" }],
    ]);
  });

  // Where each member stands (§ 7 Abs. 3 SGB II: Bedarfsgemeinschaft; § 9 Abs. 5: Haushaltsgemeinschaft with relatives; else neither).
  const table: Array<[Relationship, number | null, { age: number | null; married?: boolean }, HouseholdStatus, string, boolean?]> = [
    ["spouse", 40, { age: 38 }, "bg", "§ 7 Abs. 3 Nr. 3a: Ehegatte"],
    ["registeredPartner", 40, { age: 38 }, "bg", "§ 7 Abs. 3 Nr. 3b: Lebenspartner"],
    ["unmarriedPartner", 40, { age: 38 }, "bg", "§ 7 Abs. 3 Nr. 3c: Verantwortungs- und Einstehensgemeinschaft"],
    ["partner", 40, { age: 38 }, "bg", "older draft: partner"],
    ["child", 10, { age: 38 }, "bg", "§ 7 Abs. 3 Nr. 4: unmarried child under 25"],
    ["child", 24, { age: 50 }, "bg", "§ 7 Abs. 3 Nr. 4: still under 25"],
    ["child", 25, { age: 50 }, "hg", "§ 9 Abs. 5: child of 25 is a relative"],
    ["child", 22, { age: 50 }, "hg", "§ 7 Abs. 3 Nr. 4: married child", true],
    ["child", null, { age: 38 }, "bg", "no birth date yet: by relationship"],
    ["stepChild", 12, { age: 38 }, "bg", "§ 7 Abs. 3 Nr. 4: child of the partner"],
    ["stepChild", 30, { age: 55 }, "hg", "§ 9 Abs. 5: in-law (verschwägert)"],
    ["fosterChild", 8, { age: 38 }, "none", "Pflegekind: not Nr. 4, not related"],
    ["parent", 50, { age: 22 }, "bg", "§ 7 Abs. 3 Nr. 2: parents of an unmarried applicant under 25"],
    ["parent", 50, { age: 22, married: true }, "hg", "§ 7 Abs. 3 Nr. 2 needs an unmarried child"],
    ["parent", 70, { age: 40 }, "hg", "§ 9 Abs. 5: parent of an applicant of 25+"],
    ["relative", 30, { age: 40 }, "hg", "§ 9 Abs. 5: sibling, grandparent, in-law"],
    ["unrelated", 30, { age: 40 }, "none", "flatmate: neither"],
    ["other", 30, { age: 40 }, "hg", "older draft: other, as before"],
  ];
  it.each(table)("household status of %s aged %s (applicant %o) is %s: %s", (relationship, age, applicant, expected, _why, married = false) => {
    expect(householdStatusOf({ relationship, age, married }, applicant)).toBe(expected);
  });

  it("names the Karenzzeit allowance: 40,000 € and 15,000 € per further person", () => {
    expect(karenzzeitAssetLimit(1)).toBe(40_000);
    expect(karenzzeitAssetLimit(4)).toBe(85_000);
  });

  it("the gate names the Karenzzeit allowance before 2026-07-01, the sum of the age bands from then on (decision 032)", () => {
    // The applicant (born 1990: 36) and the partner (born 1988: 38) → 10,000 + 10,000.
    expect(assetGateLimit(base, "2026-06-30")).toEqual({ limit: 55_000, rule: "karenzzeit" });
    expect(assetGateLimit(base, "2026-07-01")).toEqual({ limit: 20_000, rule: "age-bands" });
    // A child without a birth date yet counts with the lowest band; a partner aged 50 with the highest.
    const family: ApplicationData = {
      ...base,
      household: {
        members: [
          { ...base.household!.members[0], birthDate: "1976-07-01" },
          { id: "c1", relationship: "child", firstName: "Ela", lastName: "Haddad", birthDate: "", priorBenefits: false },
        ],
        confirmed: true,
      },
    };
    expect(assetGateLimit(family, "2026-07-01")).toEqual({ limit: 10_000 + 15_000 + 5_000, rule: "age-bands" });
  });
});

describe("Anlagen forms", () => {
  it("reads the circumstances checkboxes: none, or some, never both", () => {
    expect(circumstancesSchema.parse({ items: "none" })).toEqual({ items: [] });
    expect(circumstancesSchema.parse({ items: "diet,assets" })).toEqual({ items: ["assets", "diet"] });
    expect(errorsOf(circumstancesSchema.safeParse({ items: "none,diet" }))).toEqual({ items: "application:errors.noneAndOther" });
    expect(errorsOf(circumstancesSchema.safeParse({}))).toEqual({ items: "application:errors.choose" });
    expect(errorsOf(circumstancesSchema.safeParse({ items: "unknown" }))).toEqual({ items: "application:errors.choose" });
  });

  it("needs at least one asset amount", () => {
    expect(assetsSchema.parse({ savings: "52.000", vehicles: "9000", ownHome: "1" })).toMatchObject({ savings: 52_000, vehicles: 9_000, securities: null, ownHome: true });
    expect(errorsOf(assetsSchema.safeParse({}))).toEqual({ savings: "application:errors.assetsMissing" });
    expect(errorsOf(assetsSchema.safeParse({ savings: "viel" }))).toEqual({ savings: "application:errors.amount" });
  });

  it("asks the maintenance amount only after a yes", () => {
    expect(maintenanceSchema.parse({ receives: "yes", received: "150", pays: "no", paid: "99", title: "yes" })).toEqual({ received: 150, paid: null, title: true });
    expect(errorsOf(maintenanceSchema.safeParse({ receives: "yes", received: "", pays: "yes", paid: "", title: "no" }))).toEqual({
      received: "application:errors.required",
      paid: "application:errors.required",
    });
  });

  it("reads only the Mehrbedarfe that apply, with a person of the household and a due date ahead", () => {
    const schema = extraNeedsSchema(["pregnancy", "singleParent"], ["p1", "p2"], TODAY);
    expect(schema.parse({ pregnancyPerson: "p1", dueDate: "01.08.2026", soleCare: "yes", illness: "ignored" })).toEqual({
      pregnancy: { memberId: "p1", dueDate: "2026-08-01" },
      singleParent: { soleCare: true },
    });
    expect(errorsOf(schema.safeParse({ pregnancyPerson: "p9", dueDate: "01.08.2020", soleCare: "" }))).toEqual({
      pregnancyPerson: "application:errors.person",
      dueDate: "application:errors.dueDate",
      soleCare: "application:errors.choose",
    });
  });

  it("reads the VE criteria as yes or no, each required", () => {
    expect(partnershipSchema.parse({ overOneYear: "yes", jointChild: "no", caring: "no", sharedMoney: "yes" })).toEqual({ overOneYear: true, jointChild: false, caring: false, sharedMoney: true });
    expect(errorsOf(partnershipSchema.safeParse({ overOneYear: "yes" }))).toEqual({
      jointChild: "application:errors.choose",
      caring: "application:errors.choose",
      sharedMoney: "application:errors.choose",
    });
  });

  it("asks the HG support amount only after a yes; the relatives' income may stay empty", () => {
    expect(relativesSchema.parse({ supports: "yes", support: "250,50", income: "" })).toEqual({ support: 250.5, income: null });
    expect(relativesSchema.parse({ supports: "no", support: "99", income: "1.800" })).toEqual({ support: null, income: 1800 });
    expect(errorsOf(relativesSchema.safeParse({ supports: "yes", support: "", income: "viel" }))).toEqual({ support: "application:errors.required", income: "application:errors.amount" });
    expect(errorsOf(relativesSchema.safeParse({ support: "" }))).toEqual({ supports: "application:errors.choose" });
  });

  it("reads the EKS forecast", () => {
    expect(selfEmploymentSchema.parse({ business: "Reinigung", revenue: "1.200", expenses: "400,50" })).toEqual({ business: "Reinigung", revenue: 1200, expenses: 400.5 });
    expect(errorsOf(selfEmploymentSchema.safeParse({ business: "", revenue: "", expenses: "x" }))).toEqual({
      business: "application:errors.required",
      revenue: "application:errors.required",
      expenses: "application:errors.amount",
    });
  });
});
