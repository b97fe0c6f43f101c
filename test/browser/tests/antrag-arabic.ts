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
import { fill, mainForm, uploadPhotoAndPdf, walkTaskList, type Answers } from "../antrag-steps";
import { waitForHydration } from "../checks";
import { signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

/** Answers by field name (the same names on every page that asks them). */
export const ANSWERS: Answers = {
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

/** The children were born in Germany: their entry date is their birth date. */
const ENTRY_DATES: Record<string, string> = { p3: "02.05.2016", p4: "11.09.2019" };

/** The further members: a partner who earns, two children. */
const MEMBERS: Answers[] = [
  { relationship: "spouse", firstName: "Omar", lastName: "Haddad", birthDate: "20.01.1986", priorBenefits: "no" },
  { relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "02.05.2016", priorBenefits: "no" },
  { relationship: "child", firstName: "Sami", lastName: "Haddad", birthDate: "11.09.2019", priorBenefits: "no" },
];

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
        env.log(`application ${id}`);

        const visited = await walkTaskList(page, {
          base: env.base,
          id,
          answers: ANSWERS,
          newMembers: MEMBERS,
          // One income: the partner (p2) works, nobody else has income.
          income: (who): Answers => (who === "p2" ? { hasIncome: "yes", employment: "1200" } : { hasIncome: "no" }),
          details: (who): Answers => (ENTRY_DATES[who] ? { entryDate: ENTRY_DATES[who] } : {}),
          log: env.log,
          onTaskList: async (p) => {
            if ((await p.locator("html").getAttribute("dir")) !== "rtl") throw new Error("the task list is not right to left");
          },
        });
        env.log(`sections: ${visited.join(", ")}`);
        for (const needed of ["person", "haushalt", "angaben/p1", "wohnung", "konto"]) {
          if (!visited.includes(needed)) throw new Error(`the task list never offered "${needed}" (visited: ${visited.join(", ")})`);
        }

        // Uploads with JavaScript (resumable): a photo of the passport, the rent contract as PDF.
        await page.goto(`${env.base}/antrag/${id}/unterlagen?lng=ar`);
        await waitForHydration(page);
        await uploadPhotoAndPdf(page);
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
