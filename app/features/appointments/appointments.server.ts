import crypto from "node:crypto";
import { sql, type Selectable } from "kysely";
import { getTraeger } from "~/config/traeger";
import {
  ACCESSIBILITY_NEEDS,
  ACTIVE_STATUSES,
  appointmentReference,
  canChange,
  changeableOnline,
  changeDeadline,
  exceedsFutureLimit,
  holdExpiry,
  type AccessibilityNeed,
  type CancelReason,
  type Outcome,
} from "~/domain/appointments/rules";
import { toBerlin } from "~/domain/appointments/time";
import { bookableByLead, earliestBookableStart } from "~/domain/appointments/booking-window";
import { customerStandorte, findStandortForMunicipality } from "~/domain/traeger/lookup";
import type { Standort, TraegerConfig } from "~/domain/traeger/schema";
import { isLanguage, type Language } from "~/domain/languages";
import { getDb } from "~/platform/db/db.server";
import { writeTransaction, type Executor } from "~/platform/db/write.server";
import type { AppointmentOutcomeCorrectionsTable, AppointmentSlotsTable, AppointmentsTable } from "~/platform/db/schema.server";
import { env } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";
import { enqueueEvent } from "~/platform/events/webhooks.server";
import { appointmentIcs, icsFilename, parseNeeds, enqueueAppointmentMail, standortOf, whatToBring, type MailExtra, type MailKind } from "./mail.server";
import { hitAll } from "~/platform/http/rate-limit.server";
import type { ExportSection } from "~/platform/export/data-export.server";
import { openText, sealText } from "~/platform/crypto/at-rest.server";

/** Purpose of the sealed cancellation message (at-rest.server.ts). */
const CANCEL_MESSAGE_PURPOSE = "appointment-cancel-message";

// Appointments (issue "Termine"): slots come from the back office (or the demo schedule), people
// hold a place for a few minutes while they confirm, then book, rebook or cancel. Rules that hold
// everywhere:
// - capacity is enforced by the database: a place is taken with ONE guarded UPDATE
//   (`booked = booked + 1 … where booked < capacity`) in the same transaction as the appointment
//   row, and a CHECK keeps booked ≤ capacity; no check-then-insert in application code;
// - every transaction starts with a write (locking the person's row), so SQLite takes its write
//   lock at once and PostgreSQL serialises the same person's requests (per-type limit);
// - every query about a person's appointment is scoped by their user id;
// - events for the back office are written in the same transaction as the change.

export type Trx = Executor;
export { parseNeeds };
export type AppointmentRow = Selectable<AppointmentsTable>;
export type SlotRow = Selectable<AppointmentSlotsTable>;
export type Channel = AppointmentRow["channel"];

export const CHANNELS = ["in-person", "phone", "video"] as const;

/** Why a booking step did not happen; the page shows the matching message. */
export type BookingProblem = "not-found" | "slot-full" | "too-late" | "limit" | "already-booked" | "deadline-passed" | "hold-expired" | "not-allowed";

export type Outcome_<T> = { ok: true; value: T } | { ok: false; problem: BookingProblem };

class Refusal extends Error {
  constructor(readonly problem: BookingProblem) {
    super(problem);
  }
}

function refuse(problem: BookingProblem): never {
  throw new Refusal(problem);
}

// ---------------------------------------------------------------------------------------------
// Träger data

export function appointmentTypes(traeger: TraegerConfig = getTraeger()) {
  return traeger.appointmentTypes;
}

export function appointmentType(id: string, traeger: TraegerConfig = getTraeger()) {
  return traeger.appointmentTypes.find((t) => t.id === id);
}

export function isBookableStandort(id: string, traeger: TraegerConfig = getTraeger()): boolean {
  return customerStandorte(traeger).some((s) => s.id === id);
}

export function appointmentLimits(traeger: TraegerConfig = getTraeger()) {
  const { appointmentCancelHours, reminderHoursBefore, maxFutureAppointmentsPerType, appointmentLeadMinutes, missedRebookDays } = traeger.limits;
  return {
    cancelHours: appointmentCancelHours,
    reminderHoursBefore,
    maxPerType: maxFutureAppointmentsPerType,
    holdMinutes: env().APPOINTMENT_HOLD_MINUTES,
    leadMinutes: appointmentLeadMinutes,
    rebookDays: missedRebookDays,
  };
}

/** The Standort for the place a person typed, if it is one of the Träger's municipalities. */
export function suggestStandort(place: string): { standortId: string; municipality: string } | null {
  const result = findStandortForMunicipality(getTraeger(), place);
  return result.kind === "found" ? { standortId: result.standort.id, municipality: result.municipality.name } : null;
}

// ---------------------------------------------------------------------------------------------
// Events for the back office (delivered by the webhooks module)

type EventType = "appointment.booked" | "appointment.cancelled";

/** Written to the outbox in the same transaction as the change, so no booking goes unannounced. */
async function emit(trx: Trx, type: EventType, row: AppointmentRow, extra: Record<string, unknown> = {}): Promise<void> {
  await enqueueEvent(trx, { type, subjectKey: `appointment:${row.id}`, data: { ...eventData(row), ...extra } });
}

/**
 * Whether the person asked for an interpreter or support, without what exactly: events carry
 * references and flags only (the webhook outbox holds no personal data; phone numbers and
 * free-text needs are read through GET /api/v1/appointments/{id}, which is audited).
 */
function needsFlags(row: AppointmentRow): Record<string, unknown> {
  return { interpreterRequested: row.interpreter_language !== null, accessibilityRequested: parseNeeds(row).length > 0 };
}

/** What an event carries: enough for the back office to act, the rest via GET /api/v1/appointments/{id}. */
export function eventData(row: AppointmentRow): Record<string, unknown> {
  return {
    appointmentId: row.id,
    reference: row.reference,
    status: row.status,
    standortId: row.standort_id,
    type: row.type,
    start: row.starts_at,
    end: row.ends_at,
    channel: row.channel,
    origin: row.origin,
    caseId: row.case_id,
    applicationId: row.application_id,
    rebookOf: row.rebook_of,
    cancelReason: row.cancel_reason,
  };
}

// ---------------------------------------------------------------------------------------------
// Transactions and the capacity primitives

/**
 * Runs `fn` in the platform's writeTransaction (BEGIN IMMEDIATE on SQLite; deadlocks, serialization
 * failures and busy databases are retried there); a refusal rolls it back and becomes the outcome.
 */
async function refusable<T>(fn: (trx: Trx) => Promise<T>): Promise<Outcome_<T>> {
  try {
    return { ok: true, value: await writeTransaction(await getDb(), fn) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    throw error;
  }
}

/**
 * Locks the person's row for the rest of the transaction (PostgreSQL: row lock; SQLite: the
 * write lock, taken at once). Serialises one person's bookings so the per-type limit holds.
 */
async function lockPerson(trx: Trx, userId: string): Promise<void> {
  const result = await trx
    .updateTable("users")
    .set({ updated_at: sql`updated_at` })
    .where("id", "=", userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) refuse("not-found");
}

/** Takes one place in the slot, or none: the database decides, in one statement. */
async function takePlace(trx: Trx, slotId: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable("appointment_slots")
    .set({ booked: sql`booked + 1` })
    .where("id", "=", slotId)
    .where("deleted_at", "is", null)
    .where("starts_at", ">", now.toISOString())
    .where(sql<boolean>`booked < capacity`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function freePlace(trx: Trx, slotId: string): Promise<void> {
  await trx
    .updateTable("appointment_slots")
    .set({ booked: sql`booked - 1` })
    .where("id", "=", slotId)
    .where("booked", ">", 0)
    .execute();
}

/** Lets lapsed holds go (in one slot, or everywhere); each freed place is counted once. */
async function releaseExpiredHolds(trx: Trx, now: Date, slotId?: string): Promise<number> {
  let query = trx.selectFrom("appointments").select(["id", "slot_id"]).where("status", "=", "held").where("hold_expires_at", "<=", now.toISOString());
  if (slotId) query = query.where("slot_id", "=", slotId);
  const lapsed = await query.limit(500).execute();
  let released = 0;
  for (const hold of lapsed) {
    const done = await trx.updateTable("appointments").set({ status: "expired", updated_at: now.toISOString() }).where("id", "=", hold.id).where("status", "=", "held").executeTakeFirst();
    if (Number(done.numUpdatedRows) === 1) {
      await freePlace(trx, hold.slot_id);
      released++;
    }
  }
  return released;
}

/** The reminders job calls this: holds that lapsed free their place for others. */
export async function sweepExpiredHolds(now = new Date()): Promise<number> {
  const db = await getDb();
  const any = await db.selectFrom("appointments").select("id").where("status", "=", "held").where("hold_expires_at", "<=", now.toISOString()).limit(1).executeTakeFirst();
  if (!any) return 0;
  const result = await refusable((trx) => releaseExpiredHolds(trx, now));
  return result.ok ? result.value : 0;
}

async function loadSlot(trx: Trx, slotId: string): Promise<SlotRow | undefined> {
  return trx.selectFrom("appointment_slots").selectAll().where("id", "=", slotId).executeTakeFirst();
}

async function loadOwn(trx: Trx, userId: string, id: string): Promise<AppointmentRow | undefined> {
  return trx.selectFrom("appointments").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
}

async function reload(trx: Trx, id: string): Promise<AppointmentRow> {
  return trx.selectFrom("appointments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

function newId(): string {
  return crypto.randomUUID();
}

/** A new appointment in the slot (a portal hold or an invitation); no details or outcome yet. */
interface NewAppointment {
  id: string;
  userId: string;
  status: "held" | "proposed";
  origin: "portal" | "invitation";
  holdExpiresAt?: string | null;
  language: Language;
  applicationId?: string | null;
  caseId?: string | null;
  rebookOf?: string | null;
  invitationMessage?: string | null;
  calendarUid: string;
  sequence?: number;
}

/** Inserts the appointment (its place in the slot is already taken) and returns the row. */
async function insertAppointment(trx: Trx, slot: SlotRow, now: Date, a: NewAppointment): Promise<AppointmentRow> {
  await trx
    .insertInto("appointments")
    .values({
      id: a.id,
      reference: appointmentReference((n) => crypto.randomInt(n)),
      user_id: a.userId,
      slot_id: slot.id,
      standort_id: slot.standort_id,
      type: slot.type,
      starts_at: slot.starts_at,
      ends_at: slot.ends_at,
      status: a.status,
      origin: a.origin,
      hold_expires_at: a.holdExpiresAt ?? null,
      channel: "in-person",
      phone: null,
      interpreter_language: null,
      interpreter_other: null,
      accessibility_other: null,
      language: a.language,
      application_id: a.applicationId ?? null,
      case_id: a.caseId ?? null,
      rebook_of: a.rebookOf ?? null,
      rebooked_to: null,
      invitation_message: a.invitationMessage ?? null,
      decline_message: null,
      cancel_reason: null,
      outcome: null,
      outcome_at: null,
      explanation: null,
      explained_at: null,
      missed_notified_at: null,
      calendar_uid: a.calendarUid,
      sequence: a.sequence ?? 0,
      created_at: now.toISOString(),
      booked_at: null,
      cancelled_at: null,
      updated_at: now.toISOString(),
    })
    .execute();
  return reload(trx, a.id);
}

// ---------------------------------------------------------------------------------------------
// Booking: hold → confirm

export interface HoldInput {
  userId: string;
  slotId: string;
  language: Language;
  /** The booked appointment this one replaces (rebooking). */
  rebookOf?: string | null;
  applicationId?: string | null;
  now?: Date;
}

/**
 * Holds a place in the slot for APPOINTMENT_HOLD_MINUTES while the person confirms. Any other
 * hold of the person is let go. Refused when the slot is full or gone, when the person already
 * has the type's maximum of future appointments, or when the rebooked appointment is past its
 * deadline.
 */
export async function createHold(input: HoldInput): Promise<Outcome_<AppointmentRow>> {
  const now = input.now ?? new Date();
  const limits = appointmentLimits();
  return refusable(async (trx) => {
    await lockPerson(trx, input.userId);
    const slot = await loadSlot(trx, input.slotId);
    if (!slot || slot.deleted_at || !isBookableStandort(slot.standort_id) || !appointmentType(slot.type)) refuse("not-found");
    // The Träger's minimum lead time: nobody books a time that starts in three minutes.
    if (!bookableByLead(slot.starts_at, limits.leadMinutes, now)) refuse("too-late");
    let calendarUid = `appointment-${newId()}`;
    let sequence = 0;
    // The application the appointment is for; a rebooked appointment stays linked to its application.
    let applicationId = input.applicationId ?? null;
    if (input.rebookOf) {
      const old = await loadOwn(trx, input.userId, input.rebookOf);
      if (!old || old.type !== slot.type) refuse("not-allowed");
      if (!canChange({ status: old.status, startsAt: old.starts_at }, limits.cancelHours, now)) refuse("deadline-passed");
      if (old.slot_id === slot.id) refuse("already-booked");
      calendarUid = old.calendar_uid;
      sequence = old.sequence + 1;
      applicationId ??= old.application_id;
    }
    const active = await trx
      .selectFrom("appointments")
      .select(["id", "slot_id", "status"])
      .where("user_id", "=", input.userId)
      .where("type", "=", slot.type)
      .where("status", "in", ["proposed", "booked"])
      .where("starts_at", ">", now.toISOString())
      .execute();
    if (active.some((a) => a.slot_id === slot.id)) refuse("already-booked");
    const counted = active.filter((a) => a.id !== input.rebookOf).length;
    if (exceedsFutureLimit(counted, limits.maxPerType)) refuse("limit");
    await releaseExpiredHolds(trx, now, slot.id);
    if (!(await takePlace(trx, slot.id, now))) refuse("slot-full");
    // One hold at a time: the person's earlier holds (another time they looked at) are let go.
    const earlier = await trx.selectFrom("appointments").select(["id", "slot_id"]).where("user_id", "=", input.userId).where("status", "=", "held").execute();
    for (const hold of earlier) {
      const done = await trx.updateTable("appointments").set({ status: "expired", updated_at: now.toISOString() }).where("id", "=", hold.id).where("status", "=", "held").executeTakeFirst();
      if (Number(done.numUpdatedRows) === 1) await freePlace(trx, hold.slot_id);
    }
    return insertAppointment(trx, slot, now, {
      id: newId(),
      userId: input.userId,
      status: "held",
      origin: "portal",
      holdExpiresAt: holdExpiry(now, limits.holdMinutes).toISOString(),
      language: input.language,
      applicationId,
      rebookOf: input.rebookOf ?? null,
      calendarUid,
      sequence,
    });
  });
}

/** What the person tells the Jobcenter with the booking. */
export interface BookingDetails {
  channel: Channel;
  phone: string | null;
  /** A portal language code, "other" (see interpreterOther), or null for none. */
  interpreterLanguage: string | null;
  interpreterOther: string | null;
  accessibilityNeeds: AccessibilityNeed[];
  accessibilityOther: string | null;
}

export const NO_DETAILS: BookingDetails = { channel: "in-person", phone: null, interpreterLanguage: null, interpreterOther: null, accessibilityNeeds: [], accessibilityOther: null };

function detailColumns(details: BookingDetails) {
  return {
    channel: details.channel,
    phone: details.channel === "phone" ? details.phone : null,
    interpreter_language: details.interpreterLanguage,
    interpreter_other: details.interpreterLanguage === "other" ? details.interpreterOther : null,
    accessibility_needs: JSON.stringify(details.accessibilityNeeds.filter((n) => (ACCESSIBILITY_NEEDS as readonly string[]).includes(n))),
    accessibility_other: details.accessibilityNeeds.includes("other") ? details.accessibilityOther : null,
  };
}

export interface Booked {
  appointment: AppointmentRow;
  /** The appointment this one replaced, when it was a rebooking. */
  replaced: AppointmentRow | null;
}

/**
 * Turns the person's hold into a booking. A hold that lapsed but whose place nobody took in the
 * meantime is still booked; a rebooking cancels the old appointment in the same transaction.
 */
export async function confirmHold(input: { userId: string; appointmentId: string; details: BookingDetails; now?: Date }): Promise<Outcome_<Booked>> {
  const now = input.now ?? new Date();
  const limits = appointmentLimits();
  const result = await refusable(async (trx) => {
    await lockPerson(trx, input.userId);
    const hold = await loadOwn(trx, input.userId, input.appointmentId);
    if (!hold || hold.origin !== "portal") refuse("not-found");
    if (hold.status === "booked") return { appointment: hold, replaced: null, already: true };
    if (hold.starts_at <= now.toISOString()) refuse("too-late");
    if (hold.status === "expired") {
      // Someone let the lapsed hold go: take a place again if one is free.
      if (!(await takePlace(trx, hold.slot_id, now))) refuse("hold-expired");
    } else if (hold.status !== "held") {
      refuse("hold-expired");
    }
    let replaced: AppointmentRow | null = null;
    if (hold.rebook_of) {
      const old = await loadOwn(trx, input.userId, hold.rebook_of);
      if (!old || !canChange({ status: old.status, startsAt: old.starts_at }, limits.cancelHours, now)) refuse("deadline-passed");
      const done = await trx
        .updateTable("appointments")
        .set({ status: "cancelled", cancel_reason: "rebooked", rebooked_to: hold.id, cancelled_at: now.toISOString(), updated_at: now.toISOString() })
        .where("id", "=", old.id)
        .where("status", "=", "booked")
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) refuse("deadline-passed");
      await freePlace(trx, old.slot_id);
      replaced = await reload(trx, old.id);
      await emit(trx, "appointment.cancelled", replaced, { rebookedTo: hold.id });
    }
    await trx
      .updateTable("appointments")
      .set({ ...detailColumns(input.details), status: "booked", hold_expires_at: null, booked_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", hold.id)
      .where("status", "in", ["held", "expired"])
      .execute();
    const appointment = await reload(trx, hold.id);
    await emit(trx, "appointment.booked", appointment, needsFlags(appointment));
    await notify(trx, "booked", appointment, { replaced });
    return { appointment, replaced, already: false };
  });
  if (!result.ok) return result;
  const { appointment, replaced, already } = result.value;
  if (!already) log().info({ event: replaced ? "appointment-rebooked" : "appointment-booked", type: appointment.type }, "appointments");
  return { ok: true, value: { appointment, replaced } };
}

/** Lets a hold go at once (the person chose "another time" or left the confirmation). */
export async function releaseHold(input: { userId: string; appointmentId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await refusable(async (trx) => {
    await lockPerson(trx, input.userId);
    const hold = await loadOwn(trx, input.userId, input.appointmentId);
    if (!hold) return;
    const done = await trx.updateTable("appointments").set({ status: "expired", updated_at: now.toISOString() }).where("id", "=", hold.id).where("status", "=", "held").executeTakeFirst();
    if (Number(done.numUpdatedRows) === 1) await freePlace(trx, hold.slot_id);
  });
}

/** Holds and books in one go (bench, tests, and the API's own tools). */
export async function book(input: HoldInput & { details?: BookingDetails }): Promise<Outcome_<Booked>> {
  const hold = await createHold(input);
  if (!hold.ok) return hold;
  return confirmHold({ userId: input.userId, appointmentId: hold.value.id, details: input.details ?? NO_DETAILS, now: input.now });
}

// ---------------------------------------------------------------------------------------------
// Cancelling

/** The person cancels a booked appointment (up to the deadline); the place is free at once. */
export async function cancelByPerson(input: { userId: string; appointmentId: string; now?: Date }): Promise<Outcome_<AppointmentRow>> {
  const now = input.now ?? new Date();
  const { cancelHours } = appointmentLimits();
  const result = await refusable(async (trx) => {
    await lockPerson(trx, input.userId);
    const row = await loadOwn(trx, input.userId, input.appointmentId);
    if (!row || row.status !== "booked") refuse("not-found");
    if (!canChange({ status: row.status, startsAt: row.starts_at }, cancelHours, now)) refuse("deadline-passed");
    const cancelled = await cancelRow(trx, row, "person", now);
    await notify(trx, "cancelled", cancelled);
    return cancelled;
  });
  if (result.ok) log().info({ event: "appointment-cancelled", by: "person" }, "appointments");
  return result;
}

async function cancelRow(trx: Trx, row: AppointmentRow, reason: CancelReason, now: Date, message?: string | null): Promise<AppointmentRow> {
  const done = await trx
    .updateTable("appointments")
    .set({
      status: "cancelled",
      cancel_reason: reason,
      cancel_message_sealed: message ? sealText(CANCEL_MESSAGE_PURPOSE, message) : null,
      cancelled_at: now.toISOString(),
      updated_at: now.toISOString(),
      sequence: sql`sequence + 1`,
    })
    .where("id", "=", row.id)
    .where("status", "in", [...ACTIVE_STATUSES])
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) refuse("not-found");
  await freePlace(trx, row.slot_id);
  const cancelled = await reload(trx, row.id);
  await emit(trx, "appointment.cancelled", cancelled, { hasMessage: Boolean(message) });
  return cancelled;
}

/** The back office cancels (any active appointment); the person is told by e-mail. */
export async function cancelByBackOffice(input: { appointmentId: string; message?: string | null; now?: Date }): Promise<Outcome_<AppointmentRow>> {
  const now = input.now ?? new Date();
  const result = await refusable(async (trx) => {
    const row = await trx.selectFrom("appointments").selectAll().where("id", "=", input.appointmentId).executeTakeFirst();
    if (!row || !(ACTIVE_STATUSES as readonly string[]).includes(row.status)) refuse("not-found");
    const cancelled = await cancelRow(trx, row, "backoffice", now, input.message ?? null);
    await notify(trx, "cancelledByJobcenter", cancelled, { message: input.message ?? null });
    return cancelled;
  });
  return result;
}

/**
 * After an account is deleted its appointments have no person any more (ON DELETE SET NULL):
 * they are cancelled, their places freed and the personal details wiped.
 */
export async function releaseOrphanedAppointments(now = new Date()): Promise<number> {
  const db = await getDb();
  const orphans = await db
    .selectFrom("appointments")
    .select("id")
    .where("user_id", "is", null)
    .where("case_id", "is", null)
    .where("status", "in", [...ACTIVE_STATUSES])
    .limit(200)
    .execute();
  let count = 0;
  for (const { id } of orphans) {
    const result = await refusable(async (trx) => {
      const row = await trx.selectFrom("appointments").selectAll().where("id", "=", id).where("user_id", "is", null).executeTakeFirst();
      if (!row || !(ACTIVE_STATUSES as readonly string[]).includes(row.status)) return false;
      await cancelRow(trx, row, "account-deleted", now);
      await trx
        .updateTable("appointments")
        .set({ ...detailColumns(NO_DETAILS), decline_message: null, explanation: null })
        .where("id", "=", id)
        .execute();
      return true;
    });
    if (result.ok && result.value) count++;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Invitations from the back office

/**
 * The back office proposes a time to a person (for their case): the place is reserved at once,
 * the person confirms or asks for another time in the portal.
 */
export async function createInvitation(input: {
  userId: string;
  slotId: string;
  caseId?: string | null;
  applicationId?: string | null;
  message?: string | null;
  now?: Date;
}): Promise<Outcome_<AppointmentRow>> {
  const now = input.now ?? new Date();
  const result = await refusable(async (trx) => {
    await lockPerson(trx, input.userId);
    const slot = await loadSlot(trx, input.slotId);
    if (!slot || slot.deleted_at) refuse("not-found");
    if (slot.starts_at <= now.toISOString()) refuse("too-late");
    const same = await trx
      .selectFrom("appointments")
      .select("id")
      .where("user_id", "=", input.userId)
      .where("slot_id", "=", slot.id)
      .where("status", "in", [...ACTIVE_STATUSES])
      .executeTakeFirst();
    if (same) refuse("already-booked");
    if (!(await takePlace(trx, slot.id, now))) refuse("slot-full");
    const user = await trx.selectFrom("users").select("language").where("id", "=", input.userId).executeTakeFirstOrThrow();
    const id = newId();
    const invited = await insertAppointment(trx, slot, now, {
      id,
      userId: input.userId,
      status: "proposed",
      origin: "invitation",
      language: isLanguage(user.language) ? user.language : "de",
      applicationId: input.applicationId ?? null,
      caseId: input.caseId ?? null,
      invitationMessage: input.message ?? null,
      calendarUid: `appointment-${id}`,
    });
    await notify(trx, "invited", invited);
    return invited;
  });
  return result;
}

/** The person accepts the proposed time (with their needs) or asks for another one. */
export async function answerInvitation(input: {
  userId: string;
  appointmentId: string;
  accept: boolean;
  details?: BookingDetails;
  message?: string | null;
  now?: Date;
}): Promise<Outcome_<AppointmentRow>> {
  const now = input.now ?? new Date();
  const result = await refusable(async (trx) => {
    await lockPerson(trx, input.userId);
    const row = await loadOwn(trx, input.userId, input.appointmentId);
    if (!row || row.status !== "proposed") refuse("not-found");
    if (row.starts_at <= now.toISOString()) refuse("too-late");
    if (input.accept) {
      await trx
        .updateTable("appointments")
        .set({ ...detailColumns(input.details ?? NO_DETAILS), status: "booked", booked_at: now.toISOString(), updated_at: now.toISOString() })
        .where("id", "=", row.id)
        .where("status", "=", "proposed")
        .execute();
      const booked = await reload(trx, row.id);
      await emit(trx, "appointment.booked", booked, needsFlags(booked));
      await notify(trx, "booked", booked, { replaced: null });
      return booked;
    }
    await trx
      .updateTable("appointments")
      .set({ status: "declined", decline_message: input.message ?? null, cancelled_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", row.id)
      .where("status", "=", "proposed")
      .execute();
    await freePlace(trx, row.slot_id);
    const declined = await reload(trx, row.id);
    await emit(trx, "appointment.cancelled", declined, { cancelReason: "declined-by-person", hasMessage: Boolean(input.message) });
    return declined;
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// After the appointment: attended or missed, and the "second chance"

/** Why an outcome was not recorded or corrected. */
export type OutcomeRefusal = "not-found" | "too-late" | "locked" | "changed";

/**
 * Records attended or missed, once: an outcome already recorded is locked (the same outcome again
 * is a no-op, as a double submit is; another one is refused with "locked" and needs
 * correctOutcome). The "missed" mail goes out with the first "missed" only.
 */
export async function recordOutcome(input: {
  appointmentId: string;
  outcome: Outcome;
  now?: Date;
}): Promise<{ ok: true; value: AppointmentRow; changed: boolean } | { ok: false; problem: OutcomeRefusal }> {
  const now = input.now ?? new Date();
  const result = await refusable(async (trx) => {
    const row = await trx.selectFrom("appointments").selectAll().where("id", "=", input.appointmentId).executeTakeFirst();
    if (!row || row.status !== "booked") refuse("not-found");
    if (row.starts_at > now.toISOString()) refuse("too-late");
    if (row.outcome !== null) return { row, changed: false, locked: row.outcome !== input.outcome };
    // Guarded: of two submits at once, one writes.
    const done = await trx
      .updateTable("appointments")
      .set({ outcome: input.outcome, outcome_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", row.id)
      .where("outcome", "is", null)
      .executeTakeFirst();
    const updated = await reload(trx, row.id);
    if (Number(done.numUpdatedRows) !== 1) return { row: updated, changed: false, locked: updated.outcome !== input.outcome };
    if (input.outcome === "missed") await notifyMissed(trx, updated, `${updated.id}:${updated.updated_at}`, now);
    return { row: await reload(trx, row.id), changed: true, locked: false };
  });
  if (!result.ok) return { ok: false, problem: result.problem === "too-late" ? "too-late" : "not-found" };
  if (result.value.locked) return { ok: false, problem: "locked" };
  return { ok: true, value: result.value.row, changed: result.value.changed };
}

/** The "missed" mail (with the rebooking window counted from now), remembered on the row. */
async function notifyMissed(trx: Trx, row: AppointmentRow, change: string, now: Date): Promise<void> {
  if (!row.user_id) return;
  await enqueueAppointmentMail(trx, "missed", row, change, { now });
  await trx.updateTable("appointments").set({ missed_notified_at: now.toISOString() }).where("id", "=", row.id).execute();
}

/**
 * Corrects a recorded outcome (attended ↔ missed) with a reason, kept sealed in the correction
 * history. `from` is the outcome the staff member saw: a second submit of the same correction (or
 * a correction someone else made meanwhile) is refused with "changed" and writes nothing. The
 * mails follow the record: to "missed" the person gets the "missed" mail; to "attended" after a
 * "missed" mail went out, a correction notice. Neither names the reason.
 */
export async function correctOutcome(input: {
  appointmentId: string;
  from: Outcome;
  to: Outcome;
  reason: string;
  staffId: string;
  sealReason: (reason: string) => string;
  now?: Date;
}): Promise<{ ok: true; value: AppointmentRow; correctionId: string } | { ok: false; problem: OutcomeRefusal }> {
  const now = input.now ?? new Date();
  if (input.from === input.to) return { ok: false, problem: "changed" };
  const result = await refusable(async (trx) => {
    const row = await trx.selectFrom("appointments").selectAll().where("id", "=", input.appointmentId).executeTakeFirst();
    if (!row || row.status !== "booked" || row.outcome === null) refuse("not-found");
    const done = await trx
      .updateTable("appointments")
      .set({ outcome: input.to, outcome_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", row.id)
      .where("outcome", "=", input.from)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return null;
    const correctionId = newId();
    await trx
      .insertInto("appointment_outcome_corrections")
      .values({
        id: correctionId,
        appointment_id: row.id,
        from_outcome: input.from,
        to_outcome: input.to,
        reason_sealed: input.sealReason(input.reason),
        staff_id: input.staffId,
        created_at: now.toISOString(),
      })
      .execute();
    const updated = await reload(trx, row.id);
    if (input.to === "missed") await notifyMissed(trx, updated, `correction:${correctionId}`, now);
    else if (updated.missed_notified_at && updated.user_id) await enqueueAppointmentMail(trx, "outcomeCorrected", updated, `correction:${correctionId}`, { now });
    return { row: await reload(trx, row.id), correctionId };
  });
  if (!result.ok) return { ok: false, problem: "not-found" };
  if (!result.value) return { ok: false, problem: "changed" };
  return { ok: true, value: result.value.row, correctionId: result.value.correctionId };
}

/** The corrections of an appointment, oldest first (the reason stays sealed here). */
export async function outcomeCorrections(appointmentIds: readonly string[]): Promise<Array<Selectable<AppointmentOutcomeCorrectionsTable>>> {
  if (!appointmentIds.length) return [];
  const db = await getDb();
  return db
    .selectFrom("appointment_outcome_corrections")
    .selectAll()
    .where("appointment_id", "in", [...appointmentIds])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The person explains why they missed the appointment (once). */
export async function explainMissed(input: { userId: string; appointmentId: string; explanation: string; now?: Date }): Promise<Outcome_<AppointmentRow>> {
  const now = input.now ?? new Date();
  return refusable(async (trx) => {
    await lockPerson(trx, input.userId);
    const done = await trx
      .updateTable("appointments")
      .set({ explanation: input.explanation, explained_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", input.appointmentId)
      .where("user_id", "=", input.userId)
      .where("outcome", "=", "missed")
      .where("explanation", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) refuse("not-found");
    return reload(trx, input.appointmentId);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** One of the person's own appointments (never anyone else's). */
export async function getOwnAppointment(userId: string, id: string): Promise<AppointmentRow | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const db = await getDb();
  return (await db.selectFrom("appointments").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst()) ?? null;
}

/**
 * Appointments the person missed without giving a reason, before `before` (ISO): the count a
 * Rechtsfolgenbelehrung for a missed appointment names (decision 032). An explained one is left
 * out here; whether a reason is important the Jobcenter decides.
 */
export async function countUnexplainedMissed(userId: string, before: string): Promise<number> {
  const db = await getDb();
  const row = await db
    .selectFrom("appointments")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .where("status", "=", "booked")
    .where("outcome", "=", "missed")
    .where("explanation", "is", null)
    .where("starts_at", "<", before)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface OwnAppointments {
  invitations: AppointmentRow[];
  upcoming: AppointmentRow[];
  /** Missed appointments the person has not explained and not replaced yet. */
  missed: AppointmentRow[];
  past: AppointmentRow[];
  /** The Standort of the person's last booking (suggested next time). */
  lastStandortId: string | null;
}

export async function listOwnAppointments(userId: string, now = new Date()): Promise<OwnAppointments> {
  const db = await getDb();
  const rows = await db
    .selectFrom("appointments")
    .selectAll()
    .where("user_id", "=", userId)
    .where("status", "in", ["proposed", "booked", "cancelled", "declined"])
    .orderBy("starts_at", "asc")
    .execute();
  const iso = now.toISOString();
  const future = rows.filter((r) => r.ends_at > iso);
  const pastRows = rows.filter((r) => r.ends_at <= iso);
  const upcomingTypes = new Set(future.filter((r) => r.status === "booked").map((r) => r.type));
  const lastBooked = [...rows].filter((r) => r.booked_at).sort((a, b) => (a.booked_at! < b.booked_at! ? 1 : -1))[0];
  return {
    invitations: future.filter((r) => r.status === "proposed"),
    upcoming: future.filter((r) => r.status === "booked"),
    missed: pastRows.filter((r) => r.status === "booked" && r.outcome === "missed" && !r.explanation && !upcomingTypes.has(r.type)),
    past: pastRows
      .filter((r) => r.status === "booked")
      .reverse()
      .slice(0, 10),
    lastStandortId: lastBooked?.standort_id ?? null,
  };
}

export interface FreeSlot {
  id: string;
  start: string;
  end: string;
  /** German calendar date and time. */
  date: string;
  time: string;
  free: number;
  /** False inside the change deadline: once booked, it could no longer be changed online. */
  changeableOnline: boolean;
}

/** The earliest free times of a type at a Standort, grouped into at most `days` days. */
export async function freeSlots(input: { standortId: string; type: string; from?: string | null; days?: number; now?: Date }): Promise<FreeSlot[]> {
  const now = input.now ?? new Date();
  const days = input.days ?? 5;
  const db = await getDb();
  // Only times outside the Träger's minimum lead time are offered (the hold refuses the others too).
  const earliest = earliestBookableStart(now, appointmentLimits().leadMinutes).toISOString();
  const after = input.from && input.from > earliest ? input.from : earliest;
  const rows = await db
    .selectFrom("appointment_slots")
    .select(["id", "starts_at", "ends_at", "capacity", "booked"])
    .where("standort_id", "=", input.standortId)
    .where("type", "=", input.type)
    .where("deleted_at", "is", null)
    .where("starts_at", ">", after)
    .where(sql<boolean>`booked < capacity`)
    .orderBy("starts_at")
    .limit(400)
    .execute();
  const out: FreeSlot[] = [];
  const seenDays = new Set<string>();
  for (const row of rows) {
    const local = toBerlin(row.starts_at);
    if (!seenDays.has(local.date)) {
      if (seenDays.size >= days) break;
      seenDays.add(local.date);
    }
    out.push({
      id: row.id,
      start: row.starts_at,
      end: row.ends_at,
      date: local.date,
      time: local.time,
      free: Number(row.capacity) - Number(row.booked),
      changeableOnline: changeableOnline(row.starts_at, appointmentLimits().cancelHours, now),
    });
  }
  return out;
}

/** For each Standort the earliest free time of the type (or none). */
export async function nextFreeByStandort(type: string, now = new Date()): Promise<Record<string, string>> {
  const db = await getDb();
  const rows = await db
    .selectFrom("appointment_slots")
    .select(["standort_id", (eb) => eb.fn.min("starts_at").as("first")])
    .where("type", "=", type)
    .where("deleted_at", "is", null)
    .where("starts_at", ">", earliestBookableStart(now, appointmentLimits().leadMinutes).toISOString())
    .where(sql<boolean>`booked < capacity`)
    .groupBy("standort_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.standort_id, String(r.first)]));
}

/** The person's needs as the back office receives them. */
export function detailsForBackOffice(row: AppointmentRow) {
  return {
    channel: row.channel,
    phone: row.phone,
    interpreter: row.interpreter_language ? { language: row.interpreter_language, other: row.interpreter_other } : null,
    accessibilityNeeds: parseNeeds(row),
    accessibilityOther: row.accessibility_other,
  };
}

export function deadlineOf(row: Pick<AppointmentRow, "starts_at">): string {
  return changeDeadline(row.starts_at, appointmentLimits().cancelHours).toISOString();
}

export function canChangeNow(row: Pick<AppointmentRow, "status" | "starts_at">, now = new Date()): boolean {
  return canChange({ status: row.status, startsAt: row.starts_at }, appointmentLimits().cancelHours, now);
}

// ---------------------------------------------------------------------------------------------
// Slots (back office and demo data)

export interface NewSlot {
  standortId: string;
  type: string;
  start: string;
  end: string;
  capacity: number;
}

export type SlotProblem = "unknown-standort" | "unknown-type" | "end-before-start" | "duplicate";

export function checkSlot(slot: NewSlot): SlotProblem | null {
  if (!isBookableStandort(slot.standortId)) return "unknown-standort";
  if (!appointmentType(slot.type)) return "unknown-type";
  if (Date.parse(slot.end) <= Date.parse(slot.start)) return "end-before-start";
  return null;
}

export async function createSlot(slot: NewSlot, source: "api" | "demo" = "api"): Promise<{ ok: true; slot: SlotRow } | { ok: false; problem: SlotProblem }> {
  const problem = checkSlot(slot);
  if (problem) return { ok: false, problem };
  const db = await getDb();
  const id = newId();
  const inserted = await db
    .insertInto("appointment_slots")
    .values({
      id,
      standort_id: slot.standortId,
      type: slot.type,
      starts_at: new Date(slot.start).toISOString(),
      ends_at: new Date(slot.end).toISOString(),
      capacity: slot.capacity,
      source,
      created_at: new Date().toISOString(),
      deleted_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) return { ok: false, problem: "duplicate" };
  return { ok: true, slot: inserted };
}

/** Inserts many slots; existing ones (same Standort, type and start) are left as they are. */
export async function insertSlots(slots: readonly NewSlot[], source: "api" | "demo"): Promise<number> {
  const db = await getDb();
  let inserted = 0;
  const now = new Date().toISOString();
  for (let i = 0; i < slots.length; i += 200) {
    const chunk = slots.slice(i, i + 200).map((s) => ({
      id: newId(),
      standort_id: s.standortId,
      type: s.type,
      starts_at: s.start,
      ends_at: s.end,
      capacity: s.capacity,
      source,
      created_at: now,
      deleted_at: null,
    }));
    const result = await db
      .insertInto("appointment_slots")
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function getSlot(id: string): Promise<SlotRow | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const db = await getDb();
  return (await db.selectFrom("appointment_slots").selectAll().where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst()) ?? null;
}

/** Removes a slot nobody holds or booked; refused (409) while it has active appointments. */
export async function deleteSlot(id: string): Promise<"deleted" | "not-found" | "has-appointments"> {
  const db = await getDb();
  if (!/^[0-9a-f-]{36}$/.test(id)) return "not-found";
  const now = new Date().toISOString();
  // Guarded in one statement: only while no place is taken (`booked = 0`).
  const result = await db.updateTable("appointment_slots").set({ deleted_at: now }).where("id", "=", id).where("deleted_at", "is", null).where("booked", "=", 0).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return "deleted";
  const slot = await db.selectFrom("appointment_slots").select(["deleted_at"]).where("id", "=", id).executeTakeFirst();
  return !slot || slot.deleted_at ? "not-found" : "has-appointments";
}

// ---------------------------------------------------------------------------------------------
// Rate limit of holds (per person and per address)

export async function holdAllowed(userId: string, ip: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const perHour = env().APPOINTMENT_HOLDS_PER_HOUR;
  return hitAll([
    [{ name: "appointment-hold-user", max: perHour, windowSeconds: 3600 }, userId],
    [{ name: "appointment-hold-ip", max: perHour * 4, windowSeconds: 3600 }, ip],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Mail: composed in the person's language (mail.server.ts) and enqueued in the transaction of the
// change (mail outbox); the appointment's id and its updated_at name the change.

async function notify(trx: Trx, kind: MailKind, row: AppointmentRow, extra: MailExtra = {}): Promise<void> {
  if (!row.user_id) return;
  await enqueueAppointmentMail(trx, kind, row, `${row.id}:${row.updated_at}`, extra);
}

// ---------------------------------------------------------------------------------------------
// Data export (DSGVO Art. 15): the person's appointments

export const appointmentsExport: ExportSection = async (userId) => {
  const db = await getDb();
  const rows = await db.selectFrom("appointments").selectAll().where("user_id", "=", userId).orderBy("starts_at").execute();
  return rows.map((r) => ({
    reference: r.reference,
    status: r.status,
    type: r.type,
    standortId: r.standort_id,
    start: r.starts_at,
    end: r.ends_at,
    ...detailsForBackOffice(r),
    language: r.language,
    invitationMessage: r.invitation_message,
    declineMessage: r.decline_message,
    outcome: r.outcome,
    explanation: r.explanation,
    bookedAt: r.booked_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
  }));
};

// ---------------------------------------------------------------------------------------------
// What pages get: a plain, serialisable view of one appointment

export interface AppointmentView {
  id: string;
  reference: string;
  status: AppointmentRow["status"];
  origin: AppointmentRow["origin"];
  type: string;
  durationMinutes: number | null;
  standortId: string;
  standortName: string;
  start: string;
  end: string;
  channel: Channel;
  phone: string | null;
  interpreterLanguage: string | null;
  interpreterOther: string | null;
  accessibilityNeeds: AccessibilityNeed[];
  accessibilityOther: string | null;
  holdExpiresAt: string | null;
  rebookOf: string | null;
  invitationMessage: string | null;
  outcome: AppointmentRow["outcome"];
  explanation: string | null;
  /** Last moment for rebooking or cancelling online. */
  deadline: string;
  canChange: boolean;
  /** Whether the time could still be changed online if it were booked now (the confirm page says so). */
  changeableOnline: boolean;
}

export function viewOf(row: AppointmentRow, now = new Date()): AppointmentView {
  const standort = standortOf(row.standort_id);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    origin: row.origin,
    type: row.type,
    durationMinutes: appointmentType(row.type)?.durationMinutes ?? null,
    standortId: row.standort_id,
    standortName: standort?.name ?? row.standort_id,
    start: row.starts_at,
    end: row.ends_at,
    channel: row.channel,
    phone: row.phone,
    interpreterLanguage: row.interpreter_language,
    interpreterOther: row.interpreter_other,
    accessibilityNeeds: parseNeeds(row),
    accessibilityOther: row.accessibility_other,
    holdExpiresAt: row.hold_expires_at,
    rebookOf: row.rebook_of,
    invitationMessage: row.invitation_message,
    outcome: row.outcome,
    explanation: row.explanation,
    deadline: deadlineOf(row),
    canChange: canChangeNow(row, now),
    changeableOnline: changeableOnline(row.starts_at, appointmentLimits().cancelHours, now),
  };
}

/**
 * Bus and rail lines (not when the Träger marks them outdated), step-free access and how to
 * reach a person (the Standort's phone, else the Träger's general one) for the appointment pages.
 */
export function travelOf(standortId: string): { transit: Standort["transit"] | null; stepFreeAccess: boolean | null; phone: string | null } {
  const standort = standortOf(standortId);
  return {
    transit: standort?.transit && !standort.transit.outdated ? standort.transit : null,
    stepFreeAccess: standort?.accessibility.stepFreeAccess ?? null,
    phone: standort?.phone ?? getTraeger().centralPhone ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// What the person's pages load (one call each; every look-up is scoped by the person's id)

/** The ways a type's meeting can take place (from the Träger configuration). */
export function channelsOf(type: string): Channel[] {
  const configured = appointmentType(type)?.channels ?? ["in-person"];
  return CHANNELS.filter((c) => (configured as readonly string[]).includes(c));
}

export type ConfirmationPage =
  | { kind: "not-found" }
  /** Already booked (or later changed): the appointment's own page shows it. */
  | { kind: "done" }
  | { kind: "hold"; view: AppointmentView; channels: Channel[]; lapsed: boolean; rebook: AppointmentView | null };

/** The confirmation step of a hold: what is held, until when, and what is being replaced. */
export async function confirmationPage(userId: string, id: string, now = new Date()): Promise<ConfirmationPage> {
  const row = await getOwnAppointment(userId, id);
  if (!row || row.origin !== "portal") return { kind: "not-found" };
  if (row.status !== "held" && row.status !== "expired") return { kind: "done" };
  const old = row.rebook_of ? await getOwnAppointment(userId, row.rebook_of) : null;
  const lapsed = row.status === "expired" || (row.hold_expires_at !== null && Date.parse(row.hold_expires_at) <= now.getTime());
  return { kind: "hold", view: viewOf(row, now), channels: channelsOf(row.type), lapsed, rebook: old ? viewOf(old, now) : null };
}

export type AppointmentPage =
  | { kind: "not-found" }
  | { kind: "redirect"; to: string }
  | {
      kind: "appointment";
      view: AppointmentView;
      bring: { fromApplication: boolean; items: string[] };
      travel: ReturnType<typeof travelOf>;
      /** The appointment is over (or cancelled): no changes, no calendar file. */
      past: boolean;
      missed: boolean;
      /** A later booked appointment of the same type exists (the "second chance" was taken). */
      rebookedAfterMiss: boolean;
      remindersActive: boolean;
      /** The back office's message with its cancellation (the mail only says there is one). */
      jobcenterMessage: string | null;
    };

/** One appointment's page: holds go to the confirmation step, invitations to their answer page. */
export async function appointmentPage(userId: string, id: string, lng: Language, now = new Date()): Promise<AppointmentPage> {
  const row = await getOwnAppointment(userId, id);
  if (!row) return { kind: "not-found" };
  if (row.status === "held") return { kind: "redirect", to: `/termine/buchen/bestaetigen/${row.id}` };
  if (row.status === "proposed" || row.status === "declined") return { kind: "redirect", to: `/termine/einladung/${row.id}` };
  if (row.status === "expired") return { kind: "not-found" };
  const past = row.status !== "booked" || row.ends_at <= now.toISOString();
  const missed = row.status === "booked" && row.outcome === "missed";
  let rebookedAfterMiss = false;
  if (missed) {
    const db = await getDb();
    const later = await db
      .selectFrom("appointments")
      .select("id")
      .where("user_id", "=", userId)
      .where("id", "!=", row.id)
      .where("type", "=", row.type)
      .where("status", "=", "booked")
      .where("starts_at", ">", now.toISOString())
      .executeTakeFirst();
    rebookedAfterMiss = Boolean(later);
  }
  return {
    kind: "appointment",
    view: viewOf(row, now),
    bring: row.status === "booked" && !past ? await whatToBring(row, lng) : { fromApplication: false, items: [] },
    travel: travelOf(row.standort_id),
    past,
    missed,
    rebookedAfterMiss,
    remindersActive: appointmentLimits().reminderHoursBefore.length > 0,
    jobcenterMessage: row.cancel_message_sealed ? openText(CANCEL_MESSAGE_PURPOSE, row.cancel_message_sealed) : null,
  };
}

/** The calendar file of a booked (or, to remove it, cancelled) appointment of the person. */
export async function ownAppointmentIcs(userId: string, id: string, lng: Language): Promise<{ filename: string; body: string } | null> {
  const row = await getOwnAppointment(userId, id);
  if (!row || (row.status !== "booked" && row.status !== "cancelled")) return null;
  return { filename: icsFilename(row), body: await appointmentIcs(row, lng, row.status === "booked" ? "PUBLISH" : "CANCEL") };
}
