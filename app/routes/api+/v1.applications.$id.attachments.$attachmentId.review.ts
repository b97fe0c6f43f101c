import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, postAttachmentReview } from "~/features/application/index.server";

// POST /api/v1/applications/{id}/attachments/{attachmentId}/review: accept a handed-over
// document or ask for it again (with a reason the applicant reads).
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return postAttachmentReview(request, params.id ?? "", params.attachmentId ?? "");
}
