import { apiSection } from "~/platform/api/openapi.server";
import { StandortListSchema } from "./standorte.server";

// GET /api/v1/standorte in the OpenAPI document (served by public-json.server.ts).

export const standorteApi = apiSection();

standorteApi.tag("Standorte", "The Jobcenter's sites open to customers.");

standorteApi.operation({
  method: "get",
  path: "/api/v1/standorte",
  operationId: "listStandorte",
  summary: "List the Standorte open to customers",
  description:
    "The Träger's customer Standorte (sites not open to customers are left out) with the names of the municipalities each serves, " +
    "address and contact fields as configured (null when unknown), accessibility facts and public-transport lines.",
  tags: ["Standorte"],
  responses: {
    200: { description: "All customer Standorte.", schema: StandortListSchema, name: "StandortList" },
  },
});
