import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKey } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { applicationIdFrom, fillAll, Person, signedIn as signedInAs } from "./support/applicant";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The online application's first slice (issue "Online Antrag") against the real server, on
// SQLite and (TEST_DB_KIND=postgres) PostgreSQL: apply now → task list → every section → check
// → submit → receipt, mail and PDF; idempotency; nobody else sees the application; the
// back-office API with its scopes.
let smtp: TestSmtp;
let server: TestServer;
const signedIn = (language: string) => signedInAs(server, smtp, language);
const idFrom = applicationIdFrom;

function berlinToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

async function countEvents(type: string, applicationId: string): Promise<number> {
  const detach = await attachInProcessDatabase(server.env);
  try {
    const { getDb } = await import("../app/platform/db/db.server");
    const db = await getDb();
    const rows = await db.selectFrom("webhook_events").select("id").where("type", "=", type).where("subject_key", "=", `application:${applicationId}`).execute();
    return rows.length;
  } finally {
    await detach();
  }
}

/** Answers every section; `members` adds household members first. */
beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("online application: the whole slice for one person", () => {
  let person: Person;
  let email: string;
  let id: string;
  let reference: string;

  it("asks to sign in first", async () => {
    const anonymous = new Person(server.url);
    const response = await anonymous.get("/antrag");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/anmelden?redirectTo=%2Fantrag");
  });

  it("secures the Antragsdatum at once, once (double submit → one application, one event)", async () => {
    ({ person, email } = await signedIn("ar"));
    const [first, second] = await Promise.all([person.send("/antrag", {}), person.send("/antrag", {})]);
    id = idFrom(first.headers.get("location"));
    expect(idFrom(second.headers.get("location"))).toBe(id);
    expect(idFrom((await person.send("/antrag", {})).headers.get("location"))).toBe(id);
    const receipt = await person.text(`/antrag/${id}/gesichert`);
    reference = /A-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(receipt)![0];
    const today = new Intl.DateTimeFormat("ar", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(new Date(`${berlinToday()}T12:00:00Z`));
    expect(receipt).toContain(today);
    expect(await countEvents("application.created", id)).toBe(1);
  });

  it("shows the task list with every section not started, then validates and keeps what was typed", async () => {
    const tasks = await person.text(`/antrag/${id}`);
    expect(tasks).toContain("البيانات الشخصية");
    expect(tasks).toContain("نحتفظ بمسودتك حتى"); // how long the draft is kept
    expect(tasks.match(/لم يبدأ/g)?.length).toBe(7); // six sections (with the details of each person) and the circumstances; no Anlage yet

    const bad = await person.send(`/antrag/${id}/konto`, { accountHolder: "Maryam Haddad", iban: "DE88 3704 0044 0532 0130 00" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(visibleText(html)).toContain("رقم IBAN هذا غير صحيح");
    expect(html).toContain('value="DE88 3704 0044 0532 0130 00"');
    expect(html).toContain('value="Maryam Haddad"');

    const outside = await person.send(`/antrag/${id}/person`, {
      firstName: "A",
      lastName: "B",
      birthDate: "1990-01-01",
      nationality: "475", // a nationality from the list (issue 12, item 5), so only the place is wrong
      street: "x 1",
      postalCode: "52062",
      municipality: "Aachen",
      priorBenefits: "no",
    });
    expect(outside.status).toBe(400);
    expect(visibleText(await outside.text())).toContain("هذا المكان ليس في مقاطعتنا");
  });

  it("offers the pre-check household for prefilling (members as stubs to complete)", async () => {
    const other = await signedIn("de");
    // Walk the pre-check just far enough to have a household in its cookie.
    expect((await other.person.send("/vorabcheck", { concern: "first-application" })).status).toBe(302);
    expect((await other.person.send("/vorabcheck/person/neu?rolle=applicant", { role: "applicant", age: "30" }, "/vorabcheck/person/neu")).status).toBe(302);
    expect((await other.person.send("/vorabcheck/person/neu?rolle=child", { role: "child", age: "6" }, "/vorabcheck/person/neu?rolle=child")).status).toBe(302);
    const otherId = idFrom((await other.person.send("/antrag", {})).headers.get("location"));
    const page = await other.person.text(`/antrag/${otherId}/haushalt`);
    expect(page).toContain("Angaben aus dem Vorab-Check übernehmen");
    expect((await other.person.send(`/antrag/${otherId}/haushalt`, { intent: "prefill" })).status).toBe(302);
    const after = await other.person.text(`/antrag/${otherId}/haushalt`);
    expect(after).toContain("Angaben fehlen");
    expect(after).toContain("Alter laut Vorab-Check: 6");
    expect(await other.person.text(`/antrag/${otherId}`)).toContain("In Bearbeitung");
  });

  it("saves every section and marks it done", async () => {
    await fillAll(person, id);
    const tasks = await person.text(`/antrag/${id}`);
    expect(tasks.match(/مكتمل/g)?.length).toBe(7);
    const check = await person.text(`/antrag/${id}/pruefen`);
    for (const text of ["مريم", "Oleksandr", "DE89 3704 0044 0532 0130 00", "Wegberg"]) expect(check).toContain(text);
    expect(await person.text(`/antrag/${id}/person`)).toContain("في الاستمارة الألمانية: Vorname");
    // Help per question in the person's language, beside the German form wording.
    const housing = await person.text(`/antrag/${id}/wohnung`);
    expect(housing).toContain("مساعدة في هذا السؤال");
    expect(housing).toContain("الإيجار بدون التكاليف الإضافية والتدفئة");
    expect(housing).toContain("في الاستمارة الألمانية: Kaltmiete im Monat");
  });

  it("submits exactly once on a double click, with the declaration required", async () => {
    const missing = await person.send(`/antrag/${id}/pruefen`, {});
    expect(missing.status).toBe(400);
    const [a, b] = await Promise.all([
      person.send(`/antrag/${id}/pruefen`, { declaration: "1", decisionsDigital: "1" }),
      person.send(`/antrag/${id}/pruefen`, { declaration: "1", decisionsDigital: "1" }),
    ]);
    expect(a.headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);
    expect(b.headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);
    expect(await countEvents("application.submitted", id)).toBe(1);
    // A submitted application is not edited any more.
    expect((await person.get(`/antrag/${id}/konto`)).headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);
    expect((await person.send(`/antrag/${id}/konto`, { accountHolder: "X", iban: "DE89370400440532013000" }, `/antrag/${id}/bestaetigung`)).headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);
  });

  it("shows the receipt in Arabic and German and mails it in both", async () => {
    const receipt = await person.text(`/antrag/${id}/bestaetigung`);
    expect(receipt).toContain(reference);
    expect(receipt).toContain("تم إرسال طلبك");
    expect(receipt).toContain("Auf Deutsch (zum Vorzeigen im Jobcenter)");
    expect(receipt).toContain("Erkelenz/Wegberg");
    expect(receipt).toContain("SB1");
    expect(await (await person.get(`/antrag/${id}/bestaetigung`)).text()).toContain(`href="/termine/buchen?anliegen=antragsabgabe&amp;antrag=${id}"`);
    const mail = await smtp.waitFor(email, (m) => m.text.includes(reference));
    expect(mail.text).toContain("استلم");
    expect(mail.text).toContain("Antragsnummer: " + reference);
    expect(mail.text).toContain("https://portal.example/termine/buchen?anliegen=antragsabgabe");
    expect(mail.text).toContain("Erkelenz/Wegberg");
    // Documents still missing, with their due date, in both languages.
    expect(mail.text).toContain("Diese Unterlagen brauchen Sie:");
    expect(mail.text).toMatch(/- Personalausweis oder Reisepass, für مريم حداد \(Frist: \d{1,2}\. [A-Za-zä]+ \d{4}\)/);
  });

  it("gives the applicant the German PDF with every answer, the reference and page numbers", { timeout: 60_000 }, async () => {
    const response = await person.get(`/antrag/${id}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const file = path.join(os.tmpdir(), `antrag-${id}.pdf`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    fs.rmSync(file);
    for (const expected of [
      reference,
      "Antrag auf Grundsicherungsgeld", // the benefit's name on the Antragsdatum (today: after 2026-07-01)
      "Seite 1 von",
      "Oleksandr",
      "Kovalenko",
      "Hauptstraße 12",
      "41844",
      "Wegberg",
      "DE89 3704 0044 0532 0130 00",
      "450,50",
      "520,00",
      "Ehefrau oder Ehemann",
      "Anlage: WEP",
      "Erkelenz/Wegberg",
      "Bescheide digital: Ja",
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text.normalize("NFKC")).toMatch(/مريم|ميرم|حداد|دادح/);
  });

  it("keeps every record of the application from another person (404 everywhere)", async () => {
    const { person: other } = await signedIn("de");
    for (const p of ["", "/gesichert", "/person", "/haushalt", "/haushalt/p2", "/wohnung", "/einkommen/p1", "/konto", "/pruefen", "/bestaetigung", "/pdf"]) {
      expect((await other.get(`/antrag/${id}${p}`)).status, p).toBe(404);
    }
    expect((await other.send(`/antrag/${id}/konto`, { accountHolder: "X", iban: "DE89370400440532013000" }, "/antrag")).status).toBe(404);
    expect((await other.send(`/antrag/${id}/pruefen`, { declaration: "1" }, "/antrag")).status).toBe(404);
  });

  it("puts the application with its answers into the person's data download, and only there", async () => {
    const mine = (await (await person.get("/konto/daten")).json()) as { sections: { applications: Array<{ id: string; reference: string; data: unknown }> } };
    expect(mine.sections.applications.map((a) => a.id)).toContain(id);
    expect(mine.sections.applications.find((a) => a.id === id)?.reference).toBe(reference);
    expect(JSON.stringify(mine.sections.applications)).toContain("Maryam Haddad");
    const { person: other } = await signedIn("de");
    const theirs = (await (await other.get("/konto/daten")).json()) as { sections: { applications: unknown[] } };
    expect(theirs.sections.applications).toEqual([]);
  });
});

describe("back-office API", () => {
  it("answers 401 without a key, 403 without the scope, and lists, reads and prints with applications:read", async () => {
    const anonymous = new ApiClient(server.url, null);
    expect((await anonymous.get("/api/v1/applications")).status).toBe(401);
    const wrong = new ApiClient(server.url, await createKey(server, "termine", ["appointments:write"]));
    for (const p of ["/api/v1/applications", "/api/v1/applications/x", "/api/v1/applications/x/pdf"]) expect((await wrong.get(p)).status, p).toBe(403);

    const { person } = await signedIn("de");
    const id = idFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, id);
    expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
    const draftPerson = await signedIn("tr");
    const draftId = idFrom((await draftPerson.person.send("/antrag", {})).headers.get("location"));

    const api = new ApiClient(server.url, await createKey(server, "fachverfahren", ["applications:read"]));
    const list = await api.get("/api/v1/applications?status=submitted&standort=erkelenz-wegberg&limit=1");
    expect(list.status).toBe(200);
    const page1 = (await list.json()) as { items: Array<{ id: string; status: string; metadata: { standortId: string } }>; nextCursor: string | null };
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({ status: "submitted", metadata: { standortId: "erkelenz-wegberg" } });
    const all: string[] = page1.items.map((i) => i.id);
    let cursor = page1.nextCursor;
    while (cursor) {
      const next = (await (await api.get(`/api/v1/applications?status=submitted&limit=1&cursor=${cursor}`)).json()) as typeof page1;
      all.push(...next.items.map((i) => i.id));
      cursor = next.nextCursor;
    }
    expect(all).toContain(id);
    expect(new Set(all).size).toBe(all.length);
    const drafts = (await (await api.get("/api/v1/applications?status=draft")).json()) as typeof page1;
    expect(drafts.items.map((i) => i.id)).toContain(draftId);
    expect(drafts.items.map((i) => i.id)).not.toContain(id);
    const future = (await (await api.get(`/api/v1/applications?submittedSince=${encodeURIComponent("2999-01-01T00:00:00Z")}`)).json()) as typeof page1;
    expect(future.items).toEqual([]);
    expect((await api.get("/api/v1/applications?submittedSince=gestern")).status).toBe(400);

    const one = await api.get(`/api/v1/applications/${id}`);
    expect(one.status).toBe(200);
    const body = (await one.json()) as { data: { members: Array<{ id: string; u25: boolean; paragraph15a: boolean; anlage: string }>; bank: { iban: string } }; metadata: { antragsdatum: string } };
    expect(body.metadata.antragsdatum).toBe(berlinToday());
    expect(body.data.bank.iban).toBe("DE89370400440532013000");
    expect(body.data.members.map((m) => [m.id, m.anlage, m.u25, m.paragraph15a])).toEqual([
      ["p1", "HA", true, true],
      ["p2", "WEP", false, false],
    ]);
    const draft = (await (await api.get(`/api/v1/applications/${draftId}`)).json()) as { data: unknown; status: string };
    expect(draft).toMatchObject({ status: "draft", data: null });
    expect((await api.get(`/api/v1/applications/${draftId}/pdf`)).status).toBe(409);
    expect((await api.get("/api/v1/applications/00000000-0000-0000-0000-000000000000")).status).toBe(404);

    const pdf = await api.get(`/api/v1/applications/${id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // Every read is in the audit log (ids only).
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const rows = await (await getDb()).selectFrom("audit_log").select(["operation", "record_id", "actor"]).where("record_type", "=", "application").execute();
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ operation: "application.read", record_id: id, actor: "fachverfahren" }),
          expect.objectContaining({ operation: "application.pdf", record_id: id }),
          expect.objectContaining({ operation: "application.list", record_id: null }),
        ]),
      );
    } finally {
      await detach();
    }
  }, 120_000);

  it("never logs the answers", () => {
    const log = server.output();
    for (const secret of ["Kovalenko", "DE89370400440532013000", "Hauptstraße 12", "مريم"]) expect(log).not.toContain(secret);
  });
});
