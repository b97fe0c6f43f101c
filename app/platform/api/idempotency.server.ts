import crypto from "node:crypto";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import { canonicalJson } from "~/platform/audit/audit.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import type { Executor } from "~/platform/db/write.server";
import { problem } from "./problem.server";
import { periodic } from "~/platform/jobs/scheduler.server";

// Idempotent writes (contract: "Write endpoints accept an Idempotency-Key header: the same key
// and body within 24 h returns the first result and does nothing twice").
//
// Per API key and Idempotency-Key the first request is recorded as "in progress" before the
// handler runs (the primary key makes exactly one request win, also across processes); its
// response (status, headers, body sealed at rest) is stored when it is done. A repeat with the
// same method, path and body gets the stored response (header `Idempotent-Replayed: true`);
// a repeat with something else gets 422; a repeat while the first still runs gets 409.
// Responses with status >= 500 and exceptions are not kept (the client may retry the same key).
// If the process dies while a handler runs, the key stays "in progress" (409) until it expires:
// the portal cannot know whether the effect happened, so it does not risk doing it twice.

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_PROBLEM_TYPES = {
  reused: "urn:buergerportal:problem:idempotency-key-reused",
  inProgress: "urn:buergerportal:problem:idempotency-key-in-progress",
  invalid: "urn:buergerportal:problem:idempotency-key-invalid",
} as const;

const SEAL_PURPOSE = "idempotent-response";
const KEPT_HEADERS = ["content-type", "content-language", "location", "etag", "last-modified", "cache-control"];

async function requestHash(request: Request): Promise<string> {
  const url = new URL(request.url);
  const text = await request.clone().text();
  let body = text;
  try {
    body = canonicalJson(JSON.parse(text));
  } catch {
    // not JSON: the raw text
  }
  return crypto.createHash("sha256").update(`${request.method.toUpperCase()}\n${url.pathname}${url.search}\n${body}`).digest("hex");
}

function replay(status: number, headers: Record<string, string>, body: string): Response {
  return new Response(status === 204 || status === 304 ? null : body, { status, headers: { ...headers, "Idempotent-Replayed": "true" } });
}

/**
 * Runs `handler` at most once per (API key, Idempotency-Key) within 24 h. Without the header the
 * handler simply runs. `handler` may also throw a Response (e.g. a problem); it counts as its
 * result. `scope` is the API key id (or another stable id of the caller).
 */
export async function withIdempotency(request: Request, scope: string, handler: () => Promise<Response>, db?: Executor): Promise<Response> {
  const idempotencyKey = request.headers.get("Idempotency-Key");
  if (idempotencyKey === null) return runHandler(handler);
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    return problem(
      400,
      "Invalid Idempotency-Key",
      "The Idempotency-Key header must be 1–255 visible ASCII characters (a UUID is a good choice).",
      [{ path: "header:Idempotency-Key", message: "1–255 visible ASCII characters." }],
      { type: IDEMPOTENCY_PROBLEM_TYPES.invalid },
    );
  }
  const executor = db ?? (await getDb());
  const hash = await requestHash(request);

  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await executor
      .insertInto("idempotency_keys")
      .values({
        api_key_id: scope,
        idempotency_key: idempotencyKey,
        request_hash: hash,
        state: "in-progress",
        response_status: null,
        response_headers: null,
        response_body: null,
        created_at: nowIso(),
        completed_at: null,
      })
      .onConflict((oc) => oc.columns(["api_key_id", "idempotency_key"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return runAndStore(executor, scope, idempotencyKey, handler);

    const row = await executor.selectFrom("idempotency_keys").selectAll().where("api_key_id", "=", scope).where("idempotency_key", "=", idempotencyKey).executeTakeFirst();
    if (!row) continue; // released in between: try again
    if (Date.parse(row.created_at) < Date.now() - IDEMPOTENCY_TTL_MS) {
      await executor.deleteFrom("idempotency_keys").where("api_key_id", "=", scope).where("idempotency_key", "=", idempotencyKey).where("created_at", "=", row.created_at).execute();
      continue;
    }
    if (row.request_hash !== hash) {
      return problem(
        422,
        "Idempotency-Key reused",
        "This Idempotency-Key was used within the last 24 hours for a different request (method, path or body). Use a new key for a new request.",
        undefined,
        { type: IDEMPOTENCY_PROBLEM_TYPES.reused },
      );
    }
    if (row.state !== "done" || row.response_status === null) {
      return problem(409, "Request in progress", "A request with this Idempotency-Key is still being processed; repeat it later to get its result.", undefined, {
        type: IDEMPOTENCY_PROBLEM_TYPES.inProgress,
        headers: { "Retry-After": "1" },
      });
    }
    const body = row.response_body === null ? "" : openText(SEAL_PURPOSE, row.response_body);
    if (body === null) {
      return problem(500, "Stored result unreadable", "The stored result of this Idempotency-Key cannot be read (the server key changed).");
    }
    const headers = row.response_headers ? (JSON.parse(row.response_headers) as Record<string, string>) : {};
    return replay(Number(row.response_status), headers, body);
  }
  return problem(409, "Conflict", "Please repeat the request.", undefined, { headers: { "Retry-After": "1" } });
}

async function runHandler(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function runAndStore(executor: Executor, scope: string, key: string, handler: () => Promise<Response>): Promise<Response> {
  const release = () => executor.deleteFrom("idempotency_keys").where("api_key_id", "=", scope).where("idempotency_key", "=", key).execute();
  let response: Response;
  try {
    response = await runHandler(handler);
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  if (response.status >= 500) {
    await release().catch(() => undefined);
    return response;
  }
  const body = await response.text();
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  await executor
    .updateTable("idempotency_keys")
    .set({
      state: "done",
      response_status: response.status,
      response_headers: JSON.stringify(headers),
      response_body: sealText(SEAL_PURPOSE, body),
      completed_at: nowIso(),
    })
    .where("api_key_id", "=", scope)
    .where("idempotency_key", "=", key)
    .execute();
  return new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, headers: response.headers });
}

/** Deletes records older than 24 h (housekeeping). */
export async function pruneIdempotencyKeys(db?: Executor): Promise<void> {
  const executor = db ?? (await getDb());
  await executor
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString())
    .execute();
}

/** Hourly: forget idempotency keys older than their lifetime. */
export const idempotencyHousekeeping = periodic(
  "idempotency-housekeeping",
  () => 60 * 60_000,
  () => pruneIdempotencyKeys(),
  "interval",
);
