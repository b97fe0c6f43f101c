import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StandortDetails } from "~/components/standort-details";
import { pageI18n } from "~/platform/http/page.server";
import { pageMeta } from "~/lib/meta";
import { getPublicStandort } from "~/features/standorte/index.server";

export const meta = pageMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const standort = getPublicStandort(params.standortId ?? "");
  if (!standort) throw new Response("Not found", { status: 404 });
  return json({ ...(await pageI18n(request, ["standorte"], "standorte:detailTitle", { name: standort.name })), standort });
}

export default function StandortPage() {
  const { standort } = useLoaderData<typeof loader>();
  const { t } = useTranslation("standorte");
  return (
    <div className="page">
      <Link to="/standorte" className="back-link">
        {t("heading")}
      </Link>
      <h1>{t("detailTitle", { name: standort.name })}</h1>
      <StandortDetails standort={standort} />
    </div>
  );
}
