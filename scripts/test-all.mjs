// `npm test`: checks the system packages the tests need (installs them as root, else stops with
// the command to run), builds the app, type-checks, runs lint and the dependency rules when
// package.json defines them, every vitest test on SQLite, again on PostgreSQL when
// TEST_DATABASE_URL is set, then the browser tests (Chromium). Prints one closing line
// "N passed, N failed" over all stages and exits non-zero on any failure.
//
//   node scripts/test-all.mjs [preflight|build|typecheck|lint|deps|unit|browser]   one part only
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureSystemPackages } from "./system-packages.mjs";

let passed = 0;
let failed = 0;
let skipped = 0;
const stages = [];

const BROWSER_SUMMARY = path.join(os.tmpdir(), "browser-tests-summary.json");
const packageScripts = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts ?? {};

/**
 * The stages after the build, in order. `part` is the argument that selects a stage alone;
 * `count` says how its result is counted: "vitest" (its JSON report), "browser" (the runner's
 * summary file) or "once" (1 passed or 1 failed); `when` skips it when false.
 */
const STAGES = [
  { name: "typecheck", part: "typecheck", command: "npx", args: ["tsc"], count: "once" },
  { name: "lint", part: "lint", command: "npm", args: ["run", "lint"], count: "once", when: () => "lint" in packageScripts },
  { name: "dependency rules", part: "deps", command: "npm", args: ["run", "deps"], count: "once", when: () => "deps" in packageScripts },
  { name: "vitest (SQLite)", part: "unit", command: "npx", args: ["vitest", "run"], env: { TEST_DB_KIND: "sqlite" }, count: "vitest" },
  {
    name: "vitest (PostgreSQL)",
    part: "unit",
    command: "npx",
    args: ["vitest", "run"],
    env: { TEST_DB_KIND: "postgres" },
    count: "vitest",
    when: () => Boolean(process.env.TEST_DATABASE_URL),
  },
  { name: "browser (Chromium)", part: "browser", command: "npx", args: ["tsx", "test/browser/run.ts"], count: "browser" },
];

function run({ name, command, args, env = {}, count }) {
  console.log(`\n=== ${name} ===`);
  const report = path.join(os.tmpdir(), `vitest-${process.pid}-${stages.length}.json`);
  const fullArgs = count === "vitest" ? [...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`] : args;
  if (count === "browser") fs.rmSync(BROWSER_SUMMARY, { force: true });
  const result = spawnSync(command, fullArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  let stagePassed = result.status === 0 ? 1 : 0;
  let stageFailed = result.status === 0 ? 0 : 1;
  if (count === "vitest") {
    stagePassed = 0;
    if (fs.existsSync(report)) {
      const json = JSON.parse(fs.readFileSync(report, "utf8"));
      stagePassed = json.numPassedTests;
      stageFailed = json.numFailedTests + (result.status !== 0 && json.numFailedTests === 0 ? 1 : 0);
      skipped += json.numPendingTests + json.numTodoTests;
      fs.rmSync(report);
    }
  } else if (count === "browser") {
    stagePassed = 0;
    if (fs.existsSync(BROWSER_SUMMARY)) {
      const json = JSON.parse(fs.readFileSync(BROWSER_SUMMARY, "utf8"));
      stagePassed = json.passed;
      stageFailed = json.failed + (result.status !== 0 && json.failed === 0 ? 1 : 0);
      fs.rmSync(BROWSER_SUMMARY);
    }
  }
  passed += stagePassed;
  failed += stageFailed;
  stages.push(`${name}: ${stagePassed} passed, ${stageFailed} failed`);
  return result.status === 0;
}

/** Stops before any test ran: the reason, then the closing line. */
function stop(reason) {
  console.log(`\n${reason}\n0 passed, 1 failed`);
  process.exit(1);
}

const only = process.argv[2];
const parts = new Set(["preflight", "build", ...STAGES.map((stage) => stage.part)]);
if (only && !parts.has(only)) stop(`unknown part "${only}"; one of: ${[...parts].join(", ")}`);

// First, so a machine without the packages stops before the build: the tests shell out to
// them (the build, typecheck, lint and dependency rules alone do not).
if (!only || only === "preflight" || only === "unit" || only === "browser") {
  console.log("\n=== system packages ===");
  // Its messages on stdout too, so they come before the closing line in any log.
  if (!ensureSystemPackages({ warn: (line) => console.log(line) }).ok) stop("preflight failed (system packages)");
  if (only === "preflight") process.exit(0);
}
if (!only || only === "build") {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) stop("build failed");
}
for (const stage of STAGES) {
  if (only && only !== stage.part) continue;
  if (stage.when && !stage.when()) continue;
  run(stage);
}

console.log("\n" + stages.join("\n"));
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
