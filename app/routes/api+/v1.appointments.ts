import type { LoaderFunctionArgs } from "@remix-run/node";
import { listAppointments, methodNotAllowed } from "~/features/appointments/index.server";

// GET /api/v1/appointments (filters standort, from, to, status).
export function loader({ request }: LoaderFunctionArgs) {
  return listAppointments(request);
}

export function action() {
  return methodNotAllowed(["GET"]);
}
