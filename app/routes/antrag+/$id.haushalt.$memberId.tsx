import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, germanDate, hintWithGerman } from "~/components/application";
import { ChoiceGroup, TextField } from "~/components/forms";
import { berlinDay } from "~/domain/application/dates";
import { isCurrentRelationship, isMemberComplete, MAX_MEMBERS, newMemberId, RELATIONSHIPS, upsertMember } from "~/domain/application/model";
import { memberSchema } from "~/domain/application/schemas";
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

// One further member of the household ("neu" adds one).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const member = application.data.household?.members.find((m) => m.id === params.memberId) ?? null;
  if (params.memberId !== "neu" && !member) throw new Response("Not Found", { status: 404 });
  const name = member?.firstName ? `${member.firstName} ${member.lastName ?? ""}`.trim() : null;
  // Editing says "change person" (also a person taken over from the pre-check without a name yet).
  const title = !member ? "application:member.titleNew" : name ? "application:member.titleEdit" : "application:member.titleEditUnnamed";
  const page = await pageI18n(request, ["application"], title, name ? { name } : undefined);
  return json({ ...page, contact: applicationContact(application), id: application.id, member, name }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const existing = application.data.household?.members.find((m) => m.id === params.memberId);
  if (params.memberId !== "neu" && !existing) throw new Response("Not Found", { status: 404 });
  const parsed = parseForm(memberSchema(berlinDay()), form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => {
    if (!existing && (data.household?.members.length ?? 0) >= MAX_MEMBERS - 1) return data;
    return upsertMember(data, { id: existing?.id ?? newMemberId(data), ...parsed.data });
  });
  // Completing the people carried over from the pre-check: on to the next one still incomplete,
  // not back to the list in between (issue 12, fewer screens; decision 042).
  const next = existing && !isMemberComplete(existing) ? application.data.household?.members.find((m) => m.id !== existing.id && !isMemberComplete(m)) : undefined;
  return redirect(next ? `/antrag/${application.id}/haushalt/${next.id}` : `/antrag/${application.id}/haushalt`);
}

export default function Member() {
  const { id, member, name } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const errors = answer?.errors;
  const v = answer?.values;
  return (
    <ApplicationForm applicationId={id} backTo={`/antrag/${id}/haushalt`} errors={errors} submitLabel={member ? t("member.submitEdit") : t("member.submitNew")}>
      <h1>{!member ? t("member.titleNew") : name ? <Tx t={t} k="member.titleEdit" values={{ name }} /> : t("member.titleEditUnnamed")}</h1>
      {typeof member?.precheckAge === "number" ? <p className="hint">{t("household.precheckAge", { age: member.precheckAge })}</p> : null}
      {member && !isCurrentRelationship(member.relationship) ? <p className="hint">{t("member.refine")}</p> : null}
      <ChoiceGroup
        name="relationship"
        legend={t("fields.relationship")}
        hint={hintWithGerman("fields.relationship")}
        error={errors?.relationship}
        defaultValue={v?.relationship ?? (member && isCurrentRelationship(member.relationship) ? member.relationship : null)}
        choices={RELATIONSHIPS.map((r) => ({ value: r, label: t(`member.relationships.${r}`) }))}
      />
      <TextField name="firstName" label={t("fields.firstName")} hint={hintWithGerman("fields.firstName")} error={errors?.firstName} defaultValue={v?.firstName ?? member?.firstName ?? ""} />
      <TextField name="lastName" label={t("fields.lastName")} hint={hintWithGerman("fields.lastName")} error={errors?.lastName} defaultValue={v?.lastName ?? member?.lastName ?? ""} />
      <TextField
        name="birthDate"
        label={t("fields.birthDate")}
        hint={hintWithGerman("fields.birthDate", t("fields.birthDateHint"))}
        error={errors?.birthDate}
        defaultValue={v?.birthDate ?? germanDate(member?.birthDate)}
        width="medium"
      />
      <ChoiceGroup
        name="priorBenefits"
        legend={t("fields.priorBenefits")}
        hint={hintWithGerman("fields.priorBenefits")}
        error={errors?.priorBenefits}
        defaultValue={v?.priorBenefits ?? (typeof member?.priorBenefits === "boolean" ? (member.priorBenefits ? "yes" : "no") : null)}
        choices={[
          { value: "yes", label: t("common:form.yes") },
          { value: "no", label: t("common:form.no") },
        ]}
      />
    </ApplicationForm>
  );
}
