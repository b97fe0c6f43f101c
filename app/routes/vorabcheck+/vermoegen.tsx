import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, TextField } from "~/components/forms";
import { PrecheckForm, type ActionErrors } from "~/components/precheck";
import { applicantOf } from "~/domain/precheck/draft";
import { pageMeta } from "~/lib/meta";
import { parseAssets } from "~/domain/precheck/forms";
import { pageI18n } from "~/platform/http/page.server";
import { handleDraftPost, readDraft } from "~/features/precheck/index.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  if (!applicantOf(draft)) throw redirect("/vorabcheck");
  if (!draft.housing) throw redirect("/vorabcheck/wohnung");
  return json({
    ...(await pageI18n(request, ["precheck", "eligibility"], "precheck:assets.title")),
    assets: draft.assets ?? null,
    longReceipt: draft.firstYearOfReceipt === undefined ? null : draft.firstYearOfReceipt ? "no" : "yes",
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return handleDraftPost(request, (draft, fields) => {
    const parsed = parseAssets(fields);
    if (!parsed.ok) return parsed;
    return { ok: true, draft: { ...draft, ...parsed.value }, redirectTo: "/vorabcheck/pruefen" };
  });
}

export default function Assets() {
  const { assets, longReceipt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionErrors;
  const { t } = useTranslation("precheck");
  const errors = actionData?.errors;
  const v = actionData?.values;
  return (
    <PrecheckForm backTo="/vorabcheck/wohnung" errors={errors}>
      <h1>{t("assets.title")}</h1>
      <TextField
        name="assets"
        label={t("assets.amount")}
        hint={
          <>
            {t("assets.amountHint")}{" "}
            <span className="form-term">
              {t("common:germanTerm", { term: "" })}
              <span lang="de">Vermögen</span>
            </span>
          </>
        }
        error={errors?.assets}
        defaultValue={v?.assets ?? assets ?? ""}
        inputMode="decimal"
        width="medium"
        suffix="€"
      />
      <ChoiceGroup
        name="longReceipt"
        legend={t("assets.longReceipt.legend")}
        hint={t("assets.longReceipt.hint")}
        error={errors?.longReceipt}
        defaultValue={v?.longReceipt ?? longReceipt}
        choices={[
          { value: "no", label: t("common:form.no") },
          { value: "yes", label: t("common:form.yes") },
        ]}
      />
    </PrecheckForm>
  );
}
