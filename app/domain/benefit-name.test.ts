import { describe, expect, it } from "vitest";
import { benefitNameFor } from "./benefit-name";

describe("the benefit's name is dated data (decision 032)", () => {
  it.each([
    ["2023-07-01", "Bürgergeld", null],
    ["2026-06-30", "Bürgergeld", null],
    ["2026-07-01", "Grundsicherungsgeld", "Bürgergeld"],
    ["2026-12-07T10:00:00Z", "Grundsicherungsgeld", "Bürgergeld"],
    ["2022-12-31", "Bürgergeld", null],
  ])("%s → %s (formerly %s)", (date, name, formerly) => {
    expect(benefitNameFor(date)).toMatchObject({ name, formerly });
  });
});
