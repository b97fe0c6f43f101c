import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, TextField } from "~/components/forms";
import { PrecheckForm, type ActionErrors } from "~/components/precheck";
import { applicantOf, nextStep } from "~/domain/precheck/draft";
import { pageMeta } from "~/lib/meta";
import { parseHousing } from "~/domain/precheck/forms";
import { pageI18n } from "~/platform/http/page.server";
import { handleDraftPost, readDraft, stepPath } from "~/features/precheck/index.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  if (!applicantOf(draft)) throw redirect("/vorabcheck");
  return json({ ...(await pageI18n(request, ["precheck", "eligibility"], "precheck:housing.title")), housing: draft.housing ?? null, persons: draft.members.length });
}

export async function action({ request }: ActionFunctionArgs) {
  return handleDraftPost(request, (draft, fields) => {
    const parsed = parseHousing(fields);
    if (!parsed.ok) return parsed;
    const updated = { ...draft, housing: parsed.value };
    return { ok: true, draft: updated, redirectTo: stepPath(nextStep(updated)) };
  });
}

export default function Housing() {
  const { housing, persons } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionErrors;
  const { t } = useTranslation("precheck");
  const errors = actionData?.errors;
  const v = actionData?.values;
  return (
    <PrecheckForm backTo="/vorabcheck/haushalt" errors={errors}>
      <h1>{t("housing.title")}</h1>
      <p>{t("housing.intro", { count: persons })}</p>
      <TextField
        name="grossColdRent"
        label={t("housing.rent")}
        hint={
          <>
            {t("housing.rentHint")}{" "}
            <span className="form-term">
              {t("common:germanTerm", { term: "" })}
              <span lang="de">Bruttokaltmiete</span>
            </span>
          </>
        }
        error={errors?.grossColdRent}
        defaultValue={v?.grossColdRent ?? housing?.grossColdRent ?? ""}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
      <TextField
        name="heating"
        label={t("housing.heating")}
        hint={
          <>
            {t("housing.heatingHint")}{" "}
            <span className="form-term">
              {t("common:germanTerm", { term: "" })}
              <span lang="de">Heizkosten</span>
            </span>
          </>
        }
        error={errors?.heating}
        defaultValue={v?.heating ?? housing?.heating ?? ""}
        inputMode="decimal"
        width="short"
        suffix="€"
      />
      <ChoiceGroup
        name="hotWater"
        legend={t("housing.hotWater.legend")}
        error={errors?.hotWater}
        defaultValue={v?.hotWater ?? housing?.hotWater ?? null}
        choices={[
          { value: "central", label: t("housing.hotWater.central"), hint: t("housing.hotWater.centralHint") },
          { value: "decentral", label: t("housing.hotWater.decentral"), hint: t("housing.hotWater.decentralHint") },
        ]}
      />
    </PrecheckForm>
  );
}
