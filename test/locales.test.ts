import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Checks every translation against the German source in locales/de. The namespaces are read
// from disk at run time: a new German namespace fails this test until it is translated.

const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));
const SOURCE = "de";

/** Languages that must have every namespace, complete. */
const LANGUAGES = ["en", "tr", "ar", "ru", "uk", "pl", "ro", "fa"] as const;

/**
 * Leichte Sprache: every citizen namespace (all but the German-only staff pages) must exist and be
 * complete, with the placeholders and plural forms of German. A page must not fall back to
 * standard German for a person who chose Leichte Sprache.
 */
const LEICHTE_SPRACHE = "ls";

/** Keys ("<namespace>:<key.path>") whose value is the German original in every language. */
const SAME_AS_GERMAN_KEYS: readonly RegExp[] = [
  /^common:terms\.[^.]+\.de$/, // legal terms, shown in German beside the translation
  /^(eligibility:referrals|precheck:income\.fields)\.[^.]+\.german$/, // German name of a benefit or an income, shown beside the translation
  /^appointments:invitation\.rfb\.binding\.[^.]+$/, // the binding German Rechtsfolgenbelehrung, shown beside the translation aid (decision 032)
];

/**
 * Values that may stay identical to German: the name of the benefit and a few words that are
 * the same in several languages. Keep this list short and explicit.
 */
const SAME_AS_GERMAN_VALUES: ReadonlySet<string> = new Set(["Bürgergeld", "Grundsicherungsgeld", "Fax", "Bus", "Cookies", "Person"]);

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix = "", out: Flat = new Map()): Flat {
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, out);
    }
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

function readJson(file: string): unknown {
  const text = fs.readFileSync(file, "utf8");
  if (text.charCodeAt(0) === 0xfeff) throw new Error(`${file} starts with a byte order mark`);
  return JSON.parse(text);
}

/** The staff inbox (/backoffice) is German only (the issue allows it): not translated. */
const GERMAN_ONLY_NAMESPACES: ReadonlySet<string> = new Set(["backoffice"]);

function namespaces(): string[] {
  return fs
    .readdirSync(path.join(LOCALES_DIR, SOURCE))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .filter((ns) => !GERMAN_ONLY_NAMESPACES.has(ns))
    .sort();
}

function load(lng: string, ns: string): Flat | null {
  const file = path.join(LOCALES_DIR, lng, `${ns}.json`);
  return fs.existsSync(file) ? flatten(readJson(file)) : null;
}

function pluralBase(key: string): { base: string; category: string } | null {
  const match = PLURAL_SUFFIX.exec(key);
  return match ? { base: key.slice(0, -match[0].length), category: match[1] } : null;
}

/** The i18next plural forms a language needs (CLDR categories, as Intl knows them). */
function pluralCategories(lng: string): string[] {
  return new Intl.PluralRules(lng === LEICHTE_SPRACHE ? SOURCE : lng).resolvedOptions().pluralCategories;
}

/**
 * A category that stands for exactly one number (Arabic zero/one/two, English one) may leave
 * {{count}} out ("one minute"); a category that covers several numbers (Russian one = 1, 21,
 * 31 …; Persian one = 0 and 1) must show the number.
 */
function categoryIsExact(lng: string, category: string): boolean {
  const rules = new Intl.PluralRules(lng === LEICHTE_SPRACHE ? SOURCE : lng);
  let hits = 0;
  for (let n = 0; n <= 1000; n++) if (rules.select(n) === category) hits++;
  return hits <= 1;
}

function placeholders(value: string): Set<string> {
  return new Set([...value.matchAll(/\{\{\s*-?\s*([^}]+?)\s*\}\}/g)].map((m) => m[1].split(",")[0].trim()));
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function show(set: Set<string>): string {
  return `{${[...set].sort().join(", ")}}`;
}

/** German keys, with plural variants grouped under their base key. */
function germanShape(german: Flat) {
  const plain = new Map<string, string>();
  const plural = new Map<string, Map<string, string>>();
  for (const [key, value] of german) {
    const p = pluralBase(key);
    if (p) {
      if (!plural.has(p.base)) plural.set(p.base, new Map());
      plural.get(p.base)!.set(p.category, value);
    } else plain.set(key, value);
  }
  return { plain, plural };
}

function checkKeys(lng: string, german: Flat, target: Flat, { complete }: { complete: boolean }): string[] {
  const problems: string[] = [];
  const { plain, plural } = germanShape(german);
  const categories = pluralCategories(lng);
  if (complete) {
    for (const key of plain.keys()) if (!target.has(key)) problems.push(`missing key ${key}`);
    for (const base of plural.keys()) {
      for (const category of new Set([...categories, "other"])) {
        if (!target.has(`${base}_${category}`)) problems.push(`missing plural form ${base}_${category}`);
      }
    }
  }
  for (const key of target.keys()) {
    if (plain.has(key)) continue;
    const p = pluralBase(key);
    if (p && plural.has(p.base) && (categories.includes(p.category) || p.category === "other")) continue;
    problems.push(`key ${key} does not exist in German`);
  }
  return problems;
}

function isAllowedSameAsGerman(ns: string, key: string, value: string): boolean {
  if (SAME_AS_GERMAN_KEYS.some((pattern) => pattern.test(`${ns}:${key}`))) return true;
  if (!/\p{L}/u.test(value.replace(/\{\{[^}]*\}\}/g, ""))) return true; // empty, numbers, symbols, placeholders only
  return SAME_AS_GERMAN_VALUES.has(value.trim());
}

function checkValues(lng: string, ns: string, german: Flat, target: Flat, { untranslated }: { untranslated: boolean }): string[] {
  const problems: string[] = [];
  const { plural } = germanShape(german);
  for (const [key, value] of target) {
    const p = pluralBase(key);
    const germanGroup = p ? plural.get(p.base) : undefined;
    const germanValue = german.get(key) ?? germanGroup?.get("other");
    if (germanValue === undefined) continue; // reported by checkKeys
    if (untranslated && value === german.get(key) && !isAllowedSameAsGerman(ns, key, value)) {
      problems.push(`${key} is still the German text: ${JSON.stringify(value)}`);
    }
    const got = placeholders(value);
    if (p && germanGroup) {
      // Plural forms: compare without {{count}}; then require {{count}} where the form covers several numbers.
      const expected = new Set<string>();
      for (const v of germanGroup.values()) for (const name of placeholders(v)) expected.add(name);
      const withoutCount = (s: Set<string>) => new Set([...s].filter((x) => x !== "count"));
      if (!sameSet(withoutCount(got), withoutCount(expected))) {
        problems.push(`${key} has placeholders ${show(got)}, German has ${show(expected)}`);
      }
      if (expected.has("count") && !got.has("count") && !categoryIsExact(lng, p.category)) {
        problems.push(`${key} must show {{count}}: in ${lng} the form "${p.category}" is used for several numbers`);
      }
    } else if (!sameSet(got, placeholders(germanValue))) {
      problems.push(`${key} has placeholders ${show(got)}, German has ${show(placeholders(germanValue))}`);
    }
  }
  return problems;
}

/** Arabic and Persian use their own punctuation and letters. */
function checkScript(lng: string, ns: string, target: Flat): string[] {
  if (lng !== "ar" && lng !== "fa") return [];
  const problems: string[] = [];
  for (const [key, value] of target) {
    if (SAME_AS_GERMAN_KEYS.some((re) => re.test(`${ns}:${key}`))) continue; // German text, German punctuation
    const text = value.replace(/\{\{[^}]*\}\}/g, "");
    if (/[?;]|,\s/.test(text)) problems.push(`${key} uses Latin punctuation (use ، ؛ ؟): ${JSON.stringify(value)}`);
    if (lng === "fa" && /[\u064A\u0643]/.test(text)) problems.push(`${key} uses Arabic ي/ك instead of Persian ی/ک`);
    if (lng === "ar" && /[\u06CC\u06A9]/.test(text)) problems.push(`${key} uses Persian ی/ک instead of Arabic ي/ك`);
    // One word for the Jobcenter (issue 12 item 5): «جاب‌سنتر» in Persian (the most used), «الجوب سنتر» in Arabic;
    // the German name only in brackets beside it.
    if (lng === "fa" && /مرکز کار|(?<![(\p{L}])Jobcenter(?![)\p{L}])/u.test(text)) problems.push(`${key} names the Jobcenter other than «جاب‌سنتر» (Jobcenter): ${JSON.stringify(value)}`);
    if (lng === "ar" && /مركز العمل/.test(text)) problems.push(`${key} names the Jobcenter other than «الجوب سنتر»: ${JSON.stringify(value)}`);
  }
  return problems;
}

/** Abbreviations that Leichte Sprache writes out (Netzwerk Leichte Sprache: no abbreviations). */
const LS_ABBREVIATIONS = /(?<![\p{L}.])(z\. ?B\.|bzw\.|ggf\.|usw\.|d\. ?h\.|ca\.|u\. ?a\.|inkl\.|evtl\.|vgl\.|Nr\.|Abs\.|gem\.)/u;

/**
 * Leichte Sprache rules a machine can check: no abbreviations, and a § citation only in a
 * sentence of its own ("Das steht im Gesetz: § 66 SGB I."), never inside a running sentence.
 */
function checkLeichteSprache(target: Flat): string[] {
  const problems: string[] = [];
  for (const [key, value] of target) {
    const text = value.replace(/\{\{[^}]*\}\}/g, "");
    const abbreviation = LS_ABBREVIATIONS.exec(text);
    if (abbreviation) problems.push(`${key} uses the abbreviation "${abbreviation[0]}": ${JSON.stringify(value)}`);
    for (const sentence of text.split(/(?<=[.!?])\s+/)) {
      if (sentence.includes("§") && !/^(Das steht |Gesetze?: )/.test(sentence.trim())) {
        problems.push(`${key} has a § citation inside a running sentence: ${JSON.stringify(sentence)}`);
      }
    }
  }
  return problems;
}

/** The keys in the order of German, so that engineers who add keys next to related ones merge cleanly. */
function checkOrder(german: Flat, target: Flat): string[] {
  const order = [...german.keys()];
  const got = [...target.keys()].filter((key) => german.has(key));
  const expected = order.filter((key) => target.has(key));
  const at = got.findIndex((key, i) => key !== expected[i]);
  return at === -1 ? [] : [`key ${got[at]} is out of the German order (expected ${expected[at]} here)`];
}

const NAMESPACES = namespaces();

describe("locales", () => {
  it("has German namespaces to check", () => {
    expect(NAMESPACES.length).toBeGreaterThan(0);
  });

  describe.each(NAMESPACES)("namespace %s", (ns) => {
    const german = load(SOURCE, ns)!;

    it.each([...LANGUAGES])("%s is complete, translated and keeps the placeholders", (lng) => {
      const target = load(lng, ns);
      expect(target, `locales/${lng}/${ns}.json is missing`).not.toBeNull();
      const problems = [...checkKeys(lng, german, target!, { complete: true }), ...checkValues(lng, ns, german, target!, { untranslated: true }), ...checkScript(lng, ns, target!)];
      expect(problems, `locales/${lng}/${ns}.json`).toEqual([]);
    });

    it("ls (Leichte Sprache) is complete, keeps the placeholders and follows the rules", () => {
      const target = load(LEICHTE_SPRACHE, ns);
      expect(target, `locales/${LEICHTE_SPRACHE}/${ns}.json is missing`).not.toBeNull();
      const problems = [
        ...checkKeys(LEICHTE_SPRACHE, german, target!, { complete: true }),
        ...checkValues(LEICHTE_SPRACHE, ns, german, target!, { untranslated: false }),
        ...checkLeichteSprache(target!),
        ...checkOrder(german, target!),
      ];
      expect(problems, `locales/${LEICHTE_SPRACHE}/${ns}.json`).toEqual([]);
    });
  });
});
