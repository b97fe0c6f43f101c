import { parseDateInput } from "./dates";
import type { ApplicationData } from "./model";

// Searching submitted applications although their answers are sealed (decision 038): at
// submission the names and birth dates of every person of the application become "terms" —
// normalised words with their kind ("name:mueller", "birth:1990-02-01") — of which only a keyed
// hash is stored (a blind index). A query is normalised the same way and matched by hash. Pure.

/** One name word as it is indexed: lower case, umlauts as ae/oe/ue, ß as ss, accents dropped. */
export function normaliseNameWord(word: string): string {
  return word
    .normalize("NFC")
    .toLocaleLowerCase("de")
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** The words of a name ("Anna-Lena von Müller" → anna, lena, von, mueller). */
export function nameWords(text: string): string[] {
  return text
    .split(/[\s\-‐‑'’.,/]+/u)
    .map(normaliseNameWord)
    .filter((w) => w.length > 0);
}

/** The clear terms of an application: every person's name words and birth date. */
export function searchTerms(data: ApplicationData): string[] {
  const terms = new Set<string>();
  const people: Array<{ firstName?: string; lastName?: string; birthDate?: string }> = [];
  if (data.personal) people.push(data.personal);
  for (const m of data.household?.members ?? []) people.push(m);
  for (const p of people) {
    for (const w of nameWords(`${p.firstName ?? ""} ${p.lastName ?? ""}`)) terms.add(`name:${w}`);
    if (p.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate)) terms.add(`birth:${p.birthDate}`);
  }
  return [...terms].sort();
}

/** What a search box text means. */
export type InboxQuery =
  | { kind: "empty" }
  /** An Aktenzeichen "A-B7MB-RUSX" (dashes and case optional). */
  | { kind: "reference"; reference: string }
  /** A date of birth, typed as 01.02.1990, 1.2.1990 or 1990-02-01. */
  | { kind: "birth"; term: string }
  /** Letters and digits only with at least one digit: a Kundennummer or BG-Nummer. */
  | { kind: "identifier"; identifier: string }
  /** Name words: every word must be a name word of someone in the application. */
  | { kind: "name"; terms: string[] };

const REFERENCE = /^A-?([2-9A-HJ-NP-Z]{4})-?([2-9A-HJ-NP-Z]{4})$/;

export function parseInboxQuery(input: string): InboxQuery {
  const text = input.trim().slice(0, 100);
  if (!text) return { kind: "empty" };
  const reference = REFERENCE.exec(text.toUpperCase().replace(/\s+/g, ""));
  if (reference) return { kind: "reference", reference: `A-${reference[1]}-${reference[2]}` };
  const birth = parseDateInput(text);
  if (birth) return { kind: "birth", term: `birth:${birth}` };
  if (/\d/.test(text) && /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/.test(text)) return { kind: "identifier", identifier: text };
  const words = [...new Set(nameWords(text))].slice(0, 6);
  return words.length ? { kind: "name", terms: words.map((w) => `name:${w}`) } : { kind: "empty" };
}
