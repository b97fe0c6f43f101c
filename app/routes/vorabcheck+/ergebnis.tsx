import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { ExplanationLines, NeedTable, useMemberName } from "~/components/eligibility-result";
import { LegalTerm } from "~/components/forms";
import { ReferralList } from "~/components/referrals";
import { isOutOfRange } from "~/domain/eligibility";
import { expectedDocuments } from "~/domain/precheck/documents";
import { isReady, nextStep } from "~/domain/precheck/draft";
import { formatEuro } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";
import { evaluateDraft, readDraft, stepPath } from "~/features/precheck/index.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  if (!isReady(draft)) throw redirect(stepPath(nextStep(draft)));
  const result = evaluateDraft(draft);
  if (isOutOfRange(result)) throw new Response("Out of range", { status: 422 });
  return json({
    ...(await pageI18n(request, ["precheck", "eligibility", "appointments", "home"], "eligibility:result.title")),
    result,
    members: draft.members.map((m) => ({ id: m.id, role: m.role, age: m.age })),
    documents: expectedDocuments(draft),
  });
}

const noSubscription = () => () => {};

function PrintButton() {
  const { t } = useTranslation("eligibility");
  // false in the server HTML and while hydrating, true once JavaScript runs
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!enhanced) return null; // without JavaScript the browser's own print command works
  return (
    <button type="button" className="button button--secondary no-print" onClick={() => window.print()}>
      {t("result.print")}
    </button>
  );
}

export default function Result() {
  const { result, members, documents, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["eligibility", "precheck"]);
  const name = useMemberName(members);
  const eligible = result.outcome === "likely-eligible";
  return (
    <div className="page">
      <Link to="/vorabcheck/pruefen" className="back-link no-print">
        {t("result.changeAnswers")}
      </Link>
      <div className={`result-panel${eligible ? " result-panel--eligible" : ""}`}>
        <h1>{t(`result.outcome.${result.outcome}.title`)}</h1>
        {eligible ? <p className="result-amount">{t("result.perMonth", { amount: formatEuro(lng, result.monthlyEstimate) })}</p> : null}
        <p>{t(`result.outcome.${result.outcome}.body`)}</p>
      </div>
      <p className="notice">
        <strong>{t("common:notBinding")}</strong> {t("result.notBindingMore")}
      </p>
      {result.reformPending ? <p className="notice">{t("result.reformPending")}</p> : null}
      {result.exclusions.length ? (
        <>
          <h2>{t("result.exclusionsHeading")}</h2>
          <ul>
            {result.exclusions.map((e) => (
              <li key={`${e.memberId}-${e.reason}`}>
                {name(e.memberId)}: {t(`exclusions.${e.reason}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.members.length ? (
        <>
          <h2>{t("result.howHeading")}</h2>
          <p>{t("result.howIntro")}</p>
          <NeedTable result={result} members={members} lng={lng} />
          <details className="details">
            <summary>{t("result.lineByLine")}</summary>
            <ExplanationLines result={result} members={members} lng={lng} />
          </details>
        </>
      ) : null}
      {result.referrals.length ? (
        <>
          <h2>{t("result.referralsHeading")}</h2>
          <ReferralList referrals={result.referrals} headingLevel={3} />
        </>
      ) : null}
      <h2>{t("result.nextHeading")}</h2>
      <ol>
        <li>
          {t("result.next.account")} <Link to="/registrieren">{t("result.next.accountLink")}</Link>
        </li>
        <li>
          {t("result.next.apply")} <LegalTerm k="antragsdatum" />. <Link to="/antrag?vorabcheck=1">{t("result.next.applyWithAnswers")}</Link>{" "}
          <span className="hint">{t("result.next.applyWithAnswersHint")}</span>
        </li>
        <li>
          {t("result.next.appointment")} <Link to="/termine/buchen?anliegen=antragsabgabe">{t("appointments:list.book")}</Link> · <Link to="/standort-finden">{t("result.next.findStandort")}</Link>
        </li>
      </ol>
      <h3>{t("result.documentsHeading")}</h3>
      <ul>
        {documents.map((d) => (
          <li key={d.key}>
            {t(`documents.${d.key}`)}
            {d.memberIds.length ? ` (${d.memberIds.map((id) => name(id)).join("; ")})` : ""}
          </li>
        ))}
      </ul>
      <div className="button-group no-print">
        <PrintButton />
        <Link to="/vorabcheck/pruefen">{t("result.changeAnswers")}</Link>
      </div>
    </div>
  );
}
