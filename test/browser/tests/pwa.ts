// PWA: service worker control, the web app manifest, the offline page in the page's language,
// and no personal data in Cache Storage (no API answers, no pages except the offline pages).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { watchConsole } from "../browser";
import { waitForHydration } from "../checks";
import { ROOT } from "../server";
import type { BrowserTest, TestEnv } from "../types";

/** locales/<lng>/offline.json: the offline page's texts. */
type OfflineTexts = Record<string, string>;

/** The web app manifest, as far as it is checked here (anything may be missing or wrong). */
interface WebManifest {
  name?: unknown;
  start_url?: unknown;
  display?: unknown;
  icons?: unknown;
}

interface ManifestIcon {
  src: string;
  sizes?: string;
  purpose?: string;
}

function offlineTexts(lng: string): { texts: OfflineTexts; translated: boolean } {
  const read = (l: string): OfflineTexts | null => {
    const file = path.join(ROOT, "locales", l, "offline.json");
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
  };
  const de = read("de");
  if (!de?.title) throw new Error("locales/de/offline.json has no title");
  const own = read(lng);
  // Same fallback as scripts/build-assets.mjs: missing keys come from German.
  return { texts: { ...de, ...(own ?? {}) }, translated: Boolean(own?.title) };
}

/** Waits until the service worker is active and controls the page. */
async function waitForControl(page: Page): Promise<void> {
  const ok = await page.evaluate(async () => {
    const registration = await Promise.race([navigator.serviceWorker.ready, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
    return Boolean(registration?.active);
  });
  if (!ok) throw new Error("navigator.serviceWorker.ready did not resolve within 15 s (no service worker registered?)");
}

/** Every Cache Storage entry: cache name, request URL, response content type. */
function cacheEntries(page: Page): Promise<Array<{ cache: string; url: string; type: string }>> {
  return page.evaluate(async () => {
    const out: Array<{ cache: string; url: string; type: string }> = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        out.push({ cache: name, url: request.url, type: response?.headers.get("content-type") ?? "" });
      }
    }
    return out;
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buffer: Buffer): { width: number; height: number } | null {
  if (buffer.length < 24 || buffer.toString("ascii", 1, 4) !== "PNG") return null;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

async function expectOfflinePage(page: Page, base: string, lng: string): Promise<void> {
  const { texts, translated } = offlineTexts(lng);
  if (!translated) console.log(`    NOTE: locales/${lng}/offline.json has no title yet — expecting the German fallback text`);
  await page.context().setOffline(true);
  try {
    await page.goto(`${base}/standorte`);
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      h1: document.querySelector("h1")?.textContent?.trim() ?? "",
      url: location.pathname,
    }));
    const wantLang = lng === "ls" ? "de" : lng;
    const wantDir = lng === "ar" || lng === "fa" ? "rtl" : "ltr";
    const problems: string[] = [];
    if (facts.lang !== wantLang) problems.push(`<html lang="${facts.lang}">, expected "${wantLang}"`);
    if (facts.dir !== wantDir) problems.push(`<html dir="${facts.dir}">, expected "${wantDir}"`);
    if (facts.title !== texts.title) problems.push(`<title> "${facts.title}", expected "${texts.title}"`);
    if (facts.h1 !== texts.title) problems.push(`<h1> "${facts.h1}", expected "${texts.title}"`);
    if (problems.length) throw new Error(`offline page for ${lng} (navigating to /standorte offline): ${problems.join("; ")}`);
  } finally {
    await page.context().setOffline(false);
  }
}

export default function pwaTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "PWA: the first visit is not reloaded when the service worker takes control",
      timeout: 30_000,
      fn: async () => {
        const context = await env.newContext({ serviceWorkers: "allow" });
        const page = await context.newPage();
        let loads = 0;
        page.on("load", () => loads++);
        await page.goto(`${env.base}/barrierefreiheit?lng=de`);
        await waitForHydration(page);
        // Someone starts typing while the worker installs in the background.
        await page.locator('textarea[name="description"]').fill("Ich tippe gerade etwas.");
        await waitForControl(page);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 }).catch(() => {});
        await page.waitForTimeout(1500);
        if (loads !== 1) {
          throw new Error(
            `the page loaded ${loads} times: it reloads itself when the service worker first takes control (clientsClaim + ` +
              `workbox "controlling" → location.reload()), which throws away what the person is typing`,
          );
        }
        const text = await page.locator('textarea[name="description"]').inputValue();
        if (text !== "Ich tippe gerade etwas.") throw new Error(`typed text lost: "${text}"`);
      },
    },
    {
      name: "PWA: service worker controls the page, manifest is valid",
      timeout: 45_000,
      fn: async () => {
        const context = await env.newContext({ serviceWorkers: "allow" });
        const page = await context.newPage();
        const consoleWatch = watchConsole(page);
        await page.goto(`${env.base}/?lng=de`);
        await waitForControl(page);
        await page.reload();
        await waitForHydration(page);
        const controlled = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
        if (!controlled) throw new Error("after a reload navigator.serviceWorker.controller is null");
        if (new URL(controlled).pathname !== "/sw.js") throw new Error(`the controlling worker is ${controlled}, expected /sw.js`);

        const href = await page.locator('link[rel="manifest"]').getAttribute("href");
        if (!href) throw new Error('no <link rel="manifest">');
        const response = await page.request.get(new URL(href, env.base).href);
        if (response.status() !== 200) throw new Error(`manifest ${href}: HTTP ${response.status()}`);
        const type = response.headers()["content-type"] ?? "";
        if (!/json/.test(type)) throw new Error(`manifest ${href}: Content-Type "${type}", expected application/manifest+json`);
        let manifest: WebManifest;
        try {
          manifest = JSON.parse(await response.text());
        } catch (error) {
          throw new Error(`manifest ${href} is not valid JSON: ${(error as Error).message}`);
        }
        const problems: string[] = [];
        if (typeof manifest.name !== "string" || !manifest.name.trim()) problems.push("no name");
        if (typeof manifest.start_url !== "string" || !manifest.start_url) problems.push("no start_url");
        const appDisplayModes: unknown[] = ["standalone", "fullscreen", "minimal-ui"];
        if (!appDisplayModes.includes(manifest.display)) problems.push(`display "${manifest.display}" is not an app display mode`);
        const icons: ManifestIcon[] = Array.isArray(manifest.icons) ? manifest.icons : [];
        for (const size of [192, 512]) {
          const icon = icons.find(
            (i) =>
              String(i.sizes ?? "")
                .split(/\s+/)
                .includes(`${size}x${size}`) &&
              (!i.purpose || i.purpose.split(/\s+/).includes("any")),
          );
          if (!icon) {
            problems.push(`no ${size}x${size} icon (purpose "any")`);
            continue;
          }
          const image = await page.request.get(new URL(icon.src, new URL(href, env.base)).href);
          const real = pngSize(await image.body());
          if (image.status() !== 200) problems.push(`icon ${icon.src}: HTTP ${image.status()}`);
          else if (!real || real.width !== size || real.height !== size) problems.push(`icon ${icon.src} claims ${size}x${size} but is ${real ? `${real.width}x${real.height}` : "not a PNG"}`);
        }
        if (problems.length) throw new Error(`manifest: ${problems.join("; ")}`);
        const errors = consoleWatch.take();
        if (errors.length) throw new Error(`console errors: ${errors.map((e) => e.text).join(" | ")}`);
      },
    },
    {
      name: "PWA: offline page in the page's language (de, ar); no API answers or pages in Cache Storage",
      timeout: 60_000,
      fn: async () => {
        const context = await env.newContext({ serviceWorkers: "allow" });
        const page = await context.newPage();
        await page.goto(`${env.base}/?lng=de`);
        await waitForControl(page);
        await page.reload();
        await waitForHydration(page);
        // Online first: pages and an API answer pass through the worker (and must not be kept).
        for (const p of ["/standorte", "/glossar", "/standort-finden?ort=Wegberg"]) {
          await page.goto(`${env.base}${p}`);
          await waitForHydration(page);
        }
        const api = await page.evaluate(async () => (await fetch("/api/v1/standorte")).status);
        if (api !== 200) throw new Error(`GET /api/v1/standorte from the page: ${api}`);

        await expectOfflinePage(page, env.base, "de");

        // The page tells the worker its language: Arabic now.
        await page.goto(`${env.base}/?lng=ar`);
        await waitForHydration(page);
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
          // The worker stores the language it was told; give the message a moment to arrive.
          for (let i = 0; i < 20; i++) {
            const stored = await caches.match("/__language").then((r) => (r ? r.text() : null));
            if (stored === "ar") return;
            await new Promise((r) => setTimeout(r, 100));
          }
        });
        await expectOfflinePage(page, env.base, "ar");

        // Cache Storage, read from a page of the portal (online again).
        await page.goto(`${env.base}/?lng=de`);
        const entries = await cacheEntries(page);
        if (entries.length === 0) throw new Error("Cache Storage is empty — nothing precached?");
        const STATIC = /^\/(build\/|fonts\/|icons\/|offline\/([a-z]{2}\.html|offline\.css)$|sw-offline\.js$|workbox-[\w-]+\.js$|__language$)/;
        const bad: string[] = [];
        for (const e of entries) {
          const u = new URL(e.url);
          if (u.pathname.includes("/api/")) bad.push(`API answer cached: ${e.url} (cache ${e.cache})`);
          else if (/text\/html/.test(e.type) && !/^\/offline\/[a-z]{2}\.html$/.test(u.pathname)) bad.push(`page HTML cached: ${e.url} (cache ${e.cache})`);
          else if (u.origin === env.base && !STATIC.test(u.pathname)) bad.push(`unexpected cache entry: ${e.url} (${e.type}, cache ${e.cache})`);
        }
        const offlinePages = entries.filter((e) => /^\/offline\/[a-z]{2}\.html$/.test(new URL(e.url).pathname));
        if (offlinePages.length < 10) bad.push(`only ${offlinePages.length} offline pages precached, expected one per language (10)`);
        if (bad.length) throw new Error(`Cache Storage:\n${bad.map((b) => `  - ${b}`).join("\n")}`);
      },
    },
  ];
}
