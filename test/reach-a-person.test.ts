import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/server";
import { applicationIdFrom, fillAll, signedIn } from "./support/applicant";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import deApplication from "../locales/de/application.json";
import arApplication from "../locales/ar/application.json";

// Issue 12 item 11 (rest): every page where a person may need help shows how to reach a person.
// On the Antrag pages (task list, question pages, check page, receipt, status, documents) that
// is her Standort's name, address, phone and e-mail from the Träger configuration (Kreis
// Heinsberg here: Wegberg belongs to Erkelenz/Wegberg, phone 02431/9737-0 from the Jobcenter's
// page); before she has given her address, the way to find her Standort.
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

/** The "how to reach a person" box of a page (fails when the page has none). */
function reachBox(html: string, page: string): string {
  const box = /<aside class="reach-person"[\s\S]*?<\/aside>/.exec(html)?.[0];
  expect(box, `${page}: "how to reach a person"`).toBeTruthy();
  return box!;
}

describe("the Antrag pages show how to reach a person", () => {
  for (const [language, tr] of [
    ["de", deApplication],
    ["ar", arApplication],
  ] as const) {
    it(`before the address: the way to find her Standort; after it: her Standort's contact, on every page (${language})`, async () => {
      const { person } = await signedIn(server, smtp, language);
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      const at = (p: string) => `/antrag/${id}${p}`;

      for (const page of [at(""), at("/person")]) {
        const box = reachBox(await person.html(page), page);
        expect(box).toContain('href="/standort-finden"');
        expect(box).not.toContain('href="/standorte/');
      }

      await fillAll(person, id); // Wegberg, 41844
      const questionPages = ["", "/person", "/haushalt", "/haushalt/neu", "/wohnung", "/einkommen/p1", "/lage", "/konto", "/pruefen", "/unterlagen"];
      for (const page of questionPages.map(at)) {
        const box = reachBox(await person.html(page), page);
        expect(box, page).toContain(`>${tr.reachPerson.title}</h2>`);
        expect(box, page).toMatch(/href="\/standorte\/erkelenz-wegberg"[^>]*><bdi>Erkelenz\/Wegberg<\/bdi>/);
        expect(box, page).toContain('href="tel:0243197370"');
        expect(box, page).toContain(tr.reachPerson.phone);
      }

      expect((await person.send(at("/pruefen"), { declaration: "1" })).status).toBe(302);
      for (const page of [at("/bestaetigung"), at("/status"), at("/unterlagen")]) {
        const box = reachBox(await person.html(page), page);
        expect(box, page).toContain('href="tel:0243197370"');
      }
    });
  }
});
