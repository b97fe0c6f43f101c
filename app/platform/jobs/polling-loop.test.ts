import { afterEach, describe, expect, it, vi } from "vitest";
import { PollingLoop } from "./polling-loop.server";

// The loop the mail and webhook outboxes share: it must survive failing passes (database gone)
// with growing waits, and go on by itself once a pass succeeds again.

class Scripted extends PollingLoop {
  passes = 0;
  constructor(private readonly outcomes: Array<"fail" | "more" | "idle">) {
    super("test", 500);
  }
  protected async pass(): Promise<boolean> {
    const outcome = this.outcomes[this.passes++] ?? "idle";
    if (outcome === "fail") throw Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" });
    return outcome === "more";
  }
  protected async untilNextDue(atMost: number): Promise<number> {
    return atMost;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe("PollingLoop", () => {
  it("backs off after failing passes and recovers without a restart", async () => {
    vi.useFakeTimers();
    const loop = new Scripted(["fail", "fail", "more", "idle"]);
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(loop.passes).toBe(1);
    // After one failure it waits longer than the poll interval (500 ms): 1 s.
    await vi.advanceTimersByTimeAsync(900);
    expect(loop.passes).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(loop.passes).toBe(2);
    // The second failure waits longer than the first: 2 s.
    await vi.advanceTimersByTimeAsync(1_800);
    expect(loop.passes).toBe(2);
    // Recovered: the third pass finds work ("more"), so the fourth follows at once.
    await vi.advanceTimersByTimeAsync(300);
    expect(loop.passes).toBe(4);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(loop.passes).toBe(4);
  });

  it("a tick during a pass makes it look again right after, never two passes at once", async () => {
    let release: () => void = () => {};
    let concurrent = 0;
    let most = 0;
    class Slow extends Scripted {
      protected override async pass(): Promise<boolean> {
        concurrent++;
        most = Math.max(most, concurrent);
        await new Promise<void>((resolve) => (release = resolve));
        concurrent--;
        return super.pass();
      }
    }
    const loop = new Slow([]);
    const first = loop.tick();
    await Promise.resolve();
    void loop.tick();
    release();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await loop.stop();
    expect(most).toBe(1);
    expect(loop.passes).toBe(2);
  });
});
