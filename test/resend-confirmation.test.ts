import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { Person } from "./support/applicant";
import { linkIn, startTestSmtp, type TestSmtp } from "./support/smtp";

// Issue 12 item 7 (rest): "send the confirmation mail again" for someone who is not signed in.
// She gives her address on /bestaetigung-anfordern; the real portal sends through a real SMTP
// server. The answer is the same for an unconfirmed, a confirmed and an unknown address (no
// account enumeration); only the unconfirmed one gets a mail; the page is rate-limited per
// client address and per address asked for.
let smtp: TestSmtp;
let server: TestServer;
let counter = 0;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example", MAIL_POLL_MS: "50" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

function address(kind: string): string {
  return `resend.${kind}.${++counter}.${Date.now().toString(36)}@beispiel.example`;
}

/** Signs up (not confirmed) and takes the first confirmation mail out of the way. */
async function unconfirmed(language = "de"): Promise<{ email: string; password: string }> {
  const person = new Person(server.url, language);
  const email = address("offen");
  const password = `Tulpe Kanu Nebel ${Math.random().toString(36).slice(2, 8)}`;
  expect((await person.send("/registrieren", { email, password })).status).toBe(302);
  await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
  return { email, password };
}

/** The answer a signed-out person gets: status, redirect and the page she then sees. */
async function ask(person: Person, email: string, extra: Record<string, string> = {}) {
  const response = await person.send("/bestaetigung-anfordern", { email, ...extra });
  const location = response.headers.get("location");
  const page = location ? visibleText(await person.html(location)) : "";
  return { status: response.status, location, page, retryAfter: response.headers.get("retry-after") };
}

describe("send the confirmation mail again without being signed in", () => {
  it("sends a new, working link to an unconfirmed account, with the page she was going to", async () => {
    const { email } = await unconfirmed("ar");
    const person = new Person(server.url, "ar");
    const answer = await ask(person, email, { redirectTo: "/antrag" });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/bestaetigung-anfordern?status=gesendet&redirectTo=%2Fantrag");
    const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
    // In the language of the account (Arabic), with the return path in the link.
    expect(mail.headers["content-language"] ?? "").toContain("ar");
    const link = new URL(linkIn(mail, "/email-bestaetigen"));
    expect(link.searchParams.get("redirectTo")).toBe("/antrag");
    const confirmed = await person.get(link.pathname + link.search);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/email-bestaetigen?status=bestaetigt&redirectTo=%2Fantrag");
  });

  it("answers an unknown and a confirmed address exactly as an unconfirmed one, and sends them nothing", async () => {
    const open = await unconfirmed();
    const confirmedAccount = await unconfirmed();
    const first = await smtp.waitFor(confirmedAccount.email, () => true, 1).catch(() => null);
    expect(first).toBeNull(); // the sign-up mail was taken already
    // Confirm the second account through a fresh link.
    const other = new Person(server.url);
    await ask(other, confirmedAccount.email);
    const link = new URL(linkIn(await smtp.waitFor(confirmedAccount.email, (m) => m.text.includes("token=")), "/email-bestaetigen"));
    await other.get(link.pathname + link.search);
    const mailsBefore = smtp.to(confirmedAccount.email).length;

    const unknown = address("unbekannt");
    const answers = [];
    for (const email of [open.email, unknown, confirmedAccount.email]) answers.push(await ask(new Person(server.url), email));
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.location).toBe(answers[0].location);
      expect(answer.page).toBe(answers[0].page);
    }
    // The unconfirmed account's mail arrives; give the outbox worker time for any other.
    await smtp.waitFor(open.email, (m) => m.text.includes("/email-bestaetigen?token="));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.to(unknown)).toEqual([]);
    expect(smtp.to(confirmedAccount.email)).toHaveLength(mailsBefore);
  });

  it("limits requests per address asked for (3 an hour, known or not) and per client address (10 an hour)", async () => {
    for (const email of [(await unconfirmed()).email, address("unbekannt")]) {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await ask(new Person(server.url), email));
      expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 429]);
      expect(Number(answers[3].retryAfter)).toBeGreaterThan(0);
    }
    const person = new Person(server.url);
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask(person, address("ip"))).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(302));
    expect(statuses[10]).toBe(429);
  });

  it("is linked from the sign-in page, the sign-up answer and the signed-out confirmation page", async () => {
    const person = new Person(server.url);
    expect(await person.html("/anmelden")).toContain('href="/bestaetigung-anfordern"');
    expect(await person.html("/anmelden?redirectTo=%2Fantrag")).toContain('href="/bestaetigung-anfordern?redirectTo=%2Fantrag"');
    expect(await person.html("/registrieren?status=gesendet&redirectTo=%2Fantrag")).toContain('href="/bestaetigung-anfordern?redirectTo=%2Fantrag"');
    expect(await person.html("/email-bestaetigen?status=ungueltig")).toContain('href="/bestaetigung-anfordern"');
  });

  it("names the field in the error summary", async () => {
    const response = await new Person(server.url, "ar").send("/bestaetigung-anfordern", { email: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/<a href="#field-email">عنوان البريد الإلكتروني: /);
  });
});
