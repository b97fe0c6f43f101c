// On a phone (issue 12 item 14): the Vorabcheck result's table of needs stacks at 360 px — one
// block per person, the totals on screen — instead of a 600+ px table in a sideways scroll area.
// In German and Arabic (right to left). Works without JavaScript (CSS only).
import { narrowColumnProblems, settleLayout, waitForHydration } from "../checks";
import { walkPrecheck } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

export default function phoneTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "phone: the Vorabcheck result table stacks at 360 px with the totals on screen (de, ar)",
      timeout: 120_000,
      fn: async () => {
        const context = await env.newContext({ viewport: { width: 360, height: 740 } });
        const page = await context.newPage();
        await walkPrecheck(page, env.base, "de");
        const problems: string[] = [];
        for (const lng of ["de", "ar"]) {
          await page.goto(`${env.base}/vorabcheck/ergebnis?lng=${lng}`);
          await waitForHydration(page).catch(() => {});
          await settleLayout(page);
          const facts = await page.evaluate(() => {
            const table = document.querySelector("#need-table-caption")?.closest("table");
            if (!table) return null;
            const cells = [...table.querySelectorAll("tfoot td, tfoot th")].filter((c) => (c.textContent ?? "").trim() !== "");
            return {
              docScroll: document.documentElement.scrollWidth,
              docWidth: document.documentElement.clientWidth,
              tableWidth: Math.round(table.getBoundingClientRect().width),
              totals: cells.map((c) => {
                const r = c.getBoundingClientRect();
                // The innermost box that clips it (a scroll area) must show it whole.
                let clip = { left: 0, right: document.documentElement.clientWidth };
                for (let p = c.parentElement; p; p = p.parentElement) {
                  if (getComputedStyle(p).overflowX !== "visible") {
                    const pr = p.getBoundingClientRect();
                    clip = { left: Math.max(clip.left, pr.left), right: Math.min(clip.right, pr.right) };
                  }
                }
                return { text: (c.textContent ?? "").trim(), left: r.left, right: r.right, width: r.width, clipLeft: clip.left, clipRight: clip.right };
              }),
              // Every person's amounts carry their column's name on a phone (data-label).
              unlabelled: [...table.querySelectorAll("tbody td, tfoot td")].filter((c) => (c.textContent ?? "").trim() !== "" && !c.getAttribute("data-label")).length,
            };
          });
          if (!facts) {
            problems.push(`[${lng}] no need table on /vorabcheck/ergebnis`);
            continue;
          }
          if (facts.docScroll > facts.docWidth + 1) problems.push(`[${lng}] the page scrolls sideways (${facts.docScroll} > ${facts.docWidth})`);
          if (facts.tableWidth > facts.docWidth) problems.push(`[${lng}] the table is ${facts.tableWidth} px wide on a ${facts.docWidth} px screen`);
          if (facts.totals.length < 3) problems.push(`[${lng}] the totals row shows ${facts.totals.length} cells, expected the label and two sums`);
          for (const c of facts.totals) {
            const inside = c.width > 0 && c.left >= Math.max(0, c.clipLeft) - 1 && c.right <= Math.min(facts.docWidth, c.clipRight) + 1;
            if (!inside) problems.push(`[${lng}] total "${c.text}" is off screen (${Math.round(c.left)}–${Math.round(c.right)} px, visible ${Math.round(c.clipLeft)}–${Math.round(c.clipRight)})`);
          }
          if (facts.unlabelled) problems.push(`[${lng}] ${facts.unlabelled} amount cell(s) without data-label (a stacked row would not say what the amount is)`);
          problems.push(...(await narrowColumnProblems(page)).map((p) => `[${lng}] ${p}`));
        }
        if (problems.length) throw new Error(problems.join("\n"));
      },
    },
  ];
}
