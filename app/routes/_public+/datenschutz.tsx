import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getTraeger } from "~/config/traeger";
import { pageI18n } from "~/platform/http/page.server";
import { pageMeta } from "~/lib/meta";
import { Prose } from "~/components/bidi";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const traeger = getTraeger();
  return json({ ...(await pageI18n(request, ["privacy"], "privacy:title")), traeger: traeger.name, retentionDays: traeger.limits.draftRetentionDays });
}

function List({ items }: { items: string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export default function Privacy() {
  const { traeger, retentionDays } = useLoaderData<typeof loader>();
  const { t } = useTranslation("privacy");
  const list = (key: string) => t(key, { returnObjects: true }) as string[];
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="lead">
        <Prose text={t("intro")} />
      </p>
      <h2>{t("controllerHeading")}</h2>
      <p>{t("controller", { traeger })}</p>
      <h2>{t("whatHeading")}</h2>
      <List items={list("what")} />
      <h2>{t("notHeading")}</h2>
      <List items={list("not")} />
      <h2>{t("cookiesHeading")}</h2>
      <p>{t("cookies")}</p>
      <h2>{t("legalHeading")}</h2>
      <p>
        <Prose text={t("legal")} />
      </p>
      <h2>{t("retentionHeading")}</h2>
      <p>{t("retention", { days: retentionDays })}</p>
      <h2>{t("rightsHeading")}</h2>
      <p>{t("rights")}</p>
    </div>
  );
}
