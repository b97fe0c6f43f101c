import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalText, PlanLabel } from "~/components/cases";
import { FileUpload } from "~/components/file-upload";
import { CsrfInput, ErrorSummary, TextArea, type FieldError } from "~/components/forms";
import { toBerlin } from "~/domain/appointments/time";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { HELP_MESSAGE_MAX } from "~/domain/cases/limits";
import { markTaskDone, ownTask, requestHelp } from "~/features/cases/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { fixedT } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { handleFormUpload } from "~/features/documents/index.server";

export const meta = pageMeta;

// One task of the Kooperationsplan (one occurrence of a recurring task): its German text and
// legal consequences with a plain explanation beside them, evidence upload and "mark as done"
// in one form (multipart, works without JavaScript), and "I need help with this".

const FLASH = { erledigt: "task.markedDone", hochgeladen: "task.uploaded", hilfe: "task.helpSent" } as const;

function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const own = await ownTask(session.userId, params.taskId ?? "");
  if (!own) throw notFound();
  const page = await pageI18n(request, ["case", "uploads"], "case:title");
  const hinweis = new URL(request.url).searchParams.get("hinweis");
  const { task, occurrence, view } = own;
  return json(
    {
      ...page,
      label: view.label,
      task: {
        title: task.title,
        description: task.description ?? null,
        kind: task.kind,
        evidenceRequired: task.evidenceRequired,
        legalConsequences: task.legalConsequences,
        explanation: task.explanations?.[page.lng] ?? null,
      },
      occurrence: {
        id: occurrence.id,
        dueDate: occurrence.dueDate,
        status: occurrence.status,
        completedDay: occurrence.completedAt ? toBerlin(occurrence.completedAt).date : null,
        evidence: occurrence.evidence.map((e) => ({ id: e.id, filename: e.filename })),
        helpRequests: occurrence.helpRequests.map((h) => ({ id: h.id, message: h.message, day: toBerlin(h.createdAt).date })),
      },
      others: task.occurrences.length > 1 ? task.occurrences.map((o) => ({ id: o.id, dueDate: o.dueDate, status: o.status })) : [],
      flash: hinweis && hinweis in FLASH ? FLASH[hinweis as keyof typeof FLASH] : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** A refusal from the document pipeline, as a key the page can translate. */
function uploadError(error: { key: string; params: Record<string, string | number> } | undefined): FieldError {
  if (!error) return "case:task.evidenceFailed";
  const key = error.key.replace(/^documents:/, "uploads:");
  const t = fixedT("de", ["uploads"]);
  return t(key.replace(/^uploads:/, ""), { defaultValue: "" }) ? { key, params: error.params } : "case:task.evidenceFailed";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const taskId = params.taskId ?? "";
  const own = await ownTask(session.userId, taskId);
  if (!own) throw notFound();
  const here = `/mein-fall/aufgaben/${taskId}`;

  if (/multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const { fields, results } = await handleFormUpload(request, { ownerUserId: session.userId, context: { kind: "task", id: taskId } });
    const failed = results.find((r) => !r.ok);
    if (failed) return json({ errors: { evidence: uploadError(failed.error) } as Record<string, FieldError>, help: "" }, { status: 400 });
    const uploaded = results.some((r) => r.ok);
    if (fields.intent === "done") {
      const done = await markTaskDone(session.userId, taskId);
      if (!done.ok && done.problem === "evidence-missing") return json({ errors: { evidence: "case:task.evidenceMissing" } as Record<string, FieldError>, help: "" }, { status: 400 });
      if (!done.ok) throw notFound();
      return redirect(`${here}?hinweis=erledigt`);
    }
    if (!uploaded) return json({ errors: { evidence: "case:task.noFile" } as Record<string, FieldError>, help: "" }, { status: 400 });
    return redirect(`${here}?hinweis=hochgeladen`);
  }

  const form = await request.formData();
  await verifyCsrf(request, form);
  const raw = form.get("message");
  const message = typeof raw === "string" ? raw.trim() : "";
  if (!message) return json({ errors: { message: "case:task.helpRequired" } as Record<string, FieldError>, help: "" }, { status: 400 });
  if (message.length > HELP_MESSAGE_MAX) return json({ errors: { message: { key: "case:task.helpTooLong", params: { max: HELP_MESSAGE_MAX } } } as Record<string, FieldError>, help: message }, { status: 400 });
  await requestHelp(session.userId, taskId, message);
  return redirect(`${here}?hinweis=hilfe`);
}

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
