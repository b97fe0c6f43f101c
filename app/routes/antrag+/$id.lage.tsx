import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, questionHint } from "~/components/application";
import { ChoiceGroup } from "~/components/forms";
import { CIRCUMSTANCES, assetGateLimit } from "~/domain/application/model";
import { circumstancesSchema } from "~/domain/application/schemas";
import { useRootData } from "~/components/layout";
import { formatEuro } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// The circumstances that open the Anlagen (VM, SV, MEB, UH, VE): one checkbox question, "none of
// these" as an explicit answer.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const { data } = application;
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:circumstances.title")),
      contact: applicationContact(application),
      id: application.id,
      items: data.circumstances ? (data.circumstances.items.length ? data.circumstances.items : ["none"]) : null,
      limit: assetGateLimit(data, application.antragsdatum).limit,
      // The question for Anlage VE only when a partner lives in the household.
      offered: CIRCUMSTANCES.filter((c) => c !== "unmarriedPartner" || (data.household?.members ?? []).some((m) => m.relationship === "partner")),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const parsed = parseForm(circumstancesSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, circumstances: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

export default function Circumstances() {
  const { id, items, limit, offered } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const lng = useRootData()?.lng ?? "de";
  const errors = answer?.errors;
  const chosen = answer?.values?.items ? answer.values.items.split(",") : items;
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <ChoiceGroup
        name="items"
        type="checkbox"
        legendAsHeading
        legend={t("circumstances.title")}
        hint={questionHint("circumstances.question", t("circumstances.hint"))}
        error={errors?.items}
        defaultValue={chosen}
        choices={[
          ...offered.map((c) => ({
            value: c,
            label: c === "assets" ? t("circumstances.assetsChoice", { limit: formatEuro(lng, limit) }) : t(`circumstances.items.${c}`),
            hint: t(`circumstances.hints.${c}`),
          })),
          { value: "none", label: t("circumstances.items.none") },
        ]}
      />
    </ApplicationForm>
  );
}
