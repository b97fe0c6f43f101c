import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, Person } from "./support/applicant";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { linkIn, startTestSmtp, type TestSmtp } from "./support/smtp";

// Leichte Sprache (issue 12, item 6) as the real server renders it: a person who chose `ls`
// sees every citizen page in Leichte Sprache — the Ombudsstelle, the account pages, the start of
// the Antrag, a form error — never a standard German sentence that ls says differently (that
// would be a fallback to locales/de), as <html lang="de"> (ls is no BCP 47 tag), and on the
// Ombudsstelle page no § citation inside a running sentence. Runs on SQLite and PostgreSQL.

let smtp: TestSmtp;
let server: TestServer;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix = "", out: Flat = new Map()): Flat {
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else out.set(prefix, String(value));
  return out;
}

/** A namespace's texts; a missing file (no Leichte Sprache yet) has none. */
function locale(lng: string, ns: string): Flat {
  const file = new URL(`../locales/${lng}/${ns}.json`, import.meta.url);
  return fs.existsSync(file) ? flatten(JSON.parse(fs.readFileSync(file, "utf8"))) : new Map();
}

const CITIZEN_NAMESPACES = fs
  .readdirSync(new URL("../locales/de", import.meta.url))
  .map((f) => f.replace(/\.json$/, ""))
  .filter((ns) => ns !== "backoffice");

const LS_VALUES = CITIZEN_NAMESPACES.flatMap((ns) => [...locale("ls", ns).values()]);

/**
 * Standard German sentences that Leichte Sprache says differently (long enough to be a sentence,
 * without placeholders, not contained in any ls text). One of them on an ls page = a fallback.
 */
const STANDARD_GERMAN_ONLY: ReadonlyArray<{ key: string; text: string }> = CITIZEN_NAMESPACES.flatMap((ns) => {
  const ls = locale("ls", ns);
  return [...locale("de", ns)]
    .filter(([key, text]) => text.length >= 30 && !text.includes("{{") && ls.get(key) !== text && !LS_VALUES.some((v) => v.includes(text)))
    .map(([key, text]) => ({ key: `${ns}:${key}`, text }));
});

function fallbacks(html: string): string[] {
  const text = visibleText(html);
  return STANDARD_GERMAN_ONLY.filter(({ text: german }) => text.includes(german)).map(({ key, text: german }) => `${key}: ${german}`);
}

/** The sentences of <main>, block by block (a heading or list item ends a sentence). */
function sentencesOfMain(html: string): string[] {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? "";
  return visibleText(main.replace(/<\/(p|li|h[1-6]|dt|dd|td|th|summary|legend|label|strong|a)>/g, "\n</$1>").replace(/<br\s*\/?>/g, "\n"))
    .split(/\n|(?<=[.!?:])\s+(?=\p{Lu})/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Sentences with a § citation that are not a sentence of their own ("Das steht im Gesetz: § 84 SGG."). */
function citationsInRunningText(html: string): string[] {
  return sentencesOfMain(html).filter((s) => s.includes("§") && !/^(Das steht |Gesetze?: )/.test(s));
}

/** A person who chose Leichte Sprache in the switcher (the choice is remembered in a cookie). */
async function lsPerson(): Promise<Person> {
  const person = new Person(server.url, "de-DE,de;q=0.9");
  const home = await person.get("/?lng=ls");
  expect(home.status).toBe(200);
  return person;
}

async function lsPage(person: Person, pathname: string): Promise<string> {
  const response = await person.get(pathname);
  const html = await response.text();
  expect(response.status, `${pathname}: ${visibleText(html).slice(0, 300)}`).toBe(200);
  expect(html, pathname).toContain('<html lang="de" dir="ltr" data-lng="ls"');
  expect(fallbacks(html), `${pathname} shows standard German`).toEqual([]);
  return html;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("Leichte Sprache pages", () => {
  const ls = (ns: string, key: string) => locale("ls", ns).get(key) ?? `(no Leichte Sprache for ${ns}:${key})`;

  it("the check itself finds standard German: a German page has fallbacks, the Ombudsstelle page a § in a running sentence", async () => {
    const german = new Person(server.url, "de-DE");
    const html = await german.html("/ombudsstelle");
    expect(fallbacks(html).length).toBeGreaterThan(5);
    expect(citationsInRunningText(html).length).toBeGreaterThan(0);
  });

  it("Ombudsstelle: Leichte Sprache, § citations only in sentences of their own", async () => {
    const person = await lsPerson();
    const html = await lsPage(person, "/ombudsstelle");
    const text = visibleText(html);
    expect(text).toContain(ls("ombuds", "info.lead"));
    expect(text).toContain("Widerspruch: Sie sind nicht einverstanden mit einem Bescheid vom Jobcenter.");
    expect(text).toContain("Das steht im Gesetz: § 84 SGG.");
    expect(citationsInRunningText(html)).toEqual([]);
    for (const pathname of ["/ombudsstelle/nachricht", "/ombudsstelle/antworten"]) {
      const page = await lsPage(person, pathname);
      expect(citationsInRunningText(page), pathname).toEqual([]);
    }
  });

  it("public pages around the account and the Antrag are in Leichte Sprache", async () => {
    const person = await lsPerson();
    for (const pathname of [
      "/",
      "/registrieren",
      "/registrieren?status=gesendet",
      "/anmelden",
      "/passwort-vergessen",
      "/passwort-neu?token=ungueltig",
      "/standorte",
      "/standort-finden",
      "/datenschutz",
      "/barrierefreiheit",
      "/glossar",
      "/vorabcheck",
      "/vorabcheck/bereits-im-bezug",
      "/vorabcheck/andere-stelle",
    ]) {
      await lsPage(person, pathname);
    }
    expect(visibleText(await lsPage(person, "/registrieren"))).toContain(ls("account", "signUp.intro"));
  });

  it("sign-up, account pages, Antrag start, a form error: all in Leichte Sprache, and nothing entered is lost", async () => {
    const person = await lsPerson();
    const email = `leicht.${Date.now().toString(36)}@beispiel.example`;
    const password = `Tulpe Kanu Nebel ${Math.random().toString(36).slice(2, 8)}`;
    expect((await person.send("/registrieren", { email, password })).status).toBe(302);
    const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
    expect(mail.text).toContain("Grund·sicherungs·geld");
    expect(mail.text).toContain("Früher hieß es: Bürger·geld.");
    const link = new URL(linkIn(mail, "/email-bestaetigen"));
    const confirmed = await person.get(link.pathname + link.search);
    if (confirmed.status === 302) await lsPage(person, confirmed.headers.get("location")!);
    else expect(confirmed.status).toBe(200);
    expect((await person.send("/anmelden", { email, password })).status).toBe(302);

    const konto = await lsPage(person, "/konto");
    expect(visibleText(konto)).toContain(ls("account", "overview.actionsHeading"));
    for (const pathname of [
      "/konto/passwort",
      "/konto/loeschen",
      "/konto/abmelden-ueberall",
      "/termine",
      "/termine/buchen",
      "/termine/buchen/standort?anliegen=antragsabgabe",
      "/mein-fall/verknuepfen",
    ]) {
      await lsPage(person, pathname);
    }

    const start = visibleText(await lsPage(person, "/antrag"));
    expect(start).toContain(ls("application", "start.intro"));
    expect(start).toContain("Früher hieß es: Bürger·geld.");

    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await lsPage(person, `/antrag/${id}/gesichert`);
    await lsPage(person, `/antrag/${id}`);
    await lsPage(person, `/antrag/${id}/person`);
    await lsPage(person, `/antrag/${id}/wohnung`);

    const refused = await person.send(`/antrag/${id}/person`, {
      firstName: "Amal",
      lastName: "Haddad",
      birthDate: "15.03.1990",
      nationality: "syrisch",
      street: "Hauptstraße 12",
      postalCode: "418",
      municipality: "Wegberg",
      phone: "",
      priorBenefits: "no",
    });
    const html = await refused.text();
    expect(refused.status).toBe(400);
    expect(html).toContain('<html lang="de" dir="ltr" data-lng="ls"');
    expect(visibleText(html)).toContain(ls("application", "errors.postalCode"));
    expect(html).toContain('value="Hauptstraße 12"');
    expect(fallbacks(html)).toEqual([]);
  });
});
