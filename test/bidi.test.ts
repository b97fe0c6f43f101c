import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, fillAll, signedIn } from "./support/applicant";
import { startTestServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Issue 12, item 4: left-to-right runs inside Arabic and Farsi pages — reference numbers, §
// citations, German form wording and names — sit in an isolating element (<bdi>, or an element
// with dir="ltr"/"auto"), checked in the server-rendered HTML. SQLite, and PostgreSQL with
// TEST_DATABASE_URL.

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

/**
 * The element that directly holds `value` in its text: its start tag must be <bdi …> or carry
 * dir="ltr"/dir="auto" (or the value is wrapped in the Unicode isolates FSI/LRI … PDI). Every
 * occurrence counts.
 */
function isolations(html: string, value: string): Array<{ tag: string; isolated: boolean }> {
  const body = html.slice(html.indexOf("<body"));
  const out: Array<{ tag: string; isolated: boolean }> = [];
  for (let at = body.indexOf(value); at >= 0; at = body.indexOf(value, at + value.length)) {
    // Walk back to the start tag of the innermost open element around `at`.
    const before = body.slice(0, at);
    const tags = [...before.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)];
    const stack: Array<{ name: string; attrs: string }> = [];
    for (const m of tags) {
      const [, closing, name, attrs] = m;
      if (/^(br|img|input|meta|link|hr|source|wbr)$/i.test(name) || attrs.endsWith("/")) continue;
      if (closing) {
        const i = stack.map((s) => s.name).lastIndexOf(name);
        if (i >= 0) stack.length = i;
      } else stack.push({ name, attrs });
    }
    const inner = stack[stack.length - 1];
    if (!inner || inner.name === "script" || inner.name === "title" || inner.name === "option") continue;
    // In attribute-like text (labels built as strings) the Unicode isolates FSI/LRI … PDI do the same.
    const unicodeIsolated = /[\u2066\u2068]$/.test(before) && body[at + value.length] === "\u2069";
    out.push({ tag: `<${inner.name}${inner.attrs}>`, isolated: unicodeIsolated || inner.name === "bdi" || /\sdir="(ltr|auto)"/.test(inner.attrs) });
  }
  return out;
}

function expectIsolated(html: string, value: string, where: string) {
  const found = isolations(html, value);
  expect(found.length, `${value} on ${where}`).toBeGreaterThan(0);
  for (const f of found) expect(f.isolated, `${value} on ${where} sits in ${f.tag}`).toBe(true);
}

describe.each(["ar", "fa"])("left-to-right runs are isolated in %s", (lng) => {
  it("reference number, § citation, German wording and names", async () => {
    const { person, email } = await signedIn(server, smtp, lng);
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    await fillAll(person, id);
    const secured = await person.html(`/antrag/${id}/gesichert`);
    const reference = /A-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(secured)![0];
    expectIsolated(secured, reference, "gesichert");
    expectIsolated(await person.html(`/antrag/${id}`), reference, "task list");

    const documents = await person.html(`/antrag/${id}/unterlagen`);
    expectIsolated(documents, "§ 66 SGB I", "unterlagen");
    expectIsolated(documents, "Oleksandr Kovalenko", "unterlagen");

    const housing = await person.html(`/antrag/${id}/wohnung`);
    expectIsolated(housing, "Wie wohnen Sie?", "wohnung");

    expectIsolated(await person.html("/ombudsstelle"), "§ 84 SGG", "ombudsstelle");
    expectIsolated(await person.html("/glossar"), "§ 44 SGB X", "glossar");

    const income = await person.html(`/antrag/${id}/einkommen/p2`);
    expectIsolated(income, "Oleksandr Kovalenko", "einkommen/p2");
    // Plain text: the page title and the receipt mail isolate with FSI … PDI.
    expect(/<title>([^<]*)<\/title>/.exec(income)![1]).toContain("\u2068Oleksandr Kovalenko\u2069");
    expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
    const mail = await smtp.waitFor(email, (m) => m.text.includes(reference));
    const ownLanguage = mail.text.slice(0, mail.text.indexOf("Ihr Antrag") > 0 ? mail.text.indexOf("Ihr Antrag") : mail.text.length);
    expect(ownLanguage).toContain(`\u2068${reference}\u2069`);
  });
});
