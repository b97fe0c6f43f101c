import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, fillAll, signedIn, type Person } from "./support/applicant";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// An upload killed while it is being finalised (issue 11 § 4 and § 6): the real server pauses
// after it has claimed the upload for processing (a test-only hook, UPLOAD_TEST_PAUSE_AT_FINALISE_MS,
// ignored in production) and is killed with SIGKILL there. After the restart the upload is
// finished again from its stored chunks, the client's retry gets the document (not 409), and
// while an upload of the application is unfinished the submit is refused with a message that
// names the file and its checklist item. A chunk cut off by the kill leaves no temp file behind.

let smtp: TestSmtp;
let server: TestServer;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0", UPLOAD_PROCESSING_LEASE_SECONDS: "2", UPLOAD_TEST_PAUSE_AT_FINALISE_MS: "600000" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

async function pdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, limitMs = 30_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await sleep(100);
  }
}

function uploads(person: Person, appId: string) {
  const base = () => `${server.url}/antrag/${appId}/unterlagen/hochladen`;
  const headers = (token: string, extra: Record<string, string> = {}) => ({ Cookie: person.jar.header(), Origin: server.url, "X-Forwarded-For": person.ip, "X-CSRF-Token": token, ...extra });
  return {
    token: () => person.csrf(`/antrag/${appId}/unterlagen`),
    create: async (token: string, item: string, filename: string, size: number) => {
      const response = await fetch(base(), { method: "POST", headers: headers(token, { "Content-Type": "application/json" }), body: JSON.stringify({ item, filename, size }) });
      expect(response.status, await response.clone().text()).toBe(201);
      return ((await response.json()) as { id: string }).id;
    },
    patch: (token: string, id: string, offset: number, bytes: Buffer) =>
      fetch(`${base()}?upload=${encodeURIComponent(id)}`, {
        method: "PATCH",
        headers: headers(token, { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }),
        body: new Uint8Array(bytes),
      }),
    state: async (id: string) => {
      const response = await fetch(`${base()}?upload=${encodeURIComponent(id)}`, { headers: { Cookie: person.jar.header(), "X-Forwarded-For": person.ip } });
      expect(response.status).toBe(200);
      return (await response.json()) as { status: string; offset: number; document: { id: string } | null; error: { key: string } | null };
    },
  };
}

function submit(person: Person, appId: string, token: string) {
  return fetch(`${server.url}/antrag/${appId}/pruefen`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ _csrf: token, declaration: "1", documentsDigital: "1" }).toString(),
    headers: { Cookie: person.jar.header(), "Accept-Language": person.language, "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-For": person.ip },
  });
}

function tempFiles(): string[] {
  const dir = path.join(server.dataDir, "documents", ".tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe(`an upload killed while it is finalised (${testDbKind()})`, () => {
  it("refuses the submit while the upload is unfinished, finishes it from its chunks after SIGKILL and a restart, and the retry gets the document", { timeout: 180_000 }, async () => {
    const { person } = await signedIn(server, smtp, "de");
    const appId = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, appId);
    const up = uploads(person, appId);
    const token = await up.token();
    const file = await pdf("Personalausweis");
    const id = await up.create(token, "identity.p1", "ausweis.pdf", file.length);

    // The whole file in one chunk; the server claims it for processing and pauses there.
    const seen = server.output().length;
    const lastChunk = up.patch(token, id, 0, file).catch(() => null);
    await until("the pause at finalisation", async () => server.output().slice(seen).includes('"event":"upload-finalising"'));
    // Longer than the lease: the living process renews it, so its own recovery job leaves it alone.
    await sleep(3_000);
    expect((await up.state(id)).status).toBe("processing");

    // Submitting now would hand over the application without the file: refused, naming it.
    const refused = await submit(person, appId, await person.csrf(`/antrag/${appId}/pruefen`));
    expect(refused.status).toBe(409);
    const text = visibleText(await refused.text());
    expect(text).toContain("ausweis.pdf");
    expect(text).toContain("Personalausweis oder Reisepass");
    expect(text).toMatch(/noch nicht fertig/);

    // A second chunk is on its way when the server dies: its temp file is left behind.
    const other = await pdf("Mietvertrag");
    const secondId = await up.create(token, "identity.p1", "zweites.pdf", other.length * 4);
    const trickle = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(other);
      },
    });
    void fetch(`${server.url}/antrag/${appId}/unterlagen/hochladen?upload=${encodeURIComponent(secondId)}`, {
      method: "PATCH",
      headers: {
        Cookie: person.jar.header(),
        Origin: server.url,
        "X-Forwarded-For": person.ip,
        "X-CSRF-Token": token,
        "Upload-Offset": "0",
        "Content-Length": String(other.length * 2),
        "Content-Type": "application/offset+octet-stream",
      },
      body: trickle,
      duplex: "half",
    } as RequestInit).catch(() => null);
    await until("the partial temp file", async () => tempFiles().length > 0);

    await server.kill();
    expect(await lastChunk).toBeNull(); // the client never got an answer
    expect(tempFiles().length).toBeGreaterThan(0);
    delete server.env.UPLOAD_TEST_PAUSE_AT_FINALISE_MS;
    await sleep(2_500); // longer than the processing lease of the killed process
    await server.restart();
    Object.assign(person, { target: server.url }); // the restarted server listens on a new port

    // On start the upload is finished again from its stored chunks, and the temp file is gone.
    const recovered = await until("the recovered upload", async () => {
      const state = await up.state(id);
      return state.status === "processing" ? null : state;
    });
    expect(recovered.status).toBe("complete");
    expect(recovered.document).not.toBeNull();
    await until("the temp file of the dead chunk to be removed", async () => tempFiles().length === 0);

    // The client's retry of the last chunk gets the finished upload, not 409.
    const retry = await up.patch(await up.token(), id, 0, file);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { document: { id: string } }).document.id).toBe(recovered.document!.id);

    // Exactly one document, with its chunks gone.
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const db = await getDb();
      const { openFilename } = await import("../app/features/documents/documents.server");
      const documents = await db.selectFrom("documents").select(["id", "filename_sealed"]).where("context_kind", "=", "application").where("context_id", "=", appId).execute();
      expect(documents.map((d) => openFilename(d.filename_sealed))).toEqual(["ausweis.pdf"]);
      expect(await db.selectFrom("upload_parts").select("blob_key").where("upload_id", "=", id).execute()).toEqual([]);
      // The interrupted second upload is still open (resumable) and blocks nothing once it is cancelled.
      expect((await db.selectFrom("uploads").select("status").where("id", "=", secondId).executeTakeFirstOrThrow()).status).toBe("open");
    } finally {
      await detach();
    }
    const cancel = await fetch(`${server.url}/antrag/${appId}/unterlagen/hochladen?upload=${encodeURIComponent(secondId)}`, {
      method: "DELETE",
      headers: { Cookie: person.jar.header(), Origin: server.url, "X-Forwarded-For": person.ip, "X-CSRF-Token": await up.token() },
    });
    expect(cancel.status).toBe(204);

    // Now the submit goes through, with the file.
    const submitted = await submit(person, appId, await person.csrf(`/antrag/${appId}/pruefen`));
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("location")).toBe(`/antrag/${appId}/bestaetigung`);
  });

  it("an upload whose chunks are gone is marked failed, and the client can start it over at offset 0 (no 409 forever)", { timeout: 120_000 }, async () => {
    const { person } = await signedIn(server, smtp, "de");
    const appId = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, appId);
    const up = uploads(person, appId);
    const token = await up.token();
    const file = await pdf("Kontoauszug");
    const id = await up.create(token, "identity.p1", "konto.pdf", file.length);
    const half = Math.floor(file.length / 2);
    expect((await up.patch(token, id, 0, file.subarray(0, half))).status).toBe(200);

    // As a crashed process leaves it, but with the chunk lost from the storage.
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const db = await getDb();
      const parts = await db.selectFrom("upload_parts").select("blob_key").where("upload_id", "=", id).execute();
      for (const { blob_key } of parts) fs.rmSync(path.join(server.dataDir, "documents", blob_key.slice(0, 2), blob_key.slice(2, 4), blob_key));
      await db
        .updateTable("uploads")
        .set({ status: "processing", received: file.length, updated_at: new Date(Date.now() - 60_000).toISOString() })
        .where("id", "=", id)
        .execute();
    } finally {
      await detach();
    }
    await server.restart();
    Object.assign(person, { target: server.url }); // the restarted server listens on a new port
    const failed = await until("the failed upload", async () => {
      const state = await up.state(id);
      return state.status === "processing" ? null : state;
    });
    expect(failed.status).toBe("failed");
    expect(failed.error?.key).toBe("uploads:errors.uploadInterrupted");

    // The client starts over at offset 0 and finishes.
    const token2 = await up.token();
    const restart = await up.patch(token2, id, 0, file.subarray(0, half));
    expect(restart.status, await restart.clone().text()).toBe(200);
    const done = await up.patch(token2, id, half, file.subarray(half));
    expect(done.status).toBe(200);
    expect(((await done.json()) as { status: string }).status).toBe("complete");
  });
});
