import { getTraeger } from "~/config/traeger";
import { addDays, fromBerlin, toBerlin } from "~/domain/appointments/time";
import type { Outcome } from "~/domain/appointments/rules";
import { createSlot, deleteSlot, detailsForBackOffice, recordOutcome, sweepExpiredHolds, type SlotProblem } from "./appointments.server";
import { audit } from "~/platform/audit/audit.server";
import { getDb } from "~/platform/db/db.server";
import { staffActor, type StaffInfo } from "~/features/staff/index.server";

// Appointment slots in the staff inbox (role Standortleitung): the same service functions as
// POST/DELETE /api/v1/appointment-slots, with the staff account as the audited actor.

export const SLOT_DAYS_SHOWN = 14;

export interface StaffSlot {
  id: string;
  type: string;
  date: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
}

/** The Standort's slots from today (Berlin) for two weeks, in time order. */
export async function upcomingSlots(standortId: string, now = new Date()): Promise<StaffSlot[]> {
  const today = toBerlin(now).date;
  const db = await getDb();
  const rows = await db
    .selectFrom("appointment_slots")
    .select(["id", "type", "starts_at", "ends_at", "capacity", "booked"])
    .where("standort_id", "=", standortId)
    .where("deleted_at", "is", null)
    .where("starts_at", ">=", fromBerlin(today, "00:00").toISOString())
    .where("starts_at", "<", fromBerlin(addDays(today, SLOT_DAYS_SHOWN), "00:00").toISOString())
    .orderBy("starts_at")
    .orderBy("type")
    .execute();
  return rows.map((r) => {
    const start = toBerlin(r.starts_at);
    return { id: r.id, type: r.type, date: start.date, start: start.time, end: toBerlin(r.ends_at).time, capacity: Number(r.capacity), booked: Number(r.booked) };
  });
}

export type AddSlotResult = { ok: true; id: string } | { ok: false; problem: SlotProblem | "in-the-past" };

/** date "YYYY-MM-DD", time "HH:MM" (German wall clock), duration in minutes. */
export async function addSlot(staff: StaffInfo, input: { standortId: string; type: string; date: string; time: string; durationMinutes: number; capacity: number }): Promise<AddSlotResult> {
  const start = fromBerlin(input.date, input.time);
  if (start.getTime() <= Date.now()) return { ok: false, problem: "in-the-past" };
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  const created = await createSlot({ standortId: input.standortId, type: input.type, start: start.toISOString(), end: end.toISOString(), capacity: input.capacity });
  if (!created.ok) return created;
  await audit({
    actor: staffActor(staff),
    operation: "appointment-slot.create",
    recordType: "appointment-slot",
    recordId: created.slot.id,
    details: { standortId: input.standortId, type: input.type, start: start.toISOString(), capacity: input.capacity },
  });
  return { ok: true, id: created.slot.id };
}

export async function removeSlot(staff: StaffInfo, id: string): Promise<"deleted" | "not-found" | "has-appointments"> {
  await sweepExpiredHolds(); // lapsed holds do not keep a slot alive
  const result = await deleteSlot(id);
  if (result === "deleted") await audit({ actor: staffActor(staff), operation: "appointment-slot.delete", recordType: "appointment-slot", recordId: id });
  return result;
}

export function defaultDuration(type: string): number {
  return getTraeger().appointmentTypes.find((t) => t.id === type)?.durationMinutes ?? 30;
}

export interface DayAppointment {
  id: string;
  reference: string;
  type: string;
  start: string;
  end: string;
  status: "booked" | "proposed";
  channel: string;
  interpreter: string | null;
  accessibilityNeeds: string[];
  accessibilityOther: string | null;
  outcome: "attended" | "missed" | null;
  /** The application it belongs to, when submitted (for a link to it). */
  application: { id: string; reference: string } | null;
  /** Started already: staff may record whether the person came. */
  started: boolean;
}

/** The booked and proposed appointments of one German day at a Standort, in time order (audited as a read). */
export async function appointmentsOfDay(staff: StaffInfo, standortId: string, date: string, now = new Date()): Promise<DayAppointment[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("appointments")
    .leftJoin("applications", (join) => join.onRef("applications.id", "=", "appointments.application_id").on("applications.status", "=", "submitted"))
    .selectAll("appointments")
    .select(["applications.reference as applicationReference"])
    .where("appointments.standort_id", "=", standortId)
    .where("appointments.status", "in", ["booked", "proposed"])
    .where("appointments.starts_at", ">=", fromBerlin(date, "00:00").toISOString())
    .where("appointments.starts_at", "<", fromBerlin(addDays(date, 1), "00:00").toISOString())
    .orderBy("appointments.starts_at")
    .execute();
  await audit({ actor: staffActor(staff), operation: "appointment.list", recordType: "appointment", details: { standortId, count: rows.length } });
  return rows.map((row) => {
    const details = detailsForBackOffice(row);
    return {
      id: row.id,
      reference: row.reference,
      type: row.type,
      start: toBerlin(row.starts_at).time,
      end: toBerlin(row.ends_at).time,
      status: row.status as "booked" | "proposed",
      channel: row.channel,
      interpreter: details.interpreter ? (details.interpreter.other ?? details.interpreter.language) : null,
      accessibilityNeeds: details.accessibilityNeeds,
      accessibilityOther: details.accessibilityOther,
      outcome: row.outcome,
      application: row.application_id && row.applicationReference ? { id: row.application_id, reference: row.applicationReference } : null,
      started: row.starts_at <= now.toISOString(),
    };
  });
}

/** Attended or missed, recorded by staff (the same rule as POST /api/v1/appointments/{id}/outcome). */
export async function recordOutcomeByStaff(staff: StaffInfo, appointmentId: string, outcome: Outcome): Promise<boolean> {
  const result = await recordOutcome({ appointmentId, outcome });
  if (!result.ok) return false;
  await audit({ actor: staffActor(staff), operation: "appointment.outcome", recordType: "appointment", recordId: appointmentId, details: { outcome } });
  return true;
}
