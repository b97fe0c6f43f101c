import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Decode, hotp, totpCounter } from "../app/domain/staff/totp";
import { ApiClient, createKey, runAdmin } from "./support/api";
import { applicationIdFrom, fillAll, Person, signedIn } from "./support/applicant";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Due dates and the back office's review of handed-over documents (issue "Online Antrag" § 3):
// the API operation (scope, validation, idempotency, audit), the mail when a document is asked
// for again, what the applicant sees per item (missing, uploaded, accepted, asked again) on the
// Unterlagen, status and receipt pages, and the staff inbox's buttons. Real server, real SMTP,
// SQLite and (TEST_DB_KIND=postgres) PostgreSQL.

let smtp: TestSmtp;
let server: TestServer;
let writer: ApiClient;
let reader: ApiClient;
let person: Person;
let email: string;
let id: string;
let attachmentId: string;

async function smallPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example", DEMO_DATA: "0" });
  writer = new ApiClient(server, await createKey(server, "pruefung", ["applications:read", "applications:write"]));
  reader = new ApiClient(server, await createKey(server, "nur-lesen", ["applications:read"]));
  ({ person, email } = await signedIn(server, smtp, "tr"));
  id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
  await fillAll(person, id);
  const uploaded = await person.upload(`/antrag/${id}/unterlagen`, { item: "identity.p1" }, { field: "files", name: "kimlik.pdf", type: "application/pdf", bytes: await smallPdf() });
  expect(uploaded.status).toBe(200);
  expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
  const application = (await (await writer.get(`/api/v1/applications/${id}`)).json()) as { attachments: Array<{ id: string; item: string | null }> };
  attachmentId = application.attachments.find((a) => a.item === "identity.p1")!.id;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

const reviewPath = () => `/api/v1/applications/${id}/attachments/${attachmentId}/review`;

describe(`document review and due dates (${testDbKind()})`, () => {
  it("shows every item with its due date (14 days after submission) on the Unterlagen, status and receipt pages", async () => {
    const db = await attachInProcessDatabase(server.env);
    let submittedAt: string;
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      submittedAt = (await (await getDb()).selectFrom("applications").select("submitted_at").where("id", "=", id).executeTakeFirstOrThrow()).submitted_at!;
    } finally {
      await db();
    }
    const { checklistDueDate } = await import("../app/domain/application/review");
    const due = new Intl.DateTimeFormat("tr", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(new Date(`${checklistDueDate(submittedAt)}T12:00:00Z`));
    for (const page of [`/antrag/${id}/unterlagen`, `/antrag/${id}/status`, `/antrag/${id}/bestaetigung`]) {
      const text = await person.text(page);
      expect(text, page).toContain(`Son tarih: ${due}`);
    }
    expect(await person.text(`/antrag/${id}/status`)).toContain("Belgeleriniz");
  });

  it("refuses a review without the scope, without a reason, or of a file not handed over", async () => {
    expect((await reader.post(reviewPath(), { decision: "accepted" })).status).toBe(403);
    const noReason = await writer.post(reviewPath(), { decision: "rejected" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("reason");
    expect((await writer.post(reviewPath(), { decision: "maybe" })).status).toBe(400);
    expect((await writer.post(`/api/v1/applications/${id}/attachments/00000000-0000-4000-8000-000000000000/review`, { decision: "accepted" })).status).toBe(404);
    expect((await writer.post(`/api/v1/applications/00000000-0000-4000-8000-000000000000/attachments/${attachmentId}/review`, { decision: "accepted" })).status).toBe(404);
    expect((await writer.get(reviewPath())).status).toBe(405);
  });

  it("asks for a document again: the person sees it with the reason and gets one mail (their language and German); audited", async () => {
    const reason = "Das Foto ist unscharf, bitte neu fotografieren.";
    const first = await writer.post(reviewPath(), { decision: "rejected", reason }, { "Idempotency-Key": "pruefung-1" });
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toMatchObject({ attachmentId, decision: "rejected", reason });
    const replay = await writer.post(reviewPath(), { decision: "rejected", reason }, { "Idempotency-Key": "pruefung-1" });
    expect(replay.status).toBe(200);
    const again = await writer.post(reviewPath(), { decision: "rejected", reason }); // same decision, no key: no change
    expect(again.status).toBe(200);
    // The application itself carries the review per attachment.
    const application = (await (await reader.get(`/api/v1/applications/${id}`)).json()) as { attachments: Array<{ id: string; review: { decision: string; reason: string | null } | null }> };
    expect(application.attachments.find((a) => a.id === attachmentId)?.review).toMatchObject({ decision: "rejected", reason });

    // A notice and the link: no reason, no document name (issue 19 § 9).
    const mail = await smtp.waitFor(email, (m) => m.subject.includes("neu einreichen"));
    expect(mail.subject).toContain("yeniden gönderin");
    expect(mail.text).toContain("— Deutsch —");
    expect(mail.text).toContain("https://portal.example/antrag/");
    expect(mail.text).not.toContain("unscharf");
    expect(mail.text).not.toContain("Personalausweis");
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(email).filter((m) => m.subject.includes("neu einreichen"))).toHaveLength(1);

    const status = await person.text(`/antrag/${id}/status`);
    expect(status).toContain("Yeniden istendi");
    expect(status).toContain(reason);
    const unterlagen = await person.text(`/antrag/${id}/unterlagen`);
    expect(unterlagen).toContain("Yeniden istendi");
    expect(unterlagen).toContain("kimlik.pdf");
    expect(unterlagen).toContain("yeniden istendi");

    const detach = await attachInProcessDatabase(server.env);
    try {
      const { readAudit } = await import("../app/platform/audit/audit.server");
      const entries = await readAudit({ recordType: "document", recordId: attachmentId });
      const reviews = entries.filter((e) => e.operation === "application.attachment.review");
      expect(reviews.length).toBeGreaterThanOrEqual(2);
      expect(reviews[0]).toMatchObject({ actor: "pruefung", details: { applicationId: id, decision: "rejected", changed: true } });
      expect(JSON.stringify(reviews)).not.toContain("unscharf"); // the reason is not in the audit log
    } finally {
      await detach();
    }
  });

  it("staff accept the file on the inbox page; the person sees it accepted", async () => {
    const account = `pruefung.${Date.now().toString(36)}@jobcenter.example`;
    const created = await runAdmin(server.env, ["create-staff", "--email", account, "--name", "Frau Prüfer", "--roles", "leistung"]);
    expect(created.code, created.stderr).toBe(0);
    const password = /^Password: (\S+)$/m.exec(created.stdout)![1];
    const secret = base32Decode(/^TOTP secret: ([A-Z2-7]+)$/m.exec(created.stdout)![1])!;
    const staff = new Person(server.url);
    expect((await staff.send("/backoffice/anmelden", { email: account, password, code: hotp(secret, totpCounter(Date.now())) })).status).toBe(302);

    const page = await staff.text(`/backoffice/antraege/${id}`);
    expect(page).toContain("Prüfung");
    expect(page).toMatch(/neu angefordert\s*:\s*Das Foto ist unscharf/);
    expect(page).toContain("Angenommen");
    expect(page).toContain("Neu anfordern");

    const missingReason = await staff.send(`/backoffice/antraege/${id}`, { intent: "review", attachmentId, decision: "rejected", [`reason-${attachmentId}`]: "" });
    expect(missingReason.status).toBe(400);
    expect(visibleText(await missingReason.text())).toContain("Schreiben Sie, warum die Unterlage neu angefordert wird.");

    const accepted = await staff.send(`/backoffice/antraege/${id}`, { intent: "review", attachmentId, decision: "accepted", [`reason-${attachmentId}`]: "" });
    expect(accepted.status).toBe(302);
    // Back to the file acted on, not to the top of the page (issue 19).
    expect(accepted.headers.get("location")).toBe(`/backoffice/antraege/${id}?gespeichert=pruefung&datei=${attachmentId}#datei-${attachmentId}`);
    expect(await staff.text(`/backoffice/antraege/${id}?gespeichert=pruefung&datei=${attachmentId}`)).toContain("Die Prüfung ist gespeichert");

    const status = await person.text(`/antrag/${id}/status`);
    expect(status).toContain("Kabul edildi");
    expect(status).not.toContain("unscharf");
    expect(await person.text(`/antrag/${id}/bestaetigung`)).toContain("Kabul edildi");
  });
});
