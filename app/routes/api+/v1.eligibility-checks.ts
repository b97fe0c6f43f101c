import type { ActionFunctionArgs } from "@remix-run/node";
import { handleEligibilityCheck, methodNotAllowed } from "~/features/eligibility/index.server";

// POST /api/v1/eligibility-checks: the anonymous Bürgergeld pre-check as JSON (contract
// eligibility-check.v1.md). Everything but POST is answered with 405.
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, context }: ActionFunctionArgs) {
  return handleEligibilityCheck(request, context.clientIp);
}
