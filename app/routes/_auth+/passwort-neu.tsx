import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm, resetPassword, resetTokenValid } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

const ResetForm = z.object({
  token: z.string("account:errors.linkInvalid").check(z.minLength(1, "account:errors.linkInvalid"), z.maxLength(128, "account:errors.linkInvalid")),
  password: z
    .string("account:errors.newPasswordRequired")
    .check(z.minLength(1, "account:errors.newPasswordRequired"), z.minLength(10, "account:errors.passwordTooShort"), z.maxLength(128, "account:errors.passwordTooLong")),
});

// The link from the mail: /passwort-neu?token=…. Opening it does not use it up (mail scanners
// open links too); saving the new password does.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = await resetTokenValid(token);
  const page = await pageI18n(request, ["account"], valid ? "account:reset.title" : "account:reset.invalidTitle");
  return json({ ...page, token: valid ? token : null }, { headers: { ...noStoreHeaders, "Referrer-Policy": "no-referrer" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const parsed = parseForm(ResetForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors });
  const result = await resetPassword(parsed.data);
  if (!result.ok) return answerForm(result);
  return redirect("/anmelden?hinweis=passwort-neu");
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["account", "common"]);
  if (!token) {
    return (
      <div className="page">
        <h1>{t("reset.invalidTitle")}</h1>
        <p className="lead">{t("reset.invalidBody")}</p>
        <p>
          <Link to="/passwort-vergessen" className="button">
            {t("reset.newLink")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <ErrorSummary errors={answer?.errors} ns="account" labels={{ password: t("reset.password") }} />
      <h1>{t("reset.title")}</h1>
      <p className="lead">{t("reset.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="token" value={token} />
        <TextField name="password" type="password" autoComplete="new-password" required width="medium" label={t("reset.password")} hint={t("reset.passwordHint")} error={answer?.errors.password} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}
