import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess } from "./support/api";
import { signedIn, type Person } from "./support/applicant";
import { attachInProcessDatabase } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import { signedInStaff } from "./support/staff";

// Asking to be away (issue 14 §3, § 7b SGB II) through the real pages and the API: the rules
// shown before sending, errors that keep what was typed, one request per form even when sent
// twice, the back office's decision round trip with a mail that says only that there is a
// decision, and nothing for someone whose account is not linked to a case. SQLite, and
// PostgreSQL with TEST_DATABASE_URL.

let smtp: TestSmtp;
let server: TestServer;
let detach: (() => Promise<void>) | null = null;
let backOffice: ApiClient;
let readOnly: ApiClient;
let dbModule: Awaited<typeof import("../app/platform/db/db.server")>;

/** A stretch of `days` days starting about `offsetDays` from now within one calendar year (a later start if it would cross New Year). */
function withinOneYear(offsetDays: number, days: number): { from: string; to: string } {
  const start = new Date(Date.now() + offsetDays * 86_400_000);
  const end = new Date(start.getTime() + (days - 1) * 86_400_000);
  const s = start.getUTCFullYear() === end.getUTCFullYear() ? start : new Date(Date.UTC(end.getUTCFullYear(), 0, 2));
  const e = new Date(s.getTime() + (days - 1) * 86_400_000);
  const german = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`;
  return { from: german(s), to: german(e) };
}

function berlinGerman(offsetDays: number): string {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(Date.now() + offsetDays * 86_400_000));
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

async function linkedPerson(language: string): Promise<{ person: Person; email: string; caseId: string }> {
  const ids = { kundennummer: `123D${crypto.randomBytes(3).toString("hex")}`, bgNummer: `12345BG${crypto.randomBytes(2).toString("hex")}` };
  const created = await backOffice.post("/api/v1/cases", ids);
  expect(created.status).toBe(201);
  const { caseId, activationCode } = (await created.json()) as { caseId: string; activationCode: string };
  const { person, email } = await signedIn(server, smtp, language);
  expect((await person.send("/mein-fall/verknuepfen", { code: activationCode })).status).toBe(302);
  return { person, email, caseId };
}

/** The form's one-time token, as the page renders it. */
async function token(person: Person): Promise<string> {
  const html = await person.html("/abwesenheit/neu");
  return /name="token" value="([^"]+)"/.exec(html)![1];
}

interface AbsenceJson {
  id: string;
  reference: string;
  caseId: string;
  from: string;
  to: string;
  days: number;
  destination: string;
  reason: string;
  reachable: string;
  status: string;
  decisionMessage: string | null;
}

async function pending(caseId: string): Promise<AbsenceJson[]> {
  const response = await backOffice.get(`/api/v1/absence-requests?status=pending&caseId=${caseId}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: AbsenceJson[] }).items;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0" });
  detach = await attachInProcessDatabase(server.env);
  dbModule = await import("../app/platform/db/db.server");
  backOffice = new ApiClient(server, await createKeyInProcess("Fachverfahren Fälle", ["cases:write"]));
  readOnly = new ApiClient(server, await createKeyInProcess("Nur lesen", ["applications:read"]));
}, 120_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

describe("asking to be away", () => {
  it("without a linked case: the rules and how to link, no form", async () => {
    const { person } = await signedIn(server, smtp, "de");
    const page = await person.text("/abwesenheit");
    expect(page).toContain("Fragen Sie möglichst 7 Tage vor der Abreise");
    expect(page).toContain("Aktivierungscode");
    const form = await person.get("/abwesenheit/neu");
    expect(form.status).toBe(302);
    expect(form.headers.get("location")).toBe("/abwesenheit");
  });

  it("refuses impossible dates with named errors and keeps what was typed, in Arabic, with Arabic-Indic digits", async () => {
    const { person } = await linkedPerson("ar");
    const response = await person.send("/abwesenheit/neu", { token: await token(person), from: berlinGerman(-1), to: "٣١.٠٢.٢٠٢٧", destination: "abroad", reason: "", reachable: "0176 1234567" });
    expect(response.status).toBe(400);
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain("0176 1234567");
    expect(html).toContain('href="#field-from"');
    expect(html).toContain('href="#field-to"');
    expect(html).toContain('href="#field-reason"');
  });

  it("shows the rules' advice before sending, sends once even when the form is posted twice, and the back office decides", async () => {
    const { person, email, caseId } = await linkedPerson("en");
    // Three days' notice: advice, not a refusal.
    const early = { token: await token(person), from: berlinGerman(3), to: berlinGerman(5), destination: "germany", reason: "none", reachable: "" };
    const late = await person.send("/abwesenheit/neu", early);
    expect(late.status).toBe(200);
    expect(visibleText(await late.text())).toContain("less than 7 days until you leave");
    expect(await pending(caseId)).toHaveLength(0);
    expect((await person.send("/abwesenheit/neu", { ...early, confirmed: "1" })).status).toBe(302);
    const [short] = await pending(caseId);
    expect(short.days).toBe(3);
    // 31 days in one calendar year without an important reason: above three weeks, advice again.
    const form = { token: await token(person), ...withinOneYear(40, 31), destination: "abroad", reason: "none", reachable: "+90 532 000 0000" };
    const first = await person.send("/abwesenheit/neu", form);
    expect(first.status).toBe(200);
    expect(visibleText(await first.text())).toContain("more than 21 days without an important reason");
    expect(await pending(caseId)).toHaveLength(1);
    // "Send anyway", twice (a double click): one request.
    const [a, b] = await Promise.all([person.send("/abwesenheit/neu", { ...form, confirmed: "1" }), person.send("/abwesenheit/neu", { ...form, confirmed: "1" })]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.headers.get("location")).toBe(b.headers.get("location"));
    const items = (await pending(caseId)).filter((i) => i.id !== short.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ caseId, destination: "abroad", reason: "none", reachable: "+90 532 000 0000", status: "pending", days: 31, decisionMessage: null });
    const list = await person.text("/abwesenheit");
    expect(list).toContain(items[0].reference);
    expect(list).toContain("Not decided yet");

    // Where she goes and how she is reached are sealed at rest.
    const db = await dbModule.getDb();
    const row = await db.selectFrom("absence_requests").selectAll().where("id", "=", items[0].id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain("+90 532");

    // The decision: scope, validation, the round trip.
    const decide = (body: unknown, headers?: Record<string, string>) => backOffice.post(`/api/v1/absence-requests/${items[0].id}/decision`, body, headers);
    expect((await readOnly.post(`/api/v1/absence-requests/${items[0].id}/decision`, { decision: "approved" })).status).toBe(403);
    expect((await backOffice.post(`/api/v1/absence-requests/00000000-0000-4000-8000-000000000000/decision`, { decision: "approved" })).status).toBe(404);
    expect((await decide({ decision: "refused" })).status).toBe(400);
    const message = "Der Zustimmung stehen zwei Vorstellungsgespräche am 12.01. entgegen. Bitte melden Sie sich.";
    const decided = await decide({ decision: "refused", message });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(await decided.json()).toMatchObject({ status: "refused", decisionMessage: message });
    expect((await decide({ decision: "refused", message })).status).toBe(200);
    expect((await decide({ decision: "approved" })).status).toBe(409);

    const mail = await smtp.waitFor(email, (m) => m.text.includes("/abwesenheit"));
    expect(mail.text).not.toContain("Vorstellungsgespräche");
    expect(mail.text).not.toContain(items[0].from.slice(0, 4) + "-");
    const after = await person.text("/abwesenheit");
    expect(after).toContain("Not approved");
    expect(after).toContain("Vorstellungsgespräche");
    // One mail for the decision, though it was sent twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.to(email).filter((m) => m.text.includes("/abwesenheit"))).toHaveLength(1);
  });

  it("counts days without an important reason per year, and an important reason needs no advice", async () => {
    const { person, caseId } = await linkedPerson("de");
    const medical = await person.send("/abwesenheit/neu", { token: await token(person), from: berlinGerman(20), to: berlinGerman(60), destination: "germany", reason: "medical", reachable: "" });
    expect(medical.status).toBe(302);
    const [item] = await pending(caseId);
    expect(item).toMatchObject({ reason: "medical", destination: "germany", reachable: "", days: 41 });
    const list = await backOffice.get(`/api/v1/absence-requests?status=nonsense`);
    expect(list.status).toBe(400);
  });

  it("the Integration caseworker decides in the staff inbox: a refusal needs a reason; decided once; audited", async () => {
    const { person, email, caseId } = await linkedPerson("tr");
    const window = withinOneYear(30, 10);
    expect((await person.send("/abwesenheit/neu", { token: await token(person), ...window, destination: "abroad", reason: "none", reachable: "" })).status).toBe(302);
    const [item] = await pending(caseId);
    const clerk = await signedInStaff(server, "leistung");
    expect((await clerk.get("/backoffice/abwesenheiten")).status).toBe(403);
    const staff = await signedInStaff(server, "integration", "Herr Yıldız");
    const page = visibleText(await staff.html("/backoffice/abwesenheiten"));
    expect(page).toContain(item.reference);
    expect(page).toContain("Ausland");
    const refuse = await staff.send("/backoffice/abwesenheiten", { id: item.id, decision: "refused", [`message-${item.id}`]: "" });
    expect(refuse.status).toBe(400);
    const refused = await refuse.text();
    expect(visibleText(refused)).toContain("Nachricht an die Person: Geben Sie den Grund an");
    expect(refused).toContain(`href="#field-message-${item.id}"`);
    const ok = await staff.send("/backoffice/abwesenheiten", { id: item.id, decision: "approved", [`message-${item.id}`]: "Gute Reise. Bitte melden Sie sich am ersten Tag danach." });
    expect(ok.status).toBe(302);
    expect((await staff.send("/backoffice/abwesenheiten", { id: item.id, decision: "refused", [`message-${item.id}`]: "Doch nicht." })).status).toBe(400);
    const after = visibleText(await staff.html("/backoffice/abwesenheiten"));
    expect(after).toContain("zugestimmt");
    expect(after).toContain("Gute Reise");
    const mail = await smtp.waitFor(email, (m) => m.text.includes("/abwesenheit"));
    expect(mail.text).not.toContain("Gute Reise");
    expect(visibleText(await person.html("/abwesenheit"))).toContain("Gute Reise");
    const db = await dbModule.getDb();
    const audits = await db.selectFrom("audit_log").select(["operation", "actor_type", "details"]).where("record_id", "=", item.id).execute();
    expect(audits).toEqual([expect.objectContaining({ operation: "absence-request.decide", actor_type: "staff" })]);
    expect(audits[0].details).not.toContain("Gute Reise");
  });
});
