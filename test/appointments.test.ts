import crypto from "node:crypto";
import fs from "node:fs";
import { createCookie } from "@remix-run/node";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";
import { linkIn, startTestSmtp, type ReceivedMail, type TestSmtp } from "./support/smtp";

// Appointments (issue "Termine") against the real server, its mails through a real SMTP server,
// and the test process attached to the same database (API keys, concurrency from a second
// process, reminders). Runs on SQLite and, with TEST_DB_KIND=postgres, on PostgreSQL.
//
// Slots come only from the API here (DEMO_DATA=0), so every count is exact.

type Mod<T> = Awaited<T>;
let smtp: TestSmtp;
let server: TestServer;
let detach: (() => Promise<void>) | null = null;
let appointments: Mod<typeof import("~/features/appointments/index.server")>;
let reminders: Mod<typeof import("~/features/appointments/index.server")>;
let dbModule: Mod<typeof import("../app/platform/db/db.server")>;
let writeKey = "";
let readKey = "";
let wrongKey = "";

const STANDORT = "hueckelhoven-wassenberg";
const TYPE = "antragsabgabe";
const tr = JSON.parse(fs.readFileSync(new URL("../locales/tr/appointments.json", import.meta.url), "utf8")) as typeof import("../locales/tr/appointments.json");
const en = JSON.parse(fs.readFileSync(new URL("../locales/en/appointments.json", import.meta.url), "utf8")) as typeof import("../locales/en/appointments.json");
const subjectStart = (template: string) => template.split("{{")[0].trim();

let ipCounter = 0;
function nextIp(): string {
  ipCounter += 1;
  return `10.77.${Math.floor(ipCounter / 200)}.${(ipCounter % 200) + 1}`;
}

function markup(html: string): string {
  const end = html.indexOf("<script");
  return end === -1 ? html : html.slice(0, end);
}

class Person extends Browserish {
  constructor(
    base: string,
    language = "de",
    readonly ip = nextIp(),
  ) {
    super(base, language);
  }
  async page(pathname: string): Promise<string> {
    return markup(await this.html(pathname));
  }
  override async get(pathname: string, init: RequestInit = {}): Promise<Response> {
    return super.get(pathname, { ...init, headers: { "X-Forwarded-For": this.ip, ...(init.headers as Record<string, string>) } });
  }
  override async post(pathname: string, fields: Record<string, string | string[]>, { csrfFrom }: { csrf?: boolean; origin?: boolean; csrfFrom?: string } = {}): Promise<Response> {
    const body = new URLSearchParams();
    body.append("_csrf", await this.csrf(csrfFrom ?? pathname));
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        Cookie: this.jar.header(),
        "Accept-Language": this.language,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": this.ip,
        Origin: this.base,
      },
    });
    this.jar.store(response);
    return response;
  }
}

/** A confirmed account, signed in (sign-up, confirmation link from the mail, sign-in). */
async function account(language: string): Promise<{ person: Person; email: string }> {
  const person = new Person(server.url, language);
  const email = `termin.${crypto.randomBytes(4).toString("hex")}@beispiel.example`;
  const password = `Tulpe Kanu Nebel ${crypto.randomBytes(3).toString("hex")}`;
  expect((await person.post("/registrieren", { email, password })).status).toBe(302);
  const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
  const link = new URL(linkIn(mail, "/email-bestaetigen"));
  await person.get(link.pathname + link.search);
  const signIn = await person.post("/anmelden", { email, password });
  expect(signIn.status).toBe(302);
  return { person, email };
}

/**
 * Many people at once: users and sessions are made directly in the database (signing up 100
 * people through argon2 would only test the password hash), the CSRF cookie is set like the
 * browser gets it. They then book over HTTP exactly like a browser.
 */
const csrfCookie = createCookie("csrf", { path: "/", sameSite: "lax", httpOnly: true });
async function quickPeople(count: number): Promise<Array<{ userId: string; cookie: string; csrf: string; ip: string }>> {
  const db = await dbModule.getDb();
  const { createSession } = await import("../app/platform/http/session.server");
  const now = new Date().toISOString();
  const people = [];
  for (let i = 0; i < count; i++) {
    const userId = crypto.randomUUID();
    await db
      .insertInto("users")
      .values({ id: userId, email: `viele.${userId}@beispiel.example`, password_hash: "x", email_verified_at: now, language: "de", created_at: now, updated_at: now })
      .execute();
    const sid = (await createSession(userId)).split(";")[0];
    const csrf = crypto.randomBytes(24).toString("base64url");
    const csrfPair = (await csrfCookie.serialize(csrf)).split(";")[0];
    people.push({ userId, cookie: `${sid}; ${csrfPair}`, csrf, ip: nextIp() });
  }
  return people;
}

async function httpBook(p: { cookie: string; csrf: string; ip: string }, slotId: string): Promise<boolean> {
  const post = (path: string, fields: Record<string, string>) =>
    fetch(server.url + path, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ _csrf: p.csrf, ...fields }),
      headers: { Cookie: p.cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": p.ip, Origin: server.url },
    });
  const hold = await post(`/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}`, { slotId });
  await hold.arrayBuffer();
  if (hold.status !== 302) {
    expect(hold.status).toBe(409);
    return false;
  }
  const location = hold.headers.get("location")!;
  expect(location).toMatch(/^\/termine\/buchen\/bestaetigen\/[0-9a-f-]{36}$/);
  const confirm = await post(location, { intent: "book", interpreter: "no" });
  await confirm.arrayBuffer();
  expect(confirm.status).toBe(302);
  return /\?gebucht=1$/.test(confirm.headers.get("location") ?? "");
}

function api(key: string | null) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra });
  return {
    get: (path: string) => fetch(server.url + path, { headers: headers() }),
    post: (path: string, body: unknown, extra: Record<string, string> = {}) =>
      fetch(server.url + path, { method: "POST", headers: headers({ "Content-Type": "application/json", ...extra }), body: JSON.stringify(body) }),
    delete: (path: string) => fetch(server.url + path, { method: "DELETE", headers: headers() }),
  };
}

let slotCounter = 0;
/** A slot via the API, `minutesAhead` from now, on a whole minute (unique per test). */
async function createSlot(capacity: number, minutesAhead = 3 * 24 * 60, length = 30): Promise<{ id: string; start: string; end: string }> {
  slotCounter += 1;
  const base = Math.floor(Date.now() / 60_000) * 60_000 + (minutesAhead + slotCounter) * 60_000;
  const start = new Date(base).toISOString();
  const end = new Date(base + length * 60_000).toISOString();
  const response = await api(writeKey).post("/api/v1/appointment-slots", { standortId: STANDORT, type: TYPE, start, end, capacity });
  expect(response.status).toBe(201);
  const slot = (await response.json()) as { id: string; start: string; end: string };
  return slot;
}

async function slotState(id: string): Promise<{ booked: number; free: number }> {
  const response = await api(writeKey).get(`/api/v1/appointment-slots/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { booked: number; free: number };
}

/** The calendar attachment of a mail (text/calendar part, decoded). */
function calendarOf(mail: ReceivedMail): string {
  const raw = mail.raw.replace(/\r\n/g, "\n");
  const parts = raw.split(/\n--[^\n]+\n/);
  for (const part of parts) {
    const end = part.indexOf("\n\n");
    if (end < 0) continue;
    const head = part.slice(0, end).replace(/\n[ \t]+/g, " ");
    if (!/content-type:\s*text\/calendar/i.test(head)) continue;
    const body = part.slice(end + 2);
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    if (encoding === "quoted-printable") return body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return body;
  }
  throw new Error(`no calendar attachment in "${mail.subject}"`);
}

function parseIcs(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const timezone = component.getFirstSubcomponent("vtimezone")!;
  expect(timezone).toBeTruthy();
  expect(timezone.getFirstPropertyValue("tzid")).toBe("Europe/Berlin");
  ICAL.TimezoneService.register(timezone);
  const vevent = component.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return { component, vevent, event, method: component.getFirstPropertyValue("method") };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0", REMINDER_POLL_SECONDS: "3600", APPOINTMENT_HOLDS_PER_HOUR: "1000" });
  detach = await attachInProcessDatabase(server.env);
  dbModule = await import("../app/platform/db/db.server");
  appointments = await import("~/features/appointments/index.server");
  reminders = await import("~/features/appointments/index.server");
  const { createApiKey } = await import("../app/platform/api/api-keys.server");
  const suffix = crypto.randomBytes(3).toString("hex");
  writeKey = (await createApiKey({ name: `termine-schreiben-${suffix}`, scopes: ["appointments:write"], createdBy: "test" })).key;
  readKey = (await createApiKey({ name: `termine-lesen-${suffix}`, scopes: ["appointments:read"], createdBy: "test" })).key;
  wrongKey = (await createApiKey({ name: `faelle-${suffix}`, scopes: ["cases:write"], createdBy: "test" })).key;
});

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

describe(`capacity under concurrency (${testDbKind()})`, () => {
  // Half the attempts come over HTTP through the server, half from this test process with its
  // own database connection: on SQLite that is two processes writing one file, on PostgreSQL
  // the pool's parallel connections.
  async function storm(capacity: number, attempts: number): Promise<number> {
    const slot = await createSlot(capacity, 5 * 24 * 60);
    const overHttp = await quickPeople(Math.ceil(attempts / 2));
    const inProcess = await quickPeople(Math.floor(attempts / 2));
    const results = await Promise.all([
      ...overHttp.map((p) => httpBook(p, slot.id)),
      ...inProcess.map((p) => appointments.book({ userId: p.userId, slotId: slot.id, language: "de" }).then((r) => r.ok)),
    ]);
    const successes = results.filter(Boolean).length;
    const db = await dbModule.getDb();
    const booked = await db.selectFrom("appointments").select("id").where("slot_id", "=", slot.id).where("status", "=", "booked").execute();
    expect(booked.length).toBe(successes);
    expect(await slotState(slot.id)).toMatchObject({ booked: capacity, free: 0 });
    return successes;
  }

  it("books exactly 1 of 120 concurrent attempts at a slot of capacity 1", { timeout: 120_000 }, async () => {
    expect(await storm(1, 120)).toBe(1);
  });

  it("books exactly 3 of 120 concurrent attempts at a slot of capacity 3", { timeout: 120_000 }, async () => {
    expect(await storm(3, 120)).toBe(3);
  });

  it("gives the place of a lapsed hold to exactly one of 100 others; the lapsed hold cannot be confirmed then", { timeout: 120_000 }, async () => {
    const slot = await createSlot(1, 6 * 24 * 60);
    const [late] = await quickPeople(1);
    const longAgo = new Date(Date.now() - 11 * 60_000);
    const hold = await appointments.createHold({ userId: late.userId, slotId: slot.id, language: "de", now: longAgo });
    expect(hold.ok).toBe(true);
    expect(await slotState(slot.id)).toMatchObject({ booked: 1 });
    const others = await quickPeople(100);
    const results = await Promise.all(others.map((p, i) => (i % 2 ? httpBook(p, slot.id) : appointments.book({ userId: p.userId, slotId: slot.id, language: "de" }).then((r) => r.ok))));
    expect(results.filter(Boolean).length).toBe(1);
    const confirm = await appointments.confirmHold({ userId: late.userId, appointmentId: hold.ok ? hold.value.id : "", details: appointments.NO_DETAILS });
    expect(confirm).toEqual({ ok: false, problem: "hold-expired" });
    expect(await slotState(slot.id)).toMatchObject({ booked: 1 });
  });

  it("lets a lapsed hold go by itself (the job's sweep) so the place is free again", async () => {
    const slot = await createSlot(2, 6 * 24 * 60 + 120);
    const [p] = await quickPeople(1);
    expect((await appointments.createHold({ userId: p.userId, slotId: slot.id, language: "de", now: new Date(Date.now() - 15 * 60_000) })).ok).toBe(true);
    expect(await slotState(slot.id)).toMatchObject({ booked: 1 });
    expect(await appointments.sweepExpiredHolds()).toBeGreaterThanOrEqual(1);
    expect(await slotState(slot.id)).toMatchObject({ booked: 0, free: 2 });
  });
});

describe("a Turkish-speaking person books, rebooks and cancels an Antragsabgabe at Hückelhoven/Wassenberg", () => {
  let person: Person;
  let email: string;
  let slotA: { id: string; start: string; end: string };
  let slotB: { id: string; start: string; end: string };
  let firstId = "";
  let secondId = "";
  let standortName = "";

  it("books with an interpreter and step-free access; the form keeps what was entered on an error; a second click books once", { timeout: 60_000 }, async () => {
    const standorte = (await (await fetch(`${server.url}/api/v1/standorte`)).json()) as { items: Array<{ id: string; name: string }> };
    standortName = standorte.items.find((s) => s.id === STANDORT)!.name;
    slotA = await createSlot(1, 2 * 24 * 60 - 600); // earliest of all: first in the list
    slotB = await createSlot(1, 2 * 24 * 60 - 300);
    ({ person, email } = await account("tr"));

    const start = await person.page("/termine/buchen");
    expect(start).toContain('lang="tr"');
    const list = await person.page(`/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}`);
    expect(list).toContain(`value="${slotA.id}"`);
    const hold = await person.post(`/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}`, { slotId: slotA.id });
    expect(hold.status).toBe(302);
    const confirmPath = hold.headers.get("location")!;
    expect(confirmPath).toMatch(/^\/termine\/buchen\/bestaetigen\//);
    firstId = confirmPath.split("/").pop()!;

    const confirmPage = await person.page(confirmPath);
    expect(visibleText(confirmPage)).toContain(tr.confirm.title);
    expect(visibleText(confirmPage)).toContain(tr.confirm.heldUntil.split("{{")[0].trim());

    // Missing interpreter language: 400, error summary, and the text typed stays.
    const invalid = await person.post(confirmPath, { intent: "book", interpreter: "yes", interpreterLanguage: "", needs: ["wheelchair", "other"], accessibilityOther: "Rampe bitte" });
    expect(invalid.status).toBe(400);
    const invalidHtml = markup(await invalid.text());
    expect(invalidHtml).toContain("error-summary");
    expect(visibleText(invalidHtml)).toContain(tr.errors.interpreterLanguage);
    expect(invalidHtml).toContain("Rampe bitte");
    expect(/<input[^>]*value="wheelchair"[^>]*>/.exec(invalidHtml)?.[0]).toContain("checked");

    const fields = { intent: "book", interpreter: "yes", interpreterLanguage: "tr", needs: ["wheelchair"] };
    const booked = await person.post(confirmPath, fields);
    expect(booked.status).toBe(302);
    expect(booked.headers.get("location")).toBe(`/termine/${firstId}?gebucht=1`);
    const again = await person.post(confirmPath, fields, { csrfFrom: `/termine/${firstId}` });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/termine/${firstId}?gebucht=1`);
    expect(await slotState(slotA.id)).toMatchObject({ booked: 1, free: 0 });

    const page = visibleText(await person.page(`/termine/${firstId}?gebucht=1`));
    expect(page).toContain(tr.detail.bookedBanner);
    expect(page).toContain(tr.detail.bringHeading);
    expect(page).toContain(tr.bring.antragsabgabe[0]);
    expect(page).toContain(tr.detail.travelHeading);
    const ics = await person.get(`/termine/${firstId}/kalender.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const parsed = parseIcs(await ics.text());
    expect(parsed.event.startDate.toJSDate().toISOString()).toBe(slotA.start);
  });

  it("receives the confirmation mail in Turkish with a calendar file ical.js reads", async () => {
    const mail = await smtp.waitFor(email, (m) => m.raw.includes("text/calendar"));
    expect(mail.subject.startsWith(tr.mail.booked.subject.split("{{")[0].trim())).toBe(true);
    expect(mail.text).toContain(tr.mail.booked.body.split("{{")[0].trim());
    const { vevent, event, method } = parseIcs(calendarOf(mail));
    expect(method).toBe("PUBLISH");
    const dtstart = vevent.getFirstProperty("dtstart")!;
    expect(dtstart.getParameter("tzid")).toBe("Europe/Berlin");
    expect(event.startDate.toJSDate().toISOString()).toBe(slotA.start);
    expect(event.endDate.toJSDate().toISOString()).toBe(slotA.end);
    expect(event.location).toContain(standortName);
    expect(event.description).toContain(tr.bring.antragsabgabe[0]);
    expect(event.description).toContain(tr.mail.bring);
    expect(vevent.getFirstProperty("description")!.getParameter("language")).toBe("tr");
    expect(event.summary).toContain(tr.types.antragsabgabe.name);
  });

  it("the back office sees the booking with the interpreter and the needs; no key 401, wrong scope 403", async () => {
    expect((await api(null).get("/api/v1/appointments")).status).toBe(401);
    const forbidden = await api(wrongKey).get("/api/v1/appointments");
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("content-type")).toMatch(/application\/problem\+json/);
    for (const key of [readKey, writeKey]) {
      const response = await api(key).get(`/api/v1/appointments?standort=${STANDORT}&from=${encodeURIComponent(new Date().toISOString())}&status=booked&limit=200`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: Array<Record<string, unknown>>; nextCursor: string | null };
      const mine = body.items.find((a) => a.id === firstId);
      expect(mine).toMatchObject({
        status: "booked",
        standortId: STANDORT,
        type: TYPE,
        start: slotA.start,
        interpreter: { language: "tr", other: null },
        accessibilityNeeds: ["wheelchair"],
        language: "tr",
        person: { email },
      });
    }
    const one = await api(readKey).get(`/api/v1/appointments/${firstId}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: firstId, interpreter: { language: "tr" }, accessibilityNeeds: ["wheelchair"] });
    expect((await api(wrongKey).get(`/api/v1/appointments/${firstId}`)).status).toBe(403);
    expect((await api(readKey).get(`/api/v1/appointments/${crypto.randomUUID()}`)).status).toBe(404);
    const other = await api(readKey).get("/api/v1/appointments?standort=erkelenz-wegberg");
    expect(((await other.json()) as { items: Array<{ id: string }> }).items.some((a) => a.id === firstId)).toBe(false);
    expect((await api(readKey).get("/api/v1/appointments?from=gestern")).status).toBe(400);
    const { readAudit } = await import("../app/platform/audit/audit.server");
    const entries = await readAudit({ recordType: "appointment" });
    expect(entries.some((e) => e.operation === "appointment.list")).toBe(true);
  });

  it("another person can neither see nor change it (404 everywhere)", async () => {
    const { person: other } = await account("de");
    for (const path of [
      `/termine/${firstId}`,
      `/termine/${firstId}/absagen`,
      `/termine/${firstId}/kalender.ics`,
      `/termine/buchen/bestaetigen/${firstId}`,
      `/termine/einladung/${firstId}`,
      `/termine/${firstId}/erklaeren`,
    ]) {
      expect((await other.get(path)).status, path).toBe(404);
    }
    expect((await other.post(`/termine/${firstId}/absagen`, {}, { csrfFrom: "/termine" })).status).toBe(404);
    expect((await other.post(`/termine/buchen/bestaetigen/${firstId}`, { intent: "book", interpreter: "no" }, { csrfFrom: "/termine" })).status).toBe(404);
    expect(await slotState(slotA.id)).toMatchObject({ booked: 1 });
  });

  it("rebooks: the new time is booked, the old one cancelled and free at once, the calendar entry keeps its UID", { timeout: 30_000 }, async () => {
    const zeit = `/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}&umbuchen=${firstId}`;
    expect(visibleText(await person.page(zeit))).toContain(tr.time.rebookNote.split("{{")[0].trim());
    const hold = await person.post(zeit, { slotId: slotB.id });
    expect(hold.status).toBe(302);
    const confirmPath = hold.headers.get("location")!;
    secondId = confirmPath.split("/").pop()!;
    // Until confirmed the old appointment stays.
    expect(await slotState(slotA.id)).toMatchObject({ booked: 1 });
    const done = await person.post(confirmPath, { intent: "book", interpreter: "no" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/termine/${secondId}?umgebucht=1`);
    expect(await slotState(slotA.id)).toMatchObject({ booked: 0, free: 1 });
    expect(await slotState(slotB.id)).toMatchObject({ booked: 1 });
    expect(visibleText(await person.page(`/termine/${secondId}?umgebucht=1`))).toContain(tr.detail.rebookedBanner);

    const mail = await smtp.waitFor(email, (m) => m.raw.includes("text/calendar"));
    expect(mail.subject.startsWith(tr.mail.rebooked.subject.split("{{")[0].trim())).toBe(true);
    const first = await person.get(`/termine/${firstId}/kalender.ics`); // the old one: a CANCEL file now
    const old = parseIcs(await first.text());
    const neu = parseIcs(calendarOf(mail));
    expect(neu.event.uid).toBe(old.event.uid);
    expect(neu.event.startDate.toJSDate().toISOString()).toBe(slotB.start);
    expect(neu.event.sequence).toBeGreaterThan(0);
  });

  it("cancels (asked first); the place is free at once; a second click changes nothing; the mail removes the calendar entry", async () => {
    const ask = visibleText(await person.page(`/termine/${secondId}/absagen`));
    expect(ask).toContain(tr.cancel.title);
    const cancelled = await person.post(`/termine/${secondId}/absagen`, {});
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get("location")).toMatch(/^\/termine\?abgesagt=T-/);
    expect(await slotState(slotB.id)).toMatchObject({ booked: 0, free: 1 });
    const again = await person.post(`/termine/${secondId}/absagen`, {}, { csrfFrom: "/termine" });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(cancelled.headers.get("location"));
    const mail = await smtp.waitFor(email, (m) => m.subject.startsWith(tr.mail.cancelled.subject.split("{{")[0].trim()));
    expect(parseIcs(calendarOf(mail)).method).toBe("CANCEL");
    expect(visibleText(await person.page(cancelled.headers.get("location")!))).toContain(tr.list.cancelled.split("{{")[0].trim());

    // Someone else can take the freed place straight away.
    const [next] = await quickPeople(1);
    expect(await httpBook(next, slotB.id)).toBe(true);
  });

  it("wrote appointment.booked and appointment.cancelled events in the outbox", async () => {
    const db = await dbModule.getDb();
    const events = await db
      .selectFrom("webhook_events")
      .select(["type", "subject_key", "data"])
      .where("subject_key", "in", [`appointment:${firstId}`, `appointment:${secondId}`])
      .orderBy("created_at")
      .execute();
    const kinds = events.map((e) => `${e.type} ${e.subject_key === `appointment:${firstId}` ? "first" : "second"}`);
    expect(kinds).toEqual(expect.arrayContaining(["appointment.booked first", "appointment.cancelled first", "appointment.booked second", "appointment.cancelled second"]));
    for (const e of events) expect(e.data).not.toContain(email);
    // References and flags only: what the person asked for is read through the (audited) API.
    const booked = events.find((e) => e.type === "appointment.booked" && e.subject_key === `appointment:${firstId}`)!;
    expect(JSON.parse(booked.data)).toMatchObject({ appointmentId: firstId, interpreterRequested: true, accessibilityRequested: true });
    expect(booked.data).not.toContain("wheelchair");
  });
});

describe("booking inside the change deadline tells the truth (issue 12, item 10)", () => {
  const ar = JSON.parse(fs.readFileSync(new URL("../locales/ar/appointments.json", import.meta.url), "utf8")) as typeof import("../locales/ar/appointments.json");
  for (const [language, texts] of [
    ["en", en],
    ["ar", ar],
  ] as const) {
    it(`${language}: a time for the next hours is marked, the confirm page says it cannot be changed online, the mail and .ics give no past deadline`, { timeout: 60_000 }, async () => {
      const soon = await createSlot(1, 8 * 60); // inside the 24-hour change deadline
      const { person, email } = await account(language);
      const list = await person.page(`/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}`);
      const button = new RegExp(`<button[^>]*value="${soon.id}"[^>]*>[\\s\\S]*?</button>`).exec(list)?.[0] ?? "";
      expect(button).not.toBe("");
      expect(visibleText(button)).toContain(texts.time.noOnlineChange);
      const hold = await person.post(`/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}`, { slotId: soon.id });
      expect(hold.status).toBe(302);
      const confirmPath = hold.headers.get("location")!;
      const confirmText = visibleText(await person.page(confirmPath));
      expect(confirmText).toContain(texts.confirm.noOnlineChange);
      expect(confirmText).not.toContain(texts.confirm.changeUntil.split("{{")[0].trim());
      const booked = await person.post(confirmPath, { intent: "book", interpreter: "no" });
      expect(booked.status).toBe(302);
      const mail = await smtp.waitFor(email, (m) => m.raw.includes("text/calendar"));
      expect(mail.text).not.toContain(texts.mail.deadline.split("{{")[0].trim());
      expect(mail.text).toContain(texts.mail.deadlinePassed);
      const calendar = parseIcs(calendarOf(mail));
      const description = String(calendar.vevent.getFirstPropertyValue("description"));
      expect(description).not.toContain(texts.mail.deadline.split("{{")[0].trim());
      expect(description).toContain(texts.mail.deadlinePassed);
    });

    it(`${language}: a time after the deadline shows until when it can be changed online, before confirming`, { timeout: 60_000 }, async () => {
      const later = await createSlot(1, 3 * 24 * 60);
      const { person, email } = await account(language);
      const list = await person.page(`/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}`);
      const button = new RegExp(`<button[^>]*value="${later.id}"[^>]*>[\\s\\S]*?</button>`).exec(list)?.[0] ?? "";
      expect(button).not.toBe("");
      expect(visibleText(button)).not.toContain(texts.time.noOnlineChange);
      const hold = await person.post(`/termine/buchen/zeit?anliegen=${TYPE}&standort=${STANDORT}`, { slotId: later.id });
      const confirmPath = hold.headers.get("location")!;
      const confirmText = visibleText(await person.page(confirmPath));
      expect(confirmText).toContain(texts.confirm.changeUntil.split("{{")[0].trim());
      expect(confirmText).not.toContain(texts.confirm.noOnlineChange);
      expect((await person.post(confirmPath, { intent: "book", interpreter: "no" })).status).toBe(302);
      const mail = await smtp.waitFor(email, (m) => m.raw.includes("text/calendar"));
      expect(mail.text).toContain(texts.mail.deadline.split("{{")[0].trim());
      expect(mail.text).not.toContain(texts.mail.deadlinePassed);
    });
  }
});

describe("back-office slots API", () => {
  it("validates, is idempotent, pages, refuses to delete a booked slot (409) and audits", async () => {
    const client = api(writeKey);
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 9 * 24 * 3_600_000).toISOString();
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    const body = { standortId: STANDORT, type: TYPE, start, end, capacity: 2 };
    const key = crypto.randomUUID();
    const first = await client.post("/api/v1/appointment-slots", body, { "Idempotency-Key": key });
    const second = await client.post("/api/v1/appointment-slots", body, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const created = (await first.json()) as { id: string };
    expect(((await second.json()) as { id: string }).id).toBe(created.id);
    expect((await client.post("/api/v1/appointment-slots", body)).status).toBe(409); // same Standort, type, start

    const unknown = await client.post("/api/v1/appointment-slots", { ...body, start: new Date(Date.parse(start) + 3_600_000).toISOString(), extra: 1 });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: Array<{ path: string }> }).errors).toEqual([expect.objectContaining({ path: "extra" })]);
    const badType = await client.post("/api/v1/appointment-slots", { ...body, type: "kaffeeklatsch" });
    expect(badType.status).toBe(400);
    expect(badType.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect((await client.post("/api/v1/appointment-slots", { ...body, end: start })).status).toBe(400);
    expect((await api(readKey).post("/api/v1/appointment-slots", body)).status).toBe(403);
    expect((await api(null).get("/api/v1/appointment-slots")).status).toBe(401);

    // Cursor pagination over every slot: no duplicates, all there.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: Response = await client.get(`/api/v1/appointment-slots?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(created.id);

    const [p] = await quickPeople(1);
    expect(await httpBook(p, created.id)).toBe(true);
    const refused = await client.delete(`/api/v1/appointment-slots/${created.id}`);
    expect(refused.status).toBe(409);
    const free = await createSlot(1, 10 * 24 * 60);
    expect((await client.delete(`/api/v1/appointment-slots/${free.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/appointment-slots/${free.id}`)).status).toBe(404);
    expect((await client.delete(`/api/v1/appointment-slots/${free.id}`)).status).toBe(404);
    const { readAudit } = await import("../app/platform/audit/audit.server");
    const audit = await readAudit({ recordType: "appointment-slot" });
    expect(audit.filter((e) => e.recordId === created.id && e.operation === "appointment-slot.create")).toHaveLength(1);
    expect(audit.some((e) => e.recordId === free.id && e.operation === "appointment-slot.delete")).toBe(true);
  });
});

describe("invitations, missed appointments and reminders", () => {
  it("an invitation appears in the portal and can be accepted; another one can be declined", { timeout: 30_000 }, async () => {
    const { person, email } = await account("en");
    const db = await dbModule.getDb();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const slot = await createSlot(1, 4 * 24 * 60);
    const invitation = await appointments.createInvitation({ userId: user.id, slotId: slot.id, message: "Bitte bringen Sie Ihren Mietvertrag mit." });
    expect(invitation.ok).toBe(true);
    const id = invitation.ok ? invitation.value.id : "";
    expect(await person.page("/termine")).toContain(`/termine/einladung/${id}`);
    const page = visibleText(await person.page(`/termine/einladung/${id}`));
    expect(page).toContain("Mietvertrag");
    const accepted = await person.post(`/termine/einladung/${id}`, { intent: "accept", interpreter: "no" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/termine/${id}?angenommen=1`);
    expect((await person.post(`/termine/einladung/${id}`, { intent: "accept", interpreter: "no" }, { csrfFrom: "/termine" })).headers.get("location")).toBe(`/termine/${id}?angenommen=1`);

    const slot2 = await createSlot(1, 4 * 24 * 60 + 60);
    const second = await appointments.createInvitation({ userId: user.id, slotId: slot2.id });
    const id2 = second.ok ? second.value.id : "";
    const declined = await person.post(`/termine/einladung/${id2}`, { intent: "decline", message: "Lieber vormittags" });
    expect(declined.status).toBe(302);
    expect(declined.headers.get("location")).toBe("/termine?abgelehnt=1");
    expect(await slotState(slot2.id)).toMatchObject({ booked: 0 });
  });

  it("an invitation carries the Rechtsfolgenbelehrung of the Neue Grundsicherung, German binding text beside the translation aid, missed appointments counted", { timeout: 30_000 }, async () => {
    const { person, email } = await account("en");
    const db = await dbModule.getDb();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const de = JSON.parse(fs.readFileSync(new URL("../locales/de/appointments.json", import.meta.url), "utf8")) as typeof import("../locales/de/appointments.json");
    // View the invitation's page, then decline it (a proposed appointment counts towards the booking limit).
    const invite = async (minutes: number) => {
      const created = await appointments.createInvitation({ userId: user.id, slotId: (await createSlot(1, minutes)).id });
      expect(created.ok).toBe(true);
      const id = created.ok ? created.value.id : "";
      const page = visibleText(await person.page(`/termine/einladung/${id}`));
      expect((await person.post(`/termine/einladung/${id}`, { intent: "decline", message: "" })).status).toBe(302);
      return page;
    };
    // A booked appointment the person missed (booked a minute before the Träger's lead time of 120 minutes).
    const missPast = async (minutes: number, explain: boolean) => {
      const slot = await createSlot(1, minutes);
      const booked = await appointments.book({ userId: user.id, slotId: slot.id, language: "en", now: new Date(Date.parse(slot.start) - 121 * 60_000) });
      expect(booked.ok).toBe(true);
      const id = booked.ok ? booked.value.appointment.id : "";
      expect((await appointments.recordOutcome({ appointmentId: id, outcome: "missed", now: new Date(Date.parse(slot.end) + 60_000) })).ok).toBe(true);
      if (explain) expect((await appointments.explainMissed({ userId: user.id, appointmentId: id, explanation: "Ich war krank." })).ok).toBe(true);
    };
    const first = await invite(5 * 24 * 60);
    expect(first).toContain(de.invitation.rfb.binding.first);
    expect(first).toContain(en.invitation.rfb.plain.first);

    await missPast(60, false);
    await missPast(120, true); // explained: not counted
    const second = await invite(5 * 24 * 60 + 60);
    expect(second).toContain(de.invitation.rfb.binding.second.replace("{{missed}}", "1"));
    expect(second).toContain(en.invitation.rfb.plain.second.replace("{{missed}}", "1"));

    await missPast(180, false);
    const third = await invite(5 * 24 * 60 + 120);
    expect(third).toContain(de.invitation.rfb.binding.third.replace("{{missed}}", "2").replace("{{number}}", "3"));
    expect(third).toContain(en.invitation.rfb.plain.third.replace("{{missed}}", "2").replace("{{number}}", "3"));
  });

  it("after a missed appointment the person can explain why (second chance) or book again", async () => {
    const { person, email } = await account("en");
    const db = await dbModule.getDb();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const slot = await createSlot(1, 60);
    const booked = await appointments.book({ userId: user.id, slotId: slot.id, language: "en", now: new Date(Date.now() - 24 * 3_600_000) });
    expect(booked.ok).toBe(true);
    const id = booked.ok ? booked.value.appointment.id : "";
    const outcome = await appointments.recordOutcome({ appointmentId: id, outcome: "missed", now: new Date(Date.parse(slot.end) + 60_000) });
    expect(outcome.ok).toBe(true);
    const detail = await person.page(`/termine/${id}`);
    expect(detail).toContain(`/termine/${id}/erklaeren`);
    expect(detail).toContain("/termine/buchen/standort?anliegen=antragsabgabe");
    const empty = await person.post(`/termine/${id}/erklaeren`, { explanation: "  " });
    expect(empty.status).toBe(400);
    const sent = await person.post(`/termine/${id}/erklaeren`, { explanation: "Ich war krank." });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/termine/${id}?erklaert=1`);
    expect(await person.page(`/termine/${id}?erklaert=1`)).toContain("Ich war krank.");
  });

  it("sends a reminder once, even when the job runs twice (and in two processes)", { timeout: 30_000 }, async () => {
    const { email } = await account("tr");
    const db = await dbModule.getDb();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const slot = await createSlot(1, 90); // starts in 1.5 hours: the "2 hours before" reminder is due
    const booked = await appointments.book({ userId: user.id, slotId: slot.id, language: "tr", now: new Date(Date.now() - 3 * 24 * 3_600_000) });
    expect(booked.ok).toBe(true);
    const runs = await Promise.all([reminders.sendDueReminders(), reminders.sendDueReminders()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await reminders.sendDueReminders()).toBe(0);
    const reminder = await smtp.waitFor(email, (m) => m.subject.startsWith(tr.mail.reminder.subject.split("{{")[0].trim()));
    expect(calendarOf(reminder)).toContain("BEGIN:VEVENT");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const all = smtp.to(email).filter((m) => m.subject.startsWith(tr.mail.reminder.subject.split("{{")[0].trim()));
    expect(all).toHaveLength(1);
    // The server's own job (restarted: it ticks at start) finds nothing more to send.
    await server.restart();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.to(email).filter((m) => m.subject.startsWith(tr.mail.reminder.subject.split("{{")[0].trim()))).toHaveLength(1);
  });
});

describe("back-office changes over the API: invitations, outcomes, cancelling", () => {
  /** An application started in the portal (POST /antrag, like the browser does). */
  async function application(person: Person): Promise<string> {
    const started = await person.post("/antrag", {});
    expect(started.status).toBe(302);
    const match = /^\/antrag\/([0-9a-f-]{36})\/gesichert$/.exec(started.headers.get("location") ?? "");
    expect(match).toBeTruthy();
    return match![1];
  }

  it("invites the applicant of an application (201, idempotent); the person sees it at /termine, gets the mail and accepts it", { timeout: 30_000 }, async () => {
    const { person, email } = await account("en");
    const applicationId = await application(person);
    const slot = await createSlot(2, 11 * 24 * 60);
    const key = crypto.randomUUID();
    const body = { applicationId, slotId: slot.id, message: "Bitte bringen Sie Ihren Mietvertrag mit." };
    const created = await api(writeKey).post("/api/v1/appointment-invitations", body, { "Idempotency-Key": key });
    expect(created.status).toBe(201);
    const appointment = (await created.json()) as Record<string, unknown> & { id: string };
    expect(appointment).toMatchObject({ status: "proposed", origin: "invitation", slotId: slot.id, applicationId, standortId: STANDORT, person: { email }, start: slot.start });
    expect(created.headers.get("location")).toBe(`/api/v1/appointments/${appointment.id}`);
    const again = await api(writeKey).post("/api/v1/appointment-invitations", body, { "Idempotency-Key": key });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { id: string }).id).toBe(appointment.id);
    expect(await slotState(slot.id)).toMatchObject({ booked: 1, free: 1 });
    expect(await (await api(readKey).get(`/api/v1/appointments/${appointment.id}`)).json()).toEqual(appointment);
    // The same person in the same slot once more: 409.
    const twice = await api(writeKey).post("/api/v1/appointment-invitations", body);
    expect(twice.status).toBe(409);
    expect(twice.headers.get("content-type")).toMatch(/application\/problem\+json/);

    await smtp.waitFor(email, (m) => m.subject.startsWith(subjectStart(en.mail.invited.subject)));
    expect(await person.page("/termine")).toContain(`/termine/einladung/${appointment.id}`);
    expect(visibleText(await person.page(`/termine/einladung/${appointment.id}`))).toContain("Mietvertrag");
    const accepted = await person.post(`/termine/einladung/${appointment.id}`, { intent: "accept", interpreter: "no" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/termine/${appointment.id}?angenommen=1`);
    expect(await (await api(writeKey).get(`/api/v1/appointments/${appointment.id}`)).json()).toMatchObject({ status: "booked" });

    const { readAudit } = await import("../app/platform/audit/audit.server");
    const audit = await readAudit({ recordType: "appointment" });
    expect(audit.filter((e) => e.recordId === appointment.id && e.operation === "appointment.invite")).toHaveLength(1);
  });

  it("refuses invitations for unknown applications and slots (404), full slots (409), unknown fields (400), no key (401), wrong scope (403)", { timeout: 30_000 }, async () => {
    const { person } = await account("de");
    const applicationId = await application(person);
    const slot = await createSlot(1, 11 * 24 * 60 + 60);
    const client = api(writeKey);
    const unknownApplication = await client.post("/api/v1/appointment-invitations", { applicationId: crypto.randomUUID(), slotId: slot.id });
    expect(unknownApplication.status).toBe(404);
    expect(unknownApplication.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect((await client.post("/api/v1/appointment-invitations", { applicationId, slotId: crypto.randomUUID() })).status).toBe(404);
    const extra = await client.post("/api/v1/appointment-invitations", { applicationId, slotId: slot.id, userId: "x" });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { errors: Array<{ path: string }> }).errors).toEqual([expect.objectContaining({ path: "userId" })]);
    expect((await client.post("/api/v1/appointment-invitations", { applicationId, slotId: slot.id, message: "x".repeat(1001) })).status).toBe(400);
    expect((await api(null).post("/api/v1/appointment-invitations", { applicationId, slotId: slot.id })).status).toBe(401);
    expect((await api(readKey).post("/api/v1/appointment-invitations", { applicationId, slotId: slot.id })).status).toBe(403);
    expect((await api(wrongKey).post("/api/v1/appointment-invitations", { applicationId, slotId: slot.id })).status).toBe(403);
    const [other] = await quickPeople(1);
    expect(await httpBook(other, slot.id)).toBe(true);
    const full = await client.post("/api/v1/appointment-invitations", { applicationId, slotId: slot.id });
    expect(full.status).toBe(409);
    expect(await slotState(slot.id)).toMatchObject({ booked: 1, free: 0 });
    expect((await client.get("/api/v1/appointment-invitations")).status).toBe(405);
  });

  it("records a missed appointment: the person's page offers the second chance and the missed mail arrives", { timeout: 30_000 }, async () => {
    const { person, email } = await account("en");
    const db = await dbModule.getDb();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const past = await createSlot(1, -3 * 60); // started three hours ago
    const booked = await appointments.book({ userId: user.id, slotId: past.id, language: "en", now: new Date(Date.now() - 2 * 24 * 3_600_000) });
    expect(booked.ok).toBe(true);
    const id = booked.ok ? booked.value.appointment.id : "";
    const client = api(writeKey);

    expect((await client.post(`/api/v1/appointments/${id}/outcome`, { outcome: "vergessen" })).status).toBe(400);
    const extra = await client.post(`/api/v1/appointments/${id}/outcome`, { outcome: "missed", note: "x" });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { errors: Array<{ path: string }> }).errors).toEqual([expect.objectContaining({ path: "note" })]);
    expect((await api(null).post(`/api/v1/appointments/${id}/outcome`, { outcome: "missed" })).status).toBe(401);
    expect((await api(readKey).post(`/api/v1/appointments/${id}/outcome`, { outcome: "missed" })).status).toBe(403);
    expect((await client.post(`/api/v1/appointments/${crypto.randomUUID()}/outcome`, { outcome: "missed" })).status).toBe(404);

    const key = crypto.randomUUID();
    const recorded = await client.post(`/api/v1/appointments/${id}/outcome`, { outcome: "missed" }, { "Idempotency-Key": key });
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toMatchObject({ id, status: "booked", outcome: "missed" });
    expect((await client.post(`/api/v1/appointments/${id}/outcome`, { outcome: "missed" }, { "Idempotency-Key": key })).status).toBe(200);
    // Recorded once: the same outcome again is 200 without effect, another one is refused (corrections need a reason, in the back office).
    expect((await client.post(`/api/v1/appointments/${id}/outcome`, { outcome: "missed" })).status).toBe(200);
    const flipped = await client.post(`/api/v1/appointments/${id}/outcome`, { outcome: "attended" });
    expect(flipped.status).toBe(409);
    expect(((await flipped.json()) as { type: string }).type).toContain("appointment-outcome-recorded");

    const detail = await person.page(`/termine/${id}`);
    expect(detail).toContain(`/termine/${id}/erklaeren`);
    expect(detail).toContain("/termine/buchen/standort?anliegen=antragsabgabe");
    await smtp.waitFor(email, (m) => m.subject.startsWith(subjectStart(en.mail.missed.subject)));

    // A future appointment has no outcome yet: 409.
    const future = await createSlot(1, 12 * 24 * 60);
    const later = await appointments.book({ userId: user.id, slotId: future.id, language: "en" });
    const laterId = later.ok ? later.value.appointment.id : "";
    const early = await client.post(`/api/v1/appointments/${laterId}/outcome`, { outcome: "attended" });
    expect(early.status).toBe(409);
    expect(early.headers.get("content-type")).toMatch(/application\/problem\+json/);

    const { readAudit } = await import("../app/platform/audit/audit.server");
    const audit = await readAudit({ recordType: "appointment" });
    expect(audit.filter((e) => e.recordId === id && e.operation === "appointment.outcome")).toHaveLength(1);
  });

  it("cancels from the back office: status cancelled, the place free at once, the person gets the cancellation mail", { timeout: 30_000 }, async () => {
    const { email } = await account("en");
    const db = await dbModule.getDb();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const slot = await createSlot(1, 12 * 24 * 60 + 60);
    const booked = await appointments.book({ userId: user.id, slotId: slot.id, language: "en" });
    expect(booked.ok).toBe(true);
    const id = booked.ok ? booked.value.appointment.id : "";
    expect(await slotState(slot.id)).toMatchObject({ booked: 1, free: 0 });
    const client = api(writeKey);

    expect((await client.post(`/api/v1/appointments/${id}/cancel`, { message: "x".repeat(1001) })).status).toBe(400);
    expect((await client.post(`/api/v1/appointments/${id}/cancel`, { reason: "x" })).status).toBe(400);
    expect((await api(null).post(`/api/v1/appointments/${id}/cancel`, {})).status).toBe(401);
    expect((await api(wrongKey).post(`/api/v1/appointments/${id}/cancel`, {})).status).toBe(403);
    expect((await client.post(`/api/v1/appointments/${crypto.randomUUID()}/cancel`, {})).status).toBe(404);
    expect((await client.get(`/api/v1/appointments/${id}/cancel`)).status).toBe(405);

    const cancelled = await client.post(`/api/v1/appointments/${id}/cancel`, { message: "Die Sachbearbeiterin ist erkrankt." });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id, status: "cancelled", cancelReason: "backoffice" });
    expect(await slotState(slot.id)).toMatchObject({ booked: 0, free: 1 });
    const mail = await smtp.waitFor(email, (m) => m.subject.startsWith(subjectStart(en.mail.cancelledByJobcenter.subject)));
    // The mail says there is a message; the message itself is on the appointment's page (issue 19 § 9).
    expect(mail.text).not.toContain("Die Sachbearbeiterin ist erkrankt.");
    expect(mail.text).toContain(en.mail.message);
    expect(parseIcs(calendarOf(mail)).method).toBe("CANCEL");
    const again = await client.post(`/api/v1/appointments/${id}/cancel`, {});
    expect(again.status).toBe(409);

    // Someone else can take the freed place straight away.
    const [next] = await quickPeople(1);
    expect(await httpBook(next, slot.id)).toBe(true);

    const { readAudit } = await import("../app/platform/audit/audit.server");
    const audit = await readAudit({ recordType: "appointment" });
    expect(audit.filter((e) => e.recordId === id && e.operation === "appointment.cancel")).toHaveLength(1);
  });
});
