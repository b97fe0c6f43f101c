import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, hintWithGerman } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { APPLICANT_ID, INCOME_KINDS, personIds, type ApplicationData } from "~/domain/application/model";
import { incomeSchema } from "~/domain/application/schemas";
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

// Income, one page per person (Anlage EK, in short). After saving: the next person not yet
// answered, or the task list.
function nameOf(data: ApplicationData, memberId: string): string | null {
  if (memberId === APPLICANT_ID) return data.personal ? `${data.personal.firstName} ${data.personal.lastName}` : null;
  const m = data.household?.members.find((x) => x.id === memberId);
  return m?.firstName ? `${m.firstName} ${m.lastName ?? ""}`.trim() : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  const { data } = application;
  if (!personIds(data).includes(memberId)) throw new Response("Not Found", { status: 404 });
  const ordinal = personIds(data).indexOf(memberId) + 1;
  const page = await pageI18n(request, ["application"], "application:income.title", { name: nameOf(data, memberId) ?? `#${ordinal}` });
  const income = data.income?.[memberId] ?? null;
  // Not answered yet: what the pre-check suggested, shown pre-filled and marked (decision 037).
  const suggested = income ? null : (data.precheck?.income?.[memberId] ?? null);
  return json(
    { ...page, contact: applicationContact(application), id: application.id, memberId, name: nameOf(data, memberId) ?? `#${ordinal}`, income: income ?? suggested, suggested: suggested !== null },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  if (!personIds(application.data).includes(memberId)) throw new Response("Not Found", { status: 404 });
  const parsed = parseForm(incomeSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  let next: string | undefined;
  await saveAnswers(session.userId, application.id, (data) => {
    const updated = { ...data, income: { ...(data.income ?? {}), [memberId]: parsed.data } };
    next = personIds(updated).find((pid) => !updated.income[pid]);
    return updated;
  });
  return redirect(next ? `/antrag/${application.id}/einkommen/${next}` : `/antrag/${application.id}`);
}

export default function Income() {
  const { id, name, income, suggested } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>
        <Tx t={t} k="income.title" values={{ name }} />
      </h1>
      {suggested ? (
        <div className="notice">
          <h2>{t("household.fromPrecheck")}</h2>
          <p>{t("household.fromPrecheckBody")}</p>
        </div>
      ) : null}
      <ChoiceGroup
        name="hasIncome"
        legend={t("income.hasIncome")}
        hint={hintWithGerman("income.hasIncome", t("income.hasIncomeHint"))}
        error={errors?.hasIncome}
        defaultValue={v?.hasIncome ?? (income ? (income.hasIncome ? "yes" : "no") : null)}
        choices={[
          { value: "yes", label: t("common:form.yes") },
          { value: "no", label: t("common:form.no") },
        ]}
      />
      <fieldset className="fieldset">
        <legend className="legend">{t("income.amounts")}</legend>
        <p className="hint">{t("income.amountsHint")}</p>
        {INCOME_KINDS.map((kind) => (
          <TextField
            key={kind}
            name={kind}
            label={t(`income.kinds.${kind}`)}
            hint={hintWithGerman(`income.kinds.${kind}`)}
            error={errors?.[kind]}
            defaultValue={v?.[kind] ?? (income?.amounts[kind] !== undefined ? String(income.amounts[kind]).replace(".", ",") : "")}
            inputMode="decimal"
            width="short"
            suffix="€"
          />
        ))}
      </fieldset>
    </ApplicationForm>
  );
}
