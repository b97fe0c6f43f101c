import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, germanDate, questionHint } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { extraNeedKinds, personIds, type ApplicationData } from "~/domain/application/model";
import { extraNeedsSchema } from "~/domain/application/schemas";
import { personName } from "~/domain/application/summary";
import { berlinDay } from "~/domain/application/dates";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Mehrbedarfe (§ 21 SGB II; Hauptantrag and Anlage MEB): only the parts the answers point to
// (circumstances page, single parent from the household). The Jobcenter decides the amounts.
function people(data: ApplicationData) {
  return personIds(data)
    .map((id) => ({ id, name: personName(data, id) }))
    .filter((p) => p.name);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const kinds = extraNeedKinds(application.data);
  if (kinds.length === 0) throw redirect(`/antrag/${application.id}`);
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:extraNeeds.title")),
      contact: applicationContact(application),
      id: application.id,
      kinds,
      people: people(application.data),
      answers: application.data.extraNeeds ?? null,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const kinds = extraNeedKinds(application.data);
  if (kinds.length === 0) throw redirect(`/antrag/${application.id}`);
  const schema = extraNeedsSchema(
    kinds,
    people(application.data).map((p) => p.id),
    berlinDay(),
  );
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, extraNeeds: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

export default function ExtraNeeds() {
  const { id, kinds, people, answers } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  const personChoice = (name: string, legend: string, value: string | undefined) => (
    <ChoiceGroup
      name={name}
      legend={t(legend)}
      hint={questionHint(legend)}
      error={errors?.[name]}
      defaultValue={v?.[name] ?? value ?? null}
      choices={people.map((p) => ({ value: p.id, label: <bdi>{p.name}</bdi> }))}
    />
  );
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>{t("extraNeeds.title")}</h1>
      <p>{t("extraNeeds.intro")}</p>
      {kinds.includes("pregnancy") ? (
        <section>
          <h2>{t("extraNeeds.pregnancy")}</h2>
          {personChoice("pregnancyPerson", "extraNeeds.pregnancyPerson", answers?.pregnancy?.memberId)}
          <TextField
            name="dueDate"
            label={t("extraNeeds.dueDate")}
            hint={questionHint("extraNeeds.dueDate", t("fields.birthDateHint"))}
            error={errors?.dueDate}
            defaultValue={v?.dueDate ?? germanDate(answers?.pregnancy?.dueDate)}
            width="medium"
          />
        </section>
      ) : null}
      {kinds.includes("singleParent") ? (
        <section>
          <h2>{t("extraNeeds.singleParent")}</h2>
          <ChoiceGroup
            name="soleCare"
            legend={t("extraNeeds.soleCare")}
            hint={questionHint("extraNeeds.soleCare")}
            error={errors?.soleCare}
            defaultValue={v?.soleCare ?? (answers?.singleParent ? (answers.singleParent.soleCare ? "yes" : "no") : null)}
            choices={[
              { value: "yes", label: t("common:form.yes") },
              { value: "no", label: t("common:form.no") },
            ]}
          />
        </section>
      ) : null}
      {kinds.includes("disability") ? (
        <section>
          <h2>{t("extraNeeds.disability")}</h2>
          {personChoice("disabilityPerson", "extraNeeds.disabilityPerson", answers?.disability?.memberId)}
          <TextField name="measure" label={t("extraNeeds.measure")} hint={questionHint("extraNeeds.measure")} error={errors?.measure} defaultValue={v?.measure ?? answers?.disability?.measure ?? ""} />
        </section>
      ) : null}
      {kinds.includes("diet") ? (
        <section>
          <h2>{t("extraNeeds.diet")}</h2>
          {personChoice("dietPerson", "extraNeeds.dietPerson", answers?.diet?.memberId)}
          <TextField name="illness" label={t("extraNeeds.illness")} hint={questionHint("extraNeeds.illness")} error={errors?.illness} defaultValue={v?.illness ?? answers?.diet?.illness ?? ""} />
        </section>
      ) : null}
      {kinds.includes("hotWater") ? (
        <section>
          <h2>{t("extraNeeds.hotWater")}</h2>
          <TextField
            name="hotWaterDevice"
            label={t("extraNeeds.hotWaterDevice")}
            hint={questionHint("extraNeeds.hotWaterDevice")}
            error={errors?.hotWaterDevice}
            defaultValue={v?.hotWaterDevice ?? answers?.hotWater?.device ?? ""}
          />
        </section>
      ) : null}
    </ApplicationForm>
  );
}
