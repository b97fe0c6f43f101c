import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, TextField } from "~/components/forms";
import { PrecheckForm, type ActionErrors } from "~/components/precheck";
import type { EligibilityMember } from "~/domain/eligibility";
import { addableRoles, applicantOf, MAX_MEMBERS, memberById, newMemberId, upsertMember, type PrecheckDraft } from "~/domain/precheck/draft";
import { pageMeta } from "~/lib/meta";
import { parsePerson } from "~/domain/precheck/forms";
import { pageI18n } from "~/platform/http/page.server";
import { handleDraftPost, readDraft } from "~/features/precheck/index.server";

export const meta = pageMeta;

/** Which person this page is about: an existing one, the applicant first, or a new one. */
type Resolved = { kind: "redirect"; to: string } | { kind: "member"; draft: PrecheckDraft; member: EligibilityMember; isNew: boolean };

function resolve(request: Request, memberId: string): Resolved {
  const draft = readDraft(request);
  if (draft.concern !== "first-application") return { kind: "redirect", to: "/vorabcheck" };
  const existing = memberById(draft, memberId);
  if (existing) return { kind: "member", draft, member: existing, isNew: false };
  if (memberId !== "neu") return { kind: "redirect", to: "/vorabcheck/haushalt" };
  if (!applicantOf(draft)) return { kind: "member", draft, member: { id: "p1", role: "applicant", age: 0 }, isNew: true };
  if (draft.members.length >= MAX_MEMBERS) return { kind: "redirect", to: "/vorabcheck/haushalt" };
  const requested = new URL(request.url).searchParams.get("rolle");
  const role = addableRoles(draft).find((r) => r === requested) ?? "child";
  return { kind: "member", draft, member: { id: newMemberId(draft), role, age: 0 }, isNew: true };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const resolved = resolve(request, params.memberId!);
  if (resolved.kind === "redirect") throw redirect(resolved.to);
  const { member, isNew, draft } = resolved;
  const titleKey = member.role === "applicant" ? "precheck:person.titleApplicant" : "precheck:person.titleOther";
  return json({
    ...(await pageI18n(request, ["precheck", "eligibility"], titleKey)),
    member: { id: member.id, role: member.role, age: isNew ? null : member.age },
    roles: member.role === "applicant" ? [] : [...new Set<string>([member.role, ...addableRoles(draft)])],
    backTo: draft.members.length ? "/vorabcheck/haushalt" : "/vorabcheck",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleDraftPost(request, (draft, fields) => {
    const resolved = resolve(request, params.memberId!);
    if (resolved.kind === "redirect") return { ok: true, draft, redirectTo: resolved.to };
    const parsed = parsePerson(fields, resolved.member.role);
    if (!parsed.ok) return parsed;
    const member: EligibilityMember = { ...resolved.member, ...parsed.value };
    return { ok: true, draft: upsertMember(draft, member), redirectTo: `/vorabcheck/person/${member.id}/lage` };
  });
}

export default function PersonPage() {
  const { member, roles, backTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionErrors;
  const { t } = useTranslation("precheck");
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const isApplicant = member.role === "applicant";
  return (
    <PrecheckForm backTo={backTo} errors={errors}>
      <h1>{isApplicant ? t("person.titleApplicant") : t("person.titleOther")}</h1>
      {isApplicant ? null : (
        <ChoiceGroup
          name="role"
          legend={t("person.roleLegend")}
          error={errors?.role}
          defaultValue={values.role ?? member.role}
          choices={roles.map((role) => ({ value: role, label: t(`roles.${role}.label`), hint: t(`roles.${role}.hint`) }))}
        />
      )}
      <TextField
        name="age"
        label={isApplicant ? t("person.ageApplicant") : t("person.ageOther")}
        hint={t("person.ageHint")}
        error={errors?.age}
        defaultValue={values.age ?? member.age}
        inputMode="numeric"
        width="short"
        autoComplete="off"
      />
    </PrecheckForm>
  );
}
