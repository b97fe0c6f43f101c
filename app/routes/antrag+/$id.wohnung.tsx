import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, hintWithGerman } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { HOUSING_KINDS } from "~/domain/application/model";
import { housingSchema } from "~/domain/application/schemas";
import { pageMeta } from "~/lib/meta";
import { formatEuro } from "~/lib/format";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Housing and its costs (Anlage KDU, in short).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const housing = application.data.housing ?? null;
  // Not answered yet: what the pre-check suggested, shown pre-filled and marked (decision 037).
  const suggested = housing ? null : (application.data.precheck?.housing ?? null);
  return json({ ...(await pageI18n(request, ["application"], "application:housing.title")), contact: applicationContact(application), id: application.id, housing, suggested }, { headers: NO_STORE });
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
  const { id, housing: saved, suggested, lng } = useLoaderData<typeof loader>();
  const housing = saved ?? (suggested ? { ...suggested, utilities: null, size: null } : null);
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
      {suggested ? (
        <div className="notice">
          <h2>{t("household.fromPrecheck")}</h2>
          <p>{t("household.fromPrecheckBody")}</p>
          {typeof suggested.coldRent === "number" ? <p>{t("housing.precheckRent", { amount: formatEuro(lng, suggested.coldRent) })}</p> : null}
        </div>
      ) : null}
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
