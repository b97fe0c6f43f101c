import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKey } from "./support/api";
import { APPLICANT_DETAILS, PARTNER_DETAILS, applicationIdFrom, answerDetails, signedIn, submittedApplication, type Person } from "./support/applicant";
import { attachInProcessDatabase } from "./support/database";
import { DECLARATION } from "../app/domain/application/declaration";
import { startTestServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Angaben zu jeder Person and the precise household relations (issue 18 items 1, 2, 3, 11, 12, 13;
// decision 043) against the real server, on SQLite and PostgreSQL: two households submit, and
// every new answer reaches the back-office API (typed: codes, ISO dates, false for "no", null
// only where the question does not apply) and its place in the German PDF. A draft saved before
// the change opens and continues, with the new questions not yet answered.
let smtp: TestSmtp;
let server: TestServer;
let api: ApiClient;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
  api = new ApiClient(server.url, await createKey(server, "persons", ["applications:read"]));
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

async function pdfText(id: string): Promise<string> {
  const response = await api.get(`/api/v1/applications/${id}/pdf`);
  expect(response.status).toBe(200);
  const file = path.join(os.tmpdir(), `persons-${id}.pdf`);
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file);
  }
}

type ApiMember = Record<string, unknown> & { id: string };

async function members(id: string): Promise<ApiMember[]> {
  const response = await api.get(`/api/v1/applications/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { members: ApiMember[] } }).data.members;
}

/**
 * The PDF line of a label (pdftotext -layout keeps the value on the first line of its label),
 * found after each of `after` in turn (a section heading, then a person's name).
 */
function line(text: string, label: string, ...after: string[]): string {
  let start = 0;
  for (const anchor of after) {
    start = text.indexOf(anchor, start);
    expect(start, anchor).toBeGreaterThanOrEqual(0);
  }
  const at = text.indexOf(label, start);
  expect(at, `${label} after ${after.join(" › ")}`).toBeGreaterThanOrEqual(0);
  return text.slice(at, text.indexOf("\n", at)).replace(/\s+/g, " ");
}

async function expectRedirect(response: Response, to: string) {
  expect(response.status, await response.clone().text()).toBe(302);
  expect(response.headers.get("location")).toBe(to);
}

describe("a single parent with two children: German, divorced, severely disabled", () => {
  let person: Person;
  let id: string;

  it("asks each person only what applies, on one page per person", { timeout: 60_000 }, async () => {
    ({ person } = await signedIn(server, smtp, "de"));
    id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const at = (p: string) => `/antrag/${id}${p}`;
    await expectRedirect(
      await person.send(at("/person"), {
        firstName: "Sabine",
        lastName: "Krüger",
        birthDate: "14.07.1988",
        nationality: "000",
        street: "Rathausplatz 4",
        postalCode: "41844",
        municipality: "Wegberg",
        phone: "",
        priorBenefits: "no",
      }),
      at(""),
    );
    await expectRedirect(await person.send(at("/haushalt/neu"), { relationship: "child", firstName: "Lea", lastName: "Krüger", birthDate: "03.09.2010", priorBenefits: "no" }), at("/haushalt"));
    await expectRedirect(await person.send(at("/haushalt/neu"), { relationship: "child", firstName: "Tim", lastName: "Krüger", birthDate: "21.02.2018", priorBenefits: "no" }), at("/haushalt"));
    await expectRedirect(await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" }), at(""));
    expect(await person.text(at(""))).toContain("Angaben zu jeder Person");

    // The German applicant is not asked about residence; she is asked Familienstand and work.
    const own = await person.text(at("/angaben/p1"));
    expect(own).toContain("Angaben zu Sabine Krüger");
    expect(own).not.toContain("Aufenthaltsdokument");
    for (const q of ["Familienstand", "mindestens drei Stunden täglich", "arbeitsunfähig", "Grad der Behinderung", "stationären Einrichtung", "ohne Angabe"]) expect(own, q).toContain(q);
    // The child of 8: neither Familienstand nor work; the 16-year-old: work, no Familienstand.
    const small = await person.text(at("/angaben/p3"));
    expect(small).not.toContain("Familienstand");
    expect(small).not.toContain("mindestens drei Stunden");
    const teen = await person.text(at("/angaben/p2"));
    expect(teen).toContain("mindestens drei Stunden");
    expect(teen).not.toContain("Familienstand seit");

    // Every missing answer at once; what was typed is kept.
    const refused = await person.send(at("/angaben/p1"), { sex: "female", birthPlace: "Mönchengladbach", familyStatus: "divorced", disabilityRecognised: "yes" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    for (const field of ["birthCountry", "familyStatusSince", "ableToWork", "incapacity", "gdb", "institution"]) expect(html, field).toContain(`href="#field-${field}`);
    expect(html).toContain('value="Mönchengladbach"');

    await expectRedirect(
      await person.send(at("/angaben/p1"), {
        sex: "female",
        birthName: "Schmitz",
        birthPlace: "Mönchengladbach",
        birthCountry: "Deutschland",
        familyStatus: "divorced",
        familyStatusSince: "01.03.2021",
        ableToWork: "yes",
        incapacity: "yes",
        disabilityRecognised: "yes",
        gdb: "50",
        marks: "G",
        institution: "no",
      }),
      at("/angaben/p2"),
    );
    await expectRedirect(
      await person.send(at("/angaben/p2"), {
        sex: "female",
        birthPlace: "Erkelenz",
        birthCountry: "Deutschland",
        nationality: "000",
        ableToWork: "yes",
        incapacity: "no",
        disabilityRecognised: "no",
        institution: "no",
      }),
      at("/angaben/p3"),
    );
    await expectRedirect(
      await person.send(at("/angaben/p3"), { sex: "unspecified", birthPlace: "Erkelenz", birthCountry: "Deutschland", nationality: "000", disabilityRecognised: "no", institution: "no" }),
      at(""),
    );
    await expectRedirect(await person.send(at("/wohnung"), { kind: "rent", coldRent: "520", utilities: "140", heating: "95", size: "74" }), at(""));
    await expectRedirect(await person.send(at("/einkommen/p1"), { hasIncome: "yes", employment: "900" }), at("/einkommen/p2"));
    await expectRedirect(await person.send(at("/einkommen/p2"), { hasIncome: "yes", childBenefit: "255" }), at("/einkommen/p3"));
    await expectRedirect(await person.send(at("/einkommen/p3"), { hasIncome: "yes", childBenefit: "255" }), at(""));
    await expectRedirect(await person.send(at("/lage"), { items: "none" }), at(""));
    await expectRedirect(await person.send(at("/unterhalt"), { receives: "yes", received: "320", pays: "no", paid: "", title: "yes" }), at(""));
    await expectRedirect(await person.send(at("/mehrbedarf"), { soleCare: "yes" }), at(""));
    await expectRedirect(await person.send(at("/konto"), { accountHolder: "Sabine Krüger", iban: "DE89 3704 0044 0532 0130 00" }), at(""));

    const check = await person.text(at("/pruefen"));
    for (const text of ["Angaben zu jeder Person", "Geburtsname (sofern abweichend)", "Schmitz", "geschieden", "1. März 2021", "Grad der Behinderung (GdB)", "ohne Angabe"])
      expect(check, text).toContain(text);
    expect(await person.html(at("/pruefen"))).toContain(`href="/antrag/${id}/angaben/p2"`);
    await expectRedirect(await person.send(at("/pruefen"), { declaration: "1" }), at("/bestaetigung"));
  });

  it("hands every answer over typed, with null only where a question did not apply", async () => {
    const [mother, lea, tim] = await members(id);
    expect(mother).toMatchObject({
      id: "p1",
      role: "applicant",
      householdStatus: "bg",
      sex: "female",
      birthName: "Schmitz",
      birthPlace: "Mönchengladbach",
      birthCountry: "Deutschland",
      nationality: "deutsch",
      nationalityKey: "000",
      residence: null,
      familyStatus: "divorced",
      familyStatusSince: "2021-03-01",
      ableToWork: true,
      incapacity: true,
      disabilityRecognised: true,
      gdb: 50,
      marks: ["G"],
      institution: false,
    });
    expect(lea).toMatchObject({
      role: "child",
      anlage: "WEP",
      householdStatus: "bg",
      sex: "female",
      birthName: null,
      familyStatus: null,
      familyStatusSince: null,
      ableToWork: true,
      incapacity: false,
    });
    expect(lea).toMatchObject({ disabilityRecognised: false, gdb: null, marks: null, institution: false, residence: null, nationalityKey: "000" });
    expect(tim).toMatchObject({ role: "child", anlage: "KI", sex: "unspecified", familyStatus: null, ableToWork: null, incapacity: null, disabilityRecognised: false });
  });

  it("puts every answer into the German PDF, under Angaben zu jeder Person", async () => {
    const text = await pdfText(id);
    const section = "Angaben zu jeder Person";
    expect(text).toContain(section);
    expect(line(text, "Geburtsname (sofern abweichend)", section)).toContain("Schmitz");
    expect(line(text, "Geburtsort", section)).toContain("Mönchengladbach");
    expect(line(text, "Familienstand ", section)).toContain("geschieden");
    expect(line(text, "Familienstand seit", section)).toContain("01.03.2021");
    expect(line(text, "Kann die Person", section)).toContain("Ja");
    expect(line(text, "Ist die Person zurzeit", section)).toContain("Ja");
    expect(line(text, "Grad der Behinderung (GdB)", section)).toContain("50");
    expect(line(text, "Merkzeichen", section)).toContain("G");
    expect(line(text, "Geschlecht", section, "Tim Krüger")).toContain("ohne Angabe");
    // The section comes before the housing costs, as on the form.
    expect(text.indexOf(section)).toBeLessThan(text.indexOf("Wohnung und Kosten"));
  });
});

describe("a couple: a Syrian applicant and her Ukrainian husband, each with an Aufenthaltstitel", () => {
  let id: string;

  it("hands over nationality, residence document, validity and entry date of both", { timeout: 60_000 }, async () => {
    ({ id } = await submittedApplication(server, smtp, "ar"));
    const [applicant, partner] = await members(id);
    expect(applicant).toMatchObject({
      nationality: "syrisch",
      nationalityKey: "475",
      residence: { document: "residencePermit", validUntil: "2029-06-30", entryDate: "2016-02-01", azrNumber: null },
      familyStatus: "married",
      familyStatusSince: "2022-06-10",
      sex: APPLICANT_DETAILS.sex,
    });
    expect(partner).toMatchObject({
      role: "spouse",
      anlage: "WEP",
      householdStatus: "bg",
      sex: PARTNER_DETAILS.sex,
      birthPlace: "Charkiw",
      birthCountry: "Ukraine",
      nationality: "ukrainisch",
      nationalityKey: "166",
      residence: { document: "temporaryProtection", validUntil: "2029-03-04", entryDate: "2022-03-15", azrNumber: "123456789012" },
      familyStatus: "married",
      ableToWork: true,
      incapacity: false,
      disabilityRecognised: false,
      gdb: null,
      marks: null,
      institution: false,
    });
    // The declaration: which text, when, by whom, shown in which language (issue 18 item 14).
    const body = (await (await api.get(`/api/v1/applications/${id}`)).json()) as { metadata: { submittedAt: string }; data: { declaration: Record<string, string> } };
    expect(body.data.declaration).toEqual({ version: DECLARATION.version, sha256: DECLARATION.sha256, confirmedAt: body.metadata.submittedAt, confirmedBy: "p1", language: "ar" });
    const text = await pdfText(id);
    expect(line(text, "Fassung der Erklärung")).toContain(DECLARATION.version);
    expect(line(text, "Bestätigt am, von")).toMatch(/\d{2}\.\d{2}\.\d{4}.*·/);
    expect(line(text, "Aufenthaltsdokument", "Angaben zu jeder Person", "Oleksandr Kovalenko")).toContain("Aufenthaltserlaubnis zum vorübergehenden Schutz");
    expect(line(text, "Gültig bis", "Angaben zu jeder Person", "Oleksandr Kovalenko")).toContain("04.03.2029");
    expect(line(text, "Einreisedatum", "Angaben zu jeder Person", "Oleksandr Kovalenko")).toContain("15.03.2022");
    expect(line(text, "AZR-Nummer", "Angaben zu jeder Person", "Oleksandr Kovalenko")).toContain("123456789012");
    expect(line(text, "Staatsangehörigkeit", "Angaben zu jeder Person", "Oleksandr Kovalenko")).toContain("ukrainisch (166)");
    expect(line(text, "Verhältnis zur antragstellenden Person")).toContain("Ehefrau oder Ehemann");
  });
});

describe("a flatmate and a foster child: in the household, in neither Bedarfs- nor Haushaltsgemeinschaft", () => {
  it("opens Anlage HG only for the relative", { timeout: 60_000 }, async () => {
    const { person } = await signedIn(server, smtp, "en");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const at = (p: string) => `/antrag/${id}${p}`;
    await person.send(at("/person"), {
      firstName: "Jana",
      lastName: "Novak",
      birthDate: "02.02.1990",
      nationality: "000",
      street: "Hauptstraße 1",
      postalCode: "41844",
      municipality: "Wegberg",
      phone: "",
      priorBenefits: "no",
    });
    await expectRedirect(await person.send(at("/haushalt/neu"), { relationship: "unrelated", firstName: "Max", lastName: "Weber", birthDate: "01.01.1992", priorBenefits: "no" }), at("/haushalt"));
    await expectRedirect(await person.send(at("/haushalt/neu"), { relationship: "fosterChild", firstName: "Mia", lastName: "Roth", birthDate: "01.01.2017", priorBenefits: "no" }), at("/haushalt"));
    await expectRedirect(await person.send(at("/haushalt/neu"), { relationship: "relative", firstName: "Petra", lastName: "Novak", birthDate: "01.01.1960", priorBenefits: "no" }), at("/haushalt"));
    await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" });
    const tasks = await person.text(at(""));
    // Only the relative (the mother's sister) opens Anlage HG.
    expect(tasks).toContain("Relatives in the household (Anlage HG)");
    await answerDetails(person, id, ["p1", "p2", "p3", "p4"]);
    expect(await person.text(at("/haushaltsgemeinschaft"))).toContain("Petra Novak");
    expect(await person.text(at("/haushaltsgemeinschaft"))).not.toContain("Max Weber");
  });
});

describe("a draft saved before the details pages", () => {
  it("opens and continues: the new questions show as not answered yet, the old relationship is asked again", { timeout: 60_000 }, async () => {
    const { person } = await signedIn(server, smtp, "de");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const at = (p: string) => `/antrag/${id}${p}`;
    await person.send(at("/person"), {
      firstName: "Ayşe",
      lastName: "Yılmaz",
      birthDate: "12.03.1990",
      nationality: "türkisch",
      street: "Hauptstraße 1",
      postalCode: "41844",
      municipality: "Wegberg",
      phone: "",
      priorBenefits: "no",
    });
    await person.send(at("/haushalt/neu"), { relationship: "spouse", firstName: "Omar", lastName: "Haddad", birthDate: "01.01.1988", priorBenefits: "no" });
    await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" });
    // As an older draft stored it: "partner", no details.
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const { saveAnswers } = await import("../app/features/application/applications.server");
      const row = await (await getDb()).selectFrom("applications").select("user_id").where("id", "=", id).executeTakeFirstOrThrow();
      const legacy = (data: Record<string, unknown>) => {
        const household = data.household as { members: Array<Record<string, unknown>>; confirmed: boolean };
        const next = { ...data, household: { ...household, members: household.members.map((m) => ({ ...m, relationship: "partner" })) } };
        delete (next as { persons?: unknown }).persons;
        return next;
      };
      expect(await saveAnswers(row.user_id!, id, legacy as never)).toBe(true);
    } finally {
      await detach();
    }
    const tasks = await person.text(at(""));
    expect(tasks).toMatch(/Personen im Haushalt\s*In Bearbeitung/);
    expect(tasks).toMatch(/Angaben zu jeder Person\s*Nicht begonnen/);
    const member = await person.text(at("/haushalt/p2"));
    expect(member).toContain("Bitte wählen Sie das Verhältnis zu dieser Person noch einmal genauer aus");
    expect((await person.get(at("/pruefen"))).headers.get("location")).toBe(at(""));
    // Continuing: the relationship chosen again and the details answered.
    await expectRedirect(await person.send(at("/haushalt/p2"), { relationship: "spouse", firstName: "Omar", lastName: "Haddad", birthDate: "01.01.1988", priorBenefits: "no" }), at("/haushalt"));
    await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" });
    await answerDetails(person, id, ["p1", "p2"], { familyStatus: "married", familyStatusSince: "01.06.2015" });
    const after = await person.text(at(""));
    expect(after).toMatch(/Personen im Haushalt\s*Erledigt/);
    expect(after).toMatch(/Angaben zu jeder Person\s*Erledigt/);
  });
});
