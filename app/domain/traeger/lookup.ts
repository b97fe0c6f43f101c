/**
 * Pure look-ups on a validated Träger configuration. No I/O, no framework.
 */
import { toIsoDate } from "./holidays";
import type { Municipality, Notice, Standort, TraegerConfig } from "./schema";
import { foldForMatch, foldPlaceName } from "./text";

export type StandortLookupResult =
  | {
      kind: "found";
      municipality: Municipality;
      standort: Standort;
      /** How the query matched. */
      matchedBy: "name" | "postalCode";
      /**
       * Further municipalities sharing the matched postal code (e.g. 52525 is both
       * Heinsberg and Waldfeucht). The schema guarantees they have the same Standort.
       */
      otherMunicipalities: Municipality[];
    }
  /** Not a municipality of this Kreis: the UI shows a referral. */
  | { kind: "outside"; query: string };

const POSTAL_CODE_IN_QUERY = /(?<!\d)(\d{5})(?!\d)/;

/**
 * Finds the Standort responsible for a place typed by the user.
 *
 * Matches a municipality by name, case-, accent- and umlaut-insensitively
 * ("Übach-Palenberg", "Uebach-Palenberg", "ubach palenberg"), ignoring a leading
 * "Stadt"/"Gemeinde"; or by a known 5-digit postal code; or both ("52531 Übach-Palenberg",
 * the name wins). Villages (Ortsteile) are not known and come back as "outside".
 */
export function findStandortForMunicipality(traeger: TraegerConfig, query: string): StandortLookupResult {
  const outside: StandortLookupResult = { kind: "outside", query };
  const trimmed = query.trim();
  if (trimmed === "") return outside;

  const postalCode = POSTAL_CODE_IN_QUERY.exec(trimmed)?.[1];
  const namePart = (postalCode ? trimmed.replace(postalCode, " ") : trimmed).replace(/^[\s,;]+|[\s,;]+$/g, "");

  if (namePart !== "") {
    const key = foldPlaceName(namePart);
    const byName = traeger.municipalities.find((m) => foldForMatch(m.name) === key || foldForMatch(m.id) === key);
    if (byName) return found(traeger, byName, "name", []);
  }

  if (postalCode) {
    const byCode = traeger.municipalities.filter((m) => m.postalCodes.includes(postalCode));
    if (byCode.length > 0) return found(traeger, byCode[0], "postalCode", byCode.slice(1));
  }

  return outside;
}

function found(traeger: TraegerConfig, municipality: Municipality, matchedBy: "name" | "postalCode", otherMunicipalities: Municipality[]): StandortLookupResult {
  const standort = standortById(traeger, municipality.standortId);
  // Cannot happen for a config that passed parseTraegerConfig.
  if (!standort) throw new Error(`Träger "${traeger.id}": municipality "${municipality.id}" has no Standort "${municipality.standortId}"`);
  return { kind: "found", municipality, standort, matchedBy, otherMunicipalities };
}

/** The Standort with this id (customer or internal), if any. */
export function standortById(traeger: TraegerConfig, id: string): Standort | undefined {
  return traeger.standorte.find((s) => s.id === id);
}

/**
 * Standorte open to customers, in configuration order. With `on` ("YYYY-MM-DD" or a Date,
 * read as German calendar date) only those valid on that day (validFrom/validUntil).
 */
export function customerStandorte(traeger: TraegerConfig, on?: string | Date): Standort[] {
  const day = on === undefined ? undefined : toIsoDate(on);
  return traeger.standorte.filter((s) => s.kind === "customer" && (day === undefined || isStandortValidOn(s, day)));
}

/** Whether the Standort's validity window (inclusive) contains `on`. */
export function isStandortValidOn(standort: Standort, on: string | Date): boolean {
  const day = toIsoDate(on);
  return (standort.validFrom === undefined || standort.validFrom <= day) && (standort.validUntil === undefined || day <= standort.validUntil);
}

/** The municipalities a Standort serves, as records. */
export function municipalitiesOfStandort(traeger: TraegerConfig, standort: Standort): Municipality[] {
  return standort.municipalities.map((id) => traeger.municipalities.find((m) => m.id === id)).filter((m): m is Municipality => m !== undefined);
}

/** Notices of a Standort to show on `on` (from/until inclusive). */
export function activeNotices(standort: Standort, on: string | Date): Notice[] {
  const day = toIsoDate(on);
  return (standort.notices ?? []).filter((n) => n.from <= day && day <= n.until);
}
