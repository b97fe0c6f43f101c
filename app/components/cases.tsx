import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/domain/languages";
import { formatDate } from "~/lib/format";
import { LegalTerm } from "./forms";

// Pieces of the "Mein Fall" pages (issue 6).

/** The plan's name as the Träger configures it, German beside its translation. */
export function PlanLabel({ label }: { label: string }) {
  return <LegalTerm k={label === "Eingliederungsvereinbarung" ? "eingliederungsvereinbarung" : "kooperationsplan"} />;
}

/**
 * A legally binding German text with a plain-language explanation in the person's language
 * beside it, clearly marked as a translation aid.
 */
export function LegalText({ german, explanation }: { german: string; explanation: string }) {
  const { t } = useTranslation("case");
  return (
    <div className="legal-text">
      <div className="inset">
        <p>
          <strong>{t("legal.binding")}</strong>
        </p>
        <div lang="de">
          {german.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      </div>
      <div className="inset">
        <p>
          <strong>{t("legal.aid")}</strong>
        </p>
        <p>{explanation}</p>
      </div>
    </div>
  );
}

/** The approval period as /konto and Mein Fall show it: the dates, and from the first reminder on what to do (issue 14). */
export function BenefitPeriodSection({ period, lng }: { period: { from: string; to: string; state: "future" | "running" | "renew" | "ended" }; lng: Language }) {
  const { t } = useTranslation("case");
  const dates = { from: formatDate(lng, period.from), to: formatDate(lng, period.to) };
  return (
    <section id="bewilligungszeitraum" aria-labelledby="benefit-period-heading">
      <h2 id="benefit-period-heading" className="capitalised">
        <LegalTerm k="bewilligungszeitraum" />
      </h2>
      <p>{t(period.state === "future" ? "benefitPeriod.future" : "benefitPeriod.current", dates)}</p>
      {period.state === "renew" ? (
        <div className="notice">
          <p>{t("benefitPeriod.renew", dates)}</p>
          <p>{t("benefitPeriod.howTo")}</p>
          <p>
            <Link to="/standorte">{t("benefitPeriod.contact")}</Link>
          </p>
        </div>
      ) : null}
      {period.state === "ended" ? (
        <div className="notice">
          <p>{t("benefitPeriod.ended", dates)}</p>
          <p>
            <Link to="/antrag" className="button">
              {t("benefitPeriod.apply")}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
