import { z } from "zod";
import { apiSection } from "./openapi.server";

// The portal's own operations (GET /healthz).

export const HealthSchema = z.object({
  status: z.enum(["ok", "unavailable"]).meta({ description: '"ok" when the server and its database answer.' }),
  detail: z.string().optional().meta({ description: "With 503: what does not answer (no personal data)." }),
});

export const systemApi = apiSection();

systemApi.tag("System", "Operation of the portal.");

systemApi.operation({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  summary: "Health check",
  description:
    'Answers 200 with `{ "status": "ok" }` when the server and its database answer, otherwise 503 with `{ "status": "unavailable", "detail": "The database is not reachable." }` — within about 2 seconds (HEALTH_TIMEOUT_MS), also when the database holds the connection open and says nothing. For load balancers, container HEALTHCHECKs and readiness checks.',
  tags: ["System"],
  responses: {
    200: { description: "The server and its database answer.", schema: HealthSchema, name: "Health" },
    503: { description: "The database does not answer.", schema: HealthSchema, name: "Health" },
  },
});
