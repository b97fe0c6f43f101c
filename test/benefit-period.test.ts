import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess } from "./support/api";
import { signedIn, type Person } from "./support/applicant";
import { attachInProcessDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The approval period of a case (issue 14, part 1): the back office sets it through the API
// (audited, idempotent), the person sees it on /konto and in Mein Fall, and is reminded to renew
// eight and four weeks before it ends — once each, through the real SMTP server, in her
// language with German below, with a notice and a link only. SQLite, and PostgreSQL with
// TEST_DATABASE_URL.

let smtp: TestSmtp;
let server: TestServer;
let detach: (() => Promise<void>) | null = null;
let backOffice: ApiClient;
let noCasesScope: ApiClient;
let cases: Awaited<typeof import("~/features/cases/index.server")>;
let dbModule: Awaited<typeof import("../app/platform/db/db.server")>;

function berlinDate(offsetDays: number, from = new Date()): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(from);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

async function newCase(): Promise<{ caseId: string; activationCode: string }> {
  const ids = { kundennummer: `123D${crypto.randomBytes(3).toString("hex")}`, bgNummer: `12345BG${crypto.randomBytes(2).toString("hex")}` };
  const response = await backOffice.post("/api/v1/cases", ids);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { caseId: string; activationCode: string };
}

async function linkedPerson(language: string, activationCode: string): Promise<{ person: Person; email: string }> {
  const { person, email } = await signedIn(server, smtp, language);
  expect((await person.send("/mein-fall/verknuepfen", { code: activationCode })).status).toBe(302);
  return { person, email };
}

function put(caseId: string, body: unknown, headers?: Record<string, string>) {
  return backOffice.request("PUT", `/api/v1/cases/${caseId}/benefit-period`, { body, headers });
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0", REMINDER_POLL_SECONDS: "3600" });
  detach = await attachInProcessDatabase(server.env);
  dbModule = await import("../app/platform/db/db.server");
  cases = await import("~/features/cases/index.server");
  backOffice = new ApiClient(server, await createKeyInProcess("Fachverfahren Fälle", ["cases:write"]));
  noCasesScope = new ApiClient(server, await createKeyInProcess("Nur Anträge", ["applications:read"]));
}, 120_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

describe("PUT/GET /api/v1/cases/{caseId}/benefit-period", () => {
  it("needs cases:write, knows only existing cases and refuses an impossible period", async () => {
    const c = await newCase();
    const period = { from: "2026-07-01", to: "2027-06-30" };
    expect((await new ApiClient(server, null).request("PUT", `/api/v1/cases/${c.caseId}/benefit-period`, { body: period })).status).toBe(401);
    expect((await noCasesScope.request("PUT", `/api/v1/cases/${c.caseId}/benefit-period`, { body: period })).status).toBe(403);
    expect((await put("00000000-0000-4000-8000-000000000000", period)).status).toBe(404);
    expect((await backOffice.get(`/api/v1/cases/${c.caseId}/benefit-period`)).status).toBe(404);
    const backwards = await put(c.caseId, { from: "2026-07-01", to: "2026-06-30" });
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("to");
    expect((await put(c.caseId, { from: "2026-07-01", to: "2028-12-31" })).status).toBe(400);
    expect((await put(c.caseId, { from: "1.7.2026", to: "2027-06-30" })).status).toBe(400);
    expect((await put(c.caseId, { ...period, amount: 563 })).status).toBe(400);
  });

  it("sets the period idempotently and audits every call with whether it changed anything", async () => {
    const c = await newCase();
    const period = { from: berlinDate(-100), to: berlinDate(265) };
    const first = await put(c.caseId, period);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toEqual({ caseId: c.caseId, ...period, renewal: "running", linked: false });
    const again = await put(c.caseId, period);
    expect(again.status).toBe(200);
    const replay = await put(c.caseId, period, { "Idempotency-Key": "period-1" });
    const replayed = await put(c.caseId, period, { "Idempotency-Key": "period-1" });
    expect(replay.status).toBe(200);
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
    const got = await backOffice.get(`/api/v1/cases/${c.caseId}/benefit-period`);
    expect(await got.json()).toEqual({ caseId: c.caseId, ...period, renewal: "running", linked: false });
    const db = await dbModule.getDb();
    const audits = await db.selectFrom("audit_log").select(["operation", "details"]).where("record_id", "=", c.caseId).where("operation", "like", "benefit-period.%").orderBy("seq").execute();
    expect(audits.map((a) => [a.operation, (JSON.parse(a.details) as { changed?: boolean }).changed])).toEqual([
      ["benefit-period.set", true],
      ["benefit-period.set", false],
      ["benefit-period.set", false],
      ["benefit-period.read", undefined],
    ]);
  });
});

describe("the person sees the period and is reminded to renew", () => {
  it("shows the period on /konto and Mein Fall; nothing to do while it runs", async () => {
    const c = await newCase();
    const { person } = await linkedPerson("en", c.activationCode);
    expect((await put(c.caseId, { from: berlinDate(-30), to: berlinDate(335) })).status).toBe(200);
    const konto = await person.text("/konto");
    expect(konto).toContain("Your Grundsicherungsgeld is approved until");
    expect(konto).toMatch(/approval period \( ?Bewilligungszeitraum ?\)/);
    expect(konto).not.toContain("Hand in the application to continue benefits");
    const myCase = await person.text("/mein-fall");
    expect(myCase).toContain("Your Grundsicherungsgeld is approved from");
  });

  it("eight and four weeks before the end: 'renew now' and one mail each, in Arabic with German below, without the period's data", async () => {
    const c = await newCase();
    const { person, email } = await linkedPerson("ar", c.activationCode);
    const to = berlinDate(50);
    expect((await put(c.caseId, { from: berlinDate(-315), to })).status).toBe(200);

    const konto = await person.html("/konto");
    expect(konto).toContain('href="/mein-fall#bewilligungszeitraum"');
    expect(konto).toContain("Weiterbewilligungsantrag");
    const myCase = await person.text("/mein-fall");
    expect(myCase).toContain("تنتهي الفترة في");

    // Two passes at once (two processes): one mail.
    const runs = await Promise.all([cases.sendDueRenewalReminders(), cases.sendDueRenewalReminders()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    const first = await smtp.waitFor(email, (m) => m.text.includes("/konto"));
    expect(first.subject).toContain("تذكير");
    expect(first.subject).toContain("Weiterbewilligungsantrag rechtzeitig stellen");
    expect(first.text).toContain("— Deutsch —");
    // A notice and a link: no dates or amounts of the decision in the mail.
    const [y, m, d] = to.split("-");
    expect(first.text).not.toContain(to);
    expect(first.text).not.toContain(`${d}.${m}.${y}`);
    expect(await cases.sendDueRenewalReminders()).toBe(0);

    // Four weeks before the end (the clock advanced 30 days): the second reminder, once.
    const later = new Date(Date.now() + 30 * 86_400_000);
    expect(await cases.sendDueRenewalReminders(later)).toBe(1);
    expect(await cases.sendDueRenewalReminders(later)).toBe(0);
    await smtp.waitFor(email, (mail) => mail.text.includes("/konto") && mail.headers["message-id"] !== first.headers["message-id"]);
    const db = await dbModule.getDb();
    const claimed = await db.selectFrom("case_renewal_reminders").select(["kind", "sent_at"]).where("case_id", "=", c.caseId).orderBy("kind").execute();
    expect(claimed.map((r) => r.kind)).toEqual([`w4:${to}`, `w8:${to}`]);
    expect(claimed.every((r) => r.sent_at)).toBe(true);

    // After the end: no more reminders; /konto says apply again.
    const after = new Date(Date.now() + 60 * 86_400_000);
    expect(await cases.sendDueRenewalReminders(after)).toBe(0);
  });

  it("a period set four weeks before its end gets one reminder, not two", async () => {
    const c = await newCase();
    const { email } = await linkedPerson("de", c.activationCode);
    expect((await put(c.caseId, { from: berlinDate(-160), to: berlinDate(20) })).status).toBe(200);
    expect(await cases.sendDueRenewalReminders()).toBe(1);
    expect(await cases.sendDueRenewalReminders()).toBe(0);
    const mail = await smtp.waitFor(email, (m) => m.text.includes("/konto"));
    expect(mail.subject).toBe("Erinnerung: Weiterbewilligungsantrag rechtzeitig stellen");
    expect(mail.text).not.toContain("— Deutsch —");
  });

  it("after the period ended, /konto asks to apply again", async () => {
    const c = await newCase();
    const { person } = await linkedPerson("de", c.activationCode);
    expect((await put(c.caseId, { from: berlinDate(-200), to: berlinDate(-3) })).status).toBe(200);
    const konto = await person.html("/konto");
    expect(konto).toContain("Ihr Bewilligungszeitraum ist am");
    expect(konto).toMatch(/<a href="\/antrag" class="button">Neuen Antrag stellen<\/a>/);
    expect(await cases.sendDueRenewalReminders()).toBe(0);
  });
});
