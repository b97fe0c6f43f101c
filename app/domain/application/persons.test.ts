import { describe, expect, it } from "vitest";
import { detailQuestions } from "./model";
import { personDetailsSchema } from "./schemas";

// Angaben zu jeder Person (decision 043): only the questions that apply are read, and each
// answer is explicit (false for "no"; null only where the question does not apply).

const TODAY = "2026-12-07";

function errorsOf(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

const base = { sex: "female", birthName: "", birthPlace: "Aleppo", birthCountry: "Syrien", disabilityRecognised: "no", institution: "no" };

describe("which questions of the details page apply", () => {
  it.each([
    [10, "000", { familyStatus: false, work: false, residence: false }],
    [15, "000", { familyStatus: false, work: true, residence: false }],
    [18, "475", { familyStatus: true, work: true, residence: true }],
    [40, null, { familyStatus: true, work: true, residence: true }],
  ] as const)("age %s, nationality %s", (age, key, expected) => {
    expect(detailQuestions(age, key)).toEqual(expected);
  });
});

describe("the details page of one person", () => {
  it("reads an adult non-German member with an Aufenthaltstitel", () => {
    const schema = personDetailsSchema({ age: 31, birthDate: "1995-01-20" }, TODAY);
    const parsed = schema.parse({
      ...base,
      sex: "male",
      birthName: " ",
      nationality: "475",
      residenceDocument: "residencePermit",
      validUntil: "31.12.2027",
      entryDate: "01.02.2016",
      azrNumber: "1234 5678 9012",
      familyStatus: "married",
      familyStatusSince: "2020-05-01",
      ableToWork: "yes",
      incapacity: "no",
      disabilityRecognised: "yes",
      gdb: "50",
      marks: "G,B,unknown",
      institution: "no",
    });
    expect(parsed).toEqual({
      sex: "male",
      birthName: null,
      birthPlace: "Aleppo",
      birthCountry: "Syrien",
      nationality: "syrisch",
      nationalityKey: "475",
      residence: { document: "residencePermit", validUntil: "2027-12-31", entryDate: "2016-02-01", azrNumber: "123456789012" },
      familyStatus: { status: "married", since: "2020-05-01" },
      ableToWork: true,
      incapacity: false,
      disabilityRecognised: true,
      disability: { gdb: 50, marks: ["G", "B"] },
      institution: false,
    });
  });

  it("asks a German child of 8 neither residence, Familienstand nor work (null, not false)", () => {
    const schema = personDetailsSchema({ age: 8, birthDate: "2018-03-01" }, TODAY);
    const parsed = schema.parse({ ...base, sex: "diverse", birthCountry: "Deutschland", nationality: "000", familyStatus: "married", ableToWork: "yes" });
    expect(parsed).toMatchObject({ sex: "diverse", nationalityKey: "000", residence: null, familyStatus: null, ableToWork: null, incapacity: null, disabilityRecognised: false, disability: null });
  });

  it("takes the applicant's nationality from her page (no nationality field)", () => {
    const german = personDetailsSchema({ age: 40, birthDate: "1986-01-01", nationalityKey: "000" }, TODAY);
    const parsed = german.parse({ ...base, familyStatus: "single", ableToWork: "no", incapacity: "yes" });
    expect(parsed).toMatchObject({ residence: null, familyStatus: { status: "single", since: null }, ableToWork: false, incapacity: true });
    expect(parsed).not.toHaveProperty("nationality");
  });

  it("names every missing or wrong answer at once", () => {
    const schema = personDetailsSchema({ age: 30, birthDate: "1996-01-01", nationalityKey: "163" }, TODAY);
    expect(
      errorsOf(
        schema.safeParse({
          sex: "x",
          birthPlace: "",
          birthCountry: "Türkei",
          residenceDocument: "toleration",
          validUntil: "01.01.2020",
          entryDate: "01.01.1990",
          azrNumber: "12345",
          familyStatus: "divorced",
          disabilityRecognised: "yes",
          gdb: "55",
        }),
      ),
    ).toEqual({
      sex: "application:errors.choose",
      birthPlace: "application:errors.required",
      validUntil: "application:errors.datePast",
      entryDate: "application:errors.dateFuture",
      azrNumber: "application:errors.azrNumber",
      familyStatusSince: "application:errors.required",
      ableToWork: "application:errors.choose",
      incapacity: "application:errors.choose",
      gdb: "application:errors.gdb",
      institution: "application:errors.choose",
    });
  });

  it("needs no validity for an unlimited document or free movement", () => {
    const schema = personDetailsSchema({ age: 30, birthDate: "1996-01-01", nationalityKey: "152" }, TODAY);
    const parsed = schema.parse({ ...base, residenceDocument: "euFreedomOfMovement", validUntil: "", entryDate: "2023-04-01", familyStatus: "single", ableToWork: "yes", incapacity: "no" });
    expect(parsed.residence).toEqual({ document: "euFreedomOfMovement", validUntil: null, entryDate: "2023-04-01", azrNumber: null });
  });
});
