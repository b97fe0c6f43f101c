import { json, redirect } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { pageNotFound } from "~/platform/http/page.server";
import { sectionApplies, type PrecheckCarry, type Section } from "~/domain/application/model";
import { isReady } from "~/domain/precheck/draft";
import { clearDraftCookie, readDraft } from "~/features/precheck/index.server";
import { requireSession, type SessionInfo } from "~/platform/http/session.server";
import { ownApplication, type ApplicationRecord } from "./records.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { combineImagesToPdf, deleteDocument, getDocument, listDocuments, MAX_COMBINE, handleFormUpload } from "~/features/documents/index.server";
import { APPLICATION_CONTEXT, applicationContext, applicationDocuments, handOverNewDocuments, memberNames, type UploadFeedback } from "./application-documents.server";
import { readForm } from "~/platform/http/form.server";

// The application feature's HTTP edge: what loaders and actions need from a request (the
// signed-in person's own application, or a thrown 404 / redirect), and the shapes of page answers.
// The services behind it take plain values.

/** For loaders and actions: the signed-in person's application, or a thrown 404. */
export async function requireOwnApplication(request: Request, id: string | undefined): Promise<{ session: SessionInfo; application: ApplicationRecord }> {
  const session = await requireSession(request);
  const application = id ? await ownApplication(session.userId, id) : null;
  if (!application) throw pageNotFound();
  return { session, application };
}

/** Like requireOwnApplication, but a submitted application is not edited: off to its receipt. */
export async function requireDraft(request: Request, id: string | undefined): Promise<{ session: SessionInfo; application: ApplicationRecord }> {
  const result = await requireOwnApplication(request, id);
  if (result.application.status !== "draft") throw redirect(`/antrag/${result.application.id}/bestaetigung`);
  return result;
}

/** A draft's Anlage page: only while the answers make its section apply, else back to the task list. */
export async function requireSectionDraft(request: Request, id: string | undefined, section: Section): Promise<{ session: SessionInfo; application: ApplicationRecord }> {
  const found = await requireDraft(request, id);
  if (!sectionApplies(found.application.data, section)) throw redirect(`/antrag/${found.application.id}`);
  return found;
}

/** Pre-check members (role and age) from the person's pre-check cookie, if they did it. */
export function precheckMembers(request: Request): Array<{ id: string; role: string; age: number }> {
  const draft = readDraft(request);
  return draft.members.map((m) => ({ id: m.id, role: m.role, age: m.age }));
}

/**
 * The finished pre-check in the person's sealed cookie, as carried into the Antrag — or null.
 * Only for the action where she chose "use my answers" (decision 037).
 */
export function finishedPrecheck(request: Request): PrecheckCarry | null {
  const draft = readDraft(request);
  if (!isReady(draft)) return null;
  return {
    members: draft.members.map((m) => ({ id: m.id, role: m.role, age: m.age, income: m.income as Partial<Record<string, number>> | undefined })),
    complete: draft.complete,
    housing: draft.housing ? { grossColdRent: draft.housing.grossColdRent, heating: draft.housing.heating } : undefined,
  };
}

/** The Set-Cookie header that ends the pre-check cookie once its answers are in the draft. */
export const endPrecheckCookie = clearDraftCookie;

/** Pages of the application are personal: never cached. */
export const NO_STORE = privateNoStoreHeaders;

/**
 * A 409 answer to a submit while uploads of the application are unfinished: each file with its
 * checklist item (category and person) for the message, and what was ticked (kept).
 */
export interface UnfinishedUpload {
  name: string;
  category: string;
  member: string | null;
}

export async function unfinishedUploadsAnswer(application: ApplicationRecord, uploads: { filename: string; item: string | null }[], values: Record<string, string>) {
  const { checklist } = await applicationDocuments(application);
  const names = memberNames(application.data);
  const unfinished = uploads.map((upload): UnfinishedUpload => {
    const row = checklist.find((c) => c.id === upload.item);
    return { name: upload.filename, category: row?.category ?? "other", member: row?.memberId ? (names[row.memberId] ?? null) : null };
  });
  return json({ unfinished, values } as { unfinished: UnfinishedUpload[]; values?: Record<string, string>; errors?: Record<string, string> }, { status: 409, headers: NO_STORE });
}

/** The HTTP status of an upload page's answer: 507 when the storage was full, 400 for refusals, else 200. */
export function uploadFeedbackStatus(feedback: UploadFeedback): number {
  if (feedback.errors.some((e) => e.error.key === "uploads:errors.storageFull")) return 507;
  return feedback.errors.length ? 400 : 200;
}

/** A 400 answer with the errors and what was typed (nothing the person entered is lost). */
export function formErrors(errors: Record<string, string>, values: Record<string, string>) {
  return json({ errors, values } as { errors?: Record<string, string>; values?: Record<string, string> }, { status: 400, headers: NO_STORE });
}

/**
 * The action of a page with upload forms: a multipart POST uploads the files to the item named
 * by the form's hidden `item` field (before the file input); a urlencoded POST removes a file
 * (`intent=remove`, `documentId`) or combines an item's photos into one PDF (`intent=combine`).
 * After submission, whatever arrived is handed over at once.
 */
export async function applicationUploadAction(request: Request, application: ApplicationRecord, userId: string): Promise<UploadFeedback> {
  const type = request.headers.get("Content-Type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let item: string | null = null;
    const { results, fields } = await handleFormUpload(request, {
      ownerUserId: userId,
      context: applicationContext(application.id, "other"),
      contextFor: (f) => {
        item = typeof f.item === "string" && f.item ? f.item : null;
        return item ? applicationContext(application.id, item) : null;
      },
    });
    item = fields.item || item;
    const feedback: UploadFeedback = {
      item,
      uploaded: results.filter((r) => r.ok).map((r) => r.filename),
      errors: results.filter((r) => !r.ok && r.error).map((r) => ({ item, error: r.error! })),
    };
    if (!results.length) feedback.errors.push({ item, error: { key: "uploads:errors.noFile", params: {} } });
    if (feedback.uploaded.length && application.status === "submitted") await handOverNewDocuments(userId, application.id);
    return feedback;
  }
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const intent = String(form.get("intent") ?? "");
  if (intent === "remove") {
    const documentId = String(form.get("documentId") ?? "");
    const document = await getDocument(documentId, { ownerUserId: userId });
    if (!document || document.context.kind !== APPLICATION_CONTEXT || document.context.id !== application.id) {
      return { item: null, uploaded: [], errors: [{ item: null, error: { key: "uploads:errors.notFound", params: {} } }] };
    }
    const outcome = await deleteDocument(documentId, { ownerUserId: userId });
    if (outcome === "submitted")
      return { item: document.context.item ?? null, uploaded: [], errors: [{ item: document.context.item ?? null, error: { key: "uploads:errors.submitted", params: { name: document.filename } } }] };
    return { item: document.context.item ?? null, uploaded: [], errors: [], notice: { key: "uploads:page.removed", params: { name: document.filename } } };
  }
  if (intent === "combine") {
    const item = String(form.get("item") ?? "");
    const documents = (await listDocuments(applicationContext(application.id, item), userId)).filter((d) => !d.submittedAt && d.mediaType === "image/jpeg").reverse();
    if (documents.length < 2) return { item, uploaded: [], errors: [{ item, error: { key: "uploads:errors.combineCount", params: { max: String(MAX_COMBINE) } } }] };
    const result = await combineImagesToPdf(
      documents.map((d) => d.id),
      { ownerUserId: userId, context: applicationContext(application.id, item), removeSources: true },
    );
    if (!result.ok) return { item, uploaded: [], errors: [{ item, error: result.error }] };
    return { item, uploaded: [], errors: [], notice: { key: "uploads:page.combined", params: { name: result.document.filename } } };
  }
  throw new Response("Bad Request", { status: 400 });
}
