import { databaseErrorCode, isDatabaseUnavailable } from "~/platform/db/unavailable.server";
import { log } from "~/platform/log/log.server";

// One scheduler for every background job. A feature describes its jobs as plain values (what to
// run and how often); the composition root (app/server/compose.server.ts) hands them to
// registerJob(), and startJobs() runs them once the database is ready. The scheduler owns the
// timers, so every job behaves alike: runs never overlap, timers do not keep the process alive,
// failures are logged by job name and error type or code only (never the error text: it may carry
// personal data), and stopping waits for a run in progress. While the database is unavailable a
// job backs off (skips its ticks for a doubling pause, at most JOB_BACKOFF_MAX_MS) and carries
// on by itself when it answers again.

export type Stop = () => Promise<void>;

export interface PeriodicJob {
  kind: "periodic";
  /** Stable name for the log, e.g. "draft-expiry". */
  name: string;
  /** Milliseconds between runs; read when the job starts (settings come from the environment). */
  everyMs: () => number;
  /** When the first run happens: at start (0), after a delay, or only after the first interval. */
  firstRunAfterMs?: number | "interval";
  run: () => Promise<unknown>;
}

/** A long-running worker with its own loop (e.g. webhook delivery). */
export interface WorkerJob {
  kind: "worker";
  name: string;
  start: () => Stop | Promise<Stop>;
}

export type Job = PeriodicJob | WorkerJob;

export function periodic(name: string, everyMs: () => number, run: () => Promise<unknown>, firstRunAfterMs: PeriodicJob["firstRunAfterMs"] = 0): PeriodicJob {
  return { kind: "periodic", name, everyMs, run, firstRunAfterMs };
}

const jobs = new Map<string, Job>();

export function registerJob(job: Job): void {
  if (jobs.has(job.name) && jobs.get(job.name) !== job) throw new Error(`job registered twice: ${job.name}`);
  jobs.set(job.name, job);
}

export function registeredJobNames(): string[] {
  return [...jobs.keys()];
}

const JOB_BACKOFF_MAX_MS = 5 * 60_000;

/** The pause after `failures` database failures in a row: 1 s, 2 s, 4 s … at most 5 minutes. */
export function jobBackoffMs(failures: number): number {
  return Math.min(JOB_BACKOFF_MAX_MS, 1_000 * 2 ** Math.min(20, Math.max(0, failures - 1)));
}

function startPeriodic(job: PeriodicJob): Stop {
  let running: Promise<void> | null = null;
  let failures = 0;
  let pausedUntil = 0;
  const tick = () => {
    if (running || Date.now() < pausedUntil) return;
    running = job
      .run()
      .then(() => {
        failures = 0;
      })
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) {
          failures++;
          pausedUntil = Date.now() + jobBackoffMs(failures);
          log().warn({ job: job.name, code: databaseErrorCode(error), failures }, "background job: database unavailable, backing off");
          return;
        }
        log().error({ job: job.name, errorType: error instanceof Error ? error.name : typeof error }, "background job failed");
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, job.everyMs());
  timer.unref();
  let first: NodeJS.Timeout | null = null;
  if (job.firstRunAfterMs === 0 || job.firstRunAfterMs === undefined) tick();
  else if (typeof job.firstRunAfterMs === "number") {
    first = setTimeout(tick, job.firstRunAfterMs);
    first.unref();
  }
  return async () => {
    clearInterval(timer);
    if (first) clearTimeout(first);
    await running;
  };
}

/** Starts every registered job; the returned function stops them in reverse order. */
export async function startJobs(): Promise<Stop> {
  const stops: Stop[] = [];
  for (const job of jobs.values()) stops.push(job.kind === "periodic" ? startPeriodic(job) : await job.start());
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
