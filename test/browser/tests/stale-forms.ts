// Forms under client-side navigation (issue 12, item 1): Remix keeps a route's component when only
// its parameters change, and uncontrolled fields (defaultValue, defaultChecked) then keep what the
// previous record showed. With JavaScript on, this walks an Antrag with a mother who earns 720 €,
// a child without income and a child with Kindergeld — only by clicking links, "save" and the
// browser's back button — and checks every field of every page against the record it belongs
// to; one page is saved unchanged and the stored answers (opened from the database) must show no
// wage for the child. Then booking step 2: two Standorte suggested one after the other, each must
// really be the selected radio, and the one chosen by hand is the one booked.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Locator, Page } from "playwright-core";
import { waitForHydration } from "../checks";
import { signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

const INCOME_FIELDS = ["employment", "selfEmployment", "unemploymentBenefit", "pension", "childBenefit", "maintenance", "other"] as const;

/** The application's answers as stored: opened with the server's demo DOCUMENT_KEY, like the portal does. */
function storedAnswers(dataDir: string, id: string): Record<string, unknown> {
  const master = Buffer.from(fs.readFileSync(path.join(dataDir, "keys", "document.key"), "utf8").trim(), "base64");
  const key = Buffer.from(crypto.hkdfSync("sha256", master, Buffer.alloc(0), "at-rest:application-data", 32));
  const db = new Database(path.join(dataDir, "portal.sqlite"), { readonly: true });
  try {
    const row = db.prepare("select data_sealed from applications where id = ?").get(id) as { data_sealed: string } | undefined;
    if (!row) throw new Error(`application ${id} is not in the database`);
    const raw = Buffer.from(row.data_sealed.slice(3), "base64url");
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

/** What the form shows: the checked value of each radio group, the value of each text field. */
async function shown(form: Locator): Promise<Record<string, string | null>> {
  return form.evaluate((el) => {
    const out: Record<string, string | null> = {};
    for (const input of Array.from(el.querySelectorAll<HTMLInputElement>('input:not([type="hidden"]):not([type="file"]), select, textarea'))) {
      if (!input.name) continue;
      if (input.type === "radio") {
        if (!(input.name in out)) out[input.name] = null;
        if (input.checked) out[input.name] = input.value;
      } else if (input.type === "checkbox") {
        out[`${input.name}=${input.value}`] = input.checked ? "checked" : null;
      } else out[input.name] = input.value;
    }
    return out;
  });
}

function expectShown(where: string, actual: Record<string, string | null>, expected: Record<string, string | null>): void {
  const wrong = Object.entries(expected).filter(([name, value]) => actual[name] !== value);
  if (wrong.length)
    throw new Error(`${where} shows another record's answers: ${wrong.map(([name, value]) => `${name} = ${JSON.stringify(actual[name])} (expected ${JSON.stringify(value)})`).join(", ")}`);
}

function incomeShown(hasIncome: string | null, amounts: Partial<Record<(typeof INCOME_FIELDS)[number], string>>): Record<string, string | null> {
  return { hasIncome, ...Object.fromEntries(INCOME_FIELDS.map((k) => [k, amounts[k] ?? ""])) };
}

/** Until Remix has loaded the new page's data and rendered it (the URL changes before that). */
async function settled(page: Page): Promise<void> {
  await waitForHydration(page);
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter?.state.navigation.state === "idle", null, { timeout: 20_000 });
}

async function clickAndWait(page: Page, target: Locator, to: (url: URL) => boolean): Promise<void> {
  await Promise.all([page.waitForURL(to, { timeout: 20_000 }), target.click()]);
  await settled(page);
}

async function back(page: Page, to: (url: URL) => boolean): Promise<void> {
  await Promise.all([page.waitForURL(to, { timeout: 20_000 }), page.goBack()]);
  await settled(page);
}

/** Saves the page's form (the "save" button) and waits for the next page; throws with the errors shown. */
async function save(page: Page, to: (url: URL) => boolean): Promise<void> {
  const before = page.url();
  await page.locator('main form button[type="submit"].button').last().click();
  const outcome = await Promise.race([
    page.waitForURL((url) => url.href !== before && to(url), { timeout: 20_000 }).then(() => "moved"),
    page
      .locator(".error-summary")
      .waitFor({ timeout: 20_000 })
      .then(() => "refused"),
  ]);
  if (outcome === "refused") throw new Error(`${new URL(before).pathname} refused the answers: ${(await page.locator(".error-summary").textContent())?.trim()}`);
  await settled(page);
}

const mainForm = (page: Page) => page.locator("main form:has(button.button)").last();

/** A marker on window: it survives client-side navigation only, so a full page load loses it. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 1));
}

async function assertSameDocument(page: Page, where: string): Promise<void> {
  const same = await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument === 1);
  if (!same) throw new Error(`${where}: the page was loaded in full — the test must navigate client-side`);
}

export default function staleFormTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "stale-forms: with JavaScript, the Antrag's household and income pages show each person's own answers (client-side navigation)",
      timeout: 180_000,
      fn: async () => {
        const context = await env.newContext();
        const page = await context.newPage();
        await signUp(page, env.base, { dataDir: env.server.dataDir });
        await page.goto(`${env.base}/antrag?lng=de`);
        await waitForHydration(page);
        await clickAndWait(page, page.locator('main form button[type="submit"]').first(), (u) => /\/antrag\/[0-9a-f-]{36}\/gesichert$/.test(u.pathname));
        const id = /\/antrag\/([0-9a-f-]{36})\//.exec(page.url())![1];
        const at = (p: string) => `/antrag/${id}${p}`;
        await markDocument(page);

        // The mother's details, from the task list.
        await clickAndWait(page, page.locator(`main a[href="${at("")}"]`).first(), (u) => u.pathname === at(""));
        await clickAndWait(page, page.locator(`main a[href="${at("/person")}"]`), (u) => u.pathname === at("/person"));
        const person = mainForm(page);
        await person.locator('[name="firstName"]').fill("Amal");
        await person.locator('[name="lastName"]').fill("Haddad");
        await person.locator('[name="birthDate"]').fill("15.03.1990");
        await person.locator('[name="nationality"]').selectOption("475");
        await person.locator('[name="street"]').fill("Hauptstraße 12");
        await person.locator('[name="postalCode"]').fill("41844");
        await person.locator('[name="municipality"]').fill("Wegberg");
        await person.locator('[name="priorBenefits"][value="no"]').check();
        await save(page, (u) => u.pathname === at(""));

        // Two children, added one after the other.
        const children = [
          { firstName: "Lina", lastName: "Haddad", birthDate: "02.05.2021" },
          { firstName: "Sami", lastName: "Haddad", birthDate: "11.09.2016" },
        ];
        await clickAndWait(page, page.locator(`main a[href="${at("/haushalt")}"]`), (u) => u.pathname === at("/haushalt"));
        for (const child of children) {
          await clickAndWait(page, page.locator(`main a[href="${at("/haushalt/neu")}"]`), (u) => u.pathname === at("/haushalt/neu"));
          const form = mainForm(page);
          expectShown("a new person", await shown(form), { relationship: null, firstName: "", lastName: "", birthDate: "", priorBenefits: null });
          await form.locator('[name="relationship"][value="child"]').check();
          await form.locator('[name="firstName"]').fill(child.firstName);
          await form.locator('[name="lastName"]').fill(child.lastName);
          await form.locator('[name="birthDate"]').fill(child.birthDate);
          await form.locator('[name="priorBenefits"][value="no"]').check();
          await save(page, (u) => u.pathname === at("/haushalt"));
        }
        // Each child's page (via "change") shows that child.
        const memberIds = await page.locator(`main .member-list a[href^="${at("/haushalt/")}"]`).evaluateAll((els) => els.map((e) => e.getAttribute("href")!.split("/").pop()!));
        if (memberIds.length !== 2) throw new Error(`the household lists ${memberIds.length} persons, expected 2`);
        for (const [i, memberId] of memberIds.entries()) {
          await clickAndWait(page, page.locator(`main a[href="${at(`/haushalt/${memberId}`)}"]`), (u) => u.pathname === at(`/haushalt/${memberId}`));
          expectShown(`the page of ${children[i].firstName}`, await shown(mainForm(page)), { relationship: "child", ...children[i], priorBenefits: "no" });
          await clickAndWait(page, page.locator("main a.back-link"), (u) => u.pathname === at("/haushalt"));
        }
        await page.locator('main form:has(input[name="intent"][value="confirm"]) input[name="confirmed"]').check();
        await save(page, (u) => u.pathname === at(""));

        // Income: "save" leads from one person's page to the next person's (the same route).
        const incomeLink = page.locator(`main a[href^="${at("/einkommen/")}"]`);
        await clickAndWait(page, incomeLink, (u) => u.pathname.startsWith(at("/einkommen/")));
        const [p1, p2, p3] = ["p1", ...memberIds];
        if (new URL(page.url()).pathname !== at(`/einkommen/${p1}`)) throw new Error(`the income section starts at ${page.url()}, not with the mother`);
        expectShown("the mother's income page", await shown(mainForm(page)), incomeShown(null, {}));
        await mainForm(page).locator('[name="hasIncome"][value="yes"]').check();
        await mainForm(page).locator('[name="employment"]').fill("720");
        await save(page, (u) => u.pathname === at(`/einkommen/${p2}`));

        expectShown("the first child's income page (after the mother's)", await shown(mainForm(page)), incomeShown(null, {}));
        await mainForm(page).locator('[name="hasIncome"][value="no"]').check();
        await save(page, (u) => u.pathname === at(`/einkommen/${p3}`));

        expectShown("the second child's income page (after the first child's)", await shown(mainForm(page)), incomeShown(null, {}));
        await mainForm(page).locator('[name="hasIncome"][value="yes"]').check();
        await mainForm(page).locator('[name="childBenefit"]').fill("255");
        await save(page, (u) => u.pathname === at(""));

        // Back through the history (client-side): each page shows its own person again.
        await back(page, (u) => u.pathname === at(`/einkommen/${p3}`));
        expectShown("the second child's income page (back)", await shown(mainForm(page)), incomeShown("yes", { childBenefit: "255" }));
        await back(page, (u) => u.pathname === at(`/einkommen/${p2}`));
        expectShown("the first child's income page (back, after the second child's)", await shown(mainForm(page)), incomeShown("no", {}));
        // Saved unchanged: the child still has no income.
        await save(page, (u) => u.pathname === at(""));
        await assertSameDocument(page, "the Antrag walk");

        const income = storedAnswers(env.server.dataDir, id).income as Record<string, { hasIncome: boolean; amounts: Record<string, number> }>;
        const expected = { [p1]: { hasIncome: true, amounts: { employment: 720 } }, [p2]: { hasIncome: false, amounts: {} }, [p3]: { hasIncome: true, amounts: { childBenefit: 255 } } };
        if (JSON.stringify(income) !== JSON.stringify(expected)) throw new Error(`stored income ${JSON.stringify(income)}, expected ${JSON.stringify(expected)}`);
      },
    },
    {
      name: "stale-forms: with JavaScript, booking step 2 really selects each suggested Standort, and the one chosen is booked",
      timeout: 90_000,
      fn: async () => {
        const context = await env.newContext();
        const page = await context.newPage();
        await signUp(page, env.base, { dataDir: env.server.dataDir });
        await page.goto(`${env.base}/termine/buchen?lng=de`);
        await waitForHydration(page);
        await markDocument(page);
        await page.locator('main input[name="anliegen"][value="antragsabgabe"]').check();
        await clickAndWait(page, page.locator("main form button.button").last(), (u) => u.pathname === "/termine/buchen/standort");

        const checked = () => page.locator('main input[name="standort"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        for (const [place, standort] of [
          ["Wegberg", "erkelenz-wegberg"],
          ["Gangelt", "heinsberg-westgemeinden"],
        ] as const) {
          await page.locator('main input[name="ort"]').fill(place);
          await clickAndWait(page, page.locator("main form.inline-search button"), (u) => u.searchParams.get("ort") === place);
          await page.locator('main [role="status"]').first().waitFor();
          const now = await checked();
          if (now.length !== 1 || now[0] !== standort) throw new Error(`after suggesting for ${place}, the selected Standort is ${JSON.stringify(now)}, expected ${standort}`);
        }
        // Chosen by hand instead: that one goes on to the times.
        await page.locator('main input[name="standort"][value="hueckelhoven-wassenberg"]').check();
        await clickAndWait(page, page.locator('main form[action="/termine/buchen/zeit"] button[type="submit"]'), (u) => u.pathname === "/termine/buchen/zeit");
        if (new URL(page.url()).searchParams.get("standort") !== "hueckelhoven-wassenberg") throw new Error(`the times are for ${page.url()}, not for the Standort chosen`);
        // Back to step 2: the page shows what the URL says.
        await back(page, (u) => u.pathname === "/termine/buchen/standort");
        const again = await checked();
        if (again.length !== 1 || again[0] !== "heinsberg-westgemeinden")
          throw new Error(`back on step 2 the selected Standort is ${JSON.stringify(again)}, expected the suggested heinsberg-westgemeinden`);
        await assertSameDocument(page, "the booking walk");
      },
    },
  ];
}
