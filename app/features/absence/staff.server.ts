import { audit } from "~/platform/audit/audit.server";
import { staffActor, type StaffInfo } from "~/features/staff/index.server";
import { decideAbsence } from "./absence.server";

// The staff inbox's decision on a request to be away (role Integration, permission cases:write):
// the same rules as the API — a refusal needs a message, a request is decided once — audited
// with the staff member's id and the decision (never the message).

export const DECISION_MESSAGE_MAX = 2000;

export type StaffDecisionResult = { ok: true } | { ok: false; errors: Record<string, string> };

export async function decideAbsenceByStaff(staff: StaffInfo, input: { id: string; decision: string; message: string }): Promise<StaffDecisionResult> {
  const message = input.message.replace(/\r\n/g, "\n").trim();
  const errors: Record<string, string> = {};
  if (input.decision !== "approved" && input.decision !== "refused") errors.decision = "backoffice:absences.errors.decision";
  if (input.decision === "refused" && !message) errors[`message-${input.id}`] = "backoffice:absences.errors.messageForRefusal";
  if (message.length > DECISION_MESSAGE_MAX) errors[`message-${input.id}`] = "backoffice:absences.errors.messageTooLong";
  if (Object.keys(errors).length) return { ok: false, errors };
  const decision = input.decision as "approved" | "refused";
  const result = await decideAbsence(input.id, decision, message || null, `staff:${staff.id}`, (trx, changed) =>
    audit({ actor: staffActor(staff), operation: "absence-request.decide", recordType: "absence_request", recordId: input.id, details: { decision, changed } }, trx),
  );
  if (!result.ok) return { ok: false, errors: { decision: result.problem === "not-found" ? "backoffice:absences.errors.notFound" : "backoffice:absences.errors.decided" } };
  return { ok: true };
}
