import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, TextArea } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatDateTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./abwesenheiten.server";

export const meta = pageMeta;
export { action, loader };

// Requests to be away (Ortsabwesenheit, § 7b SGB II) for the Integration caseworkers: each with
// the case's identifiers, the dates, where, the important reason the person names and how she is
// reached; decided once, the person sees the decision and the message on her page.
export default function StaffAbsences() {
  const { staff, pending, decided, saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "common"]);
  const dates = (from: string, to: string, days: number) => t("absences.dates", { from: formatDate("de", from), to: formatDate("de", to), days });
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors} ns="backoffice" labels={answer ? { [`message-${answer.id}`]: t("absences.message"), decision: t("absences.decision") } : undefined} />
      <h1>{t("absences.title")}</h1>
      <p className="lead">{t("absences.intro")}</p>
      {saved ? (
        <div className="notice" role="status">
          <p>{t("absences.saved")}</p>
        </div>
      ) : null}
      <h2>{t("absences.pending")}</h2>
      {pending.length === 0 ? (
        <p>{t("absences.nonePending")}</p>
      ) : (
        <ul className="review-list">
          {pending.map((a) => (
            <li key={a.id} id={`abwesenheit-${a.id}`} className="review-list__item">
              <h3 className="review-list__title">
                {dates(a.from, a.to, a.days)} · {a.reference}
              </h3>
              <dl className="summary-list">
                <div className="summary-list__row">
                  <dt>{t("absences.case")}</dt>
                  <dd>
                    {a.kundennummer} / {a.bgNummer}
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt>{t("absences.destination")}</dt>
                  <dd>{t(`absences.destinations.${a.destination}`)}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>{t("absences.reason")}</dt>
                  <dd>{t(`absences.reasons.${a.reason}`)}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>{t("absences.reachable")}</dt>
                  <dd>{a.reachable ? <bdi>{a.reachable}</bdi> : "–"}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>{t("absences.received")}</dt>
                  <dd>{formatDateTime("de", a.createdAt)}</dd>
                </div>
              </dl>
              <Form method="post" noValidate>
                <CsrfInput />
                <input type="hidden" name="id" value={a.id} />
                <TextArea
                  name={`message-${a.id}`}
                  rows={3}
                  label={t("absences.message")}
                  hint={t("absences.messageHint")}
                  defaultValue={answer?.id === a.id ? String(answer.values[`message-${a.id}`] ?? "") : undefined}
                  error={answer?.id === a.id ? answer.errors[`message-${a.id}`] : undefined}
                />
                <div className="button-row">
                  <button type="submit" name="decision" value="approved" className="button button--secondary" disabled={navigation.state === "submitting"}>
                    {t("absences.approve")}
                    <span className="visually-hidden">: {a.reference}</span>
                  </button>
                  <button type="submit" name="decision" value="refused" className="button button--secondary" disabled={navigation.state === "submitting"}>
                    {t("absences.refuse")}
                    <span className="visually-hidden">: {a.reference}</span>
                  </button>
                </div>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2 id="entschieden">{t("absences.decided")}</h2>
      {decided.length === 0 ? (
        <p>{t("absences.noneDecided")}</p>
      ) : (
        <StaffTable id="decided" stack caption={t("absences.decidedCaption")} columns={[t("absences.when"), t("absences.case"), t("absences.decision"), t("absences.message")]}>
          {decided.map((a) => (
            <tr key={a.id}>
              <td data-label={t("absences.when")}>{dates(a.from, a.to, a.days)}</td>
              <td data-label={t("absences.case")}>
                {a.kundennummer} / {a.bgNummer}
              </td>
              <td data-label={t("absences.decision")}>
                {t(`absences.status.${a.status}`)}
                {a.decidedAt ? <> ({formatDateTime("de", a.decidedAt)})</> : null}
              </td>
              <td data-label={t("absences.message")}>{a.decisionMessage ? <bdi>{a.decisionMessage}</bdi> : "–"}</td>
            </tr>
          ))}
        </StaffTable>
      )}
    </div>
  );
}
