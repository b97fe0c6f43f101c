import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { StaffShortcuts } from "~/components/staff-shortcuts";
import { useTranslation } from "react-i18next";
import { AnswerValue } from "~/components/application";
import { CsrfInput, ErrorSummary, errorText, fieldId, SelectField, TextArea, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatDateTime, formatEuro } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./antraege.$id._index.server";

export const meta = pageMeta;

// One submitted application for staff: a sticky header with who it is about, the neighbours in
// the list it was opened from, and on a wide screen the answers (as on the applicant's check
// page, in German) on the left and the work — assignment, documents and their review,
// requests, status — on the right. After each action the page returns to that section.
export { action, loader };

export default function StaffApplication() {
  const { staff, application, header, nav, shortcuts, assignment, colleagues, groups, mayWrite, notice, reviewed, history, statuses, requestGroups, checklist, contradictions, attachments, requests } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "application", "uploads", "common"]);
  const typed = (intent: string, name: string) => (answer?.intent === intent ? answer.values[name] : undefined);
  const typedAll = (intent: string, name: string): string[] => (typed(intent, name) ?? "").split(",").filter(Boolean);
  const format = {
    date: (iso: string) => formatDate("de", iso),
    euro: (n: number) => formatEuro("de", n),
  };
  const flag = (f: { applicant: boolean; others: number }) =>
    [f.applicant ? t("case.flagApplicant") : t("case.flagNo"), f.others ? t("case.flagOthers", { count: f.others }) : null].filter(Boolean).join(", ");
  const firstUnreviewed = attachments.find((a) => !a.review)?.id ?? attachments[0]?.id ?? null;
  const saved = (section: string, key: string) =>
    notice === section && !answer ? (
      <div className="notice" role="status">
        <p>{t(key)}</p>
      </div>
    ) : null;
  return (
    <div className="page page--wide">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors} ns="backoffice" />
      <header className="case-header" aria-labelledby="case-title">
        <div className="case-header__top">
          <Link to={nav.back} className="back-link">
            {t("application.back")}
          </Link>
          <nav className="case-header__nav" aria-label={t("case.neighbours")}>
            {nav.position ? <span>{t("case.position", { position: nav.position, total: nav.total })}</span> : null}
            {nav.previous ? (
              <Link to={nav.previous} rel="prev" aria-keyshortcuts={shortcuts ? "Alt+Shift+V" : undefined}>
                {t("case.previous")}
              </Link>
            ) : null}
            {nav.next ? (
              <Link to={nav.next} rel="next" aria-keyshortcuts={shortcuts ? "Alt+Shift+N" : undefined}>
                {t("case.next")}
              </Link>
            ) : null}
          </nav>
        </div>
        <h1 id="case-title">
          {t("application.title", { reference: application.reference })}
          {header.name ? (
            <>
              {": "}
              <bdi>{header.name}</bdi>
            </>
          ) : null}
        </h1>
        <dl className="case-header__facts">
          <div>
            <dt>{t("case.birthDate")}</dt>
            <dd>{header.birthDate ? formatDate("de", header.birthDate, "medium") : "–"}</dd>
          </div>
          <div>
            <dt>{t("case.reference")}</dt>
            <dd>{application.reference}</dd>
          </div>
          <div>
            <dt>{t("case.members")}</dt>
            <dd>{header.members}</dd>
          </div>
          <div>
            <dt>{t("case.status")}</dt>
            <dd>{header.status}</dd>
          </div>
          <div>
            <dt>{t("application.standort")}</dt>
            <dd>{application.standort ?? t("inbox.noStandort")}</dd>
          </div>
          <div>
            <dt>{t("case.u25")}</dt>
            <dd>{flag(header.u25)}</dd>
          </div>
          <div>
            <dt>{t("case.p15a")}</dt>
            <dd>{flag(header.p15a)}</dd>
          </div>
          <div>
            <dt>{t("case.assignee")}</dt>
            <dd>{assignment ? (assignment.staffId === staff.id ? t("inbox.assignedToMe") : assignment.name) : t("inbox.unassigned")}</dd>
          </div>
        </dl>
        <nav aria-label={t("case.sections")}>
          <ul className="case-header__sections">
            <li>
              <a href="#unterlagen">{t("work.documents.title")}</a>
            </li>
            <li>
              <a href="#anforderungen">{t("work.requests.title")}</a>
            </li>
            <li>
              <a href="#stand">{t("work.status.title")}</a>
            </li>
            <li>
              <a href="#angaben">{t("application.answers")}</a>
            </li>
          </ul>
        </nav>
      </header>

      <div className="case-layout">
        <div className="case-layout__work">
          <section id="zustaendig" aria-labelledby="zustaendig-title" className="case-section">
            <h2 id="zustaendig-title">{t("assign.title")}</h2>
            {saved("zuweisung", "assign.saved")}
            <p>{assignment ? t("assign.current", { name: assignment.staffId === staff.id ? t("assign.you") : assignment.name, date: formatDateTime("de", assignment.at) }) : t("assign.nobody")}</p>
            {mayWrite ? (
              <>
                {assignment?.staffId !== staff.id ? (
                  <Form method="post" noValidate className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="to" value="me" />
                    <button type="submit" name="intent" value="assign" className="button" disabled={navigation.state === "submitting"}>
                      {t("assign.toMe")}
                    </button>
                  </Form>
                ) : null}
                <Form method="post" noValidate>
                  <CsrfInput />
                  <SelectField
                    name="to"
                    label={t("assign.colleague")}
                    width="full"
                    defaultValue={typed("assign", "to") ?? assignment?.staffId ?? ""}
                    error={answer?.errors.assignee}
                    id="assignee"
                    options={[{ value: "", label: t("assign.none") }, ...colleagues.map((c) => ({ value: c.id, label: c.id === staff.id ? `${c.name} (${t("assign.you")})` : c.name }))]}
                  />
                  <button type="submit" name="intent" value="assign" className="button button--secondary" disabled={navigation.state === "submitting"}>
                    {t("assign.submit")}
                  </button>
                </Form>
              </>
            ) : null}
          </section>

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
          <section id="unterlagen" aria-labelledby="unterlagen-title" className="case-section">
            <h2 id="unterlagen-title">{t("work.documents.title")}</h2>
            {saved("pruefung", "work.review.saved")}
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
            <h3>{t("work.documents.caption")}</h3>
            {attachments.length === 0 ? (
              <p>{t("work.documents.none")}</p>
            ) : (
              <ul className="review-list">
                {attachments.map((a) => (
                  <li key={a.id} id={`datei-${a.id}`} className={reviewed === a.id ? "review-list__item review-list__item--current" : "review-list__item"}>
                    <h4 className="review-list__title">
                      {a.label}
                      {a.member ? (
                        <>
                          {" – "}
                          <bdi>{a.member}</bdi>
                        </>
                      ) : null}
                    </h4>
                    <p>
                      <a href={`/backoffice/antraege/${application.id}/unterlagen/${a.id}`} target="_blank" rel="noreferrer">
                        <bdi>{a.filename}</bdi>
                      </a>{" "}
                      <span className="hint">
                        {`${Math.max(1, Math.round(a.size / 1024))} KB`}, {t("work.documents.submittedAt")} {formatDateTime("de", a.submittedAt)}
                      </span>
                    </p>
                    <p>
                      {t("work.review.title")}: {a.review ? t(`work.review.${a.review.decision}`) : t("work.review.none")}
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
                        <div className="button-row">
                          <button
                            type="submit"
                            name="decision"
                            value="accepted"
                            className="button button--secondary"
                            data-shortcut={a.id === firstUnreviewed ? "accept" : undefined}
                            aria-keyshortcuts={shortcuts && a.id === firstUnreviewed ? "Alt+Shift+A" : undefined}
                            disabled={navigation.state === "submitting"}
                          >
                            {t("work.review.accept")}
                            <span className="visually-hidden">: {a.filename}</span>
                          </button>
                          <button
                            type="submit"
                            name="decision"
                            value="rejected"
                            className="button button--secondary"
                            data-shortcut={a.id === firstUnreviewed ? "reject" : undefined}
                            disabled={navigation.state === "submitting"}
                          >
                            {t("work.review.reject")}
                            <span className="visually-hidden">: {a.filename}</span>
                          </button>
                        </div>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section id="anforderungen" aria-labelledby="anforderungen-title" className="case-section">
            <h2 id="anforderungen-title">{t("work.requests.title")}</h2>
            {saved("anforderung", "work.requests.saved")}
            {requests.length === 0 ? (
              <p>{t("work.requests.none")}</p>
            ) : (
              <StaffTable
                id="requests"
                stack
                caption={t("work.requests.caption")}
                columns={[t("work.requests.category"), t("work.requests.description"), t("work.requests.status"), t("work.status.by")]}
              >
                {requests.map((r) => (
                  <tr key={r.id}>
                    <td data-label={t("work.requests.category")}>
                      <span>
                        {r.label}
                        {r.member ? (
                          <>
                            <br />
                            {t("work.documents.forMember")} <bdi>{r.member}</bdi>
                          </>
                        ) : null}
                      </span>
                    </td>
                    <td data-label={t("work.requests.description")}>
                      <span>
                        <bdi>{r.description}</bdi>
                        <br />
                        {t("work.requests.due", {
                          date: formatDate("de", r.dueDate, "medium"),
                        })}
                      </span>
                    </td>
                    <td data-label={t("work.requests.status")}>
                      {r.status === "answered" && r.answeredAt
                        ? t("work.requests.answered", {
                            date: formatDateTime("de", r.answeredAt),
                          })
                        : t("work.requests.open")}
                    </td>
                    <td data-label={t("work.status.by")}>{r.by ? <bdi>{r.by}</bdi> : "–"}</td>
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
                                <input
                                  className="choice__input"
                                  type="checkbox"
                                  id={id}
                                  name="documents"
                                  value={choice.value}
                                  defaultChecked={typedAll("request", "documents").includes(choice.value)}
                                />
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
          </section>

          <section id="stand" aria-labelledby="stand-title" className="case-section">
            <h2 id="stand-title">{t("work.status.title")}</h2>
            {saved("stand", "work.status.saved")}
            <StaffTable id="history" stack caption={t("work.status.caption")} columns={[t("work.status.when"), t("work.status.value"), t("work.status.message"), t("work.status.by")]}>
              {history.map((e) => (
                <tr key={e.id}>
                  <td data-label={t("work.status.when")}>{formatDateTime("de", e.at)}</td>
                  <td data-label={t("work.status.value")}>{e.label}</td>
                  <td data-label={t("work.status.message")}>{e.message ? <bdi>{e.message}</bdi> : "–"}</td>
                  <td data-label={t("work.status.by")}>{e.by ? <bdi>{e.by}</bdi> : e.id === "received" ? t("work.status.byPerson") : "–"}</td>
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
          </section>

          <section aria-labelledby="eckdaten-title" className="case-section">
            <h2 id="eckdaten-title">{t("application.facts")}</h2>
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
            <p>
              <a href={`/backoffice/antraege/${application.id}/akte.zip`} download>
                {t("application.efileZip")}
              </a>
            </p>
            <p>
              <a href={`/backoffice/antraege/${application.id}/akte.pdf`} download>
                {t("application.efilePdf")}
              </a>
            </p>
          </section>

          <section id="tastenkuerzel" aria-labelledby="tastenkuerzel-title" className="case-section">
            <h2 id="tastenkuerzel-title">{t("shortcuts.title")}</h2>
            <p>{shortcuts ? t("shortcuts.on") : t("shortcuts.off")}</p>
            {shortcuts ? (
              <ul>
                <li>{t("shortcuts.next")}</li>
                <li>{t("shortcuts.previous")}</li>
                <li>{t("shortcuts.accept")}</li>
                <li>{t("shortcuts.reject")}</li>
              </ul>
            ) : null}
            <Form method="post" action="/backoffice/tastenkuerzel">
              <CsrfInput />
              <input type="hidden" name="zurueck" value={nav.self} />
              <input type="hidden" name="an" value={shortcuts ? "0" : "1"} />
              <button type="submit" className="button button--secondary">
                {shortcuts ? t("shortcuts.turnOff") : t("shortcuts.turnOn")}
              </button>
            </Form>
          </section>
        </div>

        <div className="case-layout__answers">
          <h2 id="angaben">{t("application.answers")}</h2>
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
      </div>
      {shortcuts ? <StaffShortcuts previous={nav.previous} next={nav.next} /> : null}
    </div>
  );
}
