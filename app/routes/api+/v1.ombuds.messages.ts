import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listOmbudsMessages, methodNotAllowed } from "~/features/ombuds/index.server";

// GET /api/v1/ombuds/messages (filter status; only ombuds:* keys).
export function loader({ request }: LoaderFunctionArgs) {
  return listOmbudsMessages(request);
}

export function action(_args: ActionFunctionArgs) {
  return methodNotAllowed(["GET"]);
}
