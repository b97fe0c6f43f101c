import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, startTestServer, type TestServer } from "./support/server";
import { linkIn, startTestSmtp, type ReceivedMail, type TestSmtp } from "./support/smtp";

// Accounts and sessions (issue "Foundation", § 5) against the real server, sending its mails
// through a real SMTP server. Every person comes from their own IP address (X-Forwarded-For
// from the loopback proxy is trusted), so the per-IP rate limits only bite where a test wants them.
let smtp: TestSmtp;
let server: TestServer;

/** Every address and password used here: none of them may ever appear in the server's log. */
const secrets: string[] = [];

let ipCounter = 0;
function nextIp(): string {
  ipCounter += 1;
  return `10.20.${Math.floor(ipCounter / 200)}.${(ipCounter % 200) + 1}`;
}

let emailCounter = 0;
function newEmail(label: string): string {
  emailCounter += 1;
  const email = `${label}.${emailCounter}.${Date.now().toString(36)}@beispiel.example`;
  secrets.push(email);
  return email;
}

function newPassword(): string {
  const password = `Tulpe Kanu Nebel ${Math.random().toString(36).slice(2, 8)}`;
  secrets.push(password);
  return password;
}

/**
 * The rendered page without its scripts. The page's translations travel in its JSON, so a check
 * for a message in the raw HTML would always pass: text checks look only at the markup.
 */
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

  /** The rendered markup of a page (see markup()). */
  async page(pathname: string): Promise<string> {
    return markup(await this.html(pathname));
  }

  /** The form's token, or the root's one (never the translated "csrf" error text in the JSON). */
  override async csrf(pathname = "/"): Promise<string> {
    const html = await this.html(pathname);
    const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /"csrf":"([A-Za-z0-9_-]{32,})"/.exec(html);
    if (!match) throw new Error(`no CSRF token on ${pathname}`);
    return match[1];
  }

  override async get(pathname: string, init: RequestInit = {}): Promise<Response> {
    return super.get(pathname, { ...init, headers: { "X-Forwarded-For": this.ip, ...(init.headers as Record<string, string>) } });
  }

  /** Posts a form like the browser: CSRF token from `csrfFrom` (default: the page itself). */
  override async post(
    pathname: string,
    fields: Record<string, string | string[]>,
    { csrf = true, origin = true, csrfFrom }: { csrf?: boolean; origin?: boolean; csrfFrom?: string } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    if (csrf) body.append("_csrf", await this.csrf(csrfFrom ?? pathname));
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        Cookie: this.jar.header(),
        "Accept-Language": this.language,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": this.ip,
        ...(origin ? { Origin: this.base } : {}),
      },
    });
    this.jar.store(response);
    return response;
  }
}

function pathOf(link: string): string {
  const url = new URL(link);
  expect(url.origin).toBe(server.url);
  return url.pathname + url.search;
}

async function signUp(person: Person, email: string, password: string): Promise<Response> {
  return person.post("/registrieren", { email, password });
}

async function signIn(person: Person, email: string, password: string, redirectTo?: string): Promise<Response> {
  return person.post(redirectTo ? `/anmelden?redirectTo=${encodeURIComponent(redirectTo)}` : "/anmelden", {
    email,
    password,
    ...(redirectTo ? { redirectTo } : {}),
  });
}

async function confirmMail(email: string): Promise<ReceivedMail> {
  return smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
}

/** A confirmed account, signed in in `person`'s browser. */
async function account(language = "de"): Promise<{ person: Person; email: string; password: string }> {
  const person = new Person(server.url, language);
  const email = newEmail("konto");
  const password = newPassword();
  expect((await signUp(person, email, password)).status).toBe(302);
  const mail = await confirmMail(email);
  await person.get(pathOf(linkIn(mail, "/email-bestaetigen")));
  const response = await signIn(person, email, password);
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/konto");
  return { person, email, password };
}

async function isSignedIn(person: Person): Promise<boolean> {
  const response = await person.get("/konto");
  if (response.status === 200) return true;
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toMatch(/^\/anmelden\?redirectTo=/);
  return false;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("account pages", () => {
  function keys(value: unknown, prefix = ""): string[] {
    if (typeof value !== "object" || value === null) return [prefix];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }

  it("has the same keys in German and English (the base for every other language)", () => {
    const read = (lng: string) => JSON.parse(fs.readFileSync(new URL(`../locales/${lng}/account.json`, import.meta.url), "utf8")) as unknown;
    expect(keys(read("en")).sort()).toEqual(keys(read("de")).sort());
  });

  it.each(["de", "en"])("renders every account page in %s with a title and no untranslated key", async (lng) => {
    const { person } = await account(lng);
    const anonymous = new Person(server.url, lng);
    const pages: Array<[Person, string]> = [
      [anonymous, "/registrieren"],
      [anonymous, "/registrieren?status=gesendet"],
      [anonymous, "/anmelden?hinweis=abgemeldet"],
      [anonymous, "/passwort-vergessen"],
      [anonymous, "/passwort-vergessen?status=gesendet"],
      [anonymous, "/passwort-neu?token=unbekannt"],
      [anonymous, "/email-bestaetigen?status=ungueltig"],
      [anonymous, "/konto/geloescht"],
      [person, "/konto?hinweis=passwort"],
      [person, "/konto/passwort"],
      [person, "/konto/loeschen"],
      [person, "/konto/abmelden-ueberall"],
      [person, "/abmelden"],
    ];
    for (const [who, path] of pages) {
      const response = await who.get(path);
      expect(response.status, path).toBe(200);
      const html = markup(await response.text());
      expect(html, path).toMatch(/<title>[^<]+ – Jobcenter Kreis Heinsberg<\/title>/);
      expect(html, path).toContain(`<html lang="${lng}"`);
      expect(html, path).not.toMatch(/>[^<]*\b(account:|common:)?(signUp|signIn|signOut|overview|changePassword|signOutEverywhere|delete|deleted|forgot|reset|confirm|errors|mail)\.[a-zA-Z]+[^<]*</);
    }
  });
});

describe("sign-up and e-mail confirmation", () => {
  it("signs up, mails a confirmation link, lets the unconfirmed person in with a notice, confirms once", async () => {
    const person = new Person(server.url, "de");
    const form = await person.page("/registrieren");
    expect(form).toMatch(/name="email"[^>]*autocomplete="email"|autocomplete="email"[^>]*name="email"/i);
    expect(form).toMatch(/autocomplete="new-password"/i);
    expect(form).toContain('name="_csrf"');

    const email = newEmail("anna");
    const password = newPassword();
    const response = await signUp(person, email, password);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/registrieren?status=gesendet");
    expect(await person.page("/registrieren?status=gesendet")).toContain("Bitte schauen Sie in Ihr E-Mail-Postfach");

    const mail = await confirmMail(email);
    expect(mail.subject).toBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
    expect(mail.headers["content-language"]).toBe("de");
    expect(mail.text).toContain("Der Link gilt 24 Stunden und nur einmal.");
    expect(mail.text).toContain("Mit freundlichen Grüßen");
    const link = linkIn(mail, "/email-bestaetigen?token=");

    // Unconfirmed: sign-in works, /konto shows the notice and "send the link again".
    const signedIn = await signIn(person, email, password);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe("/konto");
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("sid="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    let konto = await person.page("/konto");
    expect(konto).toContain(email);
    expect(konto).toContain("noch nicht bestätigt");
    expect(konto).toContain("Link noch einmal schicken");
    expect(konto).toContain('action="/email-bestaetigen"');

    // "Send the link again" mails a second link.
    const resent = await person.post("/email-bestaetigen", {}, { csrfFrom: "/konto" });
    expect(resent.status).toBe(302);
    expect(resent.headers.get("location")).toBe("/konto?hinweis=link-gesendet");
    const second = await confirmMail(email);
    expect(linkIn(second, "/email-bestaetigen?token=")).not.toBe(link);

    const confirmed = await person.get(pathOf(link));
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/konto?hinweis=bestaetigt");
    konto = await person.page("/konto?hinweis=bestaetigt");
    expect(konto).toContain("Ihre E-Mail-Adresse ist bestätigt");
    expect(konto).not.toContain("noch nicht bestätigt");
    expect(konto).toContain('class="tag tag--done"');

    // The same link a second time: refused.
    const again = await new Person(server.url).get(pathOf(link));
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/email-bestaetigen?status=ungueltig");
    expect(await new Person(server.url).page("/email-bestaetigen?status=ungueltig")).toContain("Dieser Link gilt nicht mehr");
    expect(await person.page("/email-bestaetigen?status=ungueltig")).toContain("Ihre E-Mail-Adresse ist schon bestätigt.");
  });

  it("writes pages and mails in English for an English-speaking person", async () => {
    const person = new Person(server.url, "en");
    const email = newEmail("john");
    expect(await person.page("/registrieren")).toContain("Create an account");
    expect((await signUp(person, email, newPassword())).status).toBe(302);
    const mail = await confirmMail(email);
    expect(mail.subject).toBe("Please confirm your email address");
    expect(mail.headers["content-language"]).toBe("en");
    expect(mail.text).toContain("The link is valid for 24 hours and works only once.");
  });

  it("answers a sign-up for a known address like any other, and tells the owner in the owner's language", async () => {
    const { email, password } = await account("de");
    const stranger = new Person(server.url, "en");
    const otherPassword = newPassword();
    const response = await signUp(stranger, email.toUpperCase(), otherPassword);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/registrieren?status=gesendet");
    const mail = await smtp.waitFor(email, (m) => m.subject.includes("schon ein Konto"));
    expect(mail.subject).toBe("Es gibt schon ein Konto mit Ihrer E-Mail-Adresse");
    expect(mail.text).toContain(`${server.url}/passwort-vergessen`);
    expect(mail.text).not.toContain("token=");
    // Nothing changed: the old password still works, the stranger's does not.
    expect((await signIn(new Person(server.url), email, otherPassword)).status).toBe(400);
    expect((await signIn(new Person(server.url), email, password)).status).toBe(302);
  });

  it("refuses a short or common password, in German and in English, and keeps the address but not the password", async () => {
    const de = new Person(server.url, "de");
    const email = newEmail("kurz");
    let response = await signUp(de, email, "kurz123");
    expect(response.status).toBe(400);
    let raw = await response.text();
    const html = markup(raw);
    expect(html).toContain("Das Passwort ist zu kurz. Es muss mindestens 10 Zeichen lang sein.");
    expect(html).toContain('href="#field-password"');
    expect(html).toContain('aria-describedby="field-password-hint field-password-error"');
    expect(html).toContain(`value="${email}"`);
    expect(raw).not.toContain("kurz123"); // neither in the form nor in the page's data

    response = await signUp(de, email, "passwort123");
    expect(response.status).toBe(400);
    raw = await response.text();
    expect(markup(raw)).toContain("Dieses Passwort ist zu bekannt");
    expect(raw).not.toContain("passwort123");

    const en = new Person(server.url, "en");
    response = await signUp(en, email, "short");
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("The password is too short. It must be at least 10 characters long.");
    response = await signUp(en, email, "Schalke04!!"); // a listed word with digits and symbols added
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("This password is too well known and easy to guess.");
    response = await signUp(en, email, "Password1234");
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("This password is too well known and easy to guess.");

    response = await signUp(en, "not-an-address", "Tulpe Kanu Nebel");
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("Please enter a valid email address");
  });
});

describe("sign-in and sign-out", () => {
  it("refuses a wrong password and an unknown address with the same message, keeping the address", async () => {
    const { email } = await account();
    const person = new Person(server.url, "de");
    const wrong = "Falsches Passwort 99";
    let response = await signIn(person, email, wrong);
    expect(response.status).toBe(400);
    const raw = await response.text();
    let html = markup(raw);
    expect(html).toContain("E-Mail-Adresse oder Passwort stimmen nicht.");
    expect(html).toContain(`value="${email}"`);
    expect(raw).not.toContain(wrong);
    expect(person.jar.get("sid")).toBeUndefined();

    response = await signIn(person, newEmail("niemand"), wrong);
    expect(response.status).toBe(400);
    html = markup(await response.text());
    expect(html).toContain("E-Mail-Adresse oder Passwort stimmen nicht.");
    expect(await isSignedIn(person)).toBe(false);
  });

  it("follows redirectTo after sign-in, but never to another site", async () => {
    const { email, password } = await account();
    const person = new Person(server.url);
    let response = await signIn(person, email, password, "/konto/passwort");
    expect(response.headers.get("location")).toBe("/konto/passwort");
    const other = new Person(server.url);
    response = await signIn(other, email, password, "//evil.example/steal");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/konto");
  });

  it("signs out this browser only", async () => {
    const { person, email, password } = await account();
    const second = new Person(server.url);
    await signIn(second, email, password);
    const response = await person.post("/abmelden", {}, { csrfFrom: "/konto" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/anmelden?hinweis=abgemeldet");
    expect(await isSignedIn(person)).toBe(false);
    expect(await isSignedIn(second)).toBe(true);
  });

  it("signs out everywhere: a second browser's session stops working too", async () => {
    const { person, email, password } = await account();
    const second = new Person(server.url);
    await signIn(second, email, password);
    expect(await isSignedIn(second)).toBe(true);
    expect(await person.page("/konto/abmelden-ueberall")).toContain("Überall abmelden");
    const response = await person.post("/konto/abmelden-ueberall", {});
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/anmelden?hinweis=ueberall-abgemeldet");
    expect(await isSignedIn(person)).toBe(false);
    expect(await isSignedIn(second)).toBe(false);
    // The old cookie value is dead on the server, not just forgotten by the browser.
    const replay = await fetch(`${server.url}/konto`, { redirect: "manual", headers: { Cookie: second.jar.header() } });
    expect(replay.status).toBe(302);
  });
});

describe("forgotten password", () => {
  it("mails a single-use link; the new password works, the old one and every session end", async () => {
    const { person, email, password } = await account();
    const asking = new Person(server.url, "de");
    const response = await asking.post("/passwort-vergessen", { email });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/passwort-vergessen?status=gesendet");
    const mail = await smtp.waitFor(email, (m) => m.text.includes("/passwort-neu?token="));
    expect(mail.subject).toBe("Neues Passwort für Ihr Konto");
    expect(mail.text).toContain("Der Link gilt 1 Stunde und nur einmal.");
    const link = pathOf(linkIn(mail, "/passwort-neu?token="));
    const token = new URL(link, server.url).searchParams.get("token")!;

    // Opening the link does not use it up (mail scanners open links too).
    expect(await asking.page(link)).toContain("Neues Passwort festlegen");
    expect(await asking.page(link)).toContain(`value="${token}"`);

    // A common password is refused, and the link still works afterwards.
    let saved = await asking.post(link, { token, password: "passwort1234" });
    expect(saved.status).toBe(400);
    expect(markup(await saved.text())).toContain("Dieses Passwort ist zu bekannt");

    const fresh = newPassword();
    saved = await asking.post(link, { token, password: fresh });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/anmelden?hinweis=passwort-neu");
    expect(await isSignedIn(person)).toBe(false);
    await smtp.waitFor(email, (m) => m.subject === "Ihr Passwort wurde geändert");

    expect((await signIn(new Person(server.url), email, password)).status).toBe(400);
    expect((await signIn(new Person(server.url), email, fresh)).status).toBe(302);

    // Single use: the link is dead now.
    expect(await asking.page(link)).toContain("Dieser Link gilt nicht mehr");
    const reuse = await asking.post("/passwort-neu", { token, password: newPassword() }, { csrfFrom: "/passwort-vergessen" });
    expect(reuse.status).toBe(400);
    expect(markup(await reuse.text())).toContain("Der Link ist abgelaufen oder wurde schon benutzt.");
  });

  it("answers an unknown address the same and sends nothing", async () => {
    const nobody = newEmail("unbekannt");
    const response = await new Person(server.url).post("/passwort-vergessen", { email: nobody });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/passwort-vergessen?status=gesendet");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.to(nobody)).toHaveLength(0);
  });

  it("refuses made-up tokens", async () => {
    const person = new Person(server.url, "en");
    expect(await person.page("/passwort-neu?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")).toContain("This link is no longer valid");
    const response = await person.get("/email-bestaetigen?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    expect(response.headers.get("location")).toBe("/email-bestaetigen?status=ungueltig");
  });
});

describe("expired links", () => {
  // The same server and database, restarted with links that live one second.
  beforeAll(async () => {
    Object.assign(server.env, { TOKEN_TTL_SECONDS_RESET: "1", TOKEN_TTL_SECONDS_CONFIRM: "1" });
    await server.restart();
  });
  afterAll(async () => {
    delete server.env.TOKEN_TTL_SECONDS_RESET;
    delete server.env.TOKEN_TTL_SECONDS_CONFIRM;
    await server.restart();
  });

  it("refuses a confirmation link and a reset link after they expired", async () => {
    const person = new Person(server.url);
    const email = newEmail("abgelaufen");
    const password = newPassword();
    expect((await signUp(person, email, password)).status).toBe(302);
    const confirm = new URL(linkIn(await confirmMail(email), "/email-bestaetigen?token="));
    expect((await person.post("/passwort-vergessen", { email })).status).toBe(302);
    const reset = new URL(linkIn(await smtp.waitFor(email, (m) => m.text.includes("/passwort-neu?token=")), "/passwort-neu?token="));
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(await person.page(reset.pathname + reset.search)).toContain("Dieser Link gilt nicht mehr");
    const token = reset.searchParams.get("token")!;
    const post = await person.post("/passwort-neu", { token, password: newPassword() }, { csrfFrom: "/passwort-vergessen" });
    expect(post.status).toBe(400);
    const stale = await person.get(confirm.pathname + confirm.search);
    expect(stale.headers.get("location")).toBe("/email-bestaetigen?status=ungueltig");

    expect((await signIn(person, email, password)).status).toBe(302);
    expect(await person.page("/konto")).toContain("noch nicht bestätigt");
  });
});

describe("signed-in account actions", () => {
  it("changes the password only with the current one; other sessions end, the old password stops working", async () => {
    const { person, email, password } = await account();
    const second = new Person(server.url);
    await signIn(second, email, password);
    const html = await person.page("/konto/passwort");
    expect(html).toMatch(/autocomplete="current-password"/i);
    expect(html).toMatch(/autocomplete="new-password"/i);

    const next = newPassword();
    let response = await person.post("/konto/passwort", { currentPassword: "Falsches Passwort 1", newPassword: next });
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("Das jetzige Passwort stimmt nicht.");
    response = await person.post("/konto/passwort", { currentPassword: password, newPassword: "hallo12345" });
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("Dieses Passwort ist zu bekannt");
    response = await person.post("/konto/passwort", { currentPassword: password, newPassword: "" });
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("Bitte geben Sie ein neues Passwort ein.");

    response = await person.post("/konto/passwort", { currentPassword: password, newPassword: next });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/konto?hinweis=passwort");
    expect(await person.page("/konto?hinweis=passwort")).toContain("Ihr Passwort ist geändert.");
    expect(await isSignedIn(second)).toBe(false);
    expect((await signIn(new Person(server.url), email, password)).status).toBe(400);
    expect((await signIn(new Person(server.url), email, next)).status).toBe(302);
    const mail = await smtp.waitFor(email, (m) => m.subject === "Ihr Passwort wurde geändert");
    expect(mail.text).toContain(`${server.url}/passwort-vergessen`);
  });

  it("deletes the account only with the password, shows a confirmation, and the address is free again", async () => {
    const { person, email, password } = await account();
    let response = await person.post("/konto/loeschen", { password: "Falsches Passwort 2" });
    expect(response.status).toBe(400);
    expect(markup(await response.text())).toContain("Das jetzige Passwort stimmt nicht.");
    expect(await isSignedIn(person)).toBe(true);

    response = await person.post("/konto/loeschen", { password });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/konto/geloescht");
    expect(await person.page("/konto/geloescht")).toContain("Ihr Konto ist gelöscht");
    expect(await isSignedIn(person)).toBe(false);
    expect((await signIn(new Person(server.url), email, password)).status).toBe(400);
    await smtp.waitFor(email, (m) => m.subject === "Ihr Konto wurde gelöscht");

    // Nothing of the old account is left: signing up again is a new account with a new link.
    expect((await signUp(new Person(server.url), email, newPassword())).status).toBe(302);
    await confirmMail(email);
  });

  it("exports the person's data as a JSON download without the password hash, and only theirs", async () => {
    const a = await account();
    const b = await account("en");
    const response = await a.person.get("/konto/daten");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="meine-daten-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const raw = await response.text();
    const data = JSON.parse(raw) as {
      account: { email: string; emailConfirmedAt: string | null; language: string };
      sessions: Array<{ createdAt: string; current: boolean }>;
      sections: Record<string, unknown>;
    };
    expect(data.account.email).toBe(a.email);
    expect(data.account.emailConfirmedAt).toBeTruthy();
    expect(data.account.language).toBe("de");
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.sessions.some((s) => s.current)).toBe(true);
    expect(typeof data.sections).toBe("object");
    expect(raw).not.toContain("$argon2");
    expect(raw).not.toMatch(/password_?hash|passwordHash/i);
    expect(raw).not.toContain(a.password);
    expect(raw).not.toContain(a.person.jar.get("sid")!);
    expect(raw).not.toContain(b.email);

    const other = await (await b.person.get("/konto/daten")).text();
    expect(other).toContain(b.email);
    expect(other).not.toContain(a.email);
  });

  it("keeps the session alive: POST /konto/sitzung answers a later idleExpiresAt", async () => {
    const { person } = await account();
    const html = await person.html("/konto");
    const before = /"idleExpiresAt":"([^"]+)"/.exec(html)?.[1];
    expect(before).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await person.post("/konto/sitzung", {}, { csrfFrom: "/konto" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { idleExpiresAt: string };
    expect(Date.parse(body.idleExpiresAt)).toBeGreaterThan(Date.parse(before!));
    expect(Date.parse(body.idleExpiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);

    expect((await person.post("/konto/sitzung", {}, { csrf: false })).status).toBe(403);
    expect((await person.get("/konto/sitzung")).status).toBe(405);
    const anonymous = await new Person(server.url).post("/konto/sitzung", {}, { csrfFrom: "/" });
    expect(anonymous.status).toBe(401);
  });
});

describe("protection", () => {
  it("sends people without a session from the account pages to sign-in", async () => {
    const person = new Person(server.url);
    for (const path of ["/konto", "/konto/daten", "/konto/passwort", "/konto/loeschen", "/konto/abmelden-ueberall"]) {
      const response = await person.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location")).toBe(`/anmelden?redirectTo=${encodeURIComponent(path)}`);
    }
    const post = await person.post("/konto/loeschen", { password: "irgendwas1234" }, { csrfFrom: "/anmelden" });
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toMatch(/^\/anmelden/);
  });

  it("refuses account forms without the CSRF token or from another origin", async () => {
    const { person, email, password } = await account();
    for (const [path, fields] of [
      ["/anmelden", { email, password }],
      ["/registrieren", { email: newEmail("csrf"), password: newPassword() }],
      ["/passwort-vergessen", { email }],
      ["/abmelden", {}],
      ["/konto/abmelden-ueberall", {}],
      ["/konto/loeschen", { password }],
      ["/konto/sitzung", {}],
    ] as const) {
      const response = await person.post(path, fields, { csrf: false });
      expect(response.status, path).toBe(403);
    }
    const token = await person.csrf("/konto");
    const foreign = (path: string, fields: Record<string, string>) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({ _csrf: token, ...fields }),
        headers: { Cookie: person.jar.header(), Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      });
    // Refused with the 403 page (no longer Remix's own origin check with a 500).
    expect((await foreign("/konto/loeschen", { password })).status).toBe(403);
    expect((await foreign("/konto/sitzung", {})).status).toBe(403);
    expect(await isSignedIn(person)).toBe(true);
    expect((await signIn(new Person(server.url), email, password)).status).toBe(302);
  });

  it("limits wrong sign-ins per account and address with 429 and a message in the person's language; the person is not locked out", async () => {
    const email = newEmail("ziel");
    const password = newPassword();
    expect((await signUp(new Person(server.url), email, password)).status).toBe(302);
    const attacker = new Person(server.url, "de");
    for (let i = 0; i < 5; i++) expect((await signIn(attacker, email, `Rate Limit Versuch ${i}`)).status).toBe(400);
    const blocked = await signIn(attacker, email, "Rate Limit Versuch 6");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    const html = markup(await blocked.text());
    expect(html).toMatch(/Zu viele Versuche in kurzer Zeit\. Bitte warten Sie \d+ Minuten/);
    expect(html).toContain(`value="${email}"`);

    // The attacker's address stays locked for this account, in English as well, even with the right password.
    const attackerEn = new Person(server.url, "en");
    Object.defineProperty(attackerEn, "ip", { value: attacker.ip });
    const english = await signIn(attackerEn, email, password);
    expect(english.status).toBe(429);
    expect(Number(english.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(markup(await english.text())).toMatch(/Too many attempts in a short time\. Please wait \d+ minutes/);

    // The person, from another address, is not locked out: the right password signs in …
    expect((await signIn(new Person(server.url, "en"), email, password)).status).toBe(302);
    // … and a typo from a fresh address is an ordinary "wrong" answer, not a lock.
    expect((await signIn(new Person(server.url, "de"), email, "Vertippt Vertippt 1")).status).toBe(400);
  });

  it("limits sign-in attempts per IP address", async () => {
    const person = new Person(server.url, "en");
    for (let i = 0; i < 20; i++) expect((await signIn(person, `ip-limit-${i}@beispiel.example`, "Irgendein Passwort")).status).toBe(400);
    const blocked = await signIn(person, "ip-limit-21@beispiel.example", "Irgendein Passwort");
    expect(blocked.status).toBe(429);
    expect(markup(await blocked.text())).toContain("Too many attempts in a short time.");
  });

  it("limits password-reset requests per address", async () => {
    const { email } = await account();
    for (let i = 0; i < 3; i++) expect((await new Person(server.url).post("/passwort-vergessen", { email })).status).toBe(302);
    const blocked = await new Person(server.url, "de").post("/passwort-vergessen", { email });
    expect(blocked.status).toBe(429);
    expect(markup(await blocked.text())).toContain("Zu viele Versuche in kurzer Zeit.");
  });

  it("limits sign-ups per IP address", async () => {
    const person = new Person(server.url);
    for (let i = 0; i < 10; i++) expect((await signUp(person, newEmail("flut"), newPassword())).status).toBe(302);
    const blocked = await signUp(person, newEmail("flut"), newPassword());
    expect(blocked.status).toBe(429);
  });

  it("never writes an address, password or token into the log", async () => {
    const person = new Person(server.url);
    const email = newEmail("protokoll");
    const password = newPassword();
    expect((await signUp(person, email, password)).status).toBe(302);
    const mail = await confirmMail(email);
    const link = linkIn(mail, "/email-bestaetigen?token=");
    await person.get(pathOf(link));
    expect((await signIn(person, email, password)).status).toBe(302);
    expect((await signIn(new Person(server.url), email, "Falsches Passwort 3")).status).toBe(400);
    await person.get("/konto/daten");
    await new Promise((resolve) => setTimeout(resolve, 200));

    const output = server.output();
    expect(output).toContain('"msg":"request"'); // the log is captured at all
    expect(output).toContain('"event":"signin"');
    const token = new URL(link).searchParams.get("token")!;
    for (const secret of [...secrets, token, email.split("@")[0]]) {
      expect(output.includes(secret), `log contains ${secret}`).toBe(false);
    }
  });
});
