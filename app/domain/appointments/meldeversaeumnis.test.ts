import { describe, expect, it } from "vitest";
import { meldeversaeumnisConsequence } from "./meldeversaeumnis";

describe("missed appointments under the Neue Grundsicherung, counted (decision 032)", () => {
  it.each([
    [0, "first", 1],
    [1, "second", 2],
    [2, "third", 3],
    [5, "third", 6],
  ] as const)("with %d missed so far, the next missed appointment is stage %s (number %d)", (missed, stage, wouldBe) => {
    expect(meldeversaeumnisConsequence("2026-12-10T09:00:00.000Z", missed)).toEqual({ stage, missedSoFar: missed, wouldBe });
  });

  it("before 2026-07-01 the Bürgergeld rule applies (10 % for one month, not counted)", () => {
    expect(meldeversaeumnisConsequence("2026-06-30T09:00:00.000Z", 2).stage).toBe("buergergeld");
    expect(meldeversaeumnisConsequence("2026-07-01T07:00:00.000Z", 2).stage).toBe("third");
  });
});
