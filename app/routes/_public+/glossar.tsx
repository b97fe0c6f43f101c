import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageI18n } from "~/platform/http/page.server";
import { pageMeta } from "~/lib/meta";
import { Prose } from "~/components/bidi";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await pageI18n(request, ["glossary"], "glossary:title"));
}

export default function Glossary() {
  const { lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["glossary", "common"]);
  const explanations = t("explanations", { returnObjects: true }) as Record<string, string>;
  const keys = Object.keys(explanations).sort((a, b) => t(`common:terms.${a}.de`).localeCompare(t(`common:terms.${b}.de`), "de"));
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <dl className="glossary">
        {keys.map((key) => (
          <div key={key} id={key} className="glossary__entry">
            <dt>
              <span lang="de">{t(`common:terms.${key}.de`)}</span>
              {lng !== "de" && lng !== "ls" ? <span className="glossary__name"> – {t(`common:terms.${key}.name`)}</span> : null}
            </dt>
            <dd>
              <Prose text={explanations[key]} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
