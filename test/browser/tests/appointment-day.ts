// The appointment day of a Standort in the back office (issue 19, items 10–11), in the browser:
// a Standortleitung at 1280 × 800 in German opens the day view, records that a person came, then
// corrects it to "did not come" with a reason; the day view and the mail the person gets agree,
// the reason stays inside the Jobcenter, and every page on the way is axe-clean.
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { axeViolations, formatViolation, waitForHydration } from "../checks";
import { createStaffAccount, mailsTo, signInStaff, signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

const STANDORT = "hueckelhoven-wassenberg";
const REASON = "Am Empfang verwechselt, die Person war nicht da.";

async function axeClean(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`axe on ${what}:\n${violations.map(formatViolation).join("\n")}`);
}

function rowOf(page: Page, reference: string) {
  return page.locator("main table tbody tr", { hasText: reference });
}

export default function appointmentDayTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "appointment day: Standortleitung at 1280 × 800 records attended, corrects it with a reason; record and mail agree (German, axe)",
      timeout: 150_000,
      fn: async () => {
        // A person books a time through the real pages.
        const personContext = await env.newContext();
        const personPage = await personContext.newPage();
        const person = await signUp(personPage, env.base, { dataDir: env.server.dataDir });
        if (person.missing) throw new Error("sign-up is missing");
        await personPage.goto(`${env.base}/termine/buchen/zeit?anliegen=beratung&standort=${STANDORT}&lng=de`);
        await personPage.locator('main button[name="slotId"]').last().click();
        await personPage.waitForURL(/\/termine\/buchen\/bestaetigen\/[0-9a-f-]{36}$/, { timeout: 10_000 });
        const id = new URL(personPage.url()).pathname.split("/").pop()!;
        await personPage.locator('main button[name="intent"][value="book"]').click();
        await personPage.waitForURL((u) => u.pathname === `/termine/${id}`, { timeout: 10_000 });

        // It starts now (10 minutes ago): the day view offers to record attendance.
        const db = new Database(path.join(env.server.dataDir, "portal.sqlite"));
        let reference: string;
        const start = new Date(Date.now() - 10 * 60_000);
        try {
          db.pragma("busy_timeout = 5000");
          db.prepare("update appointments set starts_at = ?, ends_at = ? where id = ?").run(start.toISOString(), new Date(start.getTime() + 20 * 60_000).toISOString(), id);
          reference = (db.prepare("select reference from appointments where id = ?").get(id) as { reference: string }).reference;
        } finally {
          db.close();
        }
        const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(start);

        const context = await env.newContext({ viewport: { width: 1280, height: 800 }, locale: "de-DE" });
        const page = await context.newPage();
        await signInStaff(page, env.base, await createStaffAccount(env.server.dataDir, "standortleitung"));
        await page.goto(`${env.base}/backoffice/termine?standort=${STANDORT}&tag=${day}`);
        await waitForHydration(page).catch(() => {});
        const heading = await page.locator("main h1").innerText();
        if (!heading.startsWith("Termine am") || !heading.includes("Hückelhoven/Wassenberg")) throw new Error(`day view heading: ${heading}`);
        // The day comes first: the table of appointments starts within the first screen's reach, not below slot rows.
        const tableTop = await page
          .locator("main table")
          .first()
          .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
        if (tableTop > 800) throw new Error(`the day's table starts at ${Math.round(tableTop)} px, below the first screen`);
        await axeClean(page, "the day view");

        // Record "Erschienen".
        const row = rowOf(page, reference);
        await row.getByRole("button", { name: `${reference}: Erschienen` }).click();
        await page.waitForURL((u) => u.searchParams.get("hinweis") === "eingetragen", { timeout: 10_000 });
        await row.getByText("erfasst um").waitFor({ timeout: 10_000 });
        if ((await row.getByRole("button", { name: `${reference}: Nicht erschienen` }).count()) !== 0) throw new Error("after recording, a one-click flip to “Nicht erschienen” is still offered");
        if (!(await row.innerText()).includes("Erschienen")) throw new Error(`the row does not say Erschienen: ${await row.innerText()}`);
        await axeClean(page, "the day view after recording");

        // Correct it, with a reason (first without one: the error summary names the field).
        await row.getByRole("link", { name: `Anwesenheit von ${reference} korrigieren` }).click();
        await page.waitForURL((u) => u.pathname === `/backoffice/termine/${id}/korrigieren`, { timeout: 10_000 });
        await waitForHydration(page).catch(() => {});
        await axeClean(page, "the correction page");
        await page.getByRole("button", { name: /^Korrigieren in/ }).click();
        await page.locator(".error-summary").waitFor({ timeout: 10_000 });
        if (!(await page.locator(".error-summary").innerText()).includes("Geben Sie den Grund der Korrektur ein.")) throw new Error("no error for the missing reason");
        await axeClean(page, "the correction page with an error");
        await page.getByLabel("Grund der Korrektur").fill(REASON);
        await page.getByRole("button", { name: /^Korrigieren in/ }).click();
        await page.waitForURL((u) => u.pathname === "/backoffice/termine" && u.searchParams.get("hinweis") === "korrigiert", { timeout: 10_000 });
        await rowOf(page, reference).getByText(REASON).waitFor({ timeout: 10_000 });
        const corrected = await rowOf(page, reference).innerText();
        if (!corrected.includes("Nicht erschienen") || !corrected.includes(REASON) || !corrected.includes("Frau Browser")) throw new Error(`the row after the correction: ${corrected}`);
        await axeClean(page, "the day view after the correction");

        // The person's mail says the same as the record, without the reason.
        let missed: string | undefined;
        for (let i = 0; i < 40 && !missed; i++) {
          missed = mailsTo(env.server.dataDir, person.email).find((m) => m.includes("verpasst"));
          if (!missed) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        if (!missed) throw new Error("no “missed” mail after the correction");
        if (!missed.includes("Bitte buchen Sie bis")) throw new Error("the “missed” mail names no rebooking window");
        if (missed.includes("verwechselt")) throw new Error("the mail carries the reason of the correction");
        if (mailsTo(env.server.dataDir, person.email).filter((m) => m.includes("verpasst")).length !== 1) throw new Error("more than one “missed” mail");
      },
    },
  ];
}
