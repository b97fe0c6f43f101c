import { describe, expect, it } from "vitest";
import { loadTraeger } from "../../config/traeger";
import { parseTraegerConfig } from "./schema";
import { housingLimit } from "./housing";

describe("housingLimit", () => {
  const base = loadTraeger("heinsberg");

  it("is null where the Träger configured no limits (both seeds)", () => {
    expect(housingLimit(base, 1, "2026-01-01")).toBeNull();
  });

  it("reads the valid table by date, the exact size and extra persons above the largest size", () => {
    const raw = JSON.parse(JSON.stringify(base));
    raw.limits.housing = [
      {
        validFrom: "2024-01-01",
        source: "Test",
        rows: [
          { householdSize: 1, maxEur: 400 },
          { householdSize: 2, maxEur: 480 },
        ],
        additionalPersonEur: 80,
      },
      {
        validFrom: "2025-01-01",
        source: "Test",
        rows: [
          { householdSize: 1, maxEur: 450 },
          { householdSize: 2, maxEur: 530 },
        ],
        additionalPersonEur: 90,
      },
    ];
    const traeger = parseTraegerConfig(raw);
    expect(housingLimit(traeger, 1, "2024-06-01")).toBe(400);
    expect(housingLimit(traeger, 1, "2025-06-01")).toBe(450);
    expect(housingLimit(traeger, 4, "2025-06-01")).toBe(530 + 2 * 90);
    expect(housingLimit(traeger, 1, "2023-12-31")).toBeNull();
  });
});
