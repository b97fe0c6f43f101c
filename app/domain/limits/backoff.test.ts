import { describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF, failureDelayMs } from "./backoff";

describe("failureDelayMs", () => {
  it("never delays an address without wrong attempts of its own while the account is not under a spread-out attack", () => {
    for (const failures of [0, 1, 5, 6, 20, DEFAULT_BACKOFF.everyoneFrom - 1]) expect(failureDelayMs(failures, false)).toBe(0);
  });

  it("lets the first wrong attempts through without delay, then doubles up to the ceiling", () => {
    expect([0, 1, 5].map((f) => failureDelayMs(f, true))).toEqual([0, 0, 0]);
    expect([6, 7, 8, 9, 10].map((f) => failureDelayMs(f, true))).toEqual([100, 200, 400, 800, 1600]);
    expect(failureDelayMs(11, true)).toBe(2_000);
    expect(failureDelayMs(10_000, true)).toBe(2_000);
  });

  it("delays every address once the account has very many wrong attempts, but only by the small ceiling", () => {
    expect(failureDelayMs(DEFAULT_BACKOFF.everyoneFrom, false)).toBe(2_000);
  });
});
