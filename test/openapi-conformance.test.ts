import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../app/platform/api/openapi.server";
import { createKey } from "./support/api";
import { startTestServer, type TestServer } from "./support/server";

// The served OpenAPI document against a standard linter (Redocly CLI, ruleset "recommended" as
// configured in redocly.yaml), and every documented operation called once against the real
// server: the answer's status must be one the document lists for that operation, and its body
// must match the schema documented for that status. New operations are covered automatically.

type Json = Record<string, unknown>;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: Json;
}

function operations(doc: OpenApiDocument): Operation[] {
  const list: Operation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) if (item[method]) list.push({ method, path: p, op: item[method] as Json });
  }
  return list;
}

/** The scopes an operation's bearer security asks for (empty for public operations). */
function requiredScopes(op: Json): string[] {
  const security = (op.security ?? []) as Array<Record<string, string[]>>;
  return security.flatMap((s) => Object.values(s).flat());
}

let server: TestServer;
let doc: OpenApiDocument;
let jobcenterKey: string;
let ombudsKey: string;
let allScopes: string[] = [];
const keysByScopes = new Map<string, string>();

/** A key with exactly these scopes (made once per set). */
async function keyWith(scopes: string[]): Promise<string> {
  const id = [...scopes].sort().join(",");
  let key = keysByScopes.get(id);
  if (!key) {
    key = await createKey(server, `conformance-${keysByScopes.size + 1}`, scopes);
    keysByScopes.set(id, key);
  }
  return key;
}

beforeAll(async () => {
  server = await startTestServer();
  doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as OpenApiDocument;
  const scopes = [...new Set(operations(doc).flatMap((o) => requiredScopes(o.op)))];
  allScopes = scopes;
  const jobcenterScopes = scopes.filter((s) => !s.startsWith("ombuds:"));
  const ombudsScopes = scopes.filter((s) => s.startsWith("ombuds:"));
  jobcenterKey = await createKey(server, "conformance-jobcenter", jobcenterScopes);
  ombudsKey = ombudsScopes.length ? await createKey(server, "conformance-ombuds", ombudsScopes) : "";
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("the served OpenAPI document and a standard linter", () => {
  it("passes Redocly's recommended rules without errors or warnings", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "openapi-")), "openapi.json");
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    const cli = path.join(ROOT, "node_modules/@redocly/cli/bin/cli.js");
    const run = spawnSync(process.execPath, [cli, "lint", file, "--format=json", `--config=${path.join(ROOT, "redocly.yaml")}`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{"))) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});

describe("every documented operation, called once", () => {
  function validatorFor(schema: unknown) {
    const ajv = new Ajv2020({ strict: false, allowUnionTypes: true, validateFormats: false, allErrors: true });
    const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "urn:portal:openapi#/$defs/"));
    ajv.addSchema({ $id: "urn:portal:openapi", $defs: defs });
    const resolved = JSON.parse(JSON.stringify(schema).replaceAll("#/components/schemas/", "urn:portal:openapi#/$defs/"));
    return ajv.compile(resolved);
  }

  /** A path parameter value that matches the parameter's schema but names no record. */
  function unknownValue(param: Json): string {
    const schema = (param.schema ?? {}) as Json;
    if (schema.format === "uuid") return randomUUID();
    if (Array.isArray(schema.enum)) return String(schema.enum[0]);
    return `unknown-${randomUUID().slice(0, 8)}`;
  }

  it("answers with a documented status and a body matching the documented schema", async () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(15);
    const failures: string[] = [];
    const called: string[] = [];
    for (const { method, path: template, op } of ops) {
      const params = ((op.parameters ?? []) as Json[]).filter((p) => p.in === "path");
      let url = template;
      for (const p of params) url = url.replace(`{${String(p.name)}}`, encodeURIComponent(unknownValue(p)));
      const scopes = requiredScopes(op);
      const key = scopes.some((s) => s.startsWith("ombuds:")) ? ombudsKey : scopes.length ? jobcenterKey : null;
      const headers: Record<string, string> = { accept: "application/json" };
      if (key) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (op.requestBody) {
        // An empty object: the call reaches validation (or the record lookup) without changing anything.
        headers["content-type"] = "application/json";
        body = "{}";
      }
      if (method !== "get") headers.origin = server.url;
      const response = await fetch(`${server.url}${url}`, { method: method.toUpperCase(), headers, body, redirect: "manual" });
      const where = `${method.toUpperCase()} ${template} → ${response.status}`;
      called.push(`${method} ${template}`);
      if (process.env.DEBUG_CONFORMANCE) console.log(where);
      const responses = (op.responses ?? {}) as Record<string, Json>;
      const documented = responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`] ?? responses.default;
      if (!documented) {
        failures.push(`${where}: status not documented (documented: ${Object.keys(responses).join(", ")})`);
        await response.arrayBuffer();
        continue;
      }
      const content = (documented.content ?? {}) as Record<string, { schema?: unknown }>;
      const type = (response.headers.get("content-type") ?? "").split(";")[0].trim();
      const bytes = Buffer.from(await response.arrayBuffer());
      if (!Object.keys(content).length) continue;
      const entry = content[type];
      if (!entry) {
        failures.push(`${where}: content type "${type}" not documented (${Object.keys(content).join(", ")})`);
        continue;
      }
      if (!entry.schema || !/json/.test(type)) continue;
      const validate = validatorFor(entry.schema);
      const data = JSON.parse(bytes.toString("utf8"));
      if (!validate(data)) failures.push(`${where}: body does not match the documented schema: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
    }
    expect(failures).toEqual([]);
    expect(called.length).toBe(ops.length);
  }, 120_000);

  it("refuses every back-office operation without a key (401), with the other audience's key and without its scope (403), as documented", async () => {
    const failures: string[] = [];
    for (const { method, path: template, op } of operations(doc)) {
      const scopes = requiredScopes(op);
      if (!scopes.length) continue;
      const url = template.replace(/\{[^}]+\}/g, () => randomUUID());
      // Operations open to both audiences (webhook subscriptions) list alternatives of both.
      const ombuds = scopes.some((s) => s.startsWith("ombuds:"));
      const jobcenter = scopes.some((s) => !s.startsWith("ombuds:"));
      const otherKey = ombuds && jobcenter ? null : ombuds ? jobcenterKey : ombudsKey;
      const attempts: Array<[string | null, number]> = [[null, 401]];
      if (otherKey) attempts.push([otherKey, 403]);
      // A key of the same audience holding every scope except the ones this operation accepts.
      const sameAudience = scopes.some((s) => s.startsWith("ombuds:")) ? allScopes.filter((s) => s.startsWith("ombuds:")) : allScopes.filter((s) => !s.startsWith("ombuds:"));
      const without = sameAudience.filter((s) => !scopes.includes(s));
      if (without.length && !(ombuds && jobcenter)) attempts.push([await keyWith(without), 403]);
      for (const [key, expected] of attempts) {
        const headers: Record<string, string> = { "content-type": "application/json", origin: server.url };
        if (key) headers.authorization = `Bearer ${key}`;
        const response = await fetch(`${server.url}${url}`, { method: method.toUpperCase(), headers, body: op.requestBody ? "{}" : undefined });
        await response.arrayBuffer();
        const where = `${method.toUpperCase()} ${template} ${key === null ? "without a key" : key === otherKey ? "with the other audience's key" : "without its scope"}`;
        if (response.status !== expected) failures.push(`${where}: ${response.status}, expected ${expected}`);
        else if (!((op.responses ?? {}) as Json)[String(expected)]) failures.push(`${where}: ${expected} is not documented`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
