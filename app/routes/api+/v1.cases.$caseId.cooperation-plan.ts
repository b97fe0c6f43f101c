import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getPlanEndpoint, methodNotAllowed, publishPlanEndpoint } from "~/features/cases/index.server";

// GET/PUT /api/v1/cases/{caseId}/cooperation-plan: the plan with task status and evidence; PUT publishes a new version.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getPlanEndpoint(request, params.caseId ?? "");
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed(["GET", "PUT"]);
  return publishPlanEndpoint(request, params.caseId ?? "");
}
