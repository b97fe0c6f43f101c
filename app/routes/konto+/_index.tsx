import { ChecklistItemName } from "~/components/application";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BenefitPeriodSection } from "~/components/cases";
import { CsrfInput } from "~/components/forms";
import { formatDate, formatDateTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import type { loader } from "./_index.server";

export { loader } from "./_index.server";
export const meta = pageMeta;
export const headers = accountHeaders;

// /konto, the person's home: application, appointments, Mein Fall, the next step; then her
// account (address, password, data, sign-out, deletion). Loader in _index.server.ts.

export default function Account() {
  const { account, notice, lng, application, appointments, moreAppointments, invitations, linkedCase, benefitPeriod, next } = useLoaderData<typeof loader>();
  const { t } = useTranslation("account");
  const nextLink: Record<typeof next, string | null> = {
    confirm: "#bestaetigen",
    start: "/antrag",
    continue: application ? `/antrag/${application.id}` : "/antrag",
    submit: application ? `/antrag/${application.id}/pruefen` : "/antrag",
    documents: application ? `/antrag/${application.id}/status` : "/antrag",
    invitation: "/termine",
    wait: application ? `/antrag/${application.id}/status` : null,
    recipient: "/mein-fall",
    renew: "/mein-fall#bewilligungszeitraum",
    ended: "/antrag",
  };
  return (
    <div className="page">
      {notice ? (
        <div className="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      ) : null}
      <h1>{t("overview.title")}</h1>
      <section className="notice" aria-labelledby="next-step">
        <h2 id="next-step">{t("home.nextHeading")}</h2>
        <p>{t(`home.next.${next}`, { date: benefitPeriod ? formatDate(lng, benefitPeriod.to) : "" })}</p>
        {nextLink[next] ? (
          <p>
            <a href={nextLink[next]!} className="button">
              {t(`home.nextAction.${next}`)}
            </a>
          </p>
        ) : null}
      </section>
      {!account.emailConfirmed ? (
        <div className="notice" id="bestaetigen">
          <h2>{t("overview.notConfirmedTitle")}</h2>
          <p>{t("overview.notConfirmedBody")}</p>
          <Form method="post" action="/email-bestaetigen">
            <CsrfInput />
            <button type="submit" className="button button--secondary">
              {t("overview.resend")}
            </button>
          </Form>
        </div>
      ) : null}
      <h2>{t("home.applicationHeading")}</h2>
      {!application ? (
        <>
          <p>{t("home.noApplication")}</p>
          <p>
            <Link to="/antrag">{t("home.startApplication")}</Link>
          </p>
        </>
      ) : application.status === "draft" ? (
        <>
          <p>
            {t("home.draft")} <strong>{t("application:tasks.progress", { done: application.done, total: application.total })}</strong>
          </p>
          <p>
            <Link to={`/antrag/${application.id}`}>{t("home.continue")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>
            <span className="tag tag--done">{t("home.submitted", { date: formatDate(lng, application.submittedAt ?? application.antragsdatum) })}</span> <bdi dir="ltr">{application.reference}</bdi>
          </p>
          <ul>
            <li>
              <Link to={`/antrag/${application.id}/status`}>{t("home.statusLink")}</Link>
            </li>
            <li>
              <Link to={`/antrag/${application.id}/bestaetigung`}>{t("home.receipt")}</Link>
            </li>
            <li>
              <a href={`/antrag/${application.id}/pdf`}>{t("home.pdf")}</a>
            </li>
          </ul>
          {application.missing.length ? (
            <>
              <h3>{t("home.missingHeading")}</h3>
              <ul>
                {application.missing.map((item) => (
                  <li key={item.id}>
                    <ChecklistItemName category={item.category} member={item.member} />
                    {item.description ? (
                      <>
                        {": "}
                        <bdi>{item.description}</bdi>
                      </>
                    ) : null}
                    {item.dueDate ? <> – {t("uploads:checklist.due", { date: formatDate(lng, item.dueDate) })}</> : null}
                  </li>
                ))}
              </ul>
              <p>
                <Link to={`/antrag/${application.id}/status`}>{t("home.uploadMissing")}</Link>
              </p>
            </>
          ) : null}
        </>
      )}
      <h2>{t("home.appointmentsHeading")}</h2>
      {invitations.length ? (
        <p>
          <Link to="/termine">{t("home.invitations")}</Link>
        </p>
      ) : null}
      {appointments.length ? (
        <ul>
          {appointments.map((a) => (
            <li key={a.id}>
              <Link to={`/termine/${a.id}`}>
                {t(`appointments:types.${a.type}.name`)}: {formatDateTime(lng, a.start)}
              </Link>{" "}
              (<bdi>{a.standortName}</bdi>){a.canChange ? <> – {t("home.changeAppointment")}</> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("home.noAppointments")}</p>
      )}
      <p>
        <Link to={moreAppointments ? "/termine" : "/termine/buchen"}>{moreAppointments ? t("overview.appointments") : t("home.book")}</Link>
      </p>
      {benefitPeriod ? <BenefitPeriodSection period={benefitPeriod} lng={lng} /> : null}
      {linkedCase ? (
        <>
          <h2>{t("case:accountCard.title")}</h2>
          <p>
            <Link to="/mein-fall">{t("case:accountCard.body")}</Link>
          </p>
        </>
      ) : null}
      <h2>{t("overview.detailsHeading")}</h2>
      <dl className="summary-list">
        <dt>{t("overview.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("overview.status")}</dt>
        <dd>
          <span className={`tag ${account.emailConfirmed ? "tag--done" : "tag--progress"}`}>{account.emailConfirmed ? t("overview.confirmed") : t("overview.notConfirmed")}</span>
        </dd>
        <dt>{t("overview.createdAt")}</dt>
        <dd>{formatDate(lng, account.createdAt)}</dd>
        <dt>{t("overview.sessions")}</dt>
        <dd>{account.openSessions}</dd>
      </dl>
      <h2>{t("overview.actionsHeading")}</h2>
      <ul className="card-list">
        <li className="card">
          <h3>
            <Link to="/termine">{t("overview.appointments")}</Link>
          </h3>
        </li>
        <li className="card">
          <h3>
            <Link to="/mein-fall">{t("case:accountCard.title")}</Link>
          </h3>
          <p>{t("case:accountCard.body")}</p>
        </li>
        <li className="card">
          <h3>
            <Link to="/konto/passwort">{t("overview.changePassword")}</Link>
          </h3>
        </li>
        <li className="card">
          <h3>
            <a href="/konto/daten" download>
              {t("overview.downloadData")}
            </a>
          </h3>
          <p>{t("overview.downloadHint")}</p>
        </li>
        <li className="card">
          <Form method="post" action="/abmelden">
            <CsrfInput />
            <button type="submit" className="button button--secondary">
              {t("overview.signOut")}
            </button>
          </Form>
        </li>
        <li className="card">
          <Form method="post" action="/konto/abmelden-ueberall">
            <CsrfInput />
            <button type="submit" className="button button--secondary" aria-describedby="sign-out-everywhere-hint">
              {t("overview.signOutEverywhere")}
            </button>
          </Form>
          <p id="sign-out-everywhere-hint">{t("overview.signOutEverywhereHint")}</p>
        </li>
        <li className="card">
          <h3>
            <Link to="/konto/loeschen">{t("overview.delete")}</Link>
          </h3>
        </li>
      </ul>
    </div>
  );
}
