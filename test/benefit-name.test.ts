import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatEuro } from "../app/lib/format";
import { signedIn as signedInAs } from "./support/applicant";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Since 2026-07-01 the benefit is "Grundsicherungsgeld" (decision 032): the start page, the
// pre-check and the Antrag say so today in every language, and the start page and the pre-check
// intro say it was formerly "Bürgergeld" (the word people still search for).

const LANGUAGES = ["de", "ls", "en", "ar", "fa", "tr", "ru", "uk", "pl", "ro"] as const;

let server: TestServer;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

/** Visible text with the Leichte-Sprache Mediopunkt removed ("Grund·sicherungs·geld"). */
const plain = (html: string) => visibleText(html).replace(/·/g, "");
const lang = (html: string) => /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];

describe("the benefit's name today: Grundsicherungsgeld, formerly Bürgergeld", () => {
  it.each(LANGUAGES)("%s: start page and pre-check", async (language) => {
    const client = new Browserish(server.url, language);
    const home = await client.get(`/?lng=${language}`);
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(lang(homeHtml)).toBe(language === "ls" ? "de" : language);
    expect(plain(homeHtml)).toContain("Grundsicherungsgeld");
    expect(plain(homeHtml)).toContain("Bürgergeld"); // "formerly Bürgergeld", translated
    const precheck = await client.html("/vorabcheck");
    expect(plain(precheck)).toContain("Grundsicherungsgeld");
    expect(plain(precheck)).toContain("Bürgergeld");
    expect(/<title>([^<]*)<\/title>/.exec(precheck)?.[1]).toBeDefined();
  });

  it.each(LANGUAGES)("%s: the Antrag", { timeout: 30_000 }, async (language) => {
    const { person } = await signedInAs(server, smtp, language);
    const antrag = await person.get("/antrag");
    expect(antrag.status).toBe(200);
    const text = plain(await antrag.text());
    expect(text).toContain("Grundsicherungsgeld");
    expect(text).not.toContain("Bürgergeld");
  });

  // Inside the Antrag the German legal term stands beside the translation (decision 032, issue 12
  // item 5): the start page, the task list and its caption in tr, ru, uk, pl and ro.
  const BESIDE = {
    tr: "temel güvence parası (Grundsicherungsgeld)",
    ru: "базовое пособие (Grundsicherungsgeld)",
    uk: "базову допомогу (Grundsicherungsgeld)",
    pl: "zasiłek podstawowy (Grundsicherungsgeld)",
    ro: "de bază (Grundsicherungsgeld)",
  } as const;
  it.each(Object.keys(BESIDE) as Array<keyof typeof BESIDE>)("%s: the Antrag names the benefit translated, with Grundsicherungsgeld beside it", { timeout: 30_000 }, async (language) => {
    const { person } = await signedInAs(server, smtp, language);
    const start = plain(await (await person.get("/antrag")).text()).toLowerCase();
    expect(start).toContain(BESIDE[language].toLowerCase());
    const started = await person.send("/antrag", {});
    const id = /^\/antrag\/([0-9a-f-]{36})\/gesichert$/.exec(started.headers.get("location") ?? "")?.[1];
    expect(id).toBeTruthy();
    const tasks = plain(await (await person.get(`/antrag/${id}`)).text()).toLowerCase();
    expect(tasks).toContain(BESIDE[language].toLowerCase());
    // Never the bare German name for today's benefit: every "Grundsicherungsgeld" is in brackets
    // beside the translation or in "Grundsicherungsgeld/Bürgergeld" (past receipt).
    expect(tasks.replace(/\(grundsicherungsgeld\)|grundsicherungsgeld\/bürgergeld/g, "")).not.toContain("grundsicherungsgeld");
  });
});

/** Posts a pre-check page like a browser without JavaScript; returns where it redirects. */
async function step(client: Browserish, path: string, fields: Record<string, string>): Promise<string> {
  const response = await client.post(path, fields);
  expect(response.status, path).toBe(302);
  return response.headers.get("location")!;
}

describe("the pre-check result explains the Neue Grundsicherung's asset rule in every language", () => {
  it.each(LANGUAGES)("%s: a single 30-year-old with 12,000 € sees the age band of 10,000 €", async (language) => {
    const client = new Browserish(server.url, language);
    await client.get(`/?lng=${language}`);
    expect(await step(client, "/vorabcheck?index", { concern: "first-application" })).toBe("/vorabcheck/person/neu");
    await step(client, "/vorabcheck/person/neu", { age: "30" });
    await step(client, "/vorabcheck/person/p1/lage", { work: "able", pregnant: "no", residence: "german", education: "none" });
    await step(client, "/vorabcheck/person/p1/einkommen", {});
    await step(client, "/vorabcheck/haushalt", { intent: "continue" });
    await step(client, "/vorabcheck/wohnung", { grossColdRent: "400", heating: "70", hotWater: "central" });
    expect(await step(client, "/vorabcheck/vermoegen", { assets: "12000", longReceipt: "no" })).toBe("/vorabcheck/pruefen");
    const result = plain(await client.html("/vorabcheck/ergebnis"));
    const locale = JSON.parse(fs.readFileSync(`locales/${language}/eligibility.json`, "utf8")) as { explanation: Record<string, string>; result: { outcome: Record<string, { title: string }> } };
    const band = locale.explanation["assets-age-band"].replace("{{age}}", "30").replace("{{fromAge}}", "20").replace(/·/g, "");
    expect(result).toContain(band);
    expect(result).toContain(locale.result.outcome["likely-not-eligible"].title.replace(/·/g, ""));
    expect(result).toContain(plain(formatEuro(language, 10_000)));
  });
});
