import crypto from "node:crypto";
import fs from "node:fs";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";
import { linkIn, startTestSmtp, type TestSmtp } from "./support/smtp";

// Issue 12, items 11 and 12: the Standort's contact data on pages, in mails and in the .ics
// LOCATION — what the Träger configuration has, nothing invented; bus lines from 2010 only with
// their date; the interpreter language preselected from the page language. Real server, real
// SMTP, demo slots (DEMO_DATA=1). Runs on SQLite and, with TEST_DB_KIND=postgres, on PostgreSQL.

const de = JSON.parse(fs.readFileSync(new URL("../locales/de/standorte.json", import.meta.url), "utf8")) as Record<string, string>;

let smtp: TestSmtp;
let heinsberg: TestServer;
let siegen: TestServer;

function markup(html: string): string {
  const end = html.indexOf("<script");
  return end === -1 ? html : html.slice(0, end);
}

async function account(server: TestServer, language: string): Promise<{ person: Browserish; email: string }> {
  const person = new Browserish(server.url, language);
  const email = `kontakt.${crypto.randomBytes(4).toString("hex")}@beispiel.example`;
  const password = `Tulpe Kanu Nebel ${crypto.randomBytes(3).toString("hex")}`;
  expect((await person.post("/registrieren", { email, password })).status).toBe(302);
  const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
  const link = new URL(linkIn(mail, "/email-bestaetigen"));
  await person.get(link.pathname + link.search);
  expect((await person.post("/anmelden", { email, password })).status).toBe(302);
  return { person, email };
}

/** Holds the first free demo slot of a Standort; returns the confirmation page's path. */
async function hold(person: Browserish, standort: string): Promise<string> {
  const path = `/termine/buchen/zeit?anliegen=antragsabgabe&standort=${standort}`;
  const list = await person.html(path);
  const slotId = /name="slotId"[^>]*value="([0-9a-f-]{36})"/.exec(list)?.[1] ?? /value="([0-9a-f-]{36})"[^>]*name="slotId"/.exec(list)?.[1];
  expect(slotId, "a free demo slot").toBeTruthy();
  const held = await person.post(path, { slotId: slotId! });
  expect(held.status).toBe(302);
  return held.headers.get("location")!;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  [heinsberg, siegen] = await Promise.all([
    startTestServer({ SMTP_URL: smtp.url, TRAEGER: "heinsberg", APPOINTMENT_HOLDS_PER_HOUR: "1000" }),
    startTestServer({ SMTP_URL: smtp.url, TRAEGER: "siegen-wittgenstein", APPOINTMENT_HOLDS_PER_HOUR: "1000" }),
  ]);
}, 60_000);

afterAll(async () => {
  await heinsberg?.stop();
  await siegen?.stop();
  await smtp?.stop();
});

describe("Standort pages show the configured contact data and invent nothing", () => {
  it("Kreis Heinsberg: the Standort's phone number from the Jobcenter's page, with its source and date", async () => {
    const html = markup(await (await fetch(`${heinsberg.url}/standorte/heinsberg-westgemeinden`)).text());
    const text = visibleText(html);
    expect(html).toContain('href="tel:0245297620"');
    expect(text).toContain("02452/9762-0");
    expect(text).toContain("jobcenter-kreis-heinsberg.de");
    // No address, no opening hours were confirmed: no heading, no invented values.
    expect(text).not.toContain(de.openingHours);
  });

  it("Kreis Siegen-Wittgenstein: the address the configuration has; no phone and no opening hours invented; how to reach a person", async () => {
    const html = markup(await (await fetch(`${siegen.url}/standorte/siegen-weidenauer-strasse`)).text());
    const text = visibleText(html);
    expect(text).toContain("Rathaus, Weidenauer Straße, Siegen");
    expect(html).not.toContain('href="tel:');
    expect(text).not.toContain(de.openingHours);
    expect(html).not.toContain(`<dt>${de.phone}</dt>`);
    expect(text).toContain(de.noPhoneConfigured);
  });

  it("bus lines from 2010 carry their date on the Standort page", async () => {
    const text = visibleText(markup(await (await fetch(`${heinsberg.url}/standorte/heinsberg-westgemeinden`)).text()));
    expect(text).toContain("475");
    expect(text).toContain("2010");
  });
});

describe("booking: the mail and the calendar file carry the Standort's contact data", () => {
  it("Heinsberg: the confirmation mail names the Standort's phone, and the bus lines only with their date", { timeout: 60_000 }, async () => {
    const { person, email } = await account(heinsberg, "de");
    const confirm = await hold(person, "heinsberg-westgemeinden");
    const booked = await person.post(confirm, { intent: "book", interpreter: "no" });
    expect(booked.status).toBe(302);
    const mail = await smtp.waitFor(email, (m) => m.raw.includes("text/calendar"));
    expect(mail.text).toContain("02452/9762-0");
    const travel = mail.text.split("\n").find((line) => line.includes("475"));
    expect(travel, "the bus lines line").toBeTruthy();
    expect(travel).toContain("2010");
    // The appointment's own page shows how to reach a person.
    const id = booked.headers.get("location")!.split("?")[0].split("/").pop()!;
    const page = visibleText(markup(await person.html(`/termine/${id}`)));
    expect(page).toContain("02452/9762-0");
  });

  it("Siegen: the .ics LOCATION (in the mail and downloaded) contains the Standort's address", { timeout: 60_000 }, async () => {
    const { person, email } = await account(siegen, "de");
    const confirm = await hold(person, "siegen-weidenauer-strasse");
    const booked = await person.post(confirm, { intent: "book", interpreter: "no" });
    expect(booked.status).toBe(302);
    const id = booked.headers.get("location")!.split("?")[0].split("/").pop()!;
    const ics = await (await person.get(`/termine/${id}/kalender.ics`)).text();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
    expect(event.location).toContain("Rathaus, Weidenauer Straße, Siegen");
    const mail = await smtp.waitFor(email, (m) => m.raw.includes("text/calendar"));
    expect(mail.text).toContain("Rathaus, Weidenauer Straße, Siegen");
  });
});

describe("the interpreter language follows the page language", () => {
  const selectedOption = (html: string) => {
    const select = /<select[^>]*name="interpreterLanguage"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
    return /<option[^>]*value="([^"]*)"[^>]*selected/.exec(select)?.[1] ?? /<option[^>]*selected[^>]*value="([^"]*)"/.exec(select)?.[1] ?? null;
  };

  it("Arabic page: Arabic preselected", { timeout: 60_000 }, async () => {
    const { person } = await account(heinsberg, "ar");
    const confirm = await hold(person, "hueckelhoven-wassenberg");
    const html = markup(await person.html(confirm));
    expect(html).toContain('lang="ar"');
    expect(selectedOption(html)).toBe("ar");
  });

  it("German page: no language preselected", { timeout: 60_000 }, async () => {
    const { person } = await account(heinsberg, "de");
    const confirm = await hold(person, "erkelenz-wegberg");
    const html = markup(await person.html(confirm));
    expect(selectedOption(html) ?? "").toBe("");
  });
});
