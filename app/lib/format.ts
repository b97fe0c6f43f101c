import { htmlLangOf, type Language } from "~/domain/languages";

// Intl formatting in the person's language. Persian and Arabic get their own digits where the
// locale's default uses them; amounts are always euros.
const TIME_ZONE = "Europe/Berlin";

export function formatEuro(lng: Language, amount: number): string {
  return new Intl.NumberFormat(htmlLangOf(lng), { style: "currency", currency: "EUR" }).format(amount);
}

export function formatNumber(lng: Language, value: number): string {
  return new Intl.NumberFormat(htmlLangOf(lng)).format(value);
}

/** A span of weeks in words, e.g. "2–4 Wochen", "2–4 недели", "٢–٤ أسابيع". */
export function formatWeeksRange(lng: Language, min: number, max: number): string {
  const format = new Intl.NumberFormat(htmlLangOf(lng), { style: "unit", unit: "week", unitDisplay: "long" });
  return min === max ? format.format(min) : format.formatRange(min, max);
}

export function formatDate(lng: Language, isoDate: string, style: "long" | "medium" = "long"): string {
  const date = isoDate.length === 10 ? new Date(`${isoDate}T12:00:00Z`) : new Date(isoDate);
  return new Intl.DateTimeFormat(htmlLangOf(lng), { dateStyle: style, timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(lng: Language, iso: string): string {
  return new Intl.DateTimeFormat(htmlLangOf(lng), {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatTime(lng: Language, iso: string): string {
  return new Intl.DateTimeFormat(htmlLangOf(lng), { timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(iso));
}

/** A list of things in the page language: "Wegberg, Hückelhoven und Erkelenz", "أ وب وج". */
export function formatList(lng: Language, items: readonly string[], type: "conjunction" | "disjunction" = "conjunction"): string {
  return new Intl.ListFormat(htmlLangOf(lng), { type, style: "long" }).format(items);
}

/** The comma that separates details of one thing ("child، 4 years"): Arabic script has its own (U+060C). */
const DETAIL_SEPARATORS: Partial<Record<Language, string>> = { ar: "، ", fa: "، " };

/** Details of one thing ("child, 4 years"; bus lines "SB1، 403"), joined with the language's comma. */
export function joinDetails(lng: Language, items: ReadonlyArray<string | null | undefined | false>): string {
  return items.filter((x): x is string => Boolean(x)).join(DETAIL_SEPARATORS[lng] ?? ", ");
}
