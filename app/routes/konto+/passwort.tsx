import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm, changePassword } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

const ChangePasswordForm = z.object({
  currentPassword: z.string("account:errors.currentPasswordRequired").check(z.minLength(1, "account:errors.currentPasswordRequired"), z.maxLength(1024, "account:errors.currentPasswordWrong")),
  newPassword: z
    .string("account:errors.newPasswordRequired")
    .check(z.minLength(1, "account:errors.newPasswordRequired"), z.minLength(10, "account:errors.passwordTooShort"), z.maxLength(128, "account:errors.passwordTooLong")),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return json(await pageI18n(request, ["account"], "account:changePassword.title"));
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const parsed = parseForm(ChangePasswordForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors });
  const result = await changePassword({ session, ...parsed.data });
  if (!result.ok) return answerForm(result);
  return redirect("/konto?hinweis=passwort");
}

export default function ChangePassword() {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["account", "common"]);
  return (
    <div className="page">
      <Link to="/konto" className="back-link">
        {t("changePassword.cancel")}
      </Link>
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <ErrorSummary errors={answer?.errors} ns="account" labels={{ currentPassword: t("changePassword.currentPassword"), newPassword: t("changePassword.newPassword") }} />
      <h1>{t("changePassword.title")}</h1>
      <p className="lead">{t("changePassword.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <TextField name="currentPassword" type="password" autoComplete="current-password" required width="medium" label={t("changePassword.currentPassword")} error={answer?.errors.currentPassword} />
        <TextField
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          width="medium"
          label={t("changePassword.newPassword")}
          hint={t("changePassword.newPasswordHint")}
          error={answer?.errors.newPassword}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("changePassword.submit")}
        </button>
      </Form>
    </div>
  );
}
