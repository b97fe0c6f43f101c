import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Checkbox, ChoiceGroup, TextField } from "~/components/forms";
import { PrecheckForm, type ActionErrors } from "~/components/precheck";
import { EDUCATION_KINDS, MEDICAL_DIETS, RESIDENCE_KINDS } from "~/domain/eligibility";
import { memberById, situationQuestions, upsertMember } from "~/domain/precheck/draft";
import { pageMeta } from "~/lib/meta";
import { parseSituation } from "~/domain/precheck/forms";
import { pageI18n } from "~/platform/http/page.server";
import { handleDraftPost, readDraft } from "~/features/precheck/index.server";

export const meta = pageMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  const member = memberById(draft, params.memberId!);
  if (!member) throw redirect("/vorabcheck/haushalt");
  const key = member.role === "applicant" ? "precheck:situation.titleApplicant" : "precheck:situation.titleOther";
  return json({ ...(await pageI18n(request, ["precheck", "eligibility"], key, { age: member.age })), member, questions: situationQuestions(member) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleDraftPost(request, (draft, fields) => {
    const member = memberById(draft, params.memberId!);
    if (!member) return { ok: true, draft, redirectTo: "/vorabcheck/haushalt" };
    const parsed = parseSituation(fields, member);
    if (!parsed.ok) return parsed;
    return { ok: true, draft: upsertMember(draft, { ...member, ...parsed.value }), redirectTo: `/vorabcheck/person/${member.id}/einkommen` };
  });
}

function workValue(member: { ableToWork?: boolean; permanentlyUnableToWork?: boolean }): string | null {
  if (member.ableToWork === undefined) return null;
  if (member.ableToWork) return "able";
  return member.permanentlyUnableToWork ? "permanently-unable" : "temporarily-unable";
}

export default function SituationPage() {
  const { member, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionErrors;
  const { t } = useTranslation("precheck");
  const errors = actionData?.errors;
  const v = actionData?.values;
  const has = (q: string) => questions.includes(q as never);
  const isApplicant = member.role === "applicant";
  const pregnantDefault = v?.pregnant ?? (member.pregnancyWeek ? "yes" : member.pregnancyWeek === null ? "no" : null);
  return (
    <PrecheckForm backTo={`/vorabcheck/person/${member.id}`} errors={errors}>
      <h1>{isApplicant ? t("situation.titleApplicant") : t("situation.titleOther", { age: member.age })}</h1>
      {has("workAbility") ? (
        <ChoiceGroup
          name="work"
          legend={t("situation.work.legend")}
          hint={t("situation.work.hint")}
          error={errors?.work}
          defaultValue={v?.work ?? workValue(member)}
          choices={["able", "temporarily-unable", "permanently-unable"].map((value) => ({ value, label: t(`situation.work.${value}`) }))}
        />
      ) : null}
      {has("pregnancy") ? (
        <>
          <ChoiceGroup
            name="pregnant"
            legend={t("situation.pregnancy.legend")}
            error={errors?.pregnant}
            defaultValue={pregnantDefault}
            choices={[
              { value: "no", label: t("common:form.no") },
              { value: "yes", label: t("common:form.yes") },
            ]}
          />
          <TextField
            name="pregnancyWeek"
            label={t("situation.pregnancy.week")}
            hint={t("situation.pregnancy.weekHint")}
            error={errors?.pregnancyWeek}
            defaultValue={v?.pregnancyWeek ?? member.pregnancyWeek ?? ""}
            inputMode="numeric"
            width="short"
          />
        </>
      ) : null}
      {has("education") ? (
        <ChoiceGroup
          name="education"
          legend={t("situation.education.legend")}
          error={errors?.education}
          defaultValue={v?.education ?? member.education ?? null}
          choices={EDUCATION_KINDS.map((value) => ({ value, label: t(`situation.education.${value}.label`), hint: t(`situation.education.${value}.hint`, { defaultValue: "" }) || undefined }))}
        />
      ) : null}
      {has("residence") ? (
        <ChoiceGroup
          name="residence"
          legend={t("situation.residence.legend")}
          hint={t("situation.residence.hint")}
          error={errors?.residence}
          defaultValue={v?.residence ?? member.residence ?? null}
          choices={RESIDENCE_KINDS.map((value) => ({ value, label: t(`situation.residence.${value}`) }))}
        />
      ) : null}
      {has("diet") ? (
        <div className="form-group">
          <label className="label" htmlFor="field-medicalDiet">
            {t("situation.diet.legend")}
          </label>
          <div className="hint" id="field-medicalDiet-hint">
            {t("situation.diet.hint")}
          </div>
          <select className="input input--medium" id="field-medicalDiet" name="medicalDiet" defaultValue={v?.medicalDiet ?? member.medicalDiet ?? "none"} aria-describedby="field-medicalDiet-hint">
            {MEDICAL_DIETS.map((value) => (
              <option key={value} value={value}>
                {t(`situation.diet.${value}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <fieldset className="fieldset form-group">
        <legend className="legend">{t("situation.more.legend")}</legend>
        {has("disability") ? (
          <Checkbox name="disability" label={t("situation.more.disability")} hint={t("situation.more.disabilityHint")} defaultChecked={v ? v.disability === "1" : member.disabilityWorkParticipation} />
        ) : null}
        {has("pension") ? <Checkbox name="pension" label={t("situation.more.pension")} defaultChecked={v ? v.pension === "1" : member.oldAgePension} /> : null}
        {has("inpatient") ? (
          <Checkbox name="inpatient" label={t("situation.more.inpatient")} hint={t("situation.more.inpatientHint")} defaultChecked={v ? v.inpatient === "1" : member.inpatientOverSixMonths} />
        ) : null}
      </fieldset>
    </PrecheckForm>
  );
}
