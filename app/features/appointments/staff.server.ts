import { getTraeger } from "~/config/traeger";
import { addDays, fromBerlin, toBerlin } from "~/domain/appointments/time";
import type { Outcome } from "~/domain/appointments/rules";
import { dateWarnings, mondayOf, seriesStarts, shiftedByWeeks, type DateWarning, type SeriesProblem } from "~/domain/appointments/series";
import { APPLICANT_ID } from "~/domain/application/model";
import { personName } from "~/domain/application/summary";
import { toRecord } from "~/features/application/index.server";
import {
  correctOutcome,
  createSlot,
  deleteSlot,
  detailsForBackOffice,
  insertSlots,
  isBookableStandort,
  outcomeCorrections,
  recordOutcome,
  sweepExpiredHolds,
  type NewSlot,
  type OutcomeRefusal,
  type SlotProblem,
} from "./appointments.server";
import { audit } from "~/platform/audit/audit.server";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import { getDb } from "~/platform/db/db.server";
import { staffActor, type StaffInfo } from "~/features/staff/index.server";

// Appointments in the staff inbox (role Standortleitung): the day view of a Standort (who comes,
// for what, with which needs; attendance recorded once, corrected with a reason), and slot
// management (single slots, series, copied weeks) with warnings on public holidays and closed
// days. The same service functions as the API, with the staff account as the audited actor.

export const SLOT_DAYS_SHOWN = 14;

/** Sealed reasons of attendance corrections (they may name the person's circumstances). */
const CORRECTION_PURPOSE = "appointment-outcome-correction";

export function bookableStandorte(): Array<{ id: string; name: string }> {
  return getTraeger()
    .standorte.filter((s) => isBookableStandort(s.id))
    .map((s) => ({ id: s.id, name: s.name }));
}

/**
 * The Standort a page shows: the one asked for, else the staff member's own (remembered when
 * they choose one), else the first. Choosing one remembers it.
 */
export async function standortForStaff(staff: StaffInfo, asked: string | null): Promise<string> {
  const standorte = bookableStandorte();
  const db = await getDb();
  if (asked && standorte.some((s) => s.id === asked)) {
    await db
      .updateTable("staff_users")
      .set({ standort_id: asked })
      .where("id", "=", staff.id)
      .where((eb) => eb.or([eb("standort_id", "is", null), eb("standort_id", "!=", asked)]))
      .execute();
    return asked;
  }
  const own = await db.selectFrom("staff_users").select("standort_id").where("id", "=", staff.id).executeTakeFirst();
  return standorte.find((s) => s.id === own?.standort_id)?.id ?? standorte[0]?.id ?? "";
}

// ---------------------------------------------------------------------------------------------
// Slots

export interface StaffSlot {
  id: string;
  type: string;
  date: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
}

/** The Standort's slots from `fromDate` (German date, default today) for `days` days, in time order. */
export async function upcomingSlots(standortId: string, now = new Date(), fromDate?: string, days = SLOT_DAYS_SHOWN): Promise<StaffSlot[]> {
  const first = fromDate ?? toBerlin(now).date;
  const db = await getDb();
  const rows = await db
    .selectFrom("appointment_slots")
    .select(["id", "type", "starts_at", "ends_at", "capacity", "booked"])
    .where("standort_id", "=", standortId)
    .where("deleted_at", "is", null)
    .where("starts_at", ">=", fromBerlin(first, "00:00").toISOString())
    .where("starts_at", "<", fromBerlin(addDays(first, days), "00:00").toISOString())
    .orderBy("starts_at")
    .orderBy("type")
    .execute();
  return rows.map((r) => {
    const start = toBerlin(r.starts_at);
    return { id: r.id, type: r.type, date: start.date, start: start.time, end: toBerlin(r.ends_at).time, capacity: Number(r.capacity), booked: Number(r.booked) };
  });
}

/** The warnings for new slots on these days at the Standort (public holidays, closed days). */
export function slotDateWarnings(standortId: string, dates: readonly string[]): DateWarning[] {
  const traeger = getTraeger();
  return dateWarnings(dates, standortId, traeger.holidays, traeger.closedDays);
}

export type AddSlotResult =
  | { ok: true; created: number; skipped: number }
  | { ok: false; problem: SlotProblem | SeriesProblem | "in-the-past" | "nothing-to-copy" }
  /** Some days are public holidays or closed days: nothing was written, the page asks to confirm. */
  | { ok: false; problem: "confirm"; warnings: DateWarning[] };

/** date "YYYY-MM-DD", time "HH:MM" (German wall clock), duration in minutes. */
export async function addSlot(
  staff: StaffInfo,
  input: { standortId: string; type: string; date: string; time: string; durationMinutes: number; capacity: number; confirmed?: boolean },
): Promise<AddSlotResult> {
  const start = fromBerlin(input.date, input.time);
  if (start.getTime() <= Date.now()) return { ok: false, problem: "in-the-past" };
  const warnings = slotDateWarnings(input.standortId, [input.date]);
  if (warnings.length && !input.confirmed) return { ok: false, problem: "confirm", warnings };
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  const created = await createSlot({ standortId: input.standortId, type: input.type, start: start.toISOString(), end: end.toISOString(), capacity: input.capacity });
  if (!created.ok) return created;
  await audit({
    actor: staffActor(staff),
    operation: "appointment-slot.create",
    recordType: "appointment-slot",
    recordId: created.slot.id,
    details: { standortId: input.standortId, type: input.type, start: start.toISOString(), capacity: input.capacity, ...(warnings.length ? { onDaysWithWarnings: warnings.length } : {}) },
  });
  return { ok: true, created: 1, skipped: 0 };
}

/** Many slots at once; times in the past are left out, existing ones (same start and type) stay. */
async function addMany(staff: StaffInfo, standortId: string, slots: NewSlot[], confirmed: boolean, operation: string, details: Record<string, unknown>): Promise<AddSlotResult> {
  const now = Date.now();
  const future = slots.filter((s) => Date.parse(s.start) > now);
  if (!future.length) return { ok: false, problem: slots.length ? "in-the-past" : "nothing-to-copy" };
  const warnings = slotDateWarnings(
    standortId,
    future.map((s) => toBerlin(s.start).date),
  );
  if (warnings.length && !confirmed) return { ok: false, problem: "confirm", warnings };
  const created = await insertSlots(future, "api");
  await audit({
    actor: staffActor(staff),
    operation,
    recordType: "appointment-slot",
    details: { standortId, ...details, created, skipped: future.length - created, ...(warnings.length ? { onDaysWithWarnings: warnings.length } : {}) },
  });
  return { ok: true, created, skipped: slots.length - created };
}

/** A series: every chosen weekday in the date range, at each start time, of one type, length and capacity. */
export async function addSeries(
  staff: StaffInfo,
  input: { standortId: string; type: string; fromDate: string; toDate: string; weekdays: number[]; times: string[]; durationMinutes: number; capacity: number; confirmed?: boolean },
): Promise<AddSlotResult> {
  const series = seriesStarts(input);
  if (!series.ok) return series;
  const slots = series.starts.map((s) => ({
    standortId: input.standortId,
    type: input.type,
    start: fromBerlin(s.date, s.start).toISOString(),
    end: fromBerlin(s.date, s.end).toISOString(),
    capacity: input.capacity,
  }));
  return addMany(staff, input.standortId, slots, input.confirmed === true, "appointment-slot.create-series", {
    type: input.type,
    from: input.fromDate,
    to: input.toDate,
    weekdays: input.weekdays,
    times: input.times,
  });
}

/** Copies the slots of one week (Monday–Sunday) of the Standort to another week, same weekdays and times. */
export async function copyWeek(staff: StaffInfo, input: { standortId: string; fromDate: string; toDate: string; confirmed?: boolean }): Promise<AddSlotResult> {
  const from = mondayOf(input.fromDate);
  const to = mondayOf(input.toDate);
  if (from === to) return { ok: false, problem: "range" };
  const source = await upcomingSlots(input.standortId, new Date(), from, 7);
  const slots = source.map((s) => {
    const date = shiftedByWeeks(s.date, from, to);
    const start = fromBerlin(date, s.start);
    // The same length as the original (in minutes), also across a change of summer time.
    const minutes = Math.round((fromBerlin(s.date, s.end).getTime() - fromBerlin(s.date, s.start).getTime()) / 60_000);
    return { standortId: input.standortId, type: s.type, start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString(), capacity: s.capacity };
  });
  if (!slots.length) return { ok: false, problem: "nothing-to-copy" };
  return addMany(staff, input.standortId, slots, input.confirmed === true, "appointment-slot.copy-week", { fromWeek: from, toWeek: to });
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

// ---------------------------------------------------------------------------------------------
// The day view

export interface OutcomeCorrectionView {
  from: Outcome;
  to: Outcome;
  at: string;
  /** The staff member's name (or "–" once the account is gone). */
  by: string;
  reason: string;
}

export interface DayAppointment {
  id: string;
  /** The appointment's own number ("T-…"). */
  reference: string;
  /** The person's name from her application (null: no submitted application yet). */
  name: string | null;
  type: string;
  start: string;
  end: string;
  status: "booked" | "proposed";
  channel: string;
  interpreter: string | null;
  accessibilityNeeds: string[];
  accessibilityOther: string | null;
  outcome: Outcome | null;
  outcomeAt: string | null;
  /** The application it is for (or, without a link, the person's latest), for its Aktenzeichen and a link. */
  application: { id: string; reference: string; linked: boolean } | null;
  /** Started already: staff may record whether the person came. */
  started: boolean;
  corrections: OutcomeCorrectionView[];
}

/** The booked and proposed appointments of one German day at a Standort, in time order (audited as a read). */
export async function appointmentsOfDay(staff: StaffInfo, standortId: string, date: string, now = new Date()): Promise<DayAppointment[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("appointments")
    .selectAll()
    .where("standort_id", "=", standortId)
    .where("status", "in", ["booked", "proposed"])
    .where("starts_at", ">=", fromBerlin(date, "00:00").toISOString())
    .where("starts_at", "<", fromBerlin(addDays(date, 1), "00:00").toISOString())
    .orderBy("starts_at")
    .orderBy("reference")
    .execute();
  // Who the person is: the applicant of the linked application, else of her latest submitted one.
  const userIds = [...new Set(rows.map((r) => r.user_id).filter((id): id is string => Boolean(id)))];
  const applications = userIds.length
    ? (
        await db
          .selectFrom("applications")
          .selectAll()
          .where("status", "=", "submitted")
          .where("traeger_id", "=", getTraeger().id)
          .where("user_id", "in", userIds)
          .orderBy("submitted_at", "desc")
          .execute()
      ).map(toRecord)
    : [];
  const corrections = await outcomeCorrections(rows.map((r) => r.id));
  const staffIds = [...new Set(corrections.map((c) => c.staff_id))];
  const staffNames = new Map(staffIds.length ? (await db.selectFrom("staff_users").select(["id", "name"]).where("id", "in", staffIds).execute()).map((s) => [s.id, s.name] as const) : []);
  await audit({ actor: staffActor(staff), operation: "appointment.list", recordType: "appointment", details: { standortId, count: rows.length } });
  return rows.map((row) => {
    const details = detailsForBackOffice(row);
    const linked = row.application_id ? applications.find((a) => a.id === row.application_id) : undefined;
    const application = linked ?? applications.find((a) => a.userId === row.user_id);
    return {
      id: row.id,
      reference: row.reference,
      name: application ? personName(application.data, APPLICANT_ID) || null : null,
      type: row.type,
      start: toBerlin(row.starts_at).time,
      end: toBerlin(row.ends_at).time,
      status: row.status as "booked" | "proposed",
      channel: row.channel,
      interpreter: details.interpreter ? (details.interpreter.other ?? details.interpreter.language) : null,
      accessibilityNeeds: details.accessibilityNeeds,
      accessibilityOther: details.accessibilityOther,
      outcome: row.outcome,
      outcomeAt: row.outcome_at,
      application: application ? { id: application.id, reference: application.reference, linked: Boolean(linked) } : null,
      started: row.starts_at <= now.toISOString(),
      corrections: corrections
        .filter((c) => c.appointment_id === row.id)
        .map((c) => ({ from: c.from_outcome, to: c.to_outcome, at: c.created_at, by: staffNames.get(c.staff_id) ?? "–", reason: openText(CORRECTION_PURPOSE, c.reason_sealed) ?? "" })),
    };
  });
}

/** One appointment of the day view (for the correction page), or null. */
export async function dayAppointment(staff: StaffInfo, id: string): Promise<(DayAppointment & { standortId: string; date: string }) | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("appointments").select(["standort_id", "starts_at"]).where("id", "=", id).executeTakeFirst();
  if (!row || !isBookableStandort(row.standort_id)) return null;
  const date = toBerlin(row.starts_at).date;
  const found = (await appointmentsOfDay(staff, row.standort_id, date)).find((a) => a.id === id);
  return found ? { ...found, standortId: row.standort_id, date } : null;
}

/** Attended or missed, recorded once by staff (the same rule as POST /api/v1/appointments/{id}/outcome). */
export async function recordOutcomeByStaff(staff: StaffInfo, appointmentId: string, outcome: Outcome): Promise<{ ok: true } | { ok: false; problem: OutcomeRefusal }> {
  const result = await recordOutcome({ appointmentId, outcome });
  if (!result.ok) return result;
  if (result.changed) await audit({ actor: staffActor(staff), operation: "appointment.outcome", recordType: "appointment", recordId: appointmentId, details: { outcome } });
  return { ok: true };
}

/** Corrects a recorded outcome with a reason (sealed; the audit entry names the change, not the reason). */
export async function correctOutcomeByStaff(
  staff: StaffInfo,
  input: { appointmentId: string; from: Outcome; to: Outcome; reason: string },
): Promise<{ ok: true } | { ok: false; problem: OutcomeRefusal }> {
  const result = await correctOutcome({ ...input, staffId: staff.id, sealReason: (reason) => sealText(CORRECTION_PURPOSE, reason) });
  if (!result.ok) return result;
  await audit({
    actor: staffActor(staff),
    operation: "appointment.outcome-correct",
    recordType: "appointment",
    recordId: input.appointmentId,
    details: { from: input.from, to: input.to, correctionId: result.correctionId },
  });
  return { ok: true };
}
