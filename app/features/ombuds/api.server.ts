import { z } from "zod";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { OMBUDS_KINDS, OMBUDS_STATUSES, OMBUDS_TEXT_MAX } from "~/domain/ombuds/rules";
import {
  API_PROBLEM_TYPES,
  apiJson,
  apiNotFound,
  applyKeyset,
  auditApi,
  IDEMPOTENCY_KEY_PARAMETER,
  PAGINATION_PARAMETERS,
  pageSchema,
  parseJsonBody,
  parsePageRequest,
  parseQuery,
  problem,
  requireApiKey,
  toPage,
  withIdempotency,
  type ApiPrincipal,
  type ApiScope,
} from "~/platform/api/api.server";
import { getDb } from "~/platform/db/db.server";
import { ATTACHMENT_CSP, contentDisposition } from "~/features/documents/index.server";
import { messagesQuery, presentMessages, readAttachment, replyToMessage, setMessageStatus, type Conversation } from "./ombuds.server";
import { apiSection, bearer, jsonWriteProblems, problemResponse, problemResponses } from "~/platform/api/openapi.server";

export { methodNotAllowed } from "~/platform/api/api.server";

// HTTP side of the Ombudsstelle (contract backoffice-api.md "Ombudsstelle"): only keys with
// ombuds:* scopes (such keys hold no other scope, so a Jobcenter key gets 403 whatever it holds).
// The audit log records who read or wrote which message, never a text or an address.

const READ: ApiScope = "ombuds:read";
const WRITE: ApiScope = "ombuds:write";

const StatusSchema = z.enum(OMBUDS_STATUSES).meta({
  description: "`received`: new, or the sender wrote again; `in-progress`: the Ombudsstelle works on it; `answered`: a reply waits for the sender (set by a reply); `closed`: finished.",
});

export const OmbudsEntrySchema = z.object({
  id: z.string(),
  author: z.enum(["sender", "ombuds"]).meta({ description: "`sender`: the person who wrote; `ombuds`: a reply of the Ombudsstelle." }),
  text: z.string(),
  createdAt: z.iso.datetime(),
});

export const OmbudsAttachmentSchema = z.object({
  id: z.string(),
  entryId: z.string().meta({ description: "The entry (message or follow-up) the file belongs to." }),
  filename: z.string(),
  mediaType: z
    .enum(["image/jpeg", "application/pdf"])
    .meta({ description: "Photos are stored re-encoded as JPEG (without metadata); PDFs sanitised (actions, scripts, embedded files and anything after %%EOF removed; pages kept)." }),
  size: z.int(),
  sha512: z.string().meta({ description: "SHA-512 (hex) of the file GET …/attachments/{attachmentId} answers." }),
});

export const OmbudsMessageSchema = z.object({
  id: z.string(),
  reference: z.string().meta({ description: "The number the sender sees, e.g. O-7KQ4-M2XD." }),
  kind: z.enum(OMBUDS_KINDS).meta({ description: "`anregungen` (suggestion), `kritik` (criticism), `beschwerden` (complaint)." }),
  status: StatusSchema,
  language: z.string().meta({ description: "The sender's portal language; reply notices go out in it. Write replies in a language the sender reads." }),
  contact: z.object({ email: z.string() }).nullable().meta({ description: "Only when the sender gave an address: replies are announced there (without content)." }),
  createdAt: z.iso.datetime(),
  lastActivityAt: z.iso.datetime().meta({ description: "The last entry; the message is deleted OMBUDS_RETENTION_DAYS after it." }),
  entries: z.array(OmbudsEntrySchema).meta({ description: "The conversation, oldest first: the message, the sender's follow-ups and the replies." }),
  attachments: z.array(OmbudsAttachmentSchema).meta({ description: "Files the sender attached (photos or PDFs); download each with GET /api/v1/ombuds/messages/{id}/attachments/{attachmentId}." }),
});

export const OmbudsMessageListSchema = pageSchema(OmbudsMessageSchema);

export const OmbudsReplySchema = z
  .strictObject({
    text: z
      .string()
      .trim()
      .min(1)
      .max(OMBUDS_TEXT_MAX)
      .meta({ description: `The reply the sender reads with the reference number and follow-up code (at most ${OMBUDS_TEXT_MAX} characters).` }),
  })
  .meta({ description: "A reply to the sender. When the sender gave an e-mail address, they get a notice (without the text) that a reply is waiting." });

export const OmbudsStatusChangeSchema = z.strictObject({ status: StatusSchema }).meta({ description: "A new status, shown to the sender." });

export const ombudsApi = apiSection();

ombudsApi.tag("Ombudsstelle", "Messages to the independent Ombudsstelle. Only keys with ombuds:* scopes; Jobcenter keys get 403.");

const IdParameter = { name: "id", in: "path" as const, required: true, description: "Message id (`messageId` in the events).", schema: z.string() };

ombudsApi.operation({
  method: "get",
  path: "/api/v1/ombuds/messages",
  operationId: "listOmbudsMessages",
  summary: "List messages to the Ombudsstelle",
  description: "Scope `ombuds:read`. Messages with their whole conversation, in the order they arrived. Every call is recorded in the audit log (ids only).",
  tags: ["Ombudsstelle"],
  security: bearer(READ),
  parameters: [...PAGINATION_PARAMETERS, { name: "status", in: "query", description: "Only this status.", schema: StatusSchema }],
  responses: {
    200: { description: "The messages.", schema: OmbudsMessageListSchema, name: "OmbudsMessageList" },
    ...problemResponses(400, 401, 403, 429),
  },
});

ombudsApi.operation({
  method: "post",
  path: "/api/v1/ombuds/messages/{id}/replies",
  operationId: "replyToOmbudsMessage",
  summary: "Reply to a message",
  description: "Scope `ombuds:write`. The sender reads the reply with the reference number and follow-up code; the status becomes `answered` (a closed message stays closed).",
  tags: ["Ombudsstelle"],
  security: bearer(WRITE),
  parameters: [IdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: OmbudsReplySchema, name: "OmbudsReply" },
  responses: {
    201: { description: "The message with the reply.", schema: OmbudsMessageSchema, name: "OmbudsMessage" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "A request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

ombudsApi.operation({
  method: "post",
  path: "/api/v1/ombuds/messages/{id}/status",
  operationId: "setOmbudsMessageStatus",
  summary: "Set the status of a message",
  description: "Scope `ombuds:write`. The sender sees the status with the conversation.",
  tags: ["Ombudsstelle"],
  security: bearer(WRITE),
  parameters: [IdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: OmbudsStatusChangeSchema, name: "OmbudsStatusChange" },
  responses: {
    200: { description: "The message.", schema: OmbudsMessageSchema, name: "OmbudsMessage" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "A request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

ombudsApi.operation({
  method: "get",
  path: "/api/v1/ombuds/messages/{id}/attachments/{attachmentId}",
  operationId: "getOmbudsAttachment",
  summary: "Download a file the sender attached",
  description: "Scope `ombuds:read`. The file as stored (image/jpeg or application/pdf); its SHA-512 matches `sha512`. Recorded in the audit log.",
  tags: ["Ombudsstelle"],
  security: bearer(READ),
  parameters: [IdParameter, { name: "attachmentId", in: "path", required: true, description: "`id` of the attachment.", schema: z.string() }],
  responses: {
    200: { description: "The file (image/jpeg or application/pdf).", schema: z.string().meta({ format: "binary" }), contentType: "application/octet-stream" },
    ...problemResponses(401, 403, 404, 429),
  },
});

/** The key check plus the audience: defence in depth should a Jobcenter key ever hold an ombuds scope. */
async function requireOmbudsKey(request: Request, scope: ApiScope): Promise<ApiPrincipal> {
  const principal = await requireApiKey(request, scope);
  if (principal.audience !== "ombuds") {
    throw problem(403, "Forbidden", "Only keys of the Ombudsstelle may use this endpoint.", undefined, { type: API_PROBLEM_TYPES.forbidden });
  }
  return principal;
}

function present(message: Conversation) {
  return {
    id: message.id,
    reference: message.reference,
    kind: message.kind,
    status: message.status,
    language: message.language,
    contact: message.email ? { email: message.email } : null,
    createdAt: message.createdAt,
    lastActivityAt: message.lastActivityAt,
    entries: message.entries,
    attachments: message.attachments,
  };
}

const NO_SUCH_MESSAGE = "No such message (it may have been deleted after the retention period).";

/** The list's filter, checked before anything is audited. */
const OmbudsListQuery = z.object({ status: z.enum(OMBUDS_STATUSES, { error: `One of ${OMBUDS_STATUSES.join(", ")}.` }).optional() });

export async function listOmbudsMessages(request: Request): Promise<Response> {
  const principal = await requireOmbudsKey(request, READ);
  const page = parsePageRequest(request);
  const { status } = parseQuery(request, OmbudsListQuery);
  const db = await getDb();
  const rows = await applyKeyset(messagesQuery(db, status ?? null), page).execute();
  const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
  const items = await presentMessages(db, result.items);
  await auditApi(principal, "ombuds-message.list", "ombuds_message", null, { count: items.length, ids: items.map((m) => m.id), ...(status ? { status } : {}) });
  return apiJson(OmbudsMessageListSchema.parse({ items: items.map(present), nextCursor: result.nextCursor }));
}

export async function replyToOmbudsMessage(request: Request, id: string): Promise<Response> {
  const principal = await requireOmbudsKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, OmbudsReplySchema, { maxBytes: 64 * 1024 });
    const message = await replyToMessage(id, body.text, (trx, entryId) => auditApi(principal, "ombuds-message.reply", "ombuds_message", id, { entryId }, trx));
    if (!message) return apiNotFound(NO_SUCH_MESSAGE);
    return apiJson(OmbudsMessageSchema.parse(present(message)), { status: 201 });
  });
}

export async function setOmbudsMessageStatus(request: Request, id: string): Promise<Response> {
  const principal = await requireOmbudsKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, OmbudsStatusChangeSchema, { maxBytes: 4 * 1024 });
    const message = await setMessageStatus(id, body.status, (trx) => auditApi(principal, "ombuds-message.status", "ombuds_message", id, { status: body.status }, trx));
    if (!message) return apiNotFound(NO_SUCH_MESSAGE);
    return apiJson(OmbudsMessageSchema.parse(present(message)));
  });
}

export async function getOmbudsAttachment(request: Request, id: string, attachmentId: string): Promise<Response> {
  const principal = await requireOmbudsKey(request, READ);
  const file = await readAttachment(id, attachmentId);
  if (!file) return problem(404, "Not Found", "No such attachment of this message.");
  await auditApi(principal, "ombuds-attachment.read", "ombuds_message", id, { attachmentId });
  return new Response(new Uint8Array(file.content), {
    status: 200,
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": contentDisposition(file.filename),
      ...noStoreHeaders,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": ATTACHMENT_CSP,
    },
  });
}
