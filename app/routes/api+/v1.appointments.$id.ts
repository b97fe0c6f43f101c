import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAppointment, methodNotAllowed } from "~/features/appointments/index.server";

// GET /api/v1/appointments/{id}: one appointment with what the person asked for.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getAppointment(request, params.id ?? "");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
