import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { accountHeaders, signOut } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { getSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Signing out changes state, so it is a POST (from "Mein Konto"); a GET only asks.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getSession(request, { touch: false }))) throw redirect("/anmelden");
  return json(await pageI18n(request, ["account"], "account:signOut.title"));
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const setCookie = await signOut(request);
  return redirect("/anmelden?hinweis=abgemeldet", { headers: { "Set-Cookie": setCookie } });
}

export default function SignOut() {
  const { t } = useTranslation("account");
  return (
    <div className="page">
      <h1>{t("signOut.title")}</h1>
      <p>{t("signOut.body")}</p>
      <Form method="post">
        <CsrfInput />
        <button type="submit" className="button">
          {t("signOut.submit")}
        </button>
      </Form>
    </div>
  );
}
