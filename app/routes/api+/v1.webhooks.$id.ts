import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { deleteWebhook, getWebhook, methodNotAllowed } from "~/platform/events/webhooks-api.server";

// GET /api/v1/webhooks/{id}, DELETE /api/v1/webhooks/{id}.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getWebhook(request, params.id ?? "");
}

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
  return deleteWebhook(request, params.id ?? "");
}
