import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApplicationPdf, methodNotAllowed } from "~/features/application/index.server";

// GET /api/v1/applications/{id}/pdf: the pre-filled German application PDF.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getApplicationPdf(request, params.id ?? "");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
