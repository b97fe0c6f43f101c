import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess, startReceiver, type Receiver } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { answerDetails, applicationIdFrom, Person, signedIn as signedInAs } from "./support/applicant";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import { encryptedWithQpdf } from "./support/pdf-corpus";

// Documents of the online application (issues "Online Antrag" § 3–5 and "Back-office API"):
// against the real server on SQLite and (TEST_DB_KIND=postgres) PostgreSQL, with a real SMTP
// server and a real webhook receiver. Upload without JavaScript (multipart form), refusals with
// clear messages, authorization, encryption at rest, hand-over with the application and after
// it (application.documents-added), the back office's attachments (SHA-512), status and requests.

const CLI_TIMEOUT = 120_000;
let smtp: TestSmtp;
let server: TestServer;
let receiver: Receiver;
let detach: () => Promise<void>;
let reader: ApiClient;
let writer: ApiClient;
let hooks: ApiClient;
let webhookSecret = "";
const signedIn = (language: string) => signedInAs(server, smtp, language);

async function startApplication(person: Person): Promise<string> {
  return applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
}

async function fillAll(person: Person, id: string) {
  const at = (p: string) => `/antrag/${id}${p}`;
  const ok = async (response: Response) =>
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ""),
    ).toBe(302);
  await ok(
    await person.send(at("/person"), {
      firstName: "Ayşe",
      lastName: "Yılmaz",
      birthDate: "12.05.1990",
      nationality: "türkisch",
      street: "Hauptstraße 12",
      postalCode: "41844",
      municipality: "Wegberg",
      phone: "",
      priorBenefits: "no",
    }),
  );
  await ok(await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" }));
  await answerDetails(person, id, ["p1"]);
  await ok(await person.send(at("/wohnung"), { kind: "rent", coldRent: "450", utilities: "120", heating: "85", size: "62" }));
  await ok(await person.send(at("/einkommen/p1"), { hasIncome: "yes", employment: "520" }));
  await ok(await person.send(at("/lage"), { items: "none" }));
  await ok(await person.send(at("/konto"), { accountHolder: "Ayşe Yılmaz", iban: "DE89370400440532013000" }));
}

const MARKER = `GEHEIM-${crypto.randomBytes(6).toString("hex")}`;

/**
 * A valid PDF with a plaintext marker: a literal string in its document information, readable in
 * the raw bytes (a comment after %%EOF would not do: the sanitiser drops what follows %%EOF).
 */
async function pdfWithMarker(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).set(PDFName.of("Subject"), PDFString.of(MARKER));
  return doc.save({ useObjectStreams: false });
}

async function photo(colour: { r: number; g: number; b: number }): Promise<Uint8Array> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

const sha512 = (bytes: Uint8Array) => crypto.createHash("sha512").update(bytes).digest("hex");

async function documentRows(applicationId: string) {
  const { getDb } = await import("../app/platform/db/db.server");
  const db = await getDb();
  return db.selectFrom("documents").selectAll().where("context_kind", "=", "application").where("context_id", "=", applicationId).orderBy("created_at").execute();
}

beforeAll(async () => {
  const warm = Promise.all([import("../app/platform/api/api-keys.server"), import("../app/platform/db/db.server")]);
  smtp = await startTestSmtp();
  receiver = await startReceiver(() => 204);
  server = await startTestServer({
    SMTP_URL: smtp.url,
    PUBLIC_URL: "https://portal.example",
    UPLOAD_MAX_FILE_MB: "1",
    WEBHOOK_RETRY_BASE_MS: "100",
    WEBHOOK_RETRY_MAX_MS: "1000",
    WEBHOOK_POLL_MS: "100",
  });
  await warm;
  detach = await attachInProcessDatabase(server.env);
  reader = new ApiClient(server, await createKeyInProcess("Fachverfahren lesen", ["applications:read"]));
  writer = new ApiClient(server, await createKeyInProcess("Fachverfahren", ["applications:read", "applications:write"]));
  hooks = new ApiClient(server, await createKeyInProcess("Webhooks", ["webhooks:manage", "applications:read"]));
  const subscription = await hooks.post("/api/v1/webhooks", { url: receiver.url, events: ["application.documents-added", "application.submitted"] });
  expect(subscription.status).toBe(201);
  webhookSecret = ((await subscription.json()) as { secret: string }).secret;
}, CLI_TIMEOUT);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await receiver?.close();
  await smtp?.stop();
});

describe("documents of the online application", () => {
  let person: Person;
  let email: string;
  let id: string;
  let pdf: Uint8Array;
  let attachmentId: string;
  let requestId: string;

  it("shows the checklist derived from the answers on the task list and the upload page", async () => {
    ({ person, email } = await signedIn("tr"));
    id = await startApplication(person);
    await fillAll(person, id);
    const tasks = await person.text(`/antrag/${id}`);
    expect(tasks).toContain("İhtiyacınız olan belgeler");
    expect(tasks).toContain("Kira sözleşmesi");
    expect(tasks).toContain("Son 6 ayın maaş bordroları");
    const page = await (await person.get(`/antrag/${id}/unterlagen`)).text();
    expect(page).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(page).toMatch(/type="file"[^>]*accept="image\/jpeg,image\/png,image\/heic,image\/heif,application\/pdf/);
    expect(visibleText(page)).toContain("Oturma izni"); // not German: the residence title is needed
    expect(visibleText(page)).toContain("Formda: Aufenthaltstitel");
  });

  it("uploads a PDF with a plain multipart form and lists it; the blob on disk is encrypted", async () => {
    pdf = await pdfWithMarker();
    expect(Buffer.from(pdf).includes(MARKER)).toBe(true);
    const response = await person.uploadItem(`/antrag/${id}/unterlagen`, "identity.p1", [{ name: "Kimlik kartı.pdf", type: "application/pdf", bytes: pdf }]);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(visibleText(await response.text())).toContain("Yüklendi: Kimlik kartı.pdf");
    const page = await person.text(`/antrag/${id}/unterlagen`);
    expect(page).toContain("Kimlik kartı.pdf");
    const rows = await documentRows(id);
    expect(rows).toHaveLength(1);
    // An ordinary PDF comes out of the sanitiser as it went in.
    expect(rows[0].sha512).toBe(sha512(pdf));
    expect(rows[0].original_sha512).toBe(sha512(pdf));
    expect(rows[0].context_item).toBe("identity.p1");
    const key = rows[0].blob_key;
    const blob = fs.readFileSync(path.join(server.dataDir, "documents", key.slice(0, 2), key.slice(2, 4), key));
    expect(blob.length).toBeGreaterThan(pdf.length);
    expect(blob.includes(MARKER)).toBe(false);
    expect(blob.includes("%PDF")).toBe(false);
    expect(blob.subarray(0, 4).toString("latin1")).toBe("BPD1");
  });

  it("refuses bad files with a clear message in the person's language and keeps what was uploaded", async () => {
    const notPdf = await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", [
      { name: "kira.pdf", type: "application/pdf", bytes: Buffer.from("Das ist kein PDF, nur Text.\n".repeat(20)) },
    ]);
    expect(notPdf.status).toBe(400);
    const text = visibleText(await notPdf.text());
    expect(text).toContain("“kira.pdf” bir fotoğraf (JPEG, PNG, HEIC) veya PDF dosyası değil");
    expect(text).toContain("Kimlik kartı.pdf"); // still listed
    // (A PDF with JavaScript is no longer refused: the script is removed, test/pdf-sanitise.test.ts.)
    const locked = await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", [{ name: "kilitli.pdf", type: "application/pdf", bytes: encryptedWithQpdf(pdf) }]);
    expect(locked.status).toBe(400);
    expect(visibleText(await locked.text())).toContain("“kilitli.pdf” parola ile korunuyor.");
    const big = await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", [
      { name: "büyük.jpg", type: "image/jpeg", bytes: Buffer.concat([await photo({ r: 1, g: 2, b: 3 }), crypto.randomBytes(1_200_000)]) },
    ]);
    expect(big.status).toBe(400);
    expect(visibleText(await big.text())).toContain("“büyük.jpg” çok büyük. Bir dosya en fazla 1 MB olabilir.");
    const nothing = await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", []);
    expect(nothing.status).toBe(400);
    expect(visibleText(await nothing.text())).toContain("Bir dosya seçin.");
    // An item that is not on the checklist is refused.
    const foreign = await person.uploadItem(`/antrag/${id}/unterlagen`, "income-pension.p1", [{ name: "rente.pdf", type: "application/pdf", bytes: pdf }]);
    expect(foreign.status).toBe(400);
    expect(visibleText(await foreign.text())).toContain("“rente.pdf” buraya yüklenemez.");
    expect(await documentRows(id)).toHaveLength(1);
  });

  it("combines several photos into one PDF and removes a file before submission", async () => {
    const response = await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", [
      { name: "seite1.jpg", type: "image/jpeg", bytes: await photo({ r: 200, g: 10, b: 10 }) },
      { name: "seite2.jpg", type: "image/jpeg", bytes: await photo({ r: 10, g: 200, b: 10 }) },
    ]);
    expect(response.status).toBe(200);
    const combined = await person.send(`/antrag/${id}/unterlagen`, { intent: "combine", item: "rent-contract" });
    expect(combined.status).toBe(200);
    const rent = (await documentRows(id)).filter((r) => r.context_item === "rent-contract");
    expect(rent).toHaveLength(1);
    expect(rent[0].media_type).toBe("application/pdf");
    expect(rent[0].origin).toBe("combined");
    const removed = await person.send(`/antrag/${id}/unterlagen`, { intent: "remove", documentId: rent[0].id });
    expect(removed.status).toBe(200);
    expect(visibleText(await removed.text())).toContain("kaldırıldı");
    expect((await documentRows(id)).map((r) => r.context_item)).toEqual(["identity.p1"]);
  });

  it("files of an item the answers no longer need stay visible and removable", async () => {
    const uploaded = await person.uploadItem(`/antrag/${id}/unterlagen`, "income-employment.p1", [{ name: "lohn.pdf", type: "application/pdf", bytes: pdf }]);
    expect(uploaded.status).toBe(200);
    expect((await person.send(`/antrag/${id}/einkommen/p1`, { hasIncome: "no" })).status).toBe(302);
    const page = await (await person.get(`/antrag/${id}/unterlagen`)).text();
    expect(visibleText(page)).toContain("lohn.pdf");
    expect(page).not.toContain('value="income-employment.p1"/><div'); // no upload form for it any more
    const row = (await documentRows(id)).find((r) => r.context_item === "income-employment.p1")!;
    expect((await person.send(`/antrag/${id}/unterlagen`, { intent: "remove", documentId: row.id })).status).toBe(200);
    expect((await person.send(`/antrag/${id}/einkommen/p1`, { hasIncome: "yes", employment: "520" })).status).toBe(302);
    expect((await documentRows(id)).map((r) => r.context_item)).toEqual(["identity.p1"]);
  });

  it("nobody else sees or uploads to the application", async () => {
    const other = await signedIn("de");
    expect((await other.person.get(`/antrag/${id}/unterlagen`)).status).toBe(404);
    expect((await other.person.get(`/antrag/${id}/status`)).status).toBe(404);
    const otherId = await startApplication(other.person);
    const attempt = await other.person.uploadItem(`/antrag/${id}/unterlagen`, "identity.p1", [{ name: "x.pdf", type: "application/pdf", bytes: pdf }], `/antrag/${otherId}/unterlagen`);
    expect(attempt.status).toBe(404);
    const own = (await documentRows(id))[0];
    const removal = await other.person.send(`/antrag/${otherId}/unterlagen`, { intent: "remove", documentId: own.id });
    expect(removal.status).toBe(400);
    expect(await documentRows(id)).toHaveLength(1);
  });

  it("hands the documents over with the submission; the API lists them with SHA-512 and serves the file", async () => {
    const draft = await reader.get(`/api/v1/applications/${id}`);
    expect(((await draft.json()) as { attachments: unknown[] }).attachments).toEqual([]);
    const submit = await person.send(`/antrag/${id}/pruefen`, { declaration: "1", documentsDigital: "1" });
    expect(submit.headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);
    const rows = await documentRows(id);
    expect(rows[0].submitted_at).not.toBeNull();
    // A submitted document cannot be removed any more.
    const removal = await person.send(`/antrag/${id}/unterlagen`, { intent: "remove", documentId: rows[0].id });
    expect(removal.status).toBe(400);
    expect(await documentRows(id)).toHaveLength(1);

    const response = await reader.get(`/api/v1/applications/${id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      attachments: Array<{ id: string; category: string; filename: string; mediaType: string; size: number; sha512: string; memberId: string | null }>;
      data: { documents: Array<{ item: string; status: string; attachmentIds: string[] }> };
      processing: { status: string };
    };
    expect(body.attachments).toHaveLength(1);
    const attachment = body.attachments[0];
    expect(attachment).toMatchObject({ category: "identity", filename: "Kimlik kartı.pdf", mediaType: "application/pdf", size: pdf.length, sha512: sha512(pdf), memberId: "p1" });
    attachmentId = attachment.id;
    const identity = body.data.documents.find((d) => d.item === "identity.p1");
    expect(identity).toMatchObject({ status: "uploaded", attachmentIds: [attachmentId] });
    expect(body.data.documents.find((d) => d.item === "rent-contract")?.status).toBe("missing");
    expect(body.processing.status).toBe("eingegangen");

    const file = await reader.get(`/api/v1/applications/${id}/attachments/${attachmentId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(sha512(bytes)).toBe(attachment.sha512);
    expect(file.headers.get("repr-digest")).toBe(`sha-512=:${Buffer.from(attachment.sha512, "hex").toString("base64")}:`);
    // The attachment only under its own application; no key, no file.
    const otherApp = (await (await reader.get("/api/v1/applications?limit=200")).json()) as { items: Array<{ id: string }> };
    const elsewhere = otherApp.items.find((a) => a.id !== id)!;
    expect((await reader.get(`/api/v1/applications/${elsewhere.id}/attachments/${attachmentId}`)).status).toBe(404);
    expect((await new ApiClient(server, null).get(`/api/v1/applications/${id}/attachments/${attachmentId}`)).status).toBe(401);
    // The German PDF names the checklist and the attachment with its hash.
    const pdfResponse = await reader.get(`/api/v1/applications/${id}/pdf`);
    expect(pdfResponse.status).toBe(200);
    const pdfFile = path.join(os.tmpdir(), `antrag-unterlagen-${id}.pdf`);
    fs.writeFileSync(pdfFile, Buffer.from(await pdfResponse.arrayBuffer()));
    const pdfText = execFileSync("pdftotext", [pdfFile, "-"], { encoding: "utf8" });
    fs.rmSync(pdfFile, { force: true });
    expect(pdfText).toContain("Checkliste der Nachweise");
    expect(pdfText).toMatch(/Personalausweis oder Reisepass \(für\s+Ayşe Yılmaz\)\s+Hochgeladen \(1\)/);
    expect(pdfText).toMatch(/Mietvertrag \(für den Haushalt\)\s+Fehlt/);
    expect(pdfText).toContain(attachment.sha512.slice(0, 64));
    expect(pdfText).toContain(attachment.sha512.slice(64));
    // Audited.
    const { getDb } = await import("../app/platform/db/db.server");
    const audit = await (await getDb()).selectFrom("audit_log").select(["operation", "record_id"]).where("operation", "=", "application.attachment.read").execute();
    expect(audit.map((a) => a.record_id)).toContain(attachmentId);
  });

  it("sets the status with a message: the person sees it and gets a mail in their language and German", async () => {
    expect((await reader.post(`/api/v1/applications/${id}/status`, { status: "in-bearbeitung" })).status).toBe(403);
    expect((await writer.post(`/api/v1/applications/${id}/status`, { status: "in-bearbeitung", extra: 1 })).status).toBe(400);
    expect((await writer.post(`/api/v1/applications/${id}/status`, { status: "gibt-es-nicht" })).status).toBe(400);
    const headers = { "Idempotency-Key": `status-${id}` };
    const first = await writer.post(`/api/v1/applications/${id}/status`, { status: "in-bearbeitung", message: "Wir prüfen Ihre Unterlagen." }, headers);
    expect(first.status, await first.clone().text()).toBe(200);
    const again = await writer.post(`/api/v1/applications/${id}/status`, { status: "in-bearbeitung", message: "Wir prüfen Ihre Unterlagen." }, headers);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const body = (await first.json()) as { processing: { status: string; history: unknown[] } };
    expect(body.processing.status).toBe("in-bearbeitung");
    expect(body.processing.history).toHaveLength(2);
    const page = await person.text(`/antrag/${id}/status`);
    expect(page).toContain("Güncel durum: İşleniyor");
    expect(page).toContain("Wir prüfen Ihre Unterlagen.");
    // The mail is a notice and the link: neither the status nor the message (issue 19 § 9).
    const mail = await smtp.waitFor(email, (m) => m.text.includes(`https://portal.example/antrag/${id}/status`) && m.subject.includes("Es gibt Neues"));
    expect(mail.subject).toContain("Yeni bir gelişme var");
    expect(mail.subject).not.toContain("In Bearbeitung");
    expect(mail.text).not.toContain("Wir prüfen Ihre Unterlagen.");
  });

  it("asks for a document; the person uploads against the request; the webhook delivers documents-added", async () => {
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect((await writer.post(`/api/v1/applications/${id}/document-requests`, { category: "bank-statements", description: "x", dueDate: "2020-01-01" })).status).toBe(400);
    expect((await writer.post(`/api/v1/applications/${id}/document-requests`, { category: "kein", description: "x", dueDate: due })).status).toBe(400);
    const created = await writer.post(`/api/v1/applications/${id}/document-requests`, { category: "bank-statements", description: "Kontoauszüge Januar bis März aller Konten", dueDate: due });
    expect(created.status, await created.clone().text()).toBe(201);
    requestId = ((await created.json()) as { id: string }).id;
    // The mail is a notice and the link: no description, no document name (issue 19 § 9).
    const notice = await smtp.waitFor(email, (m) => m.subject.includes("Unterlagen nachreichen"));
    expect(notice.text).not.toContain("Kontoauszüge Januar bis März");
    const page = await person.text(`/antrag/${id}/status`);
    expect(page).toContain("Jobcenter bu belgeleri istiyor");
    expect(page).toContain("Kontoauszüge Januar bis März aller Konten");

    const statement = await photo({ r: 30, g: 30, b: 200 });
    const upload = await person.uploadItem(`/antrag/${id}/status`, `request.${requestId}`, [{ name: "konto.jpg", type: "image/jpeg", bytes: statement }]);
    expect(upload.status, await upload.clone().text()).toBe(200);
    await receiver.waitFor((requests) => requests.some((r) => JSON.parse(r.body).type === "application.documents-added"), 15_000, "documents-added");
    const delivery = receiver.requests.find((r) => JSON.parse(r.body).type === "application.documents-added")!;
    const signature = `sha256=${crypto.createHmac("sha256", webhookSecret).update(delivery.body).digest("hex")}`;
    expect(delivery.headers["x-portal-signature"]).toBe(signature);
    const event = JSON.parse(delivery.body) as { data: { applicationId: string; documentRequestIds: string[]; attachments: Array<{ id: string; category: string; sha512: string }> } };
    expect(event.data.applicationId).toBe(id);
    expect(event.data.documentRequestIds).toEqual([requestId]);
    expect(event.data.attachments).toHaveLength(1);
    expect(event.data.attachments[0].category).toBe("bank-statements");

    const application = (await (await reader.get(`/api/v1/applications/${id}`)).json()) as {
      attachments: Array<{ id: string; sha512: string; documentRequestId: string | null }>;
      documentRequests: Array<{ id: string; status: string }>;
    };
    expect(application.attachments).toHaveLength(2);
    const added = application.attachments.find((a) => a.documentRequestId === requestId)!;
    expect(added.id).toBe(event.data.attachments[0].id);
    const file = await reader.get(`/api/v1/applications/${id}/attachments/${added.id}`);
    expect(sha512(new Uint8Array(await file.arrayBuffer()))).toBe(added.sha512);
    expect(application.documentRequests).toEqual([expect.objectContaining({ id: requestId, status: "answered" })]);
    const list = (await (await reader.get(`/api/v1/applications/${id}/document-requests`)).json()) as { items: Array<{ id: string; status: string }> };
    expect(list.items.map((r) => r.status)).toEqual(["answered"]);
    expect(await person.text(`/antrag/${id}/status`)).toContain("Yüklendi – teşekkürler.");
  });

  it("a document added on the Unterlagen page after submission is handed over at once", async () => {
    const before = receiver.requests.filter((r) => JSON.parse(r.body).type === "application.documents-added").length;
    const response = await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", [{ name: "mietvertrag.pdf", type: "application/pdf", bytes: pdf }]);
    expect(response.status).toBe(200);
    await receiver.waitFor((requests) => requests.filter((r) => JSON.parse(r.body).type === "application.documents-added").length > before, 15_000, "second documents-added");
    const rows = await documentRows(id);
    expect(rows.every((r) => r.submitted_at !== null)).toBe(true);
  });

  it("refuses status and requests for drafts and unknown applications", async () => {
    const other = await signedIn("de");
    const draftId = await startApplication(other.person);
    expect((await writer.post(`/api/v1/applications/${draftId}/status`, { status: "entschieden" })).status).toBe(409);
    expect((await writer.post(`/api/v1/applications/${draftId}/document-requests`, { category: "identity", description: "x", dueDate: "2999-01-01" })).status).toBe(409);
    expect((await writer.post(`/api/v1/applications/${crypto.randomUUID()}/status`, { status: "entschieden" })).status).toBe(404);
    expect((await new ApiClient(server, null).post(`/api/v1/applications/${id}/status`, { status: "entschieden" })).status).toBe(401);
    expect((await other.person.get(`/antrag/${draftId}/status`)).headers.get("location")).toBe(`/antrag/${draftId}`);
  });
});

describe("resumable uploads from the pages (with JavaScript)", () => {
  it("creates, sends chunks, resumes from the reported offset, and lists the file; only the owner, only with the CSRF header", async () => {
    const { person } = await signedIn("de");
    const appId = await startApplication(person);
    await fillAll(person, appId);
    const base = `${server.url}/antrag/${appId}/unterlagen/hochladen`;
    const token = await person.csrf(`/antrag/${appId}/unterlagen`);
    const headers = (extra: Record<string, string> = {}) => ({ Cookie: person.jar.header(), Origin: server.url, "X-Forwarded-For": person.ip, ...extra });
    const file = await pdfWithMarker();
    const half = Math.floor(file.length / 2);

    const noToken = await fetch(base, {
      method: "POST",
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ item: "identity.p1", filename: "pass.pdf", size: file.length }),
    });
    expect(noToken.status).toBe(403);
    const created = await fetch(base, {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", "X-CSRF-Token": token }),
      body: JSON.stringify({ item: "identity.p1", filename: "pass.pdf", size: file.length }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const upload = (await created.json()) as { id: string; offset: number };
    const target = `${base}?upload=${encodeURIComponent(upload.id)}`;
    const patch = (offset: number, bytes: Uint8Array) =>
      fetch(target, { method: "PATCH", headers: headers({ "X-CSRF-Token": token, "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }), body: Buffer.from(bytes) });

    expect((await patch(0, file.subarray(0, half))).status).toBe(200);
    const conflict = await patch(0, file.subarray(0, half));
    expect(conflict.status).toBe(409);
    const state = await fetch(target, { headers: headers() });
    expect(state.headers.get("upload-offset")).toBe(String(half));
    // Someone else: not found, whatever they try.
    const other = await signedIn("de");
    const otherId = await startApplication(other.person);
    expect((await fetch(target, { headers: { Cookie: other.person.jar.header() } })).status).toBe(404);
    expect((await fetch(`${server.url}/antrag/${otherId}/unterlagen/hochladen?upload=${encodeURIComponent(upload.id)}`, { headers: { Cookie: other.person.jar.header() } })).status).toBe(404);
    // An item that is not on the checklist is refused at creation.
    const refused = await fetch(base, {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", "X-CSRF-Token": token }),
      body: JSON.stringify({ item: "income-pension.p1", filename: "rente.pdf", size: 10 }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { key: string } }).error.key).toBe("uploads:errors.notAllowed");

    const done = await patch(half, file.subarray(half));
    expect(done.status).toBe(200);
    const finished = (await done.json()) as { status: string; document: { sha512: string } };
    expect(finished.status).toBe("complete");
    expect(finished.document.sha512).toBe(sha512(file));
    expect(await person.text(`/antrag/${appId}/unterlagen`)).toContain("pass.pdf");
    expect((await documentRows(appId)).map((r) => r.context_item)).toEqual(["identity.p1"]);
  });
});

// The storage modules themselves, in this process on the server's database and data directory:
// resumable uploads (chunks encrypted as they arrive, resumed after a broken connection) and
// tamper detection of the blobs.
describe("resumable uploads and documents at rest (in process)", () => {
  let userId: string;
  let context: { kind: string; id: string };

  beforeAll(async () => {
    const { person } = await signedIn("de");
    void person;
    const { getDb } = await import("../app/platform/db/db.server");
    const row = await (await getDb()).selectFrom("users").select("id").orderBy("created_at", "desc").executeTakeFirstOrThrow();
    userId = row.id;
    context = { kind: "account", id: userId };
    // Who may attach where is wired by the composition root (as at server start).
    (await import("../app/server/compose.server")).compose();
  });

  async function* broken(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
    yield bytes.subarray(0, Math.floor(bytes.length / 2));
    throw new Error("connection reset");
  }

  it("takes a file in chunks, survives a broken chunk, resumes at the reported offset and stores it encrypted", async () => {
    (await import("~/server/compose.server")).compose(); // the attachment authorizers, as the server wires them
    const { createUpload, appendChunk, getUpload } = await import("~/features/documents/index.server");
    const { readDocument } = await import("~/features/documents/index.server");
    const { getDb } = await import("../app/platform/db/db.server");
    const file = await pdfWithMarker();
    const created = await createUpload({ ownerUserId: userId, filename: "Bescheid.pdf", size: file.length, context });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const uploadId = created.upload.id;
    const half = Math.floor(file.length / 2);

    const first = await appendChunk({ id: uploadId, ownerUserId: userId, offset: 0, contentLength: half, body: [file.subarray(0, half)] as unknown as AsyncIterable<Uint8Array> });
    expect(first.ok && first.upload.offset).toBe(half);
    // The connection breaks in the middle of the second chunk: nothing of it counts.
    const interrupted = await appendChunk({ id: uploadId, ownerUserId: userId, offset: half, contentLength: file.length - half, body: broken(file.subarray(half)) });
    expect(interrupted.ok).toBe(false);
    if (!interrupted.ok) expect(interrupted.error.key).toBe("uploads:errors.chunkIncomplete");
    expect((await getUpload(uploadId, userId))?.offset).toBe(half);
    // A chunk at the wrong offset is refused; someone else does not see the upload.
    const wrong = await appendChunk({ id: uploadId, ownerUserId: userId, offset: 0, contentLength: 10, body: [file.subarray(0, 10)] as unknown as AsyncIterable<Uint8Array> });
    expect(!wrong.ok && wrong.status).toBe(409);
    const other = await (await getDb()).selectFrom("users").select("id").where("id", "!=", userId).executeTakeFirstOrThrow();
    expect(await getUpload(uploadId, other.id)).toBeNull();
    // The chunk on disk is ciphertext.
    const parts = await (await getDb()).selectFrom("upload_parts").select("blob_key").where("upload_id", "=", uploadId).execute();
    expect(parts).toHaveLength(1);
    const partFile = path.join(server.dataDir, "documents", parts[0].blob_key.slice(0, 2), parts[0].blob_key.slice(2, 4), parts[0].blob_key);
    expect(fs.readFileSync(partFile).includes("%PDF")).toBe(false);

    const done = await appendChunk({ id: uploadId, ownerUserId: userId, offset: half, contentLength: file.length - half, body: [file.subarray(half)] as unknown as AsyncIterable<Uint8Array> });
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(done.upload.status).toBe("complete");
    expect(done.upload.document?.sha512).toBe(sha512(file));
    expect(await (await getDb()).selectFrom("upload_parts").select("blob_key").where("upload_id", "=", uploadId).execute()).toEqual([]);
    expect(fs.existsSync(partFile)).toBe(false);
    // A repeated last chunk (its answer was lost) finds it complete, not a second document.
    const repeated = await appendChunk({ id: uploadId, ownerUserId: userId, offset: half, contentLength: file.length - half, body: [file.subarray(half)] as unknown as AsyncIterable<Uint8Array> });
    expect(repeated.ok && repeated.upload.document?.id).toBe(done.upload.document!.id);

    const opened = await readDocument(done.upload.document!.id, { ownerUserId: userId });
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.stream) chunks.push(chunk as Buffer);
    expect(sha512(Buffer.concat(chunks))).toBe(sha512(file));
    expect(await readDocument(done.upload.document!.id, { ownerUserId: other.id })).toBeNull();
  });

  it("refuses an upload larger than the limit before any byte is sent, and a file that is not what it claims at the end", async () => {
    (await import("~/server/compose.server")).compose();
    const { createUpload, appendChunk } = await import("~/features/documents/index.server");
    const tooBig = await createUpload({ ownerUserId: userId, filename: "riesig.pdf", size: 5 * 1024 * 1024, context });
    expect(!tooBig.ok && tooBig.status).toBe(413);
    if (!tooBig.ok) expect(tooBig.error).toEqual({ key: "uploads:errors.tooLarge", params: { name: "riesig.pdf", maxMb: 1 } });
    const text = Buffer.from("nur Text, kein Bild\n".repeat(10));
    const created = await createUpload({ ownerUserId: userId, filename: "foto.jpg", size: text.length, context });
    if (!created.ok) throw new Error("upload not created");
    const result = await appendChunk({ id: created.upload.id, ownerUserId: userId, offset: 0, contentLength: text.length, body: [text] as unknown as AsyncIterable<Uint8Array> });
    expect(!result.ok && result.status).toBe(422);
    if (!result.ok) expect(result.error.key).toBe("uploads:errors.unsupportedType");
  });

  it("a blob altered on disk fails verification instead of handing out wrong content", async () => {
    const { storeUpload, readDocument } = await import("~/features/documents/index.server");
    const { getDb } = await import("../app/platform/db/db.server");
    const file = await pdfWithMarker();
    const stored = await storeUpload({ source: [file], filename: "konto.pdf", context, ownerUserId: userId });
    if (!stored.ok) throw new Error(JSON.stringify(stored.error));
    const row = await (await getDb()).selectFrom("documents").select("blob_key").where("id", "=", stored.document.id).executeTakeFirstOrThrow();
    const blobFile = path.join(server.dataDir, "documents", row.blob_key.slice(0, 2), row.blob_key.slice(2, 4), row.blob_key);
    const blob = fs.readFileSync(blobFile);
    blob[blob.length - 20] ^= 0xff;
    fs.writeFileSync(blobFile, blob);
    const opened = await readDocument(stored.document.id, { ownerUserId: userId });
    await expect(
      (async () => {
        for await (const chunk of opened!.stream) void chunk;
      })(),
    ).rejects.toThrow(/integrity/);
  });
});
