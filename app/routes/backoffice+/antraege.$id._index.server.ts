import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getTraeger } from "~/config/traeger";
import { CATEGORY_GERMAN, PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES } from "~/domain/application/documents";
import { contradictions } from "~/domain/application/contradictions";
import { personName, summaryGroups } from "~/domain/application/summary";
import { staffMay } from "~/domain/staff/roles";
import { standortById } from "~/domain/traeger/lookup";
import { pageI18n } from "~/platform/http/page.server";
import { formValues } from "~/lib/validation";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { applicationWork, inboxApplication, requestChoices, requestChoiceValue, requestDocumentsByStaff, reviewAttachmentByStaff, setStatusByStaff } from "~/features/application/index.server";
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
      ...(await pageI18n(request, ["backoffice", "application", "uploads"], "backoffice:application.title", { reference: application.reference })),
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
      // The request form: per person (and the household) the kinds of documents, as checkboxes.
      requestGroups: requestChoices(application).map((g) => ({
        memberId: g.memberId,
        name: g.name,
        choices: g.categories.map((c) => ({ value: requestChoiceValue(c, g.memberId), label: CATEGORY_GERMAN[c] })),
      })),
      // The one state of each item (checklist-state.ts), worded as the person reads it (uploads:checklist.status).
      checklist: work.checklist.map((e) => ({
        id: e.id,
        state: e.view.state,
        dueDate: e.view.dueDate,
        reason: e.view.reason,
        count: e.view.count,
        label: CATEGORY_GERMAN[e.category],
        member: e.memberId ? personName(application.data, e.memberId) : null,
      })),
      // Answers that contradict each other (contradictions.ts): a warning, nothing decided.
      contradictions: contradictions(application.data, application.antragsdatum).map((c) => ({ code: c.code, member: c.memberId ? personName(application.data, c.memberId) : null })),
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
              by: work.reviews.get(a.id)!.by,
              at: work.reviews.get(a.id)!.at,
            }
          : null,
      })),
      requests: work.requests.map((r) => ({
        ...r,
        label: CATEGORY_GERMAN[r.category],
        member: r.memberId ? personName(application.data, r.memberId) : null,
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
        : await requestDocumentsByStaff(staff, application, {
            documents: form.getAll("documents").map(String),
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
