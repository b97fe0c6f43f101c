import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalText, PlanLabel } from "~/components/cases";
import { FileUpload } from "~/components/file-upload";
import { CsrfInput, ErrorSummary, TextArea } from "~/components/forms";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { HELP_MESSAGE_MAX } from "~/domain/cases/limits";
import { action, loader } from "./aufgaben.$taskId.server";

export const meta = pageMeta;

// One task of the Kooperationsplan (one occurrence of a recurring task): its German text and
// legal consequences with a plain explanation beside them, evidence upload and "mark as done"
// in one form (multipart, works without JavaScript), and "I need help with this".
export { action, loader };

export default function Task() {
  const { label, task, occurrence, others, flash, lng } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("case");
  const busy = navigation.state === "submitting";
  const open = occurrence.status === "open";
  return (
    <div className="page">
      <Link to="/mein-fall" className="back-link">
        {t("task.back")}
      </Link>
      <ErrorSummary errors={answer?.errors} ns="case" />
      {flash ? (
        <div className="notice notice--success" role="status">
          <p>{t(flash)}</p>
        </div>
      ) : null}
      <p>
        <PlanLabel label={label} />
      </p>
      <h1 lang="de">{task.title}</h1>
      <dl className="summary-list">
        <dt>{t("task.kind")}</dt>
        <dd>{t(`task.kinds.${task.kind}`)}</dd>
        {occurrence.dueDate ? (
          <>
            <dt>{t("task.dueLabel")}</dt>
            <dd>{formatDate(lng, occurrence.dueDate)}</dd>
          </>
        ) : null}
        <dt>{t("task.status")}</dt>
        <dd>
          {open ? (
            <span className="tag tag--progress">{t("plan.statusOpen")}</span>
          ) : (
            <>
              <span className="tag tag--done">{t("plan.statusDone")}</span> {occurrence.completedDay ? t("task.doneOn", { date: formatDate(lng, occurrence.completedDay) }) : null}
            </>
          )}
        </dd>
      </dl>
      {task.description ? (
        <>
          <p className="hint">{t("plan.germanText")}</p>
          <p lang="de">{task.description}</p>
        </>
      ) : null}
      <h2>{t("legal.consequencesHeading")}</h2>
      <LegalText german={task.legalConsequences} explanation={task.explanation ?? t("legal.consequencesPlain")} />

      <h2 id="nachweis">{t("task.evidenceHeading")}</h2>
      <p>{task.evidenceRequired ? t("task.evidenceNeeded") : t("task.evidenceOptional")}</p>
      <h3>{t("task.evidenceList")}</h3>
      {occurrence.evidence.length ? (
        <ul>
          {occurrence.evidence.map((e) => (
            <li key={e.id}>{e.filename}</li>
          ))}
        </ul>
      ) : (
        <p>{t("task.evidenceNone")}</p>
      )}
      {open ? (
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsrfInput />
          <FileUpload name="evidence" label={t("task.fileLabel")} error={answer?.errors.evidence} />
          <div className="button-group">
            <button type="submit" name="intent" value="done" className="button" disabled={busy}>
              {t("task.markDone")}
            </button>
            <button type="submit" name="intent" value="upload" className="button button--secondary" disabled={busy}>
              {t("task.uploadOnly")}
            </button>
          </div>
        </Form>
      ) : null}

      <h2 id="hilfe">{t("task.helpHeading")}</h2>
      {occurrence.helpRequests.length ? (
        <>
          <h3>{t("task.helpEarlier")}</h3>
          <ul>
            {occurrence.helpRequests.map((h) => (
              <li key={h.id}>
                {formatDate(lng, h.day)}: {h.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" noValidate>
        <CsrfInput />
        <TextArea name="message" label={t("task.helpLabel")} error={answer?.errors.message} defaultValue={answer?.help} rows={4} maxLength={HELP_MESSAGE_MAX} />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t("task.helpSubmit")}
        </button>
      </Form>

      {others.length ? (
        <>
          <h2>{t("task.otherDates")}</h2>
          <ul>
            {others.map((o) => (
              <li key={o.id}>
                {o.id === occurrence.id ? (
                  <strong aria-current="page">{o.dueDate ? formatDate(lng, o.dueDate) : t("plan.noDate")}</strong>
                ) : (
                  <Link to={`/mein-fall/aufgaben/${o.id}`}>{o.dueDate ? formatDate(lng, o.dueDate) : t("plan.noDate")}</Link>
                )}{" "}
                – {o.status === "done" ? t("plan.statusDone") : t("plan.statusOpen")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
