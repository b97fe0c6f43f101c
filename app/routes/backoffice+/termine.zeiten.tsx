import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Checkbox, ChoiceGroup, CsrfInput, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./termine.zeiten.server";

export const meta = pageMeta;

export { action, loader };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

type Warning = { date: string; kind: "holiday"; holiday: string } | { date: string; kind: "closed"; label: string };

/** The public holidays and closed days among the new slots' days, and the box that confirms them anyway. */
function Warnings({ warnings, field, error }: { warnings: readonly Warning[]; field: string; error?: string }) {
  const { t } = useTranslation("backoffice");
  if (!warnings.length) return null;
  return (
    <div className="notice">
      <h3>{t("slots.warnings.title", { count: warnings.length })}</h3>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.date}-${w.kind}`}>
            {`${formatDate("de", w.date, "long")}: ${w.kind === "holiday" ? t(`slots.warnings.holidays.${w.holiday}`) : t("slots.warnings.closed", { label: w.label })}`}
          </li>
        ))}
      </ul>
      <Checkbox name={field} label={t("slots.warnings.confirm")} error={error} />
    </div>
  );
}

/** Slot management of a Standort: the week's slots, one slot, a series, a copied week. */
export default function StaffSlots() {
  const { staff, standorte, standortId, types, week, previousWeek, nextWeek, slots, notice, created } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "appointments", "common"]);
  const standortName = standorte.find((s) => s.id === standortId)?.name ?? "";
  const values = answer?.values ?? {};
  const errorsOf = (intent: string) => (answer?.intent === intent ? answer.errors : {});
  const valuesOf = (intent: string) => (answer?.intent === intent ? values : {});
  const warningsOf = (intent: string) => (answer?.intent === intent ? answer.warnings : []);
  const typeOptions = types.map((type) => ({ value: type.id, label: `${t(`appointments:types.${type.id}.name`)} (${t("slots.minutes", { count: type.minutes })})` }));
  const weekLink = (monday: string) => `/backoffice/termine/zeiten?standort=${encodeURIComponent(standortId)}&woche=${monday}`;
  const busy = navigation.state === "submitting";
  const hidden = (
    <>
      <CsrfInput />
      <input type="hidden" name="standort" value={standortId} />
      <input type="hidden" name="woche" value={week} />
    </>
  );

  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors} ns="backoffice" />
      {notice && !answer ? (
        <div className="notice" role="status">
          <p>{created ? t("slots.notices.addedCount", { count: created }) : t(notice)}</p>
        </div>
      ) : null}
      <h1>{t("slots.title")}</h1>
      <p className="lead">{t("slots.intro")}</p>
      <Form method="get" className="staff-filters">
        <input type="hidden" name="woche" value={week} />
        <SelectField name="standort" id="standort-show" label={t("slots.standort")} defaultValue={standortId} options={standorte.map((s) => ({ value: s.id, label: s.name }))} />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            {t("slots.show")}
          </button>
        </div>
      </Form>
      <nav aria-label={t("slots.weekNav")}>
        <ul className="day-nav">
          <li>
            <Link to={`/backoffice/termine?standort=${encodeURIComponent(standortId)}`}>{t("slots.backToDay")}</Link>
          </li>
          <li>
            <Link to={weekLink(previousWeek)}>{t("slots.previousWeek")}</Link>
          </li>
          <li>
            <Link to={weekLink(nextWeek)}>{t("slots.nextWeek")}</Link>
          </li>
        </ul>
      </nav>

      <h2>{t("slots.weekTitle", { from: formatDate("de", week, "medium"), standort: standortName })}</h2>
      {slots.length === 0 ? (
        <p>{t("slots.emptyWeek")}</p>
      ) : (
        <StaffTable
          id="slots"
          caption={t("slots.tableCaption", { standort: standortName, from: formatDate("de", week, "medium") })}
          columns={[t("slots.date"), t("slots.time"), t("slots.type"), { label: t("slots.capacity"), numeric: true }, { label: t("slots.booked"), numeric: true }, t("slots.actions")]}
        >
          {slots.map((slot) => (
            <tr key={slot.id}>
              <td>{new Intl.DateTimeFormat("de-DE", { weekday: "short", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Berlin" }).format(new Date(`${slot.date}T12:00:00Z`))}</td>
              <td>{`${slot.start}–${slot.end}`}</td>
              <td>{t(`appointments:types.${slot.type}.name`)}</td>
              <td className="num">{slot.capacity}</td>
              <td className="num">{slot.booked}</td>
              <td>
                {slot.booked === 0 ? (
                  <Form method="post">
                    {hidden}
                    <input type="hidden" name="slotId" value={slot.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      className="button button--secondary"
                      aria-label={t("slots.deleteLabel", { date: formatDate("de", slot.date, "medium"), time: slot.start })}
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

      <h2 id="serie">{t("slots.series.title")}</h2>
      <p>{t("slots.series.intro")}</p>
      <Form method="post" noValidate>
        {hidden}
        <SelectField name="seriesType" label={t("slots.type")} defaultValue={valuesOf("series").seriesType ?? types[0]?.id} error={errorsOf("series").seriesType} options={typeOptions} />
        <TextField name="seriesFrom" width="short" label={t("slots.series.from")} defaultValue={valuesOf("series").seriesFrom} error={errorsOf("series").seriesFrom} />
        <TextField name="seriesTo" width="short" label={t("slots.series.to")} defaultValue={valuesOf("series").seriesTo} error={errorsOf("series").seriesTo} />
        <ChoiceGroup
          name="seriesWeekdays"
          type="checkbox"
          legend={t("slots.series.weekdays")}
          error={errorsOf("series").seriesWeekdays}
          defaultValue={(valuesOf("series").seriesWeekdays ?? "1,2,3,4,5").split(",")}
          choices={WEEKDAYS.map((d) => ({ value: String(d), label: t(`slots.series.weekday.${d}`) }))}
        />
        <TextField name="seriesTimes" label={t("slots.series.times")} hint={t("slots.series.timesHint")} defaultValue={valuesOf("series").seriesTimes} error={errorsOf("series").seriesTimes} />
        <TextField
          name="seriesDuration"
          width="short"
          inputMode="numeric"
          label={t("slots.add.duration")}
          hint={t("slots.add.durationHint")}
          defaultValue={valuesOf("series").seriesDuration}
          error={errorsOf("series").seriesDuration}
        />
        <TextField
          name="seriesCapacity"
          width="short"
          inputMode="numeric"
          label={t("slots.add.capacity")}
          defaultValue={valuesOf("series").seriesCapacity ?? "1"}
          error={errorsOf("series").seriesCapacity}
        />
        <Warnings warnings={warningsOf("series")} field="seriesConfirm" error={errorsOf("series").seriesConfirm} />
        <button type="submit" name="intent" value="series" className="button" disabled={busy}>
          {t("slots.series.submit")}
        </button>
      </Form>

      <h2 id="kopieren">{t("slots.copy.title")}</h2>
      <p>{t("slots.copy.intro")}</p>
      <Form method="post" noValidate>
        {hidden}
        <TextField
          name="copyFrom"
          width="short"
          label={t("slots.copy.from")}
          hint={t("slots.copy.weekHint")}
          defaultValue={valuesOf("copy").copyFrom ?? formatDate("de", week, "medium")}
          error={errorsOf("copy").copyFrom}
        />
        <TextField name="copyTo" width="short" label={t("slots.copy.to")} hint={t("slots.copy.weekHint")} defaultValue={valuesOf("copy").copyTo} error={errorsOf("copy").copyTo} />
        <Warnings warnings={warningsOf("copy")} field="copyConfirm" error={errorsOf("copy").copyConfirm} />
        <button type="submit" name="intent" value="copy" className="button" disabled={busy}>
          {t("slots.copy.submit")}
        </button>
      </Form>

      <h2 id="einzeln">{t("slots.add.title")}</h2>
      <Form method="post" noValidate>
        {hidden}
        <SelectField name="type" label={t("slots.type")} defaultValue={valuesOf("add").type ?? types[0]?.id} error={errorsOf("add").type} options={typeOptions} />
        <TextField name="date" width="short" required label={t("slots.add.date")} defaultValue={valuesOf("add").date} error={errorsOf("add").date} />
        <TextField name="time" width="short" required label={t("slots.add.time")} defaultValue={valuesOf("add").time} error={errorsOf("add").time} />
        <TextField
          name="duration"
          width="short"
          inputMode="numeric"
          label={t("slots.add.duration")}
          hint={t("slots.add.durationHint")}
          defaultValue={valuesOf("add").duration}
          error={errorsOf("add").duration}
        />
        <TextField name="capacity" width="short" inputMode="numeric" required label={t("slots.add.capacity")} defaultValue={valuesOf("add").capacity ?? "1"} error={errorsOf("add").capacity} />
        <Warnings warnings={warningsOf("add")} field="confirm" error={errorsOf("add").confirm} />
        <button type="submit" name="intent" value="add" className="button" disabled={busy}>
          {t("slots.add.submit")}
        </button>
      </Form>
    </div>
  );
}
