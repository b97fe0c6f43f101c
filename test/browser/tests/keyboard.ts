// Keyboard only (Tab, Shift+Tab, Enter, Space and typing — no clicks): skip link, language
// switcher, English, then sign-in and sign-up pages from the header and the sign-up form.
// Every element that receives focus must show a visible focus indicator.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { activeElementInfo, isBody, settleLayout, settleScroll, waitForHydration, type FocusedElementInfo } from "../checks";
import { isSignedIn, PRECHECK_ANSWERS, TEST_PASSWORD, uniqueEmail, waitForMailLink } from "../flows";
import { ROOT } from "../server";
import type { BrowserTest, TestEnv } from "../types";

/**
 * Presses Tab (or Shift+Tab) until `predicate(info)` holds, checking the focus indicator of
 * every element on the way. Returns the matching element's info.
 */
async function tabTo(
  page: Page,
  what: string,
  predicate: (info: FocusedElementInfo) => boolean,
  focusProblems: Set<string>,
  { back = false, max = 40 }: { back?: boolean; max?: number } = {},
): Promise<FocusedElementInfo> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    let info = await activeElementInfo(page);
    if (isBody(info)) continue; // wrapped around past the end of the document
    if (!info.inViewport) {
      // The browser scrolls the focused element into view; give layout a frame to catch up
      // before calling it hidden (a person sees it once the scroll has happened).
      await settleLayout(page);
      const settled = await activeElementInfo(page);
      if (isBody(settled)) continue; // focus left the element meanwhile: as if wrapped around
      info = settled;
    }
    const where = new URL(page.url()).pathname;
    if (!info.visibleFocus) focusProblems.add(`${where}: no visible focus on ${info.desc} (outline ${info.outline}, box-shadow ${info.boxShadow})`);
    if (!info.inViewport) focusProblems.add(`${where}: focused element is not in the viewport: ${info.desc}`);
    if (predicate(info)) return info;
  }
  throw new Error(`keyboard: did not reach ${what} within ${max} ${back ? "Shift+Tab" : "Tab"} presses on ${page.url()}`);
}

async function pressAndWaitForUrl(page: Page, key: string, test: (url: URL) => boolean, what: string): Promise<void> {
  await Promise.all([page.waitForURL(test, { timeout: 10_000 }).catch(() => {}), page.keyboard.press(key)]);
  await page.waitForLoadState("load");
  if (!test(new URL(page.url()))) throw new Error(`keyboard: ${key} on ${what} did not navigate (still on ${page.url()})`);
  await waitForHydration(page).catch(() => {});
}

/** The focused element's form facts (value, checked state) beyond activeElementInfo. */
function focusedField(page: Page): Promise<{ value: string | null; checked: boolean; primary: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { value: el?.value ?? null, checked: Boolean(el?.checked), primary: el?.matches?.("button.button:not(.button--secondary)") ?? false };
  });
}

/**
 * One Vorabcheck step by keyboard alone: Tab through the page; in a radio group that has no
 * answer, Space picks the focused choice and the arrow keys move to the wanted one; text fields
 * get typed answers; Enter on the primary button submits. Returns when the URL changed.
 */
async function answerStepByKeyboard(page: Page, focusProblems: Set<string>): Promise<void> {
  const start = page.url();
  const handled = new Set<string | null>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const info = await activeElementInfo(page);
    if (isBody(info) || !info.inMain) continue;
    const where = new URL(page.url()).pathname;
    if (!info.visibleFocus) focusProblems.add(`${where}: no visible focus on ${info.desc}`);
    const field = await focusedField(page);
    if (info.tag === "a" && info.href === "/vorabcheck/ergebnis" && info.className.split(/\s+/).includes("button")) {
      // "Check your answers" ends with a link styled as the primary button.
      await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/vorabcheck/ergebnis", `the result link on ${where}`);
      return;
    }
    if (info.tag === "input" && info.type === "radio" && !handled.has(info.name)) {
      handled.add(info.name);
      if (!field.checked) await page.keyboard.press("Space");
      const wanted = info.name === null ? undefined : PRECHECK_ANSWERS[info.name];
      const arrow = (await page.locator("html").getAttribute("dir")) === "rtl" ? "ArrowLeft" : "ArrowDown";
      for (let k = 0; wanted && k < 10 && (await focusedField(page)).value !== wanted; k++) await page.keyboard.press(arrow);
    } else if (info.tag === "input" && info.name !== null && info.name in PRECHECK_ANSWERS && field.value === "") {
      await page.keyboard.type(PRECHECK_ANSWERS[info.name]);
    } else if (info.tag === "button" && field.primary) {
      await pressAndWaitForUrl(page, "Enter", (u) => u.href !== start, `the button on ${where}`);
      return;
    }
  }
  throw new Error(`keyboard: no submit button reached on ${page.url()}`);
}

export default function keyboardTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "keyboard only: the Vorabcheck from the start page to the result (Arabic, right to left)",
      timeout: 120_000,
      fn: async () => {
        const context = await env.newContext({ viewport: { width: 1024, height: 800 } });
        const page = await context.newPage();
        const focusProblems = new Set<string>();
        await page.goto(`${env.base}/?lng=ar`);
        await waitForHydration(page);
        await tabTo(page, "the link to the Vorabcheck", (i) => i.href === "/vorabcheck" && i.inMain, focusProblems, { max: 40 });
        await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/vorabcheck", "the Vorabcheck link");
        for (let step = 0; step < 15 && new URL(page.url()).pathname !== "/vorabcheck/ergebnis"; step++) {
          await answerStepByKeyboard(page, focusProblems);
        }
        if (new URL(page.url()).pathname !== "/vorabcheck/ergebnis") throw new Error(`keyboard: the Vorabcheck did not reach the result (stuck at ${page.url()})`);
        if ((await page.locator("html").getAttribute("dir")) !== "rtl") throw new Error("keyboard: the result page is not right-to-left");
        if ((await page.locator("main h1").count()) !== 1) throw new Error("keyboard: the result page has no single h1");
        if (focusProblems.size) throw new Error(`focus not visible:\n${[...focusProblems].map((p) => `  - ${p}`).join("\n")}`);
      },
    },
    {
      name: "keyboard only: skip link, language switcher → English, sign-in and sign-up by keyboard",
      timeout: 90_000,
      fn: async () => {
        const context = await env.newContext({ viewport: { width: 1024, height: 800 } });
        const page = await context.newPage();
        const focusProblems = new Set<string>();
        await page.goto(`${env.base}/?lng=de`);
        await waitForHydration(page);
        const germanH1 = (await page.locator("h1").textContent())!.trim();

        // 1. Skip link: first Tab, Enter moves focus to <main>.
        const skip = await tabTo(page, "the skip link", () => true, focusProblems, { max: 1 });
        if (!skip.className.includes("skip-link")) throw new Error(`keyboard: the first Tab focuses ${skip.desc}, not the skip link`);
        await page.keyboard.press("Enter");
        await settleScroll(page);
        const inMain = await page.evaluate(() => document.activeElement === document.querySelector("main"));
        if (!inMain) throw new Error(`keyboard: Enter on the skip link left focus on ${(await activeElementInfo(page)).desc}, not <main>`);

        // 2. Back up to the language switcher, open it with Space, choose English with Enter.
        await tabTo(page, "the language switcher", (i) => i.tag === "summary", focusProblems, { back: true, max: 15 });
        await page.keyboard.press("Space");
        if (!(await page.locator("details.language-switcher").evaluate((d: HTMLDetailsElement) => d.open))) throw new Error("keyboard: Space on the language switcher did not open it");
        await tabTo(page, "the English link", (i) => i.tag === "a" && i.lang === "en", focusProblems, { max: 12 });
        await pressAndWaitForUrl(page, "Enter", (u) => u.searchParams.get("lng") === "en", "the English link");
        const lang = await page.locator("html").getAttribute("lang");
        if (lang !== "en") throw new Error(`keyboard: after choosing English <html lang="${lang}">`);
        const en = JSON.parse(fs.readFileSync(path.join(ROOT, "locales/en/home.json"), "utf8")) as { heading: string };
        const h1 = (await page.locator("h1").textContent())!.trim();
        const [before, after] = en.heading.split(/\{\{\s*jobcenter\s*\}\}/);
        if (h1 === germanH1 || !h1.startsWith(before) || !h1.endsWith(after ?? "")) throw new Error(`keyboard: the English start page shows the heading "${h1}" (German: "${germanH1}")`);

        // 3. Sign in from the header, then sign up from the sign-in page.
        const signInResponse = await page.request.get(`${env.base}/anmelden`);
        if (signInResponse.status() === 404) {
          env.log("SKIPPED (route missing): /anmelden and /registrieren do not exist yet — keyboard sign-up not tested");
        } else {
          await tabTo(page, "the header's sign-in link", (i) => i.href === "/anmelden" && i.inHeader, focusProblems);
          await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/anmelden", "the sign-in link");
          await tabTo(page, "the link to /registrieren", (i) => i.href === "/registrieren" && i.inMain, focusProblems, { max: 60 });
          await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/registrieren", "the sign-up link");

          // 4. Fill and submit the sign-up form by keyboard alone.
          const email = uniqueEmail("keyboard");
          await tabTo(page, "the e-mail field", (i) => i.name === "email", focusProblems, { max: 40 });
          await page.keyboard.type(email);
          await tabTo(page, "the password field", (i) => i.name === "password", focusProblems, { max: 5 });
          await page.keyboard.type(TEST_PASSWORD);
          await tabTo(page, "the submit button", (i) => i.tag === "button" && i.type === "submit", focusProblems, { max: 5 });
          await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/registrieren" && u.searchParams.get("status") === "gesendet", "the sign-up button");
          await waitForMailLink(env.server.dataDir, email, "/email-bestaetigen?token=");

          // 5. And sign in with it, still by keyboard: /registrieren → /anmelden link.
          await tabTo(page, "the link to /anmelden on the sent page", (i) => i.href === "/anmelden" && i.inMain, focusProblems, { max: 40 });
          await pressAndWaitForUrl(page, "Enter", (u) => u.pathname === "/anmelden", "the sign-in link");
          await tabTo(page, "the e-mail field", (i) => i.name === "email", focusProblems, { max: 40 });
          await page.keyboard.type(email);
          await tabTo(page, "the password field", (i) => i.name === "password", focusProblems, { max: 5 });
          await page.keyboard.type(TEST_PASSWORD);
          await pressAndWaitForUrl(page, "Enter", (u) => u.pathname !== "/anmelden", "the password field (Enter submits)");
          if (!(await isSignedIn(page))) throw new Error(`keyboard: signing in by keyboard did not end signed in (now on ${page.url()})`);
          if ((await page.locator("html").getAttribute("lang")) !== "en") throw new Error("keyboard: the language changed from English during sign-up/sign-in");
        }
        if (focusProblems.size) throw new Error(`focus not visible:\n${[...focusProblems].map((p) => `  - ${p}`).join("\n")}`);
      },
    },
  ];
}
