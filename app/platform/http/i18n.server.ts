import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { DEFAULT_LANGUAGE, fallbackOf, isLanguage, languageFromAcceptLanguage, LANGUAGES, type Language } from "~/domain/languages";
import { isStaffArea } from "~/lib/areas";
import { isProduction } from "~/platform/config/env.server";

// Translations live in locales/<lng>/<namespace>.json and are read once per process.
export type Resources = Record<string, Record<string, unknown>>;

const LOCALES_DIR = path.resolve(process.env.LOCALES_DIR ?? "locales");
const cache = new Map<string, Record<string, unknown>>();

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  get secure() {
    return isProduction();
  },
});

function readNamespace(lng: Language, ns: string): Record<string, unknown> {
  const key = `${lng}/${ns}`;
  let bundle = cache.get(key);
  if (!bundle) {
    const file = path.join(LOCALES_DIR, lng, `${ns}.json`);
    bundle = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : {};
    if (!isProduction()) return bundle; // re-read in development so edits show at once
    cache.set(key, bundle);
  }
  return bundle;
}

export function namespacesOnDisk(): string[] {
  return fs
    .readdirSync(path.join(LOCALES_DIR, DEFAULT_LANGUAGE))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The resources a page needs: its namespaces in the language and in its fallbacks. */
export function loadResources(lng: Language, namespaces: readonly string[]): Record<string, Resources> {
  const out: Record<string, Resources> = {};
  for (const language of [lng, ...fallbackOf(lng)]) {
    out[language] = Object.fromEntries(namespaces.map((ns) => [ns, readNamespace(language, ns)]));
  }
  return out;
}

/** ?lng= first, then the remembered choice, then Accept-Language, then German. */
export async function resolveLanguage(request: Request): Promise<{ lng: Language; fromQuery: boolean }> {
  const url = new URL(request.url);
  // Staff pages are German only; the applicant's language choice does not apply there.
  if (isStaffArea(url.pathname)) return { lng: DEFAULT_LANGUAGE, fromQuery: false };
  const query = url.searchParams.get("lng");
  if (isLanguage(query)) return { lng: query, fromQuery: true };
  const remembered = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(remembered)) return { lng: remembered, fromQuery: false };
  return { lng: languageFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LANGUAGE, fromQuery: false };
}

export async function getLanguage(request: Request): Promise<Language> {
  return (await resolveLanguage(request)).lng;
}

const tCache = new Map<string, TFunction>();

/** A server-side t() for mails, API messages and PDFs. */
export function fixedT(lng: Language, namespaces: readonly string[] = ["common"]): TFunction {
  const key = `${lng}:${namespaces.join(",")}`;
  const cached = tCache.get(key);
  if (cached && isProduction()) return cached;
  const instance = createInstance();
  void instance.init({
    lng,
    fallbackLng: fallbackOf(lng),
    ns: [...namespaces],
    defaultNS: namespaces[0],
    resources: loadResources(lng, namespaces),
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  const t = instance.getFixedT(lng, namespaces as string[]);
  tCache.set(key, t);
  return t;
}

export { LANGUAGES };
