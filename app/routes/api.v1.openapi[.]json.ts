import { json } from "@remix-run/node";
import { openApiDocument } from "~/server/api-catalogue.server";

// The OpenAPI 3.1 document of the API, generated from the zod schemas (app/server/openapi.server.ts).
export function loader() {
  return json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
