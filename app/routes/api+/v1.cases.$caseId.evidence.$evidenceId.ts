import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvidenceEndpoint, methodNotAllowed } from "~/features/cases/index.server";

// GET /api/v1/cases/{caseId}/evidence/{evidenceId}: an evidence file (audited).
export function loader({ request, params }: LoaderFunctionArgs) {
  return getEvidenceEndpoint(request, params.caseId ?? "", params.evidenceId ?? "");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
