import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isReady, nextStep } from "~/domain/precheck/draft";
import { formatEuro, joinDetails } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";
import { readDraft, stepPath } from "~/features/precheck/index.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  if (!isReady(draft)) throw redirect(stepPath(nextStep(draft)));
  return json({ ...(await pageI18n(request, ["precheck", "eligibility"], "precheck:check.title")), draft });
}

/** Check your answers, with a change link for every answer (GOV.UK pattern). */
export default function CheckAnswers() {
  const { draft, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation("precheck");
  const euro = (v: number | undefined) => formatEuro(lng, v ?? 0);
  const change = (to: string, what: string) => (
    <Link to={to}>
      {t("common:form.change")}
      <span className="visually-hidden"> – {what}</span>
    </Link>
  );
  return (
    <div className="page">
      <Link to="/vorabcheck/vermoegen" className="back-link">
        {t("common:form.back")}
      </Link>
      <p className="caption">{t("caption")}</p>
      <h1>{t("check.title")}</h1>
      {draft.members.map((m) => {
        const who = m.role === "applicant" ? t("household.you") : joinDetails(lng, [t(`roles.${m.role}.label`), t("household.age", { count: m.age })]);
        const income = Object.entries(m.income ?? {}).filter(([, v]) => typeof v === "number" && v > 0);
        return (
          <section key={m.id} aria-labelledby={`check-${m.id}`}>
            <h2 id={`check-${m.id}`}>{who}</h2>
            <dl className="summary-list">
              <div className="summary-list__row">
                <dt>{t("check.person")}</dt>
                <dd>
                  {joinDetails(lng, [m.role === "applicant" ? t("household.you") : t(`roles.${m.role}.label`), t("household.age", { count: m.age })])}
                  <span className="summary-list__actions">{change(`/vorabcheck/person/${m.id}`, `${who}: ${t("check.person")}`)}</span>
                </dd>
              </div>
              <div className="summary-list__row">
                <dt>{t("check.situation")}</dt>
                <dd>
                  {[
                    m.ableToWork === false ? (m.permanentlyUnableToWork ? t("situation.work.permanently-unable") : t("situation.work.temporarily-unable")) : null,
                    m.pregnancyWeek ? t("check.pregnant", { week: m.pregnancyWeek }) : null,
                    m.education && m.education !== "none" ? t(`situation.education.${m.education}.label`) : null,
                    m.residence && m.residence !== "german" ? t(`situation.residence.${m.residence}`) : null,
                    m.medicalDiet && m.medicalDiet !== "none" ? t(`situation.diet.${m.medicalDiet}`) : null,
                    m.disabilityWorkParticipation ? t("situation.more.disability") : null,
                    m.oldAgePension ? t("situation.more.pension") : null,
                    m.inpatientOverSixMonths ? t("situation.more.inpatient") : null,
                  ]
                    .filter((x): x is string => Boolean(x))
                    .join(lng === "ar" || lng === "fa" ? "؛ " : "; ") || t("check.nothingSpecial")}
                  <span className="summary-list__actions">{change(`/vorabcheck/person/${m.id}/lage`, `${who}: ${t("check.situation")}`)}</span>
                </dd>
              </div>
              <div className="summary-list__row">
                <dt>{t("check.income")}</dt>
                <dd>
                  {income.length ? (
                    <ul>
                      {income.map(([field, value]) => (
                        <li key={field}>
                          {t(`income.fields.${field}.label`)}: {euro(value as number)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("check.noIncome")
                  )}
                  <span className="summary-list__actions">{change(`/vorabcheck/person/${m.id}/einkommen`, `${who}: ${t("check.income")}`)}</span>
                </dd>
              </div>
            </dl>
          </section>
        );
      })}
      <h2>{t("check.homeHeading")}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("housing.rent")}</dt>
          <dd>
            {euro(draft.housing?.grossColdRent)}
            <span className="summary-list__actions">{change("/vorabcheck/wohnung", t("housing.rent"))}</span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("housing.heating")}</dt>
          <dd>
            {euro(draft.housing?.heating)}
            <span className="summary-list__actions">{change("/vorabcheck/wohnung", t("housing.heating"))}</span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("housing.hotWater.legend")}</dt>
          <dd>
            {t(`housing.hotWater.${draft.housing?.hotWater ?? "central"}`)}
            <span className="summary-list__actions">{change("/vorabcheck/wohnung", t("housing.hotWater.legend"))}</span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("assets.amount")}</dt>
          <dd>
            {euro(draft.assets)}
            <span className="summary-list__actions">{change("/vorabcheck/vermoegen", t("assets.amount"))}</span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("assets.longReceipt.legend")}</dt>
          <dd>
            {draft.firstYearOfReceipt ? t("common:form.no") : t("common:form.yes")}
            <span className="summary-list__actions">{change("/vorabcheck/vermoegen", t("assets.longReceipt.legend"))}</span>
          </dd>
        </div>
      </dl>
      <p>
        <Link to="/vorabcheck/ergebnis" className="button">
          {t("check.showResult")}
        </Link>
      </p>
    </div>
  );
}
