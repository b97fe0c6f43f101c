// Page-level checks shared by the tests: axe, document structure, skip link, reflow, focus.
//
// Code inside page.evaluate() runs in the browser, as the source text tsx made of it. tsx
// (esbuild with keepNames) wraps every named function value there in __name(…), which does not
// exist in the page: helpers inside evaluated code are therefore object methods (left alone),
// never `function f() {}` or `const f = () => …`.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export const LANGUAGES = ["de", "ls", "en", "tr", "ar", "ru", "uk", "pl", "ro", "fa"];
export const RTL = new Set(["ar", "fa"]);
export const htmlLangOf = (lng: string): string => (lng === "ls" ? "de" : lng);
export const dirOf = (lng: string): "rtl" | "ltr" => (RTL.has(lng) ? "rtl" : "ltr");

type AxeResult = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One axe violation, flattened for reports. */
export interface Violation {
  id: string;
  impact: AxeResult["impact"];
  help: string;
  targets: string[];
  summary: string;
}

/** Structure facts of a document (documentFacts). */
export interface DocumentFacts {
  h1Count: number;
  h1Texts: string[];
  lang: string | null;
  dir: string | null;
  mainCount: number;
  mainId: string | null;
  title: string;
  activeTag: string;
}

/** The focused element when it is the document body (nothing focused). */
export interface BodyFocus {
  tag: "body";
  desc: "body";
}

/** The focused element when it is not the body (activeElementInfo). */
export interface FocusedElementInfo {
  tag: string;
  id: string;
  name: string | null;
  type: string | null;
  href: string | null;
  lang: string | null;
  className: string;
  text: string;
  desc: string;
  outline: string;
  boxShadow: string;
  visibleFocus: boolean;
  inViewport: boolean;
  inMain: boolean;
  inHeader: boolean;
}

export type ActiveElementInfo = BodyFocus | FocusedElementInfo;

/** True when nothing but the body has focus. */
export function isBody(info: ActiveElementInfo): info is BodyFocus {
  return info.tag === "body";
}

export interface Overflow {
  width: number;
  scrollWidth: number;
  overflow: boolean;
  culprits: string[];
}

/** Adds ?lng=… (keeping other parameters and a #hash). */
export function withLanguage(path: string, lng: string): string {
  const url = new URL(path, "http://x");
  url.searchParams.set("lng", lng);
  return url.pathname + url.search + url.hash;
}

/** Runs axe with the project's WCAG 2.2 AA + best-practice tags; returns readable violations. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Legacy mode: one axe.run() in the page (no iframes here) — much faster than runPartial,
  // which opens a helper page per run.
  // resultTypes: only violations are collected in full (faster on long pages).
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    // target-size (WCAG 2.5.8, tagged wcag22aa) is off by default in axe-core: switch it on.
    .options({ resultTypes: ["violations"], rules: { "target-size": { enabled: true } } })
    .setLegacyMode(true)
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" | ")),
    summary: v.nodes[0]?.failureSummary?.replace(/\s+/g, " ").trim() ?? "",
  }));
}

export function formatViolation(v: Violation): string {
  const targets = v.targets.slice(0, 6).join(", ") + (v.targets.length > 6 ? `, … (${v.targets.length} nodes)` : "");
  return `axe ${v.id} (${v.impact}): ${v.help} — ${targets}${v.summary ? ` — ${v.summary.slice(0, 240)}` : ""}`;
}

/** Resolves once React has hydrated the document (React marks hydrated DOM nodes). */
export async function waitForHydration(page: Page, timeout = 6_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector("main") ?? document.body;
      return Object.keys(el).some((k) => k.startsWith("__reactFiber"));
    },
    null,
    { timeout },
  );
  // One more frame so effects (focus management, service worker registration) have run.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Structure facts of the current document. */
export function documentFacts(page: Page): Promise<DocumentFacts> {
  return page.evaluate((): DocumentFacts => {
    // An object method, not a named function: see the note at the top of this file.
    const helpers = {
      describe(el: Element) {
        return el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "");
      },
    };
    const h1s = [...document.querySelectorAll("h1")];
    const mains = [...document.querySelectorAll("main, [role=main]")];
    return {
      h1Count: h1s.length,
      h1Texts: h1s.map((h) => (h.textContent ?? "").trim().slice(0, 80)),
      lang: document.documentElement.getAttribute("lang"),
      dir: document.documentElement.getAttribute("dir"),
      mainCount: mains.length,
      mainId: mains[0]?.id ?? null,
      title: document.title,
      activeTag: document.activeElement === document.body || !document.activeElement ? "body" : helpers.describe(document.activeElement),
    };
  });
}

/** A short description of the focused element (tag, id, classes, href, text). */
export function activeElementInfo(page: Page): Promise<ActiveElementInfo> {
  return page.evaluate((): ActiveElementInfo => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body", desc: "body" };
    // An object method, not a named function: see the note at the top of this file.
    const colour = {
      transparent(c: string) {
        return c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
      },
    };
    const cs = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    const desc = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls}${el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : ""} "${(el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40)}"`;
    const hasOutline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && !colour.transparent(cs.outlineColor);
    const hasShadow = cs.boxShadow !== "none" && cs.boxShadow !== "";
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute("name"),
      type: el.getAttribute("type"),
      href: el.getAttribute("href"),
      lang: el.getAttribute("lang"),
      className: typeof el.className === "string" ? el.className : "",
      text: (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60),
      desc,
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      boxShadow: cs.boxShadow,
      visibleFocus: hasOutline || hasShadow,
      inViewport: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.left < innerWidth && rect.top < innerHeight,
      inMain: Boolean(el.closest("main")),
      inHeader: Boolean(el.closest("header")),
    };
  });
}

/**
 * Horizontal overflow at the current viewport width: the document's scroll width against its
 * client width, plus the elements that stick out (for the report).
 */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate((): Overflow => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const scrollWidth = root.scrollWidth;
    const culprits: string[] = [];
    if (scrollWidth > width + 1) {
      const rtl = getComputedStyle(root).direction === "rtl";
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const out = rtl ? r.left < -1 : r.right > width + 1;
        if (!out) continue;
        // Only the outermost offender of a subtree whose parent still fits.
        const p = el.parentElement?.getBoundingClientRect();
        const parentOut = p && (rtl ? p.left < -1 : p.right > width + 1);
        if (parentOut) continue;
        culprits.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} (${Math.round(rtl ? r.left : r.right)}px)`,
        );
        if (culprits.length >= 5) break;
      }
    }
    return { width, scrollWidth, overflow: scrollWidth > width + 1, culprits };
  });
}

/**
 * Touch targets at the current viewport (WCAG 2.5.8 and the project's rule): every control that is
 * not a link inside running text is at least 24 × 24 CSS px, a button (`.button`, a submit) at
 * least 44 px high, and two small targets (under 44 px in a dimension) do not touch — at least
 * 8 px apart. A radio or checkbox counts with its label (clicking the label works). Returns problems.
 */
export function touchTargetProblems(page: Page): Promise<string[]> {
  return page.evaluate((): string[] => {
    // Object methods, not named functions: see the note at the top of this file.
    const h = {
      describe(el: Element) {
        const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 30);
        const name = el.getAttribute("name");
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls}${name ? `[name=${name}]` : ""}${el.getAttribute("type") ? `[type=${el.getAttribute("type")}]` : ""}${text ? ` "${text}"` : ""}`;
      },
      visible(el: Element) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        if (el.closest("details:not([open])") && !el.closest("summary")) return false;
        const cs = getComputedStyle(el);
        if (cs.visibility === "hidden") return false;
        // Visually hidden (the skip link until focused, clipped helper text).
        if (r.width <= 1 || r.height <= 1 || el.closest(".visually-hidden, .skip-link")) return false;
        return true;
      },
      /** A link in running text: inline, with text of its own block around it (2.5.8 exception). */
      inline(el: Element) {
        if (el.tagName !== "A") return false;
        if (getComputedStyle(el).display !== "inline") return false;
        const block = el.parentElement;
        if (!block) return false;
        const own = (block.textContent ?? "").replace(el.textContent ?? "", "").trim();
        return own.length > 0;
      },
      box(el: Element) {
        const r = el.getBoundingClientRect();
        const type = el.getAttribute("type");
        if (el.tagName === "INPUT" && (type === "radio" || type === "checkbox") && el.id) {
          const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
          if (label) {
            const l = label.getBoundingClientRect();
            const left = Math.min(r.left, l.left);
            const top = Math.min(r.top, l.top);
            const right = Math.max(r.right, l.right);
            const bottom = Math.max(r.bottom, l.bottom);
            return { left, top, right, bottom, width: right - left, height: bottom - top };
          }
        }
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
      },
    };
    const problems: string[] = [];
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary";
    const targets = [...document.querySelectorAll(selector)]
      .filter((el) => !el.closest("label") || el.tagName === "INPUT")
      .filter((el) => h.visible(el) || (el.tagName === "INPUT" && ["radio", "checkbox"].includes(el.getAttribute("type") ?? "")))
      .filter((el) => !h.inline(el))
      .map((el) => ({ el, box: h.box(el) }))
      .filter((t) => t.box.width > 1 && t.box.height > 1);
    for (const t of targets) {
      const w = Math.round(t.box.width);
      const ht = Math.round(t.box.height);
      if (t.box.width < 23.5 || t.box.height < 23.5) problems.push(`touch target ${w} × ${ht} px (< 24 × 24): ${h.describe(t.el)}`);
      const primary = t.el.matches(".button, button[type=submit], input[type=submit], input[type=file]") && !t.el.matches(".link-button");
      if (primary && t.box.height < 43.5) problems.push(`primary control ${w} × ${ht} px (< 44 px high): ${h.describe(t.el)}`);
    }
    const small = targets.filter((t) => t.box.width < 43.5 || t.box.height < 43.5);
    for (let i = 0; i < small.length; i++) {
      for (const other of targets) {
        const a = small[i].box;
        const b = other.box;
        if (other.el === small[i].el || other.el.contains(small[i].el) || small[i].el.contains(other.el)) continue;
        const gapX = Math.max(b.left - a.right, a.left - b.right);
        const gapY = Math.max(b.top - a.bottom, a.top - b.bottom);
        if (Math.max(gapX, gapY) < 8) problems.push(`touch targets too close (< 8 px apart): ${h.describe(small[i].el)} and ${h.describe(other.el)}`);
      }
    }
    return [...new Set(problems)].slice(0, 12);
  });
}

/**
 * Reflow inside the page (WCAG 1.4.10): no column narrower than a word (a word broken over three
 * or more lines, as in a 44 px column that breaks text letter by letter), and no element that
 * scrolls sideways (a scroll area whose content is wider than the phone). Returns problems.
 */
export function narrowColumnProblems(page: Page): Promise<string[]> {
  return page.evaluate((): string[] => {
    const problems: string[] = [];
    const h = {
      describe(el: Element) {
        const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls}`;
      },
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || seen.has(parent) || parent.closest("script, style, .visually-hidden, .skip-link, details:not([open]) > :not(summary)")) continue;
      const text = node.textContent ?? "";
      for (const match of text.matchAll(/\p{L}{4,}/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index ?? 0);
        range.setEnd(node, (match.index ?? 0) + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size >= 3) {
          seen.add(parent);
          problems.push(
            `column narrower than a word: "${match[0].slice(0, 30)}" broken over ${lines.size} lines in ${h.describe(parent)} (${Math.round(parent.getBoundingClientRect().width)} px wide)`,
          );
          break;
        }
      }
      if (problems.length >= 8) break;
    }
    for (const el of document.body.querySelectorAll("*")) {
      const cs = getComputedStyle(el);
      if (!["auto", "scroll"].includes(cs.overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`scrolls sideways: ${h.describe(el)} (content ${el.scrollWidth} px in ${el.clientWidth} px)`);
    }
    return problems;
  });
}

export async function settleLayout(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Waits until the scroll position has not changed for five frames. After a same-page link
 * (the skip link) the router scrolls to the target a moment later; a key pressed before that
 * would race with it.
 */
export async function settleScroll(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = scrollY;
        let still = 0;
        let frames = 0;
        // An object method, not a named function: see the note at the top of this file.
        const loop = {
          tick() {
            frames++;
            still = scrollY === last ? still + 1 : 0;
            last = scrollY;
            if (still >= 5 || frames > 120) resolve();
            else requestAnimationFrame(loop.tick);
          },
        };
        requestAnimationFrame(loop.tick);
      }),
  );
}

/**
 * Skip link: the first Tab from the top of the page lands on it, it is visible when focused,
 * and Enter moves focus to <main>. Returns problems (strings). Leaves the URL with #main.
 */
export async function checkSkipLink(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.keyboard.press("Tab");
  const first = await activeElementInfo(page);
  if (isBody(first) || !/\bskip-link\b/.test(first.className) || first.tag !== "a") {
    problems.push(`skip link: first focusable element is ${first.desc}, not the skip link`);
    return problems;
  }
  if (!first.inViewport) problems.push("skip link: not visible in the viewport when focused");
  if (!first.visibleFocus) problems.push(`skip link: no visible focus indicator (outline ${first.outline}, box-shadow ${first.boxShadow})`);
  const target = first.href?.startsWith("#") ? first.href.slice(1) : null;
  await page.keyboard.press("Enter");
  await settleLayout(page);
  const after = await page.evaluate(() => {
    const el = document.activeElement;
    const main = document.querySelector("main");
    return { isMain: el === main, inMain: Boolean(main && el && main.contains(el)), mainId: main?.id ?? null, desc: el ? `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}` : "none" };
  });
  if (!after.isMain && !after.inMain) problems.push(`skip link: Enter moved focus to ${after.desc}, not to <main>`);
  if (target !== after.mainId) problems.push(`skip link: points to #${target}, but <main> has id "${after.mainId}"`);
  return problems;
}
