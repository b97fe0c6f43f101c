import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess } from "./support/api";
import { applicationIdFrom, fillAll, signedIn, type Person } from "./support/applicant";
import { attachInProcessDatabase, createTestEnvironment, testDbKind } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// A full disk (issue 11 § 5), for real: the document store (and, for the second server, the whole
// data directory with its SQLite database) sits on a tiny tmpfs that is filled to the last byte,
// so writes fail with ENOSPC / SQLITE_FULL from the kernel. Needs root (mount), as this machine
// has. The person gets a translated "storage is full, try again later; nothing you entered is
// lost" in their language (507), the API a 507 problem+json, the log names the error code, and
// nothing half-written remains.

let smtp: TestSmtp;
const mounts: string[] = [];

function mountTiny(dir: string, size: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", dir]);
  mounts.push(dir);
}

/** Fills the file system of `dir` to the last byte. */
function fill(dir: string): void {
  const fd = fs.openSync(path.join(dir, "filler"), "w");
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
  } finally {
    fs.closeSync(fd);
  }
  const tail = fs.openSync(path.join(dir, "filler-tail"), "w");
  try {
    for (;;) fs.writeSync(tail, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    fs.closeSync(tail);
  }
}

function unfill(dir: string): void {
  fs.rmSync(path.join(dir, "filler"), { force: true });
  fs.rmSync(path.join(dir, "filler-tail"), { force: true });
}

async function pdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle("Mietvertrag");
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

beforeAll(async () => {
  smtp = await startTestSmtp();
}, 60_000);

afterAll(async () => {
  for (const dir of mounts.reverse()) {
    try {
      execFileSync("umount", ["-l", dir]);
    } catch {
      // already gone
    }
  }
  await smtp?.stop();
});

describe(`a full document store (${testDbKind()})`, () => {
  let server: TestServer;
  let documentsDir: string;

  beforeAll(async () => {
    server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0" });
    documentsDir = path.join(server.dataDir, "documents");
    mountTiny(documentsDir, "256k");
  }, 120_000);

  afterAll(async () => {
    await server?.halt();
    execFileSync("umount", ["-l", documentsDir]);
    mounts.splice(mounts.indexOf(documentsDir), 1);
    await server?.stop();
  });

  async function documentCount(appId: string): Promise<number> {
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const rows = await (await getDb()).selectFrom("documents").select("id").where("context_kind", "=", "application").where("context_id", "=", appId).execute();
      return rows.length;
    } finally {
      await detach();
    }
  }

  /** Files in the store (not the filler, not directories): what a failed write must not add to. */
  const files = () =>
    fs
      .readdirSync(documentsDir, { recursive: true })
      .map(String)
      .filter((name) => !name.startsWith("filler") && fs.statSync(path.join(documentsDir, name)).isFile())
      .sort();

  it("a multipart upload gets the translated 'storage is full' message on the page; nothing half-written remains", { timeout: 120_000 }, async () => {
    const { person } = await signedIn(server, smtp, "en");
    const appId = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, appId);
    const stored = files();
    fill(documentsDir);
    const before = server.output().length;
    const response = await person.uploadItem(`/antrag/${appId}/unterlagen`, "identity.p1", [{ name: "passport.pdf", type: "application/pdf", bytes: await pdf() }]);
    expect(response.status).toBe(507);
    const text = visibleText(await response.text());
    expect(text).toContain("“passport.pdf” could not be saved right now because the storage is full. Please try again later. Nothing you entered is lost.");
    expect(text).not.toMatch(/errorPage\.|uploads:errors/);
    expect(await documentCount(appId)).toBe(0);
    expect(files()).toEqual(stored);
    const log = server.output().slice(before);
    expect(log).toContain('"code":"ENOSPC"');
    expect(log).not.toContain("passport.pdf");
    // Space again: the same upload goes through.
    unfill(documentsDir);
    const again = await person.uploadItem(`/antrag/${appId}/unterlagen`, "identity.p1", [{ name: "passport.pdf", type: "application/pdf", bytes: await pdf() }]);
    expect(again.status).toBe(200);
    expect(await documentCount(appId)).toBe(1);
  });

  it("a resumable chunk gets 507 with the translated key; the upload stays at its offset and resumes once there is space", { timeout: 120_000 }, async () => {
    const { person } = await signedIn(server, smtp, "de");
    const appId = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, appId);
    const token = await person.csrf(`/antrag/${appId}/unterlagen`);
    const base = `${server.url}/antrag/${appId}/unterlagen/hochladen`;
    const headers = (extra: Record<string, string> = {}) => ({ Cookie: person.jar.header(), Origin: server.url, "X-Forwarded-For": person.ip, "X-CSRF-Token": token, ...extra });
    const file = await pdf();
    const created = await fetch(base, {
      method: "POST",
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ item: "identity.p1", filename: "ausweis.pdf", size: file.length }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patch = () =>
      fetch(`${base}?upload=${encodeURIComponent(id)}`, { method: "PATCH", headers: headers({ "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }), body: new Uint8Array(file) });
    const stored = files();
    fill(documentsDir);
    const full = await patch();
    expect(full.status).toBe(507);
    const body = (await full.json()) as { error: { key: string; params: { name: string } }; upload: { offset: number; status: string } };
    expect(body.error).toEqual({ key: "uploads:errors.storageFull", params: { name: "ausweis.pdf" } });
    expect(body.upload).toMatchObject({ offset: 0, status: "open" });
    expect(files()).toEqual(stored);
    unfill(documentsDir);
    const resumed = await patch();
    expect(resumed.status).toBe(200);
    expect(((await resumed.json()) as { status: string }).status).toBe("complete");
    expect(await documentCount(appId)).toBe(1);
  });
});

describe("a full data directory (SQLite on a tiny file system)", () => {
  let server: TestServer;
  let dataDir: string;
  let person: Person;
  let appId: string;
  let api: ApiClient;

  beforeAll(async () => {
    const environment = createTestEnvironment({ SMTP_URL: smtp.url, DEMO_DATA: "0" });
    delete environment.env.DATABASE_URL;
    delete environment.env.PG_SCHEMA;
    dataDir = environment.dataDir;
    mountTiny(dataDir, "48m");
    server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0" }, { ...environment, cleanup: async () => {} });
    ({ person } = await signedIn(server, smtp, "de"));
    appId = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const detach = await attachInProcessDatabase(server.env);
    try {
      api = new ApiClient(server, await createKeyInProcess("Webhooks", ["webhooks:manage"]));
    } finally {
      await detach();
    }
  }, 120_000);

  afterAll(async () => {
    await server?.halt();
    execFileSync("umount", ["-l", dataDir]);
    mounts.splice(mounts.indexOf(dataDir), 1);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("a page save answers the translated storage page in every language (no raw text keys), the API a 507 problem+json; the log has the code", { timeout: 120_000 }, async () => {
    fill(dataDir);
    const before = server.output().length;
    const titles: Record<string, string> = {
      de: "Der Speicher ist gerade voll",
      en: "The storage is full at the moment",
      ar: "مساحة التخزين ممتلئة حاليًا",
      fa: "فضای ذخیره‌سازی در حال حاضر پر است",
      tr: "Depolama alanı şu anda dolu",
      ru: "Хранилище сейчас заполнено",
      uk: "Сховище зараз заповнене",
      pl: "Pamięć jest teraz pełna",
      ro: "Spațiul de stocare este plin în acest moment",
    };
    for (const [language, title] of Object.entries(titles)) {
      Object.assign(person, { language });
      const csrf = await person.csrf(`/antrag/${appId}/person`);
      const response = await fetch(`${server.url}/antrag/${appId}/person`, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({
          _csrf: csrf,
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
        headers: { Cookie: person.jar.header(), "Accept-Language": language, "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-For": person.ip },
      });
      expect(response.status, language).toBe(507);
      const text = visibleText(await response.text());
      expect(text, language).toContain(title);
      expect(text, language).not.toMatch(/errorPage\.|common:/);
    }
    const answer = await api.post("/api/v1/webhooks", { url: "https://receiver.example/hook", events: ["application.submitted"] });
    expect(answer.status).toBe(507);
    expect(answer.headers.get("content-type")).toContain("application/problem+json");
    expect(((await answer.json()) as { status: number }).status).toBe(507);
    const log = server.output().slice(before);
    expect(log).toMatch(/"code":"(SQLITE_FULL|ENOSPC)"/);
    expect(log).not.toContain("Yılmaz");
    unfill(dataDir);
  });
});
