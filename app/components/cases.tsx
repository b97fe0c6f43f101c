import { useTranslation } from "react-i18next";
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
