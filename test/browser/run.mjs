// Browser tests (Chromium via playwright-core): a small dependency-free runner.
//
//   node test/browser/run.mjs              all tests
//   node test/browser/run.mjs sweep pwa    only tests whose name contains one of the words
//
// Needs the build (npm run build). Starts one portal server on a free port with a temporary
// DATA_DIR and one browser; every test gets fresh browser contexts (closed by the runner, also
// on timeout). Prints ✓/✗ per test, "N passed, N failed", writes
// $TMPDIR/browser-tests-summary.json for scripts/test-all.mjs and exits 1 on failure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_CONTEXT, launchBrowser } from "./browser.mjs";
import { loadRoutes } from "./routes.mjs";
import { assertBuildExists, ROOT, startServer } from "./server.mjs";
import guardTests from "./tests/guard.mjs";
import selfTests from "./tests/selftest.mjs";
import sweepTests from "./tests/sweep.mjs";
import keyboardTests from "./tests/keyboard.mjs";
import pwaTests from "./tests/pwa.mjs";
import noJsTests from "./tests/nojs.mjs";
import rtlTests from "./tests/rtl.mjs";
import bookingTests from "./tests/booking.mjs";
import ombudsTests from "./tests/ombuds.mjs";
import casesTests from "./tests/cases.mjs";
import documentsTests from "./tests/documents.mjs";
import antragArabicTests from "./tests/antrag-arabic.mjs";

const SUMMARY = path.join(os.tmpdir(), "browser-tests-summary.json");
/** How many `parallel` tests run at once (BROWSER_TEST_PARALLEL, default: one per CPU core, at least 2). */
const PARALLEL = Math.max(1, Number(process.env.BROWSER_TEST_PARALLEL) || Math.max(2, os.cpus().length));
export const RESULTS_DIR = path.join(ROOT, "test-results");

function writeSummary(passed, failed) {
  fs.writeFileSync(SUMMARY, JSON.stringify({ passed, failed }));
}

function elapsed(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  const started = Date.now();
  const filters = process.argv.slice(2).map((f) => f.toLowerCase());
  try {
    assertBuildExists();
  } catch (error) {
    console.error(`✗ browser tests: ${error.message}`);
    console.log("\n0 passed, 1 failed");
    writeSummary(0, 1);
    process.exit(1);
  }

  const server = await startServer();
  const browser = await launchBrowser();
  // Ctrl-C / kill: do not leave the portal server or Chromium behind.
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, async () => {
      console.log(`\n${signal}: stopping the browser and the portal server`);
      await browser.close().catch(() => {});
      await server.stop().catch(() => {});
      writeSummary(0, 1);
      process.exit(130);
    });
  }
  // Contexts are closed after each test (after each batch of `parallel` tests).
  let contexts = [];
  const env = {
    base: server.url,
    server,
    browser,
    resultsDir: RESULTS_DIR,
    /** A fresh context with the defaults (360×800, de-DE, service workers blocked). */
    async newContext(options = {}) {
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, ...options });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(20_000);
      contexts.push(context);
      return context;
    },
    log: (line) => console.log(`    ${line}`),
    /** Values computed once and shared between tests (sign-up cookies, Vorabcheck cookies). */
    shared: new Map(),
    async once(key, compute) {
      if (!env.shared.has(key)) env.shared.set(key, compute());
      return env.shared.get(key);
    },
  };
  async function closeContexts() {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.close().catch(() => {})));
  }

  let passed = 0;
  let failed = 0;
  const failures = [];
  try {
    env.routes = await loadRoutes(server.url);
    const tests = [guardTests, selfTests, sweepTests, keyboardTests, pwaTests, noJsTests, rtlTests, bookingTests, ombudsTests, casesTests, documentsTests, antragArabicTests].flatMap((make) => make(env));
    const selected = filters.length ? tests.filter((t) => filters.some((f) => t.name.toLowerCase().includes(f))) : tests;
    console.log(`browser tests: ${selected.length} tests against ${server.url} (Chromium ${browser.version()})\n`);
    async function runOne(test) {
      const t0 = Date.now();
      let timer;
      try {
        await Promise.race([
          test.fn(env),
          new Promise((_, reject) => {
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
          console.log("    !!! build/ changed while the tests ran (someone rebuilt the app): failures such as 404s for\n" +
            "    !!! /build/… assets or pages that do not hydrate come from that, not from the app. Run again.");
        }
      } finally {
        clearTimeout(timer);
      }
    }
    // Tests marked `parallel` (the per-language sweeps) run PARALLEL at a time; the rest one by one.
    for (let i = 0; i < selected.length; ) {
      if (!selected[i].parallel) {
        await runOne(selected[i++]);
        await closeContexts();
        continue;
      }
      const batch = [];
      while (i < selected.length && selected[i].parallel) batch.push(selected[i++]);
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(PARALLEL, batch.length) }, async () => {
        while (next < batch.length) await runOne(batch[next++]);
      }));
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
