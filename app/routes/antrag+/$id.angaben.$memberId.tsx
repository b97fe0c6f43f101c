import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, germanDate, questionHint, useNationalityOptions } from "~/components/application";
import { ChoiceGroup, SelectField, TextField } from "~/components/forms";
import { berlinDay } from "~/domain/application/dates";
import {
  ageOf,
  APPLICANT_ID,
  detailPersons,
  detailQuestions,
  detailsComplete,
  DISABILITY_MARKS,
  FAMILY_STATUSES,
  GERMAN_NATIONALITY_KEY,
  nationalityKeyOf,
  RESIDENCE_DOCUMENTS,
  SEXES,
  type ApplicationData,
} from "~/domain/application/model";
import { personDetailsSchema } from "~/domain/application/schemas";
import { personName } from "~/domain/application/summary";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireDraft, saveAnswers } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";
import { Tx } from "~/components/bidi";

export const meta = pageMeta;
export const headers = accountHeaders;

// Angaben zu jeder Person (Hauptantrag Abschnitt 1, Anlagen WEP and KI; decision 043): one page
// per person with what the form asks of everyone. Only the questions that apply are shown:
// Familienstand from 18, work from 15, the residence document without German nationality.

function guard(data: ApplicationData, id: string, memberId: string) {
  if (!detailPersons(data).includes(memberId)) throw redirect(`/antrag/${id}`);
  const birthDate = memberId === APPLICANT_ID ? data.personal!.birthDate : data.household!.members.find((m) => m.id === memberId)!.birthDate!;
  const age = ageOf(data, memberId, berlinDay()) ?? 0;
  // The applicant's nationality is on her own page; a member's is asked here (undefined).
  const nationalityKey = memberId === APPLICANT_ID ? nationalityKeyOf(data, APPLICANT_ID) : undefined;
  return { birthDate, age, nationalityKey };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  const person = guard(application.data, application.id, memberId);
  const name = personName(application.data, memberId);
  const page = await pageI18n(request, ["application"], "application:details.title", { name });
  const details = application.data.persons?.[memberId] ?? null;
  const known = person.nationalityKey !== undefined ? person.nationalityKey : (details?.nationalityKey ?? null);
  const ask = detailQuestions(person.age, known);
  return json({ ...page, id: application.id, memberId, name, details, askNationality: person.nationalityKey === undefined, ask }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  const person = guard(application.data, application.id, memberId);
  const parsed = parseForm(personDetailsSchema(person, berlinDay()), form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  let next: string | undefined;
  await saveAnswers(session.userId, application.id, (data) => {
    const updated = { ...data, persons: { ...(data.persons ?? {}), [memberId]: parsed.data } };
    next = detailPersons(updated).find((pid) => !detailsComplete(updated, pid));
    return updated;
  });
  return redirect(next ? `/antrag/${application.id}/angaben/${next}` : `/antrag/${application.id}`);
}

export default function PersonDetailsPage() {
  const { id, name, details, askNationality, ask } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const nationalityOptions = useNationalityOptions();
  const errors = answer?.errors;
  const v = answer?.values;
  const yesNo = [
    { value: "yes", label: t("common:form.yes") },
    { value: "no", label: t("common:form.no") },
  ];
  const saved = (b: boolean | null | undefined) => (typeof b === "boolean" ? (b ? "yes" : "no") : null);
  // A German member does not see the residence questions once saved; before that they are shown with their hint.
  const showResidence = ask.residence || (askNationality && (v?.nationality ?? details?.nationalityKey ?? "") !== GERMAN_NATIONALITY_KEY);
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>
        <Tx t={t} k="details.title" values={{ name }} />
      </h1>
      <p className="hint">{t("details.intro")}</p>
      <ChoiceGroup
        name="sex"
        legend={t("details.sex")}
        hint={questionHint("details.sex")}
        error={errors?.sex}
        defaultValue={v?.sex ?? details?.sex ?? null}
        choices={SEXES.map((s) => ({ value: s, label: t(`details.sexes.${s}`) }))}
      />
      <TextField
        name="birthName"
        label={t("details.birthName")}
        hint={questionHint("details.birthName", t("details.birthNameHint"))}
        error={errors?.birthName}
        defaultValue={v?.birthName ?? details?.birthName ?? ""}
      />
      <TextField name="birthPlace" label={t("details.birthPlace")} hint={questionHint("details.birthPlace")} error={errors?.birthPlace} defaultValue={v?.birthPlace ?? details?.birthPlace ?? ""} />
      <TextField
        name="birthCountry"
        label={t("details.birthCountry")}
        hint={questionHint("details.birthCountry")}
        error={errors?.birthCountry}
        defaultValue={v?.birthCountry ?? details?.birthCountry ?? ""}
        autoComplete="off"
      />
      {askNationality ? (
        <SelectField name="nationality" label={t("fields.nationality")} options={nationalityOptions} defaultValue={v?.nationality ?? details?.nationalityKey ?? ""} error={errors?.nationality} />
      ) : null}
      {showResidence ? (
        <>
          <h2>{t("details.residenceHeading")}</h2>
          <p className="hint">{t("details.residenceIntro")}</p>
          <ChoiceGroup
            name="residenceDocument"
            legend={t("details.residenceDocument")}
            hint={questionHint("details.residenceDocument")}
            error={errors?.residenceDocument}
            defaultValue={v?.residenceDocument ?? details?.residence?.document ?? null}
            choices={RESIDENCE_DOCUMENTS.map((d) => ({ value: d, label: t(`details.residenceDocuments.${d}`) }))}
          />
          <TextField
            name="validUntil"
            label={t("details.validUntil")}
            hint={questionHint("details.validUntil", t("details.validUntilHint"))}
            error={errors?.validUntil}
            defaultValue={v?.validUntil ?? germanDate(details?.residence?.validUntil)}
            width="medium"
          />
          <TextField
            name="entryDate"
            label={t("details.entryDate")}
            hint={questionHint("details.entryDate", t("details.entryDateHint"))}
            error={errors?.entryDate}
            defaultValue={v?.entryDate ?? germanDate(details?.residence?.entryDate)}
            width="medium"
          />
          <TextField
            name="azrNumber"
            label={t("details.azrNumber")}
            hint={questionHint("details.azrNumber", t("details.azrNumberHint"))}
            error={errors?.azrNumber}
            defaultValue={v?.azrNumber ?? details?.residence?.azrNumber ?? ""}
            inputMode="numeric"
            width="medium"
            autoComplete="off"
          />
        </>
      ) : null}
      {ask.familyStatus ? (
        <>
          <ChoiceGroup
            name="familyStatus"
            legend={t("details.familyStatus")}
            hint={questionHint("details.familyStatus")}
            error={errors?.familyStatus}
            defaultValue={v?.familyStatus ?? details?.familyStatus?.status ?? null}
            choices={FAMILY_STATUSES.map((s) => ({ value: s, label: t(`details.familyStatuses.${s}`) }))}
          />
          <TextField
            name="familyStatusSince"
            label={t("details.familyStatusSince")}
            hint={questionHint("details.familyStatusSince", t("details.familyStatusSinceHint"))}
            error={errors?.familyStatusSince}
            defaultValue={v?.familyStatusSince ?? germanDate(details?.familyStatus?.since)}
            width="medium"
          />
        </>
      ) : null}
      {ask.work ? (
        <>
          <ChoiceGroup
            name="ableToWork"
            legend={t("details.ableToWork")}
            hint={questionHint("details.ableToWork")}
            error={errors?.ableToWork}
            defaultValue={v?.ableToWork ?? saved(details?.ableToWork)}
            choices={yesNo}
          />
          <ChoiceGroup
            name="incapacity"
            legend={t("details.incapacity")}
            hint={questionHint("details.incapacity")}
            error={errors?.incapacity}
            defaultValue={v?.incapacity ?? saved(details?.incapacity)}
            choices={yesNo}
          />
        </>
      ) : null}
      <ChoiceGroup
        name="disabilityRecognised"
        legend={t("details.disabilityRecognised")}
        hint={questionHint("details.disabilityRecognised")}
        error={errors?.disabilityRecognised}
        defaultValue={v?.disabilityRecognised ?? saved(details?.disabilityRecognised)}
        choices={yesNo}
      />
      <TextField
        name="gdb"
        label={t("details.gdb")}
        hint={questionHint("details.gdb", t("details.gdbHint"))}
        error={errors?.gdb}
        defaultValue={v?.gdb ?? (details?.disability ? String(details.disability.gdb) : "")}
        inputMode="numeric"
        width="short"
      />
      <ChoiceGroup
        name="marks"
        type="checkbox"
        legend={t("details.marks")}
        hint={questionHint("details.marks", t("details.marksHint"))}
        error={errors?.marks}
        defaultValue={v?.marks ? v.marks.split(",") : (details?.disability?.marks ?? [])}
        choices={DISABILITY_MARKS.map((m) => ({ value: m, label: t(`details.markNames.${m}`) }))}
      />
      <ChoiceGroup
        name="institution"
        legend={t("details.institution")}
        hint={questionHint("details.institution")}
        error={errors?.institution}
        defaultValue={v?.institution ?? saved(details?.institution)}
        choices={yesNo}
      />
    </ApplicationForm>
  );
}
