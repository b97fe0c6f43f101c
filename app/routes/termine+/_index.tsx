import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointmentCard } from "~/components/appointments";
import { pageMeta } from "~/lib/meta";
import { listOwnAppointments, viewOf, reminderHoursBefore } from "~/features/appointments/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { Tx } from "~/components/bidi";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const page = await pageI18n(request, ["appointments"], "appointments:title");
  const list = await listOwnAppointments(session.userId);
  const params = new URL(request.url).searchParams;
  const cancelled = params.get("abgesagt");
  return json({
    ...page,
    invitations: list.invitations.map((r) => viewOf(r)),
    upcoming: list.upcoming.map((r) => viewOf(r)),
    missed: list.missed.map((r) => viewOf(r)),
    past: list.past.map((r) => viewOf(r)),
    remindersActive: reminderHoursBefore().length > 0,
    flash: {
      cancelled: cancelled && /^T-[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(cancelled) ? cancelled : null,
      declined: params.get("abgelehnt") === "1",
    },
  });
}

export default function MyAppointments() {
  const { invitations, upcoming, missed, past, flash } = useLoaderData<typeof loader>();
  const { t } = useTranslation("appointments");
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      {flash.cancelled ? (
        <div className="notice notice--success" role="status">
          <p>
            <Tx t={t} k="list.cancelled" values={{ reference: flash.cancelled }} />
          </p>
        </div>
      ) : null}
      {flash.declined ? (
        <div className="notice notice--success" role="status">
          <p>{t("list.declined")}</p>
        </div>
      ) : null}
      <p>{t("list.intro")}</p>
      <p>
        <Link to="/termine/buchen" className="button">
          {t("list.book")}
        </Link>
      </p>
      {invitations.length ? (
        <section aria-labelledby="invitations">
          <h2 id="invitations">{t("list.invitationsHeading")}</h2>
          <p>{t("list.invitationText")}</p>
          <ul className="appointment-list">
            {invitations.map((view) => (
              <AppointmentCard key={view.id} view={view} href={`/termine/einladung/${view.id}`} linkText={t("list.answer")} />
            ))}
          </ul>
        </section>
      ) : null}
      {missed.length ? (
        <section aria-labelledby="missed">
          <h2 id="missed">{t("list.missedHeading")}</h2>
          <p>{t("detail.missedText")}</p>
          <ul className="appointment-list">
            {missed.map((view) => (
              <AppointmentCard key={view.id} view={view} href={`/termine/${view.id}`} linkText={t("list.details")} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t("list.upcomingHeading")}</h2>
        {upcoming.length ? (
          <ul className="appointment-list">
            {upcoming.map((view) => (
              <AppointmentCard key={view.id} view={view} href={`/termine/${view.id}`} linkText={t("list.details")} />
            ))}
          </ul>
        ) : (
          <p>{t("list.none")}</p>
        )}
      </section>
      {past.length ? (
        <section aria-labelledby="past">
          <h2 id="past">{t("list.pastHeading")}</h2>
          <ul className="appointment-list appointment-list--past">
            {past.map((view) => (
              <AppointmentCard key={view.id} view={view} href={`/termine/${view.id}`} linkText={t("list.details")} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
