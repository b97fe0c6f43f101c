import { z } from "zod";
import { getTraeger } from "~/config/traeger";

// The OpenAPI 3.1 document of the portal's HTTP API (GET /api/v1/openapi.json), generated from
// the same zod schemas that validate requests and build responses, so it cannot drift from the
// code. Every API feature declares its part in an ApiSection beside its handlers, in one style:
//
//   export const applicationsApi = apiSection();
//   applicationsApi.operation({
//     method: "get", path: "/api/v1/applications/{id}", operationId: "getApplication",
//     summary: "…", tags: ["Applications"], security: bearer("applications:read"),
//     parameters: [{ name: "id", in: "path", required: true, schema: z.string() }],
//     responses: { 200: { description: "…", schema: ApplicationSchema, name: "Application" },
//                  ...problemResponses(401, 403, 404) },
//   });
//
// and the composition root (app/server/compose.server.ts) adds the sections with
// registerApiSection(), in the order the document lists them.
//
// Request bodies are converted with io "input" (defaults optional), responses with io "output".
// A schema named by `name` becomes components.schemas[name]; schemas carrying `.meta({ id })`
// become components of their own. Errors are RFC 9457 problem details (ProblemSchema below; the
// responses are built by `problem()` in ./api.server).

/** Any zod schema, classic or zod/mini. */
export type AnySchema = z.core.$ZodType;
type JsonSchema = Record<string, unknown>;
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface HeaderDefinition {
  description: string;
  schema: AnySchema;
}

export interface ResponseDefinition {
  description: string;
  /** The body; omitted for responses without one. */
  schema?: AnySchema;
  /** Component name of the body schema; without it the schema is inlined. */
  name?: string;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, HeaderDefinition>;
}

export interface ParameterDefinition {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  description?: string;
  required?: boolean;
  schema: AnySchema;
}

export interface OperationDefinition {
  method: HttpMethod;
  /** OpenAPI path template, e.g. "/api/v1/applications/{id}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Default `[]`: public, no key. Back-office endpoints: `bearer("scope", …)`. */
  security?: Array<Record<string, string[]>>;
  requestBody?: { schema: AnySchema; name: string; description?: string; contentType?: string; required?: boolean };
  responses: Record<number | string, ResponseDefinition>;
  parameters?: ParameterDefinition[];
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: Record<string, unknown>;
  servers: Array<{ url: string; description?: string }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, unknown>>;
  /** Requests the portal sends (OpenAPI 3.1 `webhooks`), when any are registered. */
  webhooks?: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

// ---------------------------------------------------------------------------
// Shared schemas: problem details (RFC 9457)
// ---------------------------------------------------------------------------

export const ValidationErrorSchema = z.object({
  path: z.string().meta({ description: 'Dotted path of the field, e.g. "household.members.0.age"; "" for the body itself.' }),
  message: z.string().meta({ description: "What is wrong, in the language of Accept-Language where translated (German otherwise)." }),
});

export const ProblemSchema = z
  .looseObject({
    type: z.string().meta({ description: 'A URI reference identifying the problem type; "about:blank" when the status says it all.' }),
    title: z.string().meta({ description: "Short summary of the problem type (does not change between occurrences)." }),
    status: z.int().min(400).max(599),
    detail: z.string().meta({ description: "Explanation of this occurrence." }),
    errors: z.array(ValidationErrorSchema).optional().meta({ description: "For validation errors: every field that is wrong." }),
  })
  .meta({ description: "Problem details (RFC 9457), sent as application/problem+json." });

export type Problem = z.output<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Problem type URIs of the portal (others answer "about:blank"). */
export const PROBLEM_TYPES = {
  validation: "urn:buergerportal:problem:validation-error",
  invalidJson: "urn:buergerportal:problem:invalid-json",
  dateOutOfRange: "urn:buergerportal:problem:date-out-of-range",
} as const;

const STANDARD_PROBLEMS: Record<number, { description: string; headers?: Record<string, HeaderDefinition> }> = {
  400: { description: "The request is invalid; `errors` lists every wrong field." },
  401: { description: "No API key, or an unknown or revoked one." },
  403: { description: "The API key lacks the scope this operation needs." },
  404: { description: "Not found." },
  405: {
    description: "Method not allowed.",
    headers: { Allow: { description: "The methods this path accepts.", schema: z.string() } },
  },
  409: { description: "Conflict with the current state." },
  413: { description: "The request body is too large." },
  415: { description: "The request body is not JSON." },
  422: { description: "The request is well-formed but cannot be answered." },
  429: {
    description: "Too many requests; try again later.",
    headers: { "Retry-After": { description: "Seconds until a new request is accepted.", schema: z.int().min(0) } },
  },
  503: {
    description: "The service is temporarily unavailable (e.g. the database does not answer); nothing was changed.",
    headers: { "Retry-After": { description: "Seconds after which a retry is likely to succeed.", schema: z.int().min(0) } },
  },
};

/** A problem response for the document, with the standard description unless one is given. */
export function problemResponse(status: number, description?: string): ResponseDefinition {
  const standard = STANDARD_PROBLEMS[status];
  return {
    description: description ?? standard?.description ?? "Error.",
    schema: ProblemSchema,
    name: "Problem",
    contentType: PROBLEM_CONTENT_TYPE,
    ...(standard?.headers ? { headers: standard.headers } : {}),
  };
}

/** `{ 401: problemResponse(401), 403: … }` for the given statuses. */
export function problemResponses(...statuses: number[]): Record<number, ResponseDefinition> {
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(status)]));
}

/** What every JSON write endpoint may answer besides its own problems: body too large, not JSON, Idempotency-Key reused, rate limit. */
export function jsonWriteProblems(): Record<number, ResponseDefinition> {
  return { 413: problemResponse(413), 415: problemResponse(415), 422: problemResponse(422, "The Idempotency-Key was used for a different request."), 429: problemResponse(429) };
}

/** The security requirement of a back-office operation: an API key with these scopes. */
export function bearer(...scopes: string[]): Array<Record<string, string[]>> {
  return [{ bearerAuth: scopes }];
}

// ---------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------

const operations: OperationDefinition[] = [];
const tagDescriptions = new Map<string, string>();
const outgoing = new Map<string, Omit<OperationDefinition, "method" | "path">>();
let cached: OpenApiDocument | null = null;

/** One feature's part of the document: its tags, operations and outgoing webhook requests. */
export interface ApiSection {
  readonly tags: ReadonlyArray<{ name: string; description: string }>;
  readonly operations: readonly OperationDefinition[];
  readonly webhooks: ReadonlyArray<{ name: string; operation: Omit<OperationDefinition, "method" | "path"> }>;
  /** Describes a tag (operations may use tags that are not described; they are listed bare). */
  tag(name: string, description: string): void;
  operation(operation: OperationDefinition): void;
  /** Describes a request the portal sends to its clients (listed under the document's `webhooks`). */
  webhook(name: string, operation: Omit<OperationDefinition, "method" | "path">): void;
}

/** A section to fill where the feature's handlers are; declaring it changes nothing global. */
export function apiSection(): ApiSection {
  const tags: Array<{ name: string; description: string }> = [];
  const ops: OperationDefinition[] = [];
  const webhooks: Array<{ name: string; operation: Omit<OperationDefinition, "method" | "path"> }> = [];
  return {
    tags,
    operations: ops,
    webhooks,
    tag: (name, description) => void tags.push({ name, description }),
    operation: (operation) => void ops.push(operation),
    webhook: (name, operation) => void webhooks.push({ name, operation }),
  };
}

/** Adds a section to the document (the composition root does this once per section, at start). */
export function registerApiSection(section: ApiSection): void {
  for (const { name, description } of section.tags) tagDescriptions.set(name, description);
  for (const operation of section.operations) {
    const duplicate = operations.find((o) => o.operationId === operation.operationId || (o.path === operation.path && o.method === operation.method));
    if (duplicate && duplicate !== operation) throw new Error(`API operation declared twice: ${operation.operationId}`);
    if (!duplicate) operations.push(operation);
  }
  for (const { name, operation } of section.webhooks) outgoing.set(name, operation);
  cached = null;
}

function toJsonSchema(schema: AnySchema, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "throw" }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Rewrites "#/$defs/X" to "#/components/schemas/X" throughout. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = key === "$ref" && typeof inner === "string" ? inner.replace(/^#\/\$defs\//, "#/components/schemas/") : rewriteRefs(inner);
    }
    return out;
  }
  return value;
}

class ComponentCollector {
  readonly schemas: Record<string, JsonSchema> = {};

  private put(name: string, schema: JsonSchema): void {
    const existing = this.schemas[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) {
      throw new Error(`OpenAPI: two different schemas are named "${name}" (give the input and output forms different names)`);
    }
    this.schemas[name] = schema;
  }

  /** The JSON schema of a zod schema with its `$defs` hoisted into components. */
  private convert(schema: AnySchema, io: "input" | "output"): JsonSchema {
    const json = toJsonSchema(schema, io);
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    for (const [name, def] of Object.entries(defs)) this.put(name, rewriteRefs(def) as JsonSchema);
    return rewriteRefs(json) as JsonSchema;
  }

  /** A component reference for a named schema. */
  ref(schema: AnySchema, name: string, io: "input" | "output"): JsonSchema {
    const json = this.convert(schema, io);
    const target = `#/components/schemas/${name}`;
    // A schema with `.meta({ id: name })` converts to a bare reference to itself.
    if (!(Object.keys(json).length === 1 && json.$ref === target)) this.put(name, json);
    return { $ref: target };
  }

  inline(schema: AnySchema, io: "input" | "output"): JsonSchema {
    return this.convert(schema, io);
  }
}

function buildOperation(op: OperationDefinition, components: ComponentCollector): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  // Every /api/v1 operation may answer 503 with Retry-After while the database is unavailable
  // (app/server/database-unavailable.server.ts); listed once here instead of in every section.
  const all: Record<number, ResponseDefinition> = op.path.startsWith("/api/") && !op.responses[503] ? { ...op.responses, 503: problemResponse(503) } : op.responses;
  for (const [status, response] of Object.entries(all)) {
    const entry: Record<string, unknown> = { description: response.description };
    if (response.headers) {
      entry.headers = Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, { description: header.description, schema: components.inline(header.schema, "output") }]));
    }
    if (response.schema) {
      const schema = response.name ? components.ref(response.schema, response.name, "output") : components.inline(response.schema, "output");
      entry.content = { [response.contentType ?? "application/json"]: { schema } };
    }
    responses[status] = entry;
  }
  const out: Record<string, unknown> = {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    security: op.security ?? [],
  };
  if (op.parameters?.length) {
    out.parameters = op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      ...(p.description ? { description: p.description } : {}),
      required: p.in === "path" ? true : (p.required ?? false),
      schema: components.inline(p.schema, "input"),
    }));
  }
  if (op.requestBody) {
    const body = op.requestBody;
    out.requestBody = {
      ...(body.description ? { description: body.description } : {}),
      required: body.required ?? true,
      content: { [body.contentType ?? "application/json"]: { schema: components.ref(body.schema, body.name, "input") } },
    };
  }
  out.responses = responses;
  return out;
}

/** The document (built once per set of registrations). */
export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const components = new ComponentCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = [...operations].sort((a, b) => (a.path === b.path ? METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) : a.path < b.path ? -1 : 1));
  for (const op of sorted) {
    (paths[op.path] ??= {})[op.method] = buildOperation(op, components);
  }
  const webhooks: Record<string, Record<string, unknown>> = {};
  for (const [name, op] of [...outgoing].sort(([a], [b]) => (a < b ? -1 : 1))) {
    webhooks[name] = { post: buildOperation({ ...op, method: "post", path: name }, components) };
  }
  const usedTags = [...new Set([...sorted, ...outgoing.values()].flatMap((op) => op.tags))];
  const traeger = getTraeger();
  const contact: Record<string, string> = { name: traeger.jobcenterName };
  if (traeger.website) contact.url = traeger.website;
  if (traeger.centralEmail) contact.email = traeger.centralEmail;
  cached = {
    openapi: "3.1.0",
    info: {
      title: `Bürgerportal ${traeger.jobcenterName}: API`,
      version: "1.0.0",
      summary: "Public and back-office HTTP API of the Grundsicherungsgeld portal (SGB II; until 2026-06-30 Bürgergeld).",
      description:
        "Die HTTP-Schnittstelle des Bürgerportals: öffentliche Endpunkte (Standorte, Vorabcheck Grundsicherungsgeld, früher Bürgergeld) und die Schnittstelle für das Fachverfahren des Jobcenters. " +
        "The HTTP API of the citizen portal: public endpoints (sites, Grundsicherungsgeld pre-check, formerly Bürgergeld) and the interface for the Jobcenter's case-management software.\n\n" +
        "Errors are problem details (RFC 9457, application/problem+json). Amounts are euros, dates ISO 8601.",
      contact,
    },
    servers: [{ url: "/", description: "This portal" }],
    tags: usedTags.map((name) => (tagDescriptions.has(name) ? { name, description: tagDescriptions.get(name)! } : { name })),
    paths,
    ...(outgoing.size ? { webhooks } : {}),
    components: {
      schemas: Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => (a < b ? -1 : 1))),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "Back-office API key: `Authorization: Bearer <api-key>`. Keys are created with `npm run admin -- create-api-key`; the scopes listed per operation are required.",
        },
      },
    },
  };
  return cached;
}

const METHOD_ORDER: HttpMethod[] = ["get", "post", "put", "patch", "delete"];
