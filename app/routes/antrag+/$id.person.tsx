import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, germanDate, hintWithGerman } from "~/components/application";
import { ChoiceGroup, SelectField, TextField } from "~/components/forms";
import { useRootData } from "~/components/layout";
import { NATIONALITIES, resolveNationality } from "~/domain/application/nationalities";
import { htmlLangOf } from "~/domain/languages";
import { getTraeger } from "~/config/traeger";
import { berlinDay } from "~/domain/application/dates";
import { residenceOf } from "~/domain/application/model";
import { personalSchema } from "~/domain/application/schemas";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, requireDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  return json(
    { ...(await pageI18n(request, ["application"], "application:personal.title")), contact: applicationContact(application), id: application.id, personal: application.data.personal ?? null },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const traeger = getTraeger();
  const parsed = parseForm(personalSchema(traeger, berlinDay()), form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  const personal = parsed.data;
  const residence = residenceOf(traeger, personal.postalCode, personal.municipality);
  const standortId = residence.kind === "ok" ? residence.standortId : null;
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, personal }), { standortId });
  return redirect(`/antrag/${application.id}`);
}

export default function Personal() {
  const { id, personal } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  const lng = useRootData()?.lng ?? "de";
  // The list in her language, sorted by the names she reads; the German name and the Destatis key go to the back office.
  const regionNames = new Intl.DisplayNames(htmlLangOf(lng), { type: "region" });
  const nameOf = (n: (typeof NATIONALITIES)[number]) => (n.iso ? (regionNames.of(n.iso) ?? n.de) : t(n.key === "997" ? "fields.nationalityStateless" : "fields.nationalityUnclear"));
  const collator = new Intl.Collator(htmlLangOf(lng));
  const nationalityOptions = [
    { value: "", label: t("fields.nationalityChoose") },
    ...NATIONALITIES.filter((n) => n.iso)
      .map((n) => ({ value: n.key, label: nameOf(n) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    ...NATIONALITIES.filter((n) => !n.iso).map((n) => ({ value: n.key, label: nameOf(n) })),
  ];
  const saved = personal?.nationalityKey ?? (personal?.nationality ? (resolveNationality(personal.nationality)?.key ?? null) : null);
  const chosenNationality = v?.nationality ?? saved ?? "";
  // An older draft's free text stays readable until a country is chosen from the list.
  const previousNationality = !saved && personal?.nationality ? personal.nationality : null;
  const field = (name: "firstName" | "lastName" | "street" | "postalCode" | "municipality", extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={name} label={t(`fields.${name}`)} hint={hintWithGerman(`fields.${name}`, extra.hint)} error={errors?.[name]} defaultValue={v?.[name] ?? personal?.[name] ?? ""} {...extra} />
  );
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>{t("personal.title")}</h1>
      {field("firstName", { autoComplete: "given-name" })}
      {field("lastName", { autoComplete: "family-name" })}
      <TextField
        name="birthDate"
        label={t("fields.birthDate")}
        hint={hintWithGerman("fields.birthDate", t("fields.birthDateHint"))}
        error={errors?.birthDate}
        defaultValue={v?.birthDate ?? germanDate(personal?.birthDate)}
        autoComplete="bday"
        width="medium"
      />
      <SelectField name="nationality" label={t("fields.nationality")} options={nationalityOptions} defaultValue={chosenNationality} error={errors?.nationality} />
      {previousNationality ? <p className="hint">{t("fields.nationalityPrevious", { value: previousNationality })}</p> : null}
      {field("street", { autoComplete: "street-address" })}
      {field("postalCode", { autoComplete: "postal-code", inputMode: "numeric", width: "short" })}
      {field("municipality", { autoComplete: "address-level2", hint: t("personal.municipalityHint") })}
      <TextField
        name="phone"
        type="tel"
        label={t("fields.phone")}
        hint={hintWithGerman("fields.phone")}
        error={errors?.phone}
        defaultValue={v?.phone ?? personal?.phone ?? ""}
        autoComplete="tel"
        width="medium"
      />
      <ChoiceGroup
        name="priorBenefits"
        legend={t("fields.priorBenefits")}
        hint={hintWithGerman("fields.priorBenefits")}
        error={errors?.priorBenefits}
        defaultValue={v?.priorBenefits ?? (personal ? (personal.priorBenefits ? "yes" : "no") : null)}
        choices={[
          { value: "yes", label: t("common:form.yes") },
          { value: "no", label: t("common:form.no") },
        ]}
      />
    </ApplicationForm>
  );
}
