import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Decode, hotp, totpCounter } from "../app/domain/staff/totp";
import { ApiClient, createKey, runAdmin } from "./support/api";
import { applicationIdFrom, fillAll, Person, signedIn } from "./support/applicant";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { expectPdfA2b } from "./support/pdfa";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The e-file export (issue 19 § 15, decision 041) against the real server, on SQLite and
// (TEST_DB_KIND=postgres) PostgreSQL: the application PDF as PDF/A-2b (test/support/pdfa.ts says
// what is checked and with which tools), the ZIP with the documents, the histories and a manifest
// whose SHA-512 match the files (unpacked with Debian's unzip) and the stored documents; the staff
// routes (authorised like the application page, audited, linked from it) and the API operation.
// The benefit's name follows the Antragsdatum: Bürgergeld before 2026-07-01.

let smtp: TestSmtp;
let server: TestServer;
let writer: ApiClient;
let reader: ApiClient;
let outsider: ApiClient;
let person: Person;
let id: string;
let staff: Person;
let staffId: string;
let attachments: Array<{ id: string; sha512: string; filename: string }>;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "efile-"));
const REASON = "Die Rückseite fehlt, bitte beide Seiten hochladen.";
const STATUS_MESSAGE = "Wir prüfen Ihren Antrag.";

async function pdfWithText(line: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText(line, { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

function sha512(bytes: Uint8Array): string {
  return createHash("sha512").update(bytes).digest("hex");
}

async function signInStaff(roles: string): Promise<{ client: Person; id: string }> {
  const account = `akte.${roles}.${Date.now().toString(36)}@jobcenter.example`;
  const created = await runAdmin(server.env, ["create-staff", "--email", account, "--name", `Frau Akte ${roles}`, "--roles", roles]);
  expect(created.code, created.stderr).toBe(0);
  const password = /^Password: (\S+)$/m.exec(created.stdout)![1];
  const secret = base32Decode(/^TOTP secret: ([A-Z2-7]+)$/m.exec(created.stdout)![1])!;
  const client = new Person(server.url);
  expect((await client.send("/backoffice/anmelden", { email: account, password, code: hotp(secret, totpCounter(Date.now())) })).status).toBe(302);
  const list = await runAdmin(server.env, ["list-staff"]);
  const line = list.stdout.split("\n").find((l) => l.includes(account))!;
  return { client, id: /[0-9a-f-]{36}/.exec(line)![0] };
}

interface Manifest {
  format: string;
  version: number;
  hashAlgorithm: string;
  application: { id: string; reference: string; antragsdatum: string; benefit: string };
  pdf: { path: string; conformance: string };
  files: Array<{ path: string; kind: string; size: number; sha512: string; documentId?: string; originalFilename?: string }>;
}

/** Unpacks with Debian's unzip (after `unzip -t`), checks every manifest hash; returns the manifest and the folder. */
function unpackAndVerify(zip: Buffer, name: string): { manifest: Manifest; dir: string; names: string[] } {
  const file = path.join(work, `${name}.zip`);
  fs.writeFileSync(file, zip);
  const tested = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
  expect(tested.status, tested.stdout + tested.stderr).toBe(0);
  expect(tested.stdout).toContain("No errors detected");
  const names = execFileSync("unzip", ["-Z1", file], { encoding: "utf8" }).trim().split("\n");
  const dir = path.join(work, name);
  execFileSync("unzip", ["-q", "-o", file, "-d", dir]);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
  expect(manifest).toMatchObject({ format: "buergerportal-efile", version: 1, hashAlgorithm: "SHA-512" });
  // Every file but the manifest is listed once, with its size and SHA-512.
  expect(names.filter((n) => n !== "manifest.json").sort()).toEqual(manifest.files.map((f) => f.path).sort());
  for (const entry of manifest.files) {
    const bytes = fs.readFileSync(path.join(dir, entry.path));
    expect(bytes.length, entry.path).toBe(entry.size);
    expect(sha512(bytes), entry.path).toBe(entry.sha512);
  }
  return { manifest, dir, names };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example", DEMO_DATA: "0" });
  writer = new ApiClient(server, await createKey(server, "akte-schreiben", ["applications:read", "applications:write"]));
  reader = new ApiClient(server, await createKey(server, "akte-dms", ["applications:read"]));
  outsider = new ApiClient(server, await createKey(server, "akte-termine", ["appointments:read"]));
  ({ person } = await signedIn(server, smtp, "de"));
  id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
  await fillAll(person, id);
  for (const [name, line] of [
    ["ausweis.pdf", "Vorderseite"],
    ["../../Ausweis: Rückseite <neu>.pdf", "Rueckseite"],
  ]) {
    const uploaded = await person.upload(`/antrag/${id}/unterlagen`, { item: "identity.p1" }, { field: "files", name, type: "application/pdf", bytes: await pdfWithText(line) });
    expect(uploaded.status, name).toBe(200);
  }
  expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
  const application = (await (await writer.get(`/api/v1/applications/${id}`)).json()) as { attachments: Array<{ id: string; sha512: string; filename: string }> };
  attachments = application.attachments;
  expect(attachments).toHaveLength(2);

  // Some history: a status with a message (by the API), a refusal with a reason and an acceptance (by staff), a request.
  expect((await writer.post(`/api/v1/applications/${id}/status`, { status: "in-bearbeitung", message: STATUS_MESSAGE })).status).toBe(200);
  ({ client: staff, id: staffId } = await signInStaff("leistung"));
  const [first, second] = attachments;
  expect((await staff.send(`/backoffice/antraege/${id}`, { intent: "review", attachmentId: second.id, decision: "rejected", [`reason-${second.id}`]: REASON })).status).toBe(302);
  expect((await staff.send(`/backoffice/antraege/${id}`, { intent: "review", attachmentId: first.id, decision: "rejected", [`reason-${first.id}`]: "unscharf" })).status).toBe(302);
  expect((await staff.send(`/backoffice/antraege/${id}`, { intent: "review", attachmentId: first.id, decision: "accepted", [`reason-${first.id}`]: "" })).status).toBe(302);
  const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  expect((await writer.post(`/api/v1/applications/${id}/document-requests`, { category: "bank-statements", description: "Kontoauszüge der letzten drei Monate", dueDate: due })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`e-file export (${testDbKind()})`, () => {
  it("the application PDF is PDF/A-2b: XMP identification like the Info dictionary, sRGB output intent, embedded fonts only, nothing active, an ID", async () => {
    const response = await staff.get(`/backoffice/antraege/${id}/akte.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Antrag-Grundsicherungsgeld-A-[A-Z0-9-]+-PDFA\.pdf"$/);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const report = await expectPdfA2b(new Uint8Array(await response.arrayBuffer()), "akte.pdf");
    expect(report.info.Title).toMatch(/^Antrag auf Grundsicherungsgeld: Angaben aus dem Bürgerportal A-/);
    // Only the embedded Noto fonts (pdf-lib names its subsets "NotoSans-Regular-1234"), no standard-14 font.
    expect(
      report.fonts.every((f) => /^Noto(Sans|NaskhArabic)-/.test(f)),
      report.fonts.join(", "),
    ).toBe(true);
    expect(report.text).toContain("Personen im Antrag auf Grundsicherungsgeld");
    // The ordinary PDF (citizen, staff, API) is the same kind of file.
    await expectPdfA2b(new Uint8Array(await (await reader.get(`/api/v1/applications/${id}/pdf`)).arrayBuffer()), "api pdf");
  });

  it("the PDF/A check is not blind: it refuses an ordinary pdf-lib file, an added action and a standard-14 font", async () => {
    await expect(expectPdfA2b(await pdfWithText("gewöhnlich"), "ordinary")).rejects.toThrow();
    const good = new Uint8Array(await (await staff.get(`/backoffice/antraege/${id}/akte.pdf`)).arrayBuffer());
    const withAction = await PDFDocument.load(good, { updateMetadata: false });
    withAction.catalog.set(PDFName.of("AA"), withAction.context.obj({ WC: { S: "JavaScript", JS: "app.alert(1)" } }));
    await expect(expectPdfA2b(await withAction.save({ useObjectStreams: false }), "action")).rejects.toThrow(/Catalog\/AA|obj\/AA/);
    const withHelvetica = await PDFDocument.load(good, { updateMetadata: false });
    withHelvetica.getPage(0).drawText("Helvetica", { x: 10, y: 10, size: 8, font: await withHelvetica.embedFont(StandardFonts.Helvetica) });
    await expect(expectPdfA2b(await withHelvetica.save({ useObjectStreams: false }), "helvetica")).rejects.toThrow(/embedded|standard 14/);
  });

  it("the ZIP holds the PDF/A, the documents as stored, the histories and a manifest whose SHA-512 match; staff page links it; audited", async () => {
    const page = await staff.get(`/backoffice/antraege/${id}`);
    const html = await page.text();
    expect(html).toContain(`href="/backoffice/antraege/${id}/akte.zip"`);
    expect(html).toContain(`href="/backoffice/antraege/${id}/akte.pdf"`);
    expect(visibleText(html)).toContain("E-Akte als ZIP herunterladen");

    const response = await staff.get(`/backoffice/antraege/${id}/akte.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Akte-A-[A-Z0-9-]+\.zip"$/);
    const zip = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("repr-digest")).toBe(`sha-512=:${createHash("sha512").update(zip).digest("base64")}:`);
    const { manifest, dir, names } = unpackAndVerify(zip, "staff");

    expect(manifest.application).toMatchObject({ id, benefit: "Grundsicherungsgeld" });
    expect(manifest.pdf).toEqual({ path: expect.stringMatching(/^Antrag-Grundsicherungsgeld-A-.+\.pdf$/), conformance: "PDF/A-2b" });
    await expectPdfA2b(fs.readFileSync(path.join(dir, manifest.pdf.path)), "zip pdf");

    // The documents: decrypted, byte for byte the stored ones (same SHA-512 as the API lists), names made safe.
    const documents = manifest.files.filter((f) => f.kind === "attachment");
    expect(documents.map((d) => d.documentId).sort()).toEqual(attachments.map((a) => a.id).sort());
    for (const a of attachments) expect(documents.find((d) => d.documentId === a.id)?.sha512).toBe(a.sha512);
    for (const name of names) expect(name).not.toMatch(/(^|\/)\.\.(\/|$)|[\\:<>*?"|]/);
    expect(documents.map((d) => d.path)).toEqual(["Anlagen/01_ausweis.pdf", "Anlagen/02_Ausweis_ Rückseite _neu_.pdf"]);
    expect(documents[1].originalFilename).toBe(attachments.find((a) => a.id === documents[1].documentId)?.filename);

    // The histories, as JSON and as German text, with who did what.
    const status = JSON.parse(fs.readFileSync(path.join(dir, "Verlauf/Bearbeitungsstand.json"), "utf8")) as Array<{ status: string; message: string | null; actorName: string | null }>;
    expect(status.map((s) => s.status)).toEqual(["eingegangen", "in-bearbeitung"]);
    expect(status[1]).toMatchObject({ message: STATUS_MESSAGE, actorName: "Fachverfahren „akte-schreiben“" });
    const reviews = JSON.parse(fs.readFileSync(path.join(dir, "Verlauf/Pruefungen.json"), "utf8")) as Array<{
      documentId: string;
      current: { decision: string; reason: string | null; actor: string; actorName: string } | null;
      history: Array<{ decision: string; actor: string }>;
    }>;
    const [first, second] = attachments;
    expect(reviews.find((r) => r.documentId === second.id)?.current).toMatchObject({ decision: "rejected", reason: REASON, actor: `staff:${staffId}`, actorName: "Frau Akte leistung" });
    expect(reviews.find((r) => r.documentId === first.id)?.current).toMatchObject({ decision: "accepted", reason: null });
    expect(reviews.find((r) => r.documentId === first.id)?.history.map((h) => h.decision)).toEqual(["rejected", "accepted"]);
    const requests = JSON.parse(fs.readFileSync(path.join(dir, "Verlauf/Nachforderungen.json"), "utf8")) as Array<{ description: string; status: string }>;
    expect(requests).toEqual([expect.objectContaining({ description: "Kontoauszüge der letzten drei Monate", status: "open" })]);
    const text = fs.readFileSync(path.join(dir, "Verlauf/Verlauf.txt"), "utf8");
    expect(text).toContain("E-Akte zum Antrag A-");
    expect(text).toContain("auf Grundsicherungsgeld");
    expect(text).toContain("In Bearbeitung (Fachverfahren „akte-schreiben“)");
    expect(text).toContain(`neu angefordert`);
    expect(text).toContain(`Grund: ${REASON}`);
    expect(text).toContain("Frau Akte leistung");
    expect(text).toContain("Kontoauszüge der letzten drei Monate");

    const detach = await attachInProcessDatabase(server.env);
    try {
      const { readAudit } = await import("../app/platform/audit/audit.server");
      const entries = await readAudit({ recordType: "application", recordId: id });
      expect(entries.filter((e) => e.operation === "application.efile").map((e) => ({ type: e.actorType, actor: e.actor, format: e.details.format }))).toEqual(
        expect.arrayContaining([
          { type: "staff", actor: staffId, format: "pdf" },
          { type: "staff", actor: staffId, format: "zip" },
        ]),
      );
      for (const a of attachments) {
        const reads = (await readAudit({ recordType: "document", recordId: a.id })).filter((e) => e.operation === "application.attachment.read" && e.details.via === "efile");
        expect(reads.some((e) => e.actorType === "staff" && e.actor === staffId)).toBe(true);
      }
    } finally {
      await detach();
    }
  });

  it("staff routes are authorised like the application page: signed-in staff only, submitted applications of this Träger", async () => {
    const anonymous = new Person(server.url);
    for (const suffix of ["akte.zip", "akte.pdf"]) {
      const response = await anonymous.get(`/backoffice/antraege/${id}/${suffix}`, { redirect: "manual" });
      expect([302, 303], suffix).toContain(response.status);
      expect(response.headers.get("location")).toContain("/backoffice/anmelden");
      expect((await person.get(`/backoffice/antraege/${id}/${suffix}`, { redirect: "manual" })).status, "an applicant is not staff").not.toBe(200);
      expect((await staff.get(`/backoffice/antraege/00000000-0000-4000-8000-000000000000/${suffix}`)).status).toBe(404);
    }
    // Integration and Standortleitung read applications too (applications:read), as on the page.
    const { client: integration } = await signInStaff("integration");
    expect((await integration.get(`/backoffice/antraege/${id}`)).status).toBe(200);
    expect((await integration.get(`/backoffice/antraege/${id}/akte.zip`)).status).toBe(200);
  });

  it("GET /api/v1/applications/{id}/efile: the same bundle for applications:read; 401, 403, 404, 409 for a draft; in the OpenAPI document", async () => {
    const response = await reader.get(`/api/v1/applications/${id}/efile`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const { manifest } = unpackAndVerify(Buffer.from(await response.arrayBuffer()), "api");
    expect(manifest.files.filter((f) => f.kind === "attachment")).toHaveLength(2);

    expect((await outsider.get(`/api/v1/applications/${id}/efile`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/applications/${id}/efile`)).status).toBe(401);
    expect((await reader.get(`/api/v1/applications/00000000-0000-4000-8000-000000000000/efile`)).status).toBe(404);
    expect((await reader.post(`/api/v1/applications/${id}/efile`, {})).status).toBe(405);
    const { person: drafter } = await signedIn(server, smtp, "de");
    const draft = applicationIdFrom((await drafter.send("/antrag", {})).headers.get("location"));
    expect((await reader.get(`/api/v1/applications/${draft}/efile`)).status).toBe(409);

    const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, { get?: { operationId: string; security: unknown } }> };
    expect(openapi.paths["/api/v1/applications/{id}/efile"]?.get?.operationId).toBe("getApplicationEfile");

    const detach = await attachInProcessDatabase(server.env);
    try {
      const { readAudit } = await import("../app/platform/audit/audit.server");
      const entries = await readAudit({ recordType: "application", recordId: id });
      expect(entries.some((e) => e.operation === "application.efile" && e.actorType === "api-key" && e.actor === "akte-dms" && e.details.format === "zip")).toBe(true);
    } finally {
      await detach();
    }
  });

  it("an application made before 2026-07-01 says Bürgergeld in its title, headings, U25 block and file names", async () => {
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      await (await getDb()).updateTable("applications").set({ antragsdatum: "2026-06-15" }).where("id", "=", id).execute();
    } finally {
      await detach();
    }
    const response = await staff.get(`/backoffice/antraege/${id}/akte.zip`);
    expect(response.status).toBe(200);
    const { manifest, dir } = unpackAndVerify(Buffer.from(await response.arrayBuffer()), "before");
    expect(manifest.application).toMatchObject({ antragsdatum: "2026-06-15", benefit: "Bürgergeld" });
    expect(manifest.pdf.path).toMatch(/^Antrag-Buergergeld-A-/);
    const report = await expectPdfA2b(fs.readFileSync(path.join(dir, manifest.pdf.path)), "Bürgergeld pdf");
    expect(report.info.Title).toMatch(/^Antrag auf Bürgergeld:/);
    expect(report.xmp).toContain("Antrag auf Bürgergeld:");
    expect(report.text).toContain("Antrag auf Bürgergeld: Angaben aus dem Bürgerportal");
    expect(report.text).toContain("Personen im Antrag auf Bürgergeld");
    expect(report.text).not.toContain("Antrag auf Grundsicherungsgeld");
    expect(fs.readFileSync(path.join(dir, "Verlauf/Verlauf.txt"), "utf8")).toContain("auf Bürgergeld");
  });
});
