import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointmentSummary } from "~/components/appointments";
import { CsrfInput } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { cancelByPerson, getOwnAppointment, viewOf } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;

// "Do you want to cancel?" — a confirmation step before the place is given up. Posting twice is
// harmless: the second post finds the appointment cancelled and goes to the same answer.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const row = await getOwnAppointment(session.userId, params.id ?? "");
  if (!row || row.status === "held" || row.status === "expired") throw new Response("Not found", { status: 404 });
  const view = viewOf(row);
  if (!view.canChange) throw redirect(`/termine/${row.id}`);
  return json({ ...(await pageI18n(request, ["appointments"], "appointments:cancel.title")), view });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const result = await cancelByPerson({ userId: session.userId, appointmentId: params.id ?? "" });
  if (result.ok) return redirect(`/termine?abgesagt=${result.value.reference}`);
  const row = await getOwnAppointment(session.userId, params.id ?? "");
  if (!row) throw new Response("Not found", { status: 404 });
  if (row.status === "cancelled" && row.cancel_reason === "person") return redirect(`/termine?abgesagt=${row.reference}`);
  return json({ problem: result.problem }, { status: 409 });
}

export default function CancelAppointment() {
  const { view } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("appointments");
  return (
    <div className="page">
      <Link to={`/termine/${view.id}`} className="back-link">
        {t("common:form.back")}
      </Link>
      {answer?.problem ? (
        <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="cancel-problem-title">
          <h2 id="cancel-problem-title" className="error-summary__title">
            {t("common:form.errorSummaryTitle")}
          </h2>
          <p>{t(`errors.${answer.problem}`, { max: 1 })}</p>
        </div>
      ) : null}
      <h1>{t("cancel.title")}</h1>
      <AppointmentSummary view={view} showNeeds={false} />
      <p>{t("cancel.text")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <div className="button-group">
          <button type="submit" className="button button--warning" disabled={navigation.state === "submitting"}>
            {t("cancel.submit")}
          </button>
          <Link to={`/termine/${view.id}`}>{t("cancel.keep")}</Link>
        </div>
      </Form>
    </div>
  );
}
