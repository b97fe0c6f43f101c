import { useMatches } from "@remix-run/react";
import { createInstance, type i18n as I18n } from "i18next";
import { useMemo } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackOf, type Language } from "~/domain/languages";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function resourcesOf(data: unknown): Resources | null {
  if (data && typeof data === "object" && "i18n" in data) return (data as { i18n: Resources }).i18n;
  return null;
}

/**
 * One synchronous i18next instance per language, fed with the namespaces that the matched
 * routes' loaders sent. Same code on server and client, so hydration matches.
 */
export function useI18nInstance(lng: Language, extra?: Resources | null): I18n {
  const matches = useMatches();
  const instance = useMemo(() => {
    const created = createInstance();
    void created.use(initReactI18next).init({
      lng,
      fallbackLng: fallbackOf(lng),
      resources: {},
      initAsync: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
      returnNull: false,
    });
    return created;
  }, [lng]);
  const sources = [...matches.map((m) => resourcesOf(m.data)), extra ?? null];
  for (const resources of sources) {
    if (!resources) continue;
    for (const [language, namespaces] of Object.entries(resources)) {
      for (const [ns, bundle] of Object.entries(namespaces)) {
        if (!instance.hasResourceBundle(language, ns)) instance.addResourceBundle(language, ns, bundle, true, true);
      }
    }
  }
  return instance;
}

export function TranslationProvider({ lng, resources, children }: { lng: Language; resources?: Resources | null; children: React.ReactNode }) {
  const instance = useI18nInstance(lng, resources);
  return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
}
