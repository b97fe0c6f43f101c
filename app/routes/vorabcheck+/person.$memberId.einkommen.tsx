import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";
import { PrecheckForm, type ActionErrors } from "~/components/precheck";
import { parametersFor, todayInGermany } from "~/domain/eligibility";
import { incomeFields, markComplete, memberById, upsertMember } from "~/domain/precheck/draft";
import { formatEuro } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { parseIncome } from "~/domain/precheck/forms";
import { pageI18n } from "~/platform/http/page.server";
import { handleDraftPost, readDraft } from "~/features/precheck/index.server";

export const meta = pageMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  const member = memberById(draft, params.memberId!);
  if (!member) throw redirect("/vorabcheck/haushalt");
  const key = member.role === "applicant" ? "precheck:income.titleApplicant" : "precheck:income.titleOther";
  const lookup = parametersFor(todayInGermany());
  const kindergeld = "parameters" in lookup && lookup.parameters ? lookup.parameters.kindergeld : null;
  return json({ ...(await pageI18n(request, ["precheck", "eligibility"], key, { age: member.age })), member, fields: incomeFields(member), kindergeld });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleDraftPost(request, (draft, fields) => {
    const member = memberById(draft, params.memberId!);
    if (!member) return { ok: true, draft, redirectTo: "/vorabcheck/haushalt" };
    const parsed = parseIncome(fields, member);
    if (!parsed.ok) return parsed;
    const income = Object.keys(parsed.value).length ? parsed.value : undefined;
    const updated = markComplete(upsertMember(draft, { ...member, income }), member.id);
    return { ok: true, draft: updated, redirectTo: "/vorabcheck/haushalt" };
  });
}

export default function IncomePage() {
  const { member, fields, kindergeld, lng } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionErrors;
  const { t } = useTranslation("precheck");
  const errors = actionData?.errors;
  const values = actionData?.values;
  const income = (member.income ?? {}) as Record<string, number | undefined>;
  return (
    <PrecheckForm backTo={`/vorabcheck/person/${member.id}/lage`} errors={errors}>
      <h1>{member.role === "applicant" ? t("income.titleApplicant") : t("income.titleOther", { age: member.age })}</h1>
      <p>{t("income.intro")}</p>
      {fields.map((field) => (
        <TextField
          key={field}
          name={field}
          label={t(`income.fields.${field}.label`)}
          hint={
            <>
              {t(`income.fields.${field}.hint`, { kindergeld: kindergeld ? formatEuro(lng, kindergeld) : "" })}{" "}
              <span className="form-term">
                {t("common:germanTerm", { term: "" })}
                <span lang="de">{t(`income.fields.${field}.german`)}</span>
              </span>
            </>
          }
          error={errors?.[field]}
          defaultValue={values?.[field] ?? income[field] ?? ""}
          inputMode="decimal"
          width="short"
          suffix="€"
          autoComplete="off"
        />
      ))}
    </PrecheckForm>
  );
}
