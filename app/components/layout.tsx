import { Link, NavLink, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isStaffArea } from "~/lib/areas";
import { LANGUAGE_NAMES, LANGUAGES, directionOf, htmlLangOf, type Language } from "~/domain/languages";
import { errorPageData } from "~/lib/error-page-data";
import type { RootLoaderData } from "~/root";

export function useRootData() {
  const error = useRouteError();
  return useRouteLoaderData<RootLoaderData>("root") ?? errorPageData(error);
}

/** Links that keep the current page and set ?lng=…: works without JavaScript. */
export function LanguageSwitcher() {
  const { t } = useTranslation("common");
  const location = useLocation();
  const current = useRootData()?.lng ?? "de";
  const hrefFor = (lng: Language) => {
    const params = new URLSearchParams(location.search);
    params.set("lng", lng);
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <details className="language-switcher">
      <summary>
        <svg className="language-switcher__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
          <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>{" "}
        {t("language.label")}: <span lang={htmlLangOf(current)}>{LANGUAGE_NAMES[current]}</span>
      </summary>
      <ul className="language-switcher__list">
        {LANGUAGES.map((lng) => (
          <li key={lng}>
            <a href={hrefFor(lng)} lang={htmlLangOf(lng)} hrefLang={htmlLangOf(lng)} dir={directionOf(lng)} aria-current={lng === current ? "true" : undefined}>
              {LANGUAGE_NAMES[lng]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function SiteHeader() {
  const { t } = useTranslation("common");
  const data = useRootData();
  const { pathname } = useLocation();
  // The staff inbox is German only and has its own navigation (StaffBar).
  if (isStaffArea(pathname)) {
    return (
      <>
        <a className="skip-link" href="#main">
          {t("skipLink")}
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/backoffice" className="site-header__brand">
              <span className="site-header__traeger">{data?.traeger.jobcenterName}</span>
              <span className="site-header__portal">{t("backoffice:site.name")}</span>
            </Link>
          </div>
        </header>
      </>
    );
  }
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipLink")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-header__brand">
            <span className="site-header__traeger">{data?.traeger.jobcenterName}</span>
            <span className="site-header__portal">{t("site.portalName")}</span>
          </Link>
          <LanguageSwitcher />
        </div>
        <nav className="site-nav" aria-label={t("nav.label")}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/standorte">{t("nav.standorte")}</NavLink>
            </li>
            <li>{data?.session ? <NavLink to="/konto">{t("nav.account")}</NavLink> : <NavLink to="/anmelden">{t("nav.signIn")}</NavLink>}</li>
          </ul>
        </nav>
      </header>
    </>
  );
}

export function SiteFooter() {
  const { t } = useTranslation("common");
  const data = useRootData();
  const { pathname } = useLocation();
  // The citizens' links (accessibility statement, privacy, glossary, Ombudsstelle) are not the
  // staff's: the staff pages end without a footer.
  if (isStaffArea(pathname)) return null;
  return (
    <footer className="site-footer">
      <nav aria-label={t("footer.label")}>
        <ul>
          <li>
            <Link to="/barrierefreiheit">{t("footer.accessibility")}</Link>
          </li>
          <li>
            <Link to="/datenschutz">{t("footer.privacy")}</Link>
          </li>
          <li>
            <Link to="/glossar">{t("footer.glossary")}</Link>
          </li>
          <li>
            <Link to="/standorte">{t("footer.standorte")}</Link>
          </li>
          <li>
            <Link to="/ombudsstelle">{t("footer.ombuds")}</Link>
          </li>
        </ul>
      </nav>
      <p>{t("footer.operator", { name: data?.traeger.name ?? "" })}</p>
    </footer>
  );
}
