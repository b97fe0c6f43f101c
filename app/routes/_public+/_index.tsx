import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getTraeger } from "~/config/traeger";
import { pageI18n } from "~/platform/http/page.server";
import { pageMeta } from "~/lib/meta";

export const meta = pageMeta;

// The entry points of the portal, in the order a first-time visitor needs them.
const SERVICES = [
  { key: "precheck", href: "/vorabcheck" },
  { key: "apply", href: "/antrag" },
  { key: "appointments", href: "/termine/buchen" },
  { key: "case", href: "/mein-fall" },
  { key: "findStandort", href: "/standort-finden" },
  { key: "standorte", href: "/standorte" },
  { key: "account", href: "/registrieren" },
  { key: "ombuds", href: "/ombudsstelle" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await pageI18n(request, ["home"], "home:title");
  return json({ ...page, jobcenter: getTraeger().jobcenterName });
}

export default function Home() {
  const { jobcenter } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const steps = t("how", { returnObjects: true }) as string[];
  return (
    <div className="page">
      <h1>{t("heading", { jobcenter })}</h1>
      <p className="formerly">{t("formerly")}</p>
      <p className="lead">{t("lead")}</p>
      <p>
        <Link to="/vorabcheck" className="button button--start">
          {t("services.precheck.title")}
        </Link>
      </p>
      <h2>{t("servicesHeading")}</h2>
      <ul className="card-list">
        {SERVICES.map((service) => (
          <li className="card" key={service.key}>
            <h3>
              <Link to={service.href}>{t(`services.${service.key}.title`)}</Link>
            </h3>
            <p>{t(`services.${service.key}.body`)}</p>
          </li>
        ))}
      </ul>
      <h2>{t("howHeading")}</h2>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <h2>{t("helpHeading")}</h2>
      <p>{t("helpBody")}</p>
    </div>
  );
}
