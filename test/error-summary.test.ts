import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/server";
import { applicationIdFrom, signedIn } from "./support/applicant";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import de from "../locales/de/application.json";
import ar from "../locales/ar/application.json";
import deAccount from "../locales/de/account.json";
import arAccount from "../locales/ar/account.json";
import deOmbuds from "../locales/de/ombuds.json";
import arOmbuds from "../locales/ar/ombuds.json";
import { Person } from "./support/applicant";
import { linkIn } from "./support/smtp";

// Issue 12 item 15: the error summary names each field and links to it (GOV.UK pattern), in
// every language — not "please fill in this field" four times. An empty household member form
// (five required questions) is sent in German and Arabic against the real server.
let smtp: TestSmtp;
let server: TestServer;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The error summary's entries: link target and visible text. */
function summaryEntries(html: string): Array<{ href: string; text: string }> {
  const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0];
  expect(summary, "an error summary").toBeTruthy();
  return [...summary!.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({ href: m[1], text: decode(m[2]) }));
}

describe("error summary names each field", () => {
  for (const [language, labels] of [
    ["de", de.fields],
    ["ar", ar.fields],
  ] as const) {
    it(`lists one entry per empty field with its label and a link to it (${language})`, async () => {
      const { person } = await signedIn(server, smtp, language);
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      const response = await person.send(`/antrag/${id}/haushalt/neu`, {});
      expect(response.status).toBe(400);
      const html = await response.text();
      const entries = summaryEntries(html);
      const fields = ["relationship", "firstName", "lastName", "birthDate", "priorBenefits"] as const;
      expect(entries.map((e) => e.href).sort()).toEqual(fields.map((f) => `#field-${f}`).sort());
      expect(new Set(entries.map((e) => e.text)).size).toBe(fields.length);
      for (const field of fields) {
        const entry = entries.find((e) => e.href === `#field-${field}`)!;
        expect(entry.text, field).toContain(decode(labels[field]));
        // The link points at an element that exists on the page.
        expect(html).toContain(`id="field-${field}"`);
      }
    });
  }
});

// Issue 12 (rest of item 15): the account forms and the Ombudsstelle's forms name their fields
// too (they have no `fields.*` keys; the pages pass their visible labels).
describe("error summary names each field on the account and Ombudsstelle forms", () => {
  for (const [language, account, ombuds] of [
    ["de", deAccount, deOmbuds],
    ["ar", arAccount, arOmbuds],
  ] as const) {
    /** Posts `fields` and checks: one entry per expected field, each "label: message" linking to the field. */
    async function expectNamed(person: Person, path: string, fields: Record<string, string>, expected: Record<string, string>, csrfFrom = path) {
      const response = await person.send(path, fields, csrfFrom);
      expect(response.status, path).toBe(400);
      const html = await response.text();
      const entries = summaryEntries(html);
      expect(entries.map((e) => e.href).sort(), path).toEqual(
        Object.keys(expected)
          .map((f) => `#field-${f}`)
          .sort(),
      );
      for (const [field, label] of Object.entries(expected)) {
        const entry = entries.find((e) => e.href === `#field-${field}`)!;
        expect(entry.text.startsWith(`${decode(label)}: `), `${path} ${field}: ${entry.text}`).toBe(true);
        expect(entry.text.length, `${path} ${field}: a message after the label`).toBeGreaterThan(decode(label).length + 3);
        expect(html, `${path}: the link target exists`).toContain(`id="field-${field}"`);
      }
    }

    it(`sign-up, sign-in, forgotten and new password (${language})`, async () => {
      const person = new Person(server.url, language);
      await expectNamed(person, "/registrieren", { email: "", password: "" }, { email: account.signUp.email, password: account.signUp.password });
      await expectNamed(person, "/anmelden", { email: "", password: "" }, { email: account.signIn.email, password: account.signIn.password });
      await expectNamed(person, "/passwort-vergessen", { email: "kein-at-zeichen" }, { email: account.forgot.email });
      // A real "new password" link from the mail, then a password that is too short.
      const { email } = await signedIn(server, smtp, language);
      expect((await person.send("/passwort-vergessen", { email })).status).toBe(302);
      const mail = await smtp.waitFor(email, (m) => m.text.includes("/passwort-neu?token="));
      const link = new URL(linkIn(mail, "/passwort-neu"));
      const page = link.pathname + link.search;
      await expectNamed(person, page, { token: link.searchParams.get("token")!, password: "kurz" }, { password: account.reset.password }, page);
    });

    it(`change password and delete account (${language})`, async () => {
      const { person } = await signedIn(server, smtp, language);
      await expectNamed(
        person,
        "/konto/passwort",
        { currentPassword: "", newPassword: "" },
        { currentPassword: account.changePassword.currentPassword, newPassword: account.changePassword.newPassword },
      );
      await expectNamed(person, "/konto/loeschen", { password: "" }, { password: account.delete.password });
    });

    it(`the Ombudsstelle's message and follow-up forms (${language})`, async () => {
      const person = new Person(server.url, language);
      const token = /name="token" value="([^"]+)"/.exec(await person.html("/ombudsstelle/nachricht"))?.[1] ?? "";
      await expectNamed(
        person,
        "/ombudsstelle/nachricht",
        { token, kind: "", message: "", email: "kein-at-zeichen", website: "" },
        { kind: ombuds.form.kindLegend, message: ombuds.form.messageLabel, email: ombuds.form.emailLabel },
      );
      await expectNamed(person, "/ombudsstelle/antworten", { intent: "open", reference: "", code: "" }, { reference: ombuds.read.referenceLabel, code: ombuds.read.codeLabel });
    });
  }
});
