// npm run bench: throughput of the portal relative to a bare node:http server on the same
// machine in the same run, the JavaScript the start page loads, and the engine's throughput.
// Prints a table and writes bench/results/latest.json (git-ignored).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pdfTimes, prepareBackOffice, webhookThroughput, type PdfResult, type WebhookResult } from "./backoffice";
import { bookingLoad, type BookingResult } from "./booking";
import { engineThroughput, type EngineResult } from "./engine";
import { measure, type LoadOptions, type LoadResult, type LoadTarget } from "./load";
import { pageJs, type PageJs } from "./page-js";
import { ROOT, startBaseline, startPortal, type RunningServer } from "./servers";
import { uploadMemory, type UploadMemoryResult } from "./upload-memory";
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
  kind: "page" | "api" | "write";
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
const RATIO_TARGET = { page: 0.25, api: 0.4, write: null } as const;
const PDF_TARGET_MS = 150;
const UPLOAD_GROWTH_TARGET_MB = 100;

interface Row extends LoadResult {
  kind: "baseline" | "page" | "api" | "write";
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

function printTable(
  rows: Row[],
  js: PageJs,
  engine: EngineResult,
  info: ReturnType<typeof machine>,
  startedAt: string,
  booking: BookingResult & { ratio: number },
  backOffice: { applications: number; pdf: PdfResult; webhooks: WebhookResult },
  uploads: UploadMemoryResult[],
): void {
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
  lines.push(
    `${pad("PDF of the four-person application", 42)} ${pad(`${fmt(backOffice.pdf.p50Ms)} ms`, 10, true)}  p50 (p99 ${fmt(backOffice.pdf.p99Ms)} ms, ${backOffice.pdf.runs} runs, ${fmt(backOffice.pdf.bytes / 1000)} kB); target p50 ≤ ${PDF_TARGET_MS} ms  ${backOffice.pdf.p50Ms <= PDF_TARGET_MS ? "PASS" : "BELOW"}`,
  );
  lines.push(
    `${pad("Webhook delivery to a local receiver", 42)} ${pad(fmt(backOffice.webhooks.eventsPerSecond, 1), 10, true)}  events/s (${backOffice.webhooks.events} events in ${fmt(backOffice.webhooks.seconds, 1)} s, at least once, signed)`,
  );
  lines.push(`(API rows read from ${fmt(backOffice.applications)} submitted applications in the database.)`);
  for (const u of uploads) {
    lines.push(
      `${pad(`Memory: ${u.uploads} × ${u.fileMb} MB uploads (${u.route})`, 42)} ${pad(`+${fmt(u.growthMb)} MB`, 10, true)}  peak RSS ${fmt(u.peakRssMb)} MB over ${fmt(u.rssBeforeMb)} MB before, ${fmt(u.seconds, 1)} s; target growth < ${UPLOAD_GROWTH_TARGET_MB} MB  ${u.growthMb < UPLOAD_GROWTH_TARGET_MB ? "PASS" : "BELOW"}`,
    );
  }
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
      const verdict = result.non2xx || result.errors ? "ERROR" : goal === null ? "—" : ratio >= goal ? "PASS" : "BELOW";
      rows.push({ ...result, kind: target.kind, ratio, target: goal, verdict });
    }
    console.log("Back office: submitting a four-person application and copying it …");
    const setup = await prepareBackOffice(portal);
    const auth = { Authorization: `Bearer ${setup.apiKey}` };
    const backOfficeTargets: Array<PortalTarget & { headers: Record<string, string> }> = [
      { name: "GET /api/v1/applications?limit=50", path: "/api/v1/applications?limit=50", kind: "api", headers: auth },
      { name: "GET /api/v1/applications/{id}", path: `/api/v1/applications/${setup.applicationId}`, kind: "api", headers: auth },
      {
        // As the page's JavaScript sends a section (Remix ?_data= fetch: 204 + redirect header).
        name: "POST autosave of a section (Konto)",
        path: `${setup.draftPath}?_data=${encodeURIComponent("routes/antrag+/$id.konto")}`,
        kind: "write",
        method: "POST",
        body: new URLSearchParams({ _csrf: setup.applicant.csrf, accountHolder: "Mariam Haddad", iban: "DE89 3704 0044 0532 0130 00" }).toString(),
        headers: { Cookie: setup.applicant.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: portal.url },
      },
    ];
    for (const target of backOfficeTargets) {
      const check = await fetch(portal.url + target.path, { method: target.method ?? "GET", body: target.body, headers: target.headers, redirect: "manual" });
      await check.arrayBuffer();
      if (check.status >= 300) throw new Error(`${target.name} answered ${check.status}`);
      console.log(`Loading ${target.name} …`);
      const result = await measure({ ...target, url: portal.url + target.path }, LOAD);
      const ratio = result.requestsPerSecond / base.requestsPerSecond;
      const goal = RATIO_TARGET[target.kind];
      const verdict = result.non2xx || result.errors ? "ERROR" : goal === null ? "—" : ratio >= goal ? "PASS" : "BELOW";
      rows.push({ ...result, kind: target.kind, ratio, target: goal, verdict });
    }
    console.log("PDF generation …");
    const pdf = await pdfTimes(setup.applicationId);
    console.log("Webhook delivery …");
    const webhooks = await webhookThroughput(portal, setup.apiKey);
    const js = await pageJs(portal.url, "/");
    const people = Number(process.env.BENCH_BOOKING_PEOPLE ?? 50);
    console.log(`Booking: ${people} people at once …`);
    const bookingResult = await bookingLoad(portal, { people, durationSeconds: LOAD.durationSeconds });
    const booking = { ...bookingResult, ratio: bookingResult.bookingsPerSecond / base.requestsPerSecond };
    const uploads: UploadMemoryResult[] = [];
    for (const route of ["resumable", "multipart"] as const) {
      console.log(`Memory while ${process.env.BENCH_UPLOADS ?? 10} uploads run at once (${route}) …`);
      uploads.push(await uploadMemory(portal, route));
    }
    await stopAll();

    console.log("");
    printTable(rows, js, engine, info, startedAt, booking, { applications: setup.applications, pdf, webhooks }, uploads);

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
      backOffice: { applications: setup.applications, pdf: { ...pdf, targetP50Ms: PDF_TARGET_MS, verdict: pdf.p50Ms <= PDF_TARGET_MS ? "PASS" : "BELOW" }, webhooks },
      uploadMemory: uploads.map((u) => ({ ...u, targetGrowthMb: UPLOAD_GROWTH_TARGET_MB, verdict: u.growthMb < UPLOAD_GROWTH_TARGET_MB ? "PASS" : "BELOW" })),
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
