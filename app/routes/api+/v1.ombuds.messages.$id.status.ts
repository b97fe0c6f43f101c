import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, setOmbudsMessageStatus } from "~/features/ombuds/index.server";

// POST /api/v1/ombuds/messages/{id}/status (ombuds:write).
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return setOmbudsMessageStatus(request, params.id ?? "");
}
