import { getTraeger } from "~/config/traeger";
import { isolateValues } from "~/lib/bidi";
import { directionOf, type Language } from "~/domain/languages";
import { fixedT, getLanguage, loadResources } from "./i18n.server";
import { noStoreHeaders } from "./cache-control.server";

export interface PageI18n {
  lng: Language;
  i18n: ReturnType<typeof loadResources>;
  title: string;
}

/** 404 for pages and their resource routes (plain text; Remix shows the error boundary). The API answers with apiNotFound(). */
export function pageNotFound(): Response {
  return new Response("Not Found", { status: 404 });
}

/**
 * What every page loader returns for translation: the namespaces the page renders with, and
 * its translated <title>. The root merges `i18n` of all matched routes into one i18next store.
 */
export async function pageI18n(request: Request, namespaces: readonly string[], titleKey: string, titleParams?: Record<string, unknown>): Promise<PageI18n> {
  const lng = await getLanguage(request);
  const t = fixedT(lng, [...namespaces, "common"]);
  // The title is plain text: in Arabic and Farsi its values (names, references) are isolated with FSI … PDI.
  const params = titleParams && directionOf(lng) === "rtl" ? isolateValues(titleParams) : (titleParams ?? {});
  return { lng, i18n: loadResources(lng, namespaces), title: t(titleKey, params) as string };
}

/**
 * A thrown error response (403 of a refused form, …) that renders as the translated error page.
 * When an action throws, Remix renders the root error boundary without running the root loader,
 * so the page would have no language and no translations; the response carries them instead
 * (read by app/lib/error-page-data.ts). Same shape as the root loader's data.
 */
export async function errorPageResponse(request: Request, status: number): Promise<Response> {
  return new Response(JSON.stringify(await errorPageRootData(request)), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...noStoreHeaders } });
}

/**
 * The root data of an error page (language, direction, the common translations): what an error
 * response carries, and what the server render fills in when an action threw (the root loader
 * did not run then; see app/entry.server.tsx).
 */
export async function errorPageRootData(request: Request) {
  const lng = await getLanguage(request);
  const traeger = getTraeger();
  return {
    errorPage: true,
    lng,
    dir: directionOf(lng),
    i18n: loadResources(lng, ["common"]),
    csrf: "",
    traeger: { name: traeger.name, jobcenterName: traeger.jobcenterName },
    session: null,
  };
}
