import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Decode, hotp, totpCounter } from "../app/domain/staff/totp";
import { CATEGORY_GERMAN } from "../app/domain/application/documents";
import { ApiClient, createKey, runAdmin } from "./support/api";
import { applicationIdFrom, fillAll, Person, signedIn } from "./support/applicant";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import { pdfText } from "./support/pdf-corpus";

// Issue 19 §§ 5–9: the caseworker's checklist tells the truth (one state for staff and person,
// due dates, requests for several persons in one step), every change names who made it,
// contradictory answers are flagged, and no mail about the case carries Sozialdaten: the test
// reads every mail the real SMTP server received across the actions. Real server, SQLite and
// (TEST_DATABASE_URL) PostgreSQL.

const STATUS_MESSAGE = "Ihr Arbeitgeber Müller & Söhne hat den Lohn von 1.234,56 € bestätigt.";
const REVIEW_REASON = "Seite 2 des Mietvertrags fehlt, bitte vollständig einscannen.";
const REQUEST_TEXT = "Bitte die Ausweise beider Personen und Omars Lohnabrechnung für Oktober.";
const INVITATION_MESSAGE = "Bitte bringen Sie Ihre Lohnabrechnung von Oktober mit.";
const CANCEL_MESSAGE = "Die Sachbearbeiterin Frau Prüferin ist erkrankt.";
const TASK_TITLE = "Vorstellungsgespräch bei Lagerlogistik Wegberg wahrnehmen";
const STAFF_NAME = "Frau Prüferin";

let smtp: TestSmtp;
let server: TestServer;
let api: ApiClient;
let person: Person;
let email: string;
let staffEmail: string;
let staff: Person;
let id: string;
let rentFileId: string;
let detach: (() => Promise<void>) | null = null;

async function smallPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

function dueIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).split("-").reverse().join(".");
}

/** "Frist: 21. Dezember 2026" as both pages print it. */
function frist(isoDay: string): string {
  return `Frist: ${new Intl.DateTimeFormat("de", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(new Date(`${isoDay}T12:00:00Z`))}`;
}

/** The line of one checklist item on a page's visible text (staff: "Label für Name: …", person: "Label (Name): …"). */
function itemLine(raw: string, label: string, name: string | null): string {
  const text = raw.replace(/\s+([:)])/g, "$1").replace(/\(\s+/g, "(");
  const start = name ? Math.max(text.indexOf(`${label} für ${name}:`), text.indexOf(`${label} (${name}):`)) : text.indexOf(`${label}:`);
  expect(start, `${label} ${name ?? ""} in ${text.slice(text.indexOf("Checkliste"), text.indexOf("Checkliste") + 700)}`).toBeGreaterThanOrEqual(0);
  return text.slice(start, start + 160);
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example", DEMO_DATA: "0", REMINDER_POLL_SECONDS: "3600" });
  api = new ApiClient(server, await createKey(server, "Fachverfahren", ["applications:read", "applications:write", "appointments:write", "cases:write"]));
  ({ person, email } = await signedIn(server, smtp, "de"));
  id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
  await fillAll(person, id);
  const at = (p: string) => `/antrag/${id}${p}`;
  // "Privat oder nicht krankenversichert" ticked, yet both answer "gesetzlich versichert" (§ 8).
  expect((await person.send(at("/lage"), { items: "insurance" })).status).toBe(302);
  expect((await person.send(at("/sozialversicherung/p1"), { kind: "statutory", insurer: "AOK Rheinland/Hamburg", rvnr: "" })).status).toBe(302);
  expect((await person.send(at("/sozialversicherung/p2"), { kind: "statutory", insurer: "Techniker Krankenkasse", rvnr: "" })).status).toBe(302);
  for (const item of ["rent-contract", "identity.p1"]) {
    const uploaded = await person.upload(at("/unterlagen"), { item }, { field: "files", name: `${item}.pdf`, type: "application/pdf", bytes: await smallPdf() });
    expect(uploaded.status).toBe(200);
  }
  expect((await person.send(at("/pruefen"), { declaration: "1" })).status).toBe(302);
  const application = (await (await api.get(`/api/v1/applications/${id}`)).json()) as { attachments: Array<{ id: string; item: string | null }> };
  rentFileId = application.attachments.find((a) => a.item === "rent-contract")!.id;

  staffEmail = `pruefung.${Date.now().toString(36)}@jobcenter.example`;
  const created = await runAdmin(server.env, ["create-staff", "--email", staffEmail, "--name", STAFF_NAME, "--roles", "leistung"]);
  expect(created.code, created.stderr).toBe(0);
  const password = /^Password: (\S+)$/m.exec(created.stdout)![1];
  const secret = base32Decode(/^TOTP secret: ([A-Z2-7]+)$/m.exec(created.stdout)![1])!;
  staff = new Person(server.url);
  expect((await staff.send("/backoffice/anmelden", { email: staffEmail, password, code: hotp(secret, totpCounter(Date.now())) })).status).toBe(302);
}, 240_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

describe(`the caseworker's checklist (${testDbKind()})`, () => {
  it("after „Neu anfordern“ staff and person see the same state, wording and due date (§ 5)", async () => {
    const page = `/backoffice/antraege/${id}`;
    const rejected = await staff.send(page, { intent: "review", attachmentId: rentFileId, decision: "rejected", [`reason-${rentFileId}`]: REVIEW_REASON });
    expect(rejected.status).toBe(302);
    const staffText = visibleText(await staff.html(page));
    const staffLine = itemLine(staffText, "Mietvertrag", null);
    expect(staffLine).toMatch(/^Mietvertrag: Erneut angefordert · 1 Datei Frist: /);
    expect(staffLine).not.toContain("Hochgeladen");
    const personLine = itemLine(await person.text(`/antrag/${id}/status`), "Mietvertrag", null);
    expect(personLine).toMatch(/^Mietvertrag: Erneut angefordert Frist: /);
    // The same due date, in the same words.
    const due = /Frist: (\d+\. \S+ \d{4})/.exec(staffLine)![1];
    expect(personLine).toContain(`Frist: ${due}`);
    expect(staffLine).toContain(REVIEW_REASON);
  });

  it("asks for three documents of two persons in one step: one due date, one mail; both sides see them due (§ 6)", async () => {
    const page = `/backoffice/antraege/${id}`;
    const before = smtp.to(email).length;
    const none = await staff.send(page, { intent: "request", description: REQUEST_TEXT, dueDate: dueIn(10) });
    expect(none.status).toBe(400);
    expect(visibleText(await none.text())).toContain("Kreuzen Sie mindestens eine Unterlage an.");
    const saved = await staff.send(page, { intent: "request", documents: ["identity:p1", "identity:p2", "income-employment:p2"], description: REQUEST_TEXT, dueDate: dueIn(10) });
    expect(saved.status).toBe(302);
    const dueIso = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const requests = (await (await api.get(`/api/v1/applications/${id}/document-requests`)).json()) as { items: Array<{ category: string; dueDate: string }> };
    expect(requests.items.map((r) => r.category).sort()).toEqual(["identity", "identity", "income-employment"]);
    expect(new Set(requests.items.map((r) => r.dueDate))).toEqual(new Set([dueIso]));

    const staffText = visibleText(await staff.html(page));
    const personText = await person.text(`/antrag/${id}/status`);
    for (const [label, name] of [
      ["Personalausweis oder Reisepass", "Oleksandr Kovalenko"],
      ["Lohn- oder Gehaltsabrechnungen (letzte 6 Monate)", "Oleksandr Kovalenko"],
    ] as const) {
      expect(itemLine(staffText, label, name)).toContain(`Erneut angefordert ${frist(dueIso)}`);
    }
    // The person reads the same state and date (German wording of the same keys).
    expect(itemLine(personText, "Personalausweis oder Reisepass", "Oleksandr Kovalenko")).toContain(`Erneut angefordert ${frist(dueIso)}`);
    expect(itemLine(personText, "Lohnabrechnungen der letzten 6 Monate", "Oleksandr Kovalenko")).toContain(`Erneut angefordert ${frist(dueIso)}`);
    expect(personText).toContain(REQUEST_TEXT);
    // One mail for the three requests.
    await smtp.waitFor(email, (m) => m.subject.includes("Unterlagen nachreichen"));
    await new Promise((r) => setTimeout(r, 800));
    expect(
      smtp
        .to(email)
        .slice(before)
        .filter((m) => m.subject.includes("Unterlagen nachreichen")),
    ).toHaveLength(1);
  });

  it("names the staff member of every status change, request and review — by name, not address (§ 7)", async () => {
    const page = `/backoffice/antraege/${id}`;
    expect((await staff.send(page, { intent: "status", status: "in-bearbeitung", message: STATUS_MESSAGE })).status).toBe(302);
    const html = await staff.html(page);
    const text = visibleText(html);
    expect(text).toMatch(new RegExp(`In Bearbeitung ${STATUS_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ${STAFF_NAME}`));
    expect(text).toMatch(new RegExp(`Geprüft am .+? von ${STAFF_NAME}`));
    expect(text).toMatch(new RegExp(`offen ${STAFF_NAME}`));
    expect(html).not.toContain(staffEmail);
    // The person's page does not show who it was.
    expect(await person.text(`/antrag/${id}/status`)).not.toContain(STAFF_NAME);
  });

  it("flags contradictory answers on the staff page (§ 8)", async () => {
    const text = visibleText(await staff.html(`/backoffice/antraege/${id}`));
    expect(text).toContain("Widersprüchliche Angaben");
    expect(text).toContain("aber in Anlage SV ist jede Person gesetzlich versichert");
  });

  it("no mail about the case carries the message, a reason, a task or a document name (§ 9)", { timeout: 60_000 }, async () => {
    // An invitation with a message, then its cancellation with a message (appointments).
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 6 * 86_400_000);
    const slot = await api.post("/api/v1/appointment-slots", {
      standortId: "hueckelhoven-wassenberg",
      type: "antragsabgabe",
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      capacity: 1,
    });
    expect(slot.status, await slot.clone().text()).toBe(201);
    const invited = await api.post("/api/v1/appointment-invitations", { applicationId: id, slotId: ((await slot.json()) as { id: string }).id, message: INVITATION_MESSAGE });
    expect(invited.status, await invited.clone().text()).toBe(201);
    const appointmentId = ((await invited.json()) as { id: string }).id;
    await smtp.waitFor(email, (m) => m.text.includes(`/termine/einladung/${appointmentId}`));
    expect((await api.post(`/api/v1/appointments/${appointmentId}/cancel`, { message: CANCEL_MESSAGE })).status).toBe(200);
    await smtp.waitFor(email, (m) => m.text.includes("/termine/buchen") && m.text.includes("Nachricht geschrieben"));
    // …and the person reads the cancellation message on the appointment's page.
    expect(await person.text(`/termine/${appointmentId}`)).toContain(CANCEL_MESSAGE);

    // A Kooperationsplan task reminder (Mein Fall).
    const created = await api.post("/api/v1/cases", { kundennummer: `123D${Date.now().toString().slice(-6)}`, bgNummer: `12345BG${Date.now().toString().slice(-4)}` });
    expect(created.status, await created.clone().text()).toBe(201);
    const c = (await created.json()) as { caseId: string; activationCode: string };
    expect((await person.send("/mein-fall/verknuepfen", { code: c.activationCode })).status).toBe(302);
    const due = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const plan = await api.request("PUT", `/api/v1/cases/${c.caseId}/cooperation-plan`, {
      body: {
        goals: ["Arbeit im Lager"],
        jobcenterCommitments: ["Fahrtkosten"],
        tasks: [{ id: "gespraech", title: TASK_TITLE, kind: "appointment", dueDate: due, evidenceRequired: false, legalConsequences: "Minderung nach § 32 SGB II." }],
        rechtsfolgenbelehrung: "Rechtsfolgenbelehrung.",
      },
    });
    expect(plan.status, await plan.clone().text()).toBe(200);
    detach = await attachInProcessDatabase(server.env);
    const cases = await import("~/features/cases/index.server");
    expect(await cases.sendDueTaskReminders()).toBeGreaterThanOrEqual(1);
    await smtp.waitFor(email, (m) => m.text.includes("/mein-fall/aufgaben/"));
    await new Promise((r) => setTimeout(r, 800));

    const mails = smtp.to(email);
    // Confirmation, receipt, review, request, status, invitation, cancellation, reminder at least.
    expect(mails.length).toBeGreaterThanOrEqual(8);
    const secrets = [STATUS_MESSAGE, REVIEW_REASON, REQUEST_TEXT, INVITATION_MESSAGE, CANCEL_MESSAGE, TASK_TITLE, "1.234,56", "Seite 2"];
    const documentNames = Object.values(CATEGORY_GERMAN).filter((name) => name !== "Sonstige Unterlagen");
    const de = (await import("../locales/de/uploads.json")).default as { categories: Record<string, string> };
    const receiptSubject = "Ihr Antrag auf Grundsicherungsgeld";
    for (const mail of mails) {
      const content = `${mail.subject}\n${mail.text}`;
      for (const secret of secrets) expect(content, `${mail.subject}: ${secret}`).not.toContain(secret);
      // The receipt lists what she handed over (her own choice); no other mail names a document.
      if (mail.subject.startsWith(receiptSubject)) continue;
      for (const name of [...documentNames, ...Object.values(de.categories)]) expect(content, `${mail.subject}: ${name}`).not.toContain(name);
    }
    // The notices say where to read it.
    expect(mails.some((m) => m.subject.includes("Es gibt Neues") && m.text.includes(`https://portal.example/antrag/${id}/status`))).toBe(true);
  });
});

describe(`the Kooperationsplan form and the activation letter (${testDbKind()})`, () => {
  let integration: Person;
  let caseId: string;

  beforeAll(async () => {
    const account = `integration.${Date.now().toString(36)}@jobcenter.example`;
    const created = await runAdmin(server.env, ["create-staff", "--email", account, "--name", "Herr Integration", "--roles", "integration"]);
    expect(created.code, created.stderr).toBe(0);
    const password = /^Password: (\S+)$/m.exec(created.stdout)![1];
    const secret = base32Decode(/^TOTP secret: ([A-Z2-7]+)$/m.exec(created.stdout)![1])!;
    integration = new Person(server.url);
    expect((await integration.send("/backoffice/anmelden", { email: account, password, code: hotp(secret, totpCounter(Date.now())) })).status).toBe(302);
  }, 60_000);

  it("prints the activation code as a letter (PDF with the code, the identifiers and the address typed for it) (§ 14)", async () => {
    const kundennummer = `K${Date.now().toString(36).toUpperCase()}`;
    const created = await integration.send("/backoffice/faelle", { kundennummer, bgNummer: "12345BG0099" });
    expect(created.status).toBe(200);
    const html = await created.text();
    const code = /Code: ([A-Z0-9-]{12,20})/.exec(visibleText(html))![1];
    caseId = /\/backoffice\/faelle\/([0-9a-f-]{36})/.exec(html)![1];
    const expiresAt = /name="expiresAt" value="([^"]+)"/.exec(html)![1];
    const letter = await integration.send("/backoffice/faelle/aktivierungsbrief", { caseId, code, expiresAt, address: "Maria Muster\nHauptstraße 1\n41844 Wegberg" }, "/backoffice/faelle");
    expect(
      letter.status,
      server
        .output()
        .split("\n")
        .filter((l) => l.includes('"level":50'))
        .slice(-3)
        .join("\n"),
    ).toBe(200);
    expect(letter.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(await letter.arrayBuffer()));
    for (const part of [code, kundennummer, "12345BG0099", "Maria Muster", "41844 Wegberg", "/mein-fall/verknuepfen", "Jobcenter Kreis Heinsberg"]) expect(text).toContain(part);
    // A code that cannot be one, or another case: no letter.
    expect((await integration.send("/backoffice/faelle/aktivierungsbrief", { caseId, code: "NOPE", expiresAt, address: "" }, "/backoffice/faelle")).status).toBe(404);
    const detachLocal = await attachInProcessDatabase(server.env);
    try {
      const { readAudit } = await import("../app/platform/audit/audit.server");
      const entries = await readAudit({ recordType: "case", recordId: caseId });
      expect(entries.some((e) => e.operation === "case.activation-letter")).toBe(true);
      expect(JSON.stringify(entries)).not.toContain("Maria Muster");
    } finally {
      await detachLocal();
    }
  });

  it("starts with the Träger's Rechtsfolgenbelehrung, names each task in the error summary and links to its field (§ 14)", async () => {
    const path = `/backoffice/faelle/${caseId}`;
    const page = await integration.html(path);
    expect(page).toContain("§ 31a SGB II");
    expect(page).toContain("Meldeversäumnis (§ 32 SGB II)");
    expect(visibleText(page)).not.toContain("Titel-Kennzeichen");
    const refused = await integration.send(path, {
      taskCount: "2",
      goals: "Arbeit im Lager",
      rechtsfolgenbelehrung: "Rechtsfolgenbelehrung.",
      "task0.title": "Sechs Bewerbungen",
      "task0.kind": "applications",
      "task0.legal": "",
      "task1.title": "Termin beim Arbeitgeberservice",
      "task1.kind": "appointment",
      "task1.legal": "",
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    const summary = html.slice(html.indexOf("error-summary"), html.indexOf("</ul>", html.indexOf("error-summary")));
    expect(visibleText(summary)).toContain("Aufgabe 1 „Sechs Bewerbungen“ – Rechtsfolgen bei Nichterfüllung");
    expect(visibleText(summary)).toContain("Aufgabe 2 „Termin beim Arbeitgeberservice“ – Rechtsfolgen bei Nichterfüllung");
    expect(summary).toContain('href="#field-task0-legal"');
    expect(summary).toContain('href="#field-task1-legal"');
    expect(html).toContain('id="field-task1-legal"');
    // "Vorlage einsetzen" without JavaScript: the template replaces the text, everything typed stays.
    const filled = await integration.send(path, {
      intent: "template",
      template: "plan-allgemein-2026",
      taskCount: "2",
      goals: "Arbeit im Lager",
      rechtsfolgenbelehrung: "",
      "task0.title": "Sechs Bewerbungen",
    });
    expect(filled.status).toBe(200);
    const filledHtml = await filled.text();
    expect(filledHtml).toContain("Pflichtverletzung (§ 31 SGB II)");
    expect(filledHtml).toContain("Sechs Bewerbungen");
  });
});
