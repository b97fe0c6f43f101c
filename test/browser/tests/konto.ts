// /konto on a phone (issue 12, item 7): a very long e-mail address must not make the page scroll
// sideways (360 px, Arabic and German).
import { waitForHydration } from "../checks";
import { signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

const PHONE = { width: 360, height: 740 };

export default function kontoTests(env: TestEnv): BrowserTest[] {
  return ["ar", "de"].map((lng) => ({
    name: `Konto (${lng}): no sideways scrolling at 360 px with a very long e-mail address`,
    timeout: 60_000,
    fn: async () => {
      const context = await env.newContext({ viewport: PHONE });
      const page = await context.newPage();
      const email = `${"sehr.langer.name.".repeat(3)}${Date.now().toString(36)}@${"eine-wirklich-sehr-lange-subdomain.".repeat(3)}beispiel.example`;
      // Not confirmed (the mail is not needed here): /konto is open to a signed-in person either way.
      const result = await signUp(page, env.base, { email, lng });
      if (result.missing) throw new Error("/registrieren is missing");
      await page.goto(`${env.base}/konto?lng=${lng}`);
      await waitForHydration(page);
      const facts = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        dir: document.documentElement.dir,
        shown: document.body.innerText.includes("@"),
      }));
      if (!facts.shown) throw new Error("the e-mail address is not shown on /konto");
      if (lng === "ar" && facts.dir !== "rtl") throw new Error(`<html dir="${facts.dir}">`);
      if (facts.scrollWidth > facts.clientWidth) throw new Error(`/konto scrolls sideways: scrollWidth ${facts.scrollWidth} > clientWidth ${facts.clientWidth}`);
    },
  }));
}
