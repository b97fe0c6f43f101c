// Unsubmitted drafts are deleted after a period without changes (DRAFT_EXPIRY_DAYS, default
// 183 days ≈ 6 months; data minimisation, Art. 5 (1) e DSGVO), with an e-mail warning 14 days
// before. Saving the draft again starts the period anew (a new warning for the new period).
//
// The person always gets the full 14 days after the warning: if the warning leaves late (the
// job did not run), deletion moves to 14 days after it.

export const DRAFT_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

export interface DraftClock {
  /** When the draft was last saved (ISO). */
  updatedAt: string;
  /** When the warning for this version of the draft was sent, else null. */
  warnedAt: string | null;
}

export type DraftExpiryAction = { kind: "none" } | { kind: "warn"; deleteAt: Date } | { kind: "delete" };

export function draftExpiresAt(updatedAt: string, expiryDays: number): Date {
  return new Date(Date.parse(updatedAt) + expiryDays * DAY_MS);
}

/** The date of deletion once the warning was sent (never earlier than 14 days after it). */
export function draftDeleteAt(clock: DraftClock, expiryDays: number): Date {
  const expires = draftExpiresAt(clock.updatedAt, expiryDays).getTime();
  const afterWarning = clock.warnedAt ? Date.parse(clock.warnedAt) + DRAFT_WARNING_DAYS * DAY_MS : Infinity;
  return new Date(Math.max(expires, afterWarning));
}

/** What the expiry job does with one draft at `now`. */
export function draftExpiryAction(clock: DraftClock, expiryDays: number, now: Date): DraftExpiryAction {
  if (clock.warnedAt) return now.getTime() >= draftDeleteAt(clock, expiryDays).getTime() ? { kind: "delete" } : { kind: "none" };
  const warnFrom = draftExpiresAt(clock.updatedAt, expiryDays).getTime() - DRAFT_WARNING_DAYS * DAY_MS;
  if (now.getTime() < warnFrom) return { kind: "none" };
  return { kind: "warn", deleteAt: draftDeleteAt({ updatedAt: clock.updatedAt, warnedAt: now.toISOString() }, expiryDays) };
}

/** The latest `updated_at` at which a draft may need a warning or deletion at `now` (for the query). */
export function draftCandidateCutoff(expiryDays: number, now: Date): string {
  return new Date(now.getTime() - (expiryDays - DRAFT_WARNING_DAYS) * DAY_MS).toISOString();
}
