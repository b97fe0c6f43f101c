import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { getStaff, signInStaff, staffRedirect, staffSessionCookie } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

const StaffSignInForm = z.object({
  email: z.string("backoffice:signIn.errors.email").check(z.trim(), z.minLength(3, "backoffice:signIn.errors.email"), z.maxLength(254, "backoffice:signIn.wrong")),
  password: z.string("backoffice:signIn.errors.password").check(z.minLength(1, "backoffice:signIn.errors.password"), z.maxLength(1024, "backoffice:signIn.wrong")),
  code: z.string("backoffice:signIn.errors.code").check(z.trim(), z.regex(/^\d{3}\s?\d{3}$/, "backoffice:signIn.errors.code")),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = staffRedirect(url.searchParams.get("redirectTo"));
  if (await getStaff(request)) throw redirect(redirectTo);
  const notice = url.searchParams.get("hinweis") === "abgemeldet" ? "signIn.signedOut" : url.searchParams.has("redirectTo") ? "signIn.sessionEnded" : null;
  return json({
    ...(await pageI18n(request, ["backoffice"], "backoffice:signIn.title")),
    redirectTo,
    notice,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const values = { email: String(form.get("email") ?? "") };
  const parsed = parseForm(StaffSignInForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors }, values);
  const result = await signInStaff({ ...parsed.data, ip: context.clientIp });
  if (!result.ok) return answerForm(result, values);
  return redirect(staffRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await staffSessionCookie(result.sessionToken) },
  });
}

export default function StaffSignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "common"]);
  return (
    <div className="page">
      {answer?.retryMinutes ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">{t("common:errorPage.tooMany.title")}</h2>
          <p>{t("signIn.rateLimited", { minutes: answer.retryMinutes })}</p>
        </div>
      ) : null}
      <ErrorSummary errors={answer?.errors} ns="backoffice" />
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
          autoComplete="username"
          spellCheck={false}
          required
          width="medium"
          label={t("signIn.email")}
          defaultValue={answer?.values.email}
          error={answer?.errors.email}
        />
        <TextField name="password" type="password" autoComplete="current-password" required width="medium" label={t("signIn.password")} error={answer?.errors.password} />
        <TextField name="code" inputMode="numeric" autoComplete="one-time-code" required width="short" label={t("signIn.code")} hint={t("signIn.codeHint")} error={answer?.errors.code} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("signIn.submit")}
        </button>
      </Form>
    </div>
  );
}
