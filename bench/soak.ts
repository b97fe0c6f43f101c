// npm run bench:soak -- [--minutes 30] [--users 6]: does the portal's memory level off under a
// steady mix of pages, pre-checks and uploads? (issue 11 § 6). Starts the production build with
// PORTAL_DIAGNOSTICS=1 and --expose-gc, drives the load for the given time, samples the resident
// set (/proc/<pid>/status) and the V8 heap after a forced GC (GET /__diagnostics/memory) every
// 10 s, writes heap snapshots at the start, the middle and the end (POST
// /__diagnostics/heap-snapshot, into the portal's DATA_DIR/heap, kept under bench/results/heap),
// and reports whether memory levels off: the growth over the last half of the run, per minute.
// Results: bench/results/soak.json (git-ignored).
import fs from "node:fs";
import path from "node:path";
import { CONTRACT_EXAMPLE as FOUR_PERSONS } from "../app/domain/eligibility/contract-example";
import { portalDb } from "./backoffice";
import { ROOT, startPortal, type RunningServer } from "./servers";
import { bigPdf, resumableUpload, uploader } from "./upload-memory";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const MINUTES = option("minutes", Number(process.env.BENCH_SOAK_MINUTES ?? 30));
const USERS = option("users", 6);
const SAMPLE_MS = 10_000;
/** Memory counts as levelled off when the last quarter's median is at most 10 % + this above the second quarter's. */
const LEVEL_MB = 5;
const MB = 1024 * 1024;

interface Sample {
  seconds: number;
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  requests: number;
}

function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

async function memory(portal: RunningServer): Promise<{ heapUsed: number; external: number }> {
  const response = await fetch(`${portal.url}/__diagnostics/memory?gc=1`);
  return (await response.json()) as { heapUsed: number; external: number };
}

async function snapshot(portal: RunningServer, label: string): Promise<string> {
  const response = await fetch(`${portal.url}/__diagnostics/heap-snapshot`, { method: "POST" });
  const { file } = (await response.json()) as { file: string };
  const target = path.join(ROOT, "bench", "results", "heap", `${label}.heapsnapshot`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(file, target);
  fs.rmSync(file);
  return target;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Least-squares slope of y over x (per unit of x). */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}

const LANGUAGES = ["de", "en", "ar", "fa", "tr", "ru", "uk", "pl", "ro"];
const PAGES = ["/", "/standorte/hueckelhoven-wassenberg", "/vorabcheck", "/termine", "/api/v1/standorte", "/datenschutz", "/barrierefreiheit"];

async function main() {
  const portal = await startPortal({ PORTAL_DIAGNOSTICS: "1", NODE_OPTIONS: "--expose-gc", UPLOAD_MAX_FILE_MB: "5" });
  let requests = 0;
  let failures = 0;
  const samples: Sample[] = [];
  const snapshots: string[] = [];
  try {
    await portalDb(portal);
    const file = await bigPdf(256 * 1024);
    const endAt = Date.now() + MINUTES * 60_000;
    const started = Date.now();
    const take = async () => {
      const heap = await memory(portal);
      samples.push({ seconds: Math.round((Date.now() - started) / 1000), rssMb: rssKb(portal.pid) / 1024, heapUsedMb: heap.heapUsed / MB, externalMb: heap.external / MB, requests });
      const last = samples[samples.length - 1];
      console.log(
        `${String(last.seconds).padStart(5)} s  RSS ${last.rssMb.toFixed(1)} MB  heap ${last.heapUsedMb.toFixed(1)} MB  external ${last.externalMb.toFixed(1)} MB  requests ${requests}  failures ${failures}`,
      );
    };
    const user = async (index: number) => {
      let round = 0;
      let owner = await uploader(portal);
      while (Date.now() < endAt) {
        round++;
        const language = LANGUAGES[(index + round) % LANGUAGES.length];
        for (const page of PAGES) {
          const response = await fetch(`${portal.url}${page}?lng=${language}`).catch(() => null);
          await response?.arrayBuffer();
          requests++;
          if (!response || response.status >= 500) failures++;
        }
        const check = await fetch(`${portal.url}/api/v1/eligibility-checks`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(FOUR_PERSONS) }).catch(() => null);
        await check?.arrayBuffer();
        requests++;
        if (!check || check.status >= 500) failures++;
        // Every few rounds an upload, into a fresh draft every 10 uploads (the per-application limits).
        if (round % 3 === 0) {
          if (round % 30 === 0) owner = await uploader(portal);
          const ok = await resumableUpload(portal, owner.person, owner.id, file).catch(() => false);
          requests += 2;
          if (!ok) failures++;
        }
      }
    };
    await take();
    snapshots.push(await snapshot(portal, "start"));
    const sampler = setInterval(() => void take().catch(() => {}), SAMPLE_MS);
    const middle = setTimeout(() => void snapshot(portal, "middle").then((f) => snapshots.push(f)), (MINUTES * 60_000) / 2);
    await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
    clearInterval(sampler);
    clearTimeout(middle);
    await take();
    snapshots.push(await snapshot(portal, "end"));
  } finally {
    await portal.stop();
  }
  // Levelling off: the median of the last quarter against the median of the second quarter (the
  // first quarter is warm-up; medians ignore the dip a heap snapshot causes), and the slope over
  // the last half for the record.
  const total = samples[samples.length - 1].seconds;
  const quarter = (q: number, pick: (s: Sample) => number) => median(samples.filter((s) => s.seconds >= (total * (q - 1)) / 4 && s.seconds <= (total * q) / 4).map(pick));
  const half = samples.filter((s) => s.seconds >= total / 2);
  const rssSlope = slope(half.map((s) => [s.seconds / 60, s.rssMb]));
  const heapSlope = slope(half.map((s) => [s.seconds / 60, s.heapUsedMb]));
  const rssQ2 = quarter(2, (s) => s.rssMb);
  const rssQ4 = quarter(4, (s) => s.rssMb);
  const heapQ2 = quarter(2, (s) => s.heapUsedMb);
  const heapQ4 = quarter(4, (s) => s.heapUsedMb);
  const first = samples[0];
  const last = samples[samples.length - 1];
  const result = {
    minutes: MINUTES,
    users: USERS,
    requests,
    failures,
    rss: { startMb: first.rssMb, secondQuarterMedianMb: rssQ2, lastQuarterMedianMb: rssQ4, endMb: last.rssMb, maxMb: Math.max(...samples.map((s) => s.rssMb)), lastHalfMbPerMin: rssSlope },
    heap: {
      startMb: first.heapUsedMb,
      secondQuarterMedianMb: heapQ2,
      lastQuarterMedianMb: heapQ4,
      endMb: last.heapUsedMb,
      maxMb: Math.max(...samples.map((s) => s.heapUsedMb)),
      lastHalfMbPerMin: heapSlope,
    },
    levelsOff: heapQ4 <= heapQ2 * 1.1 + LEVEL_MB && rssQ4 <= rssQ2 * 1.1 + LEVEL_MB,
    snapshots,
    samples,
  };
  fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench", "results", "soak.json"), JSON.stringify(result, null, 2));
  console.log(
    `\nsoak ${MINUTES} min, ${USERS} users, ${requests} requests (${failures} failed)\n` +
      `RSS  start ${first.rssMb.toFixed(1)}, 2nd quarter ${rssQ2.toFixed(1)}, last quarter ${rssQ4.toFixed(1)}, end ${last.rssMb.toFixed(1)} MB (max ${result.rss.maxMb.toFixed(1)}); last half ${rssSlope.toFixed(2)} MB/min\n` +
      `heap start ${first.heapUsedMb.toFixed(1)}, 2nd quarter ${heapQ2.toFixed(1)}, last quarter ${heapQ4.toFixed(1)}, end ${last.heapUsedMb.toFixed(1)} MB after GC (max ${result.heap.maxMb.toFixed(1)}); last half ${heapSlope.toFixed(2)} MB/min\n` +
      `memory ${result.levelsOff ? "LEVELS OFF" : "KEEPS GROWING"} (last quarter's median ≤ 10 % + ${LEVEL_MB} MB above the second quarter's, heap and RSS)\n` +
      `heap snapshots: ${snapshots.join(", ")}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
