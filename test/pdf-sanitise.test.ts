import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { applicationIdFrom, fillAll, signedIn, type Person } from "./support/applicant";
import {
  activeCorpus,
  afterLastEof,
  FORBIDDEN_NAMES,
  encryptedWithQpdf,
  forbiddenNamesInText,
  pageContents,
  pdfLibView,
  pdfText,
  qpdfCheck,
  qpdfExpanded,
  rendered,
  scannedPdf,
  textPdf,
  type CorpusEntry,
} from "./support/pdf-corpus";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Issue item: "PDFs with active content other than JavaScript are handed over byte for byte".
// Every stored PDF is sanitised: actions and active parts (/OpenAction, /AA, /URI, /SubmitForm,
// /ImportData, /GoToR, /GoToE, /Launch, /JavaScript, /XFA, /RichMedia, embedded files) and
// anything after the last %%EOF are removed, the visible pages stay. A corpus of such files
// (test/support/pdf-corpus.ts, built here) goes through processDocument in this process and
// through both upload paths of the running server (multipart and resumable) and back out of the
// back-office API; what comes out is re-parsed by qpdf (streams decompressed) and pdf-lib.

const CLI_TIMEOUT = 120_000;
const sha512 = (bytes: Uint8Array) => crypto.createHash("sha512").update(bytes).digest("hex");

let corpus: CorpusEntry[];
let ordinary: CorpusEntry[];

/** Everything the issue names is gone from `stored`, and the pages are still there. */
async function expectNeutralised(entry: CorpusEntry, stored: Uint8Array): Promise<void> {
  const label = entry.name;
  expect(Buffer.from(stored.subarray(0, 5)).toString("latin1"), label).toBe("%PDF-");
  expect(afterLastEof(stored), `${label}: bytes after %%EOF`).toBe("");
  qpdfCheck(stored); // throws on structural errors
  const expanded = qpdfExpanded(stored);
  expect(forbiddenNamesInText(expanded), `${label}: names qpdf finds`).toEqual([]);
  const view = await pdfLibView(stored);
  const left = [...view.names].filter((name) => FORBIDDEN.has(name));
  expect(left, `${label}: names pdf-lib finds`).toEqual([]);
  expect(view.invalid, `${label}: unparsable objects`).toBe(0);
  for (const trace of entry.traces) {
    expect(expanded.includes(trace), `${label}: "${trace}" in the expanded file`).toBe(false);
    expect(view.streams.includes(trace), `${label}: "${trace}" in a stream`).toBe(false);
    expect(Buffer.from(stored).includes(trace), `${label}: "${trace}" in the raw bytes`).toBe(false);
  }
  expect(view.pages, `${label}: pages`).toBe(entry.pages);
  expect(pdfText(stored), `${label}: text`).toContain(entry.text);
}

/** An ordinary file keeps what it shows: pages, text, drawing instructions and the rendered picture. */
async function expectSameContent(entry: CorpusEntry, stored: Uint8Array): Promise<void> {
  expect((await pdfLibView(stored)).pages, entry.name).toBe(entry.pages);
  expect(pdfText(stored), entry.name).toBe(pdfText(entry.bytes));
  expect(await pageContents(stored), entry.name).toEqual(await pageContents(entry.bytes));
  const before = rendered(entry.bytes);
  const after = rendered(stored);
  expect(after.length, entry.name).toBe(before.length);
  after.forEach((page, i) => expect(sha512(page), `${entry.name} page ${i + 1} rendered`).toBe(sha512(before[i])));
  qpdfCheck(stored);
}

/** What must not be left: the corpus module's list, as a set. */
const FORBIDDEN = new Set<string>(FORBIDDEN_NAMES);

beforeAll(async () => {
  corpus = await activeCorpus();
  ordinary = [await scannedPdf(), await scannedPdf({ pages: 1, objectStreams: true }), await textPdf()];
  // The corpus really is what it claims to be, before anything touches it.
  for (const entry of corpus) {
    const before = new Set([...forbiddenNamesInText(qpdfExpanded(entry.bytes)), ...[...(await pdfLibView(entry.bytes)).names].filter((n) => FORBIDDEN.has(n))]);
    const trailing = afterLastEof(entry.bytes) !== "";
    expect(before.size > 0 || trailing, `${entry.name} carries active content`).toBe(true);
  }
}, CLI_TIMEOUT);

describe("processDocument sanitises every PDF (in process)", () => {
  const run = async (entry: { name: string; bytes: Uint8Array }) => {
    const { processDocument } = await import("~/features/documents/index.server");
    return processDocument([entry.bytes], { filename: entry.name, maxBytes: 10 * 1024 * 1024, maxMb: 10 }, async (p) => p);
  };

  it("removes every active part of every file in the corpus and keeps its pages and text", async () => {
    for (const entry of corpus) {
      const processed = await run(entry);
      expect(processed.mediaType, entry.name).toBe("application/pdf");
      expect(processed.originalSha512, entry.name).toBe(sha512(entry.bytes));
      expect(processed.originalSize, entry.name).toBe(entry.bytes.length);
      expect(processed.removed.length, `${entry.name}: what was removed is reported`).toBeGreaterThan(0);
      await expectNeutralised(entry, processed.content);
    }
  });

  it("reports what it removed, by kind (no content)", async () => {
    const removed = async (name: string) => (await run(corpus.find((e) => e.name === name)!)).removed;
    expect(await removed("open-action-uri.pdf")).toEqual(expect.arrayContaining(["open-action", "uri"]));
    expect(await removed("submit-form.pdf")).toEqual(expect.arrayContaining(["submit-form", "additional-actions"]));
    expect(await removed("xfa-script.pdf")).toEqual(expect.arrayContaining(["xfa"]));
    expect(await removed("html-after-eof.pdf")).toEqual(["trailing-data"]);
    expect(await removed("embedded-file.pdf")).toEqual(expect.arrayContaining(["embedded-file"]));
    expect(await removed("launch.pdf")).toEqual(expect.arrayContaining(["launch", "remote-go-to", "import-data"]));
    expect(await removed("javascript.pdf")).toEqual(expect.arrayContaining(["javascript", "open-action", "additional-actions", "uri"]));
    expect(await removed("rich-media.pdf")).toEqual(expect.arrayContaining(["rich-media"]));
    expect(await removed("escaped-names.pdf")).toEqual(expect.arrayContaining(["uri", "open-action", "javascript"]));
  });

  it("keeps an internal link (/GoTo) while removing the outside one", async () => {
    const entry = corpus.find((e) => e.name === "uri-link.pdf")!;
    const expanded = qpdfExpanded((await run(entry)).content);
    expect(expanded).toMatch(/\/S \/GoTo\b/);
    expect(expanded.match(/\/Subtype \/Link/g)).toHaveLength(2); // the outside link stays as an inert box
  });

  it("passes ordinary scans and text PDFs with the same pages, text and picture; sanitising twice changes nothing", async () => {
    for (const entry of ordinary) {
      const processed = await run(entry);
      expect(processed.removed, entry.name).toEqual([]);
      await expectSameContent(entry, processed.content);
      const again = await run({ name: entry.name, bytes: processed.content });
      expect(sha512(again.content), `${entry.name} twice`).toBe(sha512(processed.content));
    }
  });

  it("still refuses encrypted PDFs and PDFs it cannot read", async () => {
    const { DocumentRefusal } = await import("~/features/documents/index.server");
    const encrypted = encryptedWithQpdf(ordinary[0].bytes);
    const refusal = await run({ name: "konto.pdf", bytes: encrypted }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DocumentRefusal);
    expect((refusal as InstanceType<typeof DocumentRefusal>).key).toBe("uploads:errors.pdfEncrypted");
    const broken = await run({ name: "kaputt.pdf", bytes: Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n") }).catch((e: unknown) => e);
    expect((broken as InstanceType<typeof DocumentRefusal>).key).toBe("uploads:errors.pdfDamaged");
  });
});

describe("both upload paths store the sanitised file and the API serves it (running server)", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let detach: () => Promise<void>;
  let reader: ApiClient;
  let person: Person;
  let applicationId: string;
  /** name as uploaded → entry and path. */
  const sent = new Map<string, { entry: CorpusEntry; path: "multipart" | "resumable" }>();

  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example", UPLOAD_MAX_FILE_MB: "5" });
    detach = await attachInProcessDatabase(server.env);
    reader = new ApiClient(server, await createKeyInProcess("Fachverfahren lesen", ["applications:read"]));
    ({ person } = await signedIn(server, smtp, "de"));
    applicationId = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, applicationId);
  }, CLI_TIMEOUT);

  afterAll(async () => {
    await detach?.();
    await server?.stop();
    await smtp?.stop();
  });

  it("takes every file of the corpus through the multipart form (no JavaScript)", async () => {
    const files = [...corpus, ...ordinary].map((entry) => ({ name: `mp-${entry.name}`, type: "application/pdf", bytes: entry.bytes, entry }));
    const response = await person.uploadItem(`/antrag/${applicationId}/unterlagen`, "rent-contract", files);
    expect(response.status, visibleText(await response.clone().text()).slice(0, 2000)).toBe(200);
    for (const file of files) sent.set(file.name, { entry: file.entry, path: "multipart" });
  });

  it("takes every file of the corpus through the resumable upload (two chunks each)", async () => {
    const base = `${server.url}/antrag/${applicationId}/unterlagen/hochladen`;
    const token = await person.csrf(`/antrag/${applicationId}/unterlagen`);
    const headers = (extra: Record<string, string>) => ({ Cookie: person.jar.header(), Origin: server.url, "X-Forwarded-For": person.ip, "X-CSRF-Token": token, ...extra });
    for (const entry of [...corpus, ...ordinary]) {
      const name = `ru-${entry.name}`;
      const created = await fetch(base, {
        method: "POST",
        headers: headers({ "Content-Type": "application/json" }),
        body: JSON.stringify({ item: "identity.p1", filename: name, size: entry.bytes.length }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const half = Math.floor(entry.bytes.length / 2);
      for (const [offset, chunk] of [
        [0, entry.bytes.subarray(0, half)],
        [half, entry.bytes.subarray(half)],
      ] as const) {
        const patched = await fetch(`${base}?upload=${encodeURIComponent(id)}`, {
          method: "PATCH",
          headers: headers({ "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }),
          body: Buffer.from(chunk),
        });
        expect(patched.status, `${name}: ${await patched.clone().text()}`).toBeLessThan(300);
        if (offset === half) {
          const done = (await patched.json()) as { status: string; document: { sha512: string } };
          expect(done.status, name).toBe("complete");
          if (corpus.includes(entry)) expect(done.document.sha512, `${name}: the hash of the stored, not the sent file`).not.toBe(sha512(entry.bytes));
        }
      }
      sent.set(name, { entry, path: "resumable" });
    }
  });

  it("hands them over; the back office downloads sanitised files whose SHA-512 is what it is told, the original's hash is kept", async () => {
    expect((await person.send(`/antrag/${applicationId}/pruefen`, { declaration: "1", documentsDigital: "1" })).status).toBe(302);
    const application = (await (await reader.get(`/api/v1/applications/${applicationId}`)).json()) as {
      attachments: Array<{ id: string; filename: string; mediaType: string; size: number; sha512: string }>;
    };
    expect(application.attachments.map((a) => a.filename).sort()).toEqual([...sent.keys()].sort());
    const { getDb } = await import("../app/platform/db/db.server");
    const rows = await (await getDb()).selectFrom("documents").selectAll().where("context_id", "=", applicationId).execute();
    for (const attachment of application.attachments) {
      const { entry, path } = sent.get(attachment.filename)!;
      const file = await reader.get(`/api/v1/applications/${applicationId}/attachments/${attachment.id}`);
      expect(file.status, attachment.filename).toBe(200);
      expect(file.headers.get("content-type")).toBe("application/pdf");
      const bytes = new Uint8Array(await file.arrayBuffer());
      expect(sha512(bytes), attachment.filename).toBe(attachment.sha512);
      expect(file.headers.get("repr-digest")).toBe(`sha-512=:${Buffer.from(attachment.sha512, "hex").toString("base64")}:`);
      expect(bytes.length, attachment.filename).toBe(attachment.size);
      const row = rows.find((r) => r.id === attachment.id)!;
      expect(row.sha512).toBe(attachment.sha512);
      expect(row.original_sha512, `${attachment.filename}: hash of the file as received`).toBe(sha512(entry.bytes));
      expect(Number(row.original_size)).toBe(entry.bytes.length);
      if (corpus.includes(entry)) {
        expect(Buffer.from(bytes).equals(Buffer.from(entry.bytes)), `${attachment.filename} (${path}) is not handed over byte for byte`).toBe(false);
        await expectNeutralised(entry, bytes);
      } else {
        await expectSameContent(entry, bytes);
      }
    }
    // The server's log says what was removed, by kind, without file names.
    const log = server.output();
    expect(log).toMatch(/"event":"document-stored"[^\n]*"pdfRemoved":\[[^\]]*"trailing-data"/);
    expect(log).not.toContain("mp-html-after-eof.pdf");
  });
});
