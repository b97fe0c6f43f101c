import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReferralList } from "~/components/referrals";
import { REFERRALS } from "~/domain/eligibility";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await pageI18n(request, ["precheck", "eligibility"], "precheck:other.title"));
}

/** The Infotheke's referral: where SGB II is not the right place. */
export default function OtherOffice() {
  const { t } = useTranslation("precheck");
  return (
    <div className="page">
      <Link to="/vorabcheck" className="back-link">
        {t("common:form.back")}
      </Link>
      <h1>{t("other.title")}</h1>
      <p className="lead">{t("other.lead")}</p>
      <ReferralList referrals={[...REFERRALS]} />
      <p>{t("other.stillUnsure")}</p>
      <p>
        <Link to="/standort-finden">{t("receiving.findStandort")}</Link>
      </p>
    </div>
  );
}
