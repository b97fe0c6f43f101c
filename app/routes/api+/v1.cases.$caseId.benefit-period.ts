import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getBenefitPeriodEndpoint, methodNotAllowed, setBenefitPeriodEndpoint } from "~/features/cases/index.server";

// GET/PUT /api/v1/cases/{caseId}/benefit-period: the approval period (Bewilligungszeitraum) and where the renewal stands.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getBenefitPeriodEndpoint(request, params.caseId ?? "");
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed(["GET", "PUT"]);
  return setBenefitPeriodEndpoint(request, params.caseId ?? "");
}
