// The whole online application on a 360 px phone in Arabic (issue "Online Antrag" § 6): sign up,
// "apply now", every section of the task list for a four-person household (two adults, two
// children, one income) through the real pages with JavaScript, a photo and a PDF uploaded,
// check answers, declaration, submit; then the receipt (reference, Antragsdatum, right to left,
// the German part) and the PDF (pdftotext) with the answers.
//
// The task list is followed generically: the test opens the first section that is not done,
// fills the fields it knows by name (and answers "no" to yes/no questions it does not know), so
// sections added later do not need a change here unless they ask for something new.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import type { Locator, Page } from "playwright-core";
import sharp from "sharp";
import { waitForHydration } from "../checks";
import { signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

/** Answers by field name: text, a radio or checkbox value, or true to tick a single checkbox. */
type Answers = Record<string, string | boolean>;

/** Answers by field name (the same names on every page that asks them). */
const ANSWERS: Answers = {
  firstName: "مريم",
  lastName: "حداد",
  birthDate: "15.03.1988",
  nationality: "475", // Syria, from the list (Destatis key; the option reads in Arabic)
  street: "Hauptstraße 12",
  postalCode: "41844",
  municipality: "Wegberg",
  phone: "02434 123456",
  priorBenefits: "no",
  kind: "rent",
  coldRent: "620",
  utilities: "180",
  heating: "110",
  size: "85",
  accountHolder: "Mariam Haddad",
  iban: "DE89 3704 0044 0532 0130 00",
  // Angaben zu jeder Person: everyone Syrian with an Aufenthaltserlaubnis (the radio questions it does not name get their first choice or "no").
  birthPlace: "Aleppo",
  birthCountry: "Syrien",
  residenceDocument: "residencePermit",
  validUntil: "30.06.2029",
  entryDate: "01.02.2016",
  familyStatus: "married",
  familyStatusSince: "10.06.2010",
  confirmed: true,
  declaration: true,
  documentsDigital: true,
};

/** The further members: a partner who earns, two children. */
const MEMBERS: Answers[] = [
  { relationship: "spouse", firstName: "Omar", lastName: "Haddad", birthDate: "20.01.1986", priorBenefits: "no" },
  { relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "02.05.2016", priorBenefits: "no" },
  { relationship: "child", firstName: "Sami", lastName: "Haddad", birthDate: "11.09.2019", priorBenefits: "no" },
];

/** The children were born in Germany: their entry date is their birth date. */
const ENTRY_DATES: Record<string, string> = { p3: "02.05.2016", p4: "11.09.2019" };

/** The form on the page that asks something (not the hidden-only forms such as "remove"). */
async function mainForm(page: Page): Promise<Locator> {
  const forms = page.locator("main form");
  for (let i = (await forms.count()) - 1; i >= 0; i--) {
    const form = forms.nth(i);
    if ((await form.locator('input:not([type="hidden"]), select, textarea').count()) > 0) return form;
  }
  throw new Error(`no form with fields on ${page.url()}`);
}

async function fill(form: Locator, answers: Answers): Promise<void> {
  const fields = form.locator('input:not([type="hidden"]):not([type="file"]), select, textarea');
  const names = [...new Set(await fields.evaluateAll((els) => els.map((e) => e.getAttribute("name")).filter((n): n is string => Boolean(n))))];
  for (const name of names) {
    const field = form.locator(`[name="${name}"]`);
    const type = (await field.first().getAttribute("type")) ?? (await field.first().evaluate((e) => e.tagName.toLowerCase()));
    const wanted = answers[name];
    // Questions revealed by an earlier answer become visible once it is given; others stay hidden.
    const visible = await field
      .first()
      .waitFor({ state: "visible", timeout: wanted === undefined ? 500 : 3_000 })
      .then(
        () => true,
        () => false,
      );
    if (!visible) continue;
    if (type === "radio") {
      const values = await field.evaluateAll((els) => els.map((e) => e.getAttribute("value")));
      if ((await form.locator(`[name="${name}"]:checked`).count()) > 0 && wanted === undefined) continue;
      const value = wanted !== undefined && values.includes(String(wanted)) ? String(wanted) : values.includes("no") ? "no" : values[0];
      await form.locator(`[name="${name}"][value="${value}"]`).check();
    } else if (type === "checkbox") {
      const values = await field.evaluateAll((els) => els.map((e) => e.getAttribute("value")));
      if (wanted === true) await field.first().check();
      else if (typeof wanted === "string" && values.includes(wanted)) await form.locator(`[name="${name}"][value="${wanted}"]`).check();
      // A checkbox question with "none of these" as its explicit answer.
      else if (values.length > 1 && values.includes("none") && (await form.locator(`[name="${name}"]:checked`).count()) === 0) await form.locator(`[name="${name}"][value="none"]`).check();
    } else if (type === "select") {
      if (wanted !== undefined) await field.first().selectOption(String(wanted));
    } else if (wanted !== undefined && typeof wanted === "string") {
      await field.first().fill(wanted);
    }
  }
}

/** Submits and waits for the next page (another URL) — or throws with the errors shown. */
async function submit(page: Page, form: Locator): Promise<void> {
  const before = page.url();
  await form.locator('button[type="submit"]').last().click();
  const moved = page.waitForURL((url) => url.href !== before, { timeout: 20_000 }).then(() => "moved");
  const refused = page
    .locator(".error-summary")
    .waitFor({ timeout: 20_000 })
    .then(() => "refused");
  const outcome = await Promise.race([moved, refused]);
  if (outcome === "refused") throw new Error(`${new URL(before).pathname} refused the answers: ${(await page.locator(".error-summary").textContent())?.trim()}`);
  await page.waitForLoadState("load");
}

export default function antragArabicTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "antrag-arabic: a four-person household applies on a 360 px phone in Arabic, uploads a photo and a PDF, submits; receipt and PDF are right",
      timeout: 240_000,
      fn: async () => {
        const context = await env.newContext({ locale: "ar", viewport: { width: 360, height: 800 } });
        const page = await context.newPage();
        await signUp(page, env.base, { dataDir: env.server.dataDir, lng: "ar" });
        env.log("signed up (ar)");

        // Apply now: the Antragsdatum is secured.
        await page.goto(`${env.base}/antrag?lng=ar`);
        await waitForHydration(page);
        await page.locator('main form button[type="submit"]').first().click();
        await page.waitForURL(/\/antrag\/[0-9a-f-]{36}\/gesichert$/, { timeout: 20_000 });
        const id = /\/antrag\/([0-9a-f-]{36})\//.exec(page.url())![1];
        const taskList = `${env.base}/antrag/${id}`;
        env.log(`application ${id}`);

        const visited: string[] = [];
        for (let round = 0; round < 40; round++) {
          await page.goto(taskList);
          await waitForHydration(page);
          if ((await page.locator("html").getAttribute("dir")) !== "rtl") throw new Error("the task list is not right to left");
          const open = page
            .locator(".task-list__item")
            .filter({ hasNot: page.locator(".tag--done") })
            .locator("a.task-list__link");
          if ((await open.count()) === 0) break;
          const href = (await open.first().getAttribute("href"))!;
          visited.push(href.replace(`/antrag/${id}/`, ""));
          await Promise.all([page.waitForURL((url) => url.pathname === href, { timeout: 20_000 }), open.first().click()]);
          await waitForHydration(page);
          const section = href.replace(`/antrag/${id}/`, "");
          env.log(`section ${section}`);
          if (section === "haushalt") {
            for (const member of MEMBERS) {
              await page.locator(`main a[href="/antrag/${id}/haushalt/neu"]`).click();
              await page.waitForURL((url) => url.pathname.endsWith("/haushalt/neu"), { timeout: 20_000 });
              await waitForHydration(page);
              const form = await mainForm(page);
              await fill(form, member);
              await submit(page, form);
              await waitForHydration(page);
            }
            const confirm = page.locator('main form:has(input[name="intent"][value="confirm"])');
            await fill(confirm, ANSWERS);
            await submit(page, confirm);
          } else if (section.startsWith("einkommen/")) {
            // One income: the partner (p2) works, nobody else has income.
            for (let person = 0; person < 4 && new URL(page.url()).pathname.includes("/einkommen/"); person++) {
              const who = new URL(page.url()).pathname.split("/").pop();
              const form = await mainForm(page);
              await fill(form, who === "p2" ? { hasIncome: "yes", employment: "1200" } : { hasIncome: "no" });
              await submit(page, form);
              await waitForHydration(page);
            }
          } else if (section.startsWith("angaben/")) {
            // One page per person; the task list opens the next one not done.
            const who = section.split("/").pop()!;
            const form = await mainForm(page);
            await fill(form, { ...ANSWERS, entryDate: ENTRY_DATES[who] ?? String(ANSWERS.entryDate) });
            await submit(page, form);
          } else {
            const form = await mainForm(page);
            await fill(form, ANSWERS);
            await submit(page, form);
          }
        }
        env.log(`sections: ${visited.join(", ")}`);
        for (const needed of ["person", "haushalt", "angaben/p1", "wohnung", "konto"]) {
          if (!visited.includes(needed)) throw new Error(`the task list never offered "${needed}" (visited: ${visited.join(", ")})`);
        }

        // Uploads with JavaScript (resumable): a photo of the passport, the rent contract as PDF.
        await page.goto(`${env.base}/antrag/${id}/unterlagen?lng=ar`);
        await waitForHydration(page);
        const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 90, b: 160 } } })
          .jpeg()
          .toBuffer();
        const doc = await PDFDocument.create();
        doc.addPage([200, 200]);
        const pdf = Buffer.from(await doc.save());
        const uploads: Array<[item: string, file: { name: string; mimeType: string; buffer: Buffer }]> = [
          ["identity.p1", { name: "جواز-السفر.jpg", mimeType: "image/jpeg", buffer: photo }],
          ["rent-contract", { name: "عقد-الإيجار.pdf", mimeType: "application/pdf", buffer: pdf }],
        ];
        for (const [item, file] of uploads) {
          const form = page.locator(`main form:has(input[name="item"][value="${item}"])`);
          await form.locator('input[type="file"]:not([capture])').setInputFiles(file);
          await form.locator('button[type="submit"]').first().click();
          const section = page.locator(`main section:has(input[name="item"][value="${item}"])`);
          await section
            .locator(".file-list li")
            .filter({ hasText: file.name.replace(/\.jpg$/, "") })
            .first()
            .waitFor({ timeout: 30_000 });
        }
        env.log("photo and PDF uploaded");

        // Check answers, declare, submit.
        await page.goto(`${env.base}/antrag/${id}/pruefen?lng=ar`);
        await waitForHydration(page);
        const check = await mainForm(page);
        await fill(check, ANSWERS);
        await check.locator('button[type="submit"]').last().click();
        await page.waitForURL((url) => url.pathname === `/antrag/${id}/bestaetigung`, { timeout: 30_000 });
        await page.waitForLoadState("load");

        // The receipt: right to left, reference, Antragsdatum in Arabic and the German part.
        await page.locator("main h1").first().waitFor();
        await waitForHydration(page);
        if ((await page.locator("html").getAttribute("dir")) !== "rtl") throw new Error("the receipt is not right to left");
        const receipt = (await page.locator("main").innerText()) ?? "";
        const reference = /A-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(receipt)?.[0];
        if (!reference) throw new Error(`the receipt shows no reference number (${page.url()}): ${receipt.slice(0, 600)}`);
        if (!receipt.includes("تاريخ")) throw new Error("the receipt shows no Antragsdatum in Arabic");
        if (!receipt.includes("Antragsdatum")) throw new Error("the receipt has no German part with the Antragsdatum");
        if (!/\d{1,2}\.\s?\S+\s\d{4}|\d{2}\.\d{2}\.\d{4}/.test(receipt)) throw new Error("the receipt shows no date in German form");
        env.log(`receipt ${reference}`);

        // The PDF: every answer, in German, with the names in their script.
        const response = await context.request.get(`${env.base}/antrag/${id}/pdf`);
        if (response.status() !== 200) throw new Error(`GET /antrag/${id}/pdf answered ${response.status()}`);
        const file = path.join(os.tmpdir(), `antrag-ar-${id}.pdf`);
        fs.writeFileSync(file, await response.body());
        const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
        fs.rmSync(file);
        for (const expected of [
          reference,
          "Omar",
          "Lina",
          "Sami",
          "Hauptstraße 12",
          "41844",
          "Wegberg",
          "DE89 3704 0044 0532 0130 00",
          "620,00",
          "1.200,00",
          "Anlage: WEP",
          "Anlage: KI",
          "Aleppo",
          "Aufenthaltserlaubnis (Aufenthaltstitel)",
        ]) {
          if (!text.includes(expected)) throw new Error(`the PDF lacks "${expected}"`);
        }
        if (!/مريم|ميرم|حداد|دادح/.test(text.normalize("NFKC"))) throw new Error("the PDF lacks the applicant's name in Arabic script");
      },
    },
  ];
}
