import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { isProduction } from "~/platform/config/env.server";
import { randomToken } from "~/platform/crypto/keys.server";
import { errorPageResponse } from "./page.server";

// CSRF protection for every state-changing form: a double-submit token (cookie + hidden field)
// and, where the browser sends one, an Origin that matches the portal's own. A refused request
// gets the 403 page (the routes' error boundary, in the visitor's language), never an error log.
export const CSRF_FIELD = "_csrf";

const csrfCookie = createCookie("csrf", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  get secure() {
    return isProduction();
  },
});

/** Returns the token for this visitor, and a Set-Cookie header when a new one was issued. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing, setCookie: null };
  const token = randomToken(24);
  return { token, setCookie: await csrfCookie.serialize(token) };
}

export class CsrfError extends Error {
  constructor() {
    super("CSRF check failed");
    this.name = "CsrfError";
  }
}

/**
 * Set by the HTTP layer (app/server/portal.server.ts) on a form post whose Origin it refused,
 * after removing the Origin: Remix compares Origin with the host itself and throws (an HTTP 500)
 * when they differ, before the action could answer 403. Any value a client sends is removed.
 */
export const ORIGIN_REFUSED_HEADER = "x-portal-origin-refused";

/**
 * Whether an Origin header names this portal: the host of X-Forwarded-Host (its first value) or
 * else of Host, as Remix compares them. "null" (sandboxed frames, some redirects, privacy
 * settings) and anything that is not a URL are refused.
 */
export function originMatchesHost(origin: string, forwardedHost: string | null | undefined, host: string | null | undefined): boolean {
  if (origin === "null") return false;
  const expected = forwardedHost?.split(",")[0]?.trim() || host;
  if (!expected) return false;
  try {
    return new URL(origin).host === expected;
  } catch {
    return false;
  }
}

function sameOrigin(request: Request): boolean {
  if (request.headers.has(ORIGIN_REFUSED_HEADER)) return false;
  const origin = request.headers.get("Origin");
  if (origin === null) return true; // not sent (non-browser clients, older browsers): the token decides
  return originMatchesHost(origin, request.headers.get("X-Forwarded-Host"), request.headers.get("Host"));
}

function tokenMatches(request: Request, cookieToken: unknown, formToken: unknown): boolean {
  return (
    sameOrigin(request) &&
    typeof cookieToken === "string" &&
    typeof formToken === "string" &&
    cookieToken.length === formToken.length &&
    crypto.timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken))
  );
}

/**
 * Throws the 403 page (translated, status 403; no error log) when the form's token does not
 * match the visitor's cookie or the post came from another origin.
 */
export async function verifyCsrf(request: Request, form: FormData): Promise<void> {
  const cookieToken = await csrfCookie.parse(request.headers.get("Cookie"));
  if (!tokenMatches(request, cookieToken, form.get(CSRF_FIELD))) throw await errorPageResponse(request, 403);
}

/** The header that carries the CSRF token on script requests (uploads): the same token as the form field. */
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * For requests sent by script (fetch/XHR: JSON and chunk uploads): the token comes in the
 * X-CSRF-Token header instead of a form field. Throws a plain 403 response (the script shows
 * its own message).
 */
export async function verifyCsrfHeader(request: Request): Promise<void> {
  const cookieToken = await csrfCookie.parse(request.headers.get("Cookie"));
  if (!tokenMatches(request, cookieToken, request.headers.get(CSRF_HEADER))) throw new Response("Forbidden", { status: 403 });
}
