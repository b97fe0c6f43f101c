import crypto from "node:crypto";
import { getTraeger } from "~/config/traeger";
import type { Language } from "~/domain/languages";
import { getDb, nowIso } from "~/platform/db/db.server";
import { writeTransaction } from "~/platform/db/write.server";
import { enqueueMail } from "~/platform/mail/outbox.server";

// Barrier reports (BITV 2.0 § 7): stored, and mailed (through the outbox) to the Jobcenter's central address when one
// is configured. The reference lets the person refer to the report later.
export function newReference(prefix: string): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read aloud on the phone
  const bytes = crypto.randomBytes(8);
  let code = "";
  for (const byte of bytes) code += alphabet[byte % alphabet.length];
  return `${prefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}

export async function submitBarrierReport(input: { page?: string; description: string; email?: string; language: Language }): Promise<string> {
  const db = await getDb();
  const reference = newReference("BF");
  const id = crypto.randomUUID();
  const to = getTraeger().centralEmail;
  // The report and the staff mail about it in one transaction (mail outbox): no report without its mail.
  await writeTransaction(db, async (trx) => {
    await trx
      .insertInto("barrier_reports")
      .values({
        id,
        reference,
        page: input.page || null,
        description: input.description,
        contact_email: input.email || null,
        language: input.language,
        created_at: nowIso(),
      })
      .execute();
    if (to) {
      await enqueueMail(trx, {
        kind: "staff.barrier-report",
        dedupKey: `staff.barrier-report:${id}`,
        mail: {
          to,
          subject: `Barriere gemeldet: ${reference}`,
          text: `Meldung ${reference} (Sprache: ${input.language})\nSeite: ${input.page || "-"}\nAntwort an: ${input.email || "keine Adresse angegeben"}\n\n${input.description}`,
          language: "de",
        },
      });
    }
  });
  return reference;
}
