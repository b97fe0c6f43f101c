import { createHash } from "node:crypto";
import { z } from "zod";
import { getTraeger } from "~/config/traeger";
import { CATEGORY_GERMAN, PROCESSING_STATUS_GERMAN } from "~/domain/application/documents";
import { benefitNameFor } from "~/domain/benefit-name";
import { numberedFileName } from "~/domain/export/archive-names";
import { standortById } from "~/domain/traeger/lookup";
import { formatDate } from "~/lib/format";
import { readDocumentForBackOffice } from "~/features/documents/index.server";
import { staffActor, type StaffInfo } from "~/features/staff/index.server";
import { actorOf, apiNotFound, problem, requireApiKey } from "~/platform/api/api.server";
import { apiSection, bearer, problemResponse, problemResponses } from "~/platform/api/openapi.server";
import { audit, readAudit, type AuditActor } from "~/platform/audit/audit.server";
import { getDb } from "~/platform/db/db.server";
import { zipArchive, type ZipEntry } from "~/platform/export/zip.server";
import { noStoreHeaders, privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { fixedT } from "~/platform/http/i18n.server";
import { documentRequests, documentReviews, statusHistory, submittedAttachments } from "./application-documents.server";
import { applicationPdf, pdfFilename } from "./pdf.server";
import { applicationById, type ApplicationRecord } from "./records.server";

// The e-file export of one submitted application (issue 19 § 15, decision 041): what a DMS
// import takes. Two forms:
//   - akte.pdf: the application PDF as PDF/A-2b (pdf.server.ts → platform/export/pdfa.server.ts);
//   - akte.zip: that PDF, every handed-over document (decrypted; its SHA-512 checked against the
//     stored one), the status history, the document reviews and requests (JSON and German text),
//     and manifest.json with the SHA-512 of every other file in the archive.
// Staff get both at /backoffice/antraege/{id}/akte.pdf|zip, the Fachverfahren the ZIP at
// GET /api/v1/applications/{id}/efile. Every export is audited ("application.efile"), and every
// document read for it as "application.attachment.read" (via "efile").

export const EFILE_FORMAT = "buergerportal-efile";
export const EFILE_VERSION = 1;

export type EfileFileKind = "application-pdf" | "attachment" | "status-history" | "reviews" | "document-requests" | "history-text";

export interface EfileManifestFile {
  path: string;
  kind: EfileFileKind;
  mediaType: string;
  size: number;
  sha512: string;
  /** For attachments: the document's id, category (German meaning), the name it was uploaded with. */
  documentId?: string;
  category?: string;
  originalFilename?: string;
  submittedAt?: string;
}

export interface EfileManifest {
  format: typeof EFILE_FORMAT;
  version: typeof EFILE_VERSION;
  createdAt: string;
  createdBy: string;
  hashAlgorithm: "SHA-512";
  application: {
    id: string;
    reference: string;
    antragsdatum: string;
    submittedAt: string | null;
    benefit: string;
    jobcenter: string;
    standort: string | null;
  };
  pdf: { path: string; conformance: "PDF/A-2b" };
  files: EfileManifestFile[];
}

export const MANIFEST_PATH = "manifest.json";

function sha512(bytes: Uint8Array): string {
  return createHash("sha512").update(bytes).digest("hex");
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** "staff:<id>" → the staff member's name (for the e-file; the audit log keeps only the id). */
async function staffNames(actors: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(actors.filter((a) => a.startsWith("staff:")).map((a) => a.slice("staff:".length)))];
  if (!ids.length) return new Map();
  const rows = await (await getDb()).selectFrom("staff_users").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [`staff:${r.id}`, r.name]));
}

/** Who did it, as the e-file shows it: the staff member's name, else the API key's name. */
function who(actor: string, names: ReadonlyMap<string, string>): string {
  return names.get(actor) ?? (actor.startsWith("api-key:") ? fixedT("de", ["backoffice"])("efile.apiActor", { name: actor.slice("api-key:".length) }) : actor);
}

function berlin(iso: string): string {
  return new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" }).format(new Date(iso));
}

export interface EfileExport {
  zip: Buffer;
  filename: string;
  manifest: EfileManifest;
}

/**
 * Builds the ZIP. `actor` is who exports ("staff:<id>" / "api-key:<name>"), `auditActor` the
 * same for the audit log. The application must be a submitted one of this Träger (the callers
 * check it).
 */
export async function efileExport(application: ApplicationRecord, actor: string, auditActor: AuditActor): Promise<EfileExport> {
  const t = fixedT("de", ["backoffice"]);
  const db = await getDb();
  const created = new Date(Math.floor(Date.now() / 1000) * 1000);
  const [attachments, reviews, history, requests, statusActors] = await Promise.all([
    submittedAttachments(db, application.id),
    documentReviews(db, application.id),
    statusHistory(db, application),
    documentRequests(db, application.id),
    db.selectFrom("application_status_events").select(["id", "actor"]).where("application_id", "=", application.id).execute(),
  ]);
  const statusActor = new Map(statusActors.map((r) => [r.id, r.actor]));
  // Every review decision ever taken (the table keeps the current one with its reason; the audit
  // log keeps each decision, without the reason).
  const reviewTrail = new Map<string, Array<{ at: string; actor: string; decision: string }>>();
  for (const a of attachments) {
    const entries = await readAudit({ recordType: "document", recordId: a.id });
    reviewTrail.set(
      a.id,
      entries
        .filter((e) => e.operation === "application.attachment.review" && e.details.applicationId === application.id && e.details.changed !== false)
        .map((e) => ({ at: e.at, actor: e.actorType === "staff" ? `staff:${e.actor}` : `api-key:${e.actor}`, decision: String(e.details.decision) })),
    );
  }
  const names = await staffNames([...statusActor.values(), ...[...reviews.values()].map((r) => r.actor), ...[...reviewTrail.values()].flat().map((r) => r.actor)]);

  const benefit = benefitNameFor(application.antragsdatum).name;
  const traeger = getTraeger();
  const standort = application.standortId ? (standortById(traeger, application.standortId)?.name ?? null) : null;
  const files: Array<{ entry: ZipEntry; meta: Omit<EfileManifestFile, "path" | "size" | "sha512"> }> = [];
  const add = (path: string, data: Uint8Array, modified: Date, meta: Omit<EfileManifestFile, "path" | "size" | "sha512">) => files.push({ entry: { name: path, data, modified }, meta });

  const pdfPath = pdfFilename(application);
  add(pdfPath, await applicationPdf(application, { created }), created, { kind: "application-pdf", mediaType: "application/pdf" });

  const attachmentPaths = new Map<string, string>();
  for (const [index, a] of attachments.entries()) {
    const opened = await readDocumentForBackOffice(a.id, { actor, purpose: "efile-export" });
    if (!opened) throw new Error("efile: a handed-over document could not be opened");
    const bytes = await readAll(opened.stream); // fails if the blob does not match its SHA-512
    if (sha512(bytes) !== a.sha512) throw new Error("efile: a document does not match its stored SHA-512");
    await audit({ actor: auditActor, operation: "application.attachment.read", recordType: "document", recordId: a.id, details: { applicationId: application.id, via: "efile" } });
    const path = `Anlagen/${numberedFileName(index + 1, a.filename)}`;
    attachmentPaths.set(a.id, path);
    add(path, bytes, new Date(a.submittedAt), {
      kind: "attachment",
      mediaType: a.mediaType,
      documentId: a.id,
      category: CATEGORY_GERMAN[a.category],
      originalFilename: a.filename,
      submittedAt: a.submittedAt,
    });
  }

  const statusJson = history.map((e) => {
    const by = e.id === "received" ? null : (statusActor.get(e.id) ?? null);
    return { at: e.at, status: e.status, label: PROCESSING_STATUS_GERMAN[e.status], message: e.message, actor: by, actorName: by ? who(by, names) : null };
  });
  const reviewsJson = attachments.map((a) => {
    const current = reviews.get(a.id);
    return {
      documentId: a.id,
      file: attachmentPaths.get(a.id) ?? null,
      category: CATEGORY_GERMAN[a.category],
      current: current ? { decision: current.decision, reason: current.reason, at: current.at, actor: current.actor, actorName: who(current.actor, names) } : null,
      history: (reviewTrail.get(a.id) ?? []).map((r) => ({ ...r, actorName: who(r.actor, names) })),
    };
  });
  const requestsJson = requests.map((r) => ({
    id: r.id,
    category: CATEGORY_GERMAN[r.category],
    description: r.description,
    dueDate: r.dueDate,
    status: r.status,
    createdAt: r.createdAt,
    answeredAt: r.answeredAt,
  }));

  const decision = (d: string) => t(`efile.text.decision.${d === "accepted" ? "accepted" : "rejected"}`);
  const text: string[] = [
    t("efile.text.title", { reference: application.reference, benefit }),
    t("efile.text.created", { date: berlin(created.toISOString()) }),
    "",
    t("efile.text.statusTitle"),
    ...statusJson.map((e) => `- ${berlin(e.at)}: ${e.label}${e.actorName ? ` (${e.actorName})` : ""}${e.message ? `\n  ${t("efile.text.message")}: ${e.message.replace(/\n/g, "\n  ")}` : ""}`),
    "",
    t("efile.text.reviewsTitle"),
    ...(reviewsJson.length ? [] : [`- ${t("efile.text.none")}`]),
    ...reviewsJson.flatMap((r) => [
      `- ${r.file ?? r.documentId} (${r.category}): ${r.current ? `${decision(r.current.decision)}, ${berlin(r.current.at)} (${r.current.actorName})` : t("efile.text.notReviewed")}`,
      ...(r.current?.reason ? [`  ${t("efile.text.reason")}: ${r.current.reason.replace(/\n/g, "\n  ")}`] : []),
      ...(r.history.length > 1 ? r.history.map((h) => `  · ${berlin(h.at)}: ${decision(h.decision)} (${h.actorName})`) : []),
    ]),
    "",
    t("efile.text.requestsTitle"),
    ...(requestsJson.length ? [] : [`- ${t("efile.text.none")}`]),
    ...requestsJson.map(
      (r) =>
        `- ${berlin(r.createdAt)}: ${r.category}, ${t("efile.text.due", { date: formatDate("de", r.dueDate, "medium") })}, ${t(`efile.text.request.${r.status}`)}\n  ${r.description.replace(/\n/g, "\n  ")}`,
    ),
    "",
  ];
  add("Verlauf/Bearbeitungsstand.json", json(statusJson), created, { kind: "status-history", mediaType: "application/json" });
  add("Verlauf/Pruefungen.json", json(reviewsJson), created, { kind: "reviews", mediaType: "application/json" });
  add("Verlauf/Nachforderungen.json", json(requestsJson), created, { kind: "document-requests", mediaType: "application/json" });
  add("Verlauf/Verlauf.txt", Buffer.from(text.join("\n"), "utf8"), created, { kind: "history-text", mediaType: "text/plain; charset=utf-8" });

  const manifest: EfileManifest = {
    format: EFILE_FORMAT,
    version: EFILE_VERSION,
    createdAt: created.toISOString(),
    createdBy: actor,
    hashAlgorithm: "SHA-512",
    application: {
      id: application.id,
      reference: application.reference,
      antragsdatum: application.antragsdatum,
      submittedAt: application.submittedAt,
      benefit,
      jobcenter: traeger.jobcenterName,
      standort,
    },
    pdf: { path: pdfPath, conformance: "PDF/A-2b" },
    files: files.map(({ entry, meta }) => ({ path: entry.name, size: entry.data.byteLength, sha512: sha512(entry.data), ...meta })),
  };
  const zip = zipArchive([...files.map((f) => f.entry), { name: MANIFEST_PATH, data: json(manifest), modified: created }]);
  await audit({ actor: auditActor, operation: "application.efile", recordType: "application", recordId: application.id, details: { format: "zip", attachments: attachments.length } });
  return { zip, filename: efileFilename(application), manifest };
}

export function efileFilename(application: Pick<ApplicationRecord, "reference">): string {
  return `Akte-${application.reference}.zip`;
}

/** RFC 9530 Repr-Digest of a body. */
function reprDigest(bytes: Uint8Array): string {
  return `sha-512=:${createHash("sha512").update(bytes).digest("base64")}:`;
}

function zipResponse(result: EfileExport, cache: Record<string, string>): Response {
  return new Response(new Uint8Array(result.zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Content-Length": String(result.zip.length),
      "Repr-Digest": reprDigest(result.zip),
      "X-Content-Type-Options": "nosniff",
      ...cache,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Staff inbox

/** /backoffice/antraege/{id}/akte.zip (the caller has checked the application as for its page). */
export async function efileZipForStaff(staff: StaffInfo, application: ApplicationRecord): Promise<Response> {
  return zipResponse(await efileExport(application, `staff:${staff.id}`, staffActor(staff)), privateNoStoreHeaders);
}

/** /backoffice/antraege/{id}/akte.pdf: the application PDF (PDF/A-2b) alone. */
export async function efilePdfForStaff(staff: StaffInfo, application: ApplicationRecord): Promise<Response> {
  const pdf = await applicationPdf(application);
  await audit({ actor: staffActor(staff), operation: "application.efile", recordType: "application", recordId: application.id, details: { format: "pdf" } });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdfFilename(application).replace(/\.pdf$/, "-PDFA.pdf")}"`,
      "X-Content-Type-Options": "nosniff",
      ...privateNoStoreHeaders,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Back-office API

export const efileApi = apiSection();

efileApi.operation({
  method: "get",
  path: "/api/v1/applications/{id}/efile",
  operationId: "getApplicationEfile",
  summary: "The application as an e-file bundle (ZIP) for a DMS import",
  description:
    "Scope `applications:read`. A ZIP with the application PDF as PDF/A-2b, every handed-over document (as stored, names made portable, numbered), " +
    "the status history, the document reviews and requests (JSON and German text in `Verlauf/`), and `manifest.json` " +
    "(format `buergerportal-efile` version 1: application metadata and, per file, path, kind, media type, size and SHA-512; an attachment's SHA-512 equals `sha512` in `attachments[]`). " +
    "Only for submitted applications (409 for a draft). Audited, and each document read for it too.",
  tags: ["Applications"],
  security: bearer("applications:read"),
  parameters: [{ name: "id", in: "path" as const, required: true, description: "Application id.", schema: z.string() }],
  responses: {
    200: {
      description: 'The ZIP (`Content-Disposition: attachment; filename="Akte-<reference>.zip"`).',
      schema: z.string().meta({ format: "binary" }),
      contentType: "application/zip",
      headers: { "Repr-Digest": { description: "RFC 9530: `sha-512=:<base64>:` of the body.", schema: z.string() } },
    },
    ...problemResponses(401, 403, 404),
    409: problemResponse(409, "The application is still a draft."),
    429: problemResponse(429),
  },
});

export async function getApplicationEfile(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, "applications:read");
  const application = await applicationById(await getDb(), id);
  if (!application || application.traegerId !== getTraeger().id) return apiNotFound("No such application.");
  if (application.status !== "submitted") return problem(409, "Conflict", "The application is still a draft; its e-file exists once it is submitted.");
  return zipResponse(await efileExport(application, `api-key:${principal.name}`, actorOf(principal)), noStoreHeaders);
}
