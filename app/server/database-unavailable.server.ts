import type { ServerBuild } from "@remix-run/node";
import { problem } from "~/platform/api/problem.server";
import { databaseErrorCode, DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "~/platform/db/unavailable.server";
import { errorPageResponse } from "~/platform/http/page.server";
import { log } from "~/platform/log/log.server";

// A loader or action that fails because the database is gone, silent or locked (after the
// timeouts and retries of app/platform/db) does not become an HTTP 500: every route's loader and
// action is wrapped here, once, so such an error becomes
// - for the API (/api/…): 503 application/problem+json with Retry-After,
// - for pages: 503 with Retry-After and the translated "briefly unavailable" page (the root
//   error boundary renders it in the person's language; a failed save wrote nothing, its
//   transaction was rolled back).
// Any other error is passed on unchanged (HTTP 500 as before).

type Handler = (args: { request: Request }) => unknown;

export async function unavailableResponse(request: Request): Promise<Response> {
  const retryAfter = String(DATABASE_RETRY_AFTER_SECONDS);
  if (new URL(request.url).pathname.startsWith("/api/")) {
    return problem(503, "Service Unavailable", "The database is briefly unavailable. Please try again in a moment.", undefined, { headers: { "Retry-After": retryAfter } });
  }
  const response = await errorPageResponse(request, 503);
  response.headers.set("Retry-After", retryAfter);
  return response;
}

function guard<T extends Handler>(handler: T): T {
  const guarded = async (args: { request: Request }) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      log().warn({ code: databaseErrorCode(error), method: args.request.method }, "database unavailable: answered 503");
      throw await unavailableResponse(args.request);
    }
  };
  return guarded as unknown as T;
}

/** The server build with every loader and action guarded (see above). */
export function withDatabaseUnavailableAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module } as typeof route.module;
    if (module.loader) module.loader = guard(module.loader as Handler) as typeof module.loader;
    if (module.action) module.action = guard(module.action as Handler) as typeof module.action;
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
