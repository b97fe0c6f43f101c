import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { isProduction } from "~/platform/config/env.server";
import { randomToken } from "~/platform/crypto/keys.server";

// CSRF protection for every state-changing form: a double-submit token (cookie + hidden field)
// and, where the browser sends one, an Origin that matches the portal's own.
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

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return origin !== "null";
  const host = request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Throws a 403 response when the form's token does not match the visitor's cookie. */
export async function verifyCsrf(request: Request, form: FormData): Promise<void> {
  const cookieToken = await csrfCookie.parse(request.headers.get("Cookie"));
  const formToken = form.get(CSRF_FIELD);
  const valid =
    sameOrigin(request) &&
    typeof cookieToken === "string" &&
    typeof formToken === "string" &&
    cookieToken.length === formToken.length &&
    crypto.timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken));
  if (!valid) throw new Response("Forbidden", { status: 403 });
}

/** The header that carries the CSRF token on script requests (uploads): the same token as the form field. */
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * For requests sent by script (fetch/XHR: JSON and chunk uploads): the token comes in the
 * X-CSRF-Token header instead of a form field. Throws a 403 response like verifyCsrf.
 */
export async function verifyCsrfHeader(request: Request): Promise<void> {
  const form = new FormData();
  const header = request.headers.get(CSRF_HEADER);
  if (header) form.set(CSRF_FIELD, header);
  await verifyCsrf(request, form);
}
