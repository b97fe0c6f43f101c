import { z } from "zod";
import { ABSENCE_REASONS, DESTINATIONS } from "~/domain/absence/absence";
import {
  apiJson,
  auditApi,
  IDEMPOTENCY_KEY_PARAMETER,
  PAGINATION_PARAMETERS,
  pageSchema,
  parseJsonBody,
  parsePageRequest,
  parseQuery,
  problem,
  requireApiKey,
  withIdempotency,
} from "~/platform/api/api.server";
import { apiSection, bearer, jsonWriteProblems, problemResponse, problemResponses } from "~/platform/api/openapi.server";
import { caseById } from "~/features/cases/index.server";
import { absenceById, decideAbsence, listAbsences, type AbsenceView } from "./absence.server";

// Back-office side of absence requests (issue 14 §3): GET /api/v1/absence-requests and
// POST /api/v1/absence-requests/{id}/decision, scope cases:write (the case's caseworkers decide).
// Audited with ids and the decision only.

const CASES = "cases:write" as const;
const STATUSES = ["pending", "approved", "refused"] as const;

export const AbsenceRequestSchema = z.object({
  id: z.string(),
  reference: z.string().meta({ description: 'Shown to the person ("W-7KQ4-M2XD").' }),
  caseId: z.string(),
  kundennummer: z.string(),
  bgNummer: z.string(),
  from: z.iso.date().meta({ description: "First day away." }),
  to: z.iso.date().meta({ description: "Last day away." }),
  days: z.int().meta({ description: "Days away, both included." }),
  destination: z.enum(DESTINATIONS).meta({ description: "`germany` (outside the Jobcenter's area) or `abroad`." }),
  reason: z.enum(ABSENCE_REASONS).meta({
    description:
      "The important reason the person names (§ 7b Abs. 2 S. 2 SGB II): `medical` (ärztlich verordnete Vorsorge oder Reha), `event` (kirchliche, gewerkschaftliche oder im öffentlichen Interesse liegende Veranstaltung), " +
      "`integration` (mainly for finding work or training), `volunteering` (Ehrenamt), or `none` (§ 7b Abs. 3: as a rule up to three weeks a calendar year).",
  }),
  reachable: z.string().meta({ description: "How the person can be reached while away, in her words; empty when not given." }),
  status: z.enum(STATUSES),
  decisionMessage: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const AbsenceDecisionSchema = z
  .strictObject({
    decision: z.enum(["approved", "refused"]).meta({ description: "Zustimmung (`approved`) or not (`refused`)." }),
    message: z.string().trim().min(1).max(2000).optional().meta({ description: "Shown to the person on her page (not in the mail). Give the reason for a refusal." }),
  })
  .refine((d) => d.decision !== "refused" || Boolean(d.message), { error: "A refusal needs a message with the reason.", path: ["message"] })
  .meta({ description: "The Jobcenter's decision on a request to be away." });

const IdParameter = { name: "id", in: "path" as const, required: true, description: "`id` of the absence request.", schema: z.string() };

export const absenceApi = apiSection();

absenceApi.tag("Absence requests", "Requests to be away (Ortsabwesenheit, § 7b SGB II) from people with a linked case, and the Jobcenter's decision.");

absenceApi.operation({
  method: "get",
  path: "/api/v1/absence-requests",
  operationId: "listAbsenceRequests",
  summary: "Requests to be away",
  description: "Scope `cases:write`. Oldest first, paged; filter by `status` (e.g. `pending`, the ones to decide) or `caseId`. Audited (ids only).",
  tags: ["Absence requests"],
  security: bearer(CASES),
  parameters: [
    { name: "status", in: "query", description: "`pending`, `approved` or `refused`.", schema: z.enum(STATUSES) },
    { name: "caseId", in: "query", description: "Only this case's requests.", schema: z.string() },
    ...PAGINATION_PARAMETERS,
  ],
  responses: {
    200: { description: "A page of requests.", schema: pageSchema(AbsenceRequestSchema), name: "AbsenceRequestList" },
    ...problemResponses(400, 401, 403, 429),
  },
});

absenceApi.operation({
  method: "post",
  path: "/api/v1/absence-requests/{id}/decision",
  operationId: "decideAbsenceRequest",
  summary: "Decide on a request to be away",
  description:
    "Scope `cases:write`. The person sees the decision and the message on her page and gets an e-mail that there is a decision (without dates or the message). " +
    "Once decided, the same decision again answers 200 and changes nothing; a different one is 409 (write to the person instead). Audited.",
  tags: ["Absence requests"],
  security: bearer(CASES),
  parameters: [IdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: AbsenceDecisionSchema, name: "AbsenceDecision" },
  responses: {
    200: { description: "The request with its decision.", schema: AbsenceRequestSchema, name: "AbsenceRequest" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "Already decided otherwise, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

const ListQuery = z.object({ status: z.enum(STATUSES, { error: `One of ${STATUSES.join(", ")}.` }).optional(), caseId: z.uuid({ error: "A case id." }).optional() });

async function present(view: AbsenceView): Promise<z.output<typeof AbsenceRequestSchema>> {
  const caseRow = await caseById(view.caseId);
  const days = Math.round((Date.parse(`${view.to}T00:00:00Z`) - Date.parse(`${view.from}T00:00:00Z`)) / 86_400_000) + 1;
  return AbsenceRequestSchema.parse({ ...view, kundennummer: caseRow?.kundennummer ?? "", bgNummer: caseRow?.bg_nummer ?? "", days });
}

export async function listAbsencesEndpoint(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  const page = parsePageRequest(request);
  const filter = parseQuery(request, ListQuery);
  const result = await listAbsences(filter, page);
  await auditApi(principal, "absence-request.list", "absence_request", null, { count: result.items.length, ids: result.items.map((a) => a.id), ...(filter.status ? { status: filter.status } : {}) });
  return apiJson({ items: await Promise.all(result.items.map(present)), nextCursor: result.nextCursor });
}

export async function decideAbsenceEndpoint(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, AbsenceDecisionSchema, { maxBytes: 8 * 1024 });
    if (!(await absenceById(id))) return problem(404, "Not Found", "No such absence request.");
    const result = await decideAbsence(id, body.decision, body.message ?? null, `api-key:${principal.name}`, (trx, changed) =>
      auditApi(principal, "absence-request.decide", "absence_request", id, { decision: body.decision, changed }, trx),
    );
    if (!result.ok) return result.problem === "not-found" ? problem(404, "Not Found", "No such absence request.") : problem(409, "Conflict", "The request was already decided otherwise.");
    return apiJson(await present(result.view));
  });
}
