import { getTraeger } from "~/config/traeger";
import { addDays, fromBerlin, toBerlin } from "~/domain/appointments/time";
import { createSlot, deleteSlot, sweepExpiredHolds, type SlotProblem } from "./appointments.server";
import { audit } from "./audit.server";
import { getDb } from "./db.server";
import { staffActor, type StaffInfo } from "./staff.server";

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
  await audit({ actor: staffActor(staff), operation: "appointment-slot.create", recordType: "appointment-slot", recordId: created.slot.id, details: { standortId: input.standortId, type: input.type, start: start.toISOString(), capacity: input.capacity } });
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
