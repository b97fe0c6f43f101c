import { z } from "zod";
import { apiSection } from "./openapi.server";

// The portal's own operations (GET /healthz).

export const HealthSchema = z.object({
  status: z.enum(["ok", "unavailable"]).meta({ description: '"ok" when the server and its database answer.' }),
});

export const systemApi = apiSection();

systemApi.tag("System", "Operation of the portal.");

systemApi.operation({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  summary: "Health check",
  description: 'Answers 200 with `{ "status": "ok" }` when the server and its database answer, 503 otherwise.',
  tags: ["System"],
  responses: {
    200: { description: "The server and its database answer.", schema: HealthSchema, name: "Health" },
    503: { description: "The database does not answer.", schema: HealthSchema, name: "Health" },
  },
});
