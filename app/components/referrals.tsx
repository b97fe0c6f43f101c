import { useTranslation } from "react-i18next";
import { Ltr } from "./bidi";

/** Where else to turn: each benefit with what it is and where one applies. */
export function ReferralList({ referrals, headingLevel = 2 }: { referrals: string[]; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation("eligibility");
  // In German (and Leichte Sprache) the name already is the German one.
  const showGerman = (referral: string) => !["de", "ls"].includes(i18n.language) && Boolean(t(`referrals.${referral}.german`, { defaultValue: "" }));
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="card-list">
      {referrals.map((referral) => (
        <li className="card" key={referral}>
          <H>
            {t(`referrals.${referral}.name`)}
            {showGerman(referral) ? (
              <>
                {" "}
                (<Ltr lang="de">{t(`referrals.${referral}.german`)}</Ltr>)
              </>
            ) : null}
          </H>
          <p>{t(`referrals.${referral}.what`)}</p>
          <p>
            <strong>{t("referrals.whereLabel")}</strong> {t(`referrals.${referral}.where`)}
          </p>
        </li>
      ))}
    </ul>
  );
}
