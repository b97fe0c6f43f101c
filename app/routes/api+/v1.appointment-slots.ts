import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createAppointmentSlot, listAppointmentSlots, methodNotAllowed } from "~/features/appointments/index.server";

// GET /api/v1/appointment-slots (list), POST /api/v1/appointment-slots (offer a slot).
export function loader({ request }: LoaderFunctionArgs) {
  return listAppointmentSlots(request);
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  return createAppointmentSlot(request);
}
