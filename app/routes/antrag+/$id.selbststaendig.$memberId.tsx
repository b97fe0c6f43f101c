import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, questionHint } from "~/components/application";
import { TextField } from "~/components/forms";
import { selfEmployedPersons } from "~/domain/application/model";
import { selfEmploymentSchema } from "~/domain/application/schemas";
import { personName } from "~/domain/application/summary";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";
import { Tx } from "~/components/bidi";

export const meta = pageMeta;
export const headers = accountHeaders;

// Selbstständige Tätigkeit (Anlage EKS, simplified): for each person with income from
// self-employment, the expected monthly average of the next 6 months (vorläufige Angaben).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  if (!selfEmployedPersons(application.data).includes(memberId)) throw redirect(`/antrag/${application.id}`);
  const name = personName(application.data, memberId);
  const page = await pageI18n(request, ["application"], "application:selfEmployment.title", { name });
  return json({ ...page, contact: applicationContact(application), id: application.id, name, answers: application.data.selfEmployment?.[memberId] ?? null }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  if (!selfEmployedPersons(application.data).includes(memberId)) throw redirect(`/antrag/${application.id}`);
  const parsed = parseForm(selfEmploymentSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  let next: string | undefined;
  await saveAnswers(session.userId, application.id, (data) => {
    const updated = { ...data, selfEmployment: { ...(data.selfEmployment ?? {}), [memberId]: parsed.data } };
    next = selfEmployedPersons(updated).find((pid) => !updated.selfEmployment[pid]);
    return updated;
  });
  return redirect(next ? `/antrag/${application.id}/selbststaendig/${next}` : `/antrag/${application.id}`);
}

const amountText = (value: number | null | undefined) => (typeof value === "number" ? String(value).replace(".", ",") : "");

export default function SelfEmployment() {
  const { id, name, answers } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>
        <Tx t={t} k="selfEmployment.title" values={{ name }} />
      </h1>
      <p>{t("selfEmployment.intro")}</p>
      <TextField name="business" label={t("selfEmployment.business")} hint={questionHint("selfEmployment.business")} error={errors?.business} defaultValue={v?.business ?? answers?.business ?? ""} />
      <TextField
        name="revenue"
        label={t("selfEmployment.revenue")}
        hint={questionHint("selfEmployment.revenue")}
        error={errors?.revenue}
        defaultValue={v?.revenue ?? amountText(answers?.revenue)}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
      <TextField
        name="expenses"
        label={t("selfEmployment.expenses")}
        hint={questionHint("selfEmployment.expenses")}
        error={errors?.expenses}
        defaultValue={v?.expenses ?? amountText(answers?.expenses)}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
    </ApplicationForm>
  );
}
