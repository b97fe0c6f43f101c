// Right-to-left layout (Arabic, Persian) at 360 px, plus screenshots for a human look:
// test-results/screens/<name>.png (git-ignored).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { settleLayout, waitForHydration } from "../checks";
import type { BrowserTest, TestEnv } from "../types";

const PHONE = { width: 360, height: 800 };

async function rtlFacts(page: Page) {
  return page.evaluate(() => {
    // Object methods, not named functions: tsx would wrap those in __name(), unknown in the page
    // (see checks.ts).
    const measure = {
      rect(el: Element) {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, width: r.width, top: r.top, bottom: r.bottom };
      },
      box(el: Element | null | undefined) {
        return el ? measure.rect(el) : null;
      },
      textBox(el: Element | null | undefined) {
        if (!el) return null;
        const range = document.createRange();
        range.selectNodeContents(el);
        const rects = [...range.getClientRects()];
        return rects.length ? { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) } : null;
      },
    };
    const inner = document.querySelector("header .site-header__inner") ?? document.querySelector("header");
    const first = inner?.firstElementChild;
    const last = inner?.lastElementChild;
    const h1 = document.querySelector("main h1");
    const navFirst = document.querySelector("header nav a");
    return {
      width: document.documentElement.clientWidth,
      htmlDir: document.documentElement.dir,
      bodyDirection: getComputedStyle(document.body).direction,
      mainDirection: getComputedStyle(document.querySelector("main")!).direction,
      h1Direction: h1 ? getComputedStyle(h1).direction : null,
      h1TextAlign: h1 ? getComputedStyle(h1).textAlign : null,
      firstHeader: first ? { desc: first.className || first.tagName, ...measure.rect(first) } : null,
      lastHeader: last ? { desc: last.className || last.tagName, ...measure.rect(last) } : null,
      h1Text: measure.textBox(h1),
      navFirst: measure.box(navFirst),
    };
  });
}

export default function rtlTests(env: TestEnv): BrowserTest[] {
  const screens = path.join(env.resultsDir, "screens");
  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(screens, { recursive: true });
    await page.screenshot({ path: path.join(screens, `${name}.png`), fullPage: true });
  };
  return [
    {
      name: "RTL: Arabic Standort page at 360 px starts at the right, text runs right to left",
      timeout: 30_000,
      fn: async () => {
        const context = await env.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
        const page = await context.newPage();
        await page.goto(`${env.base}/standorte/hueckelhoven-wassenberg?lng=ar`);
        await waitForHydration(page);
        const f = await rtlFacts(page);
        const problems: string[] = [];
        const edge = 24; // 1rem page padding plus a little
        if (f.htmlDir !== "rtl") problems.push(`<html dir="${f.htmlDir}">`);
        for (const [what, value] of [
          ["body", f.bodyDirection],
          ["main", f.mainDirection],
          ["h1", f.h1Direction],
        ] as const) {
          if (value !== "rtl") problems.push(`computed direction of ${what} is ${value}`);
        }
        if (!f.firstHeader) problems.push("no header content");
        else if (f.firstHeader.right < f.width - edge)
          problems.push(`the first header element (${f.firstHeader.desc}) ends at ${Math.round(f.firstHeader.right)} px, not at the right edge (${f.width} px)`);
        if (f.lastHeader && f.firstHeader && f.lastHeader.desc !== f.firstHeader.desc) {
          const sameLine = f.lastHeader.top < f.firstHeader.bottom && f.firstHeader.top < f.lastHeader.bottom;
          // On one line the switcher sits left of the brand; wrapped onto its own line it starts at the right.
          if (sameLine && f.lastHeader.right > f.firstHeader.left + 1) problems.push(`the language switcher (${f.lastHeader.desc}) is not to the left of the brand`);
          if (!sameLine && f.lastHeader.right < f.width - edge)
            problems.push(`the wrapped language switcher (${f.lastHeader.desc}) does not start at the right (ends at ${Math.round(f.lastHeader.right)} px)`);
        }
        if (!f.h1Text) problems.push("no <h1> text");
        else if (f.h1Text.right < f.width - edge) problems.push(`the <h1> text ends at ${Math.round(f.h1Text.right)} px: not right-aligned (text-align ${f.h1TextAlign})`);
        if (f.navFirst && f.navFirst.right < f.width - edge) problems.push(`the first navigation link ends at ${Math.round(f.navFirst.right)} px, not at the right`);

        // The skip link appears at the right when focused.
        await page.keyboard.press("Tab");
        await settleLayout(page);
        const skip = await page.evaluate(() => {
          const el = document.activeElement!;
          const r = el.getBoundingClientRect();
          return { cls: el.className, right: r.right, top: r.top };
        });
        if (!String(skip.cls).includes("skip-link")) problems.push(`first Tab focuses ${skip.cls}`);
        else if (skip.right < f.width - edge || skip.top < 0) problems.push(`the focused skip link is not at the top right (right ${Math.round(skip.right)}, top ${Math.round(skip.top)})`);
        await page.keyboard.press("Escape");
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await shot(page, "standort-ar");
        if (problems.length) throw new Error(`RTL layout (ar, /standorte/hueckelhoven-wassenberg, 360 px):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
      },
    },
    {
      name: "screenshots: home in de and ar, a Standort page in fa (test-results/screens)",
      timeout: 30_000,
      fn: async () => {
        const context = await env.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
        const page = await context.newPage();
        for (const [name, url] of [
          ["home-de", "/?lng=de"],
          ["home-ar", "/?lng=ar"],
          ["standort-fa", "/standorte/hueckelhoven-wassenberg?lng=fa"],
        ]) {
          await page.goto(env.base + url);
          await waitForHydration(page);
          await page.evaluate(() => document.fonts.ready);
          await shot(page, name);
          const file = path.join(screens, `${name}.png`);
          if (!fs.existsSync(file) || fs.statSync(file).size < 10_000) throw new Error(`screenshot ${file} missing or suspiciously small`);
        }
      },
    },
  ];
}
