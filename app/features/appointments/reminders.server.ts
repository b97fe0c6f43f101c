import { getTraeger } from "~/config/traeger";
import { dueReminders } from "~/domain/appointments/rules";
import { releaseOrphanedAppointments, sweepExpiredHolds } from "./appointments.server";
import { getDb } from "~/platform/db/db.server";
import { env } from "~/platform/config/env.server";
import { enqueueAppointmentMail } from "./mail.server";
import { writeTransaction } from "~/platform/db/write.server";
import { log } from "~/platform/log/log.server";
import { claimOnce } from "~/platform/jobs/claim-once.server";
import { periodic } from "~/platform/jobs/scheduler.server";

// Reminders before appointments (default two days and two hours before: the Träger's
// limits.reminderHoursBefore), sent by a job that polls every REMINDER_POLL_SECONDS. It also lets
// lapsed holds go and releases the places of deleted accounts.
//
// Sent once: before sending, the job claims the reminder (appointment_id, kind) with
// claimOnce (platform/jobs); a failed send is retried (up to MAX_ATTEMPTS) after RETRY_MINUTES,
// and so is a claim whose process died before it could record the result.

const MAX_ATTEMPTS = 5;
const RETRY_MINUTES = 10;

export function reminderHoursBefore(): number[] {
  return [...getTraeger().limits.reminderHoursBefore];
}

/** One pass: every reminder due at `now` is sent (at most once). Returns how many were sent. */
export async function sendDueReminders(now = new Date()): Promise<number> {
  const hours = reminderHoursBefore();
  if (!hours.length) return 0;
  const db = await getDb();
  const horizon = new Date(now.getTime() + Math.max(...hours) * 3_600_000).toISOString();
  const candidates = await db
    .selectFrom("appointments")
    .selectAll()
    .where("status", "=", "booked")
    .where("user_id", "is not", null)
    .where("starts_at", ">", now.toISOString())
    .where("starts_at", "<=", horizon)
    .orderBy("starts_at")
    .limit(1000)
    .execute();
  let sent = 0;
  for (const row of candidates) {
    for (const due of dueReminders({ status: row.status, startsAt: row.starts_at, bookedAt: row.booked_at }, hours, now)) {
      const claim = { table: "appointment_reminders", subjectColumn: "appointment_id", subject: row.id, kind: due.kind, now } as const;
      if (!(await claimOnce(db, { ...claim, maxAttempts: MAX_ATTEMPTS, retryMinutes: RETRY_MINUTES }))) continue;
      try {
        // Enqueued (mail outbox) and recorded as done in one transaction; the mail worker sends it.
        await writeTransaction(db, async (trx) => {
          await enqueueAppointmentMail(trx, "reminder", row, `${row.id}:${due.kind}`);
          await trx.updateTable("appointment_reminders").set({ sent_at: new Date().toISOString(), last_error: null }).where("appointment_id", "=", row.id).where("kind", "=", due.kind).execute();
        });
        sent++;
      } catch (error) {
        const errorType = error instanceof Error ? error.name : typeof error;
        await db.updateTable("appointment_reminders").set({ last_error: errorType }).where("appointment_id", "=", row.id).where("kind", "=", due.kind).execute();
        log().warn({ kind: "mail", mail: "appointment-reminder", errorType }, "appointment reminder failed, will retry");
      }
    }
  }
  if (sent) log().info({ event: "appointment-reminders", sent }, "appointments");
  return sent;
}

/** Everything the job does in one tick. */
export async function appointmentHousekeeping(now = new Date()): Promise<void> {
  await sweepExpiredHolds(now);
  await releaseOrphanedAppointments(now);
  await sendDueReminders(now);
}

/** Sends due reminders and releases holds and orphaned appointments. */
export const appointmentHousekeepingJob = periodic(
  "appointment-housekeeping",
  () => env().REMINDER_POLL_SECONDS * 1000,
  () => appointmentHousekeeping(),
);
