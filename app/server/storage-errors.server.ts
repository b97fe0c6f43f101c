import type { ServerBuild } from "@remix-run/node";
import { problem } from "~/platform/api/problem.server";
import { log } from "~/platform/log/log.server";
import { errorPageResponse } from "~/platform/http/page.server";
import { storageErrorCode } from "~/platform/storage/storage.server";

// A full disk (or a failing one) is not a bug of the page that hit it: every route's loader and
// action is wrapped once, here, so that a storage error (ENOSPC, EDQUOT, EIO, SQLITE_FULL …)
// becomes a translated "storage is full, please try again later; nothing you entered is lost"
// page (507) for people and a 507 problem+json for the API, logged with its code and the route
// only (never the error text, which may quote input). Other errors pass unchanged.

type Handler = (args: { request: Request; params: unknown; context: unknown }) => unknown;

async function storageAnswer(error: unknown, request: Request, routeId: string): Promise<Response | null> {
  const code = storageErrorCode(error);
  if (!code) return null;
  log().warn({ event: "storage-full", code, route: routeId }, "storage full");
  if (routeId.startsWith("routes/api+/")) {
    return problem(507, "Insufficient Storage", "The portal's storage is full at the moment. Nothing was changed; please try again later.", undefined, { headers: { "Retry-After": "120" } });
  }
  return errorPageResponse(request, 507);
}

function wrap(handler: Handler | undefined, routeId: string): Handler | undefined {
  if (!handler) return undefined;
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      const answer = await storageAnswer(error, args.request, routeId);
      if (answer) throw answer;
      throw error;
    }
  };
}

/** The build with every route's loader and action wrapped (see above). */
export function withStorageErrorPages(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = route.module as typeof route.module & { loader?: Handler; action?: Handler };
    routes[id] = { ...route, module: { ...module, loader: wrap(module.loader, id), action: wrap(module.action, id) } as typeof route.module };
  }
  return { ...build, routes };
}
