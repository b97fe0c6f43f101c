import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointmentSummary, BookingDetailsFields, StepCaption, useLng } from "~/components/appointments";
import { CsrfInput, ErrorSummary } from "~/components/forms";
import { detailsValues, parseDetailsForm } from "~/domain/appointments/details-form";
import { formatDateTime, formatTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { channelsOf, confirmationPage, confirmHold, getOwnAppointment, releaseHold, type AppointmentRow, type BookingProblem } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;

// Step 4: the held time, kept free for APPOINTMENT_HOLD_MINUTES; the person adds how the meeting
// takes place, an interpreter and support, and books. A plain POST form (works without
// JavaScript); posting twice books once (the second post finds the booking and goes to it).

function timeList(row: Pick<AppointmentRow, "type" | "standort_id" | "rebook_of" | "application_id">, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    anliegen: row.type,
    standort: row.standort_id,
    ...(row.rebook_of ? { umbuchen: row.rebook_of } : {}),
    ...(row.application_id ? { antrag: row.application_id } : {}),
    ...extra,
  });
  return `/termine/buchen/zeit?${q}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const page = await confirmationPage(session.userId, params.id ?? "");
  if (page.kind === "not-found") throw new Response("Not found", { status: 404 });
  if (page.kind === "done") throw redirect(`/termine/${params.id}`);
  return json({ ...(await pageI18n(request, ["appointments", "standorte"], "appointments:confirm.title")), ...page });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const row = await getOwnAppointment(session.userId, params.id ?? "");
  if (!row || row.origin !== "portal") throw new Response("Not found", { status: 404 });
  if (form.get("intent") === "release") {
    await releaseHold({ userId: session.userId, appointmentId: row.id });
    return redirect(timeList(row));
  }
  const parsed = parseDetailsForm(form, channelsOf(row.type));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, problem: null as BookingProblem | null }, { status: 400 });
  const result = await confirmHold({ userId: session.userId, appointmentId: row.id, details: parsed.details });
  if (result.ok) return redirect(`/termine/${result.value.appointment.id}?${result.value.appointment.rebook_of ? "umgebucht" : "gebucht"}=1`);
  if (result.problem === "hold-expired" || result.problem === "too-late" || result.problem === "not-found") return redirect(timeList(row, { abgelaufen: "1" }));
  return json({ errors: {} as Record<string, string>, values: detailsValues(form), problem: result.problem as BookingProblem | null }, { status: 409 });
}

export default function ConfirmAppointment() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("appointments");
  const lng = useLng();
  const { view } = data;
  const back = `/termine/buchen/zeit?${new URLSearchParams({ anliegen: view.type, standort: view.standortId, ...(view.rebookOf ? { umbuchen: view.rebookOf } : {}) })}`;
  return (
    <div className="page">
      <Link to={back} className="back-link">
        {t("common:form.back")}
      </Link>
      <StepCaption step={4} />
      {answer?.problem ? (
        <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="booking-problem-title">
          <h2 id="booking-problem-title" className="error-summary__title">
            {t("common:form.errorSummaryTitle")}
          </h2>
          <p>{t(`errors.${answer.problem}`, { max: 1 })}</p>
          <p>
            <Link to="/termine">{t("detail.back")}</Link>
          </p>
        </div>
      ) : (
        <ErrorSummary
          errors={answer?.errors}
          ns="appointments"
          labels={{
            channel: t("confirm.channelLegend"),
            phone: t("confirm.phoneLabel"),
            interpreter: t("confirm.interpreterLegend"),
            interpreterLanguage: t("confirm.interpreterLanguage"),
            interpreterOther: t("confirm.interpreterOtherLabel"),
          }}
        />
      )}
      <h1>{t("confirm.title")}</h1>
      {data.lapsed ? (
        <div className="notice" role="status">
          <p>{t("confirm.expiredNote")}</p>
        </div>
      ) : view.holdExpiresAt ? (
        <p className="notice">
          {t("confirm.heldUntil", { time: formatTime(lng, view.holdExpiresAt) })} {t("localTime")}
        </p>
      ) : null}
      {data.rebook ? <p>{t("time.rebookNote", { date: formatDateTime(lng, data.rebook.start) })}</p> : null}
      <AppointmentSummary view={view} showNeeds={false} />
      {view.changeableOnline ? <p>{t("confirm.changeUntil", { deadline: formatDateTime(lng, view.deadline) })}</p> : <p className="notice">{t("confirm.noOnlineChange")}</p>}
      <Form method="post" noValidate className="section">
        <CsrfInput />
        <BookingDetailsFields channels={data.channels} errors={answer?.errors} values={answer?.values} />
        <button type="submit" name="intent" value="book" className="button" disabled={navigation.state === "submitting"}>
          {data.rebook ? t("confirm.rebookSubmit") : t("confirm.submit")}
        </button>
      </Form>
      <Form method="post" noValidate>
        <CsrfInput />
        <button type="submit" name="intent" value="release" className="button button--secondary" disabled={navigation.state === "submitting"}>
          {t("confirm.release")}
        </button>
      </Form>
    </div>
  );
}
