import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageI18n } from "~/platform/http/page.server";
import { pageMeta } from "~/lib/meta";
import { listPublicStandorte } from "~/features/standorte/index.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ ...(await pageI18n(request, ["standorte"], "standorte:title")), standorte: listPublicStandorte() });
}

export default function Standorte() {
  const { standorte } = useLoaderData<typeof loader>();
  const { t } = useTranslation("standorte");
  return (
    <div className="page">
      <h1>{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      <p>
        <Link to="/standort-finden">{t("findLink")}</Link>
      </p>
      <ul className="card-list">
        {standorte.map((s) => (
          <li className="card" key={s.id}>
            <h2>
              <Link to={`/standorte/${s.id}`}>{s.name}</Link>
            </h2>
            <p>
              {t("serves")}: <span lang="de">{s.municipalities.join(", ")}</span>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
