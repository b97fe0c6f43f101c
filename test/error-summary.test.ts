import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/server";
import { applicationIdFrom, signedIn } from "./support/applicant";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import de from "../locales/de/application.json";
import ar from "../locales/ar/application.json";

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
