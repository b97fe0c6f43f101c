import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf, isLanguage } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./termine.server";

export const meta = pageMeta;

export { action, loader };

export default function StaffSlots() {
  const { staff, standorte, standortId, types, slots, days, day, dayText, dayErrors, appointments, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "appointments", "common"]);
  const standortName = standorte.find((s) => s.id === standortId)?.name ?? "";
  const values = answer?.values ?? {};
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors ?? (Object.keys(dayErrors).length ? dayErrors : undefined)} ns="backoffice" />
      {notice && !answer ? (
        <div className="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      ) : null}
      <h1>{t("slots.title")}</h1>
      <p className="lead">{t("slots.intro", { days })}</p>
      <Form method="get" className="staff-filters">
        <SelectField name="standort" id="standort-show" label={t("slots.standort")} defaultValue={standortId} options={standorte.map((s) => ({ value: s.id, label: s.name }))} />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            {t("slots.show")}
          </button>
        </div>
      </Form>

      {slots.length === 0 ? (
        <p>{t("slots.empty", { days })}</p>
      ) : (
        <StaffTable
          id="slots"
          caption={t("slots.tableCaption", { standort: standortName })}
          columns={[t("slots.date"), t("slots.time"), t("slots.type"), { label: t("slots.capacity"), numeric: true }, { label: t("slots.booked"), numeric: true }, t("slots.actions")]}
        >
          {slots.map((slot) => (
            <tr key={slot.id}>
              <td>{formatDate("de", slot.date, "medium")}</td>
              <td>{`${slot.start}–${slot.end}`}</td>
              <td>{t(`appointments:types.${slot.type}.name`)}</td>
              <td className="num">{slot.capacity}</td>
              <td className="num">{slot.booked}</td>
              <td>
                {slot.booked === 0 ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="standort" value={standortId} />
                    <input type="hidden" name="slotId" value={slot.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      className="button button--secondary"
                      aria-label={t("slots.deleteLabel", {
                        date: formatDate("de", slot.date, "medium"),
                        time: slot.start,
                      })}
                    >
                      {t("slots.delete")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </StaffTable>
      )}

      <h2>{t("slots.day.title")}</h2>
      <Form method="get" className="staff-filters">
        <input type="hidden" name="standort" value={standortId} />
        <TextField name="tag" width="short" label={t("slots.day.date")} defaultValue={dayText || (day ? formatDate("de", day, "medium") : "")} error={dayErrors.tag} />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            {t("slots.day.show")}
          </button>
        </div>
      </Form>
      {day && appointments.length === 0 ? <p>{t("slots.day.empty", { date: formatDate("de", day, "medium") })}</p> : null}
      {day && appointments.length > 0 ? (
        <StaffTable
          id="day"
          caption={t("slots.day.caption", {
            date: formatDate("de", day, "medium"),
            standort: standortName,
          })}
          columns={[t("slots.day.time"), t("slots.day.reference"), t("slots.day.type"), t("slots.day.channel"), t("slots.day.needs"), t("slots.day.outcome")]}
        >
          {appointments.map((a) => (
            <tr key={a.id}>
              <td>{`${a.start}–${a.end}`}</td>
              <td>
                {a.reference}
                {a.application ? (
                  <>
                    <br />
                    <a href={`/backoffice/antraege/${a.application.id}`}>
                      {t("slots.day.application", {
                        reference: a.application.reference,
                      })}
                    </a>
                  </>
                ) : null}
              </td>
              <td>
                {t(`appointments:types.${a.type}.name`)}
                {a.status === "proposed" ? (
                  <>
                    <br />
                    {t("slots.day.proposed")}
                  </>
                ) : null}
              </td>
              <td>{t(`appointments:channels.${a.channel}`)}</td>
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
                {a.outcome ? <p>{t(`slots.day.${a.outcome}`)}</p> : null}
                {a.started && a.status === "booked" ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="standort" value={standortId} />
                    <input type="hidden" name="tag" value={formatDate("de", day, "medium")} />
                    <input type="hidden" name="appointmentId" value={a.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="attended"
                      className="button button--secondary"
                      aria-label={t("slots.day.markLabel", {
                        reference: a.reference,
                        outcome: t("slots.day.attended"),
                      })}
                    >
                      {t("slots.day.markAttended")}
                    </button>{" "}
                    <button
                      type="submit"
                      name="intent"
                      value="missed"
                      className="button button--secondary"
                      aria-label={t("slots.day.markLabel", {
                        reference: a.reference,
                        outcome: t("slots.day.missed"),
                      })}
                    >
                      {t("slots.day.markMissed")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </StaffTable>
      ) : null}

      <h2>{t("slots.add.title")}</h2>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="standort" value={standortId} />
        <SelectField
          name="type"
          label={t("slots.type")}
          defaultValue={values.type ?? types[0]}
          error={answer?.errors.type}
          options={types.map((type) => ({
            value: type,
            label: t(`appointments:types.${type}.name`),
          }))}
        />
        <TextField name="date" width="short" required label={t("slots.add.date")} defaultValue={values.date} error={answer?.errors.date} />
        <TextField name="time" width="short" required label={t("slots.add.time")} defaultValue={values.time} error={answer?.errors.time} />
        <TextField
          name="duration"
          width="short"
          inputMode="numeric"
          label={t("slots.add.duration")}
          hint={t("slots.add.durationHint")}
          defaultValue={values.duration}
          error={answer?.errors.duration}
        />
        <TextField name="capacity" width="short" inputMode="numeric" required label={t("slots.add.capacity")} defaultValue={values.capacity ?? "1"} error={answer?.errors.capacity} />
        <button type="submit" name="intent" value="add" className="button" disabled={navigation.state === "submitting"}>
          {t("slots.add.submit")}
        </button>
      </Form>
    </div>
  );
}
