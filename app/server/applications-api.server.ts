import { z } from "zod";
import { getTraeger } from "~/config/traeger";
import { derivedMembers, HOUSING_KINDS, INCOME_KINDS, personIds, RELATIONSHIPS, type IncomeKind } from "~/domain/application/model";
import { apiJson, applyKeyset, auditApi, methodNotAllowed, PAGINATION_PARAMETERS, pageSchema, parsePageRequest, problem, requireApiKey, toPage } from "./api.server";
import { applicationPdf, pdfFilename } from "./application-pdf.server";
import { applicationById, toRecord, type ApplicationRecord } from "./applications.server";
import { getDb } from "./db.server";
import { bearer, problemResponse, problemResponses, registerOperation, registerTag } from "./openapi.server";

// Back-office side of the online application (contract backoffice-api.md, "Applications"):
// GET /api/v1/applications, GET /api/v1/applications/{id}, GET /api/v1/applications/{id}/pdf,
// scope applications:read. Every call is audited (ids and counts only). A draft is listed with
// its metadata (the Antragsdatum is secured), its answers only once the person submitted.

const READ = "applications:read" as const;

const StatusSchema = z.enum(["draft", "submitted"]).meta({
  description: "`draft`: the person pressed \"apply now\" (the Antragsdatum is secured) and is still filling in the application; `submitted`.",
});

const MetadataSchema = z.object({
  traeger: z.string().meta({ description: "Träger id, e.g. `heinsberg`." }),
  standortId: z.string().nullable().meta({ description: "The responsible Standort (from the address; `id` of GET /api/v1/standorte); null until the address is entered." }),
  antragsdatum: z.iso.date().meta({ description: "Antragsdatum (§ 37 SGB II): the German calendar day of \"apply now\"." }),
  createdAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  language: z.string().meta({ description: "The portal language the person used." }),
  schemaVersion: z.int().meta({ description: "Version of `data`'s structure." }),
});

const MemberSchema = z.object({
  id: z.string().meta({ description: "`p1` is the applicant (Antragsteller/in, representative of the BG, § 38 SGB II)." }),
  role: z.enum(["applicant", ...RELATIONSHIPS]).meta({ description: "Verhältnis zur antragstellenden Person: applicant, partner (Ehe-/Lebenspartner), child (Kind), parent (Elternteil), other." }),
  firstName: z.string().meta({ description: "Vorname" }),
  lastName: z.string().meta({ description: "Familienname" }),
  birthDate: z.iso.date().meta({ description: "Geburtsdatum" }),
  age: z.int().meta({ description: "Alter am Antragsdatum" }),
  u25: z.boolean().meta({ description: "Unter 25 Jahre am Antragsdatum (U25)." }),
  paragraph15a: z.boolean().meta({ description: "§ 15a SGB II: 15 or older and no SGB II / SGB III benefits in the last 24 months (Sofortangebot)." }),
  anlage: z.enum(["HA", "WEP", "KI"]).meta({ description: "Vordruck: HA (Hauptantrag), Anlage WEP (weitere Person ab 15), Anlage KI (Kind unter 15)." }),
  priorBenefits: z.boolean().meta({ description: "Leistungen nach SGB II oder SGB III in den letzten 24 Monaten." }),
});

const money = z.number().meta({ description: "Euro per month." });

const DataSchema = z
  .object({
    applicant: z
      .object({
        memberId: z.literal("p1"),
        nationality: z.string().meta({ description: "Staatsangehörigkeit" }),
        street: z.string().meta({ description: "Straße und Hausnummer" }),
        postalCode: z.string().meta({ description: "Postleitzahl" }),
        municipality: z.string().meta({ description: "Wohnort" }),
        phone: z.string().nullable().meta({ description: "Telefon" }),
      })
      .meta({ description: "Hauptantrag: Angaben zur antragstellenden Person (Anschrift, Kontakt)." }),
    members: z.array(MemberSchema).meta({ description: "Bedarfsgemeinschaft: all members, the applicant first, with U25 / § 15a flags." }),
    housing: z
      .object({
        kind: z.enum(HOUSING_KINDS).meta({ description: "rent (Miete), own (Eigentum), free (ohne eigene Kosten)." }),
        coldRent: money.nullable().meta({ description: "Kaltmiete (Grundmiete)" }),
        utilities: money.nullable().meta({ description: "Nebenkosten" }),
        heating: money.nullable().meta({ description: "Heizkosten" }),
        size: z.number().nullable().meta({ description: "Wohnfläche in m²" }),
      })
      .meta({ description: "Anlage KDU (Kosten der Unterkunft und Heizung), in short." }),
    income: z
      .array(
        z.object({
          memberId: z.string(),
          hasIncome: z.boolean(),
          amounts: z.partialRecord(z.enum(INCOME_KINDS), money).meta({
            description: "employment (Lohn/Gehalt, netto), selfEmployment (Gewinn aus Selbstständigkeit), unemploymentBenefit (ALG I/Krankengeld), pension (Rente), childBenefit (Kindergeld), maintenance (Unterhalt/UVG), other.",
          }),
        }),
      )
      .meta({ description: "Anlage EK (Einkommen), in short: per member." }),
    bank: z
      .object({ accountHolder: z.string().meta({ description: "Kontoinhaber/in" }), iban: z.string().meta({ description: "IBAN (checksum verified)" }) })
      .meta({ description: "Bankverbindung" }),
    choices: z.object({
      documentsDigital: z.boolean().meta({ description: "The Jobcenter may receive and process documents digitally." }),
      decisionsDigital: z.boolean().meta({ description: "Decisions (Bescheide) digitally in the portal; false: by post (the default)." }),
    }),
  })
  .meta({ description: "The answers (German field meanings in each description)." });

const AttachmentSchema = z.object({ id: z.string(), category: z.string(), filename: z.string(), mediaType: z.string(), size: z.int(), sha512: z.string() });

export const ApplicationSummarySchema = z.object({
  id: z.string(),
  reference: z.string().meta({ description: "The number the person sees, e.g. A-7KQ4-M2XD." }),
  status: StatusSchema,
  metadata: MetadataSchema,
});

export const ApplicationSchema = ApplicationSummarySchema.extend({
  data: DataSchema.nullable().meta({ description: "Null while the application is a draft." }),
  attachments: z.array(AttachmentSchema).meta({ description: "Uploaded documents (not yet offered by the portal: always empty)." }),
});

export const ApplicationListSchema = pageSchema(ApplicationSummarySchema);

function summary(a: ApplicationRecord): z.input<typeof ApplicationSummarySchema> {
  return {
    id: a.id,
    reference: a.reference,
    status: a.status,
    metadata: {
      traeger: a.traegerId,
      standortId: a.standortId,
      antragsdatum: a.antragsdatum,
      createdAt: a.createdAt,
      submittedAt: a.submittedAt,
      language: a.language,
      schemaVersion: a.schemaVersion,
    },
  };
}

export function presentApplication(a: ApplicationRecord): z.output<typeof ApplicationSchema> {
  const d = a.data;
  const submitted = a.status === "submitted" && d.personal && d.housing && d.bank;
  const priorById = new Map<string, boolean>([["p1", d.personal?.priorBenefits ?? false], ...(d.household?.members ?? []).map((m) => [m.id, m.priorBenefits ?? false] as [string, boolean])]);
  return ApplicationSchema.parse({
    ...summary(a),
    data: submitted
      ? {
          applicant: { memberId: "p1", nationality: d.personal!.nationality, street: d.personal!.street, postalCode: d.personal!.postalCode, municipality: d.personal!.municipality, phone: d.personal!.phone },
          members: derivedMembers(d, a.antragsdatum).map((m) => ({ ...m, priorBenefits: priorById.get(m.id) ?? false })),
          housing: d.housing,
          income: personIds(d).map((id) => ({ memberId: id, hasIncome: d.income?.[id]?.hasIncome ?? false, amounts: (d.income?.[id]?.amounts ?? {}) as Partial<Record<IncomeKind, number>> })),
          bank: d.bank,
          choices: { documentsDigital: a.documentsDigital ?? false, decisionsDigital: a.decisionsDigital ?? false },
        }
      : null,
    attachments: [],
  });
}

const IdParameter = { name: "id", in: "path" as const, required: true, description: "Application id.", schema: z.string() };

registerTag("Applications", "Online applications for Bürgergeld (Hauptantrag and Anlagen) as people start and submit them.");

registerOperation({
  method: "get",
  path: "/api/v1/applications",
  operationId: "listApplications",
  summary: "List applications",
  description: "Scope `applications:read`. Applications in the order they were started (drafts too: their Antragsdatum is secured). Every call is recorded in the audit log.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [
    ...PAGINATION_PARAMETERS,
    { name: "status", in: "query", description: "Only this status.", schema: StatusSchema },
    { name: "standort", in: "query", description: "Only this responsible Standort (`id` from GET /api/v1/standorte).", schema: z.string() },
    { name: "submittedSince", in: "query", description: "Only applications submitted at or after this instant (ISO 8601).", schema: z.iso.datetime({ offset: true }) },
  ],
  responses: {
    200: { description: "The applications (metadata; GET one for the answers).", schema: ApplicationListSchema, name: "ApplicationList" },
    ...problemResponses(400, 401, 403, 429),
  },
});

registerOperation({
  method: "get",
  path: "/api/v1/applications/{id}",
  operationId: "getApplication",
  summary: "One application",
  description: "Scope `applications:read`. The whole structured application: metadata, answers (null while a draft), attachments. Audited.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [IdParameter],
  responses: {
    200: { description: "The application.", schema: ApplicationSchema, name: "Application" },
    ...problemResponses(401, 403, 404, 429),
  },
});

registerOperation({
  method: "get",
  path: "/api/v1/applications/{id}/pdf",
  operationId: "getApplicationPdf",
  summary: "The application as a pre-filled German PDF",
  description: "Scope `applications:read`. Every answer, every member with U25 / § 15a flags, reference number and page numbers on every page. Only for submitted applications (409 for a draft). Audited.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [IdParameter],
  responses: {
    200: { description: "The PDF.", schema: z.string().meta({ format: "binary" }), contentType: "application/pdf" },
    ...problemResponses(401, 403, 404),
    409: problemResponse(409, "The application is still a draft."),
    429: problemResponse(429),
  },
});

function notFound(): Response {
  return problem(404, "Not Found", "No such application.");
}

export async function listApplications(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const page = parsePageRequest(request);
  const url = new URL(request.url);
  const errors: Array<{ path: string; message: string }> = [];
  const status = url.searchParams.get("status");
  if (status !== null && !StatusSchema.safeParse(status).success) errors.push({ path: "query:status", message: "One of draft, submitted." });
  const standort = url.searchParams.get("standort");
  const since = url.searchParams.get("submittedSince");
  if (since !== null && !z.iso.datetime({ offset: true }).safeParse(since).success) errors.push({ path: "query:submittedSince", message: "An ISO 8601 date-time, e.g. 2026-03-01T00:00:00Z." });
  if (errors.length) return problem(400, "Invalid request", "The filters are invalid; see errors.", errors);
  const db = await getDb();
  let query = db.selectFrom("applications").selectAll();
  if (status) query = query.where("status", "=", status as "draft" | "submitted");
  if (standort) query = query.where("standort_id", "=", standort);
  if (since) query = query.where("submitted_at", ">=", new Date(since).toISOString());
  const rows = await applyKeyset(query, page).execute();
  const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
  await auditApi(principal, "application.list", "application", null, { count: result.items.length, ...(status ? { status } : {}), ...(standort ? { standort } : {}) });
  return apiJson(ApplicationListSchema.parse({ items: result.items.map((r) => summary(toRecord(r))), nextCursor: result.nextCursor }));
}

export async function getApplication(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const db = await getDb();
  const application = await applicationById(db, id);
  if (!application || application.traegerId !== getTraeger().id) return notFound();
  await auditApi(principal, "application.read", "application", application.id, { status: application.status });
  return apiJson(presentApplication(application));
}

export async function getApplicationPdf(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const db = await getDb();
  const application = await applicationById(db, id);
  if (!application || application.traegerId !== getTraeger().id) return notFound();
  if (application.status !== "submitted") return problem(409, "Conflict", "The application is still a draft; its PDF exists once it is submitted.");
  const pdf = await applicationPdf(application);
  await auditApi(principal, "application.pdf", "application", application.id, {});
  return new Response(Buffer.from(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${pdfFilename(application)}"`, "Cache-Control": "no-store" },
  });
}

export { methodNotAllowed };
