import { z } from "zod";
import type { WebhookEventType } from "./webhooks.server";

// What each webhook event's `data` carries: references, statuses and flags, never personal data.
// The OpenAPI document describes deliveries with these schemas (webhooks-api.server.ts), and a
// test server (NODE_ENV=test) checks every event a feature writes against them, so a payload
// cannot drift from its documentation unnoticed.

const id = (description: string) => z.string().meta({ description });
const reference = z.string().meta({ description: "The reference the person sees (e.g. `A-7KQ4-M2XD`)." });
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

const AppointmentData = z.strictObject({
  appointmentId: id("GET /api/v1/appointments/{id} for the details (audited)."),
  reference,
  status: z.enum(["held", "proposed", "booked", "cancelled", "expired", "declined"]),
  standortId: z.string(),
  type: z.string().meta({ description: "One of the Träger's appointment types." }),
  start: isoDateTime,
  end: isoDateTime,
  channel: z.enum(["in-person", "phone", "video"]),
  origin: z.enum(["portal", "invitation"]),
  caseId: z.string().nullable(),
  applicationId: z.string().nullable(),
  rebookOf: z.string().nullable(),
  cancelReason: z.string().nullable(),
  interpreterRequested: z.boolean().optional(),
  accessibilityRequested: z.boolean().optional(),
  rebookedTo: z.string().optional().meta({ description: "Cancelled because the person rebooked: the new appointment's id." }),
  hasMessage: z.boolean().optional(),
});

export const EVENT_DATA_SCHEMAS = {
  "application.created": z.strictObject({ applicationId: id("The application."), reference, antragsdatum: isoDate, status: z.literal("draft") }),
  "application.submitted": z.strictObject({
    applicationId: id("GET /api/v1/applications/{id} for everything."),
    reference,
    antragsdatum: isoDate,
    standortId: z.string().nullable(),
    status: z.literal("submitted"),
    attachmentCount: z.int().min(0),
  }),
  "application.documents-added": z.strictObject({
    applicationId: id("The application."),
    reference,
    attachments: z
      .array(z.strictObject({ id: z.string(), category: z.string(), mediaType: z.string(), size: z.int(), sha512: z.string() }))
      .meta({ description: "No file names (they may hold personal data)." }),
    documentRequestIds: z.array(z.string()).meta({ description: "The document requests these files answer." }),
  }),
  "application.draft-deleted": z.strictObject({ applicationId: z.string(), reference, status: z.literal("deleted") }),
  "appointment.booked": AppointmentData,
  "appointment.cancelled": AppointmentData,
  "case.linked": z.strictObject({ caseId: z.string(), linkedAt: isoDateTime, via: z.literal("code") }),
  "task.completed": z.strictObject({
    caseId: z.string(),
    taskId: id("The task occurrence."),
    taskKey: id("The task's id in the plan."),
    occurrence: z.int().min(0),
    dueDate: isoDate.nullable(),
    completedAt: isoDateTime,
    evidence: z.array(z.strictObject({ id: z.string(), sha512: z.string() })),
  }),
  "ombuds.message-received": z.strictObject({
    messageId: z.string(),
    reference,
    kind: z.string(),
    entry: z.enum(["message", "follow-up"]),
  }),
} satisfies Record<WebhookEventType, z.ZodType>;

let checking = false;

/** The server turns this on in tests: every event a feature writes must match its schema. */
export function checkEventData(on: boolean): void {
  checking = on;
}

export function assertEventData(type: WebhookEventType, data: unknown): void {
  if (!checking) return;
  const result = EVENT_DATA_SCHEMAS[type].safeParse(data);
  if (!result.success) throw new Error(`webhook event ${type}: data does not match its documented schema: ${z.prettifyError(result.error)}`);
}
