import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from "./openapi.server";
import { noStoreHeaders } from "~/platform/http/cache-control.server";

// The one builder of RFC 9457 problem details responses (application/problem+json). The
// schema and the document's problem responses are in ./openapi.server; API adapters import
// `problem` from ./api.server, which re-exports it.

export interface ProblemOptions {
  /** A problem type URI; default: the validation type when `errors` is given, else "about:blank". */
  type?: string;
  /** Extra headers (Retry-After, Allow, Content-Language …). */
  headers?: Record<string, string>;
}

/** An RFC 9457 `application/problem+json` response; never cached. */
export function problem(status: number, title: string, detail: string, errors?: Array<{ path: string; message: string }>, options: ProblemOptions = {}): Response {
  const body: Problem = {
    type: options.type ?? (errors?.length ? PROBLEM_TYPES.validation : "about:blank"),
    title,
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...noStoreHeaders, ...options.headers },
  });
}

/** 404 for the API (problem+json); `detail` says what was not found. Pages use pageNotFound(). */
export function apiNotFound(detail: string): Response {
  return problem(404, "Not Found", detail);
}

/** 405 with the Allow header. */
export function methodNotAllowed(allowed: string[]): Response {
  return problem(405, "Method Not Allowed", `This endpoint accepts ${allowed.join(", ")}.`, undefined, {
    headers: { Allow: allowed.join(", ") },
  });
}
