// Self-test of the checks: on a deliberately broken page every check must report a problem,
// so a green sweep means something (and a broken check cannot silently pass everything).
import { activeElementInfo, axeViolations, checkSkipLink, documentFacts, horizontalOverflow, isBody, settleLayout } from "../checks";
import type { BrowserTest, TestEnv } from "../types";

const BROKEN = `<!doctype html><html><head><meta charset="utf-8"><title>broken</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>#nofocus:focus{outline:none;box-shadow:none}.low{color:#aaa;background:#fff}</style></head>
<body><a href="#nowhere" id="first">Erster Link</a>
<h1>Eins</h1><h1>Zwei</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">
<p class="low">Zu wenig Kontrast</p>
<div style="width:500px;height:20px">breit</div>
<button id="nofocus">Ohne Fokus</button></body></html>`;

const RTL_WIDE = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>rtl</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>عنوان</h1><div style="width:500px;height:20px">عريض</div></main></body></html>`;

export default function selfTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "self-test: the checks detect a deliberately broken page",
      timeout: 30_000,
      fn: async () => {
        const context = await env.newContext();
        const page = await context.newPage();
        await page.route(`${env.base}/__selftest/**`, (route) =>
          route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: route.request().url().endsWith("rtl") ? RTL_WIDE : BROKEN }),
        );
        const missed: string[] = [];
        await page.setViewportSize({ width: 320, height: 800 });
        await page.goto(`${env.base}/__selftest/broken`);
        const facts = await documentFacts(page);
        if (facts.h1Count !== 2) missed.push(`h1 count: ${facts.h1Count}`);
        if (facts.lang !== null) missed.push(`lang: ${facts.lang}`);
        if (facts.mainCount !== 0) missed.push(`main count: ${facts.mainCount}`);
        const ids = (await axeViolations(page)).map((v) => v.id);
        for (const id of ["image-alt", "color-contrast", "html-has-lang", "landmark-one-main", "region"]) {
          if (!ids.includes(id)) missed.push(`axe did not report ${id} (got ${ids.join(", ")})`);
        }
        const overflow = await horizontalOverflow(page);
        if (!overflow.overflow || !overflow.culprits.some((c) => c.startsWith("div"))) missed.push(`320 px overflow not detected: ${JSON.stringify(overflow)}`);
        const skip = await checkSkipLink(page);
        if (!skip.some((p) => p.includes("not the skip link"))) missed.push(`skip-link check passed a page without one: ${JSON.stringify(skip)}`);
        await page.focus("#nofocus");
        await page.keyboard.press("Tab");
        await page.keyboard.press("Shift+Tab");
        const focus = await activeElementInfo(page);
        if (isBody(focus) || focus.id !== "nofocus" || focus.visibleFocus) missed.push(`invisible focus not detected: ${JSON.stringify(focus)}`);

        await page.goto(`${env.base}/__selftest/rtl`);
        await settleLayout(page);
        const rtl = await horizontalOverflow(page);
        if (!rtl.overflow) missed.push(`RTL overflow (to the left) not detected: ${JSON.stringify(rtl)}`);
        if (missed.length) throw new Error(`the checks missed problems:\n${missed.map((m) => `  - ${m}`).join("\n")}`);
      },
    },
  ];
}
