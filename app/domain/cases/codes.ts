// One-time activation codes sent by post to link an account to a case. 12 characters from an
// alphabet without look-alikes (no 0/O, 1/I/L), shown in groups of four: ~60 bits, and wrong
// guesses are rate limited on top.

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 12;
/** How long a code is valid: long enough for the post and a few weeks to act on it. */
export const CODE_VALIDITY_DAYS = 42;

/** A code from random bytes (one byte per character; the slight bias is irrelevant here). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new Error("not enough random bytes");
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
  return code;
}

/** "ABCD-EFGH-JKMN" for print and display. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

/** What a person typed, normalised (case, spaces and hyphens do not matter); null when it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s\-–—_.]/g, "");
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return null;
  return cleaned;
}
