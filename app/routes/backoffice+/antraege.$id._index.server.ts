import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getTraeger } from "~/config/traeger";
import { CATEGORY_GERMAN, DOCUMENT_CATEGORIES, PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES } from "~/domain/application/documents";
import { personName, summaryGroups } from "~/domain/application/summary";
import { staffMay } from "~/domain/staff/roles";
import { standortById } from "~/domain/traeger/lookup";
import { pageI18n } from "~/platform/http/page.server";
import { formValues } from "~/lib/validation";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { applicationWork, inboxApplication, requestDocumentByStaff, reviewAttachmentByStaff, setStatusByStaff } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// The staff view of one submitted application (antraege.$id._index.tsx): the loader gathers the
// facts, answers, processing history, checklist and attachments; the action sets the processing
// status, reviews an attachment or asks for a document.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const application = await inboxApplication(staff, params.id ?? "");
  if (!application) throw new Response("Not Found", { status: 404 });
  const standort = application.standortId ? standortById(getTraeger(), application.standortId) : undefined;
  const work = await applicationWork(application);
  const notice = new URL(request.url).searchParams.get("gespeichert");
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "application"], "backoffice:application.title", { reference: application.reference })),
      staff: { name: staff.name, roles: staff.roles },
      application: {
        id: application.id,
        reference: application.reference,
        antragsdatum: application.antragsdatum,
        submittedAt: application.submittedAt,
        language: application.language,
        standort: standort?.name ?? null,
        decisionsDigital: application.decisionsDigital,
      },
      groups: summaryGroups(application.data),
      mayWrite: staffMay(staff.roles, "applications:write"),
      notice: notice === "stand" ? "work.status.saved" : notice === "anforderung" ? "work.requests.saved" : notice === "pruefung" ? "work.review.saved" : null,
      history: work.history.map((e) => ({
        ...e,
        label: PROCESSING_STATUS_GERMAN[e.status],
      })),
      statuses: PROCESSING_STATUSES.filter((s) => s !== "eingegangen").map((value) => ({ value, label: PROCESSING_STATUS_GERMAN[value] })),
      categories: DOCUMENT_CATEGORIES.map((value) => ({
        value,
        label: CATEGORY_GERMAN[value],
      })),
      checklist: work.checklist.map((e) => ({
        id: e.id,
        status: e.status,
        count: e.attachmentIds.length,
        label: CATEGORY_GERMAN[e.category],
        member: e.memberId ? personName(application.data, e.memberId) : null,
      })),
      attachments: work.attachments.map((a) => ({
        id: a.id,
        label: CATEGORY_GERMAN[a.category],
        filename: a.filename,
        size: a.size,
        submittedAt: a.submittedAt,
        member: a.memberId ? personName(application.data, a.memberId) : null,
        review: work.reviews.get(a.id)
          ? {
              decision: work.reviews.get(a.id)!.decision,
              reason: work.reviews.get(a.id)!.reason,
            }
          : null,
      })),
      requests: work.requests.map((r) => ({
        ...r,
        label: CATEGORY_GERMAN[r.category],
      })),
    },
    { headers: privateNoStoreHeaders },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "applications:write");
  const application = await inboxApplication(staff, params.id ?? "");
  if (!application) throw new Response("Not Found", { status: 404 });
  const intent = form.get("intent");
  const value = (name: string) => String(form.get(name) ?? "");
  const result =
    intent === "status"
      ? await setStatusByStaff(staff, application, {
          status: value("status"),
          message: value("message"),
        })
      : intent === "review"
        ? await reviewAttachmentByStaff(staff, application, {
            attachmentId: value("attachmentId"),
            decision: value("decision"),
            reason: value(`reason-${value("attachmentId")}`),
          })
        : await requestDocumentByStaff(staff, application, {
            category: value("category"),
            description: value("description"),
            dueDate: value("dueDate"),
          });
  if (!result.ok)
    return json(
      {
        errors: result.errors,
        values: formValues(form),
        intent: String(intent),
      },
      { status: 400, headers: privateNoStoreHeaders },
    );
  return redirect(`/backoffice/antraege/${application.id}?gespeichert=${intent === "status" ? "stand" : intent === "review" ? "pruefung" : "anforderung"}`);
}
