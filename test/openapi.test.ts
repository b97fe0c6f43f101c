import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { compose } from "../app/server/compose.server";
import { apiSection, problemResponses, registerApiSection, bearer, openApiDocument, type OpenApiDocument } from "../app/platform/api/openapi.server";
import { startTestServer, type TestServer } from "./support/server";
import { CONTRACT_EXAMPLE as FOUR_PERSONS } from "../app/domain/eligibility/contract-example";

// The OpenAPI 3.1 document (GET /api/v1/openapi.json): structurally valid (checked here without a
// network-installed linter), its schemas valid JSON Schema 2020-12, and the real responses of the
// server valid against it.

type Json = Record<string, unknown>;
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const PATH_ITEM_KEYS = ["$ref", "summary", "description", "servers", "parameters", ...HTTP_METHODS];
const TOP_LEVEL_KEYS = ["openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags", "externalDocs"];
const OPERATION_KEYS = ["tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses", "callbacks", "deprecated", "security", "servers"];
const SECURITY_TYPES = ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"];

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const extension = (key: string) => key.startsWith("x-");

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  const parts = ref
    .slice(1)
    .split("/")
    .slice(1)
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = doc;
  for (const part of parts) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[part];
    if (node === undefined) return undefined;
  }
  return node;
}

/** Structural checks of an OpenAPI 3.1 document; returns the problems found (empty = valid). */
function lintOpenApi(doc: Json): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);

  if (doc.openapi !== "3.1.0" && !/^3\.1\.\d+$/.test(String(doc.openapi))) fail("openapi", "must be 3.1.x");
  for (const key of Object.keys(doc)) if (!TOP_LEVEL_KEYS.includes(key) && !extension(key)) fail(key, "unknown top-level field");
  const info = doc.info as Json | undefined;
  if (!isObject(info) || typeof info.title !== "string" || !info.title || typeof info.version !== "string" || !info.version) fail("info", "needs title and version");
  if (!Array.isArray(doc.servers) || doc.servers.length === 0 || !doc.servers.every((s) => isObject(s) && typeof s.url === "string")) fail("servers", "needs at least one server with a url");
  if (!isObject(doc.paths) && !isObject(doc.webhooks) && !isObject(doc.components)) fail("document", "needs paths, webhooks or components");

  const components = (doc.components ?? {}) as Json;
  const securitySchemes = (components.securitySchemes ?? {}) as Record<string, Json>;
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    if (!SECURITY_TYPES.includes(String(scheme.type))) fail(`securitySchemes.${name}`, "unknown type");
    if (scheme.type === "http" && typeof scheme.scheme !== "string") fail(`securitySchemes.${name}`, "http needs a scheme");
  }
  for (const [kind, entries] of Object.entries(components)) {
    if (!isObject(entries)) fail(`components.${kind}`, "must be an object");
    else for (const name of Object.keys(entries)) if (!/^[a-zA-Z0-9.\-_]+$/.test(name)) fail(`components.${kind}.${name}`, "invalid component name");
  }

  const tagNames = new Set<string>();
  for (const tag of (doc.tags ?? []) as Json[]) {
    if (typeof tag.name !== "string") fail("tags", "every tag needs a name");
    else if (tagNames.has(tag.name)) fail(`tags.${tag.name}`, "duplicate tag");
    else tagNames.add(tag.name);
  }

  const checkSecurity = (where: string, security: unknown) => {
    if (!Array.isArray(security)) return fail(where, "security must be an array");
    for (const requirement of security) {
      if (!isObject(requirement)) {
        fail(where, "security requirement must be an object");
        continue;
      }
      for (const [name, scopes] of Object.entries(requirement)) {
        if (!securitySchemes[name]) fail(where, `security scheme "${name}" is not defined`);
        if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === "string")) fail(where, `scopes of "${name}" must be strings`);
      }
    }
  };
  if (doc.security !== undefined) checkSecurity("security", doc.security);

  const operationIds = new Set<string>();
  const seenTemplates = new Map<string, string>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    if (!path.startsWith("/")) fail(path, "path must start with /");
    const templateParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const normalized = path.replace(/\{[^}]+\}/g, "{}");
    if (seenTemplates.has(normalized)) fail(path, `same template as ${seenTemplates.get(normalized)}`);
    seenTemplates.set(normalized, path);
    for (const key of Object.keys(item)) if (!PATH_ITEM_KEYS.includes(key) && !extension(key)) fail(path, `unknown field ${key}`);
    const pathLevelParams = (item.parameters ?? []) as Json[];
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      for (const key of Object.keys(op)) if (!OPERATION_KEYS.includes(key) && !extension(key)) fail(where, `unknown field ${key}`);
      if (typeof op.operationId !== "string" || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(op.operationId)) fail(where, "needs an operationId");
      else if (operationIds.has(op.operationId)) fail(where, `duplicate operationId ${op.operationId}`);
      else operationIds.add(op.operationId);
      if (typeof op.summary !== "string" || !op.summary.trim()) fail(where, "needs a summary");
      if (!Array.isArray(op.tags) || op.tags.length === 0) fail(where, "needs a tag");
      else for (const tag of op.tags as string[]) if (!tagNames.has(tag)) fail(where, `tag "${tag}" is not declared in tags`);
      if (op.security !== undefined) checkSecurity(where, op.security);
      else if (doc.security === undefined) fail(where, "security is not declared (use [] for public operations)");

      const params = [...pathLevelParams, ...((op.parameters ?? []) as Json[])];
      const keys = new Set<string>();
      for (const param of (op.parameters ?? []) as Json[]) {
        const id = `${param.in}:${param.name}`;
        if (keys.has(id)) fail(where, `duplicate parameter ${id}`);
        keys.add(id);
        if (typeof param.name !== "string" || !["query", "header", "path", "cookie"].includes(String(param.in))) fail(where, "parameter needs name and a valid in");
        if (!isObject(param.schema) && !isObject(param.content)) fail(where, `parameter ${param.name} needs a schema`);
        if (param.in === "path" && param.required !== true) fail(where, `path parameter ${param.name} must be required`);
        if (param.in === "path" && !templateParams.includes(String(param.name))) fail(where, `path parameter ${param.name} is not in the path`);
      }
      for (const name of templateParams) {
        if (!params.some((p) => p.in === "path" && p.name === name)) fail(where, `path parameter {${name}} is not declared`);
      }

      if (op.requestBody !== undefined) {
        const body = op.requestBody as Json;
        if (!body.$ref && (!isObject(body.content) || Object.keys(body.content).length === 0)) fail(where, "requestBody needs content");
        if (method === "get" || method === "head") fail(where, "GET/HEAD must not have a request body");
      }

      const responses = op.responses;
      if (!isObject(responses) || Object.keys(responses).length === 0) {
        fail(where, "needs responses");
        continue;
      }
      if (!Object.keys(responses).some((code) => /^2(\d\d|XX)$/.test(code))) fail(where, "needs a success (2xx) response");
      for (const [code, response] of Object.entries(responses as Record<string, Json>)) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(code)) fail(where, `invalid response code ${code}`);
        if (response.$ref) continue;
        if (typeof response.description !== "string" || !response.description) fail(`${where} ${code}`, "response needs a description");
        for (const [mediaType, media] of Object.entries((response.content ?? {}) as Record<string, Json>)) {
          if (!/^[\w.+-]+\/[\w.+*-]+/.test(mediaType)) fail(`${where} ${code}`, `invalid media type ${mediaType}`);
          if (!isObject(media.schema)) fail(`${where} ${code} ${mediaType}`, "needs a schema");
        }
        for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
          if (!isObject(header.schema) && !isObject(header.content) && !header.$ref) fail(`${where} ${code} header ${name}`, "needs a schema");
        }
      }
    }
  }

  // Every $ref resolves inside the document; no leftovers of the schema generator.
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        if (!value.startsWith("#/")) fail(where, `external or invalid $ref ${value}`);
        else if (resolvePointer(doc, value) === undefined) fail(where, `unresolved $ref ${value}`);
      }
      if (key === "$schema" || key === "$defs") fail(where, `leftover ${key}`);
      walk(value, `${where}/${key}`);
    }
  };
  walk(doc, "#");
  return problems;
}

/** An Ajv (JSON Schema 2020-12) with the document's component schemas; `validate(name, data)`. */
function schemaValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false, allErrors: true });
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "urn:portal:openapi#/$defs/"));
  ajv.addSchema({ $id: "urn:portal:openapi", $defs: defs });
  return {
    compile: (name: string) => ajv.getSchema(`urn:portal:openapi#/$defs/${name}`),
    validate(name: string, data: unknown): string[] {
      const validate = ajv.getSchema(`urn:portal:openapi#/$defs/${name}`);
      if (!validate) return [`no schema ${name}`];
      return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}

compose(); // what the server does at start: every feature's API section in the document

describe("the OpenAPI document", () => {
  const doc = openApiDocument();

  it("is structurally valid OpenAPI 3.1", () => {
    expect(lintOpenApi(doc as unknown as Json)).toEqual([]);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ version: "1.0.0", title: expect.any(String) });
    expect(String(doc.info.description)).toMatch(/Die HTTP-Schnittstelle/);
    expect(String(doc.info.description)).toMatch(/The HTTP API/);
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes the public operations with their schemas", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(expect.arrayContaining(["/api/v1/eligibility-checks", "/api/v1/standorte", "/healthz"]));
    const check = doc.paths["/api/v1/eligibility-checks"].post as Json;
    expect(check.security).toEqual([]);
    expect(check.requestBody).toEqual({ description: expect.any(String), required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/EligibilityRequest" } } } });
    const responses = check.responses as Record<string, Json>;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["200", "400", "405", "413", "422", "429"]));
    expect(responses["200"].content).toEqual({ "application/json": { schema: { $ref: "#/components/schemas/EligibilityResponse" } } });
    for (const status of ["400", "422", "429"]) {
      expect(responses[status].content).toEqual({ "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } });
    }
    expect(Object.keys(responses["429"].headers as Json)).toEqual(["Retry-After"]);
    const problem = doc.components.schemas.Problem as Json;
    expect(problem.required).toEqual(expect.arrayContaining(["type", "title", "status", "detail"]));
    expect(Object.keys(problem.properties as Json)).toContain("errors");
    // The request schema refuses unknown fields; defaults are documented.
    const request = doc.components.schemas.EligibilityRequest as Json;
    expect(request.additionalProperties).toBe(false);
    expect(JSON.stringify(request)).toContain('"default":"german"');
    const list = doc.components.schemas.StandortList as Json;
    expect(list).toMatchObject({ properties: { items: { type: "array", items: { $ref: "#/components/schemas/PublicStandort" } } } });
  });

  it("has component schemas that are valid JSON Schema 2020-12 and accept the contract's example", () => {
    const validator = schemaValidator(doc);
    for (const name of Object.keys(doc.components.schemas)) expect(validator.compile(name), name).toBeTypeOf("function");
    expect(validator.validate("EligibilityRequest", FOUR_PERSONS)).toEqual([]);
    expect(validator.validate("EligibilityRequest", { ...FOUR_PERSONS, extra: 1 })).not.toEqual([]);
    expect(validator.validate("EligibilityRequest", { household: { members: [{ id: "a", role: "boss", age: 3 }] } })).not.toEqual([]);
  });

  it("the linter finds broken documents", () => {
    const broken = structuredClone(doc) as unknown as Json;
    const paths = broken.paths as Record<string, Record<string, Json>>;
    paths["/api/v1/standorte"].get.operationId = "getHealth";
    paths["/api/v1/standorte"].get.responses = {};
    (paths["/healthz"].get.responses as Record<string, Json>)["200"].content = { "application/json": { schema: { $ref: "#/components/schemas/Nope" } } };
    paths["/api/v1/things/{id}"] = { get: { operationId: "getThing", summary: "x", tags: ["Nowhere"], security: [{ apiKey: [] }], responses: { 200: { description: "ok" } } } };
    const problems = lintOpenApi(broken).join("\n");
    expect(problems).toContain("duplicate operationId getHealth");
    expect(problems).toContain("GET /api/v1/standorte: needs responses");
    expect(problems).toContain("unresolved $ref #/components/schemas/Nope");
    expect(problems).toContain("path parameter {id} is not declared");
    expect(problems).toContain('tag "Nowhere" is not declared');
    expect(problems).toContain('security scheme "apiKey" is not defined');
  });
});

describe("served at GET /api/v1/openapi.json, matching the server's real answers", () => {
  let server: TestServer;
  let served: OpenApiDocument;
  beforeAll(async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    served = (await response.json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves the same valid document", () => {
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(lintOpenApi(served as unknown as Json)).toEqual([]);
  });

  it("describes /healthz, /api/v1/standorte and the eligibility check as they answer", async () => {
    const validator = schemaValidator(served);
    const health = await fetch(`${server.url}/healthz`);
    expect(validator.validate("Health", await health.json())).toEqual([]);
    const standorte = await (await fetch(`${server.url}/api/v1/standorte`)).json();
    expect(validator.validate("StandortList", standorte)).toEqual([]);

    const post = (body: unknown) => fetch(`${server.url}/api/v1/eligibility-checks`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
    const ok = await post(FOUR_PERSONS);
    expect(ok.status).toBe(200);
    expect(validator.validate("EligibilityResponse", await ok.json())).toEqual([]);
    const invalid = await post({ ...FOUR_PERSONS, extra: 1 });
    expect(invalid.status).toBe(400);
    expect(validator.validate("Problem", await invalid.json())).toEqual([]);
    const tooEarly = await post({ ...FOUR_PERSONS, date: "2023-06-30" });
    expect(tooEarly.status).toBe(422);
    expect(validator.validate("Problem", await tooEarly.json())).toEqual([]);
    const wrongMethod = await fetch(`${server.url}/api/v1/eligibility-checks`);
    expect(validator.validate("Problem", await wrongMethod.json())).toEqual([]);
  });
});

describe("the registry (how later features add their operations)", () => {
  it("adds a back-office operation with path parameters, bearer scopes and problem responses", () => {
    const things = apiSection();
    const Thing = z.object({ id: z.string(), createdAt: z.iso.datetime() });
    things.operation({
      method: "get",
      path: "/api/v1/things/{id}",
      operationId: "getThing",
      summary: "Read a thing",
      tags: ["Things"],
      security: bearer("applications:read"),
      parameters: [{ name: "id", in: "path", schema: z.string() }],
      responses: { 200: { description: "The thing.", schema: Thing, name: "Thing" }, ...problemResponses(401, 403, 404) },
    });
    registerApiSection(things);
    const doc = openApiDocument();
    expect(lintOpenApi(doc as unknown as Json)).toEqual([]);
    const op = doc.paths["/api/v1/things/{id}"].get as Json;
    expect(op.security).toEqual([{ bearerAuth: ["applications:read"] }]);
    expect(op.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    expect(doc.components.schemas.Thing).toBeDefined();
    expect(doc.tags.map((t) => t.name)).toContain("Things");

    const more = apiSection();
    more.operation({
      method: "post",
      path: "/api/v1/things",
      operationId: "createThing",
      summary: "Create a thing",
      tags: ["Things"],
      requestBody: { schema: z.object({ other: z.number() }), name: "Thing" },
      responses: { 201: { description: "Created." } },
    });
    registerApiSection(more);
    expect(() => openApiDocument()).toThrow(/two different schemas are named "Thing"/);
  });
});
