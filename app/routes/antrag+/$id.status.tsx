import { ChecklistItemName } from "~/components/application";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fileSize, inputIdFor, UploadErrorSummary, UploadForm, type UploadProblem } from "~/components/file-upload";
import { useRootData } from "~/components/layout";
import { CATEGORY_GERMAN, requestItem } from "~/domain/application/documents";
import { formatDate, formatDateTime, formatList, formatWeeksRange } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { action, loader } from "./$id.status.server";
import { Tx } from "~/components/bidi";
import { ReachAPerson } from "~/components/reach-a-person";

export const meta = pageMeta;
export const headers = accountHeaders;

// The status of a submitted application (issue "Online Antrag" § 5, "Back-office API" § 1):
// the history the back office set, with its messages, and its document requests, each with an
// upload form (works without JavaScript).
export { action, loader };

export default function ApplicationStatus() {
  const { application, history, requests, maxMb, checklist, usualWeeks } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation(["uploads", "application", "common"]);
  const lng = useRootData()?.lng ?? "de";
  const problems: UploadProblem[] = (feedback?.errors ?? []).map((e) => ({ target: e.item ? inputIdFor(e.item) : "main", error: e.error }));
  const current = history[0];
  return (
    <div className="page">
      <p className="caption">{t("application:caption")}</p>
      <UploadErrorSummary problems={problems} />
      <h1>{t("uploads:status.title")}</h1>
      {feedback?.uploaded?.length ? (
        <div className="panel-success" role="status">
          <p>{t("uploads:page.success", { names: formatList(lng, feedback.uploaded) })}</p>
        </div>
      ) : null}
      <p>
        <Tx t={t} k="uploads:status.intro" values={{ reference: application.reference, date: formatDate(lng, application.antragsdatum) }} />
      </p>
      {current ? (
        <p>
          {t("uploads:status.current")} <strong className="tag">{t(`uploads:status.values.${current.status}`)}</strong>
        </p>
      ) : null}

      <h2>{t("uploads:status.nextTitle")}</h2>
      <p>{t("uploads:status.next")}</p>
      <p>{usualWeeks ? t("uploads:status.usualTime", { duration: formatWeeksRange(lng, usualWeeks.min, usualWeeks.max) }) : t("uploads:status.usualTimeUnknown")}</p>
      <h3>{t("uploads:status.originalsTitle")}</h3>
      <p>{t("uploads:status.originals")}</p>
      <p>
        <Link to={`/termine/buchen?anliegen=antragsabgabe&antrag=${application.id}`}>{t("uploads:status.originalsBook")}</Link>
      </p>

      <h2>{t("uploads:status.checklistTitle")}</h2>
      <ul className="staff-list">
        {checklist.map((item) => (
          <li key={item.id}>
            <ChecklistItemName category={item.category} member={item.member} />
            {": "}
            <strong className={item.state === "accepted" ? "tag tag--done" : item.state === "asked-again" || item.state === "requested" ? "tag tag--progress" : "tag"}>
              {t(`uploads:checklist.status.${item.state}`)}
            </strong>
            {item.dueDate ? <> {t("uploads:checklist.due", { date: formatDate(lng, item.dueDate) })}</> : null}
            {item.state === "asked-again" && item.reason ? (
              <>
                <br />
                {t("uploads:checklist.reason")} <bdi>{item.reason}</bdi>
              </>
            ) : null}
          </li>
        ))}
      </ul>

      <h2>{t("uploads:status.requestsTitle")}</h2>
      {requests.length === 0 ? <p>{t("uploads:status.noRequests")}</p> : null}
      {requests.map((r) => {
        const label = t(`uploads:categories.${r.category}`);
        const headingId = `request-${r.id}`;
        return (
          <section key={r.id} className="upload-item" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {label}
              {r.member ? (
                <>
                  {" "}
                  (<bdi>{r.member}</bdi>)
                </>
              ) : null}
              {lng !== "de" && lng !== "ls" ? (
                <>
                  {" "}
                  (<span lang="de">{CATEGORY_GERMAN[r.category]}</span>)
                </>
              ) : null}
            </h3>
            <p lang="de">{r.description}</p>
            <p>
              {r.status === "answered" ? (
                <strong className="tag tag--done">{t("uploads:status.requestAnswered")}</strong>
              ) : (
                <strong>{t("uploads:status.requestDue", { date: formatDate(lng, r.dueDate) })}</strong>
              )}
            </p>
            {r.progress?.state === "asked-again" ? (
              <p>
                <strong className="tag tag--progress">{t("uploads:checklist.status.asked-again")}</strong>
                {r.progress.reason ? (
                  <>
                    {" "}
                    {t("uploads:checklist.reason")} <bdi>{r.progress.reason}</bdi>
                  </>
                ) : null}
              </p>
            ) : null}
            {r.files.length ? (
              <ul className="file-list">
                {r.files.map((f) => (
                  <li key={f.id}>
                    <bdi>{f.filename}</bdi> ({fileSize(lng, f.size)}, {t("uploads:page.sent")}
                    {f.review ? `, ${t(f.review === "accepted" ? "uploads:page.fileAccepted" : "uploads:page.fileRejected")}` : ""})
                  </li>
                ))}
              </ul>
            ) : null}
            <UploadForm
              name="files"
              id={inputIdFor(requestItem(r.id))}
              label={t("uploads:status.requestFile")}
              multiple
              camera
              resumable={`/antrag/${application.id}/unterlagen/hochladen`}
              maxMb={maxMb}
              hidden={{ item: requestItem(r.id) }}
              error={feedback?.errors?.find((e) => e.item === requestItem(r.id))?.error}
              buttonLabel={
                <>
                  {t("uploads:page.uploadButton")}
                  <span className="visually-hidden"> {label}</span>
                </>
              }
            />
          </section>
        );
      })}

      <h2>{t("uploads:status.historyTitle")}</h2>
      <ol className="status-history">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{t(`uploads:status.values.${h.status}`)}</strong> – <time dateTime={h.at}>{formatDateTime(lng, h.at)}</time>
            {h.message ? (
              <>
                <br />
                {t("uploads:status.message")} <span lang="de">{h.message}</span>
              </>
            ) : null}
          </li>
        ))}
      </ol>

      <ul className="link-list">
        <li>
          <Link to={`/antrag/${application.id}/unterlagen`}>{t("uploads:status.moreDocuments")}</Link>
        </li>
        <li>
          <Link to={`/antrag/${application.id}/bestaetigung`}>{t("uploads:status.receipt")}</Link>
        </li>
        <li>
          <a href={`/antrag/${application.id}/pdf`} download>
            {t("uploads:status.pdf")}
          </a>
        </li>
      </ul>
      <ReachAPerson />
    </div>
  );
}
