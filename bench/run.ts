// npm run bench: throughput of the portal relative to a bare node:http server on the same
// machine in the same run, the JavaScript the start page loads, and the engine's throughput.
// Prints a table and writes bench/results/latest.json (git-ignored).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bookingLoad, type BookingResult } from "./booking";
import { engineThroughput, type EngineResult } from "./engine";
import { measure, type LoadOptions, type LoadResult, type LoadTarget } from "./load";
import { pageJs, type PageJs } from "./page-js";
import { ROOT, startBaseline, startPortal, type RunningServer } from "./servers";
import { CONTRACT_EXAMPLE as FOUR_PERSONS } from "../app/domain/eligibility/contract-example";

const LOAD: LoadOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
  durationSeconds: Number(process.env.BENCH_SECONDS ?? 10),
};
const JS_TARGET_BYTES = 120 * 1000;
const ENGINE_TARGET = 50_000;

/** The contract's example (eligibility-check.v1.md): four persons, one earner. */

interface PortalTarget extends Omit<LoadTarget, "url"> {
  path: string;
  kind: "page" | "api";
}

const PORTAL_TARGETS: PortalTarget[] = [
  { name: "GET / (start page)", path: "/", kind: "page" },
  { name: "GET /standorte/hueckelhoven-wassenberg", path: "/standorte/hueckelhoven-wassenberg", kind: "page" },
  { name: "GET /api/v1/standorte", path: "/api/v1/standorte", kind: "api" },
  {
    name: "POST /api/v1/eligibility-checks",
    path: "/api/v1/eligibility-checks",
    kind: "api",
    method: "POST",
    body: JSON.stringify(FOUR_PERSONS),
    headers: { "Content-Type": "application/json" },
  },
];
const RATIO_TARGET = { page: 0.25, api: 0.4 } as const;

interface Row extends LoadResult {
  kind: "baseline" | "page" | "api";
  ratio: number;
  target: number | null;
  verdict: "PASS" | "BELOW" | "ERROR" | "—";
}

const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pad = (value: string, width: number, right = false) => (right ? value.padStart(width) : value.padEnd(width));

/** Checks each portal target answers 2xx (and the eligibility check the contract's 967 €) before loading it. */
async function smokeTest(portal: RunningServer): Promise<void> {
  for (const target of PORTAL_TARGETS) {
    const response = await fetch(portal.url + target.path, { method: target.method ?? "GET", body: target.body, headers: target.headers });
    const text = await response.text();
    if (!response.ok) throw new Error(`${target.name} answered ${response.status}: ${text.slice(0, 300)}`);
    if (target.method === "POST" && (JSON.parse(text) as { monthlyEstimate: number }).monthlyEstimate !== 967) {
      throw new Error(`${target.name}: unexpected estimate ${text.slice(0, 200)}`);
    }
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
}

function printTable(rows: Row[], js: PageJs, engine: EngineResult, info: ReturnType<typeof machine>, startedAt: string, booking: BookingResult & { ratio: number }): void {
  const lines: string[] = [];
  lines.push(
    `Bürgerportal bench — ${startedAt} — Node ${info.node}, ${info.platform}, ${info.cpus} × ${info.cpuModel}`,
    `autocannon: ${LOAD.connections} connections, ${LOAD.durationSeconds} s per target after ${LOAD.warmupSeconds} s warm-up; portal: NODE_ENV=production, SQLite, rate limits off`,
    "",
  );
  const header = [pad("Target", 42), pad("req/s", 10, true), pad("p50 ms", 8, true), pad("p99 ms", 8, true), pad("vs baseline", 12, true), pad("target", 8, true), "  result"];
  lines.push(header.join(" "));
  lines.push("-".repeat(header.join(" ").length));
  for (const row of rows) {
    lines.push(
      [
        pad(row.name, 42),
        pad(fmt(row.requestsPerSecond), 10, true),
        pad(fmt(row.latencyP50Ms), 8, true),
        pad(fmt(row.latencyP99Ms), 8, true),
        pad(`${fmt(row.ratio * 100, 1)} %`, 12, true),
        pad(row.target === null ? "—" : `≥ ${fmt(row.target * 100)} %`, 8, true),
        `  ${row.verdict}${row.non2xx || row.errors ? ` (${row.non2xx} non-2xx, ${row.errors} errors)` : ""}`,
      ].join(" "),
    );
  }
  lines.push("");
  const jsVerdict = js.totalGzipBytes <= JS_TARGET_BYTES ? "PASS" : "BELOW";
  lines.push(
    `${pad("Start page JavaScript (gzip -9)", 42)} ${pad(`${fmt(js.totalGzipBytes / 1000, 1)} kB`, 10, true)}  in ${js.files.length} files (${fmt(js.totalBytes / 1000, 1)} kB raw); target ≤ ${fmt(JS_TARGET_BYTES / 1000)} kB  ${jsVerdict}`,
  );
  for (const file of js.files.slice(0, 5)) {
    lines.push(`    ${pad(file.path, 56)} ${pad(`${fmt(file.gzipBytes / 1000, 1)} kB`, 9, true)}${file.preloaded ? "" : "  (static import, not preloaded)"}`);
  }
  if (js.files.length > 5) lines.push(`    … and ${js.files.length - 5} smaller files`);
  lines.push(
    `${pad(booking.name, 42)} ${pad(fmt(booking.bookingsPerSecond, 1), 10, true)}  bookings/s (hold + confirm over HTTP), p50 ${fmt(booking.latencyP50Ms)} ms, p99 ${fmt(booking.latencyP99Ms)} ms; ` +
      `${fmt(booking.ratio * 100, 2)} % of baseline req/s; ${booking.bookings} bookings, ${booking.conflicts} taken meanwhile, ${booking.errors} errors${booking.errors ? "  ERROR" : ""}`,
  );
  const engineVerdict = engine.evaluationsPerSecond >= ENGINE_TARGET ? "PASS" : "BELOW";
  lines.push(
    `${pad("Engine, four persons with income", 42)} ${pad(fmt(engine.evaluationsPerSecond), 10, true)}  evaluations/s (validate + evaluate: ${fmt(engine.validateAndEvaluatePerSecond)}/s); target ≥ ${fmt(ENGINE_TARGET)}/s  ${engineVerdict}`,
  );
  console.log(lines.join("\n"));
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const info = machine();
  console.log(`Measuring the engine in-process …`);
  const engine = engineThroughput(FOUR_PERSONS);

  const servers: RunningServer[] = [];
  const stopAll = async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    console.log("Starting the baseline and the portal …");
    const [baseline, portal] = await Promise.all([startBaseline(), startPortal()]);
    servers.push(baseline, portal);
    await smokeTest(portal);

    const rows: Row[] = [];
    console.log(`Loading baseline node:http "hello" …`);
    const base = await measure({ name: 'baseline node:http "hello"', url: baseline.url + "/" }, LOAD);
    rows.push({ ...base, kind: "baseline", ratio: 1, target: null, verdict: base.non2xx || base.errors ? "ERROR" : "—" });
    for (const target of PORTAL_TARGETS) {
      console.log(`Loading ${target.name} …`);
      const result = await measure({ ...target, url: portal.url + target.path }, LOAD);
      const ratio = result.requestsPerSecond / base.requestsPerSecond;
      const goal = RATIO_TARGET[target.kind];
      const verdict = result.non2xx || result.errors ? "ERROR" : ratio >= goal ? "PASS" : "BELOW";
      rows.push({ ...result, kind: target.kind, ratio, target: goal, verdict });
    }
    const js = await pageJs(portal.url, "/");
    const people = Number(process.env.BENCH_BOOKING_PEOPLE ?? 50);
    console.log(`Booking: ${people} people at once …`);
    const bookingResult = await bookingLoad(portal, { people, durationSeconds: LOAD.durationSeconds });
    const booking = { ...bookingResult, ratio: bookingResult.bookingsPerSecond / base.requestsPerSecond };
    await stopAll();

    console.log("");
    printTable(rows, js, engine, info, startedAt, booking);

    const resultsDir = path.join(ROOT, "bench", "results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const report = {
      startedAt,
      machine: info,
      load: LOAD,
      targets: { pagesRatio: RATIO_TARGET.page, apiRatio: RATIO_TARGET.api, startPageJsGzipBytes: JS_TARGET_BYTES, engineEvaluationsPerSecond: ENGINE_TARGET },
      http: rows,
      startPageJs: { ...js, verdict: js.totalGzipBytes <= JS_TARGET_BYTES ? "PASS" : "BELOW" },
      engine: { ...engine, verdict: engine.evaluationsPerSecond >= ENGINE_TARGET ? "PASS" : "BELOW" },
      booking,
    };
    fs.writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWritten: ${path.relative(process.cwd(), path.join(resultsDir, "latest.json"))}`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
