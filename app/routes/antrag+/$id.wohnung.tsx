import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, hintWithGerman } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { HOUSING_KINDS } from "~/domain/application/model";
import { housingSchema } from "~/domain/application/schemas";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireDraft, saveAnswers } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Housing and its costs (Anlage KDU, in short).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  return json({ ...(await pageI18n(request, ["application"], "application:housing.title")), id: application.id, housing: application.data.housing ?? null }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const parsed = parseForm(housingSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, housing: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

function amountText(value: number | null | undefined): string {
  return typeof value === "number" ? String(value).replace(".", ",") : "";
}

export default function Housing() {
  const { id, housing } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  const money = (name: "coldRent" | "utilities" | "heating", hint?: string) => (
    <TextField
      name={name}
      label={t(`housing.${name}`)}
      hint={hintWithGerman(`housing.${name}`, hint)}
      error={errors?.[name]}
      defaultValue={v?.[name] ?? amountText(housing?.[name])}
      inputMode="decimal"
      width="short"
      suffix="€"
    />
  );
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>{t("housing.title")}</h1>
      <ChoiceGroup
        name="kind"
        legend={t("housing.kind")}
        hint={hintWithGerman("housing.kind")}
        error={errors?.kind}
        defaultValue={v?.kind ?? housing?.kind ?? null}
        choices={HOUSING_KINDS.map((k) => ({ value: k, label: t(`housing.kinds.${k}`) }))}
      />
      {money("coldRent", t("housing.coldRentHint"))}
      {money("utilities", t("housing.costsHint"))}
      {money("heating", t("housing.costsHint"))}
      <TextField
        name="size"
        label={t("housing.size")}
        hint={hintWithGerman("housing.size")}
        error={errors?.size}
        defaultValue={v?.size ?? amountText(housing?.size)}
        inputMode="decimal"
        width="short"
      />
    </ApplicationForm>
  );
}
