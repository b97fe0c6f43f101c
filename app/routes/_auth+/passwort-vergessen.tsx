import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm, requestPasswordReset } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

const ForgotForm = z.object({
  email: z.pipe(
    z.string("account:errors.emailRequired").check(z.trim(), z.minLength(1, "account:errors.emailRequired"), z.maxLength(254, "account:errors.emailTooLong")),
    z.email("common:errors.email"),
  ),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const sent = new URL(request.url).searchParams.get("status") === "gesendet";
  return json({ ...(await pageI18n(request, ["account"], sent ? "account:forgot.sentTitle" : "account:forgot.title")), sent });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const values = { email: String(form.get("email") ?? "") };
  const parsed = parseForm(ForgotForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors }, values);
  const result = await requestPasswordReset({ email: parsed.data.email, ip: context.clientIp });
  if (!result.ok) return answerForm(result, values);
  // The same answer whether an account exists or not.
  return redirect("/passwort-vergessen?status=gesendet");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["account", "common"]);
  if (sent) {
    return (
      <div className="page">
        <h1>{t("forgot.sentTitle")}</h1>
        <p className="lead">{t("forgot.sentBody")}</p>
        <p>{t("forgot.sentSpam")}</p>
        <p>
          <Link to="/anmelden">{t("forgot.back")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <Link to="/anmelden" className="back-link">
        {t("forgot.back")}
      </Link>
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <ErrorSummary errors={answer?.errors} ns="account" labels={{ email: t("forgot.email") }} />
      <h1>{t("forgot.title")}</h1>
      <p className="lead">{t("forgot.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <TextField
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          width="medium"
          label={t("forgot.email")}
          defaultValue={answer?.values.email}
          error={answer?.errors.email}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("forgot.submit")}
        </button>
      </Form>
    </div>
  );
}
