import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Decode, hotp, totpCounter } from "../app/domain/staff/totp";
import { applicationIdFrom, fillAll, Person, signedIn } from "./support/applicant";
import { ApiClient, createKey, runAdmin } from "./support/api";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The caseworker's worklist (issue 19, decision 038) against the real server, on SQLite and
// PostgreSQL: search by name, Aktenzeichen, birth date and Kundennummer over the blind index
// (also for applications submitted before it, filled at start), sortable columns with
// aria-sort, pages, "assign to me / to a colleague" with audit entries, "mine", the deadline
// view, the case list's search and pages, the shortcuts setting, and who may do what.

let smtp: TestSmtp;
let server: TestServer;

interface Staff {
  id: string;
  client: Person;
}

let staffCounter = 0;
async function staffMember(roles: string, name: string): Promise<Staff> {
  const email = `worklist.${++staffCounter}.${Date.now().toString(36)}@jobcenter.example`;
  const result = await runAdmin(server.env, ["create-staff", "--email", email, "--name", name, "--roles", roles]);
  expect(result.code, result.stderr).toBe(0);
  const password = /^Password: (\S+)$/m.exec(result.stdout)![1];
  const secret = base32Decode(/^TOTP secret: ([A-Z2-7]+)$/m.exec(result.stdout)![1])!;
  const client = new Person(server); // follows the server across the restart below
  const response = await client.send("/backoffice/anmelden", { email, password, code: hotp(secret, totpCounter(Date.now())) });
  expect(response.status).toBe(302);
  const list = await runAdmin(server.env, ["list-staff"]);
  const id = list.stdout
    .split("\n")
    .find((l) => l.includes(email))!
    .match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)![0];
  return { id, client };
}

/** Signs up, answers everything (a couple, see fillAll) with this applicant, submits. */
async function submitted(person: { firstName: string; lastName: string; birthDate: string }): Promise<{ id: string; reference: string }> {
  const { person: applicant } = await signedIn(server, smtp, "de");
  const id = applicationIdFrom((await applicant.send("/antrag", {})).headers.get("location"));
  await fillAll(applicant, id);
  const changed = await applicant.send(`/antrag/${id}/person`, {
    ...person,
    nationality: "deutsch",
    street: "Hauptstraße 12",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: "",
    priorBenefits: "no",
  });
  expect(changed.status, visibleText(await changed.clone().text())).toBe(302);
  expect((await applicant.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
  const page = await applicant.text(`/antrag/${id}/bestaetigung`);
  const reference = /A-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(page)![0];
  return { id, reference };
}

/** The application ids of the inbox page, in the order shown. */
function listed(html: string): string[] {
  return [...html.matchAll(/href="\/backoffice\/antraege\/([0-9a-f-]{36})/g)].map((m) => m[1]);
}

function auditEntries(stdout: string) {
  return stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { actorType: string; actor: string; operation: string; recordId: string | null; details: Record<string, unknown> });
}

let becker: { id: string; reference: string };
let mueller: { id: string; reference: string };
let anna: Staff;
let ben: Staff;
let integration: Staff;
let lead: Staff;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
  becker = await submitted({ firstName: "Maria", lastName: "Becker", birthDate: "01.02.1990" });
  mueller = await submitted({ firstName: "Jürgen", lastName: "Müller-Lüdenscheidt", birthDate: "1985-07-15" });
  anna = await staffMember("leistung", "Anna Leistung");
  ben = await staffMember("leistung", "Ben Leistung");
  integration = await staffMember("integration", "Ida Integration");
  lead = await staffMember("standortleitung", "Lea Leitung");
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe(`search (${testDbKind()})`, () => {
  it("finds by name words in any case and with or without umlauts, never by part of a word", async () => {
    const ids = async (q: string) => listed(await anna.client.html(`/backoffice?q=${encodeURIComponent(q)}`));
    expect(await ids("Becker")).toEqual([becker.id]);
    expect(await ids("maria BECKER")).toEqual([becker.id]);
    expect(await ids("Mueller")).toEqual([mueller.id]);
    expect(await ids("lüdenscheidt jürgen")).toEqual([mueller.id]);
    expect(await ids("Maria Müller")).toEqual([]);
    expect(await ids("Beck")).toEqual([]); // whole words only (decision 038)
    // The partner of both applications (fillAll): members are found too.
    expect((await ids("Oleksandr Kovalenko")).sort()).toEqual([becker.id, mueller.id].sort());
  });

  it("finds by Aktenzeichen (with or without dashes) and by birth date in German and ISO form", async () => {
    const ids = async (q: string) => listed(await anna.client.html(`/backoffice?q=${encodeURIComponent(q)}`));
    expect(await ids(becker.reference)).toEqual([becker.id]);
    expect(await ids(becker.reference.toLowerCase().replace(/-/g, ""))).toEqual([becker.id]);
    expect(await ids("01.02.1990")).toEqual([becker.id]);
    expect(await ids("1.2.1990")).toEqual([becker.id]);
    expect(await ids("1990-02-01")).toEqual([becker.id]);
    expect(await ids("15.07.1985")).toEqual([mueller.id]);
    expect(await ids("20.01.1995")).toHaveLength(2); // the partner's birth date
    const text = visibleText(await anna.client.html(`/backoffice?q=01.02.1990`));
    expect(text).toContain("1 Antrag gefunden.");
    expect(text).toContain("geb. 01.02.1990");
  });

  it("finds by Kundennummer and BG-Nummer once the application has them; the case list finds the case by name and Aktenzeichen", async () => {
    const key = await createKey(server, `worklist-${Date.now()}`, ["applications:write"]);
    const put = await new ApiClient(server, key).request("PUT", `/api/v1/applications/${becker.id}/identifiers`, { body: { kundennummer: "123D456789", bgNummer: "12345BG0012345" } });
    expect(put.status, await put.clone().text()).toBeLessThan(300);
    expect(listed(await anna.client.html("/backoffice?q=123D456789"))).toEqual([becker.id]);
    expect(listed(await anna.client.html("/backoffice?q=12345bg0012345"))).toEqual([becker.id]);
    expect(listed(await anna.client.html("/backoffice?q=999D999999"))).toEqual([]);

    const cases = (q: string) => integration.client.html(`/backoffice/faelle?q=${encodeURIComponent(q)}`);
    for (const q of ["Becker", becker.reference, "01.02.1990", "123D456789"]) {
      const text = visibleText(await cases(q));
      expect(text, q).toContain("1 Fall gefunden.");
      expect(text, q).toContain("12345BG0012345");
    }
    expect(visibleText(await cases("Müller"))).toContain("0 Fälle gefunden.");
  });

  it("keeps only keyed hashes in the database and never writes the search text to the audit log", async () => {
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const db = await getDb();
      const rows = await db.selectFrom("application_search_terms").selectAll().where("application_id", "=", becker.id).execute();
      expect(rows.length).toBeGreaterThanOrEqual(6); // Maria, Becker, Oleksandr, Kovalenko, two birth dates
      const dump = JSON.stringify(rows);
      for (const clear of ["becker", "maria", "1990-02-01", "Becker"]) expect(dump).not.toContain(clear);
      for (const row of rows) expect(row.term_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await detach();
    }
    const audit = auditEntries((await runAdmin(server.env, ["audit", "--json"])).stdout);
    const searches = audit.filter((e) => e.operation === "application.list" && e.details.search);
    expect(searches.map((e) => e.details.search)).toEqual(expect.arrayContaining(["name", "reference", "birth", "identifier"]));
    const text = JSON.stringify(audit);
    for (const clear of ["Becker", "1990", "123D456789", becker.reference.toLowerCase().replace(/-/g, "")]) expect(text).not.toContain(clear);
  });
});

describe(`sorting and pages (${testDbKind()})`, () => {
  const clones: string[] = [];

  beforeAll(async () => {
    // 55 more submitted applications (copies of Müller's answers, without index rows, as if
    // submitted before the search existed); then a restart fills the index.
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      const db = await getDb();
      const row = await db.selectFrom("applications").selectAll().where("id", "=", mueller.id).executeTakeFirstOrThrow();
      for (let i = 0; i < 55; i++) {
        const id = crypto.randomUUID();
        clones.push(id);
        const at = new Date(Date.parse("2026-10-01T08:00:00Z") + i * 3_600_000).toISOString();
        const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        const reference = `A-${alphabet[i % 32]}${alphabet[(i * 7) % 32]}ZZ-${crypto.randomBytes(4).reduce((s, b) => s + alphabet[b % 32], "")}`;
        await db
          .insertInto("applications")
          .values({ ...row, id, reference, user_id: null, submitted_at: at, created_at: at, updated_at: at, antragsdatum: at.slice(0, 10) })
          .execute();
      }
    } finally {
      await detach();
    }
  }, 60_000);

  it("fills the index at start for applications submitted before it", async () => {
    expect(listed(await anna.client.html(`/backoffice?q=${encodeURIComponent("Müller-Lüdenscheidt")}`))).toEqual([mueller.id]);
    await server.restart();
    const first = await anna.client.html(`/backoffice?q=${encodeURIComponent("Müller-Lüdenscheidt")}`);
    expect(visibleText(first)).toContain("56 Anträge gefunden.");
    expect(listed(first)).toHaveLength(50);
    const second = await anna.client.html(`/backoffice?q=${encodeURIComponent("Müller-Lüdenscheidt")}&seite=2`);
    expect(listed(second)).toHaveLength(6);
    expect(new Set([...listed(first), ...listed(second)]).size).toBe(56);
  });

  it("pages through every application with links that keep the search, 50 a page", async () => {
    const first = await anna.client.html("/backoffice");
    const total = Number(/(\d+) Anträge gefunden/.exec(visibleText(first))![1]);
    expect(total).toBeGreaterThanOrEqual(57);
    expect(visibleText(first)).toContain(`Seite 1 von ${Math.ceil(total / 50)}`);
    expect(first).toContain('href="/backoffice?seite=2"');
    expect(first).not.toContain('rel="prev"');
    const filtered = await anna.client.html("/backoffice?q=Lüdenscheidt&standort=erkelenz-wegberg");
    expect(filtered).toContain(`href="/backoffice?q=L%C3%BCdenscheidt&amp;standort=erkelenz-wegberg&amp;seite=2"`);
    const last = await anna.client.html("/backoffice?seite=999");
    expect(visibleText(last)).toContain(`Seite ${Math.ceil(total / 50)} von ${Math.ceil(total / 50)}`);
  });

  it("sorts by Aktenzeichen, Eingang and Antragsdatum both ways; the sorted column says so (aria-sort), each header is a link", async () => {
    const byReference = await anna.client.html("/backoffice?q=L%C3%BCdenscheidt&sortierung=aktenzeichen");
    expect(byReference).toMatch(/<th scope="col" aria-sort="ascending"><a href="[^"]*sortierung=aktenzeichen&amp;richtung=ab"/);
    const references = [...byReference.matchAll(/href="\/backoffice\/antraege\/[0-9a-f-]{36}[^"]*">(A-[0-9A-Z-]+)</g)].map((m) => m[1]);
    expect(references).toHaveLength(50);
    expect(references).toEqual([...references].sort());
    const down = await anna.client.html("/backoffice?q=L%C3%BCdenscheidt&sortierung=aktenzeichen&richtung=ab");
    expect(down).toContain('aria-sort="descending"');
    const referencesDown = [...down.matchAll(/href="\/backoffice\/antraege\/[0-9a-f-]{36}[^"]*">(A-[0-9A-Z-]+)</g)].map((m) => m[1]);
    expect(referencesDown).toEqual([...referencesDown].sort().reverse());

    // Eingang ascending: the oldest copy first; default (descending): the real one, submitted today.
    const oldest = listed(await anna.client.html("/backoffice?q=L%C3%BCdenscheidt&sortierung=eingang&richtung=auf"));
    expect(oldest[0]).toBe(clones[0]);
    expect(listed(await anna.client.html("/backoffice?q=L%C3%BCdenscheidt"))[0]).toBe(mueller.id);
    // The first 16 copies share the earliest Antragsdatum (2026-10-01).
    const byDate = listed(await anna.client.html("/backoffice?q=L%C3%BCdenscheidt&sortierung=antragsdatum&richtung=auf"));
    expect(clones.slice(0, 16)).toContain(byDate[0]);
    expect(byDate.slice(0, 16).sort()).toEqual(clones.slice(0, 16).sort());
  });

  it("opens an application with next and previous in the list's order", async () => {
    const order = listed(await anna.client.html("/backoffice?q=L%C3%BCdenscheidt&sortierung=eingang&richtung=auf"));
    const page = await anna.client.html(`/backoffice/antraege/${order[1]}?q=L%C3%BCdenscheidt&sortierung=eingang&richtung=auf`);
    const link = (rel: string) => [...page.matchAll(/<a [^>]*>/g)].map((m) => m[0]).find((a) => a.includes(`rel="${rel}"`)) ?? "";
    // "Eingang" is the default column: the list's address keeps only the direction.
    expect(link("prev")).toContain(`href="/backoffice/antraege/${order[0]}?q=L%C3%BCdenscheidt&amp;richtung=auf"`);
    expect(link("next")).toContain(`href="/backoffice/antraege/${order[2]}?q=L%C3%BCdenscheidt&amp;richtung=auf"`);
    expect(link("next")).toContain('aria-keyshortcuts="Alt+Shift+N"');
    expect(visibleText(page)).toContain("Antrag 2 von 56 der Liste");
  });
});

describe(`ownership and deadlines (${testDbKind()})`, () => {
  it("assigns to me and to a colleague, audited; 'mine' lists only one's own", async () => {
    const page = `/backoffice/antraege/${becker.id}`;
    const toMe = await anna.client.send(page, { intent: "assign", to: "me" });
    expect(toMe.status).toBe(302);
    expect(toMe.headers.get("location")).toBe(`${page}?gespeichert=zuweisung#zustaendig`);
    expect(visibleText(await anna.client.html(`${page}?gespeichert=zuweisung`))).toContain("Die Zuständigkeit ist gespeichert.");
    expect(listed(await anna.client.html("/backoffice?mein=1"))).toEqual([becker.id]);
    expect(listed(await ben.client.html("/backoffice?mein=1"))).toEqual([]);
    const inbox = visibleText(await ben.client.html(`/backoffice?q=${becker.reference}`));
    expect(inbox).toContain("Anna Leistung");

    // Released ("niemand"), then given to a colleague.
    expect((await anna.client.send(page, { intent: "assign", to: "" })).status).toBe(302);
    expect(listed(await anna.client.html("/backoffice?mein=1"))).toEqual([]);
    expect(visibleText(await anna.client.html(page))).toContain("Noch niemand ist zuständig.");
    const toBen = await anna.client.send(page, { intent: "assign", to: ben.id });
    expect(toBen.status).toBe(302);
    expect(listed(await anna.client.html("/backoffice?mein=1"))).toEqual([]);
    expect(listed(await ben.client.html("/backoffice?mein=1"))).toEqual([becker.id]);

    // Only to someone who may work on applications.
    const toIntegration = await anna.client.send(page, { intent: "assign", to: integration.id });
    expect(toIntegration.status).toBe(400);
    expect(visibleText(await toIntegration.text())).toContain("Wählen Sie eine Person aus der Liste.");

    const audit = auditEntries((await runAdmin(server.env, ["audit", "--json"])).stdout).filter(
      (e) => e.operation.startsWith("application.") && e.operation.includes("assign") && e.recordId === becker.id,
    );
    expect(audit.map((e) => [e.operation, e.actorType, e.actor, e.details.to, e.details.from])).toEqual([
      ["application.assign", "staff", anna.id, anna.id, null],
      ["application.unassign", "staff", anna.id, null, anna.id],
      ["application.assign", "staff", anna.id, ben.id, null],
    ]);
  });

  it("lists requests due within 7 days or overdue and unanswered invitations, all or mine", async () => {
    const due = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(Date.now() + 3 * 86_400_000));
    const requested = await ben.client.send(`/backoffice/antraege/${becker.id}`, { intent: "request", documents: "bank-statements:household", description: "Kontoauszüge Oktober", dueDate: due });
    expect(requested.status).toBe(302);
    expect(requested.headers.get("location")).toBe(`/backoffice/antraege/${becker.id}?gespeichert=anforderung#anforderungen`);
    const later = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(Date.now() + 30 * 86_400_000));
    expect((await ben.client.send(`/backoffice/antraege/${mueller.id}`, { intent: "request", documents: "rent-contract:household", description: "Mietvertrag", dueDate: later })).status).toBe(302);

    // An invitation the person has not answered (Müller's application, nobody assigned).
    const key = await createKey(server, `worklist-invite-${Date.now()}`, ["appointments:write"]);
    const api = new ApiClient(server, key);
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 9 * 86_400_000);
    const slot = await api.post("/api/v1/appointment-slots", {
      standortId: "hueckelhoven-wassenberg",
      type: "antragsabgabe",
      start: start.toISOString(),
      end: new Date(start.getTime() + 1_800_000).toISOString(),
      capacity: 1,
    });
    expect(slot.status).toBe(201);
    const slotId = ((await slot.json()) as { id: string }).id;
    const invited = await api.post("/api/v1/appointment-invitations", { applicationId: mueller.id, slotId });
    expect(invited.status, await invited.clone().text()).toBe(201);

    const all = visibleText(await ben.client.html("/backoffice/fristen"));
    expect(all).toContain(`Angeforderte Unterlage: Kontoauszüge`);
    expect(all).toContain(becker.reference);
    expect(all).toContain("Einladung ohne Antwort: Antrag abgeben");
    expect(all).toContain(mueller.reference);
    expect(all).not.toContain("Mietvertrag"); // due in 30 days
    expect(all).toContain("das Postfach gibt es noch nicht");
    const mine = visibleText(await ben.client.html("/backoffice/fristen?mein=1"));
    expect(mine).toContain(becker.reference);
    expect(mine).not.toContain(mueller.reference);
    expect(visibleText(await anna.client.html("/backoffice/fristen?mein=1"))).toContain("Keine Fristen");

    // Overdue once the day has passed.
    const detach = await attachInProcessDatabase(server.env);
    try {
      const { getDb } = await import("../app/platform/db/db.server");
      await (await getDb()).updateTable("application_document_requests").set({ due_date: "2026-01-05" }).where("application_id", "=", becker.id).execute();
    } finally {
      await detach();
    }
    const overdue = visibleText(await ben.client.html("/backoffice/fristen?mein=1"));
    expect(overdue).toContain("05.01.2026 überfällig");
  });
});

describe(`the application page (${testDbKind()})`, () => {
  it("shows who it is about in the header, the Bankverbindung right after the personal data, and no citizen footer", async () => {
    const html = await anna.client.html(`/backoffice/antraege/${becker.id}`);
    const text = visibleText(html);
    expect(text).toMatch(new RegExp(`Antrag ${becker.reference} ?: Maria Becker`));
    for (const fact of [
      "Geburtsdatum 01.02.1990",
      "Personen im Haushalt 2",
      "Standort Erkelenz/Wegberg",
      "U25 nein (Antragsteller/in)",
      "§ 15a SGB II ja (Antragsteller/in)",
      "Zuständig Ben Leistung",
    ]) {
      expect(text).toContain(fact);
    }
    const answers = text.slice(text.lastIndexOf("Angaben im Antrag"));
    expect(answers.indexOf("IBAN")).toBeGreaterThan(answers.indexOf("Geburtsdatum"));
    expect(answers.indexOf("IBAN")).toBeLessThan(answers.indexOf("Oleksandr"));
    expect(html).not.toContain('href="/ombudsstelle"');
    expect(html).not.toContain('href="/datenschutz"');
  });

  it("announces the shortcuts and turns them off and on with a cookie that holds no personal data", async () => {
    const page = `/backoffice/antraege/${becker.id}`;
    const on = await anna.client.html(page);
    expect(visibleText(on)).toContain("Alt + Umschalt + N: nächster Antrag der Liste");
    expect(on).toContain('aria-keyshortcuts="Alt+Shift+');
    const off = await anna.client.send("/backoffice/tastenkuerzel", { an: "0", zurueck: page }, page);
    expect(off.status).toBe(302);
    expect(off.headers.get("location")).toBe(`${page}#tastenkuerzel`);
    const cookie = off.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^bo_tastenkuerzel=[^;]+; Max-Age=\d+; Path=\/backoffice; HttpOnly; SameSite=Strict/m);
    expect(cookie).not.toContain(anna.id);
    const without = await anna.client.html(page);
    expect(visibleText(without)).toContain("Die Tastenkürzel sind ausgeschaltet.");
    expect(without).not.toContain("aria-keyshortcuts");
    // Only back into the inbox.
    const elsewhere = await anna.client.send("/backoffice/tastenkuerzel", { an: "1", zurueck: "https://example.com/" }, page);
    expect(elsewhere.headers.get("location")).toBe("/backoffice#tastenkuerzel");
    expect(await anna.client.html(page)).toContain("aria-keyshortcuts");
  });
});

describe(`who may do what (${testDbKind()})`, () => {
  it("lets Integration and the Standortleitung search and read but not assign; keeps Leistung out of the case list", async () => {
    for (const reader of [integration, lead]) {
      expect(listed(await reader.client.html("/backoffice?q=Becker"))).toEqual([becker.id]);
      expect((await reader.client.get("/backoffice/fristen")).status).toBe(200);
      const page = await reader.client.html(`/backoffice/antraege/${becker.id}`);
      expect(visibleText(page)).not.toContain("Mir zuweisen");
      const refused = await reader.client.send(`/backoffice/antraege/${becker.id}`, { intent: "assign", to: "me" });
      expect(refused.status).toBe(403);
    }
    expect((await anna.client.get("/backoffice/faelle?q=Becker")).status).toBe(403);
    expect((await lead.client.get("/backoffice/faelle?q=Becker")).status).toBe(403);
  });

  it("shows nothing to applicants or visitors", async () => {
    const { person } = await signedIn(server, smtp, "de");
    for (const path of ["/backoffice?q=Becker", "/backoffice/fristen", `/backoffice/antraege/${becker.id}`]) {
      const response = await person.get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/backoffice\/anmelden/);
    }
    const visitor = new Person(server.url);
    expect((await visitor.get("/backoffice/fristen")).status).toBe(302);
  });
});
