import type { Language } from "~/domain/languages";
import { fixedT, getLanguage, loadResources } from "./i18n.server";

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
  return { lng, i18n: loadResources(lng, namespaces), title: t(titleKey, titleParams ?? {}) as string };
}
