import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, postApplicationStatus } from "~/features/application/index.server";

// POST /api/v1/applications/{id}/status: the back office sets the processing status (with a message).
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return postApplicationStatus(request, params.id ?? "");
}
