import type { ActionFunctionArgs } from "@remix-run/node";
import { createCaseEndpoint, methodNotAllowed } from "~/features/cases/index.server";

// POST /api/v1/cases: a case for Kundennummer / BG-Nummer and a one-time activation code.
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return createCaseEndpoint(request);
}
