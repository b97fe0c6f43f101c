import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, questionHint } from "~/components/application";
import { Checkbox, TextField } from "~/components/forms";
import { useRootData } from "~/components/layout";
import { assetGateLimit } from "~/domain/application/model";
import { assetsSchema } from "~/domain/application/schemas";
import { formatEuro } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireSectionDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Vermögen (Anlage VM): asked only when the person said the household owns more than the
// allowance (circumstances page): the Karenzzeit allowance before 2026-07-01, the sum of the
// age-band allowances from then on (decision 032). The portal collects; the Jobcenter decides what counts.
const FIELDS = ["savings", "securities", "insurance", "vehicles", "property", "other"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireSectionDraft(request, params.id, "assets");
  const gate = assetGateLimit(application.data, application.antragsdatum);
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:assets.title")),
      contact: applicationContact(application),
      id: application.id,
      assets: application.data.assets ?? null,
      limit: gate.limit,
      assetRule: gate.rule,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireSectionDraft(request, params.id, "assets");
  const parsed = parseForm(assetsSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, assets: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

function amountText(value: number | null | undefined): string {
  return typeof value === "number" ? String(value).replace(".", ",") : "";
}

export default function Assets() {
  const { id, assets, limit, assetRule } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const lng = useRootData()?.lng ?? "de";
  const errors = answer?.errors;
  const v = answer?.values;
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>{t("assets.title")}</h1>
      <p>{t(assetRule === "age-bands" ? "assets.introAgeBands" : "assets.intro", { limit: formatEuro(lng, limit) })}</p>
      <p>{t("assets.exempt")}</p>
      {FIELDS.map((name) => (
        <TextField
          key={name}
          name={name}
          label={t(`assets.${name}`)}
          hint={questionHint(`assets.${name}`)}
          error={errors?.[name]}
          defaultValue={v ? (v[name] ?? "") : amountText(assets?.[name])}
          inputMode="decimal"
          width="short"
          suffix="€"
        />
      ))}
      <Checkbox name="ownHome" label={t("assets.ownHome")} hint={questionHint("assets.ownHome")} defaultChecked={v ? v.ownHome === "1" : (assets?.ownHome ?? false)} />
    </ApplicationForm>
  );
}
