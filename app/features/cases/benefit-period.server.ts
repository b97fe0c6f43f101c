import { getTraeger } from "~/config/traeger";
import { toBerlin } from "~/domain/appointments/time";
import { dueRenewalReminder, renewalState, type BenefitPeriod, type RenewalState } from "~/domain/cases/benefit-period";
import { isLanguage, type Language } from "~/domain/languages";
import { env } from "~/platform/config/env.server";
import { getDb } from "~/platform/db/db.server";
import { writeTransaction, type Executor } from "~/platform/db/write.server";
import { fixedT } from "~/platform/http/i18n.server";
import { claimOnce } from "~/platform/jobs/claim-once.server";
import { periodic } from "~/platform/jobs/scheduler.server";
import { log } from "~/platform/log/log.server";
import { bilingualMail } from "~/platform/mail/mail.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import type { CaseRow } from "./cases.server";

// The approval period of a case (issue 14, part 1; domain/cases/benefit-period.ts). The back
// office sets it with PUT /api/v1/cases/{caseId}/benefit-period after each decision; the person
// sees it on /konto and Mein Fall, and from the earliest reminder offset (Träger configuration,
// default eight weeks) "renew now". Reminder mails go out once per offset and period (claimed like
// the other reminders), carry a notice and a link only, and are in the person's language with the
// German text below.

export interface BenefitPeriodView extends BenefitPeriod {
  state: RenewalState;
}

function reminderWeeks(): readonly number[] {
  return getTraeger().limits.renewalReminderWeeks;
}

/** The case's period as the person sees it today, or null before the back office set one. */
export function benefitPeriodOf(row: Pick<CaseRow, "benefit_from" | "benefit_to">, now = new Date()): BenefitPeriodView | null {
  if (!row.benefit_from || !row.benefit_to) return null;
  const period = { from: row.benefit_from, to: row.benefit_to };
  return { ...period, state: renewalState(period, toBerlin(now).date, reminderWeeks()) };
}

/**
 * Sets the case's approval period. Idempotent: the same period again changes nothing (`changed`
 * false). `inTransaction` runs in the same transaction (the audit entry).
 */
export async function setBenefitPeriod(caseId: string, period: BenefitPeriod, inTransaction: (trx: Executor, changed: boolean) => Promise<void>): Promise<{ changed: boolean }> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const row = await trx.selectFrom("cases").select(["benefit_from", "benefit_to"]).where("id", "=", caseId).executeTakeFirstOrThrow();
    const changed = row.benefit_from !== period.from || row.benefit_to !== period.to;
    if (changed) await trx.updateTable("cases").set({ benefit_from: period.from, benefit_to: period.to, updated_at: new Date().toISOString() }).where("id", "=", caseId).execute();
    await inTransaction(trx, changed);
    return { changed };
  });
}

const MAX_ATTEMPTS = 5;
const RETRY_MINUTES = 10;

function renewalMailText(lng: Language): { subject: string; body: string } {
  const t = fixedT(lng, ["case"]);
  return {
    subject: t("renewal.mail.subject"),
    body: [t("renewal.mail.greeting"), "", t("renewal.mail.body"), "", t("renewal.mail.link"), `${publicUrl()}/konto`, "", t("renewal.mail.footer")].join("\n"),
  };
}

/** One pass: every renewal reminder due today (Europe/Berlin) is enqueued once. */
export async function sendDueRenewalReminders(now = new Date()): Promise<number> {
  const db = await getDb();
  const today = toBerlin(now).date;
  const weeks = reminderWeeks();
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + Math.max(...weeks) * 7 * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom("cases")
    .innerJoin("users", "users.id", "cases.user_id")
    .select(["cases.id", "cases.benefit_from", "cases.benefit_to", "users.email", "users.language", "users.email_verified_at"])
    .where("cases.benefit_to", ">=", today)
    .where("cases.benefit_to", "<=", horizon)
    .limit(1000)
    .execute();
  let sent = 0;
  for (const row of rows) {
    if (!row.email_verified_at || !row.benefit_from || !row.benefit_to) continue;
    const kind = dueRenewalReminder({ from: row.benefit_from, to: row.benefit_to }, today, weeks);
    if (!kind) continue;
    if (!(await claimOnce(db, { table: "case_renewal_reminders", subjectColumn: "case_id", subject: row.id, kind, now, maxAttempts: MAX_ATTEMPTS, retryMinutes: RETRY_MINUTES }))) continue;
    try {
      const lng: Language = isLanguage(row.language) ? row.language : "de";
      // Enqueued (mail outbox) and recorded as done in one transaction; the worker sends it.
      await writeTransaction(db, async (trx) => {
        await enqueueMail(trx, { kind: "case.renewal-reminder", dedupKey: `case.renewal-reminder:${row.id}:${kind}`, mail: { to: row.email, ...bilingualMail(lng, renewalMailText) } });
        await trx.updateTable("case_renewal_reminders").set({ sent_at: new Date().toISOString() }).where("case_id", "=", row.id).where("kind", "=", kind).execute();
      });
      sent++;
    } catch (error) {
      log().warn({ kind: "mail", mail: "renewal-reminder", errorType: error instanceof Error ? error.name : typeof error }, "renewal reminder failed, will retry");
    }
  }
  if (sent) log().info({ event: "renewal-reminders", sent }, "cases");
  return sent;
}

/** Reminds people to renew before their approval period ends. */
export const renewalReminderJob = periodic(
  "renewal-reminders",
  () => env().REMINDER_POLL_SECONDS * 1000,
  () => sendDueRenewalReminders(),
);
