import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationForm, hintWithGerman } from "~/components/application";
import { TextField } from "~/components/forms";
import { formatIban } from "~/domain/application/iban";
import { bankSchema } from "~/domain/application/schemas";
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
  const bank = application.data.bank ?? null;
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:bank.title")),
      contact: applicationContact(application),
      id: application.id,
      bank: bank ? { accountHolder: bank.accountHolder, iban: formatIban(bank.iban) } : null,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const parsed = parseForm(bankSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, bank: parsed.data }));
  return redirect(`/antrag/${application.id}`);
}

export default function Bank() {
  const { id, bank } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("application");
  const errors = answer?.errors;
  const v = answer?.values;
  return (
    <ApplicationForm applicationId={id} errors={errors}>
      <h1>{t("bank.title")}</h1>
      <p>{t("bank.intro")}</p>
      <TextField
        name="accountHolder"
        label={t("bank.accountHolder")}
        hint={hintWithGerman("bank.accountHolder")}
        error={errors?.accountHolder}
        defaultValue={v?.accountHolder ?? bank?.accountHolder ?? ""}
        autoComplete="name"
      />
      <TextField name="iban" label={t("bank.iban")} hint={hintWithGerman("bank.iban", t("bank.ibanHint"))} error={errors?.iban} defaultValue={v?.iban ?? bank?.iban ?? ""} spellCheck={false} />
    </ApplicationForm>
  );
}
