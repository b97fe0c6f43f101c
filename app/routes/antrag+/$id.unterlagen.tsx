import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fileSize, inputIdFor, UploadErrorSummary, UploadForm, type UploadProblem } from "~/components/file-upload";
import { CsrfInput, LegalTerm } from "~/components/forms";
import { useRootData } from "~/components/layout";
import { CATEGORY_GERMAN } from "~/domain/application/documents";
import { formatDate, formatList } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { action, loader, type ShownState } from "./$id.unterlagen.server";
import { Ltr, Tx } from "~/components/bidi";
import { isolate } from "~/lib/bidi";
import { ReachAPerson } from "~/components/reach-a-person";

export const meta = pageMeta;
export const headers = accountHeaders;

// Uploads per checklist item (issue "Online Antrag" § 4): one plain multipart form per item,
// so it works without JavaScript and on any phone. Before submission files can be removed;
// afterwards they go to the Jobcenter at once.
export { action, loader };

const TAG_CLASS: Record<ShownState, string> = {
  missing: "tag",
  uploaded: "tag tag--done",
  requested: "tag tag--progress",
  optional: "tag",
  accepted: "tag tag--done",
  "asked-again": "tag tag--progress",
};

export default function Unterlagen() {
  const data = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation(["uploads", "application", "common"]);
  const lng = useRootData()?.lng ?? "de";
  const problems: UploadProblem[] = (feedback?.errors ?? []).map((e) => ({
    target: e.item ? inputIdFor(e.item) : "main",
    error: e.error,
  }));
  return (
    <div className="page">
      <Link to={data.submitted ? `/antrag/${data.id}/status` : `/antrag/${data.id}`} className="back-link">
        {data.submitted ? t("uploads:page.backToStatus") : t("uploads:page.backToTasks")}
      </Link>
      <p className="caption">{t("application:caption")}</p>
      <UploadErrorSummary problems={problems} />
      <h1>{t("uploads:page.title")}</h1>
      {feedback?.uploaded?.length || feedback?.notice ? (
        <div className="panel-success" role="status">
          {feedback.uploaded.length ? (
            <p>
              {t("uploads:page.success", {
                names: formatList(lng, feedback.uploaded),
              })}
            </p>
          ) : null}
          {feedback.notice ? <p>{t(feedback.notice.key, feedback.notice.params)}</p> : null}
        </div>
      ) : null}
      {feedback?.errors?.length ? <p>{t("uploads:page.kept")}</p> : null}
      <p>{data.submitted ? t("uploads:page.afterSubmit") : t("uploads:page.intro")}</p>
      <p>
        {t("uploads:checklist.warning")} (<LegalTerm k="versagung" />, <Ltr>§ 66 SGB I</Ltr>)
      </p>
      {data.checklist.map((entry) => {
        const label = t(`uploads:categories.${entry.category}`);
        const who = entry.memberId
          ? t("uploads:checklist.forMember", {
              name: isolate(data.names[entry.memberId] ?? entry.memberId),
            })
          : t("uploads:checklist.forHousehold");
        const itemLabel = `${label} (${who})`;
        const files = data.documents.filter((d) => d.item === entry.id);
        const photos = files.filter((f) => !f.submitted && f.mediaType === "image/jpeg");
        const headingId = `item-${entry.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
        return (
          <section key={entry.id} className="upload-item" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {label} <span className="caption">{entry.memberId ? <Tx t={t} k="uploads:checklist.forMember" values={{ name: data.names[entry.memberId] ?? entry.memberId }} /> : who}</span>
            </h2>
            <p>
              <strong className={TAG_CLASS[entry.shown]}>{t(`uploads:checklist.status.${entry.shown}`)}</strong>
              {entry.dueDate && entry.shown !== "accepted" && entry.shown !== "optional" ? <> {t("uploads:checklist.due", { date: formatDate(lng, entry.dueDate) })}</> : null}
            </p>
            {entry.shown === "asked-again" && entry.reason ? (
              <p>
                {t("uploads:checklist.reason")} <bdi>{entry.reason}</bdi>
              </p>
            ) : null}
            <p className="hint">
              {t(`uploads:why.${entry.category}`)}
              {lng !== "de" && lng !== "ls" ? (
                <>
                  {" "}
                  {t("uploads:checklist.germanForm")} <span lang="de">{CATEGORY_GERMAN[entry.category]}</span>
                </>
              ) : null}
            </p>
            {files.length ? (
              <>
                <p>{t("uploads:page.uploaded")}</p>
                <ul className="file-list">
                  {files.map((f) => (
                    <li key={f.id}>
                      <bdi>{f.filename}</bdi> ({fileSize(lng, f.size)}, {f.submitted ? t("uploads:page.sent") : t("uploads:page.notSent")}
                      {f.review ? `, ${t(f.review === "accepted" ? "uploads:page.fileAccepted" : "uploads:page.fileRejected")}` : ""})
                      {!f.submitted ? (
                        <Form method="post" className="inline-form">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="documentId" value={f.id} />
                          <button type="submit" className="button button--secondary">
                            {t("uploads:page.remove")}
                            <span className="visually-hidden">
                              {" "}
                              <bdi>{f.filename}</bdi>
                            </span>
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {photos.length >= 2 ? (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="combine" />
                <input type="hidden" name="item" value={entry.id} />
                <button type="submit" className="button button--secondary">
                  {t("uploads:page.combineFor", { item: label })}
                </button>
              </Form>
            ) : null}
            {entry.open ? (
              <UploadForm
                name="files"
                id={inputIdFor(entry.id)}
                label={t("uploads:page.fileLabel", { item: itemLabel })}
                multiple
                camera
                resumable={`/antrag/${data.id}/unterlagen/hochladen`}
                maxMb={data.maxMb}
                hidden={{ item: entry.id }}
                error={feedback?.errors?.find((e) => e.item === entry.id)?.error}
                buttonLabel={
                  <>
                    {t("uploads:page.uploadButton")}
                    <span className="visually-hidden"> {itemLabel}</span>
                  </>
                }
              />
            ) : null}
          </section>
        );
      })}
      <p>
        <Link to={data.submitted ? `/antrag/${data.id}/status` : `/antrag/${data.id}`} className="button">
          {data.submitted ? t("uploads:page.backToStatus") : t("uploads:page.backToTasks")}
        </Link>
      </p>
      <ReachAPerson />
    </div>
  );
}
