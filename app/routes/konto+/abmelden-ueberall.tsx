import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { accountHeaders, signOut, signOutEverywhere } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return json(await pageI18n(request, ["account"], "account:signOutEverywhere.title"));
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  await signOutEverywhere(session);
  const setCookie = await signOut(request);
  return redirect("/anmelden?hinweis=ueberall-abgemeldet", { headers: { "Set-Cookie": setCookie } });
}

export default function SignOutEverywhere() {
  const { t } = useTranslation("account");
  return (
    <div className="page">
      <Link to="/konto" className="back-link">
        {t("signOutEverywhere.cancel")}
      </Link>
      <h1>{t("signOutEverywhere.title")}</h1>
      <p>{t("signOutEverywhere.body")}</p>
      <Form method="post">
        <CsrfInput />
        <button type="submit" className="button">
          {t("signOutEverywhere.submit")}
        </button>
      </Form>
    </div>
  );
}
