// Multi-step flows the tests need as set-up: signing up, walking through the Vorabcheck.
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";

export const TEST_PASSWORD = "Leuchtturm-Kaffee-2026!";

export function uniqueEmail(tag = "browser"): string {
  return `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.org`;
}

/** True when the header offers the account link (signed in) instead of "Anmelden". */
export async function isSignedIn(page: Page): Promise<boolean> {
  return (await page.locator('header a[href="/konto"]').count()) > 0;
}

/** Every mail in the server's outbox (no SMTP in tests) to `to`, decoded to plain text, oldest first. */
export function mailsTo(dataDir: string, to: string): string[] {
  const dir = path.join(dataDir, "outbox");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .filter((raw) => new RegExp(`^To:.*${to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "mi").test(raw))
    .map(decodeMail);
}

function decodeMail(raw: string): string {
  // Quoted-printable (soft line breaks, =XX bytes) and any base64 body parts; links are ASCII.
  const bytes: number[] = [];
  const qp = raw.replace(/=\r?\n/g, "");
  for (let i = 0; i < qp.length; i++) {
    if (qp[i] === "=" && /^[0-9A-F]{2}$/i.test(qp.slice(i + 1, i + 3))) {
      bytes.push(parseInt(qp.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(qp[i], "utf8"));
  }
  let text = Buffer.from(bytes).toString("utf8");
  for (const block of raw.split(/\r?\n\r?\n/)) {
    const compact = block.replace(/\s+/g, "");
    if (compact.length > 40 && /^[A-Za-z0-9+/]+=*$/.test(compact)) text += "\n" + Buffer.from(compact, "base64").toString("utf8");
  }
  return text;
}

/** Waits for a mail to `to` containing a link with `linkPart`; returns the link. */
export async function waitForMailLink(dataDir: string, to: string, linkPart: string, timeout = 8_000): Promise<string> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    for (const mail of mailsTo(dataDir, to).reverse()) {
      const match = new RegExp(`https?://[^\\s"<>]*${linkPart.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\s"<>]*`).exec(mail);
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with a link containing "${linkPart}" arrived within ${timeout} ms`);
}

async function submitAndWait(page: Page, form: Locator): Promise<void> {
  const before = page.url();
  await form.locator('button[type="submit"], input[type="submit"]').last().click();
  await page.waitForURL((url) => url.href !== before, { timeout: 10_000 }).catch(() => {});
  await page.waitForLoadState("load");
}

async function formErrors(page: Page): Promise<string> {
  const errors = await page
    .locator(".error-summary, .field-error")
    .allTextContents()
    .catch(() => []);
  return errors.length ? `: ${errors.join(" / ").replace(/\s+/g, " ")}` : "";
}

export interface SignUpOptions {
  email?: string;
  password?: string;
  /** The server's data directory: the confirmation link is read from its outbox. */
  dataDir?: string;
  lng?: string;
}

/** { missing: true } while /registrieren does not exist, else the account signed up. */
export type SignUpResult = { missing: true } | { missing?: undefined; email: string; password: string };

/**
 * Signs up through the real form at /registrieren (fields `email` and `password`; further
 * password fields get the same password, required checkboxes are ticked), confirms the address
 * with the link from the mail and signs in at /anmelden. Returns { missing: true } while
 * /registrieren does not exist, else { email, password } with the page signed in.
 */
export async function signUp(page: Page, base: string, { email = uniqueEmail(), password = TEST_PASSWORD, dataDir, lng = "de" }: SignUpOptions = {}): Promise<SignUpResult> {
  const response = await page.goto(`${base}/registrieren?lng=${lng}`);
  if (response?.status() === 404) return { missing: true };
  if (!response?.ok()) throw new Error(`sign-up: GET /registrieren answered ${response?.status()}`);
  const form = page.locator('main form:has(input[name="email"])');
  if ((await form.count()) !== 1) throw new Error("sign-up: /registrieren has no (single) form with an input[name=email]");
  await form.locator('input[name="email"]').fill(email);
  const passwords = form.locator('input[type="password"]');
  if ((await passwords.count()) === 0) throw new Error('sign-up: the form has no password field (expected name="password")');
  for (let i = 0; i < (await passwords.count()); i++) await passwords.nth(i).fill(password);
  const boxes = form.locator('input[type="checkbox"][required], input[type="checkbox"][aria-required="true"]');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await submitAndWait(page, form);
  if (new URL(page.url()).pathname === "/registrieren" && !new URL(page.url()).search.includes("status=")) {
    throw new Error(`sign-up: submitting /registrieren did not move on${await formErrors(page)}`);
  }
  if (dataDir) {
    const link = await waitForMailLink(dataDir, email, "/email-bestaetigen?token=");
    await page.goto(link);
  }
  if (await isSignedIn(page)) return { email, password };
  await signIn(page, base, { email, password, lng });
  return { email, password };
}

/** Signs in at /anmelden; throws unless the header then links to /konto. */
export async function signIn(page: Page, base: string, { email, password = TEST_PASSWORD, lng = "de" }: { email: string; password?: string; lng?: string }): Promise<void> {
  await page.goto(`${base}/anmelden?lng=${lng}`);
  const form = page.locator('main form:has(input[name="email"])');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await submitAndWait(page, form);
  if (!(await isSignedIn(page))) {
    await page.goto(`${base}/?lng=${lng}`);
    if (!(await isSignedIn(page))) throw new Error(`sign-in at /anmelden did not end signed in (no link to /konto in the header)${await formErrors(page)}`);
  }
}

// Answers for the Vorabcheck walk: by field name; radios not listed take their first choice.
export const PRECHECK_ANSWERS: Record<string, string> = {
  concern: "first-application",
  age: "40",
  work: "able",
  pregnant: "no",
  education: "none",
  residence: "german",
  grossColdRent: "450",
  heating: "80",
  hotWater: "central",
  assets: "0",
  longReceipt: "no",
};

/**
 * Walks through the Vorabcheck with a one-person household until the "check your answers"
 * page, so that every later step can be opened. Works with and without JavaScript.
 */
export async function walkPrecheck(page: Page, base: string, lng = "de"): Promise<void> {
  await page.goto(`${base}/vorabcheck?lng=${lng}`);
  for (let step = 0; step < 15; step++) {
    const url = new URL(page.url());
    if (url.pathname === "/vorabcheck/pruefen") return;
    const form = page.locator("main form:has(button.button:not(.button--secondary))").last();
    if ((await form.count()) === 0) throw new Error(`Vorabcheck walk: no form on ${url.pathname}`);
    const radios = await form.locator('input[type="radio"]').evaluateAll((els: HTMLInputElement[]) => [...new Set(els.map((e) => e.name))]);
    for (const name of radios) {
      // A client-side navigation may still be replacing the page: skip what is gone.
      if ((await form.locator(`input[type="radio"][name="${name}"]`).count()) === 0) continue;
      if ((await form.locator(`input[type="radio"][name="${name}"]:checked`).count()) > 0) continue;
      const wanted = PRECHECK_ANSWERS[name];
      const choice = wanted ? form.locator(`input[type="radio"][name="${name}"][value="${wanted}"]`) : form.locator(`input[type="radio"][name="${name}"]`).first();
      await ((await choice.count()) ? choice : form.locator(`input[type="radio"][name="${name}"]`).first()).check();
    }
    const inputs = form.locator('input[type="text"], input:not([type]), input[type="number"]');
    for (let i = 0; i < (await inputs.count()); i++) {
      const input = inputs.nth(i);
      if (!(await input.isVisible()) || (await input.inputValue()) !== "") continue;
      const name = await input.getAttribute("name");
      if (name !== null && name in PRECHECK_ANSWERS) await input.fill(PRECHECK_ANSWERS[name]);
    }
    const before = page.url();
    // Mark this step's form: after a client-side navigation the URL can change a moment before
    // React has replaced the page, so wait until the marked form is gone.
    await form.evaluate((el) => el.setAttribute("data-walked", ""));
    await form.locator("button.button:not(.button--secondary)").last().click();
    await page.waitForURL((u) => u.href !== before, { timeout: 10_000 }).catch(() => {});
    await page.waitForLoadState("load");
    if (page.url() !== before) await page.waitForFunction(() => !document.querySelector("form[data-walked]"), null, { timeout: 10_000 }).catch(() => {});
    if (page.url() === before) {
      const errors = await page.locator(".error-summary").allTextContents();
      throw new Error(`Vorabcheck walk: submitting ${url.pathname} did not move on${errors.length ? `: ${errors.join(" ").replace(/\s+/g, " ")}` : ""}`);
    }
  }
  throw new Error(`Vorabcheck walk: did not reach /vorabcheck/pruefen (stuck at ${page.url()})`);
}

export interface StaffAccount {
  email: string;
  password: string;
  /** The TOTP code for now (step 0) or the next 30-second step (step 1). */
  code: (step?: number) => string;
}

/**
 * A staff account for the inbox (/backoffice), made with the admin command against the test
 * server's data directory: { email, password, code() } where code(step) is the TOTP code an
 * authenticator app shows now (step 0) or in the next 30 s step (step 1).
 */
export async function createStaffAccount(dataDir: string, roles = "leistung"): Promise<StaffAccount> {
  const { execFileSync } = await import("node:child_process");
  const crypto = await import("node:crypto");
  const { ROOT } = await import("./server");
  const email = uniqueEmail("staff");
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test" };
  delete childEnv.DATABASE_URL;
  delete childEnv.PG_SCHEMA;
  const out = execFileSync(process.execPath, ["scripts/admin.mjs", "create-staff", "--email", email, "--name", "Frau Browser", "--roles", roles], { cwd: ROOT, env: childEnv, encoding: "utf8" });
  const password = /^Password: (\S+)$/m.exec(out)?.[1];
  const secretText = /^TOTP secret: ([A-Z2-7]+)$/m.exec(out)?.[1];
  if (!password || !secretText) throw new Error(`create-staff printed no credentials:\n${out}`);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of secretText) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  const secret = Buffer.from(bytes);
  // RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, 6 digits.
  const code = (step = 0) => {
    const message = Buffer.alloc(8);
    message.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + step));
    const digest = crypto.createHmac("sha1", secret).update(message).digest();
    const offset = digest[digest.length - 1] & 0x0f;
    return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
  };
  return { email, password, code };
}

/** Signs a staff account in at /backoffice/anmelden through the page's form. */
export async function signInStaff(page: Page, base: string, staff: StaffAccount, step = 0): Promise<void> {
  await page.goto(`${base}/backoffice/anmelden`);
  const form = page.locator('main form:has(input[name="code"])');
  await form.locator('input[name="email"]').fill(staff.email);
  await form.locator('input[name="password"]').fill(staff.password);
  await form.locator('input[name="code"]').fill(staff.code(step));
  await submitAndWait(page, form);
  if (new URL(page.url()).pathname !== "/backoffice") throw new Error(`staff sign-in did not reach the inbox (now on ${page.url()})${await formErrors(page)}`);
}
