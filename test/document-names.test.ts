import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess } from "./support/api";
import { applicationIdFrom, fillAll, signedIn } from "./support/applicant";
import { attachInProcessDatabase, useInProcessDatabase } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Document file names can carry personal data ("Kontoauszug Maria Musterfrau.png"): they are
// sealed at rest like the rest (issue 11, item 12; decision 029); the API names an attachment with
// the stored type's extension, and an attachment download is never sniffed and runs sandboxed.

let smtp: TestSmtp;
let server: TestServer;
let detach: () => Promise<void>;
let reader: ApiClient;

const NAME = `Musterfrau${Date.now().toString(36)}`;

async function png(): Promise<Buffer> {
  return sharp({ create: { width: 200, height: 160, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();
}

async function pdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return doc.save();
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
  detach = await attachInProcessDatabase(server.env);
  reader = new ApiClient(server, await createKeyInProcess("Dateinamen lesen", ["applications:read"]));
}, 120_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

describe("document file names", () => {
  it("are sealed at rest (multipart and resumable); the API names attachments by their stored type; downloads send nosniff once and a sandbox CSP", async () => {
    const { person } = await signedIn(server, smtp, "de");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, id);

    // Multipart: a PNG (stored as JPEG).
    const photoName = `Kontoauszug Maria ${NAME}.PNG`;
    const uploaded = await person.uploadItem(`/antrag/${id}/unterlagen`, "identity.p1", [{ name: photoName, type: "image/png", bytes: await png() }]);
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);

    // Resumable: a PDF named without an extension; left open once, then finished.
    const token = await person.csrf(`/antrag/${id}/unterlagen`);
    const headers = (extra: Record<string, string> = {}) => ({ Cookie: person.jar.header(), Origin: server.url, "X-Forwarded-For": person.ip, "X-CSRF-Token": token, ...extra });
    const base = `${server.url}/antrag/${id}/unterlagen/hochladen`;
    const file = await pdf();
    const pdfName = `Mietvertrag ${NAME}`;
    const created = await fetch(base, {
      method: "POST",
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ item: "rent-contract", filename: pdfName, size: file.length }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const upload = (await created.json()) as { id: string; filename: string };
    expect(upload.filename).toBe(pdfName);

    const { getDb } = await import("../app/platform/db/db.server");
    const db = await getDb();
    const openUpload = await db.selectFrom("uploads").selectAll().where("id", "=", upload.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(openUpload)).not.toContain(NAME);

    const done = await fetch(`${base}?upload=${encodeURIComponent(upload.id)}`, {
      method: "PATCH",
      headers: headers({ "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }),
      body: Buffer.from(file),
    });
    expect(done.status, await done.clone().text()).toBe(200);

    // The person still sees the names as they gave them.
    const page = visibleText(await (await person.get(`/antrag/${id}/unterlagen`)).text());
    expect(page).toContain(photoName);
    expect(page).toContain(pdfName);

    // Nothing in the database holds the name in clear.
    const documents = await db.selectFrom("documents").selectAll().where("context_id", "=", id).execute();
    expect(documents).toHaveLength(2);
    expect(JSON.stringify(documents)).not.toContain(NAME);
    const uploads = await db.selectFrom("uploads").selectAll().where("context_id", "=", id).execute();
    expect(JSON.stringify(uploads)).not.toContain(NAME);

    const submit = await person.send(`/antrag/${id}/pruefen`, { declaration: "1", documentsDigital: "1" });
    expect(submit.headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);

    const body = (await (await reader.get(`/api/v1/applications/${id}`)).json()) as { attachments: Array<{ id: string; filename: string; mediaType: string }> };
    const byType = new Map(body.attachments.map((a) => [a.mediaType, a]));
    expect(byType.get("image/jpeg")?.filename).toBe(`Kontoauszug Maria ${NAME}.jpg`);
    expect(byType.get("application/pdf")?.filename).toBe(`Mietvertrag ${NAME}.pdf`);

    for (const attachment of body.attachments) {
      const download = await reader.get(`/api/v1/applications/${id}/attachments/${attachment.id}`);
      expect(download.status).toBe(200);
      expect(download.headers.get("content-disposition")).toContain(`filename="${attachment.filename}"`);
      // fetch joins repeated headers with ", ": exactly one value each.
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
      expect(download.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
      await download.arrayBuffer();
    }
  });
});

describe("the migration that seals existing file names", () => {
  it("seals the names of documents and uploads stored before it, and they open again", async () => {
    const restore = await useInProcessDatabase();
    try {
      const { createDatabase, ensurePgSchema } = await import("../app/platform/db/db.server");
      const { migrateUpTo, migrateToLatest } = await import("../app/platform/db/migrations.server");
      const { openText, DOCUMENT_FILENAME_PURPOSE } = await import("../app/platform/crypto/at-rest.server");
      const url = process.env.DATABASE_URL;
      const pgSchema = process.env.PG_SCHEMA;
      if (url && pgSchema) await ensurePgSchema(url, pgSchema);
      const { db, kind } = createDatabase({ url, pgSchema });
      try {
        await migrateUpTo(db, kind, "090_draft_expiry", pgSchema);
        const now = new Date().toISOString();
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const raw = db as any;
        await raw.insertInto("users").values({ id: "u1", email: "alt@beispiel.example", password_hash: "x", email_verified_at: now, language: "de", created_at: now, updated_at: now }).execute();
        const doc = {
          owner_user_id: "u1",
          context_kind: "account",
          context_id: "u1",
          context_item: null,
          media_type: "application/pdf",
          original_media_type: "application/pdf",
          size: 1,
          original_size: 1,
          sha512: "a",
          original_sha512: "a",
          wrapped_key: "k",
          origin: "upload",
          submitted_at: null,
          created_at: now,
        };
        await raw
          .insertInto("documents")
          .values([
            { ...doc, id: "d1", blob_key: "b1", filename: `Alt ${NAME} 1.pdf` },
            { ...doc, id: "d2", blob_key: "b2", filename: `Alt ${NAME} 2.pdf` },
          ])
          .execute();
        await raw
          .insertInto("uploads")
          .values({
            id: "up1",
            owner_user_id: "u1",
            context_kind: "account",
            context_id: "u1",
            context_item: null,
            filename: `Offen ${NAME}.pdf`,
            declared_size: 10,
            received: 0,
            wrapped_key: "k",
            status: "open",
            document_id: null,
            error: null,
            created_at: now,
            updated_at: now,
          })
          .execute();

        await migrateToLatest(db, kind, pgSchema);

        const documents = await raw.selectFrom("documents").selectAll().orderBy("id").execute();
        expect(JSON.stringify(documents)).not.toContain(NAME);
        expect(documents.map((d: { filename_sealed: string }) => openText(DOCUMENT_FILENAME_PURPOSE, d.filename_sealed))).toEqual([`Alt ${NAME} 1.pdf`, `Alt ${NAME} 2.pdf`]);
        const uploads = await raw.selectFrom("uploads").selectAll().execute();
        expect(JSON.stringify(uploads)).not.toContain(NAME);
        expect(openText(DOCUMENT_FILENAME_PURPOSE, uploads[0].filename_sealed)).toBe(`Offen ${NAME}.pdf`);
      } finally {
        await db.destroy();
      }
    } finally {
      await restore();
    }
  });
});
