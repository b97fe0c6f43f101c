import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm, signUp } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { getSession, safeRedirect } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

const SignUpForm = z.object({
  email: z.pipe(
    z.string("account:errors.emailRequired").check(z.trim(), z.minLength(1, "account:errors.emailRequired"), z.maxLength(254, "account:errors.emailTooLong")),
    z.email("common:errors.email"),
  ),
  password: z
    .string("account:errors.passwordRequired")
    .check(z.minLength(1, "account:errors.passwordRequired"), z.minLength(10, "account:errors.passwordTooShort"), z.maxLength(128, "account:errors.passwordTooLong")),
});

/** Where she wanted to go before signing up (e.g. "/antrag"), same-site only; null: /konto. */
function returnPath(value: FormDataEntryValue | string | null): string | null {
  const path = safeRedirect(value, "");
  return path && path !== "/konto" ? path : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const sent = url.searchParams.get("status") === "gesendet";
  const redirectTo = returnPath(url.searchParams.get("redirectTo"));
  if (!sent && (await getSession(request))) throw redirect(redirectTo ?? "/konto");
  return json({ ...(await pageI18n(request, ["account"], sent ? "account:signUp.sentTitle" : "account:signUp.title")), sent, redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const values = { email: String(form.get("email") ?? "") };
  const parsed = parseForm(SignUpForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors }, values);
  const returnTo = returnPath(form.get("redirectTo"));
  const result = await signUp({ ...parsed.data, language: await getLanguage(request), ip: context.clientIp, returnTo });
  if (!result.ok) return answerForm(result, values);
  // The same answer whether the address was new or not (no account enumeration).
  return redirect(`/registrieren?${new URLSearchParams({ status: "gesendet", ...(returnTo ? { redirectTo: returnTo } : {}) })}`);
}

export default function SignUp() {
  const { sent, redirectTo } = useLoaderData<typeof loader>();
  const signInLink = redirectTo ? `/anmelden?${new URLSearchParams({ redirectTo })}` : "/anmelden";
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["account", "common"]);
  if (sent) {
    return (
      <div className="page">
        <h1>{t("signUp.sentTitle")}</h1>
        <p className="lead">{t("signUp.sentBody")}</p>
        <p>{t("signUp.sentSpam")}</p>
        <p>
          <Link to={redirectTo ? `/bestaetigung-anfordern?${new URLSearchParams({ redirectTo })}` : "/bestaetigung-anfordern"}>{t("signIn.resendLink")}</Link>
        </p>
        <p>
          {t("signUp.sentNext")} <Link to={signInLink}>{t("signUp.signInLink")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <ErrorSummary errors={answer?.errors} ns="account" labels={{ email: t("signUp.email"), password: t("signUp.password") }} />
      <h1>{t("signUp.title")}</h1>
      <p className="lead">{t("signUp.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <TextField
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          width="medium"
          label={t("signUp.email")}
          hint={t("signUp.emailHint")}
          defaultValue={answer?.values.email}
          error={answer?.errors.email}
        />
        <TextField name="password" type="password" autoComplete="new-password" required width="medium" label={t("signUp.password")} hint={t("signUp.passwordHint")} error={answer?.errors.password} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("signUp.submit")}
        </button>
      </Form>
      <p>
        {t("signUp.privacy")} <Link to="/datenschutz">{t("signUp.privacyLink")}</Link>
      </p>
      <p>
        {t("signUp.haveAccount")} <Link to={signInLink}>{t("signUp.signInLink")}</Link>
      </p>
    </div>
  );
}
