import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, replyToOmbudsMessage } from "~/features/ombuds/index.server";

// POST /api/v1/ombuds/messages/{id}/replies: the Ombudsstelle answers (ombuds:write).
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return replyToOmbudsMessage(request, params.id ?? "");
}
