import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, setIdentifiersEndpoint } from "~/features/cases/index.server";

// PUT /api/v1/applications/{id}/identifiers: Kundennummer and BG-Nummer; links the applicant to the case.
export function loader() {
  return methodNotAllowed(["PUT"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed(["PUT"]);
  return setIdentifiersEndpoint(request, params.id ?? "");
}
