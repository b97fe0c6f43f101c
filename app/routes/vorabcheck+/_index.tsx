import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, CsrfInput } from "~/components/forms";
import { PrecheckForm, type ActionErrors } from "~/components/precheck";
import { applicantOf, nextStep } from "~/domain/precheck/draft";
import { CONCERNS } from "~/domain/precheck/forms";
import { pageMeta } from "~/lib/meta";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { clearDraftCookie, handleDraftPost, readDraft, stepPath } from "~/features/precheck/index.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  return json({
    ...(await pageI18n(request, ["precheck", "eligibility"], "precheck:concern.title")),
    concern: draft.concern ?? null,
    started: Boolean(applicantOf(draft)),
    resumeTo: stepPath(nextStep(draft)),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  if (new URL(request.url).searchParams.get("neu") === "1") {
    const form = await readForm(request);
    await verifyCsrf(request, form);
    return redirect("/vorabcheck", { headers: { "Set-Cookie": clearDraftCookie() } });
  }
  return handleDraftPost(request, (draft, fields) => {
    const concern = fields.concern as (typeof CONCERNS)[number];
    if (!CONCERNS.includes(concern)) return { ok: false, errors: { concern: "common:errors.choose" } };
    const updated = { ...draft, concern };
    if (concern === "receiving") return { ok: true, draft: updated, redirectTo: "/vorabcheck/bereits-im-bezug" };
    if (concern === "other") return { ok: true, draft: updated, redirectTo: "/vorabcheck/andere-stelle" };
    return { ok: true, draft: updated, redirectTo: stepPath(nextStep(updated)) };
  });
}

export default function Concern() {
  const { concern, started, resumeTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionErrors;
  const { t } = useTranslation("precheck");
  return (
    <>
      {started ? (
        <div className="page notice">
          <p>{t("concern.resume")}</p>
          <div className="button-group">
            <a className="button" href={resumeTo}>
              {t("concern.resumeButton")}
            </a>
            <Form method="post" action="/vorabcheck?index&neu=1">
              <CsrfInput />
              <button type="submit" className="button button--secondary">
                {t("concern.restart")}
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      <PrecheckForm errors={actionData?.errors}>
        <ChoiceGroup
          name="concern"
          legendAsHeading
          legend={t("concern.title")}
          hint={`${t("concern.hint")} ${t("concern.formerly")}`}
          error={actionData?.errors?.concern}
          defaultValue={actionData?.values?.concern ?? concern}
          choices={CONCERNS.map((value) => ({ value, label: t(`concern.options.${value}.label`), hint: t(`concern.options.${value}.hint`) }))}
        />
      </PrecheckForm>
    </>
  );
}
