import { isRouteErrorResponse } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { RootLoaderData } from "~/root";

/**
 * The root data carried by an error response (platform/http/page.server.ts errorPageResponse):
 * when an action refuses a request, the root loader does not run, and the error page takes its
 * language and translations from the error instead.
 */
export function errorPageData(error: unknown): SerializeFrom<RootLoaderData> | null {
  if (!isRouteErrorResponse(error)) return null;
  const data = error.data as { errorPage?: unknown } | null;
  return data && typeof data === "object" && data.errorPage === true ? (data as unknown as SerializeFrom<RootLoaderData>) : null;
}
