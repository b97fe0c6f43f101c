import crypto from "node:crypto";
import zlib from "node:zlib";
import { isProduction } from "~/platform/config/env.server";
import { sessionSecret } from "~/platform/crypto/keys.server";

// A cookie whose content is compressed and encrypted (AES-256-GCM): state that must survive
// reloads without being stored on the server (the anonymous pre-check), unreadable and
// tamper-proof for anyone but the portal.
function keyFor(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", sessionSecret(), Buffer.alloc(0), `sealed-cookie:${purpose}`, 32));
}

export function seal(purpose: string, value: unknown): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(zlib.deflateRawSync(Buffer.from(JSON.stringify(value)))), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function unseal<T>(purpose: string, sealed: string | undefined | null): T | null {
  if (!sealed) return null;
  try {
    const raw = Buffer.from(sealed, "base64url");
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    return JSON.parse(zlib.inflateRawSync(plain).toString("utf8")) as T;
  } catch {
    return null; // tampered, from an old key, or garbage: start fresh
  }
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

export function cookieHeader(name: string, value: string, { path = "/", maxAge }: { path?: string; maxAge?: number } = {}): string {
  return [`${name}=${value}`, `Path=${path}`, "HttpOnly", "SameSite=Lax", ...(isProduction() ? ["Secure"] : []), ...(maxAge !== undefined ? [`Max-Age=${maxAge}`] : [])].join("; ");
}
