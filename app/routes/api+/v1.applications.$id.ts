import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApplication, methodNotAllowed } from "~/features/application/index.server";

// GET /api/v1/applications/{id}: the whole structured application.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getApplication(request, params.id ?? "");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
