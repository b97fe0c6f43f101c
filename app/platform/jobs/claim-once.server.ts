import { sql } from "kysely";
import type { Database } from "~/platform/db/schema.server";
import type { Executor } from "~/platform/db/write.server";

// Work a job must do once (a reminder mail, say), also with several processes and across
// restarts: before doing it, the job claims it by inserting the row (subject, kind) into the
// work's own table; the primary key lets exactly one process or tick win. A claim whose work
// failed, or whose process died before recording the result (sent_at still empty), is taken
// over again after `retryMinutes`, up to `maxAttempts` attempts in all. The caller records
// success by setting sent_at.

/** Tables of once-only work: primary key (subject column, kind), with the claim's bookkeeping. */
export type ClaimTable = {
  [T in keyof Database]: Database[T] extends { kind: string; claimed_at: string; sent_at: string | null } ? T : never;
}[keyof Database];

export interface Claim<T extends ClaimTable> {
  table: T;
  /** The column that names the subject (e.g. "appointment_id"); with `kind` the primary key. */
  subjectColumn: Exclude<keyof Database[T] & string, "kind" | "claimed_at" | "sent_at" | "attempts" | "last_error">;
  subject: string;
  kind: string;
  now: Date;
  maxAttempts: number;
  retryMinutes: number;
}

/** Claims the work; false when another process or an earlier tick has it (or it is done, or gave up). */
export async function claimOnce<T extends ClaimTable>(db: Executor, claim: Claim<T>): Promise<boolean> {
  const table = sql.table(claim.table);
  const subject = sql.ref(claim.subjectColumn);
  const at = claim.now.toISOString();
  const inserted = await sql`insert into ${table} (${subject}, kind, claimed_at, sent_at, attempts)
    values (${claim.subject}, ${claim.kind}, ${at}, null, 1)
    on conflict (${subject}, kind) do nothing`.execute(db);
  if (Number(inserted.numAffectedRows ?? 0) === 1) return true;
  // A failed or abandoned earlier attempt: take it over once it is old enough.
  const staleBefore = new Date(claim.now.getTime() - claim.retryMinutes * 60_000).toISOString();
  const retried = await sql`update ${table} set claimed_at = ${at}, attempts = attempts + 1
    where ${subject} = ${claim.subject} and kind = ${claim.kind} and sent_at is null
      and attempts < ${claim.maxAttempts} and claimed_at <= ${staleBefore}`.execute(db);
  return Number(retried.numAffectedRows ?? 0) === 1;
}
