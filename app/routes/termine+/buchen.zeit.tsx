import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StepCaption, TypeName, useLng } from "~/components/appointments";
import { CsrfInput, ErrorSummary } from "~/components/forms";
import { formatDate, formatDateTime, formatTime } from "~/lib/format";
import { htmlLangOf } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./buchen.zeit.server";
import { accountHeaders } from "~/features/accounts/index.server";

export const meta = pageMeta;
// Retry-After of a 429 (and no-store) reach the browser only through headers().
export const headers = accountHeaders;

// Step 3: the earliest free days and times, a list of buttons grouped by day. Choosing one holds
// it (POST → redirect to step 4); the list works without JavaScript and keyboard-only.
export { action, loader };

function query(p: { type: string; standortId: string; rebook: string | null; application: string | null; from?: string | null }): string {
  const q = new URLSearchParams({ anliegen: p.type, standort: p.standortId });
  if (p.rebook) q.set("umbuchen", p.rebook);
  if (p.application) q.set("antrag", p.application);
  if (p.from) q.set("ab", p.from);
  return q.toString();
}

export default function ChooseTime() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("appointments");
  const lng = useLng();
  const problem = actionData?.problem ?? (data.expired ? "hold-expired" : null);
  const errorKey = problem === "rateLimited" ? "common:errors.rateLimited" : problem === "slot" ? "appointments:errors.slot" : problem ? `appointments:errors.${problem}` : null;
  const back = `/termine/buchen/standort?${new URLSearchParams({ anliegen: data.type, standort: data.standortId, ...(data.rebook ? { umbuchen: data.rebook.id } : {}), ...(data.application ? { antrag: data.application } : {}) })}`;
  const base = { type: data.type, standortId: data.standortId, rebook: data.rebook?.id ?? null, application: data.application };
  return (
    <div className="page">
      <Link to={back} className="back-link">
        {t("common:form.back")}
      </Link>
      <StepCaption step={3} />
      {errorKey ? (
        <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="booking-problem-title">
          <h2 id="booking-problem-title" className="error-summary__title">
            {t("common:form.errorSummaryTitle")}
          </h2>
          <ul>
            <li>
              <a href="#field-slotId">{t(errorKey, { max: data.maxPerType, minutes: actionData?.retryMinutes ?? 1 })}</a>
            </li>
          </ul>
          {problem === "limit" ? (
            <p>
              <Link to="/termine">{t("detail.back")}</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <ErrorSummary errors={undefined} />
      )}
      <h1>{t("time.title")}</h1>
      <p>
        <TypeName type={data.type} /> – <span lang="de">{data.standortName}</span>
      </p>
      {data.rebook ? <p className="notice">{t("time.rebookNote", { date: formatDateTime(lng, data.rebook.start) })}</p> : null}
      <p>
        {t("time.holdInfo", { minutes: data.holdMinutes })} {t("localTime")}
      </p>
      <div id="field-slotId" tabIndex={-1}>
        {data.days.length ? (
          <Form method="post" noValidate>
            <CsrfInput />
            {data.days.some((day) => day.items.some((slot) => !slot.changeableOnline)) ? <p className="notice">{t("time.deadlineNote", { count: data.cancelHours })}</p> : null}
            {data.days.map((day) => {
              const headingId = `day-${day.date}`;
              return (
                <section key={day.date} className="slot-day" aria-labelledby={headingId}>
                  <h2 id={headingId} className="slot-day__heading">
                    {formatDate(lng, day.items[0].start, "long")}
                    <span className="slot-day__weekday"> – {new Intl.DateTimeFormat(htmlLangOf(lng), { weekday: "long", timeZone: "Europe/Berlin" }).format(new Date(day.items[0].start))}</span>
                  </h2>
                  <ul className="slot-list">
                    {day.items.map((slot) => (
                      <li key={slot.id}>
                        <button
                          type="submit"
                          name="slotId"
                          value={slot.id}
                          className="slot-button"
                          disabled={navigation.state === "submitting"}
                          aria-label={[t("time.reserve", { date: formatDate(lng, slot.start, "long"), time: formatTime(lng, slot.start) }), slot.changeableOnline ? "" : t("time.noOnlineChange")]
                            .filter(Boolean)
                            .join(". ")}
                        >
                          <bdi>{formatTime(lng, slot.start)}</bdi>
                          {slot.changeableOnline ? null : <span className="slot-button__note">{t("time.noOnlineChange")}</span>}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </Form>
        ) : (
          <p className="notice">{data.from ? t("time.noneLater") : t("time.none")}</p>
        )}
      </div>
      <div className="button-group">
        {data.laterFrom ? (
          <Link to={`/termine/buchen/zeit?${query({ ...base, from: data.laterFrom })}`} className="button button--secondary">
            {t("time.later")}
          </Link>
        ) : null}
        {data.from ? <Link to={`/termine/buchen/zeit?${query(base)}`}>{t("time.earliest")}</Link> : null}
        <Link to={back}>{t("standort.change")}</Link>
      </div>
    </div>
  );
}
