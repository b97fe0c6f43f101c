import crypto from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, fillAll, signedIn, type Person } from "./support/applicant";
import { attachInProcessDatabase } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// A cap on the number of documents per application and per checklist item (issue 11, item 10;
// decision 029): Träger data (limits.uploadMaxDocumentsPerApplication / …PerItem), here lowered by
// their environment overrides. Both upload paths refuse beyond it with a clear, translated
// message and keep what is already there; the resumable endpoint answers 409.

let smtp: TestSmtp;
let server: TestServer;
let detach: () => Promise<void>;

const PER_ITEM = 3;
const PER_APPLICATION = 5;

async function pdf(n: number): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200 + n]);
  return { name: `Nachweis ${n}.pdf`, type: "application/pdf", bytes: await doc.save() };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({
    SMTP_URL: smtp.url,
    PUBLIC_URL: "https://portal.example",
    UPLOAD_MAX_DOCUMENTS_PER_ITEM: String(PER_ITEM),
    UPLOAD_MAX_DOCUMENTS_PER_APPLICATION: String(PER_APPLICATION),
  });
  detach = await attachInProcessDatabase(server.env);
}, 120_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

async function countDocuments(applicationId: string): Promise<number> {
  const { getDb } = await import("../app/platform/db/db.server");
  const rows = await (await getDb()).selectFrom("documents").select("id").where("context_kind", "=", "application").where("context_id", "=", applicationId).execute();
  return rows.length;
}

async function resumable(person: Person, id: string, item: string, file: { name: string; bytes: Uint8Array }): Promise<Response> {
  const token = await person.csrf(`/antrag/${id}/unterlagen`);
  return fetch(`${server.url}/antrag/${id}/unterlagen/hochladen`, {
    method: "POST",
    headers: { Cookie: person.jar.header(), Origin: server.url, "X-Forwarded-For": person.ip, "X-CSRF-Token": token, "Content-Type": "application/json" },
    body: JSON.stringify({ item, filename: file.name, size: file.bytes.length }),
  });
}

describe("the number of documents", () => {
  it("is capped per checklist item and per application, through the multipart form and the resumable upload", async () => {
    const { person } = await signedIn(server, smtp, "de");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, id);

    // Multipart: four files for one item, three fit.
    const files = await Promise.all([1, 2, 3, 4].map(pdf));
    const form = await person.uploadItem(`/antrag/${id}/unterlagen`, "identity.p1", files);
    const text = visibleText(await form.text());
    expect(form.status).toBe(400);
    expect(text).toContain("Hochgeladen: Nachweis 1.pdf");
    expect(text).toContain(`„Nachweis 4.pdf“ wurde nicht hochgeladen: Zu diesem Nachweis gibt es schon ${PER_ITEM} Dateien.`);
    expect(await countDocuments(id)).toBe(PER_ITEM);
    // What is there stays listed.
    const page = visibleText(await (await person.get(`/antrag/${id}/unterlagen`)).text());
    for (const n of [1, 2, 3]) expect(page).toContain(`Nachweis ${n}.pdf`);

    // Resumable: the full item is refused before any byte is sent, with 409 and the same message key.
    const full = await resumable(person, id, "identity.p1", await pdf(5));
    expect(full.status).toBe(409);
    expect(((await full.json()) as { error: { key: string; params: { max: number } } }).error).toMatchObject({ key: "uploads:errors.itemFull", params: { max: PER_ITEM } });

    // Another item: two more fit the application (5), the next is refused on both paths.
    expect((await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", [await pdf(6), await pdf(7)])).status).toBe(200);
    expect(await countDocuments(id)).toBe(PER_APPLICATION);
    const more = await person.uploadItem(`/antrag/${id}/unterlagen`, "rent-contract", [await pdf(8)]);
    expect(more.status).toBe(400);
    expect(visibleText(await more.text())).toContain(`„Nachweis 8.pdf“ wurde nicht hochgeladen: Zu diesem Antrag gibt es schon ${PER_APPLICATION} Dateien.`);
    const english = await person.uploadItem(`/antrag/${id}/unterlagen?lng=en`, "rent-contract", [await pdf(9)]);
    expect(visibleText(await english.text())).toContain(`“Nachweis 9.pdf” was not uploaded: this application already has ${PER_APPLICATION} files.`);
    const resumed = await resumable(person, id, "rent-contract", await pdf(10));
    expect(resumed.status).toBe(409);
    expect(((await resumed.json()) as { error: { key: string } }).error.key).toBe("uploads:errors.applicationFull");
    expect(await countDocuments(id)).toBe(PER_APPLICATION);

    // Removing one makes room again.
    const { getDb } = await import("../app/platform/db/db.server");
    const one = await (await getDb()).selectFrom("documents").select("id").where("context_id", "=", id).where("context_item", "=", "rent-contract").executeTakeFirstOrThrow();
    expect((await person.send(`/antrag/${id}/unterlagen`, { intent: "remove", documentId: one.id })).status).toBe(200);
    expect((await resumable(person, id, "rent-contract", await pdf(11))).status).toBe(201);
  });
});

describe("the number of evidence documents of a task", () => {
  it("is capped like an application (placeFull), in process on the server's database", async () => {
    const { storeUpload } = await import("../app/features/documents/index.server");
    const { getDb } = await import("../app/platform/db/db.server");
    const owner = await (await getDb()).selectFrom("users").select("id").executeTakeFirstOrThrow();
    const context = { kind: "task", id: crypto.randomUUID() };
    for (let n = 1; n <= PER_APPLICATION; n++) {
      const file = await pdf(100 + n);
      const stored = await storeUpload({ source: [file.bytes], filename: file.name, context, ownerUserId: owner.id });
      expect(stored.ok).toBe(true);
    }
    const file = await pdf(200);
    const refused = await storeUpload({ source: [file.bytes], filename: file.name, context, ownerUserId: owner.id });
    expect(refused).toEqual({ ok: false, error: { key: "uploads:errors.placeFull", params: { name: file.name, max: PER_APPLICATION } } });
  });
});
