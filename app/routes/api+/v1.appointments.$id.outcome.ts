import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, recordAppointmentOutcome } from "~/features/appointments/index.server";

// POST /api/v1/appointments/{id}/outcome: attended or missed (missed: mail and second chance).
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return recordAppointmentOutcome(request, params.id ?? "");
}
