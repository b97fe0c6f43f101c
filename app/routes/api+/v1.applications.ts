import type { LoaderFunctionArgs } from "@remix-run/node";
import { listApplications, methodNotAllowed } from "~/features/application/index.server";

// GET /api/v1/applications (filters status, standort, submittedSince; cursor pagination).
export function loader({ request }: LoaderFunctionArgs) {
  return listApplications(request);
}

export function action() {
  return methodNotAllowed(["GET"]);
}
