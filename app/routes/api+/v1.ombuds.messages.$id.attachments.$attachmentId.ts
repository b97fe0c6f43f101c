import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOmbudsAttachment, methodNotAllowed } from "~/features/ombuds/index.server";

// GET /api/v1/ombuds/messages/{id}/attachments/{attachmentId}: a file the sender attached (ombuds:read).
export function loader({ request, params }: LoaderFunctionArgs) {
  return getOmbudsAttachment(request, params.id ?? "", params.attachmentId ?? "");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
