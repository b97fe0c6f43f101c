import crypto from "node:crypto";
import { documentKey } from "./keys.server";

// Keyed hashes of search terms (a "blind index", decision 038): HMAC-SHA256 under a key derived
// with HKDF from DOCUMENT_KEY for one purpose, so the table of hashes alone tells nothing and
// a guess ("name:mueller") can only be checked with the key. Equal terms give equal hashes — the
// price of searching: whoever holds a copy of the database sees which rows share a term.

const derived = new WeakMap<Buffer, Map<string, Buffer>>();

function keyFor(purpose: string): Buffer {
  const master = documentKey();
  let byPurpose = derived.get(master);
  if (!byPurpose) derived.set(master, (byPurpose = new Map()));
  let key = byPurpose.get(purpose);
  if (!key) byPurpose.set(purpose, (key = Buffer.from(crypto.hkdfSync("sha256", master, Buffer.alloc(0), `blind-index:${purpose}`, 32))));
  return key;
}

/** The blind-index entry of one normalised term (base64url, 43 characters). */
export function blindIndex(purpose: string, term: string): string {
  return crypto.createHmac("sha256", keyFor(purpose)).update(term, "utf8").digest("base64url");
}
