import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointmentSummary } from "~/components/appointments";
import { CsrfInput, ErrorSummary, fieldId } from "~/components/forms";
import { parseMessage } from "~/domain/appointments/details-form";
import { TEXT_LIMITS } from "~/domain/appointments/rules";
import { pageMeta } from "~/lib/meta";
import { explainMissed, getOwnAppointment, viewOf } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;

// After a missed appointment: the person tells the Jobcenter why (once). The back office reads
// it through GET /api/v1/appointments (explanation).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const row = await getOwnAppointment(session.userId, params.id ?? "");
  if (!row || row.status !== "booked" || row.outcome !== "missed") throw new Response("Not found", { status: 404 });
  if (row.explanation) throw redirect(`/termine/${row.id}`);
  return json({ ...(await pageI18n(request, ["appointments"], "appointments:explain.title")), view: viewOf(row) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const raw = form.get("explanation");
  const parsed = parseMessage(raw, { required: true });
  if (!parsed.ok) return json({ errors: { explanation: parsed.error }, value: typeof raw === "string" ? raw : "" }, { status: 400 });
  const result = await explainMissed({ userId: session.userId, appointmentId: params.id ?? "", explanation: parsed.value ?? "" });
  if (!result.ok) {
    const row = await getOwnAppointment(session.userId, params.id ?? "");
    if (!row) throw new Response("Not found", { status: 404 });
  }
  return redirect(`/termine/${params.id}?erklaert=1`);
}

export default function ExplainMissed() {
  const { view } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("appointments");
  const error = answer?.errors.explanation;
  const id = fieldId("explanation");
  return (
    <div className="page">
      <Link to={`/termine/${view.id}`} className="back-link">
        {t("common:form.back")}
      </Link>
      <ErrorSummary errors={answer?.errors} ns="appointments" />
      <h1>{t("explain.title")}</h1>
      <AppointmentSummary view={view} showNeeds={false} />
      <p>{t("explain.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={id}>
            {t("explain.label")}
          </label>
          {error ? (
            <p className="field-error" id={`${id}-error`}>
              <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
              {t(error)}
            </p>
          ) : null}
          <textarea
            className="input input--full"
            id={id}
            name="explanation"
            rows={6}
            maxLength={TEXT_LIMITS.message}
            defaultValue={answer?.value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("explain.submit")}
        </button>
      </Form>
    </div>
  );
}
