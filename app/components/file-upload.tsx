import { Form, Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorText, fieldId, LegalTerm, type FieldError } from "./forms";
import { useRootData } from "./layout";
import { Ltr, Tx } from "~/components/bidi";

// A file field in the GOV.UK pattern (label, hint, error linked by aria-describedby). It works
// without JavaScript inside a <Form method="post" encType="multipart/form-data"> whose first
// element is <CsrfInput /> (handleFormUpload checks the token before reading any file).
// Strings: namespace "uploads". Reused by other features (e.g. evidence for tasks).

/** What the document pipeline accepts (recognised by content on the server; this only filters the picker). */
export const DOCUMENT_ACCEPT = "image/jpeg,image/png,image/heic,image/heif,application/pdf,.jpg,.jpeg,.png,.heic,.heif,.pdf";

/** A stable element id for the file input of an item ("identity.p1" → "file-identity-p1"). */
export function inputIdFor(item: string): string {
  return `file-${item.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** "1.2 MB" in the page's language (units translated by Intl). */
export function fileSize(lng: string, bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const unit = mb >= 1 ? "megabyte" : "kilobyte";
  const value = mb >= 1 ? mb : Math.max(1, Math.round(bytes / 1024));
  return new Intl.NumberFormat(lng === "ls" ? "de" : lng, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}

export interface FileUploadProps {
  /** The form field name (several files with `multiple`). */
  name: string;
  label: ReactNode;
  /** Extra hint; the accepted types and the size limit are always said. */
  hint?: ReactNode;
  /** Defaults to photos and PDFs (DOCUMENT_ACCEPT). */
  accept?: string;
  multiple?: boolean;
  /** i18n key (any namespace, e.g. "uploads:errors.tooLarge") or key with params. */
  error?: FieldError;
  /** Maximum size per file in MB, for the hint. */
  maxMb?: number;
  /** Phones: open the camera directly ("environment" = back camera). Leave unset to let people choose. */
  capture?: "environment" | "user";
  /** A visually hidden label part, e.g. which checklist item this input is for. */
  id?: string;
}

export function FileUpload({ name, label, hint, accept = DOCUMENT_ACCEPT, multiple = false, error, maxMb, capture, id }: FileUploadProps) {
  const { t } = useTranslation(["uploads", "common"]);
  const inputId = id ?? fieldId(name);
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={inputId}>
        {label}
      </label>
      <div className="hint" id={hintId}>
        {hint ? <>{hint} </> : null}
        {maxMb ? t("uploads:field.typesAndSize", { maxMb }) : t("uploads:field.types")}
        {multiple ? <> {t("uploads:field.multiple")}</> : null}
      </div>
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
          {errorText(t, error)}
        </p>
      ) : null}
      <input
        className="file-upload"
        type="file"
        id={inputId}
        name={name}
        accept={accept}
        multiple={multiple}
        capture={capture}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/**
 * A whole upload form: CSRF token first (checked before any file is read), hidden fields (e.g.
 * which item the files are for), the file field, and the submit button. Works without JavaScript.
 */
// ---------------------------------------------------------------------------------------------
// Resumable uploads when JavaScript runs: each file in chunks with its own progress, resumed
// after a lost connection at the offset the server reports (protocol: uploads.server.ts).

const CHUNK_BYTES = 1024 * 1024;
const MAX_RETRIES = 8;

interface UploadErrorLike {
  key: string;
  params: Record<string, string | number>;
}

type FileProgress = { name: string; state: "sending"; percent: number } | { name: string; state: "retry" } | { name: string; state: "done" } | { name: string; state: "error"; error: UploadErrorLike };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readError(response: Response, name: string): Promise<UploadErrorLike> {
  const body = (await response.json().catch(() => null)) as { error?: UploadErrorLike } | null;
  return body?.error ?? { key: "uploads:errors.uploadFailed", params: { name } };
}

async function sendResumable(url: string, item: string, file: File, token: string, report: (p: FileProgress) => void): Promise<boolean> {
  const name = file.name;
  const headers = { "X-CSRF-Token": token };
  let response: Response | null = null;
  for (let attempt = 0; attempt <= MAX_RETRIES && !response; attempt++) {
    try {
      response = await fetch(url, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify({ item, filename: name, size: file.size }) });
    } catch {
      report({ name, state: "retry" });
      await sleep(Math.min(30_000, 1000 * 2 ** attempt));
    }
  }
  if (!response) return (report({ name, state: "error", error: { key: "uploads:errors.uploadFailed", params: { name } } }), false);
  if (!response.ok) return (report({ name, state: "error", error: await readError(response, name) }), false);
  let state = (await response.json()) as { id: string; offset: number; size: number; status: string; maxChunkBytes: number; error: UploadErrorLike | null };
  const target = `${url}?upload=${encodeURIComponent(state.id)}`;
  const chunk = Math.min(CHUNK_BYTES, state.maxChunkBytes);
  let failures = 0;
  report({ name, state: "sending", percent: 0 });
  let restarts = 0;
  let polls = 0;
  while (state.status === "open" || state.status === "processing" || (state.status === "failed" && state.error?.key === "uploads:errors.uploadInterrupted" && restarts < 2)) {
    if (state.status === "failed") {
      // The server lost the chunks (it crashed while finishing the file): start over at 0.
      restarts++;
      state = { ...state, status: "open", offset: 0 };
    }
    if (state.status === "processing") {
      // Being finished on the server (or recovered after a crash there): ask again shortly.
      if (++polls > 600) break;
      report({ name, state: "sending", percent: 100 });
      await sleep(1000);
      try {
        const current = await fetch(target, { headers: { Accept: "application/json" } });
        if (current.ok) state = await current.json();
      } catch {
        // offline for a moment: ask again
      }
      continue;
    }
    let answer: Response | null = null;
    try {
      answer = await fetch(target, {
        method: "PATCH",
        headers: { ...headers, "Upload-Offset": String(state.offset), "Content-Type": "application/offset+octet-stream" },
        body: file.slice(state.offset, Math.min(file.size, state.offset + chunk)),
      });
    } catch {
      answer = null;
    }
    if (answer?.ok) {
      state = await answer.json();
      failures = 0;
      report({ name, state: "sending", percent: file.size ? Math.floor((100 * state.offset) / file.size) : 100 });
      continue;
    }
    // A refusal (wrong type, too large …) ends it; a lost connection or a cut-off chunk is resumed.
    // 507: the server's storage is full; the message says to try later (nothing is lost).
    if (answer && ((![400, 409, 429].includes(answer.status) && answer.status < 500) || answer.status === 507)) return (report({ name, state: "error", error: await readError(answer, name) }), false);
    if (++failures > MAX_RETRIES) return (report({ name, state: "error", error: { key: "uploads:errors.uploadFailed", params: { name } } }), false);
    report({ name, state: "retry" });
    await sleep(Math.min(30_000, 500 * 2 ** failures));
    try {
      const current = await fetch(target, { headers: { Accept: "application/json" } });
      if (current.ok) state = await current.json();
    } catch {
      // still offline: the next round tries again
    }
  }
  if (state.status === "complete") return (report({ name, state: "done" }), true);
  report({ name, state: "error", error: state.error ?? { key: "uploads:errors.uploadFailed", params: { name } } });
  return false;
}

export function UploadForm({
  action,
  hidden = {},
  buttonLabel,
  camera = false,
  resumable,
  ...field
}: FileUploadProps & {
  action?: string;
  hidden?: Record<string, string>;
  buttonLabel: ReactNode;
  /** A second field that opens the phone's camera directly (capture); the first keeps the choice of files. */
  camera?: boolean;
  /** With JavaScript: send the files in resumable chunks to this URL (hidden field `item` names the target). */
  resumable?: string;
}) {
  const token = useRootData()?.csrf ?? "";
  const { t } = useTranslation(["uploads"]);
  const revalidator = useRevalidator();
  const [progress, setProgress] = useState<FileProgress[]>([]);
  const [busy, setBusy] = useState(false);
  const cameraId = `${field.id ?? fieldId(field.name)}-camera`;
  const onSubmit = resumable
    ? (event: FormEvent<HTMLFormElement>) => {
        const form = event.currentTarget;
        const files = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="file"]')).flatMap((input) => Array.from(input.files ?? []));
        if (!files.length || busy) return; // nothing chosen: the plain form gets the server's answer
        event.preventDefault();
        setBusy(true);
        const list: FileProgress[] = files.map((f) => ({ name: f.name, state: "sending", percent: 0 }));
        setProgress(list);
        void (async () => {
          let any = false;
          for (const [index, file] of files.entries()) {
            const ok = await sendResumable(resumable, hidden.item ?? "", file, token, (p) => {
              list[index] = p;
              setProgress([...list]);
            });
            any ||= ok;
          }
          form.reset();
          setBusy(false);
          if (any) revalidator.revalidate();
        })();
      }
    : undefined;
  const progressText = (p: FileProgress) =>
    p.state === "sending"
      ? t("uploads:progress.sending", { name: p.name, percent: p.percent })
      : p.state === "retry"
        ? t("uploads:progress.retry", { name: p.name })
        : p.state === "done"
          ? t("uploads:progress.done", { name: p.name })
          : errorText(t, p.error);
  return (
    <Form method="post" encType="multipart/form-data" action={action} className="upload-form" onSubmit={onSubmit}>
      <input type="hidden" name="_csrf" value={token} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FileUpload {...field} />
      {camera ? (
        <div className="form-group">
          <label className="label" htmlFor={cameraId}>
            {t("uploads:field.camera")}
          </label>
          <input className="file-upload" type="file" id={cameraId} name={field.name} accept="image/*" capture="environment" />
        </div>
      ) : null}
      <button type="submit" className="button button--secondary" disabled={busy}>
        {buttonLabel}
      </button>
      <div role="status" aria-label={t("uploads:progress.label")} className="upload-progress">
        {progress.length ? (
          <ul>
            {progress.map((p, i) => (
              <li key={i} className={p.state === "error" ? "field-error" : undefined}>
                {progressText(p)}
                {p.state === "sending" ? <progress max={100} value={p.percent} aria-hidden="true" /> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Form>
  );
}

export interface UploadProblem {
  /** The id of the file input the problem belongs to (the summary links there). */
  target: string;
  error: FieldError;
}

/** Error summary for upload pages: several problems may belong to one file field. */
export function UploadErrorSummary({ problems }: { problems: UploadProblem[] }) {
  const { t } = useTranslation(["uploads", "common"]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length) ref.current?.focus();
  }, [problems]);
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        {t("common:form.errorSummaryTitle")}
      </h2>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <a href={`#${p.target}`}>{errorText(t, p.error)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface ChecklistRow {
  id: string;
  category: string;
  memberId: string | null;
  status: "missing" | "uploaded" | "requested" | "optional";
  documentCount: number;
}

/** "What you will need": the document checklist with each item's state and who it is for. */
/** After submission: the back office's review and the due date per item (application-documents.server.ts). */
export type ChecklistProgress = Record<string, { state: ChecklistRow["status"] | "accepted" | "asked-again"; dueDate: string | null; reason: string | null }>;

export function DocumentChecklist({
  items,
  names,
  uploadHref,
  headingLevel = 2,
  progress,
  formatDay,
}: {
  items: ChecklistRow[];
  names: Record<string, string>;
  uploadHref?: string;
  headingLevel?: 2 | 3;
  progress?: ChecklistProgress;
  formatDay?: (isoDate: string) => string;
}) {
  const { t } = useTranslation(["uploads"]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const css: Record<ChecklistRow["status"] | "accepted" | "asked-again", string> = {
    missing: "tag",
    uploaded: "tag tag--done",
    requested: "tag tag--progress",
    optional: "tag",
    accepted: "tag tag--done",
    "asked-again": "tag tag--progress",
  };
  // The one state of the item (app/domain/application/checklist-state.ts), as the back office sees it too.
  const shown = (item: ChecklistRow) => progress?.[item.id]?.state ?? item.status;
  const dueOf = (item: ChecklistRow): string | null => progress?.[item.id]?.dueDate ?? null;
  return (
    <section aria-labelledby="document-checklist" className="document-checklist">
      <Heading id="document-checklist">{t("uploads:checklist.title")}</Heading>
      <p>{t("uploads:checklist.intro")}</p>
      <p>
        {t("uploads:checklist.warning")} (<LegalTerm k="versagung" />, <Ltr>§ 66 SGB I</Ltr>)
      </p>
      <ul className="task-list">
        {items.map((item) => (
          <li key={item.id} className="task-list__item">
            <span>
              {t(`uploads:categories.${item.category}`)}{" "}
              <span className="caption">
                {item.memberId ? <Tx t={t} k="uploads:checklist.forMember" values={{ name: names[item.memberId] ?? item.memberId }} /> : t("uploads:checklist.forHousehold")}
              </span>
            </span>
            <span>
              <strong className={css[shown(item)]}>{t(`uploads:checklist.status.${shown(item)}`)}</strong>
              {formatDay && dueOf(item) && shown(item) !== "accepted" && shown(item) !== "optional" ? (
                <>
                  {" "}
                  <span className="caption">{t("uploads:checklist.due", { date: formatDay(dueOf(item)!) })}</span>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {uploadHref ? (
        <p>
          <Link to={uploadHref} className="button button--secondary">
            {t("uploads:checklist.upload")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
