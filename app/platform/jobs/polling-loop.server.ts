import crypto from "node:crypto";
import os from "node:os";
import { databaseErrorCode } from "~/platform/db/unavailable.server";
import { log } from "~/platform/log/log.server";
import { jobBackoffMs } from "./scheduler.server";

// The loop both outboxes run (mail: decision 027; webhooks: the back-office API contract). One
// pass at a time per process; a pass that did work looks again at once, otherwise the loop sleeps
// until the next row falls due or the poll interval ends, whichever is sooner. A failing pass (the
// database is gone) waits longer each time (jobBackoffMs) and the loop goes on by itself when the
// database is back. Rows are claimed by the subclass with a lease naming `owner`, so two processes
// never work on one row and a crashed process's claims are taken over when their lease ends.

export abstract class PollingLoop {
  /** Names this process's leases: host, pid and a random part (a restarted pid is another owner). */
  readonly owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  protected stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Failed passes in a row: the next pass waits longer each time. */
  private failures = 0;

  protected constructor(
    /** For the log only: which loop failed. */
    private readonly name: string,
    private readonly pollMs: number,
  ) {}

  /**
   * Claims and works on what is due. True when there may be more due right now (work was done,
   * or rows were left for lack of capacity): the loop then looks again at once.
   */
  protected abstract pass(): Promise<boolean>;

  /** Milliseconds until the next row falls due, if sooner than `atMost`. */
  protected abstract untilNextDue(atMost: number): Promise<number>;

  start(): void {
    this.schedule(0);
  }

  /** Stops scheduling and waits for a pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Looks again after `ms` (e.g. a moment after a commit that may have added a row). */
  protected schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  /** One pass now (tests call it directly); a call during a pass makes the loop look again after it. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    let wait = this.pollMs;
    this.running = (async () => {
      try {
        if (await this.pass()) this.again = true;
        else wait = await this.untilNextDue(wait);
        this.failures = 0;
      } catch (error) {
        // Only the code (error texts may quote data); back off, and go on when the database is back.
        this.failures++;
        this.again = false;
        wait = Math.max(this.pollMs, jobBackoffMs(this.failures));
        log().error({ loop: this.name, code: databaseErrorCode(error), failures: this.failures, retryInMs: wait }, "outbox pass failed");
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
      const again = this.again;
      this.again = false;
      this.schedule(again ? 0 : wait);
    }
  }
}
