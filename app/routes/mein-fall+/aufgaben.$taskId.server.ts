import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { FieldError } from "~/components/forms";
import { toBerlin } from "~/domain/appointments/time";
import { HELP_MESSAGE_MAX } from "~/domain/cases/limits";
import { markTaskDone, ownTask, requestHelp } from "~/features/cases/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { fixedT } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { handleFormUpload } from "~/features/documents/index.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of one Kooperationsplan task (aufgaben.$taskId.tsx): the action takes the
// multipart form (evidence upload, "mark as done") or the plain help request.

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
    { headers: privateNoStoreHeaders },
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

  const form = await readForm(request);
  await verifyCsrf(request, form);
  const raw = form.get("message");
  const message = typeof raw === "string" ? raw.trim() : "";
  if (!message) return json({ errors: { message: "case:task.helpRequired" } as Record<string, FieldError>, help: "" }, { status: 400 });
  if (message.length > HELP_MESSAGE_MAX)
    return json({ errors: { message: { key: "case:task.helpTooLong", params: { max: HELP_MESSAGE_MAX } } } as Record<string, FieldError>, help: message }, { status: 400 });
  await requestHelp(session.userId, taskId, message);
  return redirect(`${here}?hinweis=hilfe`);
}
