import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createWebhook, listWebhooks, methodNotAllowed } from "~/platform/events/webhooks-api.server";

// GET /api/v1/webhooks (list, no secrets), POST /api/v1/webhooks (subscribe; answers the secret once).
export function loader({ request }: LoaderFunctionArgs) {
  return listWebhooks(request);
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  return createWebhook(request);
}
