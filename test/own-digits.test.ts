import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, signedIn } from "./support/applicant";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Issue 12, item 3: her own digits. Arabic-Indic (٠–٩) and Persian (۰–۹) digits and the Arabic
// decimal (٫) and thousands (٬) separators are posted like a browser without JavaScript does,
// and the server reads them as numbers: the pre-check, the Antrag (amounts, birth date, IBAN,
// postcode, phone). SQLite, and PostgreSQL with TEST_DATABASE_URL.

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

async function step(client: Browserish, path: string, fields: Record<string, string>): Promise<string> {
  const response = await client.post(path, fields);
  expect(response.status, `${path} → ${visibleText(await response.clone().text()).slice(0, 400)}`).toBe(302);
  return response.headers.get("location")!;
}

describe("the pre-check reads Arabic-Indic and Persian digits", () => {
  it.each([
    ["ar", "٣٤", "٤٥٠٫٥٠", "٨٥"],
    ["fa", "۳۴", "۴۵۰٫۵۰", "۸۵"],
  ])("in %s: age %s, rent %s, heating %s", async (lng, age, rent, heating) => {
    const client = new Browserish(server.url, lng);
    await step(client, "/vorabcheck?index", { concern: "first-application" });
    expect(await step(client, "/vorabcheck/person/neu", { age })).toBe("/vorabcheck/person/p1/lage");
    await step(client, "/vorabcheck/person/p1/lage", { work: "able", pregnant: "no", residence: "german", education: "none" });
    await step(client, "/vorabcheck/person/p1/einkommen", { employmentGross: "٧٢٠", employmentNet: "۵۸۰٫۲۵" });
    // A child of 4, so the check page lists "child، 4 years" (issue 12, item 5: the language's comma).
    const add = await step(client, "/vorabcheck/haushalt", { intent: "add", role: "child" });
    const lage = await step(client, add, { role: "child", age: lng === "ar" ? "٤" : "۴" });
    await step(client, await step(client, lage, {}), {});
    await step(client, "/vorabcheck/haushalt", { intent: "continue" });
    expect(await step(client, "/vorabcheck/wohnung", { grossColdRent: rent, heating, hotWater: "central" })).toBe("/vorabcheck/vermoegen");
    await step(client, "/vorabcheck/vermoegen", { assets: "١٬٢٠٠", longReceipt: "no" });
    const text = visibleText(await client.html("/vorabcheck/pruefen"));
    // The answers come back as the numbers she meant (formatted in her language's digits).
    const digits = (ascii: string) =>
      lng === "fa"
        ? ascii
            .replace(/\d/g, (d) => String.fromCodePoint(0x06f0 + Number(d)))
            .replace(".", "٫")
            .replace(",", "٬")
        : ascii;
    expect(text).toContain(digits("450.50"));
    expect(text).toContain(digits("580.25"));
    expect(text).toContain(digits("1,200.00"));
    expect(text).toMatch(/\b34\b/);
    expect(text).toMatch(/\S، \S*\s?4 /);
    expect(text).not.toMatch(/\S , |\S, \S*\s?4 /);
  });
});

describe("the Antrag reads Arabic-Indic and Persian digits", () => {
  it("birth date, postcode, phone, amounts, size and IBAN", async () => {
    const { person } = await signedIn(server, smtp, "ar");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const at = (p: string) => `/antrag/${id}${p}`;
    const ok = async (response: Response) => expect(response.status, visibleText(await response.clone().text()).slice(0, 600)).toBe(302);
    await ok(
      await person.send(at("/person"), {
        firstName: "مريم",
        lastName: "حداد",
        birthDate: "١٥.٠٣.٢٠٠٣",
        nationality: "syrisch",
        street: "Hauptstraße ١٢",
        postalCode: "٤١٨٤٤",
        municipality: "Wegberg",
        phone: "+٤٩ ۲۴۳۴ ١٢٣٤٥٦",
        priorBenefits: "no",
      }),
    );
    await ok(await person.send(at("/haushalt/neu"), { relationship: "child", firstName: "Amal", lastName: "Haddad", birthDate: "۲۰۲۱-۰۱-۲۰", priorBenefits: "no" }));
    await ok(await person.send(at("/wohnung"), { kind: "rent", coldRent: "٤٥٠٫٥٠", utilities: "١٢٠", heating: "۸۵", size: "٦٢" }));
    await ok(await person.send(at("/einkommen/p1"), { hasIncome: "yes", employment: "١٬٢٣٤٫٥٠" }));
    await ok(await person.send(at("/konto"), { accountHolder: "Maryam Haddad", iban: "DE٨٩ ٣٧٠٤ ٠٠٤٤ ٠٥٣٢ ٠١٣٠ ٠٠" }));

    // What was stored are the numbers she meant: the pages show them back.
    const personal = await person.html(at("/person"));
    expect(personal).toContain('value="41844"');
    expect(personal).toMatch(/value="(2003-03-15|15\.03\.2003)"/);
    expect(personal).toContain('value="+49 2434 123456"');
    expect(personal).toContain('value="Hauptstraße 12"');
    expect(await person.html(at("/haushalt/p2"))).toMatch(/value="(2021-01-20|20\.01\.2021)"/);
    const housing = await person.html(at("/wohnung"));
    expect(housing).toMatch(/value="450,50?"/);
    expect(housing).toMatch(/value="85(,00)?"/);
    expect(housing).toMatch(/value="62"/);
    expect(await person.html(at("/einkommen/p1"))).toMatch(/value="1\.?234,50?"/);
    expect((await person.html(at("/konto"))).replace(/\s/g, "")).toContain("DE89370400440532013000");
  });

  it("a wrong amount in Arabic digits still gets the amount message and keeps what was typed", async () => {
    const { person } = await signedIn(server, smtp, "ar");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const bad = await person.send(`/antrag/${id}/wohnung`, { kind: "rent", coldRent: "٤٥٠٫٥٠", utilities: "١٢٠ب", heating: "۸۵" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="١٢٠ب"');
  });
});

describe("nationality is a list in her language that hands the German name and the Destatis key on (issue 12, item 5)", () => {
  it("in Arabic: the select names Syria in Arabic; the PDF says 'syrisch (475)'", async () => {
    const { person } = await signedIn(server, smtp, "ar");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const page = await person.html(`/antrag/${id}/person`);
    const syria = new Intl.DisplayNames("ar", { type: "region" }).of("SY")!;
    expect(page).toMatch(/<select[^>]*name="nationality"/);
    expect(page).toContain(`<option value="475">${syria}</option>`);
    const saved = await person.send(`/antrag/${id}/person`, {
      firstName: "مريم",
      lastName: "حداد",
      birthDate: "15.03.2003",
      nationality: "475",
      street: "Hauptstraße 12",
      postalCode: "41844",
      municipality: "Wegberg",
      priorBenefits: "no",
    });
    expect(saved.status, visibleText(await saved.clone().text()).slice(0, 500)).toBe(302);
    expect(await person.html(`/antrag/${id}/person`)).toContain(`<option value="475" selected="">${syria}</option>`);
    const response = await person.get(`/antrag/${id}/pdf`);
    expect(response.status).toBe(200);
    const file = path.join(os.tmpdir(), `nationality-${id}.pdf`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    try {
      const pdf = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(pdf).toContain("syrisch (475)");
      expect(pdf).not.toContain(syria);
    } finally {
      fs.rmSync(file);
    }
  });
});
