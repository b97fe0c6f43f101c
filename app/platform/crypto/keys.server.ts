import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env, isProduction } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";

// Secrets come from the environment; without them (development, demo) they are generated once
// and kept in DATA_DIR/keys with owner-only permissions. `npm start` says so in the log.
function fileSecret(name: string, bytes: number): Buffer {
  const dir = path.join(dataDir(), "keys");
  const file = path.join(dir, `${name}.key`);
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(bytes);
  fs.writeFileSync(file, secret.toString("base64"), { mode: 0o600, flag: "wx" });
  log().warn({ key: name, file }, "generated a local demo key; set it from the environment in production");
  return secret;
}

let sessionSecretCache: Buffer | null = null;
let documentKeyCache: Buffer | null = null;
let auditKeyCache: Buffer | null = null;

export function sessionSecret(): Buffer {
  if (!sessionSecretCache) {
    const fromEnv = env().SESSION_SECRET;
    sessionSecretCache = fromEnv ? Buffer.from(fromEnv, "utf8") : fileSecret("session", 32);
  }
  return sessionSecretCache;
}

/** AES-256-GCM key for documents at rest: DOCUMENT_KEY is 32 bytes, base64 or hex. */
export function documentKey(): Buffer {
  if (!documentKeyCache) {
    const fromEnv = env().DOCUMENT_KEY;
    if (fromEnv) {
      const key = /^[0-9a-fA-F]{64}$/.test(fromEnv) ? Buffer.from(fromEnv, "hex") : Buffer.from(fromEnv, "base64");
      if (key.length !== 32) throw new Error("DOCUMENT_KEY must be 32 bytes (64 hex characters or base64)");
      documentKeyCache = key;
    } else {
      documentKeyCache = fileSecret("document", 32);
    }
  }
  return documentKeyCache;
}

/**
 * HMAC key of the audit log's hash chain, derived from AUDIT_KEY (≥ 32 characters). Required in
 * production: a key kept next to the database would let whoever rewrites the log re-hash it.
 */
export function auditKey(): Buffer {
  if (!auditKeyCache) {
    const fromEnv = env().AUDIT_KEY;
    if (!fromEnv && isProduction()) {
      throw new Error("AUDIT_KEY must be set in production (at least 32 characters, e.g. `openssl rand -base64 32`; keep it out of the database)");
    }
    const secret = fromEnv ? Buffer.from(fromEnv, "utf8") : fileSecret("audit", 32);
    auditKeyCache = Buffer.from(crypto.hkdfSync("sha256", secret, Buffer.alloc(0), "buergerportal:audit-log-chain", 32));
  }
  return auditKeyCache;
}

export function resetKeyCache(): void {
  sessionSecretCache = null;
  documentKeyCache = null;
  auditKeyCache = null;
}

export function hmac(value: string, purpose: string): string {
  return crypto.createHmac("sha256", sessionSecret()).update(`${purpose}:${value}`).digest("base64url");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}
