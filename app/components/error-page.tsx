import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader } from "./layout";

export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation("common");
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 429 ? "tooMany" : status === 503 ? "unavailable" : status === 507 ? "storageFull" : "server";
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="page">
        <h1>{t(`errorPage.${kind}.title`)}</h1>
        <p>{t(`errorPage.${kind}.body`)}</p>
        <p>
          <Link to="/">{t("errorPage.home")}</Link>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
