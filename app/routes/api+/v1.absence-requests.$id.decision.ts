import type { ActionFunctionArgs } from "@remix-run/node";
import { decideAbsenceEndpoint } from "~/features/absence/index.server";
import { methodNotAllowed } from "~/platform/api/api.server";

// POST /api/v1/absence-requests/{id}/decision: the Jobcenter's decision.
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return decideAbsenceEndpoint(request, params.id ?? "");
}
