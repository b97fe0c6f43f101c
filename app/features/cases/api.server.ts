import { z } from "zod";
import { BenefitPeriodSchema } from "~/domain/cases/benefit-period";
import { ExplanationsSchema, PlanInputSchema, TaskInputSchema } from "~/domain/cases/plan";
import { apiJson, auditApi, IDEMPOTENCY_KEY_PARAMETER, methodNotAllowed, parseJsonBody, problem, requireApiKey, withIdempotency } from "~/platform/api/api.server";
import { assignApplicationIdentifiers, caseById, caseView, createCase, evidenceBelongsTo, publishPlan, type CaseView } from "./cases.server";
import { documentResponse, readDocumentForBackOffice } from "~/features/documents/index.server";
import { benefitPeriodOf, setBenefitPeriod } from "./benefit-period.server";
import { apiSection, bearer, jsonWriteProblems, problemResponse, problemResponses } from "~/platform/api/openapi.server";

// Back-office side of cases and the Kooperationsplan (contract backoffice-api.md; issue 6):
// POST /api/v1/cases, PUT/GET /api/v1/cases/{caseId}/cooperation-plan,
// GET /api/v1/cases/{caseId}/evidence/{evidenceId} (scope cases:write) and
// PUT /api/v1/applications/{id}/identifiers (scope applications:write). Audited (ids only).

const CASES = "cases:write" as const;
const APPLICATIONS = "applications:write" as const;

const identifier = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/)
    .meta({ description: what });

export const CaseCreateSchema = z
  .strictObject({
    kundennummer: identifier("Kundennummer of the person (as in the Fachverfahren).").meta({ examples: ["123D456789"] }),
    bgNummer: identifier("Nummer der Bedarfsgemeinschaft (BG-Nummer).").meta({ examples: ["12345BG0012345"] }),
  })
  .meta({ description: "A case of a person who already receives benefits." });

export const CaseCreatedSchema = z.object({
  caseId: z.string(),
  activationCode: z
    .string()
    .meta({ description: "One-time code for the letter (12 characters in groups of four); shown only now. A new POST for the same case issues a new code and invalidates the old one." }),
  expiresAt: z.iso.datetime(),
});

export const IdentifiersSchema = z
  .strictObject({
    kundennummer: identifier("Kundennummer assigned to the applicant."),
    bgNummer: identifier("BG-Nummer assigned to the Bedarfsgemeinschaft."),
  })
  .meta({ description: "Identifiers assigned to an online application; its applicant is linked to the case with them (created when new)." });

export const IdentifiersResultSchema = z.object({
  applicationId: z.string(),
  caseId: z.string(),
  kundennummer: z.string(),
  bgNummer: z.string(),
  linked: z.boolean().meta({ description: "Whether the case is linked to a portal account." }),
});

const EvidenceSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.int(),
  sha512: z.string().meta({ description: "SHA-512 (hex) of the file GET …/evidence/{id} returns." }),
  createdAt: z.iso.datetime(),
});

const OccurrenceSchema = z.object({
  id: z.string().meta({ description: "The task occurrence's id (`taskId` in task.completed)." }),
  occurrence: z.int().meta({ description: "0 for a one-off task; 0…count-1 for a recurring one." }),
  dueDate: z.iso.date().nullable(),
  status: z.enum(["open", "done"]),
  completedAt: z.iso.datetime().nullable(),
  evidence: z.array(EvidenceSchema),
  helpRequests: z.array(z.object({ id: z.string(), message: z.string(), createdAt: z.iso.datetime() })).meta({ description: '"I need help with this" messages from the person.' }),
});

const TaskStateSchema = TaskInputSchema.safeExtend({ occurrences: z.array(OccurrenceSchema) });

export const CooperationPlanSchema = z.object({
  caseId: z.string(),
  label: z.enum(["Kooperationsplan", "Eingliederungsvereinbarung"]).meta({ description: "What the Träger calls the plan." }),
  linked: z.boolean().meta({ description: "Whether a portal account is linked (the person can see the plan)." }),
  version: z.int(),
  publishedAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable().meta({ description: "When the person confirmed having read this version (a read receipt, not a signature)." }),
  goals: z.array(z.string()),
  jobcenterCommitments: z.array(z.string()),
  rechtsfolgenbelehrung: z.string(),
  rechtsfolgenbelehrungExplanations: ExplanationsSchema.optional(),
  tasks: z.array(TaskStateSchema),
});

const CaseIdParameter = { name: "caseId", in: "path" as const, required: true, description: "Case id from POST /api/v1/cases.", schema: z.string() };

export const casesApi = apiSection();

casesApi.tag("Cases", "Cases of people who receive benefits, and their Kooperationsplan (Eingliederungsvereinbarung) as tasks.");

casesApi.operation({
  method: "post",
  path: "/api/v1/cases",
  operationId: "createCase",
  summary: "Create a case and an activation code",
  description:
    "Scope `cases:write`. Creates the case for a Kundennummer / BG-Nummer (201), or finds the existing one (200), and issues a one-time activation code to send by post. " +
    "The person enters it once in the portal to link their account. Codes expire (`expiresAt`), work once, and a new code replaces the previous unused one. Audited.",
  tags: ["Cases"],
  security: bearer(CASES),
  parameters: [IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: CaseCreateSchema, name: "CaseCreate" },
  responses: {
    200: { description: "The case existed; a new code was issued.", schema: CaseCreatedSchema, name: "CaseCreated" },
    201: { description: "Created.", schema: CaseCreatedSchema, name: "CaseCreated" },
    ...problemResponses(400, 401, 403),
    409: problemResponse(409, "A request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

casesApi.operation({
  method: "put",
  path: "/api/v1/cases/{caseId}/cooperation-plan",
  operationId: "publishCooperationPlan",
  summary: "Publish the Kooperationsplan",
  description:
    "Scope `cases:write`. Every PUT publishes a new version; the person sees what changed. Tasks are matched across versions by `id`, so their status and evidence stay. " +
    "Legally binding texts are German; optional `explanations` add plain-language help per portal language. Answers the plan as GET does. Audited.",
  tags: ["Cases"],
  security: bearer(CASES),
  parameters: [CaseIdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: PlanInputSchema, name: "CooperationPlanInput" },
  responses: {
    200: { description: "The published version.", schema: CooperationPlanSchema, name: "CooperationPlan" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "A request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

casesApi.operation({
  method: "get",
  path: "/api/v1/cases/{caseId}/cooperation-plan",
  operationId: "getCooperationPlan",
  summary: "The Kooperationsplan with each task's status, evidence and help requests",
  description: "Scope `cases:write`. The latest version with the read receipt; 404 before the first PUT. Audited.",
  tags: ["Cases"],
  security: bearer(CASES),
  parameters: [CaseIdParameter],
  responses: {
    200: { description: "The plan.", schema: CooperationPlanSchema, name: "CooperationPlan" },
    ...problemResponses(401, 403, 404, 429),
  },
});

casesApi.operation({
  method: "get",
  path: "/api/v1/cases/{caseId}/evidence/{evidenceId}",
  operationId: "getTaskEvidence",
  summary: "An evidence file of a task",
  description: "Scope `cases:write`. The file as stored (image/jpeg or application/pdf); its SHA-512 matches `sha512` in the plan. Audited.",
  tags: ["Cases"],
  security: bearer(CASES),
  parameters: [CaseIdParameter, { name: "evidenceId", in: "path", required: true, description: "`evidence[].id` from the plan.", schema: z.string() }],
  responses: {
    200: { description: "The file.", schema: z.string().meta({ format: "binary" }), contentType: "application/octet-stream" },
    ...problemResponses(401, 403, 404, 429),
  },
});

casesApi.operation({
  method: "put",
  path: "/api/v1/applications/{id}/identifiers",
  operationId: "setApplicationIdentifiers",
  summary: "Assign Kundennummer and BG-Nummer to an application",
  description:
    "Scope `applications:write`. Links the applicant's portal account to the case with these identifiers (created when new), so the person sees their Kooperationsplan. " +
    "409 when the case is linked to another account. Audited.",
  tags: ["Applications", "Cases"],
  security: bearer(APPLICATIONS),
  parameters: [{ name: "id", in: "path", required: true, description: "Application id.", schema: z.string() }, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: IdentifiersSchema, name: "ApplicationIdentifiers" },
  responses: {
    200: { description: "Assigned.", schema: IdentifiersResultSchema, name: "ApplicationIdentifiersResult" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "The case is linked to another portal account, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

export const BenefitPeriodResultSchema = z.object({
  caseId: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  renewal: z.enum(["future", "running", "renew", "ended"]).meta({
    description:
      "What the person sees today: `running`; `renew` from the Träger's earliest reminder offset (default eight weeks before `to`) until `to` — the person is asked to hand in the Weiterbewilligungsantrag and reminded by mail; `ended` after `to`; `future` before `from`.",
  }),
  linked: z.boolean().meta({ description: "Whether a portal account is linked (only then the person sees the period and gets reminders)." }),
});

casesApi.operation({
  method: "put",
  path: "/api/v1/cases/{caseId}/benefit-period",
  operationId: "setBenefitPeriod",
  summary: "Set the approval period (Bewilligungszeitraum)",
  description:
    "Scope `cases:write`. The period of the latest decision (§ 41 Abs. 3 SGB II). The person sees it on their account page and in Mein Fall and is reminded to renew before it ends " +
    "(mails in their language, once per offset and period). Idempotent: the same period again changes nothing. Audited.",
  tags: ["Cases"],
  security: bearer(CASES),
  parameters: [CaseIdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: BenefitPeriodSchema, name: "BenefitPeriod" },
  responses: {
    200: { description: "The period as set.", schema: BenefitPeriodResultSchema, name: "BenefitPeriodResult" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "A request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

casesApi.operation({
  method: "get",
  path: "/api/v1/cases/{caseId}/benefit-period",
  operationId: "getBenefitPeriod",
  summary: "The approval period and where the renewal stands",
  description: "Scope `cases:write`. 404 before the first PUT. Audited.",
  tags: ["Cases"],
  security: bearer(CASES),
  parameters: [CaseIdParameter],
  responses: {
    200: { description: "The period.", schema: BenefitPeriodResultSchema, name: "BenefitPeriodResult" },
    ...problemResponses(401, 403, 404, 429),
  },
});

function caseNotFound(): Response {
  return problem(404, "Not Found", "No such case.");
}

function presentPlan(view: CaseView, linked: boolean): z.output<typeof CooperationPlanSchema> | null {
  if (!view.plan) return null;
  const { changes: _changes, tasks, ...plan } = view.plan;
  return CooperationPlanSchema.parse({
    caseId: view.caseId,
    label: view.label,
    linked,
    ...plan,
    tasks: tasks.map(({ next: _next, ...task }) => task),
  });
}

export async function createCaseEndpoint(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, CaseCreateSchema, { maxBytes: 4 * 1024 });
    const created = await createCase(body, (trx, caseId, isNew) => auditApi(principal, "case.create", "case", caseId, { newCase: isNew }, trx));
    return apiJson(CaseCreatedSchema.parse(created), { status: created.created ? 201 : 200 });
  });
}

export async function publishPlanEndpoint(request: Request, caseId: string): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, PlanInputSchema, { maxBytes: 256 * 1024 });
    const row = await caseById(caseId);
    if (!row) return caseNotFound();
    await publishPlan(row.id, body, principal.name, (trx, version) => auditApi(principal, "cooperation-plan.publish", "case", row.id, { version, tasks: body.tasks.length }, trx));
    return apiJson(presentPlan(await caseView(row), Boolean(row.user_id)));
  });
}

export async function getPlanEndpoint(request: Request, caseId: string): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  const row = await caseById(caseId);
  if (!row) return caseNotFound();
  const plan = presentPlan(await caseView(row), Boolean(row.user_id));
  if (!plan) return problem(404, "Not Found", "The case has no plan yet.");
  await auditApi(principal, "cooperation-plan.read", "case", row.id, { version: plan.version });
  return apiJson(plan);
}

export async function getEvidenceEndpoint(request: Request, caseId: string, evidenceId: string): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  const row = await caseById(caseId);
  if (!row || !(await evidenceBelongsTo(row.id, evidenceId))) return problem(404, "Not Found", "No such evidence file in this case.");
  const opened = await readDocumentForBackOffice(evidenceId, { actor: principal.name, purpose: "task-evidence" });
  if (!opened) return problem(404, "Not Found", "No such evidence file in this case.");
  await auditApi(principal, "task-evidence.read", "document", evidenceId, { caseId: row.id });
  return documentResponse(opened);
}

export async function setIdentifiersEndpoint(request: Request, applicationId: string): Promise<Response> {
  const principal = await requireApiKey(request, APPLICATIONS);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, IdentifiersSchema, { maxBytes: 4 * 1024 });
    const result = await assignApplicationIdentifiers(applicationId, body, (trx, caseId) => auditApi(principal, "application.identifiers", "application", applicationId, { caseId }, trx));
    if (!result.ok) {
      return result.problem === "not-found"
        ? problem(404, "Not Found", "No such application.")
        : problem(409, "Conflict", "The case with these identifiers, or the applicant, is linked to another portal account or case.", undefined, {
            type: "urn:buergerportal:problem:case-linked-elsewhere",
          });
    }
    const row = await caseById(result.caseId);
    return apiJson(IdentifiersResultSchema.parse({ applicationId, caseId: result.caseId, kundennummer: body.kundennummer, bgNummer: body.bgNummer, linked: Boolean(row?.user_id) }));
  });
}

function presentPeriod(row: NonNullable<Awaited<ReturnType<typeof caseById>>>): z.output<typeof BenefitPeriodResultSchema> | null {
  const period = benefitPeriodOf(row);
  return period ? BenefitPeriodResultSchema.parse({ caseId: row.id, from: period.from, to: period.to, renewal: period.state, linked: Boolean(row.user_id) }) : null;
}

export async function setBenefitPeriodEndpoint(request: Request, caseId: string): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, BenefitPeriodSchema, { maxBytes: 4 * 1024 });
    const row = await caseById(caseId);
    if (!row) return caseNotFound();
    await setBenefitPeriod(row.id, body, (trx, changed) => auditApi(principal, "benefit-period.set", "case", row.id, { from: body.from, to: body.to, changed }, trx));
    return apiJson(presentPeriod((await caseById(row.id))!));
  });
}

export async function getBenefitPeriodEndpoint(request: Request, caseId: string): Promise<Response> {
  const principal = await requireApiKey(request, CASES);
  const row = await caseById(caseId);
  if (!row) return caseNotFound();
  const period = presentPeriod(row);
  if (!period) return problem(404, "Not Found", "No approval period has been set for this case.");
  await auditApi(principal, "benefit-period.read", "case", row.id, {});
  return apiJson(period);
}

export { methodNotAllowed };
