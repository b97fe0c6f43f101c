import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm, resendConfirmationByEmail } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { safeRedirect } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// "Send the confirmation mail again" for someone who is not signed in (issue 12 item 7): she
// gives her address; the answer is the same whether an unconfirmed account has it or not.

const ResendForm = z.object({
  email: z.pipe(
    z.string("account:errors.emailRequired").check(z.trim(), z.minLength(1, "account:errors.emailRequired"), z.maxLength(254, "account:errors.emailTooLong")),
    z.email("common:errors.email"),
  ),
});

/** Where she was going (e.g. "/antrag"), same-site only; it travels in the new link. */
function returnPath(value: FormDataEntryValue | string | null): string | null {
  const path = safeRedirect(value, "");
  return path && path !== "/konto" ? path : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const sent = url.searchParams.get("status") === "gesendet";
  const redirectTo = returnPath(url.searchParams.get("redirectTo"));
  return json({ ...(await pageI18n(request, ["account"], sent ? "account:resendConfirmation.sentTitle" : "account:resendConfirmation.title")), sent, redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const values = { email: String(form.get("email") ?? "") };
  const parsed = parseForm(ResendForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors }, values);
  const returnTo = returnPath(form.get("redirectTo"));
  const result = await resendConfirmationByEmail({ email: parsed.data.email, ip: context.clientIp, returnTo });
  if (!result.ok) return answerForm(result, values);
  // The same answer whether an unconfirmed account has this address or not.
  return redirect(`/bestaetigung-anfordern?${new URLSearchParams({ status: "gesendet", ...(returnTo ? { redirectTo: returnTo } : {}) })}`);
}

export default function ResendConfirmation() {
  const { sent, redirectTo } = useLoaderData<typeof loader>();
  const signInLink = redirectTo ? `/anmelden?${new URLSearchParams({ redirectTo })}` : "/anmelden";
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["account", "common"]);
  if (sent) {
    return (
      <div className="page">
        <h1>{t("resendConfirmation.sentTitle")}</h1>
        <p className="lead">{t("resendConfirmation.sentBody")}</p>
        <p>{t("resendConfirmation.sentSpam")}</p>
        <p>
          <Link to={signInLink}>{t("resendConfirmation.back")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <Link to={signInLink} className="back-link">
        {t("resendConfirmation.back")}
      </Link>
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <ErrorSummary errors={answer?.errors} ns="account" labels={{ email: t("resendConfirmation.email") }} />
      <h1>{t("resendConfirmation.title")}</h1>
      <p className="lead">{t("resendConfirmation.intro")}</p>
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
          label={t("resendConfirmation.email")}
          defaultValue={answer?.values.email}
          error={answer?.errors.email}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("resendConfirmation.submit")}
        </button>
      </Form>
    </div>
  );
}
