import { z } from "zod";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import type { Selectable } from "kysely";
import {
  apiJson,
  applyKeyset,
  auditApi,
  IDEMPOTENCY_KEY_PARAMETER,
  knownValue,
  methodNotAllowed,
  PAGINATION_PARAMETERS,
  pageSchema,
  parseJsonBody,
  parsePageRequest,
  parseQuery,
  problem,
  requireApiKey,
  toPage,
  withIdempotency,
  type ApiScope,
} from "~/platform/api/api.server";
import { getTraeger } from "~/config/traeger";
import { OUTCOMES } from "~/domain/appointments/rules";
import { applicationById } from "~/features/application/index.server";
import {
  appointmentTypes,
  cancelByBackOffice,
  createInvitation,
  createSlot,
  deleteSlot,
  detailsForBackOffice,
  getSlot,
  recordOutcome,
  sweepExpiredHolds,
  type AppointmentRow,
  type BookingProblem,
  type SlotProblem,
  type SlotRow,
} from "./appointments.server";
import { getDb } from "~/platform/db/db.server";
import type { AppointmentsTable, UsersTable } from "~/platform/db/schema.server";
import { apiSection, bearer, jsonWriteProblems, problemResponse, problemResponses } from "~/platform/api/openapi.server";

// HTTP side of the appointments (issue "Termine", contract backoffice-api.md "Appointments"):
// POST/GET /api/v1/appointment-slots, GET/DELETE /api/v1/appointment-slots/{id} (scope
// appointments:write), GET /api/v1/appointments (appointments:read or appointments:write) and the
// back office's changes (scope appointments:write): POST /api/v1/appointment-invitations,
// POST /api/v1/appointments/{id}/outcome and POST /api/v1/appointments/{id}/cancel.
// Capacity rules live in appointments.server.ts; this module validates, pages, audits.

const WRITE: ApiScope = "appointments:write";
/** Reading the bookings: the read-only scope, or the write scope (which can see them anyway). */
const READ: ApiScope[] = ["appointments:read", "appointments:write"];

const isoDateTime = z.iso.datetime({ offset: true });

export const SlotCreateSchema = z
  .strictObject({
    standortId: z
      .string()
      .min(1)
      .max(100)
      .meta({ description: "A customer Standort's `id` from GET /api/v1/standorte.", examples: ["hueckelhoven-wassenberg"] }),
    type: z
      .string()
      .min(1)
      .max(100)
      .meta({ description: "One of the Träger's appointment types: `antragsabgabe`, `erstberatung`, `folgegespraech`, `beratung` (and any the Träger adds).", examples: ["antragsabgabe"] }),
    start: isoDateTime.meta({ description: "Start, ISO 8601 date-time with offset.", examples: ["2026-12-01T08:30:00+01:00"] }),
    end: isoDateTime.meta({ description: "End, after the start.", examples: ["2026-12-01T09:00:00+01:00"] }),
    capacity: z
      .int()
      .min(1)
      .max(1000)
      .meta({ description: "How many people can book this slot (parallel staff).", examples: [1] }),
  })
  .meta({ description: "An appointment slot: capacity the back office offers for booking." });

export const SlotSchema = z.object({
  id: z.string(),
  standortId: z.string(),
  type: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  capacity: z.int(),
  booked: z.int().meta({ description: "Places taken (held for confirmation, proposed or booked)." }),
  free: z.int(),
  source: z.enum(["api", "demo"]),
  createdAt: z.iso.datetime(),
});

export const SlotListSchema = pageSchema(SlotSchema);

const StatusSchema = z.enum(["proposed", "booked", "cancelled", "declined"]).meta({
  description: "`proposed`: an invitation the person has not answered; `booked`; `cancelled` (see cancelReason); `declined`: the person asked for another time.",
});

export const AppointmentSchema = z.object({
  id: z.string(),
  reference: z.string().meta({ description: "The number the person sees, e.g. T-7KQ4-M2XD." }),
  status: StatusSchema,
  origin: z.enum(["portal", "invitation"]),
  slotId: z.string(),
  standortId: z.string(),
  type: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  channel: z.enum(["in-person", "phone", "video"]),
  phone: z.string().nullable(),
  interpreter: z
    .object({ language: z.string().meta({ description: "A portal language code, or `other`." }), other: z.string().nullable() })
    .nullable()
    .meta({ description: "The interpreter the person asked for, or null." }),
  accessibilityNeeds: z.array(z.string()).meta({ description: "`wheelchair`, `sign-language`, `hearing-loop`, `easy-language`, `other`." }),
  accessibilityOther: z.string().nullable(),
  language: z.string().meta({ description: "The language the person uses in the portal." }),
  person: z.object({ email: z.string() }).nullable().meta({ description: "The portal account; null once the account was deleted." }),
  caseId: z.string().nullable(),
  applicationId: z.string().nullable(),
  rebookOf: z.string().nullable(),
  rebookedTo: z.string().nullable(),
  cancelReason: z.string().nullable(),
  declineMessage: z.string().nullable(),
  outcome: z.enum(["attended", "missed"]).nullable(),
  explanation: z.string().nullable(),
  createdAt: z.iso.datetime(),
  bookedAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
});

export const AppointmentListSchema = pageSchema(AppointmentSchema);

export const InvitationCreateSchema = z
  .strictObject({
    applicationId: z.string().min(1).max(100).meta({ description: "The application (`id` from GET /api/v1/applications) whose applicant is invited." }),
    slotId: z.string().min(1).max(100).meta({ description: "A slot's `id` from GET /api/v1/appointment-slots; one of its places is reserved at once." }),
    message: z.string().max(1000).optional().meta({ description: "Shown to the person with the invitation (e.g. what to bring)." }),
  })
  .meta({ description: "An invitation: a time proposed to the applicant, who accepts it or asks for another one in the portal." });

export const OutcomeSchema = z
  .strictObject({
    outcome: z.enum(OUTCOMES).meta({ description: "`attended`, or `missed`: the person is told by e-mail and offered a second chance (explain why, or book again) in the portal." }),
  })
  .meta({ description: "What happened at a booked appointment that has started." });

export const BackOfficeCancelSchema = z
  .strictObject({
    message: z.string().max(1000).optional().meta({ description: "Shown to the person on the appointment page; the cancellation e-mail says only that there is a message." }),
  })
  .meta({ description: "Cancelling an appointment from the back office; the place is free at once." });

const IdParameter = { name: "id", in: "path" as const, required: true, description: "Slot id.", schema: z.string() };
const StandortParameter = { name: "standort", in: "query" as const, description: "Only this Standort (`id` from GET /api/v1/standorte; another value is refused with 400).", schema: z.string() };
const FromParameter = { name: "from", in: "query" as const, description: "Only appointments/slots starting at or after this instant (ISO 8601).", schema: isoDateTime };
const ToParameter = { name: "to", in: "query" as const, description: "Only appointments/slots starting before this instant (ISO 8601).", schema: isoDateTime };

export const appointmentsApi = apiSection();

appointmentsApi.tag("Appointments", "Appointment capacity (slots) and the bookings people made in the portal.");

appointmentsApi.operation({
  method: "post",
  path: "/api/v1/appointment-slots",
  operationId: "createAppointmentSlot",
  summary: "Offer an appointment slot",
  description: "Scope `appointments:write`. People can book the slot in the portal at once. A slot with the same Standort, type and start exists already: 409.",
  tags: ["Appointments"],
  security: bearer(WRITE),
  parameters: [IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: SlotCreateSchema, name: "AppointmentSlotCreate" },
  responses: {
    201: { description: "Created.", schema: SlotSchema, name: "AppointmentSlot" },
    ...problemResponses(400, 401, 403),
    409: problemResponse(409, "A slot with the same Standort, type and start exists, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

appointmentsApi.operation({
  method: "get",
  path: "/api/v1/appointment-slots",
  operationId: "listAppointmentSlots",
  summary: "List appointment slots",
  description: "Scope `appointments:write`. Slots that were not deleted, in the order they were created; filter by Standort, type and start.",
  tags: ["Appointments"],
  security: bearer(WRITE),
  parameters: [
    ...PAGINATION_PARAMETERS,
    StandortParameter,
    { name: "type", in: "query", description: "Only this appointment type (one of the Träger's; another value is refused with 400).", schema: z.string() },
    FromParameter,
    ToParameter,
  ],
  responses: {
    200: { description: "The slots.", schema: SlotListSchema, name: "AppointmentSlotList" },
    ...problemResponses(400, 401, 403, 429),
  },
});

appointmentsApi.operation({
  method: "get",
  path: "/api/v1/appointment-slots/{id}",
  operationId: "getAppointmentSlot",
  summary: "One appointment slot",
  description: "Scope `appointments:write`.",
  tags: ["Appointments"],
  security: bearer(WRITE),
  parameters: [IdParameter],
  responses: {
    200: { description: "The slot.", schema: SlotSchema, name: "AppointmentSlot" },
    ...problemResponses(401, 403, 404, 429),
  },
});

appointmentsApi.operation({
  method: "delete",
  path: "/api/v1/appointment-slots/{id}",
  operationId: "deleteAppointmentSlot",
  summary: "Withdraw an appointment slot",
  description: "Scope `appointments:write`. Refused with 409 while anyone holds, was invited to or booked a place in it (cancel those appointments first).",
  tags: ["Appointments"],
  security: bearer(WRITE),
  parameters: [IdParameter, IDEMPOTENCY_KEY_PARAMETER],
  responses: {
    204: { description: "Deleted." },
    ...problemResponses(401, 403, 404),
    409: problemResponse(409, "The slot has appointments, or a request with the same Idempotency-Key is still running."),
    422: problemResponse(422, "The Idempotency-Key was used for a different request."),
    429: problemResponse(429),
  },
});

appointmentsApi.operation({
  method: "get",
  path: "/api/v1/appointments",
  operationId: "listAppointments",
  summary: "List appointments",
  description:
    "Scope `appointments:read` or `appointments:write`. Appointments booked, proposed, cancelled or declined (holds during booking are not listed), " +
    "in the order they were created, with what the person asked for (interpreter, accessibility). Every call is recorded in the audit log.",
  tags: ["Appointments"],
  security: [...bearer("appointments:read"), ...bearer(WRITE)],
  parameters: [...PAGINATION_PARAMETERS, StandortParameter, FromParameter, ToParameter, { name: "status", in: "query", description: "Only this status.", schema: StatusSchema }],
  responses: {
    200: { description: "The appointments.", schema: AppointmentListSchema, name: "AppointmentList" },
    ...problemResponses(400, 401, 403, 429),
  },
});

appointmentsApi.operation({
  method: "get",
  path: "/api/v1/appointments/{id}",
  operationId: "getAppointment",
  summary: "One appointment",
  description: "Scope `appointments:read` or `appointments:write`. Holds awaiting confirmation and lapsed holds are not shown (404). Recorded in the audit log.",
  tags: ["Appointments"],
  security: [...bearer("appointments:read"), ...bearer(WRITE)],
  parameters: [{ name: "id", in: "path", required: true, description: "Appointment id (`appointmentId` in the events).", schema: z.string() }],
  responses: {
    200: { description: "The appointment.", schema: AppointmentSchema, name: "Appointment" },
    ...problemResponses(401, 403, 404, 429),
  },
});

const AppointmentIdParameter = { name: "id", in: "path" as const, required: true, description: "Appointment id (`appointmentId` in the events).", schema: z.string() };

appointmentsApi.operation({
  method: "post",
  path: "/api/v1/appointment-invitations",
  operationId: "createAppointmentInvitation",
  summary: "Invite an applicant to an appointment",
  description:
    "Scope `appointments:write`. Proposes a slot to the person who made the application: a place is reserved at once (status `proposed`), " +
    "the person is told by e-mail and accepts or asks for another time in the portal. Unknown application or slot: 404; " +
    "slot full, already started, or the person already has this slot: 409.",
  tags: ["Appointments"],
  security: bearer(WRITE),
  parameters: [IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: InvitationCreateSchema, name: "AppointmentInvitationCreate" },
  responses: {
    201: { description: "Invited.", schema: AppointmentSchema, name: "Appointment" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "The slot is full or has started, the person already has an appointment in it, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

appointmentsApi.operation({
  method: "post",
  path: "/api/v1/appointments/{id}/outcome",
  operationId: "recordAppointmentOutcome",
  summary: "Record whether the person came",
  description:
    "Scope `appointments:write`. For a booked appointment that has started. `missed` (the first time) sends the person an e-mail and offers " +
    "them a second chance in the portal. Not booked or not started yet: 409.",
  tags: ["Appointments"],
  security: bearer(WRITE),
  parameters: [AppointmentIdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: OutcomeSchema, name: "AppointmentOutcome" },
  responses: {
    200: { description: "The appointment with its outcome.", schema: AppointmentSchema, name: "Appointment" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "The appointment is not booked or has not started, another outcome is recorded already, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

appointmentsApi.operation({
  method: "post",
  path: "/api/v1/appointments/{id}/cancel",
  operationId: "cancelAppointment",
  summary: "Cancel an appointment",
  description:
    "Scope `appointments:write`. Cancels a proposed or booked appointment (`cancelReason` `backoffice`); the place is free at once and the " +
    "person is told by e-mail (with the message, if given). Already cancelled or declined: 409.",
  tags: ["Appointments"],
  security: bearer(WRITE),
  parameters: [AppointmentIdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: BackOfficeCancelSchema, name: "AppointmentCancel" },
  responses: {
    200: { description: "The cancelled appointment.", schema: AppointmentSchema, name: "Appointment" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "The appointment is no longer active, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

// ---------------------------------------------------------------------------------------------

function presentSlot(row: SlotRow) {
  return {
    id: row.id,
    standortId: row.standort_id,
    type: row.type,
    start: row.starts_at,
    end: row.ends_at,
    capacity: Number(row.capacity),
    booked: Number(row.booked),
    free: Number(row.capacity) - Number(row.booked),
    source: row.source as "api" | "demo",
    createdAt: row.created_at,
  };
}

type ListedRow = Selectable<AppointmentsTable> & { email: Selectable<UsersTable>["email"] | null };

function presentAppointment(row: ListedRow) {
  const details = detailsForBackOffice(row as AppointmentRow);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as "proposed" | "booked" | "cancelled" | "declined",
    origin: row.origin,
    slotId: row.slot_id,
    standortId: row.standort_id,
    type: row.type,
    start: row.starts_at,
    end: row.ends_at,
    channel: details.channel,
    phone: details.phone,
    interpreter: details.interpreter,
    accessibilityNeeds: details.accessibilityNeeds,
    accessibilityOther: details.accessibilityOther,
    language: row.language,
    person: row.email ? { email: row.email } : null,
    caseId: row.case_id,
    applicationId: row.application_id,
    rebookOf: row.rebook_of,
    rebookedTo: row.rebooked_to,
    cancelReason: row.cancel_reason,
    declineMessage: row.decline_message,
    outcome: row.outcome,
    explanation: row.explanation,
    createdAt: row.created_at,
    bookedAt: row.booked_at,
    cancelledAt: row.cancelled_at,
  };
}

const STANDORT_FILTER = knownValue(() => getTraeger().standorte.map((s) => s.id), "Not a Standort of this Träger (`id` from GET /api/v1/standorte).").optional();
const instantFilter = () =>
  z.iso
    .datetime({ offset: true, error: "An ISO 8601 date-time with offset, e.g. 2026-12-01T00:00:00Z." })
    .transform((value) => new Date(value).toISOString())
    .optional();

/** The lists' filters, checked against known values (Standorte, types) before anything is audited. */
const SlotListQuery = z.object({
  standort: STANDORT_FILTER,
  type: knownValue(() => appointmentTypes().map((t) => t.id), "Not one of the Träger's appointment types.").optional(),
  from: instantFilter(),
  to: instantFilter(),
});

const AppointmentListQuery = z.object({
  standort: STANDORT_FILTER,
  status: z.enum(StatusSchema.options, { error: `One of ${StatusSchema.options.join(", ")}.` }).optional(),
  from: instantFilter(),
  to: instantFilter(),
});

const SLOT_PROBLEMS: Record<SlotProblem, { status: number; path: string; message: string }> = {
  "unknown-standort": { status: 400, path: "standortId", message: "Not a customer Standort of this Träger (see GET /api/v1/standorte)." },
  "unknown-type": { status: 400, path: "type", message: "Not one of the Träger's appointment types." },
  "end-before-start": { status: 400, path: "end", message: "The end must be after the start." },
  duplicate: { status: 409, path: "start", message: "A slot with this Standort, type and start exists already." },
};

export async function createAppointmentSlot(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, SlotCreateSchema, { maxBytes: 16 * 1024 });
    const created = await createSlot(body, "api");
    if (!created.ok) {
      const p = SLOT_PROBLEMS[created.problem];
      return p.status === 409
        ? problem(409, "Conflict", p.message, undefined, { type: "urn:buergerportal:problem:slot-exists" })
        : problem(400, "Invalid request", p.message, [{ path: p.path, message: p.message }]);
    }
    const slot = presentSlot(created.slot);
    await auditApi(principal, "appointment-slot.create", "appointment-slot", slot.id, { standortId: slot.standortId, type: slot.type, start: slot.start, capacity: slot.capacity });
    return apiJson(SlotSchema.parse(slot), { status: 201, headers: { Location: `/api/v1/appointment-slots/${slot.id}` } });
  });
}

export async function listAppointmentSlots(request: Request): Promise<Response> {
  await requireApiKey(request, WRITE);
  const page = parsePageRequest(request);
  const f = parseQuery(request, SlotListQuery);
  const db = await getDb();
  let query = db.selectFrom("appointment_slots").selectAll().where("deleted_at", "is", null);
  if (f.standort) query = query.where("standort_id", "=", f.standort);
  if (f.type) query = query.where("type", "=", f.type);
  if (f.from) query = query.where("starts_at", ">=", f.from);
  if (f.to) query = query.where("starts_at", "<", f.to);
  const rows = await applyKeyset(query, page).execute();
  const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
  return apiJson(SlotListSchema.parse({ items: result.items.map(presentSlot), nextCursor: result.nextCursor }));
}

function slotNotFound(): Response {
  return problem(404, "Not Found", "No such appointment slot.");
}

export async function getAppointmentSlot(request: Request, id: string): Promise<Response> {
  await requireApiKey(request, WRITE);
  const slot = await getSlot(id);
  return slot ? apiJson(SlotSchema.parse(presentSlot(slot))) : slotNotFound();
}

export async function deleteAppointmentSlot(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    await sweepExpiredHolds(); // lapsed holds do not keep a slot alive
    const result = await deleteSlot(id);
    if (result === "not-found") return slotNotFound();
    if (result === "has-appointments") {
      return problem(409, "Conflict", "The slot has appointments (held, proposed or booked); cancel them first.", undefined, { type: "urn:buergerportal:problem:slot-has-appointments" });
    }
    await auditApi(principal, "appointment-slot.delete", "appointment-slot", id);
    return new Response(null, { status: 204, headers: noStoreHeaders });
  });
}

export async function listAppointments(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const page = parsePageRequest(request);
  const f = parseQuery(request, AppointmentListQuery);
  const db = await getDb();
  let query = db
    .selectFrom("appointments")
    .leftJoin("users", "users.id", "appointments.user_id")
    .selectAll("appointments")
    .select("users.email as email")
    .where("appointments.status", "in", f.status ? [f.status] : ["proposed", "booked", "cancelled", "declined"]);
  if (f.standort) query = query.where("appointments.standort_id", "=", f.standort);
  if (f.from) query = query.where("appointments.starts_at", ">=", f.from);
  if (f.to) query = query.where("appointments.starts_at", "<", f.to);
  const rows = (await applyKeyset(query, page, { createdAt: "appointments.created_at", id: "appointments.id" }).execute()) as ListedRow[];
  const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
  await auditApi(principal, "appointment.list", "appointment", null, {
    count: result.items.length,
    ids: result.items.map((r) => r.id),
    ...(f.standort ? { standort: f.standort } : {}),
  });
  return apiJson(AppointmentListSchema.parse({ items: result.items.map(presentAppointment), nextCursor: result.nextCursor }));
}

/** An appointment as the API shows it (holds and lapsed holds are not shown: null). */
async function loadAppointment(id: string): Promise<ListedRow | null> {
  const db = await getDb();
  const row = (await db
    .selectFrom("appointments")
    .leftJoin("users", "users.id", "appointments.user_id")
    .selectAll("appointments")
    .select("users.email as email")
    .where("appointments.id", "=", id)
    .where("appointments.status", "in", ["proposed", "booked", "cancelled", "declined"])
    .executeTakeFirst()) as ListedRow | undefined;
  return row ?? null;
}

function appointmentNotFound(): Response {
  return problem(404, "Not Found", "No such appointment.");
}

export async function getAppointment(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const row = await loadAppointment(id);
  if (!row) return appointmentNotFound();
  await auditApi(principal, "appointment.read", "appointment", row.id);
  return apiJson(AppointmentSchema.parse(presentAppointment(row)));
}

/** The appointment after a change, as GET /api/v1/appointments/{id} shows it. */
async function presentById(id: string, status = 200, headers: Record<string, string> = {}): Promise<Response> {
  const row = await loadAppointment(id);
  if (!row) return appointmentNotFound();
  return apiJson(AppointmentSchema.parse(presentAppointment(row)), { status, headers });
}

function conflict(detail: string, type: string): Response {
  return problem(409, "Conflict", detail, undefined, { type: `urn:buergerportal:problem:${type}` });
}

const INVITATION_PROBLEMS: Partial<Record<BookingProblem, { status: 404 | 409; detail: string; type?: string }>> = {
  "not-found": { status: 404, detail: "No such appointment slot." },
  "too-late": { status: 409, detail: "The slot has started already.", type: "slot-started" },
  "slot-full": { status: 409, detail: "The slot has no free place.", type: "slot-full" },
  "already-booked": { status: 409, detail: "The person already has an appointment in this slot.", type: "already-booked" },
};

export async function createAppointmentInvitation(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, InvitationCreateSchema, { maxBytes: 16 * 1024 });
    const application = await applicationById(await getDb(), body.applicationId);
    if (!application?.userId) return problem(404, "Not Found", "No such application, or its applicant has no portal account any more.");
    const invited = await createInvitation({ userId: application.userId, slotId: body.slotId, applicationId: application.id, message: body.message ?? null });
    if (!invited.ok) {
      const p = INVITATION_PROBLEMS[invited.problem] ?? { status: 409 as const, detail: "The invitation cannot be made now.", type: "invitation-refused" };
      return p.status === 404 ? problem(404, "Not Found", p.detail) : conflict(p.detail, p.type ?? "invitation-refused");
    }
    const appointment = invited.value;
    await auditApi(principal, "appointment.invite", "appointment", appointment.id, {
      applicationId: application.id,
      slotId: appointment.slot_id,
      noteGiven: Boolean(body.message),
    });
    return presentById(appointment.id, 201, { Location: `/api/v1/appointments/${appointment.id}` });
  });
}

export async function recordAppointmentOutcome(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, OutcomeSchema, { maxBytes: 16 * 1024 });
    const recorded = await recordOutcome({ appointmentId: id, outcome: body.outcome });
    if (!recorded.ok) {
      if (recorded.problem === "too-late") return conflict("The appointment has not started yet.", "appointment-not-started");
      if (recorded.problem === "locked") return conflict("Another outcome is recorded already; it can be corrected, with a reason, in the back office only.", "appointment-outcome-recorded");
      return (await loadAppointment(id)) ? conflict("Only a booked appointment has an outcome.", "appointment-not-booked") : appointmentNotFound();
    }
    // The same outcome again changes nothing and is not audited again.
    if (recorded.changed) await auditApi(principal, "appointment.outcome", "appointment", id, { outcome: body.outcome });
    return presentById(id);
  });
}

export async function cancelAppointment(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, BackOfficeCancelSchema, { maxBytes: 16 * 1024 });
    const cancelled = await cancelByBackOffice({ appointmentId: id, message: body.message ?? null });
    if (!cancelled.ok) {
      return (await loadAppointment(id)) ? conflict("The appointment is no longer active (cancelled or declined).", "appointment-not-active") : appointmentNotFound();
    }
    await auditApi(principal, "appointment.cancel", "appointment", id, { slotId: cancelled.value.slot_id, noteGiven: Boolean(body.message) });
    return presentById(id);
  });
}

export { methodNotAllowed };
