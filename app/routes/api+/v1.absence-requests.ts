import type { LoaderFunctionArgs } from "@remix-run/node";
import { listAbsencesEndpoint } from "~/features/absence/index.server";
import { methodNotAllowed } from "~/platform/api/api.server";

// GET /api/v1/absence-requests: requests to be away, paged.
export function loader({ request }: LoaderFunctionArgs) {
  return listAbsencesEndpoint(request);
}

export function action() {
  return methodNotAllowed(["GET"]);
}
