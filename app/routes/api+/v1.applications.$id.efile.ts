import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApplicationEfile, methodNotAllowed } from "~/features/application/index.server";

// GET /api/v1/applications/{id}/efile: the e-file bundle (ZIP) for a DMS import.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getApplicationEfile(request, params.id ?? "");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
