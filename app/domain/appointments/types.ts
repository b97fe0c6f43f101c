/**
 * The German names of the appointment types as the person meets them on letters from the
 * Jobcenter. Pages show them beside the translation ("First advice meeting (Erstberatung und
 * Profiling)"), like the legal terms in common.json. Träger-specific types without an entry
 * are shown by their translation only.
 */
export const GERMAN_TYPE_NAMES: Readonly<Record<string, string>> = {
  antragsabgabe: "Antragsabgabe",
  erstberatung: "Erstberatung und Profiling",
  folgegespraech: "Folgegespräch",
  beratung: "Beratung",
};

/** The translation key of a type's name (unknown Träger types fall back to "Termin"). */
export function typeKey(id: string, field: "name" | "hint" = "name"): string {
  return id in GERMAN_TYPE_NAMES ? `appointments:types.${id}.${field}` : `appointments:types.other.${field === "hint" ? "name" : field}`;
}
