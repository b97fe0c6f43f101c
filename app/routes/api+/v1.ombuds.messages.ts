import type { LoaderFunctionArgs } from "@remix-run/node";
import { listOmbudsMessages, methodNotAllowed } from "~/features/ombuds/index.server";

// GET /api/v1/ombuds/messages (filter status; only ombuds:* keys).
export function loader({ request }: LoaderFunctionArgs) {
  return listOmbudsMessages(request);
}

export function action() {
  return methodNotAllowed(["GET"]);
}
