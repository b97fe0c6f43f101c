import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listDocumentRequests, methodNotAllowed, postDocumentRequest } from "~/features/application/index.server";

// GET/POST /api/v1/applications/{id}/document-requests: the back office asks for documents.
export function loader({ request, params }: LoaderFunctionArgs) {
  return listDocumentRequests(request, params.id ?? "");
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  return postDocumentRequest(request, params.id ?? "");
}
