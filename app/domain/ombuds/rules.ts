import { OMBUDS_TOPICS, type Ombudsstelle } from "../traeger/schema";

// The Ombudsstelle channel (issue 6 part 3): message kinds, statuses, limits, reference numbers
// and follow-up codes. Pure rules; storage and encryption live in app/features/ombuds/ombuds.server.ts.

/** What a message is: suggestion (Anregung), criticism (Kritik), complaint (Beschwerde). */
export const OMBUDS_KINDS = OMBUDS_TOPICS;
export type OmbudsKind = (typeof OMBUDS_KINDS)[number];

/**
 * `received`: new or with an unanswered follow-up; `in-progress`: the Ombudsstelle works on it;
 * `answered`: a reply is waiting for the sender; `closed`: finished (the sender may still write).
 */
export const OMBUDS_STATUSES = ["received", "in-progress", "answered", "closed"] as const;
export type OmbudsStatus = (typeof OMBUDS_STATUSES)[number];

/** Characters of one message or reply (a long letter fits; an attack payload does not). */
export const OMBUDS_TEXT_MAX = 5000;
export const OMBUDS_EMAIL_MAX = 254;
export const OMBUDS_RETENTION_DAYS_DEFAULT = 365;
/** Optional attachments to the first message: photos (JPEG, PNG, HEIC) or PDFs. */
export const OMBUDS_MAX_ATTACHMENTS = 3;
export const OMBUDS_ATTACHMENT_MAX_MB = 5;

// Crockford base32 without I, L, O, U: nothing to confuse when read aloud or copied by hand.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encode(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function group(text: string, size: number): string {
  return text.match(new RegExp(`.{1,${size}}`, "g"))!.join("-");
}

/** "O-7KQ4-M2XD" from 8 random bytes (40 bits, unique in the table; not a secret). */
export function formatReference(random: Uint8Array): string {
  return `O-${group(encode(random, 8), 4)}`;
}

/** The follow-up code: 20 characters = 100 bits, shown as 5 groups of 4. */
export const FOLLOW_UP_CODE_CHARS = 20;
export function formatFollowUpCode(random: Uint8Array): string {
  if (random.length * 8 < FOLLOW_UP_CODE_CHARS * 5) throw new Error("not enough random bytes for a follow-up code");
  return group(encode(random, FOLLOW_UP_CODE_CHARS), 4);
}

/** What the person typed, in the canonical form: upper case, no spaces or dashes, 0/1 for O/I/L. */
function canonical(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-–_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export function normaliseFollowUpCode(input: string): string | null {
  const text = canonical(input);
  if (text.length !== FOLLOW_UP_CODE_CHARS || [...text].some((c) => !ALPHABET.includes(c))) return null;
  return group(text, 4);
}

export function normaliseReference(input: string): string | null {
  let text = input.toUpperCase().replace(/[\s\-–_.]/g, "");
  if (text.startsWith("O")) text = text.slice(1);
  text = canonical(text);
  if (text.length !== 8 || [...text].some((c) => !ALPHABET.includes(c))) return null;
  return `O-${group(text, 4)}`;
}

/** Whether the portal offers the contact form: an Ombudsstelle is configured and not only planned. */
export function ombudsChannelOpen(ombudsstelle: Ombudsstelle | undefined): boolean {
  return ombudsstelle !== undefined && ombudsstelle.status !== "planned";
}

/** The kinds the form offers: what the Ombudsstelle accepts, all of them when not configured. */
export function kindsOffered(ombudsstelle: Ombudsstelle | undefined): OmbudsKind[] {
  return ombudsstelle?.accepts?.length ? [...ombudsstelle.accepts] : [...OMBUDS_KINDS];
}

/** Messages (with their whole conversation) older than this, counted from the last entry, are deleted. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
}

/** A reply from the Ombudsstelle answers the message unless it was closed. */
export function statusAfterReply(current: OmbudsStatus): OmbudsStatus {
  return current === "closed" ? "closed" : "answered";
}

/** A follow-up from the sender reopens the matter. */
export function statusAfterFollowUp(): OmbudsStatus {
  return "received";
}
