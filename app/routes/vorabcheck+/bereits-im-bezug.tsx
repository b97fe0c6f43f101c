import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalTerm } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await pageI18n(request, ["precheck"], "precheck:receiving.title"));
}

/** For people who already receive Bürgergeld: changes, documents, renewal. */
export default function AlreadyReceiving() {
  const { t } = useTranslation("precheck");
  const topics = ["changes", "documents", "renewal", "objection"] as const;
  return (
    <div className="page">
      <Link to="/vorabcheck" className="back-link">
        {t("common:form.back")}
      </Link>
      <h1>{t("receiving.title")}</h1>
      <p className="lead">{t("receiving.lead")}</p>
      {topics.map((topic) => (
        <section key={topic} aria-labelledby={`topic-${topic}`}>
          <h2 id={`topic-${topic}`}>{t(`receiving.${topic}.title`)}</h2>
          <p>{t(`receiving.${topic}.body`)}</p>
        </section>
      ))}
      <p>
        <LegalTerm k="widerspruch" />: <Link to="/glossar#widerspruch">{t("receiving.glossaryLink")}</Link>
      </p>
      <p>
        <Link to="/standort-finden">{t("receiving.findStandort")}</Link>
      </p>
    </div>
  );
}
