import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, fillAll, Person, signedIn } from "./support/applicant";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { linkIn, startTestSmtp, type TestSmtp } from "./support/smtp";

// /konto as the person's home (issue 12, item 7): her application (draft with progress, status,
// receipt, PDF, missing documents with due dates), her appointments, Mein Fall and one next
// step; "apply" while signed out survives sign-up and confirmation (same-site return path only);
// the confirmation mail again. Real server, real SMTP server, in Arabic and English.

let smtp: TestSmtp;
let server: TestServer;

type Json = Record<string, unknown>;
const load = (lng: string, ns: string) => JSON.parse(fs.readFileSync(new URL(`../locales/${lng}/${ns}.json`, import.meta.url), "utf8")) as Json;
function text(lng: string, key: string, values: Record<string, string | number> = {}): string {
  const [ns, path] = key.split(":");
  let node: unknown = load(lng, ns);
  for (const part of path.split(".")) node = (node as Json)[part];
  if (typeof node !== "string") throw new Error(`no text ${lng}/${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(values[name] ?? `{{${name}}}`));
}
const before = (lng: string, key: string) => text(lng, key).split("{{")[0].trim();

function markup(html: string): string {
  const end = html.indexOf("<script");
  return end === -1 ? html : html.slice(0, end);
}

let counter = 0;
const newEmail = () => `heim.${++counter}.${Date.now().toString(36)}@beispiel.example`;
const PASSWORD = "Tulpe Kanu Nebel Heim 42";

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

for (const lng of ["ar", "en"]) {
  describe(`/konto is her overview (${lng})`, () => {
    it("without an application: a way to the Antrag and 'apply' as the next step", async () => {
      const { person } = await signedIn(server, smtp, lng);
      const html = markup(await person.html("/konto"));
      expect(html).toContain('href="/antrag"');
      const page = visibleText(html);
      expect(page).toContain(text(lng, "account:home.noApplication"));
      expect(page).toContain(text(lng, "account:home.next.start"));
      expect(page).toContain(text(lng, "account:home.noAppointments"));
    });

    it("with a draft: continue it, with how far it is", async () => {
      const { person } = await signedIn(server, smtp, lng);
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      const html = markup(await person.html("/konto"));
      expect(html).toContain(`href="/antrag/${id}"`);
      const page = visibleText(html);
      expect(page).toContain(text(lng, "account:home.continue"));
      expect(page).toMatch(new RegExp(text(lng, "application:tasks.progress", { done: "0", total: "\\d+" })));
      expect(page).toContain(text(lng, "account:home.next.continue"));
    });

    it("submitted with documents still missing: status, receipt, PDF, the missing documents with their due dates", { timeout: 60_000 }, async () => {
      const { person } = await signedIn(server, smtp, lng);
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      await fillAll(person, id);
      expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
      const html = markup(await person.html("/konto"));
      expect(html).toContain(`href="/antrag/${id}/bestaetigung"`);
      expect(html).toContain(`href="/antrag/${id}/pdf"`);
      expect(html).toContain(`href="/antrag/${id}/status"`);
      const page = visibleText(html);
      expect(page).toContain(text(lng, "account:home.submitted").split("{{")[0].trim());
      expect(page).toContain(text(lng, "account:home.missingHeading"));
      expect(page).toContain(text(lng, "uploads:categories.identity"));
      expect(page).toContain(before(lng, "uploads:checklist.due"));
      expect(page).toContain(text(lng, "account:home.next.documents"));
      expect(page).not.toContain(text(lng, "account:home.next.continue"));
    });

    it("with an appointment: the next one with a link to change it", { timeout: 30_000 }, async () => {
      const { person } = await signedIn(server, smtp, lng);
      const list = await person.html("/termine/buchen/zeit?anliegen=antragsabgabe&standort=hueckelhoven-wassenberg");
      const slotId = /name="slotId" value="([^"]+)"/.exec(list)?.[1];
      expect(slotId).toBeTruthy();
      const hold = await person.send("/termine/buchen/zeit?anliegen=antragsabgabe&standort=hueckelhoven-wassenberg", { slotId: slotId! });
      const confirmPath = hold.headers.get("location")!;
      const booked = await person.send(confirmPath, { intent: "book", interpreter: "no" });
      const appointmentPath = booked.headers.get("location")!.split("?")[0];
      expect(appointmentPath).toMatch(/^\/termine\/[0-9a-f-]{36}$/);
      const html = markup(await person.html("/konto"));
      expect(html).toContain(`href="${appointmentPath}"`);
      const page = visibleText(html);
      expect(page).toContain(text(lng, "account:home.appointmentsHeading"));
      expect(page).not.toContain(text(lng, "account:home.noAppointments"));
    });
  });

  describe(`"apply" while signed out comes back to the Antrag after sign-up and confirmation (${lng})`, () => {
    it("carries /antrag through sign-in page → sign-up → mail link → confirmation → sign-in", { timeout: 30_000 }, async () => {
      const person = new Person(server.url, lng);
      const start = await person.get("/antrag");
      expect(start.status).toBe(302);
      const signInPath = start.headers.get("location")!;
      expect(signInPath).toBe("/anmelden?redirectTo=%2Fantrag");
      const signInPage = markup(await person.html(signInPath));
      expect(signInPage).toContain('href="/registrieren?redirectTo=%2Fantrag"');
      const email = newEmail();
      const signUp = await person.send("/registrieren?redirectTo=%2Fantrag", { email, password: PASSWORD, redirectTo: "/antrag" });
      expect(signUp.status).toBe(302);
      expect(signUp.headers.get("location")).toBe("/registrieren?status=gesendet&redirectTo=%2Fantrag");
      const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
      const link = new URL(linkIn(mail, "/email-bestaetigen"));
      expect(link.searchParams.get("redirectTo")).toBe("/antrag");
      const confirmed = await person.get(link.pathname + link.search);
      expect(confirmed.status).toBe(302);
      const confirmedPath = confirmed.headers.get("location")!;
      expect(confirmedPath).toBe("/email-bestaetigen?status=bestaetigt&redirectTo=%2Fantrag");
      expect(markup(await person.html(confirmedPath))).toContain('href="/anmelden?redirectTo=%2Fantrag"');
      const signIn = await person.send("/anmelden?redirectTo=%2Fantrag", { email, password: PASSWORD, redirectTo: "/antrag" });
      expect(signIn.status).toBe(302);
      expect(signIn.headers.get("location")).toBe("/antrag");
      expect((await person.get("/antrag")).status).toBe(200);
    });

    it("signed in but not yet confirmed: the mail link leads straight back to the Antrag", { timeout: 30_000 }, async () => {
      const person = new Person(server.url, lng);
      const email = newEmail();
      await person.send("/registrieren?redirectTo=%2Fantrag", { email, password: PASSWORD, redirectTo: "/antrag" });
      const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
      expect((await person.send("/anmelden", { email, password: PASSWORD })).status).toBe(302);
      const link = new URL(linkIn(mail, "/email-bestaetigen"));
      const confirmed = await person.get(link.pathname + link.search);
      expect(confirmed.headers.get("location")).toBe("/antrag");
    });
  });

  describe(`no open redirect (${lng})`, () => {
    const outside = ["https://evil.example/antrag", "//evil.example/antrag", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "http:evil.example", " https://evil.example"];

    it("sign-in refuses every outside return path and goes to /konto", { timeout: 30_000 }, async () => {
      const { person, email, password } = await signedIn(server, smtp, lng);
      await person.send("/abmelden", {}, "/konto");
      for (const target of outside) {
        // the form's hidden field and the sign-up link hold no outside address
        const page = markup(await person.html(`/anmelden?redirectTo=${encodeURIComponent(target)}`));
        expect(/name="redirectTo" value="([^"]*)"/.exec(page)?.[1]).toBe("/konto");
        expect(page).toContain('href="/registrieren"');
      }
      for (const target of outside.slice(3, 5)) {
        const response = await person.send(`/anmelden?redirectTo=${encodeURIComponent(target)}`, { email, password, redirectTo: target });
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe("/konto");
        await person.send("/abmelden", {}, "/konto");
      }
    });

    it("sign-up and the confirmation link never carry an outside address", { timeout: 30_000 }, async () => {
      for (const target of outside.slice(0, 4)) {
        const person = new Person(server.url, lng);
        const email = newEmail();
        const signUp = await person.send(`/registrieren?redirectTo=${encodeURIComponent(target)}`, { email, password: PASSWORD, redirectTo: target });
        expect(signUp.status).toBe(302);
        expect(signUp.headers.get("location")).toBe("/registrieren?status=gesendet");
        const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
        expect(mail.text).not.toContain("evil.example");
        const link = new URL(linkIn(mail, "/email-bestaetigen"));
        link.searchParams.set("redirectTo", target);
        const confirmed = await person.get(link.pathname + link.search);
        expect(confirmed.status).toBe(302);
        expect(confirmed.headers.get("location")).toBe("/email-bestaetigen?status=bestaetigt");
      }
    });
  });

  describe(`the confirmation mail again (${lng})`, () => {
    it("from /konto of an unconfirmed account: a new link arrives; too many → 429 with Retry-After", { timeout: 30_000 }, async () => {
      const person = new Person(server.url, lng);
      const email = newEmail();
      await person.send("/registrieren", { email, password: PASSWORD });
      await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
      expect((await person.send("/anmelden", { email, password: PASSWORD })).status).toBe(302);
      const konto = markup(await person.html("/konto"));
      expect(konto).toContain('action="/email-bestaetigen"');
      expect(visibleText(konto)).toContain(text(lng, "account:overview.resend"));
      expect(visibleText(konto)).toContain(text(lng, "account:home.next.confirm"));
      const first = await person.send("/email-bestaetigen", {}, "/konto");
      expect(first.status).toBe(302);
      expect(first.headers.get("location")).toBe("/konto?hinweis=link-gesendet");
      await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token=") && smtp.to(email).length >= 2);
      let last: Response | null = null;
      for (let i = 0; i < 6; i++) {
        last = await person.send("/email-bestaetigen", {}, "/konto");
        if (last.status === 429) break;
      }
      expect(last!.status).toBe(429);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    });
  });
}
