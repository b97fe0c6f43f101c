import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, questionHint } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { maintenanceSchema } from "~/domain/application/schemas";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireSectionDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Unterhalt (Anlage UH): when a child has a parent outside the household (single parent) or an
// adult lives separated or is divorced.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireSectionDraft(request, params.id, "maintenance");
  return json(
    { ...(await pageI18n(request, ["application"], "application:maintenance.title")), contact: applicationContact(application), id: application.id, maintenance: application.data.maintenance ?? null },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireSectionDraft(request, params.id, "maintenance");
  const parsed = parseForm(maintenanceSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, maintenance: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

const yesNoText = (value: boolean | undefined) => (value === undefined ? null : value ? "yes" : "no");
const amountText = (value: number | null | undefined) => (typeof value === "number" ? String(value).replace(".", ",") : "");

export default function Maintenance() {
  const { id, maintenance } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  const yesNo = [
    { value: "yes", label: t("common:form.yes") },
    { value: "no", label: t("common:form.no") },
  ];
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>{t("maintenance.title")}</h1>
      <p>{t("maintenance.intro")}</p>
      <ChoiceGroup
        name="receives"
        legend={t("maintenance.receives")}
        hint={questionHint("maintenance.receives")}
        error={errors?.receives}
        defaultValue={v?.receives ?? yesNoText(maintenance ? maintenance.received !== null : undefined)}
        choices={yesNo}
      />
      <TextField
        name="received"
        label={t("maintenance.received")}
        hint={questionHint("maintenance.received", t("maintenance.amountHint"))}
        error={errors?.received}
        defaultValue={v?.received ?? amountText(maintenance?.received)}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
      <ChoiceGroup
        name="pays"
        legend={t("maintenance.pays")}
        hint={questionHint("maintenance.pays")}
        error={errors?.pays}
        defaultValue={v?.pays ?? yesNoText(maintenance ? maintenance.paid !== null : undefined)}
        choices={yesNo}
      />
      <TextField
        name="paid"
        label={t("maintenance.paid")}
        hint={questionHint("maintenance.paid", t("maintenance.amountHint"))}
        error={errors?.paid}
        defaultValue={v?.paid ?? amountText(maintenance?.paid)}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
      <ChoiceGroup
        name="title"
        legend={t("maintenance.order")}
        hint={questionHint("maintenance.order")}
        error={errors?.title}
        defaultValue={v?.title ?? yesNoText(maintenance?.title)}
        choices={yesNo}
      />
    </ApplicationForm>
  );
}
