import { json } from "@remix-run/node";
import { publicCacheHeaders } from "~/platform/http/cache-control.server";
import { openApiDocument } from "~/platform/api/openapi.server";

// The OpenAPI 3.1 document of the API, generated from the zod schemas (app/platform/api/openapi.server.ts; features add their sections in app/server/compose.server.ts).
export function loader() {
  return json(openApiDocument(), { headers: publicCacheHeaders(300) });
}
