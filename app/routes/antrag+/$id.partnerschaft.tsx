import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, questionHint } from "~/components/application";
import { ChoiceGroup } from "~/components/forms";
import { partnershipSchema } from "~/domain/application/schemas";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireSectionDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Anlage VE (§ 7 Abs. 3 Nr. 3c, Abs. 3a SGB II): a partner in the household who is not the
// spouse or registered partner. The four criteria of the presumption are asked; the Jobcenter decides.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireSectionDraft(request, params.id, "partnership");
  return json(
    { ...(await pageI18n(request, ["application"], "application:partnership.title")), contact: applicationContact(application), id: application.id, partnership: application.data.partnership ?? null },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireSectionDraft(request, params.id, "partnership");
  const parsed = parseForm(partnershipSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, partnership: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

const QUESTIONS = ["overOneYear", "jointChild", "caring", "sharedMoney"] as const;
const yesNoText = (value: boolean | undefined) => (value === undefined ? null : value ? "yes" : "no");

export default function Partnership() {
  const { id, partnership } = useLoaderData<typeof loader>();
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
      <h1>{t("partnership.title")}</h1>
      <p>{t("partnership.intro")}</p>
      {QUESTIONS.map((q) => (
        <ChoiceGroup key={q} name={q} legend={t(`partnership.${q}`)} hint={questionHint(`partnership.${q}`)} error={errors?.[q]} defaultValue={v?.[q] ?? yesNoText(partnership?.[q])} choices={yesNo} />
      ))}
    </ApplicationForm>
  );
}
