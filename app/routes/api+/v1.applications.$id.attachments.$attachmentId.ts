import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApplicationAttachment, methodNotAllowed } from "~/features/application/index.server";

// GET /api/v1/applications/{id}/attachments/{attachmentId}: the decrypted file (SHA-512 as listed).
export function loader({ request, params }: LoaderFunctionArgs) {
  return getApplicationAttachment(request, params.id ?? "", params.attachmentId ?? "");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
