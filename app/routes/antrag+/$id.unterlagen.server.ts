import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ChecklistEntry } from "~/domain/application/documents";
import type { ChecklistItemState } from "~/domain/application/checklist-state";
import {
  applicationDocuments,
  applicationUploadAction,
  uploadFeedbackStatus,
  handOverNewDocuments,
  memberNames,
  NO_STORE,
  requireOwnApplication,
  applicationContact,
} from "~/features/application/index.server";
import { uploadLimits } from "~/features/documents/index.server";
import { pageI18n } from "~/platform/http/page.server";

// Loader and action of the Antrag's documents page ($id.unterlagen.tsx): the checklist with what
// the back office made of each proof, the files; the action takes an upload or a removal.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, application } = await requireOwnApplication(request, params.id);
  // Catch up a hand-over interrupted between upload and commit.
  if (application.status === "submitted") await handOverNewDocuments(session.userId, application.id);
  const { checklist, leftovers, documents, progress, reviews } = await applicationDocuments(application);
  return json(
    {
      ...(await pageI18n(request, ["application", "uploads"], "uploads:page.title")),
      contact: applicationContact(application),
      id: application.id,
      submitted: application.status === "submitted",
      maxMb: uploadLimits().maxFileMb,
      names: memberNames(application.data),
      checklist: [...checklist.map((e) => ({ ...e, open: true })), ...leftovers.map((e) => ({ ...e, open: false }))].map((e) => ({
        ...e,
        shown: shownState(e.status, progress[e.id]?.state),
        dueDate: progress[e.id]?.dueDate ?? null,
        reason: progress[e.id]?.reason ?? null,
      })),
      documents: documents.map((d) => ({
        id: d.id,
        item: d.context.item ?? null,
        filename: d.filename,
        mediaType: d.mediaType,
        size: d.size,
        submitted: Boolean(d.submittedAt),
        review: reviews[d.id]?.decision ?? null,
      })),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, application } = await requireOwnApplication(request, params.id);
  const feedback = await applicationUploadAction(request, application, session.userId);
  return json(feedback, {
    status: uploadFeedbackStatus(feedback),
    headers: NO_STORE,
  });
}

export type ShownState = ChecklistEntry["status"] | "accepted" | "asked-again";

/** The state the person sees: the one state of the item (checklist-state.ts), which the back office sees too. */
function shownState(status: ChecklistEntry["status"], state: ChecklistItemState | undefined): ShownState {
  return state ?? status;
}
