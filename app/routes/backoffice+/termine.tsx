import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { getTraeger } from "~/config/traeger";
import { parseDateInput } from "~/domain/application/dates";
import { toBerlin } from "~/domain/appointments/time";
import { formatDate } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf, isLanguage } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { formValues, parseForm } from "~/lib/validation";
import { isBookableStandort, addSlot, appointmentsOfDay, defaultDuration, recordOutcomeByStaff, removeSlot, SLOT_DAYS_SHOWN, upcomingSlots } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireStaff } from "~/features/staff/index.server";

export const meta = pageMeta;

function bookableStandorte() {
  return getTraeger()
    .standorte.filter((s) => isBookableStandort(s.id))
    .map((s) => ({ id: s.id, name: s.name }));
}

function chosenStandort(value: string | null): string {
  const standorte = bookableStandorte();
  return standorte.find((s) => s.id === value)?.id ?? standorte[0]?.id ?? "";
}

const NOTICES = {
  angelegt: "slots.notices.added",
  geloescht: "slots.notices.deleted",
  eingetragen: "slots.notices.outcome",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "appointments:write");
  const url = new URL(request.url);
  const standortId = chosenStandort(url.searchParams.get("standort"));
  const hinweis = url.searchParams.get("hinweis");
  const dayText = (url.searchParams.get("tag") ?? "").trim();
  const day = dayText ? parseDateInput(dayText) : toBerlin(new Date()).date;
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "appointments"], "backoffice:slots.title")),
      staff: { name: staff.name, roles: staff.roles },
      standorte: bookableStandorte(),
      standortId,
      types: getTraeger().appointmentTypes.map((t) => t.id),
      slots: standortId ? await upcomingSlots(standortId) : [],
      days: SLOT_DAYS_SHOWN,
      day: day ?? null,
      dayText,
      dayErrors: day ? {} : ({ tag: "backoffice:slots.day.dateInvalid" } as Record<string, string>),
      appointments: standortId && day ? await appointmentsOfDay(staff, standortId, day) : [],
      notice: hinweis && hinweis in NOTICES ? NOTICES[hinweis as keyof typeof NOTICES] : null,
    },
    { headers: { "Cache-Control": "private, no-store" } }
  );
}

const AddSlotForm = z.object({
  standort: z.string(),
  // Whether the type is one of the Träger's is checked on the server (addSlot): the Träger
  // configuration must not reach the browser bundle.
  type: z.string("backoffice:slots.errors.type").check(z.minLength(1, "backoffice:slots.errors.type")),
  date: z.string("backoffice:slots.errors.date").check(z.refine((v) => parseDateInput(v) !== null, "backoffice:slots.errors.date")),
  time: z.string("backoffice:slots.errors.time").check(z.trim(), z.regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "backoffice:slots.errors.time")),
  duration: z.string().check(
    z.trim(),
    z.refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 5 && Number(v) <= 480), "backoffice:slots.errors.duration")
  ),
  capacity: z.string("backoffice:slots.errors.capacity").check(
    z.trim(),
    z.refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 50, "backoffice:slots.errors.capacity")
  ),
});

const PROBLEM_KEYS = {
  "in-the-past": ["time", "backoffice:slots.errors.inThePast"],
  duplicate: ["time", "backoffice:slots.errors.duplicate"],
  "unknown-standort": ["standort", "backoffice:slots.errors.unknownStandort"],
  "unknown-type": ["type", "backoffice:slots.errors.type"],
  "end-before-start": ["duration", "backoffice:slots.errors.duration"],
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "appointments:write");
  const standortId = chosenStandort(String(form.get("standort") ?? ""));
  const back = (hinweis: string) => redirect(`/backoffice/termine?standort=${encodeURIComponent(standortId)}&hinweis=${hinweis}`);
  const intent = form.get("intent");
  if (intent === "attended" || intent === "missed") {
    const saved = await recordOutcomeByStaff(staff, String(form.get("appointmentId") ?? ""), intent);
    if (saved) return redirect(`/backoffice/termine?standort=${encodeURIComponent(standortId)}&tag=${encodeURIComponent(String(form.get("tag") ?? ""))}&hinweis=eingetragen`);
    return json(
      {
        errors: { _form: "backoffice:slots.day.outcomeRefused" } as Record<string, string>,
        values: {} as Record<string, string>,
      },
      { status: 409 }
    );
  }
  if (intent === "delete") {
    const result = await removeSlot(staff, String(form.get("slotId") ?? ""));
    if (result === "deleted") return back("geloescht");
    return json(
      {
        errors: {
          _form: result === "has-appointments" ? "backoffice:slots.errors.hasAppointments" : "backoffice:slots.errors.notFound",
        } as Record<string, string>,
        values: {} as Record<string, string>,
      },
      { status: 409 }
    );
  }
  const parsed = parseForm(AddSlotForm, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { type, date, time, duration, capacity } = parsed.data;
  const result = await addSlot(staff, {
    standortId,
    type,
    date: parseDateInput(date)!,
    time: time.padStart(5, "0"),
    durationMinutes: duration ? Number(duration) : defaultDuration(type),
    capacity: Number(capacity),
  });
  if (result.ok) return back("angelegt");
  const [field, key] = PROBLEM_KEYS[result.problem];
  return json(
    {
      errors: { [field]: key } as Record<string, string>,
      values: formValues(form),
    },
    { status: result.problem === "duplicate" ? 409 : 400 }
  );
}

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
