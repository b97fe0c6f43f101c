// The Ombudsstelle end to end in the browser, by keyboard alone (Tab, Shift+Tab, Space, arrow
// keys, typing, Enter — no clicks), in Ukrainian on a phone-sized screen: from the information
// page to the form, send an anonymous message, note the reference number and the follow-up
// code, the Ombudsstelle replies through the API (a real ombuds:* key made with the admin
// command), then read the reply with reference + code. Axe runs on the pages a sweep cannot
// reach (the confirmation with the code, the conversation).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import type { Page } from "playwright-core";
import { activeElementInfo, axeViolations, formatViolation, isBody, waitForHydration, type FocusedElementInfo } from "../checks";
import { ROOT } from "../server";
import type { BrowserTest, TestEnv } from "../types";

async function tabTo(page: Page, what: string, predicate: (info: FocusedElementInfo) => boolean, focusProblems: Set<string>, { max = 80 }: { max?: number } = {}): Promise<FocusedElementInfo> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const info = await activeElementInfo(page);
    if (isBody(info)) continue;
    const where = new URL(page.url()).pathname;
    if (!info.visibleFocus) focusProblems.add(`${where}: no visible focus on ${info.desc}`);
    if (predicate(info)) return info;
  }
  throw new Error(`keyboard: did not reach ${what} within ${max} presses on ${page.url()}`);
}

async function pressAndWait(page: Page, key: string, ready: () => Promise<unknown>, what: string): Promise<void> {
  await Promise.all([page.waitForLoadState("load"), page.keyboard.press(key)]);
  try {
    await ready();
  } catch {
    throw new Error(`keyboard: ${key} on ${what} did not lead on (at ${page.url()})`);
  }
  await waitForHydration(page).catch(() => {});
}

const focusedValue = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { value: el?.value ?? null, checked: Boolean(el?.checked) };
  });

async function chooseRadio(page: Page, wanted: string): Promise<void> {
  if (!(await focusedValue(page)).checked) await page.keyboard.press("Space");
  for (let k = 0; k < 12 && (await focusedValue(page)).value !== wanted; k++) await page.keyboard.press("ArrowDown");
  const now = await focusedValue(page);
  if (now.value !== wanted || !now.checked) throw new Error(`keyboard: could not choose "${wanted}" (at "${now.value}")`);
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`${what}: ${violations.length} axe violation(s):\n${violations.map(formatViolation).join("\n")}`);
}

function ombudsKey(dataDir: string): string {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test" };
  delete childEnv.DATABASE_URL;
  delete childEnv.PG_SCHEMA;
  const name = `Ombudsstelle Browser ${crypto.randomBytes(3).toString("hex")}`;
  const out = execFileSync(process.execPath, ["scripts/admin.mjs", "create-api-key", "--name", name, "--scopes", "ombuds:read,ombuds:write"], { cwd: ROOT, env: childEnv, encoding: "utf8" });
  return out.trim().split("\n").pop()!.trim();
}

/** A message as GET /api/v1/ombuds/messages lists it (the fields used here). */
interface OmbudsMessage {
  id: string;
  reference: string;
  entries: Array<{ text: string }>;
}

const isPrimaryButton = (i: FocusedElementInfo): boolean => i.tag === "button" && i.inMain && /\bbutton\b/.test(i.className) && !/button--secondary/.test(i.className);

export default function ombudsTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "ombuds: keyboard only, in Ukrainian on a phone — send an anonymous message, read the reply with the follow-up code",
      timeout: 120_000,
      fn: async () => {
        const context = await env.newContext();
        const page = await context.newPage();
        const focusProblems = new Set<string>();
        const text = `Повідомлення з браузера ${crypto.randomBytes(4).toString("hex")}`;

        await page.goto(`${env.base}/?lng=uk`);
        await waitForHydration(page);
        await tabTo(page, "the start page card", (i) => i.href === "/ombudsstelle" && i.inMain, focusProblems, { max: 120 });
        await pressAndWait(page, "Enter", () => page.waitForURL((u) => u.pathname === "/ombudsstelle", { timeout: 10_000 }), "the start page card");

        await tabTo(page, "the link to the form", (i) => i.href === "/ombudsstelle/nachricht" && i.inMain, focusProblems, { max: 120 });
        await pressAndWait(page, "Enter", () => page.waitForURL((u) => u.pathname === "/ombudsstelle/nachricht", { timeout: 10_000 }), "the form link");

        // First without a message: the error summary, the choice kept.
        await tabTo(page, "the kinds", (i) => i.name === "kind", focusProblems);
        await chooseRadio(page, "beschwerden");
        await tabTo(page, "the send button", (i) => isPrimaryButton(i) && i.type === "submit", focusProblems);
        await pressAndWait(page, "Enter", () => page.waitForSelector(".error-summary", { timeout: 10_000 }), "sending an empty message");
        await expectNoAxeViolations(page, "form with errors");

        await tabTo(page, "the message", (i) => i.name === "message", focusProblems);
        await page.keyboard.type(text);
        await tabTo(page, "the send button", (i) => isPrimaryButton(i) && i.type === "submit", focusProblems);
        await pressAndWait(page, "Enter", () => page.waitForSelector(".follow-up-code", { timeout: 10_000 }), "sending the message");
        const reference = (await page.textContent(".reference-number"))!.trim();
        const code = (await page.textContent(".follow-up-code"))!.trim();
        if (!/^O-/.test(reference) || code.length !== 24) throw new Error(`unexpected reference/code: ${reference} ${code}`);
        await expectNoAxeViolations(page, "confirmation with the code");

        // The Ombudsstelle replies through the API.
        const key = ombudsKey(env.server.dataDir);
        const list = await fetch(`${env.base}/api/v1/ombuds/messages?limit=200`, { headers: { Authorization: `Bearer ${key}` } });
        if (list.status !== 200) throw new Error(`GET /api/v1/ombuds/messages answered ${list.status}`);
        const { items } = (await list.json()) as { items: OmbudsMessage[] };
        const message = items.find((m) => m.reference === reference);
        if (!message || message.entries[0].text !== text) throw new Error("the message did not reach the Ombudsstelle's API as sent");
        const replyText = `Дякуємо, ми з’ясуємо це. ${crypto.randomBytes(3).toString("hex")}`;
        const reply = await fetch(`${env.base}/api/v1/ombuds/messages/${message.id}/replies`, {
          method: "POST",
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          body: JSON.stringify({ text: replyText }),
        });
        if (reply.status !== 201) throw new Error(`reply answered ${reply.status}`);

        await tabTo(page, "the link to read replies", (i) => i.href === "/ombudsstelle/antworten" && i.inMain, focusProblems);
        await pressAndWait(page, "Enter", () => page.waitForURL((u) => u.pathname === "/ombudsstelle/antworten", { timeout: 10_000 }), "the read-reply link");
        await tabTo(page, "the reference field", (i) => i.name === "reference", focusProblems);
        await page.keyboard.type(reference);
        await tabTo(page, "the code field", (i) => i.name === "code", focusProblems);
        await page.keyboard.type(code);
        await tabTo(page, "the show button", (i) => isPrimaryButton(i) && i.type === "submit", focusProblems);
        await pressAndWait(page, "Enter", () => page.waitForSelector(`text=${replyText}`, { timeout: 10_000 }), "showing the reply");
        await expectNoAxeViolations(page, "conversation");
        if (focusProblems.size) throw new Error([...focusProblems].join("\n"));
      },
    },
    {
      name: "ombuds: without JavaScript, in Arabic — errors keep the text, a PDF is attached, the code opens the conversation, a follow-up is sent",
      timeout: 90_000,
      fn: async () => {
        const context = await env.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        const text = `رسالة بدون جافاسكريبت ${crypto.randomBytes(4).toString("hex")}`;
        await page.goto(`${env.base}/ombudsstelle/nachricht?lng=ar`);
        await page.fill("#field-message", text);
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
        if (!(await page.$(".error-summary"))) throw new Error("no error summary without a kind");
        if ((await page.inputValue("#field-message")) !== text) throw new Error("the message was lost after the error");
        await page.check("#field-kind-first");
        const { PDFDocument } = await import("pdf-lib");
        const pdf = await PDFDocument.create();
        pdf.addPage([200, 200]);
        await page.setInputFiles("#field-attachments", { name: "rasmi.pdf", mimeType: "application/pdf", buffer: Buffer.from(await pdf.save()) });
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
        const reference = (await page.textContent(".reference-number"))!.trim();
        const code = (await page.textContent(".follow-up-code"))!.trim();

        await page.goto(`${env.base}/ombudsstelle/antworten?lng=ar`);
        await page.fill("#field-reference", reference);
        await page.fill("#field-code", "AAAA-BBBB-CCCC-DDDD-EEEE");
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
        if (!(await page.$(".error-summary"))) throw new Error("a wrong code was not refused");
        if ((await page.inputValue("#field-reference")) !== reference) throw new Error("the reference was lost after the error");
        await page.fill("#field-code", code);
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
        if (!(await page.textContent("main"))!.includes(text)) throw new Error("the conversation does not show the message");
        if (!(await page.textContent("main"))!.includes("rasmi.pdf")) throw new Error("the conversation does not list the attached file");
        const followUp = `متابعة ${crypto.randomBytes(3).toString("hex")}`;
        await page.fill("#field-message", followUp);
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main form:has(#field-message) button[type=submit]")]);
        if (!new URL(page.url()).searchParams.has("gesendet")) throw new Error(`the follow-up did not lead to the notice (at ${page.url()})`);
        if (!(await page.textContent("main"))!.includes(followUp)) throw new Error("the follow-up is not in the conversation");
      },
    },
  ];
}
