import crypto from "node:crypto";
import { documentKey } from "./keys.server";

// Small values kept in the database that must not lie there in clear (webhook signing secrets,
// stored API responses for idempotent replays): AES-256-GCM under a key derived (HKDF) from
// DOCUMENT_KEY, one key per purpose.
// Derived once per master key and purpose: HKDF on every seal/open was a tenth of the time of
// listing applications. Keyed by the master key object, so a changed DOCUMENT_KEY derives anew.
const derived = new WeakMap<Buffer, Map<string, Buffer>>();

/** The purpose under which document and upload file names are sealed (they can carry personal data). */
export const DOCUMENT_FILENAME_PURPOSE = "document-filename";

function keyFor(purpose: string): Buffer {
  const master = documentKey();
  let byPurpose = derived.get(master);
  if (!byPurpose) derived.set(master, (byPurpose = new Map()));
  let key = byPurpose.get(purpose);
  if (!key) byPurpose.set(purpose, (key = Buffer.from(crypto.hkdfSync("sha256", master, Buffer.alloc(0), `at-rest:${purpose}`, 32))));
  return key;
}

export function sealText(purpose: string, text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The text, or null when it was sealed under another key or altered. */
export function openText(purpose: string, sealed: string): string | null {
  try {
    if (!sealed.startsWith("v1.")) return null;
    const raw = Buffer.from(sealed.slice(3), "base64url");
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** Bytes (e.g. a small file) sealed the same way, as text for a portable column. */
export function sealBytes(purpose: string, bytes: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The bytes, or null when they were sealed under another key or altered. */
export function openBytes(purpose: string, sealed: string): Buffer | null {
  try {
    if (!sealed.startsWith("v1.")) return null;
    const raw = Buffer.from(sealed.slice(3), "base64url");
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    return null;
  }
}
