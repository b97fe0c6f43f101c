import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { requestItem } from "~/domain/application/documents";
import {
  applicationDocuments,
  applicationUploadAction,
  uploadFeedbackStatus,
  handOverNewDocuments,
  memberNames,
  statusHistory,
  NO_STORE,
  requireOwnApplication,
  applicationContact,
} from "~/features/application/index.server";
import { getTraeger } from "~/config/traeger";
import { getDb } from "~/platform/db/db.server";
import { uploadLimits } from "~/features/documents/index.server";
import { pageI18n } from "~/platform/http/page.server";

// Loader and action of a submitted application's status page ($id.status.tsx): history,
// document requests with their files, the checklist's states; the action takes uploads.

function usualWeeks(): { min: number; max: number } | null {
  const weeks = getTraeger().limits.usualProcessingWeeks;
  return weeks ? { min: weeks.min, max: weeks.max } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, application } = await requireOwnApplication(request, params.id);
  if (application.status !== "submitted") throw redirect(`/antrag/${application.id}`);
  await handOverNewDocuments(session.userId, application.id);
  const { requests, documents, checklist, progress, reviews } = await applicationDocuments(application);
  const names = memberNames(application.data);
  const history = await statusHistory(await getDb(), application);
  return json(
    {
      ...(await pageI18n(request, ["application", "uploads"], "uploads:status.title")),
      contact: applicationContact(application),
      application: { id: application.id, reference: application.reference, antragsdatum: application.antragsdatum },
      history: [...history].reverse(),
      requests: requests.map((r) => ({
        ...r,
        member: r.memberId ? (names[r.memberId] ?? null) : null,
        files: documents.filter((d) => d.context.item === requestItem(r.id)).map((d) => ({ id: d.id, filename: d.filename, size: d.size, review: reviews[d.id]?.decision ?? null })),
        progress: progress[requestItem(r.id)] ?? null,
      })),
      // Every required proof with its state (missing, uploaded, accepted, asked again) and due date.
      checklist: checklist
        .filter((e) => e.required || e.documentCount > 0)
        .map((e) => ({
          id: e.id,
          category: e.category,
          member: e.memberId ? (names[e.memberId] ?? null) : null,
          state: progress[e.id]?.state ?? "missing",
          dueDate: progress[e.id]?.dueDate ?? null,
          reason: progress[e.id]?.reason ?? null,
        })),
      maxMb: uploadLimits().maxFileMb,
      // How long a decision usually takes (Träger configuration; null = not known).
      usualWeeks: usualWeeks(),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, application } = await requireOwnApplication(request, params.id);
  if (application.status !== "submitted") throw redirect(`/antrag/${application.id}`);
  const feedback = await applicationUploadAction(request, application, session.userId);
  return json(feedback, { status: uploadFeedbackStatus(feedback), headers: NO_STORE });
}
