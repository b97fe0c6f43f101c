import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm, signIn, startSession } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { getSession, safeRedirect } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

const SignInForm = z.object({
  email: z.pipe(
    z.string("account:errors.emailRequired").check(z.trim(), z.minLength(1, "account:errors.emailRequired"), z.maxLength(254, "account:errors.emailTooLong")),
    z.email("common:errors.email"),
  ),
  password: z.string("account:errors.passwordRequired").check(z.minLength(1, "account:errors.passwordRequired"), z.maxLength(1024, "account:errors.wrongCredentials")),
});

// Notices after a redirect to this page: ?hinweis=…
const NOTICES = {
  abgemeldet: "signIn.notices.signedOut",
  "ueberall-abgemeldet": "signIn.notices.signedOutEverywhere",
  "passwort-neu": "signIn.notices.passwordReset",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (await getSession(request)) throw redirect(redirectTo);
  const hinweis = url.searchParams.get("hinweis") as keyof typeof NOTICES | null;
  const notice = hinweis && hinweis in NOTICES ? NOTICES[hinweis] : url.searchParams.has("redirectTo") ? "signIn.notices.sessionEnded" : null;
  return json({ ...(await pageI18n(request, ["account"], "account:signIn.title")), redirectTo, notice });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const values = { email: String(form.get("email") ?? "") };
  const parsed = parseForm(SignInForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors }, values);
  const result = await signIn({ ...parsed.data, language: await getLanguage(request), ip: context.clientIp });
  if (!result.ok) return answerForm(result, values);
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await startSession(request, result.userId) } });
}

export default function SignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["account", "common"]);
  return (
    <div className="page">
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <ErrorSummary errors={answer?.errors} ns="account" labels={{ email: t("signIn.email"), password: t("signIn.password") }} />
      {notice && !answer ? (
        <div className="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      ) : null}
      <h1>{t("signIn.title")}</h1>
      <p className="lead">{t("signIn.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          width="medium"
          label={t("signIn.email")}
          defaultValue={answer?.values.email}
          error={answer?.errors.email}
        />
        <TextField name="password" type="password" autoComplete="current-password" required width="medium" label={t("signIn.password")} error={answer?.errors.password} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("signIn.submit")}
        </button>
      </Form>
      <p>
        <Link to="/passwort-vergessen">{t("signIn.forgotLink")}</Link>
      </p>
      <p>
        <Link to={redirectTo === "/konto" ? "/bestaetigung-anfordern" : `/bestaetigung-anfordern?${new URLSearchParams({ redirectTo })}`}>{t("signIn.resendLink")}</Link>
      </p>
      <p>
        {t("signIn.noAccount")} <Link to={redirectTo === "/konto" ? "/registrieren" : `/registrieren?${new URLSearchParams({ redirectTo })}`}>{t("signIn.signUpLink")}</Link>
      </p>
    </div>
  );
}
