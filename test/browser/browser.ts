// One Chromium for the whole run, launched the only way that works on this machine.
import { chromium, type Browser, type BrowserContextOptions, type LaunchOptions, type Page } from "playwright-core";

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(LAUNCH_OPTIONS);
}

/** Default context options: a phone-sized viewport, German browser, service workers off. */
export const DEFAULT_CONTEXT: BrowserContextOptions = {
  viewport: { width: 360, height: 800 },
  locale: "de-DE",
  serviceWorkers: "block",
  reducedMotion: "reduce",
};

export interface ConsoleError {
  text: string;
  url: string;
}

export interface ConsoleWatch {
  /** The errors collected since the last call (and forgets them). */
  take(): ConsoleError[];
}

/**
 * Collects console errors and uncaught exceptions of a page (CSP violations are console errors).
 * `ignore(message)` may drop expected ones (e.g. the 404 status of a 404 test page itself).
 */
export function watchConsole(page: Page): ConsoleWatch {
  const errors: ConsoleError[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const loc = msg.location();
    errors.push({ text: msg.text(), url: loc?.url ?? "" });
  });
  page.on("pageerror", (error) => errors.push({ text: `uncaught: ${error.message}`, url: page.url() }));
  return {
    take() {
      return errors.splice(0, errors.length);
    },
  };
}
