// "Mein Fall" (issue 6) in the browser. Done when: the back office publishes a plan for a linked
// person; the person sees it in Russian on a phone (360 px), marks a task done with a photo as
// evidence by keyboard alone, and the back office reads the status and the file.
// Also exports the set-up the sweep uses for its `cooperationPlan` pages.
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import type { APIRequestContext, Cookie, FileChooser, Page } from "playwright-core";
import sharp from "sharp";
import { activeElementInfo, axeViolations, formatViolation, isBody, waitForHydration, type FocusedElementInfo } from "../checks";
import { signUp } from "../flows";
import { ROOT } from "../server";
import type { TestEnv, BrowserTest } from "../types";

/** The answer of POST /api/v1/cases. */
interface CreatedCase {
  caseId: string;
  activationCode: string;
}

/** The cooperation plan as the back-office API returns it (the fields used here). */
interface PlanState {
  readAt?: string | null;
  tasks: Array<{
    occurrences: Array<{
      id: string;
      status: string;
      evidence: Array<{ id: string; sha512: string; mediaType: string }>;
      helpRequests: Array<{ message: string }>;
    }>;
  }>;
}

/** An API key made with the real admin command line against the test server's data. */
export function createApiKey(dataDir: string, name: string, scopes: string[]): string {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test", ADMIN_LOG_LEVEL: "error" };
  delete childEnv.DATABASE_URL;
  delete childEnv.PG_SCHEMA;
  const out = execFileSync(process.execPath, ["scripts/admin.mjs", "create-api-key", "--name", name, "--scopes", scopes.join(",")], { cwd: ROOT, env: childEnv, encoding: "utf8" });
  const key = out.trim().split("\n").pop()?.trim() ?? "";
  if (!key.startsWith("bp_")) throw new Error(`create-api-key printed no key:\n${out}`);
  return key;
}

function backOfficeKey(env: TestEnv): Promise<string> {
  return env.once("cases-api-key", async () => createApiKey(env.server.dataDir, `Browser-Test Fälle ${crypto.randomBytes(3).toString("hex")}`, ["cases:write"]));
}

async function api(env: TestEnv, method: string, path: string, body?: unknown): Promise<Response> {
  const key = await backOfficeKey(env);
  const response = await fetch(`${env.base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response;
}

function berlinDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

export function demoPlan() {
  return {
    goals: ["Aufnahme einer sozialversicherungspflichtigen Beschäftigung im Lager"],
    jobcenterCommitments: ["Übernahme der Bewerbungskosten bis 260 Euro im Jahr", "Vermittlungsvorschläge passend zu Ihrem Profil"],
    tasks: [
      {
        id: "bewerbungen",
        title: "6 Bewerbungen im Monat",
        description: "Bewerben Sie sich jeden Monat auf mindestens sechs Stellen und reichen Sie die Nachweise ein.",
        kind: "applications",
        recurrence: { frequency: "monthly", firstDueDate: berlinDate(10), count: 3 },
        evidenceRequired: true,
        legalConsequences: "Kommen Sie dieser Pflicht ohne wichtigen Grund nicht nach, kann das Bürgergeld gemindert werden (§ 31 Abs. 1 Nr. 1 SGB II).",
      },
      {
        id: "termin",
        title: "Termin bei der Arbeitsvermittlung wahrnehmen",
        kind: "appointment",
        dueDate: berlinDate(5),
        evidenceRequired: false,
        legalConsequences: "Versäumen Sie den Termin ohne wichtigen Grund, mindert sich das Bürgergeld um 10 Prozent (§ 32 SGB II).",
      },
    ],
    rechtsfolgenbelehrung:
      "Rechtsfolgenbelehrung: Verletzen Sie die in diesem Kooperationsplan festgelegten Pflichten ohne wichtigen Grund, kann Ihr Bürgergeld gemindert werden.\n\nDie Minderung beträgt zunächst 10 Prozent des maßgebenden Regelbedarfs für einen Monat.",
  };
}

/** Posts a form like the browser (CSRF token from the page) with a context's request API. */
async function postForm(request: APIRequestContext, base: string, path: string, fields: Record<string, string>): Promise<string> {
  const html = await (await request.get(`${base}${path}`)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  const response = await request.post(`${base}${path}`, { form: { _csrf: token, ...fields }, headers: { Origin: base }, maxRedirects: 0 });
  if (response.status() !== 302) throw new Error(`POST ${path} answered ${response.status()}`);
  return response.headers().location ?? "";
}

/**
 * For the sweep: links the signed-in person (cookies) to a new case and publishes a plan in two
 * versions (so "what changed" shows). Returns { caseId, task } with a task occurrence id.
 */
export function cooperationPlanFor(env: TestEnv, cookies: Cookie[]): Promise<{ caseId: string; task: string } | null> {
  return env.once("cooperation-plan", async () => {
    const created = await api(env, "POST", "/api/v1/cases", { kundennummer: "123D000777", bgNummer: "12345BG0000777" });
    if (created.status === 404) return null;
    if (created.status !== 201 && created.status !== 200) throw new Error(`POST /api/v1/cases answered ${created.status}`);
    const { caseId, activationCode } = (await created.json()) as CreatedCase;
    const context = await env.newContext();
    await context.addCookies(cookies);
    await postForm(context.request, env.base, "/mein-fall/verknuepfen", { code: activationCode });
    await context.close();
    const first = await api(env, "PUT", `/api/v1/cases/${caseId}/cooperation-plan`, demoPlan());
    if (first.status !== 200) throw new Error(`PUT cooperation-plan answered ${first.status}: ${await first.text()}`);
    const second = await api(env, "PUT", `/api/v1/cases/${caseId}/cooperation-plan`, { ...demoPlan(), goals: [...demoPlan().goals, "Sprachkurs B1 abschließen"] });
    const plan = (await second.json()) as PlanState;
    // An approval period that ends in 40 days: /konto and Mein Fall show the renewal notice in the sweep.
    const end = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const start = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
    const period = await api(env, "PUT", `/api/v1/cases/${caseId}/benefit-period`, { from: start, to: end });
    if (period.status !== 200) throw new Error(`PUT benefit-period answered ${period.status}: ${await period.text()}`);
    return { caseId, task: plan.tasks[0].occurrences[0].id };
  });
}

async function tabTo(page: Page, what: string, predicate: (info: FocusedElementInfo) => boolean, focusProblems: Set<string>, max = 80): Promise<FocusedElementInfo> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const info = await activeElementInfo(page);
    if (isBody(info)) continue;
    if (!info.visibleFocus) focusProblems.add(`${new URL(page.url()).pathname}: no visible focus on ${info.desc}`);
    if (predicate(info)) return info;
  }
  throw new Error(`keyboard: did not reach ${what} within ${max} presses on ${page.url()}`);
}

export default function casesTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "cases: the back office publishes a plan; the person sees it in Russian on a phone, marks a task done with a photo by keyboard; the back office reads status and file",
      timeout: 150_000,
      fn: async () => {
        const context = await env.newContext({ locale: "ru-RU" });
        const page = await context.newPage();
        const focusProblems = new Set<string>();
        const result = await signUp(page, env.base, { dataDir: env.server.dataDir, lng: "ru" });
        if (result.missing) return env.log("SKIPPED: /registrieren does not exist yet");

        // The back office creates the case; the person types the code from the letter.
        const created = await api(env, "POST", "/api/v1/cases", { kundennummer: "987D000111", bgNummer: "98765BG0000111" });
        if (created.status !== 201) throw new Error(`POST /api/v1/cases answered ${created.status}`);
        const { caseId, activationCode } = (await created.json()) as CreatedCase;
        await page.goto(`${env.base}/mein-fall/verknuepfen?lng=ru`);
        await waitForHydration(page);
        await tabTo(page, "the code field", (i) => i.name === "code", focusProblems);
        await page.keyboard.type(activationCode.toLowerCase());
        await Promise.all([page.waitForURL((u) => u.pathname === "/mein-fall", { timeout: 10_000 }), page.keyboard.press("Enter")]);

        const published = await api(env, "PUT", `/api/v1/cases/${caseId}/cooperation-plan`, demoPlan());
        if (published.status !== 200) throw new Error(`PUT cooperation-plan answered ${published.status}: ${await published.text()}`);
        const plan = (await published.json()) as PlanState;
        const taskId = plan.tasks[0].occurrences[0].id;

        await page.goto(`${env.base}/mein-fall?lng=ru`);
        await waitForHydration(page);
        const main = await page.locator("main").innerText();
        for (const expected of ["Мой случай", "Ваши задания", "6 Bewerbungen im Monat", "Юридически обязательный текст", "помощь в переводе", "Что сделает для вас Jobcenter"]) {
          if (!main.includes(expected)) throw new Error(`the plan page in Russian lacks "${expected}"`);
        }
        const width = await page.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth }));
        if (width.inner !== 360 || width.scroll > width.inner) throw new Error(`not a 360 px phone layout without horizontal scrolling: ${JSON.stringify(width)}`);
        const violations = await axeViolations(page);
        if (violations.length) throw new Error(`axe on /mein-fall (ru):\n${violations.map(formatViolation).join("\n")}`);

        // Keyboard only: the task link, the file field (Space opens the picker), "mark as done".
        await tabTo(page, "the task link", (i) => i.href === `/mein-fall/aufgaben/${taskId}`, focusProblems);
        await Promise.all([page.waitForURL((u) => u.pathname === `/mein-fall/aufgaben/${taskId}`, { timeout: 10_000 }), page.keyboard.press("Enter")]);
        await page.waitForLoadState("load");
        await waitForHydration(page).catch(() => {});
        await tabTo(page, "the file field", (i) => i.tag === "input" && i.name === "evidence", focusProblems);
        const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#2a6ebb" } })
          .jpeg({ quality: 85 })
          .toBuffer();
        // Space on the focused file field opens the picker. Chromium now and then drops the first
        // key press that lands while the page finishes hydrating (the focus stays, the picker does
        // not open): press again, still by keyboard and on the same focused field, up to 3 times.
        let chooser: FileChooser | null = null;
        for (let attempt = 1; !chooser && attempt <= 3; attempt++) {
          const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null);
          if (focused !== "evidence") throw new Error(`focus left the file field before Space (on ${focused})`);
          [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 5_000 }).catch(() => null), page.keyboard.press("Space")]);
        }
        if (!chooser) throw new Error("Space on the file field did not open the file picker (3 tries)");
        await chooser.setFiles({ name: "bewerbungen.jpg", mimeType: "image/jpeg", buffer: photo });
        await tabTo(page, "the mark-as-done button", (i) => i.tag === "button" && i.name === "intent" && /\bbutton\b/.test(i.className) && !/button--secondary/.test(i.className), focusProblems);
        await Promise.all([page.waitForURL((u) => u.searchParams.get("hinweis") === "erledigt", { timeout: 20_000 }), page.keyboard.press("Enter")]);
        const status = await page.locator('main [role="status"]').innerText();
        if (!status.includes("Задание отмечено как выполненное")) throw new Error(`no confirmation in Russian after marking done: ${status}`);
        if (!(await page.locator("main").innerText()).includes("bewerbungen.jpg")) throw new Error("the uploaded photo is not listed");
        const taskViolations = await axeViolations(page);
        if (taskViolations.length) throw new Error(`axe on the task page (ru):\n${taskViolations.map(formatViolation).join("\n")}`);
        if (focusProblems.size) throw new Error(`focus not visible:\n${[...focusProblems].join("\n")}`);

        // The back office reads the status and the file; its SHA-512 matches.
        const state = (await (await api(env, "GET", `/api/v1/cases/${caseId}/cooperation-plan`)).json()) as PlanState;
        const occurrence = state.tasks[0].occurrences[0];
        if (occurrence.status !== "done" || occurrence.evidence.length !== 1) throw new Error(`back office sees ${JSON.stringify(occurrence)}`);
        const file = await api(env, "GET", `/api/v1/cases/${caseId}/evidence/${occurrence.evidence[0].id}`);
        if (file.status !== 200) throw new Error(`GET evidence answered ${file.status}`);
        const bytes = Buffer.from(await file.arrayBuffer());
        const sha512 = crypto.createHash("sha512").update(bytes).digest("hex");
        if (sha512 !== occurrence.evidence[0].sha512) throw new Error("the evidence file's SHA-512 does not match the plan");
        if (!["image/jpeg", "application/pdf"].includes(file.headers.get("content-type") ?? "")) throw new Error(`evidence served as ${file.headers.get("content-type")}`);
      },
    },
    {
      name: "cases: without JavaScript — link with the code, upload proof, mark done, ask for help, confirm reading",
      timeout: 120_000,
      fn: async () => {
        const context = await env.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        const result = await signUp(page, env.base, { dataDir: env.server.dataDir, lng: "en" });
        if (result.missing) return env.log("SKIPPED: /registrieren does not exist yet");
        const created = await api(env, "POST", "/api/v1/cases", { kundennummer: "987D000222", bgNummer: "98765BG0000222" });
        const { caseId, activationCode } = (await created.json()) as CreatedCase;
        const plan = (await (await api(env, "PUT", `/api/v1/cases/${caseId}/cooperation-plan`, demoPlan())).json()) as PlanState;
        const taskId = plan.tasks[0].occurrences[0].id;
        const helpTaskId = plan.tasks[1].occurrences[0].id;

        await page.goto(`${env.base}/mein-fall/verknuepfen?lng=en`);
        await page.locator('input[name="code"]').fill("ABCD-EFGH-JK23");
        await page.locator('main button[type="submit"]').click();
        if (!(await page.locator(".error-summary").innerText()).includes("We do not know this code")) throw new Error("no error summary for a wrong code without JavaScript");
        await page.locator('input[name="code"]').fill(activationCode);
        await Promise.all([page.waitForURL((u) => u.pathname === "/mein-fall"), page.locator('main button[type="submit"]').click()]);

        await page.goto(`${env.base}/mein-fall/aufgaben/${taskId}`);
        const pdf = Buffer.from(
          "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n",
        );
        await page.locator('input[name="evidence"]').setInputFiles({ name: "nachweis.pdf", mimeType: "application/pdf", buffer: pdf });
        await Promise.all([
          page.waitForURL((u) => u.searchParams.get("hinweis") === "hochgeladen" || u.searchParams.get("hinweis") === null),
          page.locator('main button[name="intent"][value="upload"]').click(),
        ]);
        const afterUpload = await page.locator("main").innerText();
        if (!afterUpload.includes("nachweis.pdf")) throw new Error(`the PDF was not stored without JavaScript: ${afterUpload.slice(0, 400)}`);
        await Promise.all([page.waitForURL((u) => u.searchParams.get("hinweis") === "erledigt"), page.locator('main button[name="intent"][value="done"]').click()]);

        await page.goto(`${env.base}/mein-fall/aufgaben/${helpTaskId}`);
        await page.locator('textarea[name="message"]').fill("I do not know how to get there.");
        await Promise.all([page.waitForURL((u) => u.searchParams.get("hinweis") === "hilfe"), page.locator('main form:has(textarea) button[type="submit"]').click()]);

        await page.goto(`${env.base}/mein-fall`);
        await Promise.all([page.waitForURL((u) => u.searchParams.get("hinweis") === "gelesen"), page.locator('main form:has(input[name="version"]) button').click()]);

        const state = (await (await api(env, "GET", `/api/v1/cases/${caseId}/cooperation-plan`)).json()) as PlanState;
        if (state.tasks[0].occurrences[0].status !== "done") throw new Error("the task is not done in the back office");
        if (state.tasks[0].occurrences[0].evidence[0]?.mediaType !== "application/pdf") throw new Error(`evidence: ${JSON.stringify(state.tasks[0].occurrences[0].evidence)}`);
        if (state.tasks[1].occurrences[0].helpRequests[0]?.message !== "I do not know how to get there.") throw new Error("the help request did not reach the back office");
        if (!state.readAt) throw new Error("the read receipt did not reach the back office");
      },
    },
  ];
}
