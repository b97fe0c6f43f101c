// Steps of the online Antrag as the browser tests walk them (shared by tests/antrag-arabic.ts
// and tests/journey.ts): fill a page's form by field name, submit it, follow the task list until
// every section is done, upload a photo and a PDF. Work with JavaScript on and off (`js`).
import type { Locator, Page } from "playwright-core";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { waitForHydration } from "./checks";

/** Answers by field name: text, a radio or checkbox value, or true to tick a single checkbox. */
export type Answers = Record<string, string | boolean>;

/** Counts what the person does: form submits (clicks on a submit button) — see tests/journey.ts. */
export interface Tally {
  submits: number;
}

/** Waits until React has hydrated the page (JavaScript on); nothing to wait for without it. */
export async function settle(page: Page, js = true): Promise<void> {
  if (js) await waitForHydration(page);
  else await page.waitForLoadState("load");
}

/** The form on the page that asks something (not the hidden-only forms such as "remove"). */
export async function mainForm(page: Page): Promise<Locator> {
  const forms = page.locator("main form");
  for (let i = (await forms.count()) - 1; i >= 0; i--) {
    const form = forms.nth(i);
    if ((await form.locator('input:not([type="hidden"]), select, textarea').count()) > 0) return form;
  }
  throw new Error(`no form with fields on ${page.url()}`);
}

/**
 * Fills the fields it knows by name; answers "no" to a yes/no question it does not know and
 * "none" where a checkbox group offers it; leaves filled-in text (suggestions) as it is.
 */
export async function fill(form: Locator, answers: Answers): Promise<void> {
  const fields = form.locator('input:not([type="hidden"]):not([type="file"]), select, textarea');
  const names = [...new Set(await fields.evaluateAll((els) => els.map((e) => e.getAttribute("name")).filter((n): n is string => Boolean(n))))];
  for (const name of names) {
    const field = form.locator(`[name="${name}"]`);
    const type = (await field.first().getAttribute("type")) ?? (await field.first().evaluate((e) => e.tagName.toLowerCase()));
    const wanted = answers[name];
    // Questions revealed by an earlier answer become visible once it is given; others stay hidden.
    const visible = await field
      .first()
      .waitFor({ state: "visible", timeout: wanted === undefined ? 500 : 3_000 })
      .then(
        () => true,
        () => false,
      );
    if (!visible) continue;
    if (type === "radio") {
      const values = await field.evaluateAll((els) => els.map((e) => e.getAttribute("value")));
      if ((await form.locator(`[name="${name}"]:checked`).count()) > 0 && wanted === undefined) continue;
      const value = wanted !== undefined && values.includes(String(wanted)) ? String(wanted) : values.includes("no") ? "no" : values[0];
      await form.locator(`[name="${name}"][value="${value}"]`).check();
    } else if (type === "checkbox") {
      const values = await field.evaluateAll((els) => els.map((e) => e.getAttribute("value")));
      if (wanted === true) await field.first().check();
      else if (typeof wanted === "string" && values.includes(wanted)) await form.locator(`[name="${name}"][value="${wanted}"]`).check();
      // A checkbox question with "none of these" as its explicit answer.
      else if (values.length > 1 && values.includes("none") && (await form.locator(`[name="${name}"]:checked`).count()) === 0) await form.locator(`[name="${name}"][value="none"]`).check();
    } else if (type === "select") {
      if (wanted !== undefined) await field.first().selectOption(String(wanted));
    } else if (wanted !== undefined && typeof wanted === "string") {
      await field.first().fill(wanted);
    }
  }
}

/** Submits and waits for the next page (another URL) — or throws with the errors shown. */
export async function submit(page: Page, form: Locator, tally?: Tally): Promise<void> {
  const before = page.url();
  if (tally) tally.submits += 1;
  await form.locator('button[type="submit"]').last().click();
  const moved = page.waitForURL((url) => url.href !== before, { timeout: 20_000 }).then(() => "moved");
  const refused = page
    .locator(".error-summary")
    .waitFor({ timeout: 20_000 })
    .then(() => "refused");
  const outcome = await Promise.race([moved, refused]);
  if (outcome === "refused") throw new Error(`${new URL(before).pathname} refused the answers: ${(await page.locator(".error-summary").textContent())?.trim()}`);
  await page.waitForLoadState("load");
}

/** Clicks a link in main and waits for its page. */
export async function follow(page: Page, link: Locator, js = true): Promise<void> {
  const href = (await link.first().getAttribute("href"))!;
  const target = new URL(href, page.url());
  await Promise.all([page.waitForURL((url) => url.pathname === target.pathname, { timeout: 20_000 }), link.first().click()]);
  await settle(page, js);
}

export interface TaskListWalk {
  base: string;
  id: string;
  /** Answers by field name for every section. */
  answers: Answers;
  /** Members to add with "add a person". */
  newMembers?: Answers[];
  /** Answers for members already listed but incomplete (carried from the pre-check), in order. */
  completeMembers?: Answers[];
  /** Income answers per member id ("p1", "p2", …); pre-filled answers stay where none is given. */
  income?: (memberId: string) => Answers;
  /** Answers for one person's details page (angaben/<memberId>) over `answers`, e.g. a child's entry date. */
  details?: (memberId: string) => Answers;
  js?: boolean;
  tally?: Tally;
  log?: (line: string) => void;
  /** Checked on every task-list visit (e.g. right to left). */
  onTaskList?: (page: Page) => Promise<void>;
}

/**
 * Follows the task list: opens the first section that is not done, answers it, until every
 * section is done. Returns the sections visited. Goes to the task list only when the last save
 * did not lead there already (as a person would).
 */
export async function walkTaskList(page: Page, walk: TaskListWalk): Promise<string[]> {
  const { base, id, answers, js = true, tally } = walk;
  const taskPath = `/antrag/${id}`;
  const visited: string[] = [];
  let completed = 0;
  for (let round = 0; round < 40; round++) {
    if (new URL(page.url()).pathname !== taskPath) await page.goto(`${base}${taskPath}`);
    await settle(page, js);
    await walk.onTaskList?.(page);
    const open = page
      .locator(".task-list__item")
      .filter({ hasNot: page.locator(".tag--done") })
      .locator("a.task-list__link");
    if ((await open.count()) === 0) break;
    const href = (await open.first().getAttribute("href"))!;
    const section = href.replace(`${taskPath}/`, "");
    visited.push(section);
    await follow(page, open, js);
    walk.log?.(`section ${section}`);
    if (section === "haushalt") {
      // Members carried over from the pre-check: names and exact birth dates are still missing.
      // Saving one leads on to the next incomplete one, then back to the list.
      for (let i = 0; i < 8; i++) {
        if (!/\/haushalt\/p\d+$/.test(new URL(page.url()).pathname)) {
          const incomplete = page.locator(".member-list li:has(.tag--progress) a[href*='/haushalt/p']");
          if ((await incomplete.count()) === 0) break;
          await follow(page, incomplete, js);
        }
        const member = walk.completeMembers?.[completed++];
        if (!member) throw new Error(`an incomplete household member is listed but no answers are given for it (${page.url()})`);
        const form = await mainForm(page);
        await fill(form, member);
        await submit(page, form, tally);
        await settle(page, js);
      }
      for (const member of walk.newMembers ?? []) {
        await follow(page, page.locator(`main a[href="${taskPath}/haushalt/neu"]`), js);
        const form = await mainForm(page);
        await fill(form, member);
        await submit(page, form, tally);
        await settle(page, js);
      }
      const confirm = page.locator('main form:has(input[name="intent"][value="confirm"])');
      await fill(confirm, answers);
      await submit(page, confirm, tally);
    } else if (section.startsWith("einkommen/")) {
      for (let person = 0; person < 8 && new URL(page.url()).pathname.includes("/einkommen/"); person++) {
        const who = new URL(page.url()).pathname.split("/").pop()!;
        const form = await mainForm(page);
        await fill(form, walk.income?.(who) ?? {});
        await submit(page, form, tally);
        await settle(page, js);
      }
    } else if (section.startsWith("angaben/")) {
      // One page per person (issue 18); saving one leads on to the next person not done, then back to the list.
      for (let person = 0; person < 8 && new URL(page.url()).pathname.includes("/angaben/"); person++) {
        const who = new URL(page.url()).pathname.split("/").pop()!;
        const form = await mainForm(page);
        await fill(form, { ...answers, ...(walk.details?.(who) ?? {}) });
        await submit(page, form, tally);
        await settle(page, js);
      }
    } else {
      const form = await mainForm(page);
      await fill(form, answers);
      await submit(page, form, tally);
    }
  }
  return visited;
}

/** A small JPEG (the passport photo) and a one-page PDF (the rent contract). */
export async function photoAndPdf(): Promise<{ photo: Buffer; pdf: Buffer }> {
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return { photo, pdf: Buffer.from(await doc.save()) };
}

/**
 * Uploads a photo of the passport (identity.p1) and the rent contract as PDF on the documents
 * page it is on (resumable with JavaScript, a plain multipart form without); waits until each
 * file is listed.
 */
export async function uploadPhotoAndPdf(page: Page, tally?: Tally): Promise<void> {
  const { photo, pdf } = await photoAndPdf();
  const uploads: Array<[item: string, file: { name: string; mimeType: string; buffer: Buffer }]> = [
    ["identity.p1", { name: "جواز-السفر.jpg", mimeType: "image/jpeg", buffer: photo }],
    ["rent-contract", { name: "عقد-الإيجار.pdf", mimeType: "application/pdf", buffer: pdf }],
  ];
  for (const [item, file] of uploads) {
    const form = page.locator(`main form:has(input[name="item"][value="${item}"])`);
    await form.locator('input[type="file"]:not([capture])').setInputFiles(file);
    if (tally) tally.submits += 1;
    await form.locator('button[type="submit"]').first().click();
    const section = page.locator(`main section:has(input[name="item"][value="${item}"])`);
    await section
      .locator(".file-list li")
      .filter({ hasText: file.name.replace(/\.jpg$/, "") })
      .first()
      .waitFor({ timeout: 30_000 });
  }
}
