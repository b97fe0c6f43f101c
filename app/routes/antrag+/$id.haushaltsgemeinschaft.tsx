import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, questionHint } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { householdRelatives } from "~/domain/application/model";
import { relativesSchema } from "~/domain/application/schemas";
import { personName } from "~/domain/application/summary";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireSectionDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Anlage HG (§ 9 Abs. 5 SGB II): relatives in the household outside the Bedarfsgemeinschaft are
// presumed to support it. Asked in short: their support and their own income.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireSectionDraft(request, params.id, "relatives");
  const { data } = application;
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:relatives.title")),
      contact: applicationContact(application),
      id: application.id,
      names: householdRelatives(data)
        .map((id) => personName(data, id))
        .filter(Boolean),
      relatives: data.relatives ?? null,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireSectionDraft(request, params.id, "relatives");
  const parsed = parseForm(relativesSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, relatives: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

const amountText = (value: number | null | undefined) => (typeof value === "number" ? String(value).replace(".", ",") : "");

export default function Relatives() {
  const { id, names, relatives } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>{t("relatives.title")}</h1>
      <p>{t("relatives.intro")}</p>
      {names.length ? (
        <ul>
          {names.map((name) => (
            <li key={name}>
              <bdi>{name}</bdi>
            </li>
          ))}
        </ul>
      ) : null}
      <ChoiceGroup
        name="supports"
        legend={t("relatives.supports")}
        hint={questionHint("relatives.supports")}
        error={errors?.supports}
        defaultValue={v?.supports ?? (relatives ? (relatives.support !== null ? "yes" : "no") : null)}
        choices={[
          { value: "yes", label: t("common:form.yes") },
          { value: "no", label: t("common:form.no") },
        ]}
      />
      <TextField
        name="support"
        label={t("relatives.support")}
        hint={questionHint("relatives.support", t("relatives.amountHint"))}
        error={errors?.support}
        defaultValue={v?.support ?? amountText(relatives?.support)}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
      <TextField
        name="income"
        label={t("relatives.income")}
        hint={questionHint("relatives.income", t("relatives.incomeHint"))}
        error={errors?.income}
        defaultValue={v?.income ?? amountText(relatives?.income)}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
    </ApplicationForm>
  );
}
