import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, questionHint } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { APPLICANT_ID, HEALTH_INSURANCE_KINDS, insuredPersons, sectionApplies, type ApplicationData } from "~/domain/application/model";
import { insuranceSchema } from "~/domain/application/schemas";
import { personName } from "~/domain/application/summary";
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

// Sozialversicherung (Anlage SV), one page per person of 15 and over: health insurance and the
// Rentenversicherungsnummer (checked against the person's birth date and surname).
function personOf(data: ApplicationData, memberId: string): { birthDate: string; lastName: string } | null {
  if (memberId === APPLICANT_ID) return data.personal ? { birthDate: data.personal.birthDate, lastName: data.personal.lastName } : null;
  const m = data.household?.members.find((x) => x.id === memberId);
  return m?.birthDate ? { birthDate: m.birthDate, lastName: m.lastName ?? "" } : null;
}

function guard(data: ApplicationData, id: string, memberId: string) {
  if (!sectionApplies(data, "insurance")) throw redirect(`/antrag/${id}`);
  const person = personOf(data, memberId);
  if (!insuredPersons(data).includes(memberId) || !person) throw new Response("Not Found", { status: 404 });
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  guard(application.data, application.id, memberId);
  const name = personName(application.data, memberId);
  const page = await pageI18n(request, ["application"], "application:insurance.title", { name });
  return json({ ...page, contact: applicationContact(application), id: application.id, memberId, name, insurance: application.data.insurance?.[memberId] ?? null }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const memberId = params.memberId ?? "";
  const person = guard(application.data, application.id, memberId);
  const parsed = parseForm(insuranceSchema(person), form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  let next: string | undefined;
  await saveAnswers(session.userId, application.id, (data) => {
    const updated = { ...data, insurance: { ...(data.insurance ?? {}), [memberId]: parsed.data } };
    next = insuredPersons(updated).find((pid) => !updated.insurance[pid]);
    return updated;
  });
  return redirect(next ? `/antrag/${application.id}/sozialversicherung/${next}` : `/antrag/${application.id}`);
}

export default function Insurance() {
  const { id, name, insurance } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>
        <Tx t={t} k="insurance.title" values={{ name }} />
      </h1>
      <ChoiceGroup
        name="kind"
        legend={t("insurance.kind")}
        hint={questionHint("insurance.kind")}
        error={errors?.kind}
        defaultValue={v?.kind ?? insurance?.kind ?? null}
        choices={HEALTH_INSURANCE_KINDS.map((k) => ({ value: k, label: t(`insurance.kinds.${k}`) }))}
      />
      <TextField
        name="insurer"
        label={t("insurance.insurer")}
        hint={questionHint("insurance.insurer", t("insurance.insurerHint"))}
        error={errors?.insurer}
        defaultValue={v?.insurer ?? insurance?.insurer ?? ""}
      />
      <TextField
        name="rvnr"
        label={t("insurance.rvnr")}
        hint={questionHint("insurance.rvnr", t("insurance.rvnrHint"))}
        error={errors?.rvnr}
        defaultValue={v?.rvnr ?? insurance?.rvnr ?? ""}
        width="medium"
        spellCheck={false}
        autoComplete="off"
      />
    </ApplicationForm>
  );
}
