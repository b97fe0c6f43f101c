import { z } from "zod";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import {
  apiJson,
  apiNotFound,
  applyKeyset,
  IDEMPOTENCY_KEY_PARAMETER,
  methodNotAllowed,
  PAGINATION_PARAMETERS,
  pageSchema,
  parseJsonBody,
  parsePageRequest,
  problem,
  requireApiKey,
  toPage,
  withIdempotency,
  type ApiScope,
} from "~/platform/api/api.server";
import { getDb } from "~/platform/db/db.server";
import { apiSection, bearer, problemResponse, problemResponses } from "~/platform/api/openapi.server";
import { EVENT_DATA_SCHEMAS } from "./event-schemas.server";
import {
  createSubscription,
  deleteSubscription,
  eventTypesFor,
  getSubscription,
  presentSubscription,
  subscriptionsQuery,
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
  WebhookAudienceError,
  webhookUrlProblem,
} from "./webhooks.server";

// HTTP side of the webhooks: POST/GET /api/v1/webhooks, GET/DELETE /api/v1/webhooks/{id}.
// Jobcenter keys need webhooks:manage and see the Jobcenter's subscriptions; keys with ombuds:*
// scopes manage the Ombudsstelle's subscriptions (ombuds.message-received only). Neither sees,
// nor can delete, the other's.

/** Any of these lets a key manage (its audience's) subscriptions. */
export const WEBHOOK_SCOPES: ApiScope[] = ["webhooks:manage", "ombuds:read", "ombuds:write"];

const EventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).meta({
  description: Object.entries(WEBHOOK_EVENT_DESCRIPTIONS)
    .map(([type, text]) => `\`${type}\`: ${text}`)
    .join("\n"),
});

export const WebhookCreateSchema = z
  .strictObject({
    url: z
      .string()
      .max(2000)
      .superRefine((url, ctx) => {
        const reason = webhookUrlProblem(url);
        if (reason) ctx.addIssue({ code: "custom", message: reason });
      })
      .meta({ description: "Where events are POSTed (https; plain http only outside production).", examples: ["https://fachverfahren.example/portal-events"] }),
    events: z.array(EventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length).meta({ description: "The event types to receive." }),
  })
  .meta({ description: "A webhook subscription." });

export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(EventTypeSchema),
  createdAt: z.iso.datetime(),
});

export const WebhookCreatedSchema = WebhookSchema.extend({
  secret: z.string().meta({
    description: "The signing secret, shown only in this answer. Each delivery carries `X-Portal-Signature: sha256=<hex HMAC-SHA256 of the raw body keyed with this secret (its UTF-8 bytes)>`.",
  }),
});

export const WebhookListSchema = pageSchema(WebhookSchema);

/** The body of a delivery: one object per event type, its `data` as documented in event-schemas.server.ts. */
export const WebhookEventSchema = z
  .discriminatedUnion(
    "type",
    WEBHOOK_EVENT_TYPES.map((type) =>
      z
        .object({
          id: z.string().meta({ description: "Event id, also in `X-Portal-Event-Id`; the same on every retry (deduplicate by it)." }),
          type: z.literal(type),
          createdAt: z.iso.datetime(),
          data: EVENT_DATA_SCHEMAS[type],
        })
        .meta({ title: type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ description: "The body of a webhook delivery; `data` holds references (ids, statuses), no personal data." });

const IdParameter = { name: "id", in: "path" as const, required: true, description: "Subscription id.", schema: z.string() };

const SCOPE_NOTE =
  "Scope `webhooks:manage` (Jobcenter keys: the Jobcenter's subscriptions), or any `ombuds:*` scope " +
  "(the Ombudsstelle's subscriptions, for `ombuds.message-received` only). Neither kind of key sees the other's subscriptions.";

const DELIVERY_NOTE =
  "Delivery: `POST` of the event JSON (`{ id, type, createdAt, data }`) with headers `X-Portal-Event-Id`, `X-Portal-Event-Type`, " +
  "`X-Portal-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`, `Content-Type: application/json`. Any non-2xx answer, " +
  "timeout (10 s by default) or connection error is retried with exponential backoff (capped at 10 minutes) until a 2xx: at least once, " +
  "so deduplicate by event id. Events of one subject (e.g. one application) arrive in order.";

export const webhooksApi = apiSection();

webhooksApi.tag("Webhooks", "Event notifications to the back office (and, separately, to the Ombudsstelle).");

const security = [...bearer("webhooks:manage"), ...bearer("ombuds:read"), ...bearer("ombuds:write")];

webhooksApi.operation({
  method: "post",
  path: "/api/v1/webhooks",
  operationId: "createWebhook",
  summary: "Subscribe to events",
  description: `${SCOPE_NOTE}\n\n${DELIVERY_NOTE}`,
  tags: ["Webhooks"],
  security,
  parameters: [IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: WebhookCreateSchema, name: "WebhookCreate" },
  responses: {
    201: { description: "Created; the secret is shown only now.", schema: WebhookCreatedSchema, name: "WebhookCreated" },
    ...problemResponses(400, 401),
    403: problemResponse(403, "The key lacks the scope, or asks for events of the other audience (Jobcenter / Ombudsstelle)."),
    409: problemResponse(409, "A request with the same Idempotency-Key is still running."),
    413: problemResponse(413),
    422: problemResponse(422, "The Idempotency-Key was used for a different request."),
    429: problemResponse(429),
  },
});

webhooksApi.operation({
  method: "get",
  path: "/api/v1/webhooks",
  operationId: "listWebhooks",
  summary: "List subscriptions",
  description: `${SCOPE_NOTE} Secrets are not shown.`,
  tags: ["Webhooks"],
  security,
  parameters: PAGINATION_PARAMETERS,
  responses: {
    200: { description: "The subscriptions, oldest first.", schema: WebhookListSchema, name: "WebhookList" },
    ...problemResponses(400, 401, 403, 429),
  },
});

webhooksApi.operation({
  method: "get",
  path: "/api/v1/webhooks/{id}",
  operationId: "getWebhook",
  summary: "One subscription",
  description: `${SCOPE_NOTE} The secret is not shown.`,
  tags: ["Webhooks"],
  security,
  parameters: [IdParameter],
  responses: {
    200: { description: "The subscription.", schema: WebhookSchema, name: "Webhook" },
    ...problemResponses(401, 403, 404, 429),
  },
});

webhooksApi.operation({
  method: "delete",
  path: "/api/v1/webhooks/{id}",
  operationId: "deleteWebhook",
  summary: "Unsubscribe",
  description: `${SCOPE_NOTE} Pending deliveries of the subscription are dropped.`,
  tags: ["Webhooks"],
  security,
  parameters: [IdParameter, IDEMPOTENCY_KEY_PARAMETER],
  responses: {
    204: { description: "Deleted." },
    ...problemResponses(401, 403, 404, 429),
  },
});

webhooksApi.webhook("portalEvent", {
  operationId: "portalEvent",
  summary: "An event, POSTed to each subscription's URL",
  description:
    `${DELIVERY_NOTE}\n\nVerify the signature over the raw body bytes before parsing them; answer any 2xx quickly once the event is stored. ` +
    "`ombuds.message-received` goes only to subscriptions created with an `ombuds:*` key, every other type only to the Jobcenter's.",
  tags: ["Webhooks"],
  parameters: [
    { name: "X-Portal-Event-Id", in: "header", required: true, description: "The event id (the same on every attempt).", schema: z.string() },
    { name: "X-Portal-Event-Type", in: "header", required: true, description: "The event type.", schema: EventTypeSchema },
    {
      name: "X-Portal-Signature",
      in: "header",
      required: true,
      description: "`sha256=<hex HMAC-SHA256 of the raw body, keyed with the subscription's secret>`.",
      schema: z.string().regex(/^sha256=[0-9a-f]{64}$/),
    },
    { name: "X-Portal-Delivery-Attempt", in: "header", description: "1 for the first attempt, then 2, 3, …", schema: z.string() },
  ],
  requestBody: { schema: WebhookEventSchema, name: "WebhookEvent" },
  responses: {
    200: { description: "Any 2xx answer accepts the event; anything else, or no answer within the timeout, is retried later." },
  },
});

const NO_SUCH_WEBHOOK = "No such webhook subscription for this key.";

export async function listWebhooks(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, WEBHOOK_SCOPES);
  const page = parsePageRequest(request);
  const db = await getDb();
  const rows = await applyKeyset(subscriptionsQuery(db, principal), page).execute();
  const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
  return apiJson(WebhookListSchema.parse({ items: result.items.map(presentSubscription), nextCursor: result.nextCursor }));
}

export async function createWebhook(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, WEBHOOK_SCOPES);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, WebhookCreateSchema, { maxBytes: 16 * 1024 });
    const foreign = body.events.filter((t) => !eventTypesFor(principal.audience).includes(t));
    if (foreign.length) {
      const error = new WebhookAudienceError(foreign, principal.audience);
      return problem(
        403,
        "Forbidden",
        error.message,
        body.events.flatMap((t, index) => (foreign.includes(t) ? [{ path: `events.${index}`, message: "Not available to this key." }] : [])),
        { type: "urn:buergerportal:problem:event-not-allowed" },
      );
    }
    const created = await createSubscription(principal, body);
    return apiJson(WebhookCreatedSchema.parse(created), { status: 201, headers: { Location: `/api/v1/webhooks/${created.id}` } });
  });
}

export async function getWebhook(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, WEBHOOK_SCOPES);
  const subscription = await getSubscription(principal, id);
  return subscription ? apiJson(WebhookSchema.parse(subscription)) : apiNotFound(NO_SUCH_WEBHOOK);
}

export async function deleteWebhook(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, WEBHOOK_SCOPES);
  return withIdempotency(request, principal.keyId, async () => {
    const deleted = await deleteSubscription(principal, id);
    return deleted ? new Response(null, { status: 204, headers: noStoreHeaders }) : apiNotFound(NO_SUCH_WEBHOOK);
  });
}

export { methodNotAllowed };
