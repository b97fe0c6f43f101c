import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess, startReceiver, type Receiver } from "./support/api";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The Ombudsstelle channel (issue 6 part 3) against the real server: anonymous messages through
// the form, the Ombudsstelle's API (ombuds:* keys only), the follow-up code, webhooks to a real
// HTTP receiver, reply notices through a real SMTP server. Confidentiality is checked where it
// could leak: the server log, the audit log's details, the database (file and rows).
// Runs on SQLite and, with TEST_DB_KIND=postgres, on PostgreSQL.

type Mod<T> = Awaited<T>;
let smtp: TestSmtp;
let server: TestServer;
let detach: (() => Promise<void>) | null = null;
let ombuds: ApiClient;
let jobcenter: ApiClient;
let ombudsReceiver: Receiver;
let jobcenterReceiver: Receiver;
let ombudsSecret = "";
let dbModule: Mod<typeof import("../app/platform/db/db.server")>;
/** Everything secret the tests sent: none of it may appear in logs, audit details or the database. */
const secrets: string[] = [];

const tr = JSON.parse(fs.readFileSync(new URL("../locales/tr/ombuds.json", import.meta.url), "utf8")) as typeof import("../locales/tr/ombuds.json");
const de = JSON.parse(fs.readFileSync(new URL("../locales/de/ombuds.json", import.meta.url), "utf8")) as typeof import("../locales/de/ombuds.json");

let ipCounter = 0;
function nextIp(): string {
  ipCounter += 1;
  return `10.66.${Math.floor(ipCounter / 200)}.${(ipCounter % 200) + 1}`;
}

function marker(tag: string): string {
  const value = `${tag}-${crypto.randomBytes(8).toString("hex")}`;
  secrets.push(value);
  return value;
}

/** A browser-like client from its own address (rate limits are per address). */
class Sender extends Browserish {
  constructor(
    language = "de",
    readonly ip = nextIp(),
  ) {
    super(server.url, language);
  }
  override async get(pathname: string, init: RequestInit = {}): Promise<Response> {
    return super.get(pathname, { ...init, headers: { "X-Forwarded-For": this.ip, ...(init.headers as Record<string, string>) } });
  }
  async form(pathname: string, fields: Record<string, string>, extra: Record<string, string> = {}): Promise<Response> {
    const page = await this.html(pathname);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error(`no CSRF token on ${pathname}`);
    return this.postRaw(pathname, { _csrf: csrf, ...(token ? { token } : {}), ...fields }, extra);
  }
  async postRaw(pathname: string, fields: Record<string, string>, extra: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(fields),
      headers: {
        Cookie: this.jar.header(),
        "Accept-Language": this.language,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": this.ip,
        Origin: this.base,
        ...extra,
      },
    });
    this.jar.store(response);
    return response;
  }
  async csrfOf(pathname: string): Promise<string> {
    return /name="_csrf" value="([^"]+)"/.exec(await this.html(pathname))![1];
  }
}

function sentCredentials(html: string): { reference: string; code: string } {
  const reference = /class="reference-number">([^<]+)</.exec(html)?.[1];
  const code = /class="follow-up-code">([^<]+)</.exec(html)?.[1];
  if (!reference || !code) throw new Error(`no reference/code on the page: ${visibleText(html).slice(0, 400)}`);
  return { reference, code };
}

async function send(sender: Sender, fields: { kind?: string; message: string; email?: string }): Promise<{ reference: string; code: string }> {
  const response = await sender.form("/ombudsstelle/nachricht", { kind: "beschwerden", email: "", website: "", ...fields });
  const html = await response.text();
  expect(response.status, visibleText(html).slice(0, 300)).toBe(200);
  const sent = sentCredentials(html);
  secrets.push(sent.code);
  return sent;
}

/** Posts the form as multipart (as the browser does), with files. */
async function sendMultipart(sender: Sender, fields: Record<string, string>, files: Array<{ name: string; type: string; bytes: Uint8Array }>): Promise<Response> {
  const page = await sender.html("/ombudsstelle/nachricht");
  const body = new FormData();
  body.append("_csrf", /name="_csrf" value="([^"]+)"/.exec(page)![1]);
  body.append("token", /name="token" value="([^"]+)"/.exec(page)![1]);
  for (const [key, value] of Object.entries({ kind: "beschwerden", email: "", website: "", ...fields })) body.append(key, value);
  for (const file of files) body.append("attachments", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(server.url + "/ombudsstelle/nachricht", {
    method: "POST",
    redirect: "manual",
    body,
    headers: { Cookie: sender.jar.header(), "Accept-Language": sender.language, "X-Forwarded-For": sender.ip, Origin: server.url },
  });
  sender.jar.store(response);
  return response;
}

async function samplePng(): Promise<Uint8Array> {
  const sharp = (await import("sharp")).default;
  return new Uint8Array(
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .png()
      .toBuffer(),
  );
}

/** A one-page PDF with `mark` in a comment after %%EOF (plain bytes in the file, ignored by readers). */
async function samplePdf(mark: string): Promise<Uint8Array> {
  const { PDFDocument } = await import("pdf-lib");
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  return Buffer.concat([Buffer.from(await pdf.save()), Buffer.from(`\n%${mark}\n`)]);
}

interface ApiMessage {
  id: string;
  reference: string;
  kind: string;
  status: string;
  language: string;
  contact: { email: string } | null;
  entries: Array<{ id: string; author: string; text: string; createdAt: string }>;
  attachments: Array<{ id: string; entryId: string; filename: string; mediaType: string; size: number; sha512: string }>;
}

async function allMessages(query = ""): Promise<ApiMessage[]> {
  const items: ApiMessage[] = [];
  let cursor = "";
  for (let i = 0; i < 50; i++) {
    const response = await ombuds.get(`/api/v1/ombuds/messages?limit=2${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: ApiMessage[]; nextCursor: string | null };
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  throw new Error("paging did not end");
}

async function byReference(reference: string): Promise<ApiMessage | undefined> {
  return (await allMessages()).find((m) => m.reference === reference);
}

/** Opens the conversation with reference + code; answers the page after the redirect. */
async function openWith(sender: Sender, reference: string, code: string): Promise<{ status: number; html: string }> {
  const response = await sender.postRaw("/ombudsstelle/antworten", { _csrf: await sender.csrfOf("/ombudsstelle/antworten"), intent: "open", reference, code });
  if (response.status !== 302) return { status: response.status, html: await response.text() };
  expect(response.headers.get("location")).toBe("/ombudsstelle/antworten");
  return { status: 302, html: await sender.html("/ombudsstelle/antworten") };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({
    SMTP_URL: smtp.url,
    DEMO_DATA: "0",
    OMBUDS_RETENTION_DAYS: "30",
    OMBUDS_RETENTION_POLL_SECONDS: "1",
    WEBHOOK_POLL_MS: "100",
    WEBHOOK_RETRY_BASE_MS: "200",
    LOG_LEVEL: "debug",
  });
  detach = await attachInProcessDatabase(server.env);
  dbModule = await import("../app/platform/db/db.server");
  const { API_SCOPES, isOmbudsScope } = await import("../app/platform/api/api-keys.server");
  const suffix = crypto.randomBytes(3).toString("hex");
  ombuds = new ApiClient(server, await createKeyInProcess(`Ombudsstelle ${suffix}`, ["ombuds:read", "ombuds:write"]));
  // A Jobcenter key with every scope a Jobcenter key can hold.
  jobcenter = new ApiClient(
    server,
    await createKeyInProcess(
      `Jobcenter alles ${suffix}`,
      API_SCOPES.filter((s) => !isOmbudsScope(s)),
    ),
  );

  const { eventTypesFor } = await import("../app/platform/events/webhooks.server");
  ombudsReceiver = await startReceiver();
  jobcenterReceiver = await startReceiver();
  const o = await ombuds.post("/api/v1/webhooks", { url: ombudsReceiver.url, events: ["ombuds.message-received"] });
  expect(o.status).toBe(201);
  ombudsSecret = ((await o.json()) as { secret: string }).secret;
  const j = await jobcenter.post("/api/v1/webhooks", { url: jobcenterReceiver.url, events: eventTypesFor("jobcenter") });
  expect(j.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
  await ombudsReceiver?.close();
  await jobcenterReceiver?.close();
});

describe(`Ombudsstelle (${testDbKind()})`, () => {
  it("shows the information page, linked from the start page, with the other ways and the form offered", async () => {
    const sender = new Sender("en");
    const home = JSON.parse(fs.readFileSync(new URL("../locales/en/home.json", import.meta.url), "utf8")) as typeof import("../locales/en/home.json");
    const start = await sender.html("/");
    expect(start).toContain('href="/ombudsstelle"');
    expect(visibleText(start)).toContain(home.services.ombuds.body); // the card
    const text = visibleText(await sender.html("/ombudsstelle"));
    expect(text).toContain("Ombudsstelle SGB II"); // the configured name (Heinsberg)
    expect(text).toContain("independent of the Jobcenter");
    // German legal terms beside their translation, marked as German.
    const html = await sender.html("/ombudsstelle");
    for (const term of ["Widerspruch", "Überprüfungsantrag", "Kundenreaktionsmanagement"]) expect(html).toContain(`<bdi dir="ltr" lang="de">${term}</bdi>`); // isolated (issue 12, item 4)
    expect(text).toContain("formal objection ( Widerspruch )");
    expect(text).toContain("§ 84 SGG");
    expect(text).toContain("§ 44 SGB X");
    expect(await sender.html("/ombudsstelle")).toContain('href="/ombudsstelle/nachricht"');
  });

  it("for a Träger whose Ombudsstelle is only planned (Siegen-Wittgenstein): says so and offers no form", async () => {
    const planned = await startTestServer({ TRAEGER: "siegen-wittgenstein", DEMO_DATA: "0" });
    try {
      const page = await fetch(`${planned.url}/ombudsstelle`, { headers: { "Accept-Language": "de" } });
      expect(page.status).toBe(200);
      const html = await page.text();
      const text = visibleText(html);
      expect(text).toContain("SGB II-Ombudsstelle");
      expect(text).toContain(de.info.planned);
      expect(text).toContain(de.traeger.ombudsstelle.description);
      expect(html).not.toContain('href="/ombudsstelle/nachricht"');
      expect((await fetch(`${planned.url}/ombudsstelle/nachricht`)).status).toBe(404);
    } finally {
      await planned.stop();
    }
  });

  it("takes an anonymous message; the Ombudsstelle lists and answers it; the sender reads the reply with reference + code and is told by mail in Turkish without content", async () => {
    const text = marker("NACHRICHT");
    const email = `ombuds.${crypto.randomBytes(4).toString("hex")}@beispiel.example`;
    secrets.push(email);
    const sender = new Sender("tr");
    const { reference, code } = await send(sender, { kind: "kritik", message: `Çok uzun bekledim. ${text}`, email });
    expect(reference).toMatch(/^O-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);

    const listed = await byReference(reference);
    expect(listed).toMatchObject({ kind: "kritik", status: "received", language: "tr", contact: { email } });
    expect(listed!.entries).toHaveLength(1);
    expect(listed!.entries[0]).toMatchObject({ author: "sender", text: `Çok uzun bekledim. ${text}` });
    expect((await allMessages("&status=received")).some((m) => m.reference === reference)).toBe(true);
    expect((await allMessages("&status=closed")).some((m) => m.reference === reference)).toBe(false);
    expect((await ombuds.get("/api/v1/ombuds/messages?status=nonsense")).status).toBe(400);

    const replyText = marker("ANTWORT");
    const reply = await ombuds.post(`/api/v1/ombuds/messages/${listed!.id}/replies`, { text: `Danke, wir klären das. ${replyText}` }, { "Idempotency-Key": `reply-${listed!.id}` });
    expect(reply.status).toBe(201);
    const replied = (await reply.json()) as ApiMessage;
    expect(replied.status).toBe("answered");
    expect(replied.entries.map((e) => e.author)).toEqual(["sender", "ombuds"]);
    // The same Idempotency-Key does not reply twice.
    const again = await ombuds.post(`/api/v1/ombuds/messages/${listed!.id}/replies`, { text: `Danke, wir klären das. ${replyText}` }, { "Idempotency-Key": `reply-${listed!.id}` });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await byReference(reference))!.entries).toHaveLength(2);
    expect((await ombuds.post("/api/v1/ombuds/messages/gibt-es-nicht/replies", { text: "x" })).status).toBe(404);
    expect((await ombuds.post(`/api/v1/ombuds/messages/${listed!.id}/replies`, { text: "x".repeat(5001) })).status).toBe(400);
    expect((await ombuds.post(`/api/v1/ombuds/messages/${listed!.id}/replies`, { text: "x", extra: 1 })).status).toBe(400);

    // The notice: in Turkish, with the reference and the link, without any content.
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toContain(reference);
    expect(mail.subject.startsWith(String(tr.mail.subject).split("{{")[0].trim())).toBe(true);
    expect(mail.text).toContain("/ombudsstelle/antworten");
    expect(mail.raw).not.toContain(text);
    expect(mail.raw).not.toContain(replyText);
    expect(mail.raw).not.toContain(code);
    expect(smtp.to(email)).toHaveLength(1);

    // The sender reads the reply (another device: a fresh client), code typed in lower case with spaces.
    const later = new Sender("tr");
    const opened = await openWith(later, reference.toLowerCase(), code.toLowerCase().replace(/-/g, " "));
    expect(opened.status).toBe(302);
    const page = visibleText(opened.html);
    expect(page).toContain(replyText);
    expect(page).toContain(text);
    expect(page).toContain(tr.statuses.answered);

    // A follow-up from the sender reopens the matter for the Ombudsstelle.
    const followUpText = marker("NACHFRAGE");
    const followUp = await later.postRaw("/ombudsstelle/antworten", { _csrf: await later.csrfOf("/ombudsstelle/antworten"), intent: "follow-up", message: followUpText });
    expect(followUp.status).toBe(302);
    expect(followUp.headers.get("location")).toBe("/ombudsstelle/antworten?gesendet=1");
    const afterFollowUp = await byReference(reference);
    expect(afterFollowUp!.status).toBe("received");
    expect(afterFollowUp!.entries.map((e) => e.author)).toEqual(["sender", "ombuds", "sender"]);
    expect(afterFollowUp!.entries[2].text).toBe(followUpText);

    // Status from the Ombudsstelle, seen by the sender.
    const status = await ombuds.post(`/api/v1/ombuds/messages/${listed!.id}/status`, { status: "closed" });
    expect(status.status).toBe(200);
    expect(((await status.json()) as ApiMessage).status).toBe("closed");
    expect(visibleText(await later.html("/ombudsstelle/antworten"))).toContain(tr.statuses.closed);
    expect((await ombuds.post(`/api/v1/ombuds/messages/${listed!.id}/status`, { status: "geloescht" })).status).toBe(400);

    // "Done" closes the view: the page asks for the code again.
    await later.postRaw("/ombudsstelle/antworten", { _csrf: await later.csrfOf("/ombudsstelle/antworten"), intent: "close" });
    expect(visibleText(await later.html("/ombudsstelle/antworten"))).not.toContain(replyText);
  });

  it("does not store a message twice when the form is posted twice (double click, reload), and shows the same code", async () => {
    const sender = new Sender("de");
    const page = await sender.html("/ombudsstelle/nachricht");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    const token = /name="token" value="([^"]+)"/.exec(page)![1];
    const text = marker("DOPPELT");
    const fields = { _csrf: csrf, token, kind: "anregungen", message: text, email: "", website: "" };
    const answers = await Promise.all([sender.postRaw("/ombudsstelle/nachricht", fields), sender.postRaw("/ombudsstelle/nachricht", fields)]);
    const credentials = await Promise.all(answers.map(async (r) => (expect(r.status).toBe(200), sentCredentials(await r.text()))));
    secrets.push(credentials[0].code);
    expect(credentials[1]).toEqual(credentials[0]);
    const third = sentCredentials(await (await sender.postRaw("/ombudsstelle/nachricht", fields)).text());
    expect(third).toEqual(credentials[0]);
    expect((await allMessages()).filter((m) => m.entries[0]?.text === text)).toHaveLength(1);
    // The same form (back button) with other content is another message with its own code.
    const other = sentCredentials(await (await sender.postRaw("/ombudsstelle/nachricht", { ...fields, message: marker("ANDERS") })).text());
    secrets.push(other.code);
    expect(other.reference).not.toBe(credentials[0].reference);
    expect(other.code).not.toBe(credentials[0].code);
  });

  it("refuses bad input with clear errors and keeps what was typed; a filled honeypot stores nothing", async () => {
    const sender = new Sender("de");
    const text = marker("FEHLER");
    const noKind = await sender.form("/ombudsstelle/nachricht", { message: text, email: "", website: "" });
    expect(noKind.status).toBe(400);
    const noKindHtml = await noKind.text();
    expect(visibleText(noKindHtml)).toContain(de.errors.kindRequired);
    expect(noKindHtml).toContain(text); // kept in the textarea

    const tooLong = "ä".repeat(5001);
    const long = await sender.form("/ombudsstelle/nachricht", { kind: "kritik", message: tooLong, email: "kein-at-zeichen", website: "" });
    expect(long.status).toBe(400);
    const longText = visibleText(await long.text());
    expect(longText).toContain("5000");
    expect(longText).toContain("5001");

    const empty = await sender.form("/ombudsstelle/nachricht", { kind: "kritik", message: "   ", email: "", website: "" });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain(de.errors.messageRequired);

    const bot = await sender.form("/ombudsstelle/nachricht", { kind: "kritik", message: text, email: "", website: "http://spam.example" });
    expect(bot.status).toBe(400);
    const botHtml = await bot.text();
    expect(botHtml).toContain(text);
    expect(botHtml).not.toContain("follow-up-code");

    const huge = await sender.form("/ombudsstelle/nachricht", { kind: "kritik", message: "x".repeat(300 * 1024), email: "", website: "" });
    expect(huge.status).toBe(400);
    expect(visibleText(await huge.text())).toContain(String(300 * 1024));

    expect((await allMessages()).some((m) => m.entries.some((e) => e.text.includes(text)))).toBe(false);
  });

  it("takes photos and PDFs as attachments (checked, photos re-encoded), refuses other files with the text kept, and only ombuds keys download them", async () => {
    const sender = new Sender("de");
    const text = marker("ANHANG");
    const refusedAnswer = await sendMultipart(sender, { message: text }, [{ name: "notizen.txt", type: "text/plain", bytes: new TextEncoder().encode("nur Text") }]);
    expect(refusedAnswer.status).toBe(400);
    const refusedHtml = await refusedAnswer.text();
    expect(visibleText(refusedHtml)).toContain("notizen.txt");
    expect(refusedHtml).toContain(text);

    const pdfTitle = marker("PDFTITEL");
    const pdf = await samplePdf(pdfTitle);
    expect(Buffer.from(pdf).includes(Buffer.from(pdfTitle))).toBe(true); // the marker is in the file as sent
    const answer = await sendMultipart(sender, { message: text }, [
      { name: "brief.png", type: "image/png", bytes: await samplePng() },
      { name: "bescheid.pdf", type: "application/pdf", bytes: pdf },
    ]);
    expect(answer.status).toBe(200);
    const { reference, code } = sentCredentials(await answer.text());
    secrets.push(code);
    const message = (await byReference(reference))!;
    expect(message.attachments.map((a) => [a.filename, a.mediaType])).toEqual([
      ["brief.jpg", "image/jpeg"],
      ["bescheid.pdf", "application/pdf"],
    ]);
    expect(message.attachments.every((a) => a.entryId === message.entries[0].id)).toBe(true);

    const [photo, document] = message.attachments;
    const photoFile = await ombuds.get(`/api/v1/ombuds/messages/${message.id}/attachments/${photo.id}`);
    expect(photoFile.status).toBe(200);
    expect(photoFile.headers.get("content-type")).toBe("image/jpeg");
    const photoBytes = Buffer.from(await photoFile.arrayBuffer());
    expect(photoBytes.subarray(0, 2).toString("hex")).toBe("ffd8");
    expect(crypto.createHash("sha512").update(photoBytes).digest("hex")).toBe(photo.sha512);
    const pdfFile = await ombuds.get(`/api/v1/ombuds/messages/${message.id}/attachments/${document.id}`);
    const pdfBytes = Buffer.from(await pdfFile.arrayBuffer());
    // Sanitised like every stored PDF: what followed %%EOF is gone, the page is still there.
    expect(pdfBytes.equals(Buffer.from(pdf))).toBe(false);
    expect(pdfBytes.includes(Buffer.from(pdfTitle))).toBe(false);
    expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await (await import("pdf-lib")).PDFDocument.load(pdfBytes)).getPageCount()).toBe(1);
    expect(crypto.createHash("sha512").update(pdfBytes).digest("hex")).toBe(document.sha512);
    expect(pdfFile.headers.get("content-disposition")).toContain("bescheid.pdf");

    expect((await jobcenter.get(`/api/v1/ombuds/messages/${message.id}/attachments/${document.id}`)).status).toBe(403);
    expect((await new ApiClient(server, null).get(`/api/v1/ombuds/messages/${message.id}/attachments/${document.id}`)).status).toBe(401);
    expect((await ombuds.get(`/api/v1/ombuds/messages/${message.id}/attachments/gibt-es-nicht`)).status).toBe(404);

    // The sender sees which files went with the message.
    const opened = await openWith(new Sender("de"), reference, code);
    expect(visibleText(opened.html)).toContain("bescheid.pdf");

    // Too much for one form: refused before anything is read into memory, with a clear message.
    const tooBig = await sendMultipart(new Sender("de"), { message: text }, [{ name: "gross.pdf", type: "application/pdf", bytes: new Uint8Array(16 * 1024 * 1024) }]);
    expect(tooBig.status).toBe(413);
    expect(visibleText(await tooBig.text())).toContain("5 MB");
  });

  it("limits messages per address (without tracking: a counter per hashed address)", async () => {
    const sender = new Sender("de");
    for (let i = 0; i < 10; i++) await send(sender, { message: `Nachricht ${i} ${marker("VIELE")}` });
    const blocked = await sender.form("/ombudsstelle/nachricht", { kind: "kritik", message: marker("ZUVIEL"), email: "", website: "" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("ZUVIEL"); // the text is kept
    await send(new Sender("de"), { message: marker("ANDERE-ADRESSE") });
  });

  it("refuses a wrong code, and after 10 attempts refuses even the right one from that address; the sender still gets in from another", async () => {
    const sender = new Sender("de");
    const text = marker("RATEN");
    const { reference, code } = await send(sender, { message: text });
    const guesser = new Sender("de");
    const wrong = code.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    for (let i = 0; i < 10; i++) {
      const attempt = await openWith(guesser, reference, i % 2 ? wrong : "AAAA-BBBB-CCCC-DDDD-EEEE");
      expect(attempt.status).toBe(400);
      expect(visibleText(attempt.html)).toContain(de.errors.wrongCode);
      expect(attempt.html).toContain(reference); // kept
    }
    expect((await openWith(guesser, reference, wrong)).status).toBe(429);
    const locked = await guesser.postRaw("/ombudsstelle/antworten", { _csrf: await guesser.csrfOf("/ombudsstelle/antworten"), intent: "open", reference, code });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // The guesser cannot lock the sender out: from another address the right code opens the conversation
    // (guesses spread over addresses are slowed by a growing delay per reference instead).
    const opened = await openWith(new Sender("de"), reference, code);
    expect(opened.status).toBe(302);
    expect(visibleText(opened.html)).toContain(text);
    // An unknown reference answers like a wrong code.
    const unknown = await openWith(new Sender("de"), "O-0000-0000", code);
    expect(unknown.status).toBe(400);
    expect(visibleText(unknown.html)).toContain(de.errors.wrongCode);
  });

  it("gives a Jobcenter key (with every Jobcenter scope) 403 on every Ombudsstelle endpoint, and no key 401", async () => {
    const [message] = await allMessages();
    const id = message.id;
    const calls = (client: ApiClient) => [
      client.get("/api/v1/ombuds/messages"),
      client.get("/api/v1/ombuds/messages?status=received"),
      client.post(`/api/v1/ombuds/messages/${id}/replies`, { text: "Jobcenter hier" }),
      client.post(`/api/v1/ombuds/messages/${id}/status`, { status: "closed" }),
    ];
    for (const response of await Promise.all(calls(jobcenter))) {
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(message.reference);
    }
    for (const response of await Promise.all(calls(new ApiClient(server, null)))) expect(response.status).toBe(401);
    expect((await byReference(message.reference))!.entries.some((e) => e.text === "Jobcenter hier")).toBe(false);
    // The Ombudsstelle's key in turn cannot read the Jobcenter's data.
    expect((await ombuds.get("/api/v1/applications")).status).toBe(403);
  });

  it("delivers ombuds.message-received (ids only, signed) to the Ombudsstelle's subscription, never to the Jobcenter's", async () => {
    const { reference } = await send(new Sender("de"), { message: marker("WEBHOOK") });
    const id = (await byReference(reference))!.id;
    await ombudsReceiver.waitFor((requests) => requests.some((r) => r.body.includes(id)), 15_000, "the ombuds event");
    const delivery = ombudsReceiver.requests.find((r) => r.body.includes(id))!;
    const expected = "sha256=" + crypto.createHmac("sha256", ombudsSecret).update(delivery.body).digest("hex");
    expect(delivery.headers["x-portal-signature"]).toBe(expected);
    const event = JSON.parse(delivery.body) as { type: string; data: Record<string, unknown> };
    expect(event.type).toBe("ombuds.message-received");
    expect(event.data).toEqual({ messageId: id, reference, kind: "beschwerden", entry: "message" });
    // Give the worker time for any wrong delivery, then: nothing Ombudsstelle at the Jobcenter.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(jobcenterReceiver.requests.filter((r) => /ombuds/i.test(r.body) || String(r.headers["x-portal-event-type"]).startsWith("ombuds"))).toEqual([]);
    for (const request of ombudsReceiver.requests) for (const secret of secrets) expect(request.body).not.toContain(secret);
  });

  it("deletes messages after the retention period (the job, counted from the last entry)", async () => {
    const old = await send(new Sender("de"), { message: marker("ALT") });
    const fresh = await send(new Sender("de"), { message: marker("NEU") });
    const oldId = (await byReference(old.reference))!.id;
    const db = await dbModule.getDb();
    await db
      .updateTable("ombuds_messages")
      .set({ last_activity_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
      .where("id", "=", oldId)
      .execute();
    const deadline = Date.now() + 15_000;
    while ((await byReference(old.reference)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await byReference(old.reference)).toBeUndefined();
    expect(await db.selectFrom("ombuds_entries").select("id").where("message_id", "=", oldId).execute()).toEqual([]);
    expect(await byReference(fresh.reference)).toBeDefined();
    // The sender's code leads nowhere any more.
    expect((await openWith(new Sender("de"), old.reference, old.code)).status).toBe(400);
  });

  it("keeps every text, address and code out of the server log, the audit log's details and the database (encrypted at rest)", async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const log = server.output();
    expect(log).toContain("/ombudsstelle/nachricht"); // the request log is there, only without content
    for (const secret of secrets) expect(log, `server log contains ${secret}`).not.toContain(secret);

    const { readAudit } = await import("../app/platform/audit/audit.server");
    const audit = await readAudit({});
    const operations = new Set(audit.map((a) => a.operation));
    for (const op of ["ombuds-message.list", "ombuds-message.reply", "ombuds-message.status", "ombuds-attachment.read"]) expect(operations.has(op)).toBe(true);
    const auditText = JSON.stringify(audit);
    for (const secret of secrets) expect(auditText, `audit log contains ${secret}`).not.toContain(secret);

    // Rows of every table that could hold them.
    const db = await dbModule.getDb();
    const tables = ["ombuds_messages", "ombuds_entries", "ombuds_attachments", "webhook_events", "webhook_deliveries", "audit_log", "idempotency_keys", "rate_limits"] as const;
    for (const table of tables) {
      const rows = JSON.stringify(await db.selectFrom(table).selectAll().execute());
      for (const secret of secrets) expect(rows, `${table} contains ${secret}`).not.toContain(secret);
    }
    const entries = await db.selectFrom("ombuds_entries").select("body_sealed").execute();
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) expect(entry.body_sealed).toMatch(/^v1\./);

    if (testDbKind() === "sqlite") {
      const files = fs.readdirSync(server.dataDir).filter((f) => f.startsWith("portal.sqlite"));
      expect(files).toContain("portal.sqlite");
      for (const file of files) {
        const bytes = fs.readFileSync(path.join(server.dataDir, file));
        for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${file} contains ${secret}`).toBe(false);
      }
    }
  });
});
