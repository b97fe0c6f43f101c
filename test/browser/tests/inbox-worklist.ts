// The caseworker's worklist in a real browser (issue 19, decision 038), German, at 1280 × 800 and
// again at 200 % zoom (a 640 × 400 CSS-pixel viewport with deviceScaleFactor 2): a Leistung
// caseworker searches for an application by name, assigns it to herself, opens it, accepts one
// document, asks for the other again with a reason, and sets the status. Each page is axe-clean;
// nothing scrolls sideways (the inbox rows stack at 640 px, the accept/reject buttons are not in a
// scrolling table); after each action the page is back at the section acted on; the shortcut
// Alt+Shift+A moves the focus to "Angenommen".
import { PDFDocument } from "pdf-lib";
import type { APIRequestContext, BrowserContextOptions, Page } from "playwright-core";
import { axeViolations, formatViolation, horizontalOverflow, waitForHydration } from "../checks";
import { createStaffAccount, signInStaff, signUp, type StaffAccount } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

async function csrfOf(request: APIRequestContext, url: string): Promise<string> {
  const html = await (await request.get(url)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${url}`);
  return token;
}

async function postForm(request: APIRequestContext, base: string, path: string, fields: Record<string, string>): Promise<string> {
  const response = await request.post(`${base}${path}`, { form: { _csrf: await csrfOf(request, `${base}${path}`), ...fields }, headers: { Origin: base }, maxRedirects: 0 });
  if (response.status() !== 302) throw new Error(`POST ${path} answered ${response.status()}`);
  return response.headers().location ?? "";
}

async function axeClean(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`axe on ${what}:\n${violations.map(formatViolation).join("\n")}`);
}

async function noSidewaysScrolling(page: Page, what: string): Promise<void> {
  const overflow = await horizontalOverflow(page);
  if (overflow.overflow) throw new Error(`${what} scrolls sideways (${overflow.scrollWidth} > ${overflow.width}): ${overflow.culprits.join(", ")}`);
}

/** A family name of letters only that no other test uses. */
function uniqueName(): string {
  const letters = "bcdfghklmnprstvwz";
  return `Quendt${Array.from({ length: 6 }, (_, i) => (i % 2 ? "aeiou"[Math.floor(Math.random() * 5)] : letters[Math.floor(Math.random() * letters.length)])).join("")}`;
}

/** An applicant who submits a complete application with two documents (ID card, rent contract). */
async function submittedApplication(env: TestEnv, lastName: string): Promise<string> {
  const context = await env.newContext();
  const page = await context.newPage();
  const signedUp = await signUp(page, env.base, { dataDir: env.server.dataDir });
  if (signedUp.missing) throw new Error("sign-up mail missing");
  const request = context.request;
  const location = await postForm(request, env.base, "/antrag", {});
  const id = /\/antrag\/([^/]+)\/gesichert/.exec(location)?.[1];
  if (!id) throw new Error(`"apply now" redirected to ${location}`);
  const at = (p: string) => `/antrag/${id}${p}`;
  await postForm(request, env.base, at("/person"), {
    firstName: "Helene",
    lastName,
    birthDate: "14.03.1988",
    nationality: "deutsch",
    street: "Hauptstraße 3",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: "",
    priorBenefits: "no",
  });
  // Her husband lives with her: a second person the caseworker can ask documents from.
  await postForm(request, env.base, at("/haushalt/neu"), { relationship: "spouse", firstName: "Jonas", lastName, birthDate: "02.02.1986", priorBenefits: "no" });
  await postForm(request, env.base, at("/haushalt"), { intent: "confirm", confirmed: "1" });
  // Angaben zu jeder Person (decision 043): German, so no residence questions.
  await postForm(request, env.base, at("/angaben/p2"), {
    sex: "male",
    nationality: "000",
    birthPlace: "Heinsberg",
    birthCountry: "Deutschland",
    familyStatus: "married",
    familyStatusSince: "01.06.2015",
    ableToWork: "yes",
    incapacity: "no",
    disabilityRecognised: "no",
    institution: "no",
  });
  await postForm(request, env.base, at("/angaben/p1"), {
    sex: "female",
    birthPlace: "Erkelenz",
    birthCountry: "Deutschland",
    familyStatus: "married",
    familyStatusSince: "01.06.2015",
    ableToWork: "yes",
    incapacity: "no",
    disabilityRecognised: "no",
    institution: "no",
  });
  await postForm(request, env.base, at("/wohnung"), { kind: "rent", coldRent: "400", utilities: "100", heating: "60", size: "50" });
  await postForm(request, env.base, at("/einkommen/p1"), { hasIncome: "no" });
  await postForm(request, env.base, at("/einkommen/p2"), { hasIncome: "no" });
  await postForm(request, env.base, at("/lage"), { items: "none" });
  await postForm(request, env.base, at("/konto"), { accountHolder: `Helene ${lastName}`, iban: "DE89 3704 0044 0532 0130 00" });
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const pdf = Buffer.from(await doc.save());
  for (const [item, name] of [
    ["identity.p1", "Personalausweis.pdf"],
    ["rent-contract", "Mietvertrag.pdf"],
  ]) {
    const url = `${env.base}${at("/unterlagen")}`;
    const response = await request.post(url, {
      multipart: { _csrf: await csrfOf(request, url), item, files: { name, mimeType: "application/pdf", buffer: pdf } },
      headers: { Origin: env.base },
      maxRedirects: 0,
    });
    // The no-JavaScript upload answers the page itself, naming the file.
    if (response.status() !== 200 || !(await response.text()).includes(name)) throw new Error(`upload of ${name} answered ${response.status()}`);
  }
  const submitted = await postForm(request, env.base, at("/pruefen"), { declaration: "1" });
  env.log(`application ${id} submitted (${submitted})`);
  await context.close();
  return id;
}

async function submitIn(page: Page, form: ReturnType<Page["locator"]>, button: string): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before && url.searchParams.has("gespeichert"), { timeout: 15_000 }), form.getByRole("button", { name: button }).first().click()]);
  await page.waitForLoadState("networkidle");
  await waitForHydration(page);
  // The notice of the section acted on says it is saved.
  await page.locator('main .notice[role="status"]').first().waitFor({ timeout: 10_000 });
  // The page kept its place: the section acted on is on screen, not the top of the page.
  await page
    .waitForFunction(
      () => {
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        if (!target) return false;
        const r = target.getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight;
      },
      null,
      { timeout: 5_000 },
    )
    .catch(async () => {
      const where = await page.evaluate(() => ({
        hash: location.hash,
        scrollY: window.scrollY,
        top: document.getElementById(decodeURIComponent(location.hash.slice(1)))?.getBoundingClientRect().top,
      }));
      throw new Error(`after "${button}" the section acted on is not on screen: ${JSON.stringify(where)}`);
    });
}

async function walk(env: TestEnv, page: Page, lastName: string, id: string, narrow: boolean): Promise<void> {
  const what = narrow ? "at 200 %" : "at 1280 px";
  await page.goto(`${env.base}/backoffice`);
  await waitForHydration(page);
  await noSidewaysScrolling(page, `the inbox ${what}`);

  // Search by name.
  await page.getByLabel("Suche", { exact: true }).fill(lastName.toLowerCase());
  await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === lastName.toLowerCase()), page.getByRole("button", { name: "Filter anwenden" }).click()]);
  await waitForHydration(page);
  const rows = page.locator("#inbox-caption ~ tbody tr, table:has(#inbox-caption) tbody tr");
  if ((await rows.count()) !== 1) throw new Error(`search for ${lastName} ${what}: ${await rows.count()} rows`);
  await noSidewaysScrolling(page, `the search result ${what}`);
  if (narrow) {
    const display = await rows.first().evaluate((tr) => getComputedStyle(tr).display);
    if (display !== "block") throw new Error(`inbox rows do not stack at 200 % (display: ${display})`);
  } else {
    // At 1280 px the table fits its region: no scrolling inside it either.
    const region = await page.locator('[role="region"][aria-labelledby="inbox-caption"]').evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    if (region.scroll > region.client + 1) throw new Error(`the inbox table scrolls sideways at 1280 px (${region.scroll} > ${region.client})`);
  }
  const sorted = await page.locator('th[aria-sort="descending"]').textContent();
  if (!sorted?.includes("Eingereicht")) throw new Error(`the sorted column is not announced (aria-sort on ${JSON.stringify(sorted)})`);
  await axeClean(page, `the inbox with a search ${what}`);
  env.log(`found by name ${what}`);

  // Open it.
  await Promise.all([page.waitForURL(new RegExp(`/backoffice/antraege/${id}`)), rows.first().getByRole("link").first().click()]);
  await waitForHydration(page);
  await page
    .locator("h1", { hasText: lastName })
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      throw new Error(`the application's heading does not name the person: ${await page.locator("h1").textContent()}`);
    });
  await page.waitForLoadState("networkidle");
  await noSidewaysScrolling(page, `the application ${what}`);
  await axeClean(page, `the application ${what}`);

  // Assign to me: back at the assignment section.
  await submitIn(page, page.locator("#zustaendig form").first(), "Mir zuweisen");
  if (new URL(page.url()).hash !== "#zustaendig") throw new Error(`after assigning the page is at ${page.url()}`);
  const assigned = await page.locator("#zustaendig").textContent();
  if (!assigned?.includes("Zuständig: Sie")) throw new Error(`assignment not shown: ${assigned}`);
  env.log(`assigned ${what}`);

  // The shortcut for "accept" (announced on the page).
  const files = page.locator(".review-list__item");
  if ((await files.count()) !== 2) throw new Error(`expected 2 handed-over files, found ${await files.count()}`);
  await page.locator("h1").click();
  await page.keyboard.press("Alt+Shift+KeyA");
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
  if (!focused.startsWith("Angenommen")) throw new Error(`Alt+Shift+A focused ${JSON.stringify(focused)}`);

  // The accept / reject buttons are on screen, not inside a scrolling table.
  const accept = files.nth(0).getByRole("button", { name: /^Angenommen/ });
  await accept.scrollIntoViewIfNeeded();
  const box = await accept.boundingBox();
  const viewport = page.viewportSize()!;
  if (!box || box.x < 0 || box.x + box.width > viewport.width) throw new Error(`"Angenommen" is off-screen ${what}: ${JSON.stringify(box)}`);
  if (await accept.evaluate((b) => Boolean(b.closest(".table-scroll")))) throw new Error("the review buttons sit in a scrolling table");

  // Accept the first file, ask again for the second with a reason.
  const firstId = (await files.nth(0).getAttribute("id"))!;
  await submitIn(page, files.nth(0).locator("form"), "Angenommen");
  if (new URL(page.url()).hash !== `#${firstId}`) throw new Error(`after accepting the page is at ${page.url()}, not #${firstId}`);
  if (!(await page.locator(`#${firstId}`).textContent())?.includes("Prüfung: angenommen")) throw new Error("the accepted file does not say so");
  const second = page.locator(".review-list__item").nth(1);
  const secondId = (await second.getAttribute("id"))!;
  await second.getByLabel(/^Begründung/).fill("Die zweite Seite fehlt.");
  await submitIn(page, second.locator("form"), "Neu anfordern");
  if (new URL(page.url()).hash !== `#${secondId}`) throw new Error(`after asking again the page is at ${page.url()}`);
  if (!(await page.locator(`#${secondId}`).textContent())?.includes("neu angefordert: Die zweite Seite fehlt.")) throw new Error("the file asked again does not show the reason");
  env.log(`reviewed ${what}`);

  // Ask for two documents of two persons in one step (issue 19 § 6).
  const requestForm = page.locator("#anforderungen form");
  const persons = requestForm.locator("fieldset fieldset").filter({ has: page.locator("legend bdi") });
  if ((await persons.count()) < 2) throw new Error(`the request form lists ${await persons.count()} persons, expected both`);
  for (let i = 0; i < 2; i++) await persons.nth(i).locator('input[type="checkbox"]').first().check();
  await requestForm.getByLabel(/^Was genau fehlt/).fill("Bitte die Lohnabrechnungen der letzten drei Monate.");
  const due = new Date(Date.now() + 14 * 86_400_000);
  await requestForm.getByLabel(/^Bis wann/).fill(`${String(due.getUTCDate()).padStart(2, "0")}.${String(due.getUTCMonth() + 1).padStart(2, "0")}.${due.getUTCFullYear()}`);
  await submitIn(page, requestForm, "Anfordern");
  if (new URL(page.url()).hash !== "#anforderungen") throw new Error(`after the request the page is at ${page.url()}`);
  const requested = page.locator("#anforderungen table tbody tr");
  if ((await requested.count()) !== 2) throw new Error(`expected 2 requests, the table has ${await requested.count()} rows`);
  const names = await requested.allTextContents();
  if (!names.some((r) => r.includes("Helene")) || !names.some((r) => r.includes("Jonas"))) throw new Error(`the requests do not name both persons: ${JSON.stringify(names)}`);
  await axeClean(page, `the application after the request ${what}`);
  env.log(`requested two documents of two persons ${what}`);

  // Status.
  const statusForm = page.locator("#stand form");
  await statusForm.getByLabel("Neuer Stand").selectOption({ label: "Unterlagen fehlen" });
  await submitIn(page, statusForm, "Stand speichern");
  if (new URL(page.url()).hash !== "#stand") throw new Error(`after the status the page is at ${page.url()}`);
  const header = await page.locator(".case-header").textContent();
  if (!header?.includes("Unterlagen fehlen")) throw new Error(`the header does not show the new status: ${header}`);
  // Who it is about stays in view on the wide screen (sticky header), and the section acted on
  // is not hidden under it; at 200 % the header scrolls away with the page.
  const layout = await page.evaluate(() => ({
    position: getComputedStyle(document.querySelector(".case-header")!).position,
    headerBottom: document.querySelector(".case-header")!.getBoundingClientRect().bottom,
    sectionTop: document.querySelector("#stand-title")!.getBoundingClientRect().top,
  }));
  if ((layout.position === "sticky") === narrow) throw new Error(`the header is ${layout.position} ${what}`);
  if (!narrow && layout.sectionTop < layout.headerBottom) throw new Error(`the status section is under the sticky header (${layout.sectionTop} < ${layout.headerBottom})`);
  await noSidewaysScrolling(page, `the application after the actions ${what}`);
  await axeClean(page, `the application after the actions ${what}`);

  // "Mine" and the deadline view.
  await page.goto(`${env.base}/backoffice?mein=1`);
  if (!(await page.locator("main").textContent())?.includes(lastName)) throw new Error(`"mine" does not list the assigned application ${what}`);
  await noSidewaysScrolling(page, `"mine" ${what}`);
  await page.goto(`${env.base}/backoffice/fristen?mein=1`);
  await noSidewaysScrolling(page, `the deadline view ${what}`);
  await axeClean(page, `the deadline view ${what}`);
  env.log(`status set, mine and deadlines checked ${what}`);
}

export default function inboxWorklistTests(env: TestEnv): BrowserTest[] {
  const sizes: Array<{ label: string; options: BrowserContextOptions; narrow: boolean }> = [
    { label: "1280 × 800", options: { viewport: { width: 1280, height: 800 } }, narrow: false },
    { label: "200 % zoom (640 × 400, deviceScaleFactor 2)", options: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }, narrow: true },
  ];
  return sizes.map((size) => ({
    name: `inbox worklist: a Leistung caseworker searches, assigns, reviews and sets the status at ${size.label}`,
    timeout: 150_000,
    fn: async () => {
      const staff: StaffAccount = await env.once("inbox-worklist-staff", () => createStaffAccount(env.server.dataDir, "leistung"));
      const lastName = uniqueName();
      const id = await submittedApplication(env, lastName);
      const context = await env.newContext(size.options);
      const page = await context.newPage();
      // The same account signs in twice (one test per size): each TOTP code works once.
      await signInStaff(page, env.base, staff, size.narrow ? 1 : 0);
      await walk(env, page, lastName, id, size.narrow);
    },
  }));
}
