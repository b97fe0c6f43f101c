// Booking an appointment end to end in the browser: once by keyboard alone (Tab, Shift+Tab,
// Space, arrow keys, Enter — no clicks) in Turkish on a phone-sized screen, and once with
// JavaScript switched off (plain GET/POST forms). Each walk: concern → Standort → time → the
// held time is confirmed with an interpreter → confirmation page → cancel (asked first).
import type { Page } from "playwright-core";
import { activeElementInfo, isBody, waitForHydration, type FocusedElementInfo } from "../checks";
import { signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

const STANDORT = "hueckelhoven-wassenberg";

async function tabTo(
  page: Page,
  what: string,
  predicate: (info: FocusedElementInfo) => boolean,
  focusProblems: Set<string>,
  { back = false, max = 80 }: { back?: boolean; max?: number } = {},
): Promise<FocusedElementInfo> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const info = await activeElementInfo(page);
    if (isBody(info)) continue;
    const where = new URL(page.url()).pathname;
    if (!info.visibleFocus) focusProblems.add(`${where}: no visible focus on ${info.desc}`);
    if (predicate(info)) return info;
  }
  throw new Error(`keyboard: did not reach ${what} within ${max} presses on ${page.url()}`);
}

async function pressAndWaitForUrl(page: Page, key: string, test: (url: URL) => boolean, what: string): Promise<void> {
  await Promise.all([page.waitForURL(test, { timeout: 10_000 }).catch(() => {}), page.keyboard.press(key)]);
  await page.waitForLoadState("load");
  if (!test(new URL(page.url()))) throw new Error(`keyboard: ${key} on ${what} did not lead on (still on ${page.url()})`);
  await waitForHydration(page).catch(() => {});
}

const focusedValue = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { value: el?.value ?? null, checked: Boolean(el?.checked) };
  });

/** In a radio group reached by Tab: Space picks the focused choice, arrows move to `wanted`. */
async function chooseRadio(page: Page, wanted: string): Promise<void> {
  if (!(await focusedValue(page)).checked) await page.keyboard.press("Space");
  for (let k = 0; k < 12 && (await focusedValue(page)).value !== wanted; k++) await page.keyboard.press("ArrowDown");
  const now = await focusedValue(page);
  if (now.value !== wanted || !now.checked) throw new Error(`keyboard: could not choose "${wanted}" in the radio group (at "${now.value}")`);
}

const isPrimaryButton = (i: FocusedElementInfo): boolean => i.tag === "button" && i.inMain && /\bbutton\b/.test(i.className) && !/button--secondary/.test(i.className);

export default function bookingTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "booking: keyboard only, in Turkish on a phone — book, see the confirmation, cancel",
      timeout: 120_000,
      fn: async () => {
        const context = await env.newContext();
        const page = await context.newPage();
        const focusProblems = new Set<string>();
        const result = await signUp(page, env.base, { dataDir: env.server.dataDir, lng: "tr" });
        if (result.missing) return env.log("SKIPPED: /registrieren does not exist yet");

        await page.goto(`${env.base}/termine?lng=tr`);
        await waitForHydration(page);
        await tabTo(page, "the link to book", (i) => i.href === "/termine/buchen" && i.inMain, focusProblems);
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/termine/buchen", "the booking link");

        await tabTo(page, "the concern choices", (i) => i.name === "anliegen", focusProblems);
        await chooseRadio(page, "antragsabgabe");
        await tabTo(page, "the continue button", isPrimaryButton, focusProblems);
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/termine/buchen/standort", "the concern form");

        await tabTo(page, "the Standort choices", (i) => i.name === "standort", focusProblems);
        await chooseRadio(page, STANDORT);
        await tabTo(page, "the button that shows free times", (i) => isPrimaryButton(i) && i.type === "submit", focusProblems);
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/termine/buchen/zeit" && u.searchParams.get("standort") === STANDORT, "the Standort form");

        // The earliest times may be inside the change deadline: go to later days first.
        await tabTo(page, "the link to later times", (i) => i.tag === "a" && i.inMain && (i.href ?? "").includes("ab="), focusProblems, { max: 150 });
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/termine/buchen/zeit" && u.searchParams.has("ab"), "the later-times link");
        await tabTo(page, "the first free time", (i) => i.name === "slotId", focusProblems);
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname.startsWith("/termine/buchen/bestaetigen/"), "a free time");
        const id = new URL(page.url()).pathname.split("/").pop();

        // An interpreter for Turkish: "yes"; the language is preselected from the Turkish page.
        await tabTo(page, "the interpreter choices", (i) => i.name === "interpreter", focusProblems);
        await chooseRadio(page, "yes");
        await tabTo(page, "the interpreter language", (i) => i.name === "interpreterLanguage", focusProblems);
        if ((await focusedValue(page)).value !== "tr") throw new Error("keyboard: Turkish is not preselected as the interpreter language on a Turkish page");
        await tabTo(page, "the book button", (i) => i.name === "intent" && isPrimaryButton(i), focusProblems);
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === `/termine/${id}` && u.searchParams.get("gebucht") === "1", "the book button");
        if ((await page.locator("html").getAttribute("lang")) !== "tr") throw new Error("the confirmation page is not in Turkish");
        if ((await page.locator('main [role="status"]').count()) === 0) throw new Error("the confirmation page shows no booked notice");
        if ((await page.locator(`main a[href="/termine/${id}/kalender.ics"]`).count()) !== 1) throw new Error("the confirmation page has no calendar file link");

        await tabTo(page, "the cancel link", (i) => i.href === `/termine/${id}/absagen`, focusProblems);
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === `/termine/${id}/absagen`, "the cancel link");
        await tabTo(page, "the confirm-cancel button", (i) => i.tag === "button" && i.inMain && i.type === "submit", focusProblems);
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/termine" && u.searchParams.has("abgesagt"), "the cancel button");
        if (focusProblems.size) throw new Error(`focus not visible:\n${[...focusProblems].map((p) => `  - ${p}`).join("\n")}`);
      },
    },
    {
      name: "booking: without JavaScript — an error keeps the answers, booking, rebooking and cancelling work",
      timeout: 120_000,
      fn: async () => {
        const setup = await env.newContext();
        const setupPage = await setup.newPage();
        const result = await signUp(setupPage, env.base, { dataDir: env.server.dataDir });
        if (result.missing) return env.log("SKIPPED: /registrieren does not exist yet");
        const context = await env.newContext({ javaScriptEnabled: false });
        await context.addCookies(await setup.cookies());
        const page = await context.newPage();

        await page.goto(`${env.base}/termine/buchen?lng=de`);
        await page.locator('main input[name="anliegen"][value="antragsabgabe"]').check();
        await page.locator("main form button.button").last().click();
        await page.waitForURL((u) => u.pathname === "/termine/buchen/standort");
        await page.locator(`main input[name="standort"][value="${STANDORT}"]`).check();
        await page.locator('main form[action="/termine/buchen/zeit"] button[type="submit"]').click();
        await page.waitForURL((u) => u.pathname === "/termine/buchen/zeit");
        // The last time shown: days ahead, so well before the change deadline.
        await page.locator('main button[name="slotId"]').last().click();
        await page.waitForURL((u) => u.pathname.startsWith("/termine/buchen/bestaetigen/"));
        const id = new URL(page.url()).pathname.split("/").pop();

        // Interpreter "yes" without a language: refused, and what was entered stays.
        await page.locator('main input[name="interpreter"][value="yes"]').check();
        await page.locator('main input[name="needs"][value="other"]').check();
        await page.locator('main textarea[name="accessibilityOther"]').fill("Bitte einen Stuhl mit Armlehnen");
        await page.locator('main button[name="intent"][value="book"]').click();
        await page.waitForLoadState("load");
        if ((await page.locator(".error-summary").count()) === 0) throw new Error("no error summary for a missing interpreter language");
        if ((await page.locator('main textarea[name="accessibilityOther"]').inputValue()) !== "Bitte einen Stuhl mit Armlehnen") throw new Error("the text entered was lost after the error");
        if (!(await page.locator('main input[name="needs"][value="other"]').isChecked())) throw new Error("the ticked need was lost after the error");
        await page.locator('main select[name="interpreterLanguage"]').selectOption("ar");
        await page.locator('main button[name="intent"][value="book"]').click();
        await page.waitForURL((u) => u.pathname === `/termine/${id}` && u.searchParams.get("gebucht") === "1");

        // Rebook to another time, then cancel.
        await page.locator(`main a[href^="/termine/buchen/zeit?"][href*="umbuchen=${id}"]`).click();
        await page.waitForURL((u) => u.pathname === "/termine/buchen/zeit" && u.searchParams.get("umbuchen") === id);
        const times = page.locator('main button[name="slotId"]');
        await times.nth((await times.count()) - 2).click();
        await page.waitForURL((u) => u.pathname.startsWith("/termine/buchen/bestaetigen/"));
        const second = new URL(page.url()).pathname.split("/").pop();
        await page.locator('main button[name="intent"][value="book"]').click();
        await page.waitForURL((u) => u.pathname === `/termine/${second}` && u.searchParams.get("umgebucht") === "1");
        await page.locator(`main a[href="/termine/${second}/absagen"]`).click();
        await page.waitForURL((u) => u.pathname === `/termine/${second}/absagen`);
        await page.locator('main form button[type="submit"]').click();
        await page.waitForURL((u) => u.pathname === "/termine" && u.searchParams.has("abgesagt"));
        const notice = (await page.locator('main [role="status"]').textContent()) ?? "";
        if (!notice.includes(new URL(page.url()).searchParams.get("abgesagt")!)) throw new Error(`the cancellation notice does not name the appointment: "${notice.trim()}"`);
      },
    },
  ];
}
