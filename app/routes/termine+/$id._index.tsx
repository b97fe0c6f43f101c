import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointmentSummary, TravelNotes, useLng } from "~/components/appointments";
import { formatDateTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { appointmentPage } from "~/features/appointments/index.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";

export const meta = pageMeta;

// One appointment: what, where, when, what to bring, how to get there, the calendar file, and
// changing or cancelling up to the deadline. After booking (?gebucht=1 / ?umgebucht=1) this is
// the confirmation page. A missed appointment offers the "second chance": book again or explain.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const page = await appointmentPage(session.userId, params.id ?? "", await getLanguage(request));
  if (page.kind === "not-found") throw new Response("Not found", { status: 404 });
  if (page.kind === "redirect") throw redirect(page.to);
  const search = new URL(request.url).searchParams;
  return json({
    ...(await pageI18n(request, ["appointments", "standorte"], "appointments:detail.title")),
    ...page,
    flash: {
      booked: search.get("gebucht") === "1",
      rebooked: search.get("umgebucht") === "1",
      accepted: search.get("angenommen") === "1",
      explained: search.get("erklaert") === "1",
    },
  });
}

export default function AppointmentDetail() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["appointments", "standorte"]);
  const lng = useLng();
  const { view, flash } = data;
  const active = view.status === "booked" && !data.past && !data.missed;
  const bookAgain = `/termine/buchen/standort?${new URLSearchParams({ anliegen: view.type, standort: view.standortId })}`;
  return (
    <div className="page">
      <Link to="/termine" className="back-link">
        {t("detail.back")}
      </Link>
      {flash.booked || flash.rebooked || flash.accepted ? (
        <div className="notice notice--success" role="status">
          <p>
            <strong>{flash.rebooked ? t("detail.rebookedBanner") : flash.accepted ? t("list.accepted") : t("detail.bookedBanner")}</strong>
          </p>
          <p>{t("detail.mailSent")}</p>
        </div>
      ) : null}
      {flash.explained ? (
        <div className="notice notice--success" role="status">
          <p>{t("detail.explainedBanner")}</p>
        </div>
      ) : null}
      <h1>{data.missed ? t("detail.missedTitle") : t("detail.title")}</h1>
      <AppointmentSummary view={view} />
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("detail.status")}</dt>
          <dd>{t(`detail.statusValues.${view.outcome ?? view.status}`)}</dd>
        </div>
        {data.jobcenterMessage ? (
          <div className="summary-list__row">
            <dt>{t("detail.jobcenterMessage")}</dt>
            <dd lang="de">
              <bdi>{data.jobcenterMessage}</bdi>
            </dd>
          </div>
        ) : null}
      </dl>

      {data.missed ? (
        <section aria-labelledby="missed-heading" className="section">
          <h2 id="missed-heading">{t("list.missedHeading")}</h2>
          <p>{t("detail.missedText")}</p>
          <p>{t("detail.missedReason")}</p>
          {view.explanation ? (
            <>
              <p>{t("detail.explainedText")}</p>
              <blockquote>{view.explanation}</blockquote>
            </>
          ) : null}
          <div className="button-group">
            {!data.rebookedAfterMiss ? (
              <Link to={bookAgain} className="button">
                {t("list.book")}
              </Link>
            ) : null}
            {!view.explanation ? (
              <Link to={`/termine/${view.id}/erklaeren`} className="button button--secondary">
                {t("detail.explain")}
              </Link>
            ) : null}
          </div>
        </section>
      ) : null}

      {active ? (
        <>
          {data.bring.items.length ? (
            <section aria-labelledby="bring-heading" className="section">
              <h2 id="bring-heading">{t("detail.bringHeading")}</h2>
              {data.bring.fromApplication ? <p>{t("detail.bringFromApplication")}</p> : null}
              <ul>
                {data.bring.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {view.channel === "in-person" ? (
            <section aria-labelledby="travel-heading" className="section">
              <h2 id="travel-heading">{t("detail.travelHeading")}</h2>
              <TravelNotes travel={data.travel} />
            </section>
          ) : null}
          <p>
            <a href={`/termine/${view.id}/kalender.ics`} download>
              {t("detail.calendar")}
            </a>
          </p>
          {data.remindersActive ? <p>{t("detail.reminders")}</p> : null}
          <section aria-labelledby="change-heading" className="section">
            <h2 id="change-heading">{t("detail.changeHeading")}</h2>
            {view.canChange ? (
              <>
                <p>{t("detail.changeUntil", { deadline: formatDateTime(lng, view.deadline) })}</p>
                <div className="button-group">
                  <Link to={`/termine/buchen/zeit?${new URLSearchParams({ anliegen: view.type, standort: view.standortId, umbuchen: view.id })}`} className="button button--secondary">
                    {t("detail.rebook")}
                  </Link>
                  <Link to={`/termine/${view.id}/absagen`} className="button button--warning">
                    {t("detail.cancel")}
                  </Link>
                </div>
              </>
            ) : (
              <p>{t("detail.changeClosed")}</p>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
