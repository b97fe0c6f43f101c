// Browser tests (Chromium via playwright-core): a small dependency-free runner.
//
//   npx tsx test/browser/run.ts              all tests
//   npx tsx test/browser/run.ts sweep pwa    only tests whose name contains one of the words
//   (npm run test:browser -- sweep pwa does the same)
//
// Needs the build (npm run build). Starts one portal server on a free port with a temporary
// DATA_DIR and one browser; every test gets fresh browser contexts (closed by the runner, also
// on timeout). Prints ✓/✗ per test, "N passed, N failed", writes
// $TMPDIR/browser-tests-summary.json for scripts/test-all.mjs and exits 1 on failure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, BrowserContextOptions } from "playwright-core";
import { DEFAULT_CONTEXT, launchBrowser } from "./browser";
import { loadRoutes } from "./routes";
import { assertBuildExists, ROOT, startServer } from "./server";
import guardTests from "./tests/guard";
import selfTests from "./tests/selftest";
import sweepTests from "./tests/sweep";
import keyboardTests from "./tests/keyboard";
import pwaTests from "./tests/pwa";
import noJsTests from "./tests/nojs";
import rtlTests from "./tests/rtl";
import bookingTests from "./tests/booking";
import ombudsTests from "./tests/ombuds";
import casesTests from "./tests/cases";
import documentsTests from "./tests/documents";
import antragArabicTests from "./tests/antrag-arabic";
import staleFormTests from "./tests/stale-forms";
import kontoTests from "./tests/konto";
import standortPanelTests from "./tests/standort-panel";
import phoneTests from "./tests/phone";
import appointmentDayTests from "./tests/appointment-day";
import inboxWorklistTests from "./tests/inbox-worklist";
import type { BrowserTest, TestEnv } from "./types";

const SUMMARY = path.join(os.tmpdir(), "browser-tests-summary.json");
/** How many `parallel` tests run at once (BROWSER_TEST_PARALLEL, default: one per CPU core, at least 2). */
const PARALLEL = Math.max(1, Number(process.env.BROWSER_TEST_PARALLEL) || Math.max(2, os.cpus().length));
export const RESULTS_DIR = path.join(ROOT, "test-results");

function writeSummary(passed: number, failed: number): void {
  fs.writeFileSync(SUMMARY, JSON.stringify({ passed, failed }));
}

function elapsed(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const filters = process.argv.slice(2).map((f) => f.toLowerCase());
  try {
    assertBuildExists();
  } catch (error) {
    console.error(`✗ browser tests: ${(error as Error).message}`);
    console.log("\n0 passed, 1 failed");
    writeSummary(0, 1);
    process.exit(1);
  }

  const server = await startServer();
  const browser = await launchBrowser();
  // Ctrl-C / kill: do not leave the portal server or Chromium behind.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      console.log(`\n${signal}: stopping the browser and the portal server`);
      await browser.close().catch(() => {});
      await server.stop().catch(() => {});
      writeSummary(0, 1);
      process.exit(130);
    });
  }
  // Contexts are closed after each test (after each batch of `parallel` tests).
  let contexts: BrowserContext[] = [];
  let contextCount = 0;
  const env: TestEnv = {
    base: server.url,
    server,
    browser,
    resultsDir: RESULTS_DIR,
    /** A fresh context with the defaults (360×800, de-DE, service workers blocked). */
    async newContext(options: BrowserContextOptions = {}) {
      // Each context is another person on her own device: her own client address (the portal
      // trusts the loopback proxy), so per-address limits such as 10 sign-ups an hour apply per
      // person, as in life, not to the whole suite.
      contextCount += 1;
      const address = `10.77.${Math.floor(contextCount / 250)}.${(contextCount % 250) + 1}`;
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, ...options, extraHTTPHeaders: { "X-Forwarded-For": address, ...options.extraHTTPHeaders } });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(20_000);
      contexts.push(context);
      return context;
    },
    log: (line: string) => console.log(`    ${line}`),
    /** Values computed once and shared between tests (sign-up cookies, Vorabcheck cookies). */
    shared: new Map<string, Promise<unknown>>(),
    async once<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (!env.shared.has(key)) env.shared.set(key, compute());
      return env.shared.get(key) as Promise<T>;
    },
    /** Filled in once the server answers (loadRoutes below). */
    routes: [],
  };
  async function closeContexts() {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.close().catch(() => {})));
  }

  let passed = 0;
  let failed = 0;
  const failures: Array<{ name: string; message: string }> = [];
  try {
    env.routes = await loadRoutes(server.url);
    const tests = [
      guardTests,
      selfTests,
      sweepTests,
      keyboardTests,
      pwaTests,
      noJsTests,
      rtlTests,
      bookingTests,
      ombudsTests,
      casesTests,
      documentsTests,
      antragArabicTests,
      staleFormTests,
      kontoTests,
      standortPanelTests,
      phoneTests,
      appointmentDayTests,
      inboxWorklistTests,
    ].flatMap((make) => make(env));
    const selected = filters.length ? tests.filter((t) => filters.some((f) => t.name.toLowerCase().includes(f))) : tests;
    console.log(`browser tests: ${selected.length} tests against ${server.url} (Chromium ${browser.version()})\n`);
    async function runOne(test: BrowserTest): Promise<void> {
      const t0 = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          test.fn(env),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${elapsed(test.timeout)}`)), test.timeout);
          }),
        ]);
        passed++;
        console.log(`✓ ${test.name} (${elapsed(Date.now() - t0)})`);
      } catch (error) {
        failed++;
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ name: test.name, message });
        console.log(`✗ ${test.name} (${elapsed(Date.now() - t0)})\n${message.replace(/^/gm, "    ")}`);
        if (server.buildChanged()) {
          console.log(
            "    !!! build/ changed while the tests ran (someone rebuilt the app): failures such as 404s for\n" +
              "    !!! /build/… assets or pages that do not hydrate come from that, not from the app. Run again.",
          );
        }
      } finally {
        clearTimeout(timer);
      }
    }
    // Tests marked `parallel` (the per-language sweeps) run PARALLEL at a time; the rest one by one.
    for (let i = 0; i < selected.length;) {
      if (!selected[i].parallel) {
        await runOne(selected[i++]);
        await closeContexts();
        continue;
      }
      const batch: BrowserTest[] = [];
      while (i < selected.length && selected[i].parallel) batch.push(selected[i++]);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL, batch.length) }, async () => {
          while (next < batch.length) await runOne(batch[next++]);
        }),
      );
      await closeContexts();
    }
  } catch (error) {
    failed++;
    console.log(`✗ browser test set-up: ${error instanceof Error ? error.stack : error}`);
  } finally {
    await browser.close().catch(() => {});
    await server.stop().catch(() => {});
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, "browser-failures.json"), JSON.stringify(failures, null, 2));
  console.log(`\nbrowser tests took ${elapsed(Date.now() - started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  writeSummary(passed, failed);
  process.exit(failed > 0 ? 1 : 0);
}

// Make sure an unexpected crash still leaves a summary behind.
process.on("unhandledRejection", (error) => {
  console.error("unhandled rejection in the browser test runner:", error);
});

await main().catch((error) => {
  console.error(error);
  console.log("\n0 passed, 1 failed");
  writeSummary(0, 1);
  process.exit(1);
});
