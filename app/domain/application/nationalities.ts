// Nationality as the back office records it: the German name and the state key
// ("Staatsangehörigkeitsschlüssel", 3 digits) of the Statistisches Bundesamt (Destatis) —
// Codeliste Staatsangehörigkeit aus der Staats- und Gebietssystematik des Statistischen
// Bundesamtes, XÖV urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit,
// version 2021-02-19 (https://www.xrepository.de/details/urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit;
// the Bundesagentur für Arbeit encodes nationalities with the same Destatis systematics:
// https://statistik.arbeitsagentur.de/DE/Navigation/Grundlagen/Klassifikationen/Staats-und-Gebietssystematik/Staats-und-Gebietssystematik-Nav.html).
// Checked 2026-12-07: all 28 keys below are the Destatis three-digit codes of the states named
// (each key with its Destatis state name in app/domain/application/application.test.ts).
// Dated data: the list changes when states do. ISO 3166-1 alpha-2 codes map the keys to
// Intl.DisplayNames, which names each country in the person's language (no hand-made
// translations). Pure TypeScript.
//
// This is the part of the list people in Kreis Heinsberg and Siegen-Wittgenstein most often
// hold, plus "staatenlos" and "ungeklärt"; a nationality not in it is chosen as "andere" and the
// Jobcenter asks. Before production, compare with the current Destatis file (decision 031).

export const NATIONALITY_LIST = {
  source: "Destatis, Staatsangehörigkeitsschlüssel (Codeliste Staatsangehörigkeit, XÖV urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit, Version 2021-02-19)",
  asOf: "2026-12-07",
} as const;

export interface Nationality {
  /** Staatsangehörigkeitsschlüssel (Destatis), 3 digits. */
  key: string;
  /** ISO 3166-1 alpha-2, for the name in the person's language; null for "staatenlos"/"ungeklärt". */
  iso: string | null;
  /** The German adjective the forms use ("syrisch"). */
  de: string;
}

export const NATIONALITIES: readonly Nationality[] = [
  { key: "000", iso: "DE", de: "deutsch" },
  { key: "121", iso: "AL", de: "albanisch" },
  { key: "423", iso: "AF", de: "afghanisch" },
  { key: "225", iso: "ET", de: "äthiopisch" },
  { key: "125", iso: "BG", de: "bulgarisch" },
  { key: "224", iso: "ER", de: "eritreisch" },
  { key: "134", iso: "GR", de: "griechisch" },
  { key: "438", iso: "IQ", de: "irakisch" },
  { key: "439", iso: "IR", de: "iranisch" },
  { key: "137", iso: "IT", de: "italienisch" },
  { key: "150", iso: "XK", de: "kosovarisch" },
  { key: "130", iso: "HR", de: "kroatisch" },
  { key: "451", iso: "LB", de: "libanesisch" },
  { key: "144", iso: "MK", de: "nordmazedonisch" },
  { key: "232", iso: "NG", de: "nigerianisch" },
  { key: "151", iso: "AT", de: "österreichisch" },
  { key: "461", iso: "PK", de: "pakistanisch" },
  { key: "152", iso: "PL", de: "polnisch" },
  { key: "154", iso: "RO", de: "rumänisch" },
  { key: "160", iso: "RU", de: "russisch" },
  { key: "170", iso: "RS", de: "serbisch" },
  { key: "273", iso: "SO", de: "somalisch" },
  { key: "475", iso: "SY", de: "syrisch" },
  { key: "163", iso: "TR", de: "türkisch" },
  { key: "166", iso: "UA", de: "ukrainisch" },
  { key: "165", iso: "HU", de: "ungarisch" },
  { key: "997", iso: null, de: "staatenlos" },
  { key: "998", iso: null, de: "ungeklärt" },
];

const BY_KEY = new Map(NATIONALITIES.map((n) => [n.key, n]));
const BY_GERMAN = new Map(NATIONALITIES.map((n) => [n.de, n]));

export function nationalityByKey(key: string): Nationality | null {
  return BY_KEY.get(key.trim()) ?? null;
}

/** What a form posted (a key from the list, or — from older pages and the API — the German name). */
export function resolveNationality(input: string): Nationality | null {
  const text = input.trim();
  if (/^\d{3}$/.test(text)) return nationalityByKey(text);
  return BY_GERMAN.get(text.toLocaleLowerCase("de")) ?? null;
}
