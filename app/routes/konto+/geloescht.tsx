import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { pageI18n } from "~/platform/http/page.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Where "delete my account" ends: shown without a session (there is none any more).
export async function loader({ request }: LoaderFunctionArgs) {
  return json(await pageI18n(request, ["account"], "account:deleted.title"));
}

export default function AccountDeleted() {
  const { t } = useTranslation("account");
  return (
    <div className="page">
      <div className="panel-success">
        <h1>{t("deleted.title")}</h1>
      </div>
      <p className="lead">{t("deleted.body")}</p>
      <p>
        {t("deleted.again")} <Link to="/registrieren">{t("signUp.title")}</Link>
      </p>
      <p>
        <Link to="/">{t("deleted.home")}</Link>
      </p>
    </div>
  );
}
