import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, RateLimitedNotice } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { accountHeaders, answerForm, confirmEmail, resendConfirmation } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { getSession, requireSession, safeRedirect } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// GET ?token=… (the link from the mail) confirms the address and redirects, so the token does
// not stay in the address bar or the history. POST sends a new link to the signed-in person;
// someone signed out asks for one with her address on /bestaetigung-anfordern.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  // Where she was going when she signed up (e.g. "/antrag"); same-site paths only.
  const back = safeRedirect(url.searchParams.get("redirectTo"), "");
  const returnTo = back && back !== "/konto" ? back : null;
  if (token !== null) {
    const confirmedUser = await confirmEmail(token);
    const session = await getSession(request, { touch: false });
    if (confirmedUser && session?.userId === confirmedUser) throw redirect(returnTo ?? "/konto?hinweis=bestaetigt");
    throw redirect(`/email-bestaetigen?${new URLSearchParams({ status: confirmedUser ? "bestaetigt" : "ungueltig", ...(returnTo ? { redirectTo: returnTo } : {}) })}`);
  }
  const param = url.searchParams.get("status");
  const status = param === "bestaetigt" ? "confirmed" : param === "ungueltig" ? "invalid" : "pending";
  const session = await getSession(request);
  const titles = { confirmed: "account:confirm.confirmedTitle", invalid: "account:confirm.invalidTitle", pending: "account:confirm.title" } as const;
  const page = await pageI18n(request, ["account"], titles[status]);
  return json({ ...page, status, signedIn: Boolean(session), emailVerified: session?.emailVerified ?? false, returnTo });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const result = await resendConfirmation({ session });
  if (!result.ok) return answerForm(result);
  return redirect(`/konto?hinweis=${result.alreadyConfirmed ? "schon-bestaetigt" : "link-gesendet"}`);
}

export default function ConfirmEmail() {
  const { status, signedIn, emailVerified, returnTo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["account", "common"]);
  if (status === "confirmed" || emailVerified) {
    return (
      <div className="page">
        <div className="panel-success">
          <h1>{status === "confirmed" ? t("confirm.confirmedTitle") : t("confirm.alreadyConfirmed")}</h1>
        </div>
        {status === "confirmed" ? <p className="lead">{t("confirm.confirmedBody")}</p> : null}
        <p>
          {signedIn ? (
            <Link to={returnTo ?? "/konto"}>{t("confirm.toAccount")}</Link>
          ) : (
            <Link to={returnTo ? `/anmelden?${new URLSearchParams({ redirectTo: returnTo })}` : "/anmelden"}>{t("confirm.signIn")}</Link>
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <h1>{status === "invalid" ? t("confirm.invalidTitle") : t("confirm.title")}</h1>
      <p className="lead">{status === "invalid" ? t("confirm.invalidBody") : t("overview.notConfirmedBody")}</p>
      {signedIn ? (
        <>
          <p>{t("confirm.resendIntro")}</p>
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button">
              {t("confirm.resend")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t("confirm.resendIntro")}</p>
          <p>
            <Link to={returnTo ? `/bestaetigung-anfordern?${new URLSearchParams({ redirectTo: returnTo })}` : "/bestaetigung-anfordern"} className="button">
              {t("confirm.resend")}
            </Link>
          </p>
          <p>
            <Link to={returnTo ? `/anmelden?${new URLSearchParams({ redirectTo: returnTo })}` : "/anmelden?redirectTo=%2Fkonto"}>{t("confirm.signIn")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
