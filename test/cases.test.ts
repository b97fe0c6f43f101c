import crypto from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKey, createKeyInProcess, startReceiver, type Receiver } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";
import { linkIn, startTestSmtp, type TestSmtp } from "./support/smtp";

// Cases and the Kooperationsplan (issue 6) against the real server: activation codes, linking,
// the plan's versions, tasks done with evidence, task.completed to a real HTTP receiver,
// reminders through a real SMTP server. SQLite, and PostgreSQL with TEST_DATABASE_URL.

type Mod<T> = Awaited<T>;
let smtp: TestSmtp;
let server: TestServer;
let detach: (() => Promise<void>) | null = null;
let receiver: Receiver;
let cases: Mod<typeof import("~/features/cases/index.server")>;
let dbModule: Mod<typeof import("../app/platform/db/db.server")>;
let backOffice: ApiClient;
let noCasesScope: ApiClient;

let ipCounter = 0;
function nextIp(): string {
  ipCounter += 1;
  return `10.66.${Math.floor(ipCounter / 200)}.${(ipCounter % 200) + 1}`;
}

class Person extends Browserish {
  constructor(
    base: string,
    language = "de",
    readonly ip = nextIp(),
  ) {
    super(base, language);
  }
  override async get(pathname: string, init: RequestInit = {}): Promise<Response> {
    return super.get(pathname, { ...init, headers: { "X-Forwarded-For": this.ip, ...(init.headers as Record<string, string>) } });
  }
  async text(pathname: string): Promise<string> {
    return visibleText(await this.html(pathname));
  }
  override async post(pathname: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    body.append("_csrf", await this.csrf(pathname));
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: this.jar.header(), "Accept-Language": this.language, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": this.ip, Origin: this.base },
    });
    this.jar.store(response);
    return response;
  }
  /** A multipart form post (CSRF field first, as the page renders it). */
  async upload(pathname: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }): Promise<Response> {
    const form = new FormData();
    form.append("_csrf", await this.csrf(pathname));
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    if (file) form.append("evidence", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: this.jar.header(), "Accept-Language": this.language, "X-Forwarded-For": this.ip, Origin: this.base },
    });
    this.jar.store(response);
    return response;
  }
}

/** A confirmed, signed-in account. */
async function account(language = "de"): Promise<{ person: Person; email: string; userId: string }> {
  const person = new Person(server.url, language);
  const email = `fall.${crypto.randomBytes(4).toString("hex")}@beispiel.example`;
  const password = `Tulpe Kanu Nebel ${crypto.randomBytes(3).toString("hex")}`;
  expect((await person.post("/registrieren", { email, password })).status).toBe(302);
  const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
  const link = new URL(linkIn(mail, "/email-bestaetigen"));
  await person.get(link.pathname + link.search);
  expect((await person.post("/anmelden", { email, password })).status).toBe(302);
  const db = await dbModule.getDb();
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return { person, email, userId: user.id };
}

let caseCounter = 0;
async function newCase(): Promise<{ caseId: string; activationCode: string; expiresAt: string; kundennummer: string; bgNummer: string }> {
  caseCounter += 1;
  const ids = { kundennummer: `123D${String(100000 + caseCounter)}${crypto.randomBytes(2).toString("hex")}`, bgNummer: `12345BG${String(1000 + caseCounter)}` };
  const response = await backOffice.post("/api/v1/cases", ids);
  expect(response.status, await response.clone().text()).toBe(201);
  return { ...((await response.json()) as { caseId: string; activationCode: string; expiresAt: string }), ...ids };
}

function berlinDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

function planBody(overrides: Record<string, unknown> = {}) {
  return {
    goals: ["Aufnahme einer Beschäftigung im Lager"],
    jobcenterCommitments: ["Übernahme der Bewerbungskosten bis 260 Euro"],
    tasks: [
      {
        id: "bewerbungen",
        title: "6 Bewerbungen im Monat",
        description: "Bewerben Sie sich auf sozialversicherungspflichtige Stellen.",
        kind: "applications",
        recurrence: { frequency: "monthly", firstDueDate: berlinDate(20), count: 3 },
        evidenceRequired: true,
        legalConsequences: "Kommen Sie dieser Pflicht ohne wichtigen Grund nicht nach, kann das Bürgergeld gemindert werden (§ 31 SGB II).",
        explanations: { ru: "Если вы без уважительной причины не выполните это задание, Jobcenter может уменьшить ваше пособие." },
      },
      {
        id: "termin",
        title: "Termin bei der Arbeitsvermittlung wahrnehmen",
        kind: "appointment",
        dueDate: berlinDate(2),
        evidenceRequired: false,
        legalConsequences: "Meldeversäumnis: Minderung um 10 Prozent (§ 32 SGB II).",
      },
    ],
    rechtsfolgenbelehrung: "Rechtsfolgenbelehrung: Verletzen Sie Ihre Pflichten ohne wichtigen Grund, mindert sich Ihr Bürgergeld.",
    ...overrides,
  };
}

interface PlanJson {
  caseId: string;
  label: string;
  linked: boolean;
  version: number;
  readAt: string | null;
  goals: string[];
  tasks: Array<{
    id: string;
    title: string;
    occurrences: Array<{
      id: string;
      dueDate: string | null;
      status: string;
      completedAt: string | null;
      evidence: Array<{ id: string; filename: string; mediaType: string; size: number; sha512: string }>;
      helpRequests: Array<{ message: string }>;
    }>;
  }>;
}

async function getPlan(caseId: string): Promise<PlanJson> {
  const response = await backOffice.get(`/api/v1/cases/${caseId}/cooperation-plan`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as PlanJson;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  receiver = await startReceiver();
  server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0", REMINDER_POLL_SECONDS: "3600", WEBHOOK_POLL_MS: "100", WEBHOOK_RETRY_BASE_MS: "100" });
  detach = await attachInProcessDatabase(server.env);
  dbModule = await import("../app/platform/db/db.server");
  cases = await import("~/features/cases/index.server");
  // One key through the real command line, the others in-process (the CLI is tested elsewhere).
  backOffice = new ApiClient(server, await createKey(server, "Fachverfahren Fälle", ["cases:write", "applications:write", "webhooks:manage"]));
  noCasesScope = new ApiClient(server, await createKeyInProcess("Nur Anträge", ["applications:read", "applications:write"]));
  const hook = await backOffice.post("/api/v1/webhooks", { url: receiver.url, events: ["task.completed"] });
  expect(hook.status, await hook.clone().text()).toBe(201);
}, 120_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await receiver?.close();
  await smtp?.stop();
});

describe("cases and activation codes", () => {
  it("needs cases:write (401 without a key, 403 without the scope) and refuses unknown fields", async () => {
    expect((await new ApiClient(server, null).post("/api/v1/cases", { kundennummer: "1", bgNummer: "2" })).status).toBe(401);
    expect((await noCasesScope.post("/api/v1/cases", { kundennummer: "123", bgNummer: "456" })).status).toBe(403);
    expect((await noCasesScope.get("/api/v1/cases/00000000-0000-4000-8000-000000000000/cooperation-plan")).status).toBe(403);
    const bad = await backOffice.post("/api/v1/cases", { kundennummer: "123", bgNummer: "456", name: "x" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("name");
  });

  it("creates a case with a one-time code, idempotently, and audits it without the code", async () => {
    const ids = { kundennummer: "987D654321", bgNummer: "98765BG0000001" };
    const first = await backOffice.post("/api/v1/cases", ids, { "Idempotency-Key": "case-create-1" });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { caseId: string; activationCode: string; expiresAt: string };
    expect(created.activationCode).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(Date.parse(created.expiresAt)).toBeGreaterThan(Date.now() + 30 * 86_400_000);
    const replay = await backOffice.post("/api/v1/cases", ids, { "Idempotency-Key": "case-create-1" });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.json()).toEqual(created);
    // The same identifiers again (no key): the same case, a new code.
    const again = await backOffice.post("/api/v1/cases", ids);
    expect(again.status).toBe(200);
    const second = (await again.json()) as { caseId: string; activationCode: string };
    expect(second.caseId).toBe(created.caseId);
    expect(second.activationCode).not.toBe(created.activationCode);

    const db = await dbModule.getDb();
    const codes = await db.selectFrom("case_activation_codes").selectAll().where("case_id", "=", created.caseId).execute();
    expect(codes).toHaveLength(2);
    for (const row of codes) expect(row.code_hash).not.toContain(created.activationCode.replace(/-/g, ""));
    const audit = await db.selectFrom("audit_log").selectAll().where("operation", "=", "case.create").where("record_id", "=", created.caseId).execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain(created.activationCode);

    // The first code was replaced: it no longer works.
    const { person } = await account();
    const replaced = await person.post("/mein-fall/verknuepfen", { code: created.activationCode });
    expect(replaced.status).toBe(400);
    expect(visibleText(await replaced.text())).toContain("schon benutzt oder durch einen neueren ersetzt");
  });

  it("links an account with the code once; a reused, expired or wrong code gets a clear error", async () => {
    const c = await newCase();
    const { person } = await account("en");
    expect(await person.text("/mein-fall")).toContain("Enter activation code");
    const linked = await person.post("/mein-fall/verknuepfen", { code: c.activationCode.toLowerCase().replace(/-/g, " ") });
    expect(linked.status).toBe(302);
    expect(linked.headers.get("location")).toBe("/mein-fall?hinweis=verbunden");
    const page = await person.text("/mein-fall?hinweis=verbunden");
    expect(page).toContain("Your account is now connected with your case.");
    expect(page).toContain(c.kundennummer);

    const { person: other } = await account("en");
    const reused = await other.post("/mein-fall/verknuepfen", { code: c.activationCode });
    expect(reused.status).toBe(400);
    expect(visibleText(await reused.text())).toContain("This code has already been used");

    const expiring = await newCase();
    const db = await dbModule.getDb();
    await db
      .updateTable("case_activation_codes")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("case_id", "=", expiring.caseId)
      .execute();
    const expired = await other.post("/mein-fall/verknuepfen", { code: expiring.activationCode });
    expect(expired.status).toBe(400);
    expect(visibleText(await expired.text())).toContain("This code has expired");

    const wrong = await other.post("/mein-fall/verknuepfen", { code: "ABCD-EFGH-JK23" });
    expect(wrong.status).toBe(400);
    const wrongText = visibleText(await wrong.text());
    expect(wrongText).toContain("We do not know this code");
    const empty = await other.post("/mein-fall/verknuepfen", { code: "" });
    expect(visibleText(await empty.text())).toContain("Enter the activation code from your letter.");
  });

  it("reads a code typed with Arabic-Indic or Persian digits (issue 12, item 3)", async () => {
    for (const [language, zero] of [
      ["ar", 0x0660],
      ["fa", 0x06f0],
    ] as const) {
      let c = await newCase();
      while (!/\d/.test(c.activationCode)) c = await newCase(); // a code with digits (about 97 % of them)
      const { person } = await account(language);
      const typed = c.activationCode.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
      expect(typed).not.toBe(c.activationCode);
      const linked = await person.post("/mein-fall/verknuepfen", { code: typed });
      expect(linked.status, visibleText(await linked.clone().text()).slice(0, 300)).toBe(302);
    }
  });

  it("rate limits code attempts per account: the sixth try within 15 minutes is refused, even with a right code", async () => {
    const c = await newCase();
    const { person, userId } = await account();
    for (let i = 0; i < 5; i++) expect((await person.post("/mein-fall/verknuepfen", { code: `ABCD-EFGH-JK${20 + i}` })).status).toBe(400);
    const limited = await person.post("/mein-fall/verknuepfen", { code: c.activationCode });
    expect(limited.status).toBe(429);
    expect(visibleText(await limited.text())).toMatch(/Zu viele Versuche\. Bitte versuchen Sie es in \d+ Minuten noch einmal\./);
    expect(await cases.caseOfUser(userId)).toBeNull();
  });

  it("links an online applicant when the back office assigns the identifiers (applications:write)", async () => {
    const { person, userId } = await account();
    const start = await person.post("/antrag", {});
    expect(start.status).toBe(302);
    const applicationId = /\/antrag\/([^/]+)\//.exec(start.headers.get("location") ?? "")![1];
    const ids = { kundennummer: "555D000111", bgNummer: "55555BG0000111" };
    expect((await new ApiClient(server, await createKeyInProcess("Nur Fälle", ["cases:write"])).request("PUT", `/api/v1/applications/${applicationId}/identifiers`, { body: ids })).status).toBe(403);
    const assigned = await noCasesScope.request("PUT", `/api/v1/applications/${applicationId}/identifiers`, { body: ids });
    expect(assigned.status, await assigned.clone().text()).toBe(200);
    const result = (await assigned.json()) as { caseId: string; linked: boolean };
    expect(result.linked).toBe(true);
    expect((await cases.caseOfUser(userId))?.id).toBe(result.caseId);
    expect(await person.text("/mein-fall")).toContain("555D000111");
    expect((await noCasesScope.request("PUT", `/api/v1/applications/00000000-0000-4000-8000-000000000000/identifiers`, { body: ids })).status).toBe(404);
    // A second application of someone else cannot take over the linked case.
    const { person: other } = await account();
    const otherStart = await other.post("/antrag", {});
    const otherId = /\/antrag\/([^/]+)\//.exec(otherStart.headers.get("location") ?? "")![1];
    expect((await noCasesScope.request("PUT", `/api/v1/applications/${otherId}/identifiers`, { body: ids })).status).toBe(409);
  });
});

describe("the plan as tasks", () => {
  it("publishes versions, shows them only to the linked person, and gets task status and evidence back", async () => {
    const c = await newCase();
    const { person, userId } = await account("ru");
    expect((await person.post("/mein-fall/verknuepfen", { code: c.activationCode })).status).toBe(302);
    expect((await backOffice.get(`/api/v1/cases/${c.caseId}/cooperation-plan`)).status).toBe(404);
    expect((await backOffice.request("PUT", `/api/v1/cases/00000000-0000-4000-8000-000000000000/cooperation-plan`, { body: planBody() })).status).toBe(404);
    const invalid = await backOffice.request("PUT", `/api/v1/cases/${c.caseId}/cooperation-plan`, { body: planBody({ goals: [] }) });
    expect(invalid.status).toBe(400);

    const put = await backOffice.request("PUT", `/api/v1/cases/${c.caseId}/cooperation-plan`, { body: planBody() });
    expect(put.status, await put.clone().text()).toBe(200);
    const v1 = (await put.json()) as PlanJson;
    expect(v1.version).toBe(1);
    expect(v1.label).toBe("Kooperationsplan");
    expect(v1.linked).toBe(true);
    expect(v1.tasks[0].occurrences.map((o) => o.dueDate)).toHaveLength(3);

    // The person sees it in Russian, the binding text in German with the explanation beside it.
    const overview = await person.text("/mein-fall");
    expect(overview).toContain("6 Bewerbungen im Monat");
    expect(overview).toContain("Rechtsfolgenbelehrung: Verletzen Sie");
    expect(overview).toContain("Мой случай");
    const taskId = v1.tasks[0].occurrences[0].id;
    const taskPage = await person.text(`/mein-fall/aufgaben/${taskId}`);
    expect(taskPage).toContain("(§ 31 SGB II)");
    expect(taskPage).toContain("Jobcenter может уменьшить ваше пособие");

    // Another person cannot see the plan or the task (404), nor attach evidence to it.
    const { person: stranger } = await account();
    expect((await stranger.get(`/mein-fall/aufgaben/${taskId}`)).status).toBe(404);
    expect(await stranger.text("/mein-fall")).not.toContain("6 Bewerbungen im Monat");

    // Evidence is required before "done".
    const early = await person.upload(`/mein-fall/aufgaben/${taskId}`, { intent: "done" });
    expect(early.status).toBe(400);
    expect(visibleText(await early.text())).toContain("Сначала загрузите подтверждение");

    // A file the pipeline refuses: the reason in Russian, nothing stored, the task stays open.
    const refused = await person.upload(`/mein-fall/aufgaben/${taskId}`, { intent: "done" }, { name: "notizen.txt", type: "text/plain", bytes: Buffer.from("keine Bewerbung") });
    expect(refused.status).toBe(400);
    const refusedText = visibleText(await refused.text());
    expect(refusedText).toContain("«notizen.txt» — не фотография");
    expect(refusedText).not.toMatch(/uploads:|documents:|errors\./);

    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#3366aa" } })
      .jpeg({ quality: 80 })
      .toBuffer();
    const done = await person.upload(`/mein-fall/aufgaben/${taskId}`, { intent: "done" }, { name: "bewerbungen-januar.jpg", type: "image/jpeg", bytes: photo });
    expect(done.status, await done.clone().text()).toBe(302);
    expect(done.headers.get("location")).toBe(`/mein-fall/aufgaben/${taskId}?hinweis=erledigt`);
    // A double click changes nothing.
    expect((await person.upload(`/mein-fall/aufgaben/${taskId}`, { intent: "done" })).status).toBe(302);

    // "I need help with this" for the appointment task.
    const appointmentTask = v1.tasks[1].occurrences[0].id;
    const help = await person.post(`/mein-fall/aufgaben/${appointmentTask}`, { message: "Ich habe an dem Tag einen Arzttermin." });
    expect(help.status).toBe(302);
    const emptyHelp = await person.post(`/mein-fall/aufgaben/${appointmentTask}`, { message: " " });
    expect(emptyHelp.status).toBe(400);

    const state = await getPlan(c.caseId);
    const occurrence = state.tasks[0].occurrences[0];
    expect(occurrence.status).toBe("done");
    expect(occurrence.completedAt).not.toBeNull();
    expect(occurrence.evidence).toHaveLength(1);
    expect(occurrence.evidence[0].mediaType).toBe("image/jpeg");
    expect(state.tasks[0].occurrences[1].status).toBe("open");
    expect(state.tasks[1].occurrences[0].helpRequests.map((h) => h.message)).toEqual(["Ich habe an dem Tag einen Arzttermin."]);

    const file = await backOffice.get(`/api/v1/cases/${c.caseId}/evidence/${occurrence.evidence[0].id}`);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(crypto.createHash("sha512").update(bytes).digest("hex")).toBe(occurrence.evidence[0].sha512);
    expect((await noCasesScope.get(`/api/v1/cases/${c.caseId}/evidence/${occurrence.evidence[0].id}`)).status).toBe(403);
    const otherCase = await newCase();
    expect((await backOffice.get(`/api/v1/cases/${otherCase.caseId}/evidence/${occurrence.evidence[0].id}`)).status).toBe(404);
    const db = await dbModule.getDb();
    const audits = await db.selectFrom("audit_log").select(["operation", "details"]).where("record_id", "=", occurrence.evidence[0].id).execute();
    expect(audits.map((a) => a.operation)).toContain("task-evidence.read");

    // task.completed reached the receiver once, signed, with the evidence hash.
    await receiver.waitFor((rs) => rs.some((r) => r.body.includes(taskId)), 10_000, "task.completed");
    const events = receiver.requests.filter((r) => r.body.includes(taskId)).map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe("task.completed");
    expect(events[0].data).toMatchObject({ caseId: c.caseId, taskId, taskKey: "bewerbungen", occurrence: 0 });
    expect(JSON.stringify(events[0].data)).toContain(occurrence.evidence[0].sha512);

    // Read receipt, then a new version: the person sees what changed, status stays.
    expect((await person.post("/mein-fall", { version: "1" })).status).toBe(302);
    expect((await getPlan(c.caseId)).readAt).not.toBeNull();
    const v2body = planBody({ goals: ["Aufnahme einer Ausbildung"] });
    (v2body.tasks[1] as Record<string, unknown>).dueDate = berlinDate(3);
    const put2 = await backOffice.request("PUT", `/api/v1/cases/${c.caseId}/cooperation-plan`, { body: v2body });
    const v2 = (await put2.json()) as PlanJson;
    expect(v2.version).toBe(2);
    expect(v2.readAt).toBeNull();
    expect(v2.tasks[0].occurrences[0].status).toBe("done");
    expect(v2.tasks[0].occurrences[0].id).toBe(taskId);
    const changed = await person.text("/mein-fall");
    expect(changed).toContain("Что изменилось");
    expect(changed).toContain("Aufnahme einer Ausbildung");

    // The data export has the case; deleting the account unlinks it.
    (await import("../app/server/compose.server")).compose(); // the export sections, as the server wires them
    const { collectExport } = await import("../app/platform/export/data-export.server");
    const exported = (await collectExport(userId))!.sections.case as { caseId: string; planVersions: unknown[]; tasks: Array<{ occurrences: Array<{ status: string }> }> };
    expect(exported.caseId).toBe(c.caseId);
    expect(exported.planVersions).toHaveLength(2);
    expect(exported.tasks[0].occurrences[0].status).toBe("done");
    await db.deleteFrom("users").where("id", "=", userId).execute();
    const after = await getPlan(c.caseId);
    expect(after.linked).toBe(false);
    // The evidence of the done task was handed over: it stays with the Jobcenter.
    const kept = await backOffice.get(`/api/v1/cases/${c.caseId}/evidence/${occurrence.evidence[0].id}`);
    expect(kept.status).toBe(200);
    expect(
      crypto
        .createHash("sha512")
        .update(Buffer.from(await kept.arrayBuffer()))
        .digest("hex"),
    ).toBe(occurrence.evidence[0].sha512);
  });

  it("sends a reminder mail in the person's language before the due date, once", async () => {
    const c = await newCase();
    const { person, email } = await account("ru");
    expect((await person.post("/mein-fall/verknuepfen", { code: c.activationCode })).status).toBe(302);
    const put = await backOffice.request("PUT", `/api/v1/cases/${c.caseId}/cooperation-plan`, { body: planBody() });
    expect(put.status).toBe(200);
    const runs = await Promise.all([cases.sendDueTaskReminders(), cases.sendDueTaskReminders()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const mail = await smtp.waitFor(email, (m) => m.text.includes("/mein-fall/aufgaben/"));
    expect(mail.subject).toContain("Напоминание");
    // A notice and the link only: the task's title is Sozialdaten (issue 19 § 9).
    expect(mail.text).not.toContain("Termin bei der Arbeitsvermittlung wahrnehmen");
    expect(await cases.sendDueTaskReminders()).toBe(0);
    expect(smtp.to(email).filter((m) => m.text.includes("/mein-fall/aufgaben/"))).toHaveLength(1);
  });
});
