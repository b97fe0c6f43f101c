import crypto from "node:crypto";

// A form's one-time token: rendered into the form, posted back with it, and part of the key of
// what the post creates — the same post again (double click, reload, a retry after a lost
// answer) finds the same record instead of making a second one.

export function newSubmissionToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function isSubmissionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(value);
}
