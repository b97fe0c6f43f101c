import { json, type HeadersFunction } from "@remix-run/node";
import { CACHE_CONTROL, noStoreHeaders } from "~/platform/http/cache-control.server";
import { createSession, destroySession } from "~/platform/http/session.server";
import { retryMinutes, type Failure, type FormAnswer } from "./accounts.server";

// The accounts' HTTP edge: the session cookie around the services (which take plain values),
// and the answers and headers of the account forms.

/** A new session key on every sign-in (no session fixation): this browser's older one ends. */
export async function startSession(request: Request, userId: string): Promise<string> {
  await destroySession(request);
  return createSession(userId);
}

/** Ends this browser's session; returns the Set-Cookie that clears the cookie. */
export function signOut(request: Request): Promise<string> {
  return destroySession(request);
}

/** The 400/429 answer of an account form (the page renders again with the errors). */
export function answerForm(failure: Pick<Failure, "status" | "errors" | "retryAfterSeconds">, values: Record<string, string> = {}) {
  const headers = new Headers(noStoreHeaders);
  if (failure.retryAfterSeconds) headers.set("Retry-After", String(failure.retryAfterSeconds));
  const retry = failure.retryAfterSeconds ? retryMinutes(failure.retryAfterSeconds) : null;
  return json<FormAnswer>({ errors: failure.errors, values, retryMinutes: retry }, { status: failure.status, headers });
}

/**
 * `export const headers = accountHeaders` in account routes: a document response only carries
 * what a route's headers() passes on, so Retry-After (429) and no-store reach the browser.
 */
export const accountHeaders: HeadersFunction = ({ parentHeaders, loaderHeaders, actionHeaders }) => {
  const merged = new Headers(parentHeaders);
  for (const source of [loaderHeaders, actionHeaders]) {
    for (const name of [CACHE_CONTROL, "Retry-After", "Referrer-Policy"]) {
      const value = source.get(name);
      if (value) merged.set(name, value);
    }
  }
  return merged;
};
