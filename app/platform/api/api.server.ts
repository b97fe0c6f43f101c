import { sql, type SelectQueryBuilder } from "kysely";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { z } from "zod";
import { authenticateApiKey, type ApiPrincipal, type ApiScope } from "./api-keys.server";
import { audit, type AuditActor, type AuditDetailValue } from "~/platform/audit/audit.server";
import type { Executor } from "~/platform/db/write.server";
import { env } from "~/platform/config/env.server";
import { PROBLEM_TYPES, type ParameterDefinition } from "./openapi.server";
import { problem } from "./problem.server";
import { hit } from "~/platform/http/rate-limit.server";

// Helpers every back-office resource route uses (issue "Back-office API", § 2):
//
//   export async function loader({ request }: LoaderFunctionArgs) {
//     const principal = await requireApiKey(request, "applications:read");   // throws 401/403/429
//     const page = parsePageRequest(request);                                  // throws 400
//     const rows = await applyKeyset(db.selectFrom("applications").selectAll(), page).execute();
//     const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
//     await auditApi(principal, "application.list", "application", null, { count: result.items.length });
//     return apiJson({ items: result.items.map(present), nextCursor: result.nextCursor });
//   }
//   export async function action({ request }: ActionFunctionArgs) {
//     const principal = await requireApiKey(request, "applications:write");
//     return withIdempotency(request, principal.keyId, async () => {
//       const body = await parseJsonBody(request, StatusChangeSchema);          // throws 400/413/415
//       …write in a transaction, enqueueEvent(trx, …), auditApi(…, trx)…
//       return apiJson(result, { status: 201 });
//     });
//   }
//
// Everything here throws a problem+json Response on failure; Remix returns a thrown Response
// from a resource route as it is. Unknown body fields are refused (400) whatever the schema.

export { withIdempotency } from "./idempotency.server";
export { apiNotFound, methodNotAllowed, problem, type ProblemOptions } from "./problem.server";
export { audit } from "~/platform/audit/audit.server";
export type { ApiPrincipal, ApiScope } from "./api-keys.server";

export const API_PROBLEM_TYPES = {
  ...PROBLEM_TYPES,
  unauthorized: "urn:buergerportal:problem:unauthorized",
  forbidden: "urn:buergerportal:problem:insufficient-scope",
  rateLimited: "urn:buergerportal:problem:rate-limited",
} as const;

/** A JSON response that is never cached. */
export function apiJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...noStoreHeaders, ...init.headers },
  });
}

// ---------------------------------------------------------------------------------------------
// Authentication

function bearerToken(request: Request): string | null {
  const header = request.headers.get("Authorization");
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "";
}

function unauthorized(detail: string, invalid: boolean): Response {
  return problem(401, "Unauthorized", detail, undefined, {
    type: API_PROBLEM_TYPES.unauthorized,
    headers: { "WWW-Authenticate": invalid ? 'Bearer realm="buergerportal", error="invalid_token"' : 'Bearer realm="buergerportal"' },
  });
}

/**
 * The caller's API key, checked: 401 without a key or with an unknown or revoked one, 429 over
 * the key's rate limit (per minute), 403 without the scope. An array means "any of these".
 * Throws the problem Response.
 */
export async function requireApiKey(request: Request, scope: ApiScope | ApiScope[]): Promise<ApiPrincipal> {
  const token = bearerToken(request);
  if (token === null) throw unauthorized("This endpoint needs an API key: send `Authorization: Bearer <api-key>`.", false);
  const principal = token ? await authenticateApiKey(token) : null;
  if (!principal) throw unauthorized("The API key is unknown or revoked.", true);

  const limit = await hit({ name: "api-key", max: principal.rateLimitPerMinute, windowSeconds: 60 }, principal.keyId);
  if (!limit.allowed) {
    throw problem(429, "Too Many Requests", `This API key may make ${principal.rateLimitPerMinute} requests per minute; try again in ${limit.retryAfterSeconds} seconds.`, undefined, {
      type: API_PROBLEM_TYPES.rateLimited,
      headers: { "Retry-After": String(limit.retryAfterSeconds) },
    });
  }

  const needed = Array.isArray(scope) ? scope : [scope];
  if (!needed.some((s) => principal.scopes.includes(s))) {
    throw problem(403, "Forbidden", `This API key lacks the scope ${needed.join(" or ")}.`, undefined, {
      type: API_PROBLEM_TYPES.forbidden,
      headers: { "WWW-Authenticate": `Bearer realm="buergerportal", error="insufficient_scope", scope="${needed.join(" ")}"` },
    });
  }
  return principal;
}

export function actorOf(principal: ApiPrincipal): AuditActor {
  return { type: "api-key", name: principal.name };
}

/** Audit entry for an API call by this key (pass the transaction of the change it records). */
export async function auditApi(principal: ApiPrincipal, operation: string, recordType: string, recordId: string | null, details: Record<string, AuditDetailValue> = {}, db?: Executor): Promise<void> {
  await audit({ actor: actorOf(principal), operation, recordType, recordId, details }, db);
}

// ---------------------------------------------------------------------------------------------
// JSON bodies

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too-large" | "not-utf8" };

/** Reads a UTF-8 body up to `limit` bytes; stops reading as soon as it is larger. */
export async function readBodyLimited(request: Request, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancelled: Node discards the rest once the answer is sent, so the client reads the 413.
      reader.releaseLock();
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, reason: "not-utf8" };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function joinPath(base: string, key: string | number): string {
  return base ? `${base}.${key}` : String(key);
}

/** Fields present in the input that the schema dropped: unknown fields of non-strict objects. */
function strippedKeys(input: unknown, output: unknown, path: string, found: string[]): void {
  if (isPlainObject(input) && isPlainObject(output)) {
    for (const key of Object.keys(input)) {
      if (!(key in output)) found.push(joinPath(path, key));
      else strippedKeys(input[key], output[key], joinPath(path, key), found);
    }
  } else if (Array.isArray(input) && Array.isArray(output) && input.length === output.length) {
    input.forEach((item, index) => strippedKeys(item, output[index], joinPath(path, index), found));
  }
}

export function zodErrors(error: z.ZodError): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors.push({ path: joinPath(path, key), message: "Unknown field." });
    } else {
      errors.push({ path, message: issue.message });
    }
  }
  return errors;
}

/**
 * Reads and validates a JSON body: 413 over `maxBytes`, 415 for form posts, 400 for invalid
 * JSON, schema violations and unknown fields (every one listed in `errors`). Throws the problem.
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, { maxBytes = DEFAULT_BODY_LIMIT_BYTES }: { maxBytes?: number } = {}): Promise<z.output<S>> {
  const contentType = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (/multipart\/form-data|application\/x-www-form-urlencoded/.test(contentType)) {
    throw problem(415, "Unsupported Media Type", "Send the body as JSON (Content-Type: application/json).");
  }
  const body = await readBodyLimited(request, maxBytes);
  if (!body.ok && body.reason === "too-large") {
    throw problem(413, "Content Too Large", `The request body may be at most ${Math.floor(maxBytes / 1024)} KB.`);
  }
  let input: unknown;
  try {
    if (!body.ok) throw new Error("not UTF-8");
    if (body.text.trim() === "") throw new Error("empty");
    input = JSON.parse(body.text);
  } catch {
    throw problem(400, "Invalid JSON", "The request body is not valid JSON (UTF-8).", [{ path: "", message: "Send a JSON document." }], {
      type: PROBLEM_TYPES.invalidJson,
    });
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const errors = zodErrors(parsed.error);
    throw problem(400, "Invalid request", `The request has ${errors.length} invalid ${errors.length === 1 ? "field" : "fields"}; see errors.`, errors);
  }
  const unknown: string[] = [];
  strippedKeys(input, parsed.data, "", unknown);
  if (unknown.length) {
    const errors = unknown.map((path) => ({ path, message: "Unknown field." }));
    throw problem(400, "Invalid request", `The request has ${errors.length} unknown ${errors.length === 1 ? "field" : "fields"}; see errors.`, errors);
  }
  return parsed.data as z.output<S>;
}

// ---------------------------------------------------------------------------------------------
// Cursor pagination: keyset on (created_at, id), so a page never repeats or skips a row when
// rows are inserted between requests (new rows come on later pages).

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

export interface CursorPosition {
  createdAt: string;
  id: string;
}

export interface PageRequest {
  limit: number;
  /** Rows strictly after this position; null for the first page. */
  after: CursorPosition | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([1, position.createdAt, position.id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): CursorPosition | null {
  try {
    if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) return null;
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === 3 && value[0] === 1 && typeof value[1] === "string" && typeof value[2] === "string") {
      return { createdAt: value[1], id: value[2] };
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * A list endpoint's filters (`?standort=…&status=…`), checked with a zod object of optional
 * fields against known values before anything else happens (above all before the call is
 * audited: the audit log refuses values that look personal). Only the schema's names are read,
 * the first value of each; an empty value counts as absent. Throws a 400 problem naming every
 * invalid parameter (`query:<name>`) without echoing the values.
 */
export function parseQuery<S extends z.ZodObject>(input: Request | URL | string, schema: S): z.output<S> {
  const url = input instanceof Request ? new URL(input.url) : new URL(String(input), "http://localhost");
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = url.searchParams.get(name);
    if (value !== null && value !== "") raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: `query:${issue.path.map(String).join(".")}`, message: issue.message }));
    throw problem(400, "Invalid request", "The query parameters are invalid; see errors.", errors);
  }
  return parsed.data;
}

/** A query value that must be one of `known()` (read per request: the Träger's configuration). */
export function knownValue(known: () => Iterable<string>, message: string) {
  return z.string().refine((value) => [...known()].includes(value), { error: message });
}

/** `?limit=` (1–200, default 50) and `?cursor=`; throws a 400 problem for invalid values. */
export function parsePageRequest(input: Request | URL | string): PageRequest {
  const url = input instanceof Request ? new URL(input.url) : new URL(String(input), "http://localhost");
  const errors: Array<{ path: string; message: string }> = [];
  let limit = PAGE_LIMIT_DEFAULT;
  const limitText = url.searchParams.get("limit");
  if (limitText !== null) {
    const value = Number(limitText);
    if (!/^\d+$/.test(limitText) || value < 1 || value > PAGE_LIMIT_MAX) errors.push({ path: "query:limit", message: `A whole number from 1 to ${PAGE_LIMIT_MAX}.` });
    else limit = value;
  }
  let after: CursorPosition | null = null;
  const cursorText = url.searchParams.get("cursor");
  if (cursorText !== null && cursorText !== "") {
    after = decodeCursor(cursorText);
    if (!after) errors.push({ path: "query:cursor", message: "Not a cursor from a previous page (use nextCursor as it is)." });
  }
  if (errors.length) throw problem(400, "Invalid request", "The paging parameters are invalid; see errors.", errors);
  return { limit, after };
}

/**
 * Adds the keyset condition, the order (created_at, id) and limit + 1 (to know whether there
 * is a next page). Column names may be qualified ("applications.created_at").
 */
export function applyKeyset<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: PageRequest,
  columns: { createdAt: string; id: string } = { createdAt: "created_at", id: "id" },
): SelectQueryBuilder<DB, TB, O> {
  const createdAt = sql.ref(columns.createdAt);
  const id = sql.ref(columns.id);
  let q = query;
  if (page.after) {
    const { createdAt: c, id: i } = page.after;
    q = q.where(sql<boolean>`(${createdAt} > ${c} or (${createdAt} = ${c} and ${id} > ${i}))`);
  }
  return q
    .orderBy(createdAt, "asc")
    .orderBy(id, "asc")
    .limit(page.limit + 1);
}

/** The page from rows fetched with applyKeyset (limit + 1 rows). */
export function toPage<T>(rows: T[], page: PageRequest, position: (row: T) => CursorPosition): Page<T> {
  const items = rows.slice(0, page.limit);
  const nextCursor = rows.length > page.limit && items.length ? encodeCursor(position(items[items.length - 1])) : null;
  return { items, nextCursor };
}

// ---------------------------------------------------------------------------------------------
// OpenAPI building blocks for the back-office operations

export const PAGINATION_PARAMETERS: ParameterDefinition[] = [
  {
    name: "limit",
    in: "query",
    description: `Items per page, 1–${PAGE_LIMIT_MAX} (default ${PAGE_LIMIT_DEFAULT}).`,
    schema: z.int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  },
  {
    name: "cursor",
    in: "query",
    description: "`nextCursor` of the previous page (opaque). Pages are stable under concurrent inserts.",
    schema: z.string(),
  },
];

export const IDEMPOTENCY_KEY_PARAMETER: ParameterDefinition = {
  name: "Idempotency-Key",
  in: "header",
  description:
    "Optional. The same key with the same request within 24 hours returns the first result (header `Idempotent-Replayed: true`) " +
    "and does nothing twice; with a different request it is refused (422); while the first is still running, 409.",
  schema: z.string().min(1).max(255),
};

/** `{ items: [...], nextCursor }` for a list response. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  });
}

/** The environment's default per-key limit (for descriptions). */
export function defaultRateLimit(): number {
  return env().API_RATE_LIMIT_PER_MINUTE;
}
