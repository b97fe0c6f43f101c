import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mondayOf } from "../app/domain/appointments/series";
import { addDays } from "../app/domain/appointments/time";
import { base32Decode, hotp, totpCounter } from "../app/domain/staff/totp";
import { applicationIdFrom, fillAll, Person, signedIn } from "./support/applicant";
import { runAdmin } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Appointments in the back office (issue 19, items 10–13) against the real server, on SQLite and
// PostgreSQL: the day view first (name, references, what for, interpreter), attendance recorded
// once and corrected with a reason (audited; the mails follow the record, once each), slots on
// their own page (series, copied week, public holidays and closed days confirmed explicitly), the
// Träger's minimum lead time for booking and the rebooking window of the "missed" mail.

let smtp: TestSmtp;
let server: TestServer;
const STANDORT = "hueckelhoven-wassenberg";
const ZEITEN = `/backoffice/termine/zeiten?standort=${STANDORT}`;
const ZEITEN_ERKELENZ = "/backoffice/termine/zeiten?standort=erkelenz-wegberg";

let staffCounter = 0;
async function signInStaff(roles: string, name = `Frau Leitung ${++staffCounter}`): Promise<Person> {
  const email = `leitung.${staffCounter}.${Date.now().toString(36)}@jobcenter.example`;
  const result = await runAdmin(server.env, ["create-staff", "--email", email, "--name", name, "--roles", roles]);
  expect(result.code, result.stderr).toBe(0);
  const password = /^Password: (\S+)$/m.exec(result.stdout)![1];
  const secret = base32Decode(/^TOTP secret: ([A-Z2-7]+)$/m.exec(result.stdout)![1])!;
  const client = new Person(server.url);
  const response = await client.send("/backoffice/anmelden", { email, password, code: hotp(secret, totpCounter(Date.now())) });
  expect(response.status).toBe(302);
  return client;
}

/** A Berlin date n days ahead as TT.MM.JJJJ and as YYYY-MM-DD. */
function daysAhead(n: number): { german: string; iso: string } {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + n * 86_400_000));
  const [y, m, d] = iso.split("-");
  return { german: `${d}.${m}.${y}`, iso };
}

function slotIdAt(html: string, time: string): string {
  const row = html.split("<tr>").find((r) => r.includes(`${time}–`));
  expect(row, `a slot at ${time}`).toBeDefined();
  return /name="slotId" value="([0-9a-f-]{36})"/.exec(row!)![1];
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof import("../app/platform/db/db.server").getDb>>) => Promise<T>): Promise<T> {
  const detach = await attachInProcessDatabase(server.env);
  try {
    const { getDb } = await import("../app/platform/db/db.server");
    return await fn(await getDb());
  } finally {
    await detach();
  }
}

async function auditEntries(): Promise<Array<{ operation: string; recordId?: string; details?: Record<string, unknown> }>> {
  const result = await runAdmin(server.env, ["audit", "--json"]);
  return result.stdout
    .split("\n")
    .filter((l) => l.trim().startsWith("{"))
    .map((l) => JSON.parse(l) as { operation: string; recordId?: string; details?: Record<string, unknown> });
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("appointments in the back office (role Standortleitung)", () => {
  it("is only for the Standortleitung", async () => {
    const clerk = await signInStaff("leistung");
    expect((await clerk.get("/backoffice/termine")).status).toBe(403);
    expect((await clerk.get(ZEITEN)).status).toBe(403);
    expect(visibleText(await clerk.html("/backoffice"))).not.toContain("Termine");
  });

  it("manages single slots on their own page; refuses a duplicate and a time in the past; deletes an unbooked slot", async () => {
    const lead = await signInStaff("standortleitung");
    const day = daysAhead(5);
    const week = `${ZEITEN}&woche=${day.iso}`;
    const add = (fields: Record<string, string>) =>
      lead.send(week, { standort: STANDORT, woche: day.iso, intent: "add", type: "beratung", date: day.german, time: "07:05", duration: "", capacity: "2", ...fields });
    const added = await add({});
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toMatch(/^\/backoffice\/termine\/zeiten\?standort=hueckelhoven-wassenberg&woche=\d{4}-\d{2}-\d{2}&hinweis=angelegt&anzahl=1$/);
    const page = await lead.html(week);
    expect(visibleText(page)).toContain("07:05–07:25");

    const duplicate = await add({});
    expect(duplicate.status).toBe(409);
    const duplicateHtml = await duplicate.text();
    expect(visibleText(duplicateHtml)).toContain("schon eine Zeit mit diesem Beginn");
    expect(duplicateHtml).toContain(`value="${day.german}"`);
    const past = await add({ date: daysAhead(-2).german });
    expect(past.status).toBe(400);
    expect(visibleText(await past.text())).toContain("in der Vergangenheit");
    const wrong = visibleText(await (await add({ date: "31.02.2027", time: "25:00", capacity: "0" })).text());
    for (const message of ["Geben Sie ein Datum wie 14.12.2026 ein.", "Geben Sie eine Uhrzeit wie 09:30 ein.", "Geben Sie eine Zahl zwischen 1 und 50 ein."]) expect(wrong).toContain(message);

    const { person } = await signedIn(server, smtp, "de");
    expect(visibleText(await person.html(`/termine/buchen/zeit?anliegen=beratung&standort=${STANDORT}&ab=${day.iso}`))).toContain("07:05");

    const deleted = await lead.send(week, { standort: STANDORT, woche: day.iso, intent: "delete", slotId: slotIdAt(page, "07:05") });
    expect(deleted.status).toBe(302);
    expect(visibleText(await lead.html(week))).not.toContain("07:05–");
    const audit = await auditEntries();
    expect(audit.some((e) => e.operation === "appointment-slot.create")).toBe(true);
    expect(audit.some((e) => e.operation === "appointment-slot.delete")).toBe(true);
  });

  it("warns on a public holiday (25 December) and puts the slot there only on explicit confirmation", async () => {
    const lead = await signInStaff("standortleitung");
    const year = Number(daysAhead(0).iso.slice(0, 4)) + 1;
    const fields = { standort: STANDORT, intent: "add", type: "beratung", date: `25.12.${year}`, time: "09:00", duration: "", capacity: "1" };
    const asked = await lead.send(ZEITEN, fields);
    expect(asked.status).toBe(409);
    const text = visibleText(await asked.text());
    expect(text).toContain(`25. Dezember ${year}: 1. Weihnachtstag (gesetzlicher Feiertag)`);
    expect(text).toContain("Bestätigen Sie, dass der Standort an den genannten Tagen geöffnet ist");
    const week = `${ZEITEN}&woche=${year}-12-25`;
    expect(visibleText(await lead.html(week))).not.toContain("09:00–");
    const confirmed = await lead.send(ZEITEN, { ...fields, confirm: "1" });
    expect(confirmed.status).toBe(302);
    expect(visibleText(await lead.html(week))).toContain("09:00–09:20");
  });

  it("adds a series (weekdays × times in a date range) and copies a week, each with the holidays confirmed", async () => {
    const lead = await signInStaff("standortleitung");
    // Another Standort than the other tests, so that the copied week holds only this series.
    const year = Number(daysAhead(0).iso.slice(0, 4)) + 1;
    // The week (Monday to Sunday) of Christmas next year; German dates of its first and last day.
    const monday = mondayOf(`${year}-12-25`);
    const german = (iso: string) => iso.split("-").reverse().join(".");
    const series = {
      standort: "erkelenz-wegberg",
      intent: "series",
      seriesType: "beratung",
      seriesFrom: german(monday),
      seriesTo: german(addDays(monday, 6)),
      seriesWeekdays: "1,2,3,4,5,6,7",
      seriesTimes: "07:10, 7:40",
      seriesDuration: "15",
      seriesCapacity: "3",
    };
    const asked = await lead.send(ZEITEN_ERKELENZ, series);
    expect(asked.status).toBe(409);
    const askedText = visibleText(await asked.text());
    expect(askedText).toContain(`25. Dezember ${year}: 1. Weihnachtstag`);
    if (monday !== `${year}-12-19`) expect(askedText).toContain(`26. Dezember ${year}: 2. Weihnachtstag`);
    const sourceWeek = `${ZEITEN_ERKELENZ}&woche=${monday}`;
    expect(visibleText(await lead.html(sourceWeek))).not.toContain("07:10–");
    const made = await lead.send(ZEITEN_ERKELENZ, { ...series, seriesConfirm: "1" });
    expect(made.status).toBe(302);
    expect(made.headers.get("location")).toContain("anzahl=14");
    const source = visibleText(await lead.html(sourceWeek));
    expect(source.match(/07:10–07:25/g)).toHaveLength(7);
    expect(source.match(/07:40–07:55/g)).toHaveLength(7);
    // The same series again changes nothing (existing times stay).
    const again = await lead.send(ZEITEN_ERKELENZ, { ...series, seriesConfirm: "1" });
    expect(again.headers.get("location")).toContain("anzahl=0");
    const invalid = await lead.send(ZEITEN_ERKELENZ, { ...series, seriesWeekdays: "", seriesTimes: "9 Uhr", seriesTo: `20.12.${year}` });
    expect(invalid.status).toBe(400);
    const invalidText = visibleText(await invalid.text());
    expect(invalidText).toContain("Wählen Sie mindestens einen Wochentag.");
    expect(invalidText).toContain("Geben Sie eine oder mehrere Uhrzeiten wie 09:00, 09:30 ein.");

    // Copy the week into the next one, which holds Neujahr.
    const copy = { standort: "erkelenz-wegberg", intent: "copy", copyFrom: `25.12.${year}`, copyTo: german(addDays(monday, 7)) };
    const copyAsked = await lead.send(ZEITEN_ERKELENZ, copy);
    expect(copyAsked.status).toBe(409);
    expect(visibleText(await copyAsked.text())).toContain(`1. Januar ${year + 1}: Neujahr`);
    const copied = await lead.send(ZEITEN_ERKELENZ, { ...copy, copyConfirm: "1" });
    expect(copied.status).toBe(302);
    expect(copied.headers.get("location")).toContain("anzahl=14");
    const target = visibleText(await lead.html(`${ZEITEN_ERKELENZ}&woche=${addDays(monday, 7)}`));
    expect(target.match(/07:10–07:25/g)).toHaveLength(7);
    expect((await lead.send(ZEITEN_ERKELENZ, { ...copy, copyTo: german(addDays(monday, 3)) })).status).toBe(400); // the same week
    const audit = await auditEntries();
    expect(audit.some((e) => e.operation === "appointment-slot.create-series")).toBe(true);
    expect(audit.some((e) => e.operation === "appointment-slot.copy-week")).toBe(true);
  });

  it("offers no time inside the Träger's minimum lead time and refuses to hold one", async () => {
    const lead = await signInStaff("standortleitung");
    // A slot 40 minutes from now (the lead time is 120 minutes), and one 3 hours from now.
    const at = (minutes: number) => {
      const start = new Date(Math.ceil((Date.now() + minutes * 60_000) / 300_000) * 300_000);
      const parts = new Intl.DateTimeFormat("de-DE", {
        timeZone: "Europe/Berlin",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).formatToParts(start);
      const get = (type: string) => parts.find((p) => p.type === type)!.value;
      return { date: `${get("day")}.${get("month")}.${get("year")}`, iso: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
    };
    const soon = at(40);
    const later = at(180);
    for (const slot of [soon, later]) {
      const response = await lead.send(ZEITEN, { standort: STANDORT, intent: "add", type: "folgegespraech", date: slot.date, time: slot.time, duration: "10", capacity: "1", confirm: "1" });
      expect(response.status, visibleText(await response.clone().text())).toBe(302);
    }
    const soonId = await withDb(async (db) => {
      const { fromBerlin } = await import("../app/domain/appointments/time");
      const row = await db
        .selectFrom("appointment_slots")
        .select("id")
        .where("standort_id", "=", STANDORT)
        .where("type", "=", "folgegespraech")
        .where("starts_at", "=", fromBerlin(soon.iso, soon.time).toISOString())
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const { person } = await signedIn(server, smtp, "de");
    const list = visibleText(await person.html(`/termine/buchen/zeit?anliegen=folgegespraech&standort=${STANDORT}&ab=${soon.iso}`));
    expect(list).not.toContain(soon.time);
    if (later.iso === soon.iso) expect(list).toContain(later.time);
    const hold = await person.send(`/termine/buchen/zeit?anliegen=folgegespraech&standort=${STANDORT}&ab=${soon.iso}`, { slotId: soonId });
    expect(hold.status).toBe(400);
  });

  it("shows the day with name, references, what for and the interpreter; attendance locks; a correction with a reason is audited and the mails follow it, once", async () => {
    const lead = await signInStaff("standortleitung", "Frau Korrekt");
    const day = daysAhead(6);
    expect((await lead.send(ZEITEN, { standort: STANDORT, intent: "add", type: "beratung", date: day.german, time: "07:15", duration: "", capacity: "1", confirm: "1" })).status).toBe(302);
    const slotId = slotIdAt(await lead.html(`${ZEITEN}&woche=${day.iso}`), "07:15");

    // A person with a submitted application books it, with an interpreter.
    const { person, email } = await signedIn(server, smtp, "de");
    const applicationId = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, applicationId);
    expect((await person.send(`/antrag/${applicationId}/pruefen`, { declaration: "1" })).status).toBe(302);
    const reference = await withDb(async (db) => (await db.selectFrom("applications").select("reference").where("id", "=", applicationId).executeTakeFirstOrThrow()).reference);
    const hold = await person.send(`/termine/buchen/zeit?anliegen=beratung&standort=${STANDORT}&ab=${day.iso}`, { slotId });
    expect(hold.status).toBe(302);
    const appointmentId = /\/termine\/buchen\/bestaetigen\/([0-9a-f-]{36})/.exec(hold.headers.get("location")!)![1];
    expect((await person.send(hold.headers.get("location")!, { intent: "book", channel: "in-person", interpreter: "yes", interpreterLanguage: "ar" })).status).toBe(302);
    await smtp.waitFor(email, (m) => m.subject.includes("Ihr Termin am"));

    // The day view opens at the staff member's own Standort (remembered from the slot page).
    const dayView = await lead.html(`/backoffice/termine?tag=${day.german}`);
    const row = dayView.split("<tr>").find((r) => r.includes("07:15–"))!;
    expect(row).toBeDefined();
    const rowText = visibleText(row);
    expect(rowText).toContain("مريم حداد");
    expect(rowText).toMatch(/Termin T-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    expect(rowText).toContain(`Letzter Antrag: ${reference}`);
    expect(rowText).toContain("Beratung");
    expect(rowText).toContain("العربية");
    expect(rowText).toContain("Noch nicht begonnen");
    expect(visibleText(dayView)).toContain("Hückelhoven/Wassenberg");
    // The day comes before any slot management (no slot table on this page).
    expect(dayView).not.toContain('name="slotId"');

    // The appointment took place.
    const past = new Date(Date.now() - 10 * 60_000);
    await withDb(async (db) => {
      await db
        .updateTable("appointments")
        .set({ starts_at: past.toISOString(), ends_at: new Date(past.getTime() + 1_800_000).toISOString() })
        .where("id", "=", appointmentId)
        .execute();
    });
    const today = daysAhead(-10 / 1440); // the German day the appointment started on
    const todayView = `/backoffice/termine?standort=${STANDORT}&tag=${today.german}`;
    const mark = (intent: string) => lead.send(todayView, { standort: STANDORT, tag: today.iso, appointmentId, intent });
    expect((await mark("attended")).status).toBe(302);
    expect((await mark("attended")).status).toBe(302); // a double submit changes nothing
    // Locked: one more click on "Nicht erschienen" does not flip it.
    const flip = await mark("missed");
    expect(flip.status).toBe(409);
    expect(visibleText(await flip.text())).toContain("Ändern lässt es sich nur mit „Korrigieren“ und einem Grund.");
    const after = await lead.html(todayView);
    const afterRow = after.split("<tr>").find((r) => r.includes(appointmentId))!;
    expect(visibleText(afterRow)).toContain("Erschienen");
    expect(afterRow).not.toContain('value="missed"');
    expect(afterRow).toContain(`/backoffice/termine/${appointmentId}/korrigieren`);

    // Correct with a reason: the reason is required, then the record and the mail agree.
    const correct = `/backoffice/termine/${appointmentId}/korrigieren`;
    const form = visibleText(await lead.html(correct));
    expect(form).toContain("Wird geändert in Nicht erschienen");
    expect(form).toContain("nicht den Grund der Korrektur");
    const short = await lead.send(correct, { from: "attended", reason: "falsch" });
    expect(short.status).toBe(400);
    expect(visibleText(await short.text())).toContain("Beschreiben Sie den Grund mit mindestens 10 Zeichen.");
    const reason = "Verwechselt mit Frau K., die Person war nicht da";
    const corrected = await lead.send(correct, { from: "attended", reason });
    expect(corrected.status).toBe(302);
    expect(corrected.headers.get("location")).toBe(`/backoffice/termine?standort=${STANDORT}&tag=${today.iso}&hinweis=korrigiert`);
    // The same submit again (double click, or the back button) writes nothing and sends nothing.
    expect((await lead.send(correct, { from: "attended", reason })).status).toBe(302);

    const missed = await smtp.waitFor(email, (m) => m.subject.includes("verpasst"));
    const until = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(new Date(`${daysAhead(14).iso}T12:00:00Z`));
    expect(missed.text).toContain(`Bitte buchen Sie bis ${until} einen neuen Termin.`);
    expect(missed.text).toContain("https://portal.example/termine/buchen");
    expect(missed.text).not.toContain("Umbuchen oder absagen können Sie bis");
    expect(missed.text).not.toContain("Verwechselt");
    expect(missed.text).not.toContain("مريم");
    const recorded = visibleText((await lead.html(todayView)).split("<tr>").find((r) => r.includes(appointmentId))!);
    expect(recorded).toContain("Nicht erschienen");
    expect(recorded).toContain("von Frau Korrekt (Erschienen → Nicht erschienen)");
    expect(recorded).toContain(reason);

    // And back: the person was there after all. The "missed" mail is followed by a correction notice.
    const back = await lead.send(correct, { from: "missed", reason: "Doch erschienen, Empfang hat sie um 9:05 gesehen" });
    expect(back.status).toBe(302);
    const notice = await smtp.waitFor(email, (m) => m.subject.includes("Korrektur"));
    expect(notice.text).toContain("Das war ein Fehler: Sie waren bei Ihrem Termin.");
    expect(notice.text).not.toContain("Empfang");
    expect(visibleText((await lead.html(todayView)).split("<tr>").find((r) => r.includes(appointmentId))!)).toMatch(/Erschienen \(erfasst um/);

    await new Promise((resolve) => setTimeout(resolve, 1500)); // let any duplicate arrive
    const mails = smtp.to(email);
    expect(mails.filter((m) => m.subject.includes("verpasst"))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.includes("Korrektur"))).toHaveLength(1);

    const corrections = await withDb((db) => db.selectFrom("appointment_outcome_corrections").selectAll().where("appointment_id", "=", appointmentId).execute());
    expect(corrections.map((c) => `${c.from_outcome}→${c.to_outcome}`)).toEqual(["attended→missed", "missed→attended"]);
    expect(corrections[0].reason_sealed).not.toContain("Verwechselt"); // sealed at rest
    const audit = (await auditEntries()).filter((e) => e.recordId === appointmentId);
    expect(audit.filter((e) => e.operation === "appointment.outcome")).toHaveLength(1);
    expect(audit.filter((e) => e.operation === "appointment.outcome-correct").map((e) => `${e.details?.from}→${e.details?.to}`)).toEqual(["attended→missed", "missed→attended"]);
    expect(JSON.stringify(audit)).not.toContain("Verwechselt");
  });
});
