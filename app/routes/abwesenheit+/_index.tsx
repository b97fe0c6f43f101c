import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Ltr } from "~/components/bidi";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { loader } from "./_index.server";

export { loader };
export const meta = pageMeta;
export const headers = accountHeaders;

// /abwesenheit: asking the Jobcenter in advance to be away (Ortsabwesenheit, § 7b SGB II): the
// rules first, then her requests with the Jobcenter's decisions.
export default function Absences() {
  const { linked, requests, noticeDays, yearlyDays, usedDays, year, sent, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation("absence");
  return (
    <div className="page">
      {sent ? (
        <div className="notice notice--success" role="status">
          <p>
            {t("sent")} <Ltr>{sent}</Ltr>
          </p>
        </div>
      ) : null}
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <section className="inset" aria-labelledby="rules">
        <h2 id="rules">{t("rules.heading")}</h2>
        <ul>
          <li>{t("rules.notice", { days: noticeDays })}</li>
          <li>{t("rules.threeWeeks", { days: yearlyDays })}</li>
          <li>{t("rules.reasons")}</li>
          <li>{t("rules.work")}</li>
        </ul>
        {linked ? <p>{t("rules.used", { days: usedDays, year })}</p> : null}
      </section>
      {!linked ? (
        <section aria-labelledby="not-linked">
          <h2 id="not-linked">{t("notLinked.heading")}</h2>
          <p>{t("notLinked.body")}</p>
          <p>
            <Link to="/mein-fall/verknuepfen" className="button">
              {t("notLinked.link")}
            </Link>
          </p>
        </section>
      ) : (
        <>
          <p>
            <Link to="/abwesenheit/neu" className="button">
              {t("new")}
            </Link>
          </p>
          <h2>{t("list.heading")}</h2>
          {requests.length === 0 ? (
            <p>{t("list.none")}</p>
          ) : (
            <ul className="card-list">
              {requests.map((r) => (
                <li key={r.id} className="card">
                  <h3>{t("list.dates", { from: formatDate(lng, r.from), to: formatDate(lng, r.to) })}</h3>
                  <p>
                    <strong className={r.status === "approved" ? "tag tag--done" : r.status === "refused" ? "tag" : "tag tag--progress"}>{t(`list.status.${r.status}`)}</strong>
                  </p>
                  <p>
                    {t(`form.destination.${r.destination}`)} · {t(`form.reason.${r.reason}`)}
                  </p>
                  <p>
                    {t("list.reference")} <Ltr>{r.reference}</Ltr>
                  </p>
                  {r.decisionMessage ? (
                    <div>
                      <p>{t("list.message")}</p>
                      <p lang="de" dir="ltr">
                        {r.decisionMessage}
                      </p>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p>
        <Link to="/mein-fall">{t("back")}</Link>
      </p>
    </div>
  );
}
