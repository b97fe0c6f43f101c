// Booking step 2 (issue 12, item 12): the "bus, train and accessibility" panel of every Standort
// card takes the full width under the choice on a phone (360 px) and a readable column on a wide
// screen (1280 px) — never the 2.75rem radio column, where its text broke letter by letter.
// Checked in German and Arabic: every opened panel is wider than 200 px, and no word inside it
// is split over two lines.
import { waitForHydration } from "../checks";
import { signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

export default function standortPanelTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "booking step 2: the Standort panel is wider than 200 px at 360 and 1280 px and no word wraps letter by letter (de, ar)",
      timeout: 120_000,
      fn: async () => {
        const context = await env.newContext();
        const page = await context.newPage();
        const result = await signUp(page, env.base, { dataDir: env.server.dataDir, lng: "de" });
        if (result.missing) throw new Error("/registrieren does not exist");
        const problems: string[] = [];
        for (const lng of ["de", "ar"]) {
          for (const width of [360, 1280]) {
            await page.setViewportSize({ width, height: 800 });
            await page.goto(`${env.base}/termine/buchen/standort?anliegen=antragsabgabe&lng=${lng}`);
            await waitForHydration(page).catch(() => {});
            const found = await page.evaluate(() => {
              const panels = Array.from(document.querySelectorAll<HTMLDetailsElement>("main .choice details"));
              panels.forEach((d) => (d.open = true));
              const out: Array<{ width: number; broken: string[] }> = [];
              for (const panel of panels) {
                const broken: string[] = [];
                const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const text = node.textContent ?? "";
                  // Screen-reader-only text is 1 px wide by design; skip it.
                  if ((node.parentElement?.getBoundingClientRect().width ?? 0) <= 1) continue;
                  // A slash or hyphen is a normal line-break opportunity ("Geilenkirchen/Übach-Palenberg").
                  const re = /[^\s/-]{2,}/gu;
                  for (let m = re.exec(text); m; m = re.exec(text)) {
                    const range = document.createRange();
                    range.setStart(node, m.index);
                    range.setEnd(node, m.index + m[0].length);
                    const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
                    if (lines.size > 1) broken.push(m[0]);
                  }
                }
                out.push({ width: panel.getBoundingClientRect().width, broken: broken.slice(0, 3) });
              }
              return out;
            });
            if (found.length === 0) problems.push(`${lng} ${width}px: no Standort panel found`);
            found.forEach((p, i) => {
              if (p.width <= 200) problems.push(`${lng} ${width}px: panel ${i + 1} is ${Math.round(p.width)} px wide`);
              if (p.broken.length) problems.push(`${lng} ${width}px: panel ${i + 1} splits words over lines: ${p.broken.join(", ")}`);
            });
          }
        }
        if (problems.length) throw new Error(problems.slice(0, 12).join("\n"));
      },
    },
  ];
}
