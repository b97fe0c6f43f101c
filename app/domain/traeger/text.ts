/**
 * Text folding for matching user input against place names.
 *
 * Case-, accent- and umlaut-insensitive: "Übach-Palenberg", "Uebach-Palenberg",
 * "ubach palenberg" and "UBACH_PALENBERG" all fold to "ubachpalenberg".
 * Both sides of a comparison must be folded with the same function; the fold is
 * lossy on purpose (e.g. "ue" → "u") and is never shown to users.
 */
export function foldForMatch(input: string): string {
  return input
    .normalize("NFC")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ä/g, "a")
    .replace(/ö/g, "o")
    .replace(/ü/g, "u")
    .normalize("NFD")
    .replace(/\p{M}/gu, "") // other diacritics: é → e, ł stays (no decomposition)
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Folds a place query: drops a leading "Stadt"/"Gemeinde" and any parenthesised
 * addition ("Heinsberg (Rheinland)"), then applies {@link foldForMatch}.
 */
export function foldPlaceName(input: string): string {
  const withoutAdditions = input.replace(/\([^)]*\)/g, " ").trim();
  const withoutPrefix = withoutAdditions.replace(/^(?:stadt|gemeinde)\s+/i, "");
  return foldForMatch(withoutPrefix);
}
