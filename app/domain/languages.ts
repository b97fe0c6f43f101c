// The portal's languages. `ls` is German in Leichte Sprache (BITV 2.0 § 4): it renders as
// lang="de" and falls back to standard German for pages not yet written in Leichte Sprache.
export const LANGUAGES = ["de", "ls", "en", "tr", "ar", "ru", "uk", "pl", "ro", "fa"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "de";

const RTL: ReadonlySet<Language> = new Set(["ar", "fa"]);

/** Each language names itself in its own script (shown in the switcher). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  de: "Deutsch",
  ls: "Leichte Sprache",
  en: "English",
  tr: "Türkçe",
  ar: "العربية",
  ru: "Русский",
  uk: "Українська",
  pl: "Polski",
  ro: "Română",
  fa: "فارسی",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(lng: Language): "rtl" | "ltr" {
  return RTL.has(lng) ? "rtl" : "ltr";
}

/** The BCP 47 tag for <html lang>, Intl and hreflang. */
export function htmlLangOf(lng: Language): string {
  return lng === "ls" ? "de" : lng;
}

/** i18next fallback chain: Leichte Sprache → German; everything else → German as last resort. */
export function fallbackOf(lng: Language): Language[] {
  return lng === "de" ? [] : ["de"];
}

/** Picks the best supported language from an Accept-Language header (by q-value). */
export function languageFromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "ls") continue; // not a real BCP 47 language; only an explicit choice selects it
    if (isLanguage(primary)) return primary;
  }
  return null;
}
