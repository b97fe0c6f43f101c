import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, signedIn, type Person } from "./support/applicant";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Draft expiry (issue "Online Antrag" § 2): unsubmitted drafts are deleted DRAFT_EXPIRY_DAYS after
// their last change with their documents, after an e-mail warning 14 days before in the person's
// language and German, sent once. Against the real server and a real SMTP server; the job's
// clock is passed in (expireDrafts(now)), on SQLite and (TEST_DB_KIND=postgres) PostgreSQL.

const DAY = 86_400_000;
let smtp: TestSmtp;
let server: TestServer;
let detach: () => Promise<void>;
let expiry: typeof import("~/features/application/index.server");
let dbModule: typeof import("../app/platform/db/db.server");

beforeAll(async () => {
  smtp = await startTestSmtp();
  // The server's own job stays quiet (hourly; its first pass finds nothing old).
  server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0", DRAFT_EXPIRY_DAYS: "60", DRAFT_EXPIRY_POLL_SECONDS: "3600", PUBLIC_URL: "https://portal.example" });
  detach = await attachInProcessDatabase(server.env);
  dbModule = await import("../app/platform/db/db.server");
  expiry = await import("~/features/application/index.server");
}, 120_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

async function smallPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

async function draftWithDocument(language: string): Promise<{ person: Person; email: string; id: string }> {
  const { person, email } = await signedIn(server, smtp, language);
  const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
  const saved = await person.send(`/antrag/${id}/person`, {
    firstName: "Ayşe",
    lastName: "Yılmaz",
    birthDate: "12.05.1990",
    nationality: "türkisch",
    street: "Hauptstraße 12",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: "",
    priorBenefits: "no",
  });
  expect(saved.status).toBe(302);
  const uploaded = await person.upload(`/antrag/${id}/unterlagen`, { item: "identity.p1" }, { field: "files", name: "kimlik.pdf", type: "application/pdf", bytes: await smallPdf() });
  expect(uploaded.status, await uploaded.clone().text()).toBe(200);
  return { person, email, id };
}

async function row(id: string) {
  const db = await dbModule.getDb();
  return db.selectFrom("applications").select(["id", "status", "updated_at"]).where("id", "=", id).executeTakeFirst();
}

/** The draft's last change: its answers or its newest document, whichever is later. */
async function lastChange(id: string): Promise<number> {
  const db = await dbModule.getDb();
  const docs = await db.selectFrom("documents").select("created_at").where("context_kind", "=", "application").where("context_id", "=", id).execute();
  return Math.max(Date.parse((await row(id))!.updated_at), ...docs.map((d) => Date.parse(d.created_at)));
}

async function documents(id: string) {
  const db = await dbModule.getDb();
  return db.selectFrom("documents").select(["id", "blob_key"]).where("context_kind", "=", "application").where("context_id", "=", id).execute();
}

function blobPath(key: string): string {
  return path.join(server.dataDir, "documents", key.slice(0, 2), key.slice(2, 4), key);
}

describe(`draft expiry (${testDbKind()})`, () => {
  it("warns once 14 days before, in the person's language and German, then deletes the draft with its documents", { timeout: 120_000 }, async () => {
    const { person, email, id } = await draftWithDocument("tr");
    const saved = await lastChange(id);
    const docs = await documents(id);
    expect(docs).toHaveLength(1);
    expect(fs.existsSync(blobPath(docs[0].blob_key))).toBe(true);

    await expiry.expireDrafts(new Date(saved + 45 * DAY)); // 15 days before the end: nothing yet
    expect(smtp.to(email).filter((m) => m.text.includes(`/antrag/${id}`))).toHaveLength(0);

    const warnAt = new Date(saved + 46 * DAY + 1000);
    await expiry.expireDrafts(warnAt);
    const mail = await smtp.waitFor(email, (m) => m.text.includes(`/antrag/${id}`));
    expect(mail.subject).toContain("silinecek"); // Turkish
    expect(mail.subject).toContain("gelöscht"); // and German
    expect(mail.text).toContain("— Deutsch —");
    expect(mail.text).toContain("https://portal.example/antrag/");
    expect(mail.headers["content-language"]).toBe("tr, de");

    // Sent once: further passes (also at the same time) send nothing more and delete nothing yet.
    await Promise.all([expiry.expireDrafts(warnAt), expiry.expireDrafts(new Date(saved + 50 * DAY))]);
    await expiry.expireDrafts(new Date(saved + 59 * DAY));
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(email).filter((m) => m.text.includes(`/antrag/${id}`))).toHaveLength(1);
    expect((await row(id))?.status).toBe("draft");

    const result = await expiry.expireDrafts(new Date(saved + 60 * DAY + 2000));
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(await row(id)).toBeUndefined();
    expect(await documents(id)).toHaveLength(0);
    expect(fs.existsSync(blobPath(docs[0].blob_key))).toBe(false);
    expect((await person.get(`/antrag/${id}`)).status).toBe(404);

    // The back office learns of it (event without personal data).
    const db = await dbModule.getDb();
    const events = await db.selectFrom("webhook_events").select(["type", "data"]).where("subject_key", "=", `application:${id}`).execute();
    expect(events.map((e) => e.type)).toContain("application.draft-deleted");
  });

  it("never deletes before the 14 days after a late warning", { timeout: 120_000 }, async () => {
    const { email, id } = await draftWithDocument("de");
    const saved = await lastChange(id);
    const late = new Date(saved + 90 * DAY); // long past the end, but never warned
    await expiry.expireDrafts(late);
    const mail = await smtp.waitFor(email, (m) => m.text.includes(`/antrag/${id}`));
    expect(mail.subject).not.toContain(" / "); // German only
    await expiry.expireDrafts(new Date(late.getTime() + 13 * DAY));
    expect((await row(id))?.status).toBe("draft");
    await expiry.expireDrafts(new Date(late.getTime() + 14 * DAY));
    expect(await row(id)).toBeUndefined();
  });

  it("saving the draft again resets the clock (and a new warning is due for the new period)", { timeout: 120_000 }, async () => {
    const { person, email, id } = await draftWithDocument("en");
    const db = await dbModule.getDb();
    // The draft was last changed 50 days ago: the warning goes out now.
    const old = new Date(Date.now() - 50 * DAY).toISOString();
    await db.updateTable("applications").set({ updated_at: old }).where("id", "=", id).execute();
    await db.updateTable("documents").set({ created_at: old }).where("context_kind", "=", "application").where("context_id", "=", id).execute();
    await expiry.expireDrafts(new Date());
    await smtp.waitFor(email, (m) => m.text.includes(`/antrag/${id}`) && m.subject.includes("will be deleted"));

    // The person saves a page: the period starts again from now.
    expect((await person.send(`/antrag/${id}/wohnung`, { kind: "rent", coldRent: "450", utilities: "120", heating: "85", size: "62" })).status).toBe(302);
    const savedAgain = Date.parse((await row(id))!.updated_at);
    expect(savedAgain).toBeGreaterThan(Date.parse(old));
    await expiry.expireDrafts(new Date(savedAgain + 20 * DAY)); // would have been deleted under the old clock
    expect((await row(id))?.status).toBe("draft");
    expect(await documents(id)).toHaveLength(1);

    // The new period gets its own warning.
    await expiry.expireDrafts(new Date(savedAgain + 47 * DAY));
    await smtp.waitFor(email, (m) => m.text.includes(`/antrag/${id}`));
    expect(smtp.to(email).filter((m) => m.text.includes(`/antrag/${id}`))).toHaveLength(2);
    expect((await row(id))?.status).toBe("draft");
  });

  it("an upload is a change too: a draft with a new document is not warned about", { timeout: 120_000 }, async () => {
    const { person, email, id } = await draftWithDocument("de");
    const db = await dbModule.getDb();
    const old = new Date(Date.now() - 50 * DAY).toISOString();
    await db.updateTable("applications").set({ updated_at: old }).where("id", "=", id).execute();
    await db.updateTable("documents").set({ created_at: old }).where("context_kind", "=", "application").where("context_id", "=", id).execute();
    // A new photo of the passport today: the period starts again.
    const again = await person.upload(`/antrag/${id}/unterlagen`, { item: "identity.p1" }, { field: "files", name: "neu.pdf", type: "application/pdf", bytes: await smallPdf() });
    expect(again.status).toBe(200);
    await expiry.expireDrafts(new Date());
    await expiry.expireDrafts(new Date(Date.now() + 20 * DAY));
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(email).filter((m) => m.text.includes(`/antrag/${id}`))).toHaveLength(0);
    expect((await row(id))?.status).toBe("draft");
    expect(await documents(id)).toHaveLength(2);
  });

  it("leaves submitted applications alone", { timeout: 120_000 }, async () => {
    const { submittedApplication } = await import("./support/applicant");
    const { id } = await submittedApplication(server, smtp, "de");
    await expiry.expireDrafts(new Date(Date.now() + 400 * DAY));
    expect((await row(id))?.status).toBe("submitted");
  });
});
