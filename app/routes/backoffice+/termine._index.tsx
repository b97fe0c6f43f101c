import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatDateTime, formatTime } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf, isLanguage } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./termine._index.server";

export const meta = pageMeta;

export { action, loader };

/** The appointment day view: the day's people first; slots are managed on /backoffice/termine/zeiten. */
export default function StaffAppointmentDay() {
  const { staff, standorte, standortId, day, today, previous, next, dayText, dayErrors, appointments, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["backoffice", "appointments", "common"]);
  const standortName = standorte.find((s) => s.id === standortId)?.name ?? "";
  const dayLink = (date: string) => `/backoffice/termine?standort=${encodeURIComponent(standortId)}&tag=${date}`;
  const dayLabel = day ? new Intl.DateTimeFormat("de-DE", { dateStyle: "full", timeZone: "Europe/Berlin" }).format(new Date(`${day}T12:00:00Z`)) : "";
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors ?? (Object.keys(dayErrors).length ? dayErrors : undefined)} ns="backoffice" />
      {notice && !answer ? (
        <div className="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      ) : null}
      <h1>{day ? t("slots.day.heading", { date: dayLabel, standort: standortName }) : t("slots.day.title")}</h1>
      <Form method="get" className="staff-filters">
        <SelectField name="standort" label={t("slots.standort")} defaultValue={standortId} options={standorte.map((s) => ({ value: s.id, label: s.name }))} />
        <TextField name="tag" width="short" label={t("slots.day.date")} defaultValue={dayText || (day ? formatDate("de", day, "medium") : "")} error={dayErrors.tag} />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            {t("slots.day.show")}
          </button>
        </div>
      </Form>
      {previous && next ? (
        <nav aria-label={t("slots.day.navLabel")}>
          <ul className="day-nav">
            <li>
              <Link to={dayLink(previous)}>{t("slots.day.previous", { date: formatDate("de", previous, "medium") })}</Link>
            </li>
            {day !== today ? (
              <li>
                <Link to={dayLink(today)}>{t("slots.day.today")}</Link>
              </li>
            ) : null}
            <li>
              <Link to={dayLink(next)}>{t("slots.day.next", { date: formatDate("de", next, "medium") })}</Link>
            </li>
            <li>
              <Link to={`/backoffice/termine/zeiten?standort=${encodeURIComponent(standortId)}`}>{t("slots.manage")}</Link>
            </li>
          </ul>
        </nav>
      ) : null}

      {day && appointments.length === 0 ? <p>{t("slots.day.empty", { date: formatDate("de", day, "medium") })}</p> : null}
      {day && appointments.length > 0 ? (
        <StaffTable
          id="day"
          caption={t("slots.day.caption", { date: formatDate("de", day, "medium"), standort: standortName, count: appointments.length })}
          columns={[t("slots.day.time"), t("slots.day.person"), t("slots.day.type"), t("slots.day.needs"), t("slots.day.outcome")]}
        >
          {appointments.map((a) => {
            const who = a.name ?? a.reference;
            return (
              <tr key={a.id}>
                <td>{`${a.start}–${a.end}`}</td>
                <td>
                  {a.name ? <strong>{a.name}</strong> : <span>{t("slots.day.noName")}</span>}
                  <br />
                  {t("slots.day.reference", { reference: a.reference })}
                </td>
                <td>
                  {t(`appointments:types.${a.type}.name`)}, {t(`appointments:channels.${a.channel}`)}
                  {a.application ? (
                    <>
                      <br />
                      <a href={`/backoffice/antraege/${a.application.id}`}>
                        {t(a.application.linked ? "slots.day.application" : "slots.day.latestApplication", { reference: a.application.reference })}
                      </a>
                    </>
                  ) : null}
                  {a.status === "proposed" ? (
                    <>
                      <br />
                      {t("slots.day.proposed")}
                    </>
                  ) : null}
                </td>
                <td>
                  <ul className="staff-list">
                    {a.interpreter ? (
                      <li>
                        {t("slots.day.interpreter")} {isLanguage(a.interpreter) ? <span lang={htmlLangOf(a.interpreter)}>{LANGUAGE_NAMES[a.interpreter]}</span> : <bdi>{a.interpreter}</bdi>}
                      </li>
                    ) : null}
                    {a.accessibilityNeeds.map((need) => (
                      <li key={need}>{t(`appointments:confirm.needs.${need}`)}</li>
                    ))}
                    {a.accessibilityOther ? (
                      <li>
                        <bdi>{a.accessibilityOther}</bdi>
                      </li>
                    ) : null}
                  </ul>
                </td>
                <td>
                  {a.outcome ? (
                    <>
                      <p className="outcome">
                        <strong>{t(`slots.day.${a.outcome}`)}</strong>
                        {a.outcomeAt ? ` (${t("slots.day.recordedAt", { time: formatTime("de", a.outcomeAt) })})` : null}
                      </p>
                      {a.corrections.length ? (
                        <ul className="staff-list">
                          {a.corrections.map((c) => (
                            <li key={c.at}>
                              {t("slots.day.corrected", { at: formatDateTime("de", c.at), by: c.by, from: t(`slots.day.${c.from}`), to: t(`slots.day.${c.to}`) })} <bdi>{c.reason}</bdi>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      <Link to={`/backoffice/termine/${a.id}/korrigieren`} className="button button--secondary" aria-label={t("slots.day.correctLabel", { who })}>
                        {t("slots.day.correct")}
                      </Link>
                    </>
                  ) : a.started && a.status === "booked" ? (
                    <Form method="post" className="button-row">
                      <CsrfInput />
                      <input type="hidden" name="standort" value={standortId} />
                      <input type="hidden" name="tag" value={day} />
                      <input type="hidden" name="appointmentId" value={a.id} />
                      <button type="submit" name="intent" value="attended" className="button button--secondary" aria-label={t("slots.day.markLabel", { who, outcome: t("slots.day.attended") })}>
                        {t("slots.day.markAttended")}
                      </button>
                      <button type="submit" name="intent" value="missed" className="button button--secondary" aria-label={t("slots.day.markLabel", { who, outcome: t("slots.day.missed") })}>
                        {t("slots.day.markMissed")}
                      </button>
                    </Form>
                  ) : (
                    <span>{t("slots.day.notYet")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </StaffTable>
      ) : null}
    </div>
  );
}
