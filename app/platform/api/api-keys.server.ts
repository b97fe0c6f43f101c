import crypto from "node:crypto";
import { getDb, nowIso } from "~/platform/db/db.server";
import type { ApiKeysTable } from "~/platform/db/schema.server";
import type { Executor } from "~/platform/db/write.server";
import { env } from "~/platform/config/env.server";
import { sessionSecret } from "~/platform/crypto/keys.server";

// API keys of the back office (contract backoffice-api.md, "Authentication and scopes").
// A key reads `bp_<id>_<secret>`: <id> (16 hex) finds the row, the whole key is checked against
// a keyed hash (HMAC-SHA256 with the API-key pepper, compared in constant time). The key itself
// is shown once, when it is created on the command line, and stored nowhere.

export const API_SCOPES = ["applications:read", "applications:write", "appointments:read", "appointments:write", "cases:write", "webhooks:manage", "ombuds:read", "ombuds:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Who a key belongs to: the Jobcenter's back office, or the independent Ombudsstelle. */
export type ApiAudience = "jobcenter" | "ombuds";

export interface ApiPrincipal {
  keyId: string;
  name: string;
  scopes: ApiScope[];
  audience: ApiAudience;
  rateLimitPerMinute: number;
}

const KEY_PATTERN = /^bp_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._:()/-]{0,79}$/u;

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

export function isOmbudsScope(scope: string): boolean {
  return scope.startsWith("ombuds:");
}

let pepperCache: { source: string; key: Buffer } | null = null;

/** API_KEY_PEPPER, or a key derived (HKDF) from the session secret. */
function pepper(): Buffer {
  const configured = env().API_KEY_PEPPER;
  const source = configured ? `env:${configured}` : "session";
  if (!pepperCache || pepperCache.source !== source) {
    const key = configured ? Buffer.from(configured, "utf8") : Buffer.from(crypto.hkdfSync("sha256", sessionSecret(), Buffer.alloc(0), "buergerportal:api-key-pepper", 32));
    pepperCache = { source, key };
  }
  return pepperCache.key;
}

export function hashApiKey(key: string): string {
  return crypto.createHmac("sha256", pepper()).update(`api-key:${key}`).digest("hex");
}

export class ApiKeyError extends Error {}

export interface CreatedApiKey {
  id: string;
  name: string;
  scopes: ApiScope[];
  audience: ApiAudience;
  /** The key; shown once. */
  key: string;
}

/** Validates name and scopes (throws ApiKeyError with a message for the operator). */
export function validateKeyRequest(name: string, scopes: string[]): { name: string; scopes: ApiScope[]; audience: ApiAudience } {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    throw new ApiKeyError("The name must be 1–80 characters: letters, digits, spaces and . _ : ( ) / - (it appears in the audit log).");
  }
  const unique = [...new Set(scopes.map((s) => s.trim()).filter(Boolean))];
  if (unique.length === 0) throw new ApiKeyError(`Give at least one scope (--scopes a,b). Scopes: ${API_SCOPES.join(", ")}.`);
  const unknown = unique.filter((s) => !isApiScope(s));
  if (unknown.length) throw new ApiKeyError(`Unknown scope ${unknown.join(", ")}. Scopes: ${API_SCOPES.join(", ")}.`);
  const ombuds = unique.filter(isOmbudsScope);
  if (ombuds.length && ombuds.length !== unique.length) {
    throw new ApiKeyError(
      `Refused: the Ombudsstelle is independent of the Jobcenter, so a key with ombuds:* scopes may hold no other scope ` + `(asked for ${unique.join(", ")}). Create two keys instead.`,
    );
  }
  const ordered = API_SCOPES.filter((s) => unique.includes(s));
  return { name: trimmed, scopes: ordered, audience: ombuds.length ? "ombuds" : "jobcenter" };
}

export async function createApiKey(input: { name: string; scopes: string[]; rateLimitPerMinute?: number | null; createdBy: string }, db?: Executor): Promise<CreatedApiKey> {
  const { name, scopes, audience } = validateKeyRequest(input.name, input.scopes);
  if (input.rateLimitPerMinute != null && !(Number.isInteger(input.rateLimitPerMinute) && input.rateLimitPerMinute >= 1)) {
    throw new ApiKeyError("The rate limit must be a whole number of requests per minute (1 or more).");
  }
  const executor = db ?? (await getDb());
  const existing = await executor.selectFrom("api_keys").select("id").where("name", "=", name).where("revoked_at", "is", null).executeTakeFirst();
  if (existing) throw new ApiKeyError(`An active key named "${name}" exists already; revoke it first or choose another name.`);
  const id = crypto.randomBytes(8).toString("hex");
  const key = `bp_${id}_${crypto.randomBytes(32).toString("base64url")}`;
  await executor
    .insertInto("api_keys")
    .values({
      id,
      name,
      secret_hash: hashApiKey(key),
      scopes: JSON.stringify(scopes),
      audience,
      rate_limit_per_minute: input.rateLimitPerMinute ?? null,
      created_at: nowIso(),
      created_by: input.createdBy,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, name, scopes, audience, key };
}

/** Revokes the active key of that name; false when there is none. */
export async function revokeApiKey(name: string, db?: Executor): Promise<{ id: string } | null> {
  const executor = db ?? (await getDb());
  const row = await executor.selectFrom("api_keys").select("id").where("name", "=", name.trim()).where("revoked_at", "is", null).executeTakeFirst();
  if (!row) return null;
  await executor.updateTable("api_keys").set({ revoked_at: nowIso() }).where("id", "=", row.id).execute();
  return { id: row.id };
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  scopes: ApiScope[];
  audience: ApiAudience;
  rateLimitPerMinute: number | null;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function parseScopes(text: string): ApiScope[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((s): s is ApiScope => typeof s === "string" && isApiScope(s)) : [];
  } catch {
    return [];
  }
}

function toInfo(row: ApiKeysTable): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    scopes: parseScopes(row.scopes),
    audience: row.audience === "ombuds" ? "ombuds" : "jobcenter",
    rateLimitPerMinute: row.rate_limit_per_minute == null ? null : Number(row.rate_limit_per_minute),
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listApiKeys(db?: Executor): Promise<ApiKeyInfo[]> {
  const executor = db ?? (await getDb());
  const rows = await executor.selectFrom("api_keys").selectAll().orderBy("created_at", "asc").orderBy("id", "asc").execute();
  return rows.map(toInfo);
}

// Hash of a key that cannot exist, compared against when the id is unknown (same work either way).
const DUMMY_HASH = "0".repeat(64);

/** The principal of a presented key, or null for a malformed, unknown or revoked key. */
export async function authenticateApiKey(presented: string): Promise<ApiPrincipal | null> {
  const match = KEY_PATTERN.exec(presented);
  const computed = Buffer.from(hashApiKey(presented), "hex");
  if (!match) return null;
  const db = await getDb();
  const row = await db.selectFrom("api_keys").selectAll().where("id", "=", match[1]).executeTakeFirst();
  const stored = Buffer.from(row?.secret_hash ?? DUMMY_HASH, "hex");
  const equal = stored.length === computed.length && crypto.timingSafeEqual(stored, computed);
  if (!row || !equal || row.revoked_at) return null;
  // last_used_at at most once a minute (it is for operators, not an access log).
  const now = Date.now();
  if (!row.last_used_at || Date.parse(row.last_used_at) < now - 60_000) {
    await db
      .updateTable("api_keys")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
  const info = toInfo(row);
  return {
    keyId: info.id,
    name: info.name,
    scopes: info.scopes,
    audience: info.audience,
    rateLimitPerMinute: info.rateLimitPerMinute ?? env().API_RATE_LIMIT_PER_MINUTE,
  };
}
