import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKey } from "./support/api";
import { answerDetails, applicationIdFrom, fillAll, signedIn, type Person } from "./support/applicant";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The Anlagen only some households need (issue "Online Antrag" § 2): VM, UH, SV, MEB, EKS, VE, HG appear
// in the task list only when the answers require them, and then reach the check page, the PDF
// and the back-office API; with none of them required they are absent everywhere.
let smtp: TestSmtp;
let server: TestServer;
let api: ApiClient;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
  api = new ApiClient(server.url, await createKey(server, "anlagen", ["applications:read"]));
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

const SECTION_TITLES = ["Selbstständige Tätigkeit (Anlage EKS)", "Vermögen (Anlage VM)", "Unterhalt (Anlage UH)", "Kranken- und Rentenversicherung (Anlage SV)", "Mehrbedarfe (Anlage MEB)"];
/** Anlage VE and HG: only for an unmarried partner, and for relatives outside the Bedarfsgemeinschaft. */
const VE_TITLE = "Partnerschaft ohne Ehe (Anlage VE)";
const HG_TITLE = "Verwandte im Haushalt (Anlage HG)";

/** A date `days` from today, typed the German way. */
function daysAhead(days: number): { typed: string; iso: string } {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return { typed: iso.split("-").reverse().join("."), iso };
}

async function pdfText(person: Person, id: string): Promise<string> {
  const response = await person.get(`/antrag/${id}/pdf`);
  expect(response.status).toBe(200);
  const file = path.join(os.tmpdir(), `anlagen-${id}.pdf`);
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file);
  }
}

/** A form post with repeated fields (checkboxes), CSRF token from the page itself. */
async function sendPairs(person: Person, pathname: string, pairs: Array<[string, string]>): Promise<Response> {
  const body = new URLSearchParams([["_csrf", await person.csrf(pathname)], ...pairs]);
  const response = await fetch(server.url + pathname, {
    method: "POST",
    redirect: "manual",
    body,
    headers: { Cookie: person.jar.header(), "Accept-Language": "de", "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-For": person.ip },
  });
  person.jar.store(response);
  return response;
}

interface ApiAnlagen {
  circumstances: string[];
  vm: Record<string, unknown> | null;
  uh: Record<string, unknown> | null;
  sv: Array<Record<string, unknown>> | null;
  meb: Record<string, unknown> | null;
  eks: Array<Record<string, unknown>> | null;
  ve: Record<string, unknown> | null;
  hg: Record<string, unknown> | null;
}

describe("a single parent, self-employed, with every circumstance: every Anlage", () => {
  let person: Person;
  let id: string;
  const at = (p: string) => `/antrag/${id}${p}`;
  const due = daysAhead(120);
  const expectRedirect = async (response: Response, to: string) => {
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ""),
    ).toBe(302);
    expect(response.headers.get("location")).toBe(to);
  };

  it("shows only the circumstances page until the answers require more", async () => {
    ({ person } = await signedIn(server, smtp, "de"));
    id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const tasks = await person.text(at(""));
    expect(tasks).toContain("Besondere Lebenslagen");
    for (const title of SECTION_TITLES) expect(tasks).not.toContain(title);
    // A page of an Anlage that does not apply leads back to the task list.
    expect((await person.get(at("/vermoegen"))).headers.get("location")).toBe(at(""));
  });

  it("opens the Anlagen the answers require", async () => {
    await expectRedirect(
      await person.send(at("/person"), {
        firstName: "Ayşe",
        lastName: "Yılmaz",
        birthDate: "12.03.1990",
        nationality: "türkisch",
        street: "Hauptstraße 12",
        postalCode: "41844",
        municipality: "Wegberg",
        phone: "",
        priorBenefits: "no",
      }),
      at(""),
    );
    await expectRedirect(await person.send(at("/haushalt/neu"), { relationship: "child", firstName: "Elif", lastName: "Yılmaz", birthDate: "01.05.2019", priorBenefits: "no" }), at("/haushalt"));
    await expectRedirect(await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" }), at(""));
    await answerDetails(person, id, ["p1", "p2"]);
    await expectRedirect(await person.send(at("/wohnung"), { kind: "rent", coldRent: "400", utilities: "100", heating: "60", size: "" }), at(""));
    await expectRedirect(await person.send(at("/einkommen/p1"), { hasIncome: "yes", selfEmployment: "800" }), at("/einkommen/p2"));
    await expectRedirect(await person.send(at("/einkommen/p2"), { hasIncome: "yes", childBenefit: "255" }), at(""));
    // Single parent and self-employed: EKS, UH and MEB already; VM and SV wait for the circumstances.
    let tasks = await person.text(at(""));
    for (const title of ["Selbstständige Tätigkeit (Anlage EKS)", "Unterhalt (Anlage UH)", "Mehrbedarfe (Anlage MEB)"]) expect(tasks).toContain(title);
    expect(tasks).not.toContain("Vermögen (Anlage VM)");

    // "None of these" together with something else is refused, and the choice is kept.
    const refused = await sendPairs(person, at("/lage"), [
      ["items", "none"],
      ["items", "diet"],
    ]);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(visibleText(refusedHtml)).toContain("Sie haben „Nichts davon“ und etwas anderes gewählt");
    expect(/<input[^>]*value="diet"[^>]*>/.exec(refusedHtml)?.[0]).toContain('checked=""');
    const saved = await sendPairs(
      person,
      at("/lage"),
      ["assets", "insurance", "pregnancy", "disability", "diet", "hotWater", "separated"].map((item) => ["items", item]),
    );
    expect(saved.headers.get("location")).toBe(at(""));
    tasks = await person.text(at(""));
    for (const title of SECTION_TITLES) expect(tasks).toContain(title);
    // The gate names the allowance on the Antragsdatum (today, after 2026-07-01; decision 032): the
    // applicant born 1990 (10,000 €) and the child born 2019 (5,000 €), no Karenzzeit for assets.
    expect(await person.text(at("/lage"))).toContain("15.000,00");
    // Not complete yet: the check page leads back to the task list.
    expect((await person.get(at("/pruefen"))).headers.get("location")).toBe(at(""));
  });

  it("checks the Rentenversicherungsnummer and keeps what was typed", async () => {
    const page = await person.text(at("/sozialversicherung/p1"));
    expect(page).toContain("Hilfe zu dieser Frage");
    for (const [rvnr, message] of [
      ["12120390Y5", "hat 12 Zeichen"],
      ["12150390Y510", "passen nicht zum Geburtsdatum"],
      // The letter is not compared with today's surname (it is the birth name's initial); the check digit catches a wrong one.
      ["12120390M510", "Diese Nummer stimmt nicht"],
      ["12120390Y511", "Diese Nummer stimmt nicht"],
    ] as const) {
      const response = await person.send(at("/sozialversicherung/p1"), { kind: "statutory", insurer: "AOK Rheinland/Hamburg", rvnr });
      expect(response.status, rvnr).toBe(400);
      const html = await response.text();
      expect(visibleText(html), rvnr).toContain(message);
      expect(html).toContain(`value="${rvnr}"`);
      expect(html).toContain('value="AOK Rheinland/Hamburg"');
    }
    // Only the applicant is 15 or over: after her page, back to the task list.
    await expectRedirect(await person.send(at("/sozialversicherung/p1"), { kind: "statutory", insurer: "AOK Rheinland/Hamburg", rvnr: "12 120390 y 51 0" }), at(""));
    expect((await person.get(at("/sozialversicherung/p2"))).status).toBe(404);
  });

  it("saves every Anlage and lets the application be checked", async () => {
    await expectRedirect(await person.send(at("/selbststaendig/p1"), { business: "Reinigungsservice", revenue: "1.800", expenses: "650,50" }), at(""));
    const missing = await person.send(at("/vermoegen"), {});
    expect(missing.status).toBe(400);
    expect(visibleText(await missing.text())).toContain("Bitte geben Sie mindestens einen Betrag ein.");
    await expectRedirect(await person.send(at("/vermoegen"), { savings: "61.000", vehicles: "9000", property: "", ownHome: "" }), at(""));
    await expectRedirect(await person.send(at("/unterhalt"), { receives: "no", received: "", pays: "yes", paid: "150", title: "yes" }), at(""));
    const wrong = await person.send(at("/mehrbedarf"), {
      pregnancyPerson: "p9",
      dueDate: "01.01.2020",
      soleCare: "yes",
      disabilityPerson: "p2",
      measure: "Eingliederungshilfe Schule",
      dietPerson: "p2",
      illness: "Zöliakie",
      hotWaterDevice: "Durchlauferhitzer",
    });
    expect(wrong.status).toBe(400);
    const wrongText = visibleText(await wrong.text());
    expect(wrongText).toContain("Bitte wählen Sie eine Person aus.");
    expect(wrongText).toContain("Bitte geben Sie einen Termin in den nächsten 10 Monaten ein");
    await expectRedirect(
      await person.send(at("/mehrbedarf"), {
        pregnancyPerson: "p1",
        dueDate: due.typed,
        soleCare: "yes",
        disabilityPerson: "p2",
        measure: "Eingliederungshilfe Schule",
        dietPerson: "p2",
        illness: "Zöliakie",
        hotWaterDevice: "Durchlauferhitzer",
      }),
      at(""),
    );
    expect((await person.text(at(""))).match(/Erledigt/g)?.length).toBe(11);
    await expectRedirect(await person.send(at("/konto"), { accountHolder: "Ayşe Yılmaz", iban: "DE89 3704 0044 0532 0130 00" }), at(""));
    const tasks = await person.text(at(""));
    expect(tasks.match(/Erledigt/g)?.length).toBe(12);
    expect(tasks).toContain("Kopie des Mutterpasses");
    expect(tasks).toContain("Ärztliche Bescheinigung über die besondere Ernährung");
    expect(tasks).toContain("Nachweise über Unterhalt");

    const check = await person.text(at("/pruefen"));
    for (const text of [
      ...SECTION_TITLES,
      "Reinigungsservice",
      "12120390Y510",
      "AOK Rheinland/Hamburg",
      "Zöliakie",
      "Durchlauferhitzer",
      "Eingliederungshilfe Schule",
      "Schwangerschaft",
      "Getrennt lebend oder geschieden",
    ]) {
      expect(check, text).toContain(text);
    }
  });

  it("puts every Anlage into the PDF and the back-office data", { timeout: 60_000 }, async () => {
    expect((await person.send(at("/pruefen"), { declaration: "1" })).headers.get("location")).toBe(at("/bestaetigung"));
    const text = await pdfText(person, id);
    for (const expected of [
      ...SECTION_TITLES,
      "Reinigungsservice",
      "1.800,00",
      "650,50",
      "61.000,00",
      "12120390Y510",
      "AOK Rheinland/Hamburg",
      "Zöliakie",
      "Durchlauferhitzer",
      "Unterhaltstitel",
      due.typed,
      "Mutterpasses",
    ]) {
      expect(text, expected).toContain(expected);
    }

    const response = await api.get(`/api/v1/applications/${id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { anlagen: ApiAnlagen; documents: Array<{ item: string }> } };
    const a = body.data.anlagen;
    expect(a.circumstances).toEqual(["assets", "insurance", "pregnancy", "disability", "diet", "hotWater", "separated"]);
    expect(a.vm).toMatchObject({ savings: 61_000, vehicles: 9_000, property: null, ownHome: false });
    // Explicit answers: "no" is false, not null (null would mean "not asked").
    expect(a.uh).toEqual({ receives: false, received: null, pays: true, paid: 150, title: true });
    expect(a.sv).toEqual([{ memberId: "p1", kind: "statutory", insurer: "AOK Rheinland/Hamburg", rvnr: "12120390Y510" }]);
    expect(a.meb).toEqual({
      pregnancy: { memberId: "p1", dueDate: due.iso },
      singleParent: { soleCare: true },
      disability: { memberId: "p2", measure: "Eingliederungshilfe Schule" },
      diet: { memberId: "p2", illness: "Zöliakie" },
      hotWater: { device: "Durchlauferhitzer" },
    });
    expect(a.eks).toEqual([{ memberId: "p1", business: "Reinigungsservice", revenue: 1800, expenses: 650.5 }]);
    expect(body.data.documents.map((d) => d.item)).toEqual(
      expect.arrayContaining(["maternity-record.p1", "medical-certificate.p2", "disability-proof.p2", "maintenance-proof", "asset-proofs", "income-self-employment.p1"]),
    );
  });
});

describe("a couple without special circumstances: no Anlage", () => {
  it("asks none of them and shows none anywhere", { timeout: 60_000 }, async () => {
    const { person } = await signedIn(server, smtp, "de");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, id);
    const tasks = await person.text(`/antrag/${id}`);
    for (const title of [...SECTION_TITLES, VE_TITLE, HG_TITLE]) expect(tasks).not.toContain(title);
    expect(tasks.match(/Erledigt/g)?.length).toBe(7);
    // Every question has help, also on the pages that existed before the Anlagen.
    const housing = await person.html(`/antrag/${id}/wohnung`);
    expect(housing).toContain('<details class="details question-help"><summary>Hilfe zu dieser Frage</summary>');
    expect(visibleText(housing)).toContain("Die Miete ohne Nebenkosten und Heizung. Sie steht im Mietvertrag.");
    for (const p of ["/vermoegen", "/unterhalt", "/mehrbedarf", "/selbststaendig/p1", "/partnerschaft", "/haushaltsgemeinschaft"])
      expect((await person.get(`/antrag/${id}${p}`)).headers.get("location"), p).toBe(`/antrag/${id}`);
    const check = await person.text(`/antrag/${id}/pruefen`);
    for (const title of [...SECTION_TITLES, VE_TITLE, HG_TITLE]) expect(check).not.toContain(title);
    expect(check).toContain("Nichts davon");
    expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
    const text = await pdfText(person, id);
    for (const title of [...SECTION_TITLES, VE_TITLE, HG_TITLE]) expect(text).not.toContain(title);
    const body = (await (await api.get(`/api/v1/applications/${id}`)).json()) as { data: { anlagen: ApiAnlagen } };
    expect(body.data.anlagen).toEqual({ circumstances: [], vm: null, uh: null, sv: null, meb: null, eks: null, ve: null, hg: null });
  });
});

describe("an unmarried couple living with the applicant's mother: Anlage VE and HG", () => {
  it("asks VE and HG only then, checks the answers and hands them over", { timeout: 60_000 }, async () => {
    const { person } = await signedIn(server, smtp, "de");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const at = (p: string) => `/antrag/${id}${p}`;
    const expectRedirect = async (response: Response, to: string) => {
      expect(
        response.status,
        await response
          .clone()
          .text()
          .catch(() => ""),
      ).toBe(302);
      expect(response.headers.get("location")).toBe(to);
    };
    await expectRedirect(
      await person.send(at("/person"), {
        firstName: "Nadia",
        lastName: "Karimi",
        birthDate: "02.02.1985",
        nationality: "afghanisch",
        street: "Hauptstraße 3",
        postalCode: "41844",
        municipality: "Wegberg",
        phone: "",
        priorBenefits: "no",
      }),
      at(""),
    );
    await expectRedirect(
      await person.send(at("/haushalt/neu"), { relationship: "unmarriedPartner", firstName: "Jonas", lastName: "Becker", birthDate: "10.10.1984", priorBenefits: "no" }),
      at("/haushalt"),
    );
    await expectRedirect(await person.send(at("/haushalt/neu"), { relationship: "parent", firstName: "Soraya", lastName: "Karimi", birthDate: "05.05.1958", priorBenefits: "no" }), at("/haushalt"));
    await expectRedirect(await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" }), at(""));
    await answerDetails(person, id, ["p1", "p2", "p3"]);
    // The mother is outside the Bedarfsgemeinschaft of a 40-year-old: HG at once; VE too, as the partner is not married to her (the relationship says it).
    let tasks = await person.text(at(""));
    expect(tasks).toContain(HG_TITLE);
    expect(tasks).toContain(VE_TITLE);
    await expectRedirect(await person.send(at("/wohnung"), { kind: "rent", coldRent: "700", utilities: "150", heating: "90", size: "" }), at(""));
    await expectRedirect(await person.send(at("/einkommen/p1"), { hasIncome: "no" }), at("/einkommen/p2"));
    await expectRedirect(await person.send(at("/einkommen/p2"), { hasIncome: "yes", employment: "900" }), at("/einkommen/p3"));
    await expectRedirect(await person.send(at("/einkommen/p3"), { hasIncome: "yes", pension: "1100" }), at(""));
    // The circumstances page no longer asks whether the partner is married: the relationship said it.
    expect(await person.text(at("/lage"))).not.toContain("ohne verheiratet oder verpartnert zu sein");
    await expectRedirect(await sendPairs(person, at("/lage"), [["items", "none"]]), at(""));
    tasks = await person.text(at(""));
    expect(tasks).toContain(VE_TITLE);
    expect(tasks).toContain(HG_TITLE);

    // VE: every criterion must be answered; what was chosen is kept.
    const ve = await person.text(at("/partnerschaft"));
    expect(ve).toContain("Leben Sie länger als ein Jahr zusammen?");
    expect(ve).toContain("Hilfe zu dieser Frage");
    const incomplete = await person.send(at("/partnerschaft"), { overOneYear: "yes" });
    expect(incomplete.status).toBe(400);
    const incompleteHtml = await incomplete.text();
    expect(visibleText(incompleteHtml).match(/Bitte wählen Sie eine Antwort aus\./g)?.length).toBeGreaterThanOrEqual(3);
    expect(/<input[^>]*name="overOneYear"[^>]*value="yes"[^>]*>/.exec(incompleteHtml)?.[0]).toContain('checked=""');
    await expectRedirect(await person.send(at("/partnerschaft"), { overOneYear: "yes", jointChild: "no", caring: "no", sharedMoney: "yes" }), at(""));

    // HG: the support amount after a yes, a plausible income; both errors at once, input kept.
    const hg = await person.text(at("/haushaltsgemeinschaft"));
    expect(hg).toContain("Soraya Karimi");
    expect(hg).not.toContain("Jonas Becker");
    const wrong = await person.send(at("/haushaltsgemeinschaft"), { supports: "yes", support: "", income: "viel" });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(visibleText(wrongHtml)).toContain("Bitte füllen Sie dieses Feld aus.");
    expect(visibleText(wrongHtml)).toContain("Bitte geben Sie einen Betrag ein");
    expect(wrongHtml).toContain('value="viel"');
    await expectRedirect(await person.send(at("/haushaltsgemeinschaft"), { supports: "yes", support: "150", income: "1.100" }), at(""));
    await expectRedirect(await person.send(at("/konto"), { accountHolder: "Nadia Karimi", iban: "DE89 3704 0044 0532 0130 00" }), at(""));
    tasks = await person.text(at(""));
    expect(tasks.match(/Erledigt/g)?.length).toBe(9);
    for (const title of SECTION_TITLES) expect(tasks).not.toContain(title);

    const check = await person.text(at("/pruefen"));
    for (const text of [VE_TITLE, HG_TITLE, "Leben Sie länger als ein Jahr zusammen?", "Können Sie über Einkommen oder Vermögen des anderen verfügen?", "Wert der Unterstützung im Monat", "150,00"])
      expect(check, text).toContain(text);
    const checkHtml = await person.html(at("/pruefen"));
    expect(checkHtml).toContain(`href="/antrag/${id}/partnerschaft"`);
    expect(checkHtml).toContain(`href="/antrag/${id}/haushaltsgemeinschaft"`);

    expect((await person.send(at("/pruefen"), { declaration: "1" })).headers.get("location")).toBe(at("/bestaetigung"));
    const text = await pdfText(person, id);
    for (const expected of [VE_TITLE, HG_TITLE, "Leben Sie länger als ein Jahr", "Wert der Unterstützung im Monat", "Soraya Karimi", "150,00", "1.100,00"]) expect(text, expected).toContain(expected);

    const body = (await (await api.get(`/api/v1/applications/${id}`)).json()) as { data: { anlagen: ApiAnlagen } };
    const a = body.data.anlagen;
    expect(a.circumstances).toEqual([]);
    expect(a.ve).toEqual({ overOneYear: true, jointChild: false, caring: false, sharedMoney: true });
    expect(a.hg).toEqual({ memberIds: ["p3"], supports: true, support: 150, income: 1100 });
    expect([a.vm, a.uh, a.sv, a.meb, a.eks]).toEqual([null, null, null, null, null]);
  });
});
