import type { ActionFunctionArgs } from "@remix-run/node";
import { cancelAppointment, methodNotAllowed } from "~/features/appointments/index.server";

// POST /api/v1/appointments/{id}/cancel: the back office cancels; the place is free at once.
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return cancelAppointment(request, params.id ?? "");
}
