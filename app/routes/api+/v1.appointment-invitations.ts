import type { ActionFunctionArgs } from "@remix-run/node";
import { createAppointmentInvitation, methodNotAllowed } from "~/features/appointments/index.server";

// POST /api/v1/appointment-invitations: propose a slot to an applicant (201 with the appointment).
export function loader() {
  return methodNotAllowed(["POST"]);
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  return createAppointmentInvitation(request);
}
