import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess, runAdmin } from "./support/api";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

// Tests that start processes (the admin command line, a server restart) get more time on a busy machine.
const CLI_TIMEOUT = 120_000;

// API keys (contract backoffice-api.md, "Authentication and scopes"): created and revoked with
// the real `npm run admin` command line against the real server's database; the webhooks
// endpoints serve as the protected resource.
const KEY_PATTERN = /^bp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

let server: TestServer;
let detach: () => Promise<void>;
let fullKey: string;
const keys: string[] = [];

beforeAll(async () => {
  const warm = import("../app/platform/api/api-keys.server");
  server = await startTestServer();
  await warm;
  // Keys that are only fixtures are made in this process, on the server's database (fast); the
  // command line is what the tests below exercise.
  detach = await attachInProcessDatabase(server.env);
});

afterAll(async () => {
  await detach?.();
  await server?.stop();
  if (server) for (const key of keys) expect(server.output()).not.toContain(key);
});

describe("npm run admin -- create-api-key", () => {
  it(
    "prints the key once, as the last line, and stores only a keyed hash",
    async () => {
      const result = await runAdmin(server.env, ["create-api-key", "--name", "Fachverfahren Heinsberg", "--scopes", "webhooks:manage,applications:read"], { viaNpm: true });
      expect(result.code, result.stderr).toBe(0);
      fullKey = result.lastLine.trim();
      keys.push(fullKey);
      expect(fullKey).toMatch(KEY_PATTERN);
      expect(result.stdout.split(fullKey)).toHaveLength(2); // printed exactly once
      expect(result.stdout).toContain("Fachverfahren Heinsberg");

      const { getDb } = await import("../app/platform/db/db.server");
      const { hashApiKey } = await import("../app/platform/api/api-keys.server");
      const rows = await (await getDb()).selectFrom("api_keys").selectAll().execute();
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(row.name).toBe("Fachverfahren Heinsberg");
      expect(JSON.parse(row.scopes)).toEqual(["applications:read", "webhooks:manage"]);
      expect(row.audience).toBe("jobcenter");
      expect(row.revoked_at).toBeNull();
      // A keyed hash (HMAC with the pepper), not a plain SHA-256 of the key.
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.secret_hash).toBe(hashApiKey(fullKey));
      expect(row.secret_hash).not.toBe(crypto.createHash("sha256").update(fullKey).digest("hex"));
      const secretPart = fullKey.split("_").slice(2).join("_");
      const dump = JSON.stringify(rows);
      expect(dump).not.toContain(fullKey);
      expect(dump).not.toContain(secretPart);
      // Not anywhere in the database files either (SQLite: the file and its write-ahead log).
      if (testDbKind() === "sqlite") {
        for (const file of ["portal.sqlite", "portal.sqlite-wal"]) {
          const full = path.join(server.dataDir, file);
          if (fs.existsSync(full)) expect(fs.readFileSync(full).includes(Buffer.from(secretPart))).toBe(false);
        }
      }
    },
    CLI_TIMEOUT,
  );

  it(
    "refuses a key that mixes ombuds:* with other scopes; an ombuds:*-only key is for the Ombudsstelle",
    async () => {
      const [mixed, ombudsOnly] = await Promise.all([
        runAdmin(server.env, ["create-api-key", "--name", "Gemischt", "--scopes", "ombuds:read,applications:read"]),
        runAdmin(server.env, ["create-api-key", "--name", "Ombudsstelle", "--scopes", "ombuds:read,ombuds:write", "--rate-limit", "100"]),
      ]);
      expect(ombudsOnly.code, ombudsOnly.stderr).toBe(0);
      expect(ombudsOnly.stdout).toMatch(/for the Ombudsstelle with scopes ombuds:read, ombuds:write/);
      expect(ombudsOnly.lastLine).toMatch(KEY_PATTERN);
      keys.push(ombudsOnly.lastLine);
      expect((await new ApiClient(server.url, ombudsOnly.lastLine).get("/api/v1/webhooks")).status).toBe(200);

      expect(mixed.code).not.toBe(0);
      expect(mixed.stderr).toMatch(/Ombudsstelle is independent/);
      expect(mixed.stderr).toMatch(/ombuds:\* scopes may hold no other scope/);
      expect(mixed.stdout).not.toMatch(/bp_[0-9a-f]{16}_/);
      // The same rules, in process (what the command line calls): unknown scopes, no scope.
      await expect(createKeyInProcess("Unbekannt", ["everything:write"])).rejects.toThrow(/Unknown scope everything:write/);
      await expect(createKeyInProcess("Leer", [])).rejects.toThrow(/at least one scope/);
      await expect(createKeyInProcess("Gemischt 2", ["ombuds:write", "webhooks:manage"])).rejects.toThrow(/may hold no other scope/);
      const { getDb } = await import("../app/platform/db/db.server");
      const rows = await (await getDb()).selectFrom("api_keys").selectAll().orderBy("created_at").execute();
      expect(rows.map((r) => [r.name, r.audience, r.rate_limit_per_minute === null ? null : Number(r.rate_limit_per_minute)])).toEqual([
        ["Fachverfahren Heinsberg", "jobcenter", null],
        ["Ombudsstelle", "ombuds", 100],
      ]);
    },
    CLI_TIMEOUT,
  );
});

describe("authentication and scopes", () => {
  it("answers 401 without a key and with an unknown or malformed key", async () => {
    for (const key of [null, "bp_0123456789abcdef_" + "A".repeat(43), "not-a-key", fullKey.slice(0, -1) + (fullKey.endsWith("A") ? "B" : "A")]) {
      const response = await new ApiClient(server.url, key).get("/api/v1/webhooks");
      expect(response.status, String(key)).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
      const body = (await response.json()) as { type: string; title: string; status: number; detail: string };
      expect(body).toMatchObject({ status: 401, title: "Unauthorized" });
      expect(body.detail).toBeTruthy();
    }
    const wrongScheme = await fetch(`${server.url}/api/v1/webhooks`, { headers: { Authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } });
    expect(wrongScheme.status).toBe(401);
  });

  it("answers 403 to a valid key without the scope, 200 with it", async () => {
    const readOnly = await createKeyInProcess("Nur Lesen", ["applications:read"]);
    keys.push(readOnly);
    const forbidden = await new ApiClient(server.url, readOnly).get("/api/v1/webhooks");
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await forbidden.json()).toMatchObject({ status: 403, detail: expect.stringContaining("webhooks:manage") });
    const postForbidden = await new ApiClient(server.url, readOnly).post("/api/v1/webhooks", { url: "http://127.0.0.1:9/x", events: ["application.submitted"] });
    expect(postForbidden.status).toBe(403);

    const ok = await new ApiClient(server.url, fullKey).get("/api/v1/webhooks");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ items: [], nextCursor: null });
  });

  it(
    "revoke-api-key: the key then gets 401",
    async () => {
      const key = await createKeyInProcess("Wird widerrufen", ["webhooks:manage"]);
      keys.push(key);
      expect((await new ApiClient(server.url, key).get("/api/v1/webhooks")).status).toBe(200);
      const revoked = await runAdmin(server.env, ["revoke-api-key", "--name", "Wird widerrufen"]);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toMatch(/Revoked API key "Wird widerrufen"/);
      const { revokeApiKey } = await import("../app/platform/api/api-keys.server");
      expect(await revokeApiKey("Gibt es nicht")).toBeNull();
      // Both commands leave an audit entry by the operator (never the key or its hash).
      const { getDb } = await import("../app/platform/db/db.server");
      const all = await (await getDb()).selectFrom("audit_log").selectAll().orderBy("seq", "asc").execute();
      // The log opens with the keyed chain's switch-over entry, written by the server at start.
      expect(all[0]).toMatchObject({ actor_type: "system", operation: "audit.chain-keyed", record_type: "audit_log" });
      const entries = all.slice(1);
      const keyRows = await (await getDb()).selectFrom("api_keys").select(["id", "name", "secret_hash"]).execute();
      const idOf = (name: string) => keyRows.find((r) => r.name === name)!.id;
      expect(entries.map((e) => [e.actor_type, e.operation, e.record_type, e.record_id])).toEqual([
        ["admin", "api_key.create", "api_key", idOf("Fachverfahren Heinsberg")],
        ["admin", "api_key.create", "api_key", idOf("Ombudsstelle")],
        ["admin", "api_key.revoke", "api_key", idOf("Wird widerrufen")],
      ]);
      for (const entry of entries) expect(entry.actor).toMatch(/^admin-cli:/);
      const auditText = JSON.stringify(entries);
      for (const row of keyRows) expect(auditText).not.toContain(row.secret_hash);
      for (const k of keys) expect(auditText).not.toContain(k);
      const after = await new ApiClient(server.url, key).get("/api/v1/webhooks");
      expect(after.status).toBe(401);
      // The name is free again for a new key; the other keys still work.
      expect((await new ApiClient(server.url, fullKey).get("/api/v1/webhooks")).status).toBe(200);
    },
    CLI_TIMEOUT,
  );

  it("limits requests per key and minute: 429 with Retry-After", async () => {
    const key = await createKeyInProcess("Gedrosselt", ["webhooks:manage"], 3);
    keys.push(key);
    const client = new ApiClient(server.url, key);
    for (let round = 0; round < 2; round++) {
      const minute = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      let limited: Response | null = null;
      for (let i = 0; i < 4; i++) {
        const response = await client.get("/api/v1/webhooks");
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      if (Math.floor(Date.now() / 60_000) !== minute && !limited) continue; // the window turned over meanwhile: once more
      expect(statuses).toContain(429);
      expect(limited!.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(limited!.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await limited!.json()).toMatchObject({ status: 429, title: "Too Many Requests" });
      break;
    }
    // Other keys have their own budget.
    expect((await new ApiClient(server.url, fullKey).get("/api/v1/webhooks")).status).toBe(200);
  });
});
