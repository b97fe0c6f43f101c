// `npm test`: builds the app, runs every vitest test on SQLite, again on PostgreSQL when
// TEST_DATABASE_URL is set, then the browser tests (Chromium). Prints one closing line
// "N passed, N failed" over all stages and exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
const stages = [];

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const report = path.join(os.tmpdir(), `vitest-${process.pid}-${stages.length}.json`);
  const isVitest = args[0] === "vitest";
  const fullArgs = isVitest ? [...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`] : args;
  const result = spawnSync(command, fullArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  let stagePassed = 0;
  let stageFailed = result.status === 0 ? 0 : 1;
  if (isVitest && fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    stagePassed = json.numPassedTests;
    stageFailed = json.numFailedTests + (result.status !== 0 && json.numFailedTests === 0 ? 1 : 0);
    skipped += json.numPendingTests + json.numTodoTests;
    fs.rmSync(report);
  } else if (!isVitest) {
    const summary = path.join(os.tmpdir(), "browser-tests-summary.json");
    if (fs.existsSync(summary)) {
      const json = JSON.parse(fs.readFileSync(summary, "utf8"));
      stagePassed = json.passed;
      stageFailed = json.failed + (result.status !== 0 && json.failed === 0 ? 1 : 0);
      fs.rmSync(summary);
    }
  }
  passed += stagePassed;
  failed += stageFailed;
  stages.push(`${name}: ${stagePassed} passed, ${stageFailed} failed`);
  return result.status === 0;
}

const only = process.argv[2];
if (!only || only === "build") {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) {
    console.log("\nbuild failed\n0 passed, 1 failed");
    process.exit(1);
  }
}
if (!only || only === "unit") run("vitest (SQLite)", "npx", ["vitest", "run"], { TEST_DB_KIND: "sqlite" });
if ((!only || only === "unit") && process.env.TEST_DATABASE_URL) {
  run("vitest (PostgreSQL)", "npx", ["vitest", "run"], { TEST_DB_KIND: "postgres" });
}
if (!only || only === "browser") run("browser (Chromium)", "npx", ["tsx", "test/browser/run.ts"]);

console.log("\n" + stages.join("\n"));
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
