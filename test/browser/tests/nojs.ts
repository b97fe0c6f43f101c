// Without JavaScript: the language switch (plain links), the Standort search (GET form), the
// barrier report (POST form with CSRF) and the Vorabcheck all work.
import type { Page } from "playwright-core";
import { walkPrecheck } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

export default function noJsTests(env: TestEnv): BrowserTest[] {
  const noJs = () => env.newContext({ javaScriptEnabled: false });
  return [
    {
      name: "no JavaScript: language switch by links, remembered on the next page",
      timeout: 30_000,
      fn: async () => {
        const page = await (await noJs()).newPage();
        await page.goto(`${env.base}/standorte?lng=de`);
        if (
          await page.evaluate(() => typeof (window as { __remixContext?: unknown }).__remixContext !== "undefined" && Object.keys(document.querySelector("main")!).some((k) => k.startsWith("__react")))
        ) {
          throw new Error("JavaScript seems to run in the no-JavaScript context");
        }
        await page.locator("header details.language-switcher > summary").click();
        await page.locator('header details.language-switcher a[hreflang="en"]').click();
        await page.waitForURL((u) => u.searchParams.get("lng") === "en");
        if (new URL(page.url()).pathname !== "/standorte") throw new Error(`the language link left the page: ${page.url()}`);
        if ((await htmlLang(page)) !== "en") throw new Error(`after choosing English <html lang="${await htmlLang(page)}">`);
        await page.goto(`${env.base}/glossar`);
        if ((await htmlLang(page)) !== "en") throw new Error(`the choice of English was not remembered: /glossar has <html lang="${await htmlLang(page)}">`);
        await page.locator("header details.language-switcher > summary").click();
        await page.locator('header details.language-switcher a[hreflang="ar"]').click();
        await page.waitForURL((u) => u.searchParams.get("lng") === "ar");
        const dir = await page.locator("html").getAttribute("dir");
        if ((await htmlLang(page)) !== "ar" || dir !== "rtl") throw new Error(`after choosing Arabic: lang="${await htmlLang(page)}" dir="${dir}"`);
      },
    },
    {
      name: "no JavaScript: /standort-finden form submits and shows the Standort",
      timeout: 30_000,
      fn: async () => {
        const page = await (await noJs()).newPage();
        await page.goto(`${env.base}/standort-finden?lng=de`);
        await page.locator('main input[name="ort"]').fill("Wegberg");
        await page.locator('main form button[type="submit"]').click();
        await page.waitForURL((u) => u.searchParams.get("ort") === "Wegberg");
        const heading = page.locator("#result-heading");
        if (!(await heading.isVisible())) throw new Error("no result heading after searching for Wegberg");
        if (!(await heading.textContent())!.includes("Erkelenz/Wegberg")) throw new Error(`the result does not name Erkelenz/Wegberg: "${await heading.textContent()}"`);
        if ((await page.locator('main a[href="/standorte/erkelenz-wegberg"]').count()) === 0) throw new Error("no link to /standorte/erkelenz-wegberg in the result");

        await page.locator('main input[name="ort"]').fill("Aachen");
        await page.locator('main form button[type="submit"]').click();
        await page.waitForURL((u) => u.searchParams.get("ort") === "Aachen");
        const outside = await page
          .locator("section.notice #result-heading")
          .textContent()
          .catch(() => null);
        if (!outside?.includes("Aachen")) throw new Error(`no "outside the area" answer for Aachen (got ${JSON.stringify(outside)})`);
      },
    },
    {
      name: "no JavaScript: barrier report on /barrierefreiheit is sent and confirmed with a BF- reference",
      timeout: 30_000,
      fn: async () => {
        const page = await (await noJs()).newPage();
        await page.goto(`${env.base}/barrierefreiheit?lng=de`);
        // An empty report is refused with an error summary first.
        await page.locator('main form button[type="submit"]').click();
        await page.waitForLoadState("load");
        if ((await page.locator(".error-summary").count()) === 0) throw new Error("an empty barrier report was not refused with an error summary");
        await page.locator('main textarea[name="description"]').fill("Der Kontrast der Schaltfläche auf der Startseite ist zu schwach (Browser-Test).");
        await page.locator('main form button[type="submit"]').click();
        await page.waitForURL((u) => u.searchParams.has("gesendet"), { timeout: 10_000 });
        const reference = new URL(page.url()).searchParams.get("gesendet");
        if (reference === null || !/^BF-[A-Z0-9-]{9}$/.test(reference)) throw new Error(`the redirect carries no BF- reference: ${page.url()}`);
        const notice =
          (await page
            .locator('main [role="status"]')
            .textContent()
            .catch(() => "")) ?? "";
        if (!notice.includes(reference)) throw new Error(`the confirmation does not show the reference ${reference}: "${notice.trim()}"`);
      },
    },
    {
      name: "no JavaScript: the Vorabcheck can be completed up to the result",
      timeout: 45_000,
      fn: async () => {
        const page = await (await noJs()).newPage();
        await walkPrecheck(page, env.base, "de");
        await page.goto(`${env.base}/vorabcheck/ergebnis?lng=de`);
        if (new URL(page.url()).pathname !== "/vorabcheck/ergebnis") throw new Error(`the result page redirected to ${page.url()}`);
        if ((await page.locator("main h1").count()) !== 1) throw new Error("the result page has no <h1>");
      },
    },
  ];
}
