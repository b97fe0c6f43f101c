import type { TraegerConfig } from "./schema";

/**
 * The Angemessenheitsgrenze (Bruttokaltmiete) for a household size on a date (§ 22 Abs. 1 SGB II,
 * from the Träger's schlüssiges Konzept). Without a municipality only Kreis-wide tables apply.
 * null when the Träger has configured none.
 */
export function housingLimit(traeger: TraegerConfig, householdSize: number, date: string, municipalityId?: string): number | null {
  const table = traeger.limits.housing
    .filter((t) => t.validFrom <= date && (!t.validUntil || date <= t.validUntil))
    .filter((t) => (municipalityId ? !t.municipalities || t.municipalities.includes(municipalityId) : !t.municipalities))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  if (!table) return null;
  const exact = table.rows.find((r) => r.householdSize === householdSize);
  if (exact) return exact.maxEur;
  const largest = [...table.rows].sort((a, b) => b.householdSize - a.householdSize)[0];
  if (householdSize > largest.householdSize && table.additionalPersonEur) {
    return largest.maxEur + (householdSize - largest.householdSize) * table.additionalPersonEur;
  }
  return null;
}
