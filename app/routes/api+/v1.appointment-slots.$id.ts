import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { deleteAppointmentSlot, getAppointmentSlot, methodNotAllowed } from "~/features/appointments/index.server";

// GET /api/v1/appointment-slots/{id}, DELETE /api/v1/appointment-slots/{id} (409 while booked).
export function loader({ request, params }: LoaderFunctionArgs) {
  return getAppointmentSlot(request, params.id ?? "");
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
  return deleteAppointmentSlot(request, params.id ?? "");
}
