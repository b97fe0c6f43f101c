// The sweep: every route × every language at 360×800 (phone): axe (WCAG 2.2 AA + best
// practice, `target-size` switched on) without violations, touch targets of at least 24 × 24 px
// (buttons 44 px high), no column narrower than a word and no sideways scroll area at 360 px,
// one <h1>, <html lang/dir>, one <main>, the skip link, no
// horizontal scrolling at 320 px (reflow) and at 640 px (= 200 % zoom of a 1280 px window), no
// console errors (CSP violations are console errors). One context per language.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { APIRequestContext, Cookie, Page } from "playwright-core";
import { watchConsole, type ConsoleWatch } from "../browser";
import {
  axeViolations,
  checkSkipLink,
  dirOf,
  documentFacts,
  formatViolation,
  horizontalOverflow,
  htmlLangOf,
  LANGUAGES,
  narrowColumnProblems,
  settleLayout,
  touchTargetProblems,
  waitForHydration,
  withLanguage,
  type Violation,
} from "../checks";
import { createStaffAccount, signInStaff, signUp, waitForMailLink, walkPrecheck } from "../flows";
import type { BookingKind, RouteEntry } from "../routes";
import type { BrowserTest, TestEnv } from "../types";
import { cooperationPlanFor } from "./cases";

const PHONE = { width: 360, height: 800 };

/** Cookies of a context that walked through the Vorabcheck once (shared by all languages). */
function precheckCookies(env: TestEnv): Promise<Cookie[]> {
  return env.once("precheck-cookies", async () => {
    const context = await env.newContext();
    const page = await context.newPage();
    await walkPrecheck(page, env.base, "de");
    return (await context.cookies()).filter((c) => c.name !== "lng");
  });
}

/** A signed-up, confirmed, signed-in person: { email, cookies }, or null while /registrieren is missing. */
export function account(env: TestEnv): Promise<{ email: string; cookies: Cookie[] } | null> {
  return env.once("account", async () => {
    const context = await env.newContext();
    const page = await context.newPage();
    const result = await signUp(page, env.base, { dataDir: env.server.dataDir });
    if (result.missing) return null;
    return { email: result.email, cookies: (await context.cookies()).filter((c) => c.name !== "lng") };
  });
}

/** Posts a form like the browser does (CSRF token from the page), without following the redirect. */
async function postForm(request: APIRequestContext, base: string, path: string, fields: Record<string, string>): Promise<string> {
  const html = await (await request.get(`${base}${path}`)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  const response = await request.post(`${base}${path}`, { form: { _csrf: token, ...fields }, headers: { Origin: base }, maxRedirects: 0 });
  if (response.status() !== 302) throw new Error(`POST ${path} answered ${response.status()}`);
  return response.headers().location ?? "";
}

/** The details page (Angaben zu jeder Person) for anyone of the sweep's households (what does not apply is not read). */
const DETAILS = {
  sex: "female",
  birthName: "",
  birthPlace: "Ankara",
  birthCountry: "Türkei",
  nationality: "163",
  residenceDocument: "settlementPermit",
  validUntil: "",
  entryDate: "01.05.2012",
  familyStatus: "single",
  familyStatusSince: "",
  ableToWork: "yes",
  incapacity: "no",
  disabilityRecognised: "no",
  institution: "no",
};

/** Starts an application for the signed-in person and answers every section; returns its id. */
async function completeApplication(request: APIRequestContext, base: string): Promise<string> {
  const location = await postForm(request, base, "/antrag", {});
  const id = /\/antrag\/([^/]+)\/gesichert/.exec(location)?.[1];
  if (!id) throw new Error(`starting an application redirected to ${location}`);
  const at = (p: string) => `/antrag/${id}${p}`;
  await postForm(request, base, at("/person"), {
    firstName: "Ayşe",
    lastName: "Yılmaz",
    birthDate: "30.04.1990",
    nationality: "türkisch",
    street: "Hauptstraße 1",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: "",
    priorBenefits: "no",
  });
  await postForm(request, base, at("/haushalt"), { intent: "confirm", confirmed: "1" });
  await postForm(request, base, at("/angaben/p1"), DETAILS);
  await postForm(request, base, at("/wohnung"), { kind: "rent", coldRent: "400", utilities: "100", heating: "60", size: "" });
  await postForm(request, base, at("/einkommen/p1"), { hasIncome: "no" });
  await postForm(request, base, at("/lage"), { items: "none" });
  await postForm(request, base, at("/konto"), { accountHolder: "Ayşe Yılmaz", iban: "DE89 3704 0044 0532 0130 00" });
  return id;
}

/** Uploads a one-page PDF to a checklist item with the page's plain multipart form. */
async function uploadSmallPdf(request: APIRequestContext, base: string, id: string, item: string): Promise<void> {
  const path = `/antrag/${id}/unterlagen`;
  const html = await (await request.get(`${base}${path}`)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const buffer = Buffer.from(await doc.save());
  const response = await request.post(`${base}${path}`, {
    multipart: { _csrf: token, item, files: { name: "ausweis.pdf", mimeType: "application/pdf", buffer } },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  if (response.status() !== 200) throw new Error(`uploading to ${path} answered ${response.status()}`);
}

/**
 * Makes every Anlage apply to a complete draft and answers them (self-employed, every
 * circumstance ticked, an unmarried partner and a sister in the household), so the sweep reaches the Anlagen pages and the check page shows them.
 */
async function answerAnlagen(request: APIRequestContext, base: string, id: string): Promise<void> {
  const at = (p: string) => `/antrag/${id}${p}`;
  const due = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10).split("-").reverse().join(".");
  // An unmarried partner (Anlage VE) and a sister outside the Bedarfsgemeinschaft (Anlage HG).
  await postForm(request, base, at("/haushalt/neu"), { relationship: "unmarriedPartner", firstName: "Jonas", lastName: "Becker", birthDate: "10.10.1988", priorBenefits: "no" });
  await postForm(request, base, at("/haushalt/neu"), { relationship: "relative", firstName: "Zeynep", lastName: "Yılmaz", birthDate: "01.01.1994", priorBenefits: "no" });
  await postForm(request, base, at("/haushalt"), { intent: "confirm", confirmed: "1" });
  for (const member of ["p2", "p3"]) await postForm(request, base, at(`/angaben/${member}`), DETAILS);
  await postForm(request, base, at("/einkommen/p2"), { hasIncome: "no" });
  await postForm(request, base, at("/einkommen/p3"), { hasIncome: "yes", employment: "1500" });
  await postForm(request, base, at("/einkommen/p1"), { hasIncome: "yes", selfEmployment: "800" });
  await postForm(request, base, at("/lage"), { items: "assets,insurance,pregnancy,disability,diet,hotWater,separated" });
  await postForm(request, base, at("/partnerschaft"), { overOneYear: "yes", jointChild: "no", caring: "no", sharedMoney: "no" });
  await postForm(request, base, at("/haushaltsgemeinschaft"), { supports: "yes", support: "100", income: "1500" });
  for (const member of ["p2", "p3"]) await postForm(request, base, at(`/sozialversicherung/${member}`), { kind: "statutory", insurer: "AOK", rvnr: "" });
  await postForm(request, base, at("/selbststaendig/p1"), { business: "Reinigung", revenue: "1200", expenses: "400" });
  await postForm(request, base, at("/vermoegen"), { savings: "50000", vehicles: "8000" });
  await postForm(request, base, at("/unterhalt"), { receives: "no", received: "", pays: "yes", paid: "150", title: "yes" });
  await postForm(request, base, at("/sozialversicherung/p1"), { kind: "statutory", insurer: "AOK", rvnr: "" });
  await postForm(request, base, at("/mehrbedarf"), {
    pregnancyPerson: "p1",
    dueDate: due,
    disabilityPerson: "p1",
    measure: "Eingliederungshilfe",
    dietPerson: "p1",
    illness: "Zöliakie",
    hotWaterDevice: "Boiler",
  });
}

/**
 * The signed-in person's applications for the `application` pages: a submitted one (for the
 * receipt) and a complete draft (for the task list, the question pages and the check page).
 */
function applications(env: TestEnv, cookies: Cookie[]): Promise<{ submitted: string; draft: string }> {
  return env.once("applications", async () => {
    const context = await env.newContext();
    await context.addCookies(cookies);
    const submitted = await completeApplication(context.request, env.base);
    await uploadSmallPdf(context.request, env.base, submitted, "identity.p1"); // a file: the staff page shows its review buttons
    await postForm(context.request, env.base, `/antrag/${submitted}/pruefen`, { declaration: "1" });
    const draft = await completeApplication(context.request, env.base);
    await answerAnlagen(context.request, env.base, draft);
    await context.close();
    return { submitted, draft };
  });
}

/**
 * Appointments of the signed-in account for the pages that show one, booked once through the
 * real pages (German): { held, booked, missed, invitation } ids, or null without an account.
 * Demo slots (DEMO_DATA=1) make the times. No back-office endpoint records a missed
 * appointment or proposes one, so those two are set directly in the test server's SQLite file.
 */
export function bookings(env: TestEnv): Promise<Record<BookingKind, string> | null> {
  return env.once("bookings", async () => {
    const person = await account(env);
    if (!person) return null;
    const context = await env.newContext();
    await context.addCookies(person.cookies);
    const page = await context.newPage();
    const bookOne = async (type: string, confirm: boolean): Promise<string> => {
      await page.goto(`${env.base}/termine/buchen/zeit?anliegen=${type}&standort=hueckelhoven-wassenberg&lng=de`);
      // The last time shown: days ahead, so the appointment can still be changed and cancelled.
      await page.locator('main button[name="slotId"]').last().click();
      await page.waitForURL(/\/termine\/buchen\/bestaetigen\/[0-9a-f-]{36}$/, { timeout: 10_000 });
      const id = new URL(page.url()).pathname.split("/").pop()!;
      if (confirm) {
        await page.locator('main button[name="intent"][value="book"]').click();
        await page.waitForURL((u) => u.pathname === `/termine/${id}` && u.searchParams.get("gebucht") === "1", { timeout: 10_000 });
      }
      return id;
    };
    const booked = await bookOne("antragsabgabe", true);
    const missed = await bookOne("erstberatung", true);
    const invitation = await bookOne("folgegespraech", true);
    const held = await bookOne("beratung", false);
    const db = new Database(path.join(env.server.dataDir, "portal.sqlite"));
    try {
      db.pragma("busy_timeout = 5000");
      db.prepare("update appointments set outcome = 'missed', outcome_at = ? where id = ?").run(new Date().toISOString(), missed);
      db.prepare("update appointments set status = 'proposed', origin = 'invitation', booked_at = null, invitation_message = ? where id = ?").run(
        "Bitte bringen Sie Ihren Personalausweis mit.",
        invitation,
      );
    } finally {
      db.close();
    }
    return { held, booked, missed, invitation };
  });
}

/** The cookies of a signed-in staff account (inbox pages), signed in once through the real form. */
function staffCookies(env: TestEnv): Promise<Cookie[]> {
  return env.once("staff", async () => {
    const staff = await createStaffAccount(env.server.dataDir, "leistung,integration,standortleitung");
    const context = await env.newContext();
    const page = await context.newPage();
    await signInStaff(page, env.base, staff);
    const cookies = (await context.cookies()).filter((c) => c.name === "staff_sid");
    await context.close();
    return cookies;
  });
}

const BOOKING_PLACEHOLDERS: Record<BookingKind, string> = { held: "HELD", booked: "BOOKED", missed: "MISSED", invitation: "INVITATION" };

/** The path of a valid "new password" link for the account (opening it does not use it up). */
function resetLinkPath(env: TestEnv): Promise<string | null> {
  return env.once("reset-link", async () => {
    const person = await account(env);
    if (!person) return null;
    const context = await env.newContext();
    const page = await context.newPage();
    await page.goto(`${env.base}/passwort-vergessen?lng=de`);
    const form = page.locator('main form:has(input[name="email"])');
    await form.locator('input[name="email"]').fill(person.email);
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/status=gesendet/, { timeout: 10_000 });
    const link = new URL(await waitForMailLink(env.server.dataDir, person.email, "/passwort-neu?token="));
    return link.pathname + link.search;
  });
}

/** Lets the service worker install and take control before the sweep starts. */
async function warmUp(page: Page, base: string, lng: string): Promise<void> {
  await page.goto(`${base}/?lng=${lng}`);
  await page
    .evaluate(async () => {
      const registration = await Promise.race([navigator.serviceWorker.ready, new Promise<null>((r) => setTimeout(() => r(null), 8000))]);
      if (registration && !navigator.serviceWorker.controller) {
        await new Promise((r) => {
          navigator.serviceWorker.addEventListener("controllerchange", r, { once: true });
          setTimeout(r, 5000);
        });
      }
    })
    .catch(() => {}); // the page may reload when the worker takes control
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
}

/** What checking one page found (status is missing when the check itself crashed). */
interface EntryResult {
  problems: string[];
  violations: Violation[];
  status?: number;
}

async function checkEntry(env: TestEnv, page: Page, consoleWatch: ConsoleWatch, entry: RouteEntry, lng: string, notes: Set<string>): Promise<EntryResult> {
  const problems: string[] = [];
  const url = env.base + withLanguage(entry.path, lng);
  consoleWatch.take();
  const response = await page.goto(url);
  const status = response?.status() ?? 0;
  let expected = entry.status ?? 200;
  if (entry.pending && status === 404) {
    notes.add(`NOTE: ${entry.path} answers 404 (route not built yet) — its 404 page is checked instead`);
    expected = 404;
  }
  if (status !== expected) problems.push(`HTTP ${status}, expected ${expected}`);
  const requested = new URL(url);
  const landed = new URL(page.url());
  if (landed.pathname !== requested.pathname) problems.push(`redirected to ${landed.pathname}${landed.search}`);

  await waitForHydration(page).catch(() => problems.push("the page did not hydrate within 6 s (JavaScript error?)"));

  const facts = await documentFacts(page);
  if (facts.h1Count !== 1) problems.push(`${facts.h1Count} <h1> elements, expected exactly 1${facts.h1Count ? `: ${facts.h1Texts.map((t) => JSON.stringify(t)).join(", ")}` : ""}`);
  if (facts.lang !== htmlLangOf(lng)) problems.push(`<html lang="${facts.lang}">, expected "${htmlLangOf(lng)}"`);
  if (facts.dir !== dirOf(lng)) problems.push(`<html dir="${facts.dir}">, expected "${dirOf(lng)}"`);
  if (facts.mainCount !== 1) problems.push(`${facts.mainCount} main landmarks, expected exactly 1`);
  if (!facts.title.trim()) problems.push("empty <title>");

  if (entry.initialFocus) {
    const ok = await page.evaluate((sel) => Boolean(document.activeElement?.matches(sel)), entry.initialFocus);
    if (!ok) problems.push(`focus should be on ${entry.initialFocus} after load, is on ${facts.activeTag}`);
  } else if (facts.activeTag !== "body") {
    problems.push(`focus moved on load to ${facts.activeTag} (skip link not checked)`);
  } else {
    problems.push(...(await checkSkipLink(page)));
  }

  const violations = await axeViolations(page);
  problems.push(...violations.map(formatViolation));

  // At 360 px: touch targets (WCAG 2.5.8, primary buttons 44 px) and columns narrower than a
  // word / sideways scroll areas (1.4.10; staff tables may scroll — data tables are exempt).
  problems.push(...(await touchTargetProblems(page)));
  problems.push(...(await narrowColumnProblems(page)).filter((p) => !(entry.staff && p.startsWith("scrolls sideways"))));

  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 800 });
    await settleLayout(page);
    const o = await horizontalOverflow(page);
    if (o.overflow) {
      const what = width === 320 ? "320 px reflow" : "200 % zoom (640 px)";
      problems.push(`${what}: horizontal scrolling (scrollWidth ${o.scrollWidth} > ${o.width})${o.culprits.length ? ` — sticking out: ${o.culprits.join(", ")}` : ""}`);
    }
  }
  await page.setViewportSize(PHONE);

  const errors = consoleWatch
    .take()
    // The document's own non-200 status (404 page, 400 form error) is logged as a failed resource.
    .filter((e) => !(status !== 200 && /^Failed to load resource: the server responded with a status of (\d+)/.test(e.text) && e.url.split("#")[0] === url));
  for (const e of errors) problems.push(`console error: ${e.text.slice(0, 300)}${e.url && e.url !== url ? ` (${e.url})` : ""}`);

  return { problems, violations, status };
}

/** The language switcher, opened at 320 px, fits the screen and lists every language. */
async function checkOpenLanguageSwitcher(page: Page, base: string, lng: string): Promise<string[]> {
  const problems: string[] = [];
  await page.goto(`${base}/?lng=${lng}`);
  await waitForHydration(page).catch(() => {});
  await page.setViewportSize({ width: 320, height: 800 });
  await page.locator("header details.language-switcher > summary").click();
  await settleLayout(page);
  const o = await horizontalOverflow(page);
  if (o.overflow) problems.push(`open language switcher at 320 px: horizontal scrolling (scrollWidth ${o.scrollWidth} > ${o.width}) — ${o.culprits.join(", ")}`);
  const links = await page.locator("header details.language-switcher a").evaluateAll((els) =>
    els.map((a) => {
      const r = a.getBoundingClientRect();
      return { text: (a.textContent ?? "").trim(), left: r.left, right: r.right, width: r.width };
    }),
  );
  if (links.length !== LANGUAGES.length) problems.push(`language switcher lists ${links.length} languages, expected ${LANGUAGES.length}`);
  for (const l of links) if (l.width === 0 || l.left < 0 || l.right > 321) problems.push(`language switcher: "${l.text}" is outside the 320 px screen (${Math.round(l.left)}–${Math.round(l.right)})`);
  await page.setViewportSize(PHONE);
  return problems;
}

/** One line of test-results/a11y-sweep.json. */
interface ReportLine {
  lng: string;
  page: string;
  path: string;
  status: number | undefined;
  problems: string[];
  violations: Violation[];
}

export default function sweepTests(env: TestEnv): BrowserTest[] {
  const report: ReportLine[] = [];
  return LANGUAGES.map((lng) => ({
    name: `sweep [${lng}]: axe, structure, skip link, reflow, console on ${env.routes.length} pages`,
    timeout: 900_000,
    parallel: true,
    fn: async () => {
      // deviceScaleFactor 2 throughout: a phone at 360 px and, resized, 200 % zoom at 640 px.
      const context = await env.newContext({ viewport: PHONE, deviceScaleFactor: 2, serviceWorkers: "allow" });
      const page = await context.newPage();
      const consoleWatch = watchConsole(page);
      const failures: string[] = [];
      const notes = new Set<string>();
      await warmUp(page, env.base, lng);
      const switcher = await checkOpenLanguageSwitcher(page, env.base, lng);
      if (switcher.length) failures.push(`[${lng}] language switcher:\n${switcher.map((p) => `    - ${p}`).join("\n")}`);

      // SWEEP_ROUTES=word,word limits the sweep to entries whose name or path contains a word
      // (e.g. SWEEP_ROUTES=termin while working on the appointment pages); the full run sweeps all.
      const only = (process.env.SWEEP_ROUTES ?? "")
        .split(",")
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean);
      const routes = only.length ? env.routes.filter((r) => only.some((w) => r.name.toLowerCase().includes(w) || r.path.toLowerCase().includes(w))) : env.routes;
      const ordered = [...routes.filter((r) => !r.precheck && !r.signedIn), ...routes.filter((r) => r.precheck && !r.signedIn), ...routes.filter((r) => r.signedIn)];
      let precheckReady = false;
      let staffReady = false;
      let sessionReady = false;
      let sessionCookies: Cookie[] = [];
      for (let entry of ordered) {
        if (entry.precheck && !precheckReady) {
          await context.addCookies(await precheckCookies(env));
          precheckReady = true;
        }
        if (entry.resetLink) {
          const link = await resetLinkPath(env);
          if (!link) {
            env.log(`SKIPPED (route missing): ${entry.path} needs a "new password" link, but /registrieren does not exist yet`);
            continue;
          }
          entry = { ...entry, path: link };
        }
        if (entry.signedIn && !sessionReady) {
          const person = await account(env);
          if (!person) {
            env.log(`SKIPPED (route missing): ${entry.path} needs a signed-in person, but /registrieren does not exist yet`);
            continue;
          }
          await context.addCookies(person.cookies);
          sessionCookies = person.cookies;
          sessionReady = true;
        }
        if (entry.germanOnly && lng !== "de") continue;
        if (entry.staff && !staffReady) {
          await context.addCookies(await staffCookies(env));
          staffReady = true;
        }
        if (entry.application) {
          const ids = await applications(env, sessionCookies);
          entry = { ...entry, path: entry.path.replace(":application", entry.application === "submitted" ? ids.submitted : ids.draft) };
        }
        if (entry.booking) {
          const ids = await bookings(env);
          if (!ids) {
            env.log(`SKIPPED (route missing): ${entry.path} needs an appointment, but /registrieren does not exist yet`);
            continue;
          }
          entry = { ...entry, path: entry.path.replace(BOOKING_PLACEHOLDERS[entry.booking], ids[entry.booking]) };
        }
        if (entry.cooperationPlan) {
          // A case linked to the signed-in person with a published plan (two versions); TASK = a task's id.
          const plan = await cooperationPlanFor(env, sessionCookies);
          if (!plan) {
            env.log(`SKIPPED (route missing): ${entry.path} needs a linked case, but POST /api/v1/cases does not exist yet`);
            continue;
          }
          entry = { ...entry, path: entry.path.replace("TASK", plan.task).replace("CASE", plan.caseId) };
        }
        let result: EntryResult;
        try {
          result = await checkEntry(env, page, consoleWatch, entry, lng, notes);
        } catch (error) {
          result = { problems: [`check crashed: ${error instanceof Error ? error.message.split("\n")[0] : error}`], violations: [] };
        }
        report.push({ lng, page: entry.name, path: entry.path, status: result.status, problems: result.problems, violations: result.violations });
        if (result.problems.length) failures.push(`[${lng}] ${entry.name} (${withLanguage(entry.path, lng)}):\n${result.problems.map((p) => `    - ${p}`).join("\n")}`);
      }
      if (lng === LANGUAGES[0]) for (const n of notes) env.log(n);
      fs.mkdirSync(env.resultsDir, { recursive: true });
      fs.writeFileSync(path.join(env.resultsDir, "a11y-sweep.json"), JSON.stringify(report, null, 2));
      if (failures.length) throw new Error(`${failures.length} page(s) with problems:\n${failures.join("\n")}`);
    },
  }));
}
