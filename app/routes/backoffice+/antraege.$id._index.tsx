import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnswerValue } from "~/components/application";
import { CsrfInput, ErrorSummary, errorText, fieldId, SelectField, TextArea, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatDateTime, formatEuro } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./antraege.$id._index.server";

export const meta = pageMeta;

// One submitted application for staff: the facts, every answer (as on the applicant's check
// page, in German), the PDF.
export { action, loader };

export default function StaffApplication() {
  const { staff, application, groups, mayWrite, notice, history, statuses, requestGroups, checklist, contradictions, attachments, requests } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "application", "uploads", "common"]);
  const typed = (intent: string, name: string) => (answer?.intent === intent ? answer.values[name] : undefined);
  const typedAll = (intent: string, name: string): string[] => (typed(intent, name) ?? "").split(",").filter(Boolean);
  const format = {
    date: (iso: string) => formatDate("de", iso),
    euro: (n: number) => formatEuro("de", n),
  };
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors} ns="backoffice" />
      {notice && !answer ? (
        <div className="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      ) : null}
      <Link to="/backoffice" className="back-link">
        {t("application.back")}
      </Link>
      <h1>{t("application.title", { reference: application.reference })}</h1>
      <h2>{t("application.facts")}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("application.antragsdatum")}</dt>
          <dd>{formatDate("de", application.antragsdatum)}</dd>
        </div>
        {application.submittedAt ? (
          <div className="summary-list__row">
            <dt>{t("application.submittedAt")}</dt>
            <dd>{formatDateTime("de", application.submittedAt)}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t("application.standort")}</dt>
          <dd>{application.standort ?? t("inbox.noStandort")}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("application.language")}</dt>
          <dd>
            <span lang={htmlLangOf(application.language)}>{LANGUAGE_NAMES[application.language]}</span>
          </dd>
        </div>
        {application.decisionsDigital !== null ? (
          <div className="summary-list__row">
            <dt>{t("application.digital")}</dt>
            <dd>{application.decisionsDigital ? t("common:form.yes") : t("common:form.no")}</dd>
          </div>
        ) : null}
      </dl>
      <p>
        <a href={`/backoffice/antraege/${application.id}/pdf`} download>
          {t("application.pdf")}
        </a>
      </p>
      {contradictions.length ? (
        <section className="notice notice--warning" aria-labelledby="contradictions-title">
          <h2 id="contradictions-title">{t("work.contradictions.title")}</h2>
          <p>{t("work.contradictions.intro")}</p>
          <ul>
            {contradictions.map((c, i) => (
              <li key={i}>
                {t(`work.contradictions.codes.${c.code}`)}
                {c.member ? (
                  <>
                    {" "}
                    ({t("work.documents.forMember")} <bdi>{c.member}</bdi>)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t("work.status.title")}</h2>
      <StaffTable id="history" caption={t("work.status.caption")} columns={[t("work.status.when"), t("work.status.value"), t("work.status.message"), t("work.status.by")]}>
        {history.map((e) => (
          <tr key={e.id}>
            <td>{formatDateTime("de", e.at)}</td>
            <td>{e.label}</td>
            <td>{e.message ? <bdi>{e.message}</bdi> : "–"}</td>
            <td>{e.by ? <bdi>{e.by}</bdi> : e.id === "received" ? t("work.status.byPerson") : "–"}</td>
          </tr>
        ))}
      </StaffTable>
      {mayWrite ? (
        <Form method="post" noValidate>
          <CsrfInput />
          <SelectField name="status" label={t("work.status.newStatus")} defaultValue={typed("status", "status") ?? statuses[0]?.value} error={answer?.errors.status} options={statuses} />
          <TextArea name="message" rows={3} label={t("work.status.messageLabel")} hint={t("work.status.messageHint")} defaultValue={typed("status", "message")} error={answer?.errors.message} />
          <button type="submit" name="intent" value="status" className="button" disabled={navigation.state === "submitting"}>
            {t("work.status.submit")}
          </button>
        </Form>
      ) : null}

      <h2>{t("work.documents.title")}</h2>
      <h3>{t("work.documents.checklist")}</h3>
      <p>{t("work.documents.stateHint")}</p>
      <ul className="staff-list">
        {checklist.map((item) => (
          <li key={item.id}>
            {item.label}
            {item.member ? (
              <>
                {" "}
                {t("work.documents.forMember")} <bdi>{item.member}</bdi>
              </>
            ) : null}
            {": "}
            <strong className={item.state === "accepted" ? "tag tag--done" : item.state === "asked-again" || item.state === "requested" ? "tag tag--progress" : "tag"}>
              {t(`uploads:checklist.status.${item.state}`)}
            </strong>
            {item.count ? <> {t("work.documents.files", { count: item.count })}</> : null}
            {item.dueDate ? <> {t("uploads:checklist.due", { date: formatDate("de", item.dueDate) })}</> : null}
            {item.state === "asked-again" && item.reason ? (
              <>
                {" "}
                {t("uploads:checklist.reason")} <bdi>{item.reason}</bdi>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {attachments.length === 0 ? (
        <p>{t("work.documents.none")}</p>
      ) : (
        <StaffTable
          id="files"
          caption={t("work.documents.caption")}
          columns={[t("work.documents.category"), t("work.documents.file"), { label: t("work.documents.size"), numeric: true }, t("work.documents.submittedAt"), t("work.review.title")]}
        >
          {attachments.map((a) => (
            <tr key={a.id}>
              <td>
                {a.label}
                {a.member ? (
                  <>
                    <br />
                    <bdi>{a.member}</bdi>
                  </>
                ) : null}
              </td>
              <td>
                <a href={`/backoffice/antraege/${application.id}/unterlagen/${a.id}`} target="_blank" rel="noreferrer">
                  <bdi>{a.filename}</bdi>
                </a>
              </td>
              <td className="num">{`${Math.max(1, Math.round(a.size / 1024))} KB`}</td>
              <td>{formatDateTime("de", a.submittedAt)}</td>
              <td>
                <p>
                  {a.review ? t(`work.review.${a.review.decision}`) : t("work.review.none")}
                  {a.review?.reason ? (
                    <>
                      {": "}
                      <bdi>{a.review.reason}</bdi>
                    </>
                  ) : null}
                  {a.review?.by ? (
                    <>
                      <br />
                      {t("work.review.by", { date: formatDateTime("de", a.review.at) })} <bdi>{a.review.by}</bdi>
                    </>
                  ) : null}
                </p>
                {mayWrite ? (
                  <Form method="post" noValidate>
                    <CsrfInput />
                    <input type="hidden" name="intent" value="review" />
                    <input type="hidden" name="attachmentId" value={a.id} />
                    <TextField
                      name={`reason-${a.id}`}
                      label={t("work.review.reason")}
                      defaultValue={typed("review", `reason-${a.id}`)}
                      error={answer?.intent === "review" ? answer.errors[`reason-${a.id}`] : undefined}
                    />
                    {/* The file name in the accessible name (no visually hidden span: inside the scrolling table it would widen the page). */}
                    <button
                      type="submit"
                      name="decision"
                      value="accepted"
                      className="button button--secondary"
                      aria-label={`${t("work.review.accept")}: ${a.filename}`}
                      disabled={navigation.state === "submitting"}
                    >
                      {t("work.review.accept")}
                    </button>{" "}
                    <button
                      type="submit"
                      name="decision"
                      value="rejected"
                      className="button button--secondary"
                      aria-label={`${t("work.review.reject")}: ${a.filename}`}
                      disabled={navigation.state === "submitting"}
                    >
                      {t("work.review.reject")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </StaffTable>
      )}

      <h2>{t("work.requests.title")}</h2>
      {requests.length === 0 ? (
        <p>{t("work.requests.none")}</p>
      ) : (
        <StaffTable id="requests" caption={t("work.requests.caption")} columns={[t("work.requests.category"), t("work.requests.description"), t("work.requests.status"), t("work.status.by")]}>
          {requests.map((r) => (
            <tr key={r.id}>
              <td>
                {r.label}
                {r.member ? (
                  <>
                    <br />
                    {t("work.documents.forMember")} <bdi>{r.member}</bdi>
                  </>
                ) : null}
              </td>
              <td>
                <bdi>{r.description}</bdi>
                <br />
                {t("work.requests.due", {
                  date: formatDate("de", r.dueDate, "medium"),
                })}
              </td>
              <td>
                {r.status === "answered" && r.answeredAt
                  ? t("work.requests.answered", {
                      date: formatDateTime("de", r.answeredAt),
                    })
                  : t("work.requests.open")}
              </td>
              <td>{r.by ? <bdi>{r.by}</bdi> : "–"}</td>
            </tr>
          ))}
        </StaffTable>
      )}
      {mayWrite ? (
        <Form method="post" noValidate>
          <CsrfInput />
          <div className={`form-group${answer?.errors.documents ? " form-group--error" : ""}`}>
            <fieldset className="fieldset" id={fieldId("documents")} tabIndex={-1} aria-describedby={answer?.errors.documents ? `${fieldId("documents")}-error` : `${fieldId("documents")}-hint`}>
              <legend className="legend">{t("work.requests.documents")}</legend>
              <div className="hint" id={`${fieldId("documents")}-hint`}>
                {t("work.requests.documentsHint")}
              </div>
              {answer?.errors.documents ? (
                <p className="field-error" id={`${fieldId("documents")}-error`}>
                  <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
                  {errorText(t, answer.errors.documents)}
                </p>
              ) : null}
              {requestGroups.map((group) => (
                <fieldset className="fieldset" key={group.memberId ?? "household"}>
                  <legend className="legend">{group.name ? <bdi>{group.name}</bdi> : t("work.requests.household")}</legend>
                  <div className="choices choices--columns">
                    {group.choices.map((choice) => {
                      const id = `${fieldId("documents")}-${choice.value.replace(/[^A-Za-z0-9_-]/g, "-")}`;
                      return (
                        <div className="choice" key={choice.value}>
                          <input className="choice__input" type="checkbox" id={id} name="documents" value={choice.value} defaultChecked={typedAll("request", "documents").includes(choice.value)} />
                          <label className="choice__label" htmlFor={id}>
                            {choice.label}
                          </label>
                        </div>
                      );
                    })}
                  </div>
                </fieldset>
              ))}
            </fieldset>
          </div>
          <TextArea
            name="description"
            rows={3}
            label={t("work.requests.description")}
            hint={t("work.requests.descriptionHint")}
            defaultValue={typed("request", "description")}
            error={answer?.errors.description}
          />
          <TextField name="dueDate" width="short" label={t("work.requests.dueDate")} defaultValue={typed("request", "dueDate")} error={answer?.errors.dueDate} />
          <button type="submit" name="intent" value="request" className="button" disabled={navigation.state === "submitting"}>
            {t("work.requests.submit")}
          </button>
        </Form>
      ) : null}

      <h2>{t("application.answers")}</h2>
      {groups.map((group, g) => {
        const first = g === 0 || group.section !== groups[g - 1].section;
        return (
          <section key={g} aria-label={group.heading ? `${t(`application:tasks.sections.${group.section}`)}: ${group.heading}` : t(`application:tasks.sections.${group.section}`)}>
            {first ? <h3>{t(`application:tasks.sections.${group.section}`)}</h3> : null}
            {group.heading ? (
              <h4>
                <bdi>{group.heading}</bdi>
              </h4>
            ) : null}
            <dl className="summary-list">
              {group.rows.map((row, r) => (
                <div className="summary-list__row" key={r}>
                  <dt>{t(`application:${row.label}`, row.params)}</dt>
                  <dd>
                    <AnswerValue value={row.value} format={format} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
