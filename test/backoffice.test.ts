import crypto from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Decode, hotp, totpCounter } from "../app/domain/staff/totp";
import { applicationIdFrom, fillAll, Person, signedIn, submittedApplication } from "./support/applicant";
import { runAdmin } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The staff inbox (/backoffice) against the real server, on SQLite and PostgreSQL: accounts from
// the admin command, sign-in with password and TOTP, the inbox of submitted applications, one
// application with its PDF, the audit log, sign-out and disabled accounts.

let smtp: TestSmtp;
let server: TestServer;

interface StaffCredentials {
  email: string;
  password: string;
  secret: Buffer;
}

let staffCounter = 0;
async function createStaff(roles: string): Promise<StaffCredentials> {
  const email = `sachbearbeitung.${++staffCounter}.${Date.now().toString(36)}@jobcenter.example`;
  const result = await runAdmin(server.env, ["create-staff", "--email", email, "--name", `Frau Test ${staffCounter}`, "--roles", roles]);
  expect(result.code, result.stderr).toBe(0);
  const password = /^Password: (\S+)$/m.exec(result.stdout)?.[1];
  const secret = /^TOTP secret: ([A-Z2-7]+)$/m.exec(result.stdout)?.[1];
  expect(result.stdout).toMatch(/^TOTP \(authenticator app\): otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+&issuer=/m);
  return { email, password: password!, secret: base32Decode(secret!)! };
}

/** The code an authenticator app shows now, or for the next 30-second step. */
function code(staff: StaffCredentials, step = 0): string {
  return hotp(staff.secret, totpCounter(Date.now()) + step);
}

async function signInStaff(staff: StaffCredentials, step = 0): Promise<Person> {
  const client = new Person(server.url);
  const response = await client.send("/backoffice/anmelden", { email: staff.email, password: staff.password, code: code(staff, step) });
  expect(response.status, visibleText(await response.clone().text())).toBe(302);
  expect(response.headers.get("location")).toBe("/backoffice");
  expect(response.headers.getSetCookie().join("\n")).toMatch(/staff_sid=.+; Path=\/backoffice; HttpOnly; SameSite=Strict/);
  return client;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("staff accounts on the command line", () => {
  it("refuses an unknown role and a second account for the same address; lists without secrets", async () => {
    const bad = await runAdmin(server.env, ["create-staff", "--email", "x@jobcenter.example", "--name", "X", "--roles", "leistung,chef"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown role "chef"');
    const staff = await createStaff("leistung");
    const again = await runAdmin(server.env, ["create-staff", "--email", staff.email.toUpperCase(), "--name", "Y", "--roles", "leistung"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists already");
    const list = await runAdmin(server.env, ["list-staff"]);
    expect(list.stdout).toContain(staff.email);
    expect(list.stdout).not.toContain(staff.password);
    expect(list.stdout).not.toMatch(/argon2/);
  });
});

describe("staff sign-in", () => {
  it("sends a visitor to the staff sign-in, in German whatever language they chose", async () => {
    const visitor = new Person(server.url, "ar");
    const response = await visitor.get("/backoffice?lng=ar");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/backoffice/anmelden?redirectTo=%2Fbackoffice%3Flng%3Dar");
    const html = await visitor.html("/backoffice/anmelden");
    expect(html).toContain('<html lang="de" dir="ltr"');
    expect(visibleText(html)).toContain("Anmeldung für Mitarbeitende");
    expect(visibleText(html)).not.toContain("العربية"); // no language switcher in the staff area
  });

  it("needs password and a fresh TOTP code; one answer for every wrong part; a code works once", async () => {
    const staff = await createStaff("leistung");
    const client = new Person(server.url);
    for (const wrong of [
      { email: staff.email, password: "falsch falsch falsch", code: code(staff) },
      { email: staff.email, password: staff.password, code: String((Number(code(staff)) + 1) % 1_000_000).padStart(6, "0") },
      { email: "niemand@jobcenter.example", password: staff.password, code: code(staff) },
    ]) {
      const response = await client.send("/backoffice/anmelden", wrong);
      expect(response.status).toBe(400);
      const text = visibleText(await response.text());
      expect(text).toContain("E-Mail-Adresse, Passwort oder Einmalcode stimmen nicht");
    }
    const missing = await client.send("/backoffice/anmelden", { email: staff.email, password: staff.password, code: "12" });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(visibleText(missingHtml)).toContain("Geben Sie den Einmalcode mit 6 Ziffern ein.");
    expect(missingHtml).toContain(`value="${staff.email}"`); // what was typed stays

    const used = code(staff, 1);
    const first = await client.send("/backoffice/anmelden", { email: staff.email, password: staff.password, code: used });
    expect(first.status).toBe(302);
    const replay = await new Person(server.url).send("/backoffice/anmelden", { email: staff.email, password: staff.password, code: used });
    expect(replay.status).toBe(400);
  });

  it("limits wrong attempts per account and client address; the staff member signs in from another address", async () => {
    const staff = await createStaff("integration");
    const client = new Person(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.send("/backoffice/anmelden", { email: staff.email, password: "falsch falsch", code: "000000" })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    // The locked address stays locked, even with the right password and code …
    const locked = await client.send("/backoffice/anmelden", { email: staff.email, password: staff.password, code: code(staff) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // … but the staff member, from their own address, is not locked out.
    await signInStaff(staff, 1);
  });

  it("an applicant's session is not a staff session", async () => {
    const { person } = await signedIn(server, smtp, "de");
    const response = await person.get("/backoffice");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/backoffice\/anmelden/);
  });
});

describe("the inbox", () => {
  let staff: StaffCredentials;
  let client: Person;
  let applicationId: string;
  let draftId: string;

  beforeAll(async () => {
    ({ id: applicationId } = await submittedApplication(server, smtp, "ar"));
    const drafter = await signedIn(server, smtp, "de");
    const location = (await drafter.person.send("/antrag", {})).headers.get("location") ?? "";
    draftId = /\/antrag\/([0-9a-f-]{36})\//.exec(location)![1];
    staff = await createStaff("leistung");
    client = await signInStaff(staff);
  });

  it("lists submitted applications (not drafts) with the applicant, the Standort and the language", async () => {
    const html = await client.html("/backoffice");
    const text = visibleText(html);
    expect(text).toContain("Eingang: eingereichte Anträge");
    expect(html).toContain(`/backoffice/antraege/${applicationId}`);
    expect(html).not.toContain(draftId);
    expect(text).toContain("مريم حداد");
    expect(text).toContain("Erkelenz/Wegberg");
    expect(text).toContain("العربية");
  });

  it("filters by Standort and date, and says what is wrong with a bad date", async () => {
    expect(await client.html("/backoffice?standort=erkelenz-wegberg")).toContain(applicationId);
    expect(await client.html("/backoffice?standort=hueckelhoven-wassenberg")).not.toContain(applicationId);
    expect(await client.html("/backoffice?seit=01.01.2099")).not.toContain(applicationId);
    const bad = visibleText(await client.html("/backoffice?seit=gestern"));
    expect(bad).toContain("Geben Sie ein Datum wie 01.03.2026 ein.");
  });

  it("shows one application with every answer in German, and its PDF", async () => {
    const text = visibleText(await client.html(`/backoffice/antraege/${applicationId}`));
    expect(text).toMatch(/Antrag A-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(text).toContain("Oleksandr");
    expect(text).toContain("DE89 3704 0044 0532 0130 00");
    expect(text).toContain("العربية");
    const pdf = await client.get(`/backoffice/antraege/${applicationId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await client.get(`/backoffice/antraege/${draftId}`)).status).toBe(404);
    expect((await client.get(`/backoffice/antraege/${draftId}/pdf`)).status).toBe(404);
  });

  it("writes each read to the audit log under the staff account's id, without personal data", async () => {
    const audit = await runAdmin(server.env, ["audit", "--json"]);
    const entries = audit.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { actorType: string; actor: string; operation: string; recordId: string | null; details: unknown });
    const staffEntries = entries.filter((e) => e.actorType === "staff");
    expect(staffEntries.some((e) => e.operation === "application.read" && e.recordId === applicationId)).toBe(true);
    expect(staffEntries.some((e) => e.operation === "application.pdf" && e.recordId === applicationId)).toBe(true);
    expect(staffEntries.some((e) => e.operation === "application.list")).toBe(true);
    const dump = JSON.stringify(staffEntries);
    expect(dump).not.toContain(staff.email);
    expect(dump).not.toContain("حداد");
  });

  it("signing out ends the session; a disabled account's sessions end at once", async () => {
    const other = await signInStaff(staff, 1);
    expect((await other.get("/backoffice")).status).toBe(200);
    const out = await other.send("/backoffice/abmelden", {}, "/backoffice");
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/backoffice/anmelden?hinweis=abgemeldet");
    expect((await other.get("/backoffice")).status).toBe(302);

    expect((await client.get("/backoffice")).status).toBe(200);
    const disabled = await runAdmin(server.env, ["disable-staff", "--email", staff.email]);
    expect(disabled.code).toBe(0);
    expect((await client.get("/backoffice")).status).toBe(302);
  });

  it("keeps the TOTP secret sealed in the database", async () => {
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const db = await getDb();
      const rows = await db.selectFrom("staff_users").select(["totp_secret", "password_hash"]).execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.totp_secret).toMatch(/^v1\./);
        expect(row.password_hash).toMatch(/^\$argon2id\$/);
      }
    } finally {
      await detach();
    }
  });
});

describe("cases and the Kooperationsplan (role Integration)", () => {
  it("is only for Integration", async () => {
    const clerk = await signInStaff(await createStaff("leistung"));
    expect((await clerk.get("/backoffice/faelle")).status).toBe(403);
  });

  it("creates a case with a code for the letter, publishes a plan the linked person sees, and reads their evidence", async () => {
    const staff = await signInStaff(await createStaff("integration"));
    const kundennummer = `K${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
    const bad = await staff.send("/backoffice/faelle", { kundennummer: "", bgNummer: "12345BG1" });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Geben Sie die Kundennummer ein");
    const created = await staff.send("/backoffice/faelle", { kundennummer, bgNummer: "12345BG0012345" });
    expect(created.status).toBe(200);
    const createdHtml = await created.text();
    const code = /Code: ([A-Z0-9-]{12,20})/.exec(visibleText(createdHtml))![1];
    const caseId = /\/backoffice\/faelle\/([0-9a-f-]{36})/.exec(createdHtml)![1];
    expect(visibleText(await staff.html(`/backoffice/faelle?q=${kundennummer}`))).toContain(kundennummer);

    // The person links their account with the code from the letter.
    const { person } = await signedIn(server, smtp, "ru");
    expect((await person.send("/mein-fall/verknuepfen", { code })).status).toBe(302);

    // A plan with one task that needs evidence; a missing legal-consequences text keeps what was typed.
    const casePath = `/backoffice/faelle/${caseId}`;
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10).split("-").reverse().join(".");
    const plan = {
      taskCount: "2",
      goals: "Eine Arbeit als Lagerhelfer finden\nDeutsch B1",
      commitments: "Übernimmt die Fahrtkosten zu Vorstellungsgesprächen",
      rechtsfolgenbelehrung: "Wenn Sie ohne wichtigen Grund Pflichten nicht erfüllen, kann das Bürgergeld gemindert werden (§ 31a SGB II).",
      "task0.title": "6 Bewerbungen im Monat",
      "task0.kind": "applications",
      "task0.due": due,
      "task0.repeat": "monthly",
      "task0.count": "3",
      "task0.evidence": "1",
      "task0.legal": "",
    };
    const refused = await staff.send(casePath, plan);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(visibleText(refusedHtml)).toContain("Geben Sie die Rechtsfolgen für diese Aufgabe ein.");
    expect(refusedHtml).toContain("6 Bewerbungen im Monat");
    const published = await staff.send(casePath, { ...plan, "task0.legal": "Minderung um 10 Prozent (§ 31a SGB II)." });
    expect(published.status).toBe(302);
    expect(published.headers.get("location")).toBe(`${casePath}?veroeffentlicht=1`);

    const mine = await person.html("/mein-fall");
    expect(visibleText(mine)).toContain("6 Bewerbungen im Monat");
    const taskId = /\/mein-fall\/aufgaben\/([0-9a-f-]{36})/.exec(mine)![1];
    const photo = await sharp({ create: { width: 200, height: 150, channels: 3, background: "#aa3366" } })
      .jpeg()
      .toBuffer();
    const done = await person.upload(`/mein-fall/aufgaben/${taskId}`, { intent: "done" }, { field: "evidence", name: "bewerbungen.jpg", type: "image/jpeg", bytes: photo });
    expect(done.status).toBe(302);

    const view = await staff.html(casePath);
    expect(visibleText(view)).toContain("erledigt am");
    const evidencePath = /href="(\/backoffice\/faelle\/[0-9a-f-]{36}\/nachweise\/[0-9a-f-]{36})"/.exec(view)![1];
    const file = await staff.get(evidencePath);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 2).toString("hex")).toBe("ffd8"); // a JPEG (photos are re-encoded, metadata removed)
    // The evidence of this case is not reachable through another case.
    const other = await staff.send("/backoffice/faelle", { kundennummer: `${kundennummer}X`, bgNummer: "999BG1" });
    const otherId = /\/backoffice\/faelle\/([0-9a-f-]{36})/.exec(await other.text())![1];
    expect((await staff.get(evidencePath.replace(caseId, otherId))).status).toBe(404);

    const audit = await runAdmin(server.env, ["audit", "--json"]);
    for (const operation of ["case.create", "cooperation-plan.publish", "task-evidence.read"]) expect(audit.stdout).toContain(`"operation":"${operation}"`);
    expect(audit.stdout).not.toContain(code);
  });
});

describe("working on an application (role Leistung)", () => {
  let id: string;
  let applicant: Person;
  let clerk: Person;

  beforeAll(async () => {
    ({ person: applicant } = await signedIn(server, smtp, "tr"));
    id = applicationIdFrom((await applicant.send("/antrag", {})).headers.get("location"));
    await fillAll(applicant, id);
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#3366aa" } })
      .jpeg()
      .toBuffer();
    const uploaded = await applicant.upload(`/antrag/${id}/unterlagen`, { item: "identity.p1" }, { field: "files", name: "kimlik.jpg", type: "image/jpeg", bytes: photo });
    expect(uploaded.status).toBeLessThan(400);
    expect((await applicant.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
    clerk = await signInStaff(await createStaff("leistung"));
  });

  it("shows the checklist and opens a handed-over document in the browser", async () => {
    const page = await clerk.html(`/backoffice/antraege/${id}`);
    // The one state of the item, worded as the person reads it (checklist-state.ts).
    expect(visibleText(page)).toMatch(/Personalausweis oder Reisepass für .+?: Hochgeladen · 1 Datei Frist:/);
    const link = /href="(\/backoffice\/antraege\/[0-9a-f-]{36}\/unterlagen\/[0-9a-f-]{36})"/.exec(page)![1];
    const file = await clerk.get(link);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(file.headers.get("content-disposition")).toMatch(/^inline/);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 2)
        .toString("hex"),
    ).toBe("ffd8");
  });

  it("sets the status with a message the applicant sees, and the inbox filters by it", async () => {
    const refused = await clerk.send(`/backoffice/antraege/${id}`, { intent: "status", status: "eingegangen", message: "" });
    expect(refused.status).toBe(400);
    const saved = await clerk.send(`/backoffice/antraege/${id}`, { intent: "status", status: "unterlagen-fehlen", message: "Bitte reichen Sie die Kontoauszüge nach." });
    expect(saved.status).toBe(302);
    expect(visibleText(await clerk.html(`/backoffice/antraege/${id}`))).toContain("Bitte reichen Sie die Kontoauszüge nach.");
    expect(await applicant.text(`/antrag/${id}/status`)).toContain("Bitte reichen Sie die Kontoauszüge nach.");
    expect(await clerk.html("/backoffice?stand=unterlagen-fehlen")).toContain(id);
    expect(await clerk.html("/backoffice?stand=eingegangen")).not.toContain(id);
    expect(await clerk.html("/backoffice?stand=entschieden")).not.toContain(id);
  });

  it("requests a document with a due date (errors keep the text), which the applicant sees", async () => {
    const description = "Kontoauszüge aller Konten der letzten drei Monate";
    const past = await clerk.send(`/backoffice/antraege/${id}`, { intent: "request", documents: ["bank-statements:household"], description, dueDate: "01.01.2020" });
    expect(past.status).toBe(400);
    const pastHtml = await past.text();
    expect(visibleText(pastHtml)).toContain("Das Datum liegt in der Vergangenheit.");
    expect(pastHtml).toContain(description);
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10).split("-").reverse().join(".");
    const saved = await clerk.send(`/backoffice/antraege/${id}`, { intent: "request", documents: ["bank-statements:household"], description, dueDate: due });
    expect(saved.status).toBe(302);
    expect(await applicant.text(`/antrag/${id}/status`)).toContain(description);
    const audit = await runAdmin(server.env, ["audit", "--json"]);
    for (const operation of ["application.status", "application.document-request", "application.attachment.read"]) expect(audit.stdout).toContain(`"operation":"${operation}"`);
    expect(audit.stdout).not.toContain("Kontoauszüge");
  });

  it("lets Integration read but not change", async () => {
    const reader = await signInStaff(await createStaff("integration"));
    const page = await reader.html(`/backoffice/antraege/${id}`);
    expect(page).not.toContain('value="status"');
    expect((await reader.send(`/backoffice/antraege/${id}`, { intent: "status", status: "entschieden", message: "" })).status).toBe(403);
  });
});
