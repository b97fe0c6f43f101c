import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getTraeger } from "~/config/traeger";
import { CATEGORY_GERMAN, PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES } from "~/domain/application/documents";
import { contradictions } from "~/domain/application/contradictions";
import { officialFormOrder, personName, summaryGroups } from "~/domain/application/summary";
import { APPLICANT_ID, derivedMembers, personIds } from "~/domain/application/model";
import { staffMay } from "~/domain/staff/roles";
import { standortById } from "~/domain/traeger/lookup";
import { pageI18n } from "~/platform/http/page.server";
import { formValues } from "~/lib/validation";
import { verifyCsrf } from "~/platform/http/csrf.server";
import {
  applicationWork,
  assignByStaff,
  assignmentOf,
  inboxApplication,
  inboxNeighbours,
  inboxParams,
  requestChoices,
  requestChoiceValue,
  requestDocumentsByStaff,
  reviewAttachmentByStaff,
  setStatusByStaff,
} from "~/features/application/index.server";
import { colleaguesWith, requireStaff, shortcutsEnabled } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// The staff view of one submitted application (antraege.$id._index.tsx): the loader gathers the
// header (who it is about), the neighbours in the list it was opened from (the list's parameters
// travel in the address), the assignment, facts, answers, processing history, checklist and
// attachments; the action assigns, sets the processing status, reviews an attachment or asks
// for a document, then goes back to the section acted on (its fragment).

/** Where each action's notice is shown and the page returns to. */
const SECTION = { stand: "stand", anforderung: "anforderungen", zuweisung: "zustaendig", pruefung: "unterlagen" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const application = await inboxApplication(staff, params.id ?? "");
  if (!application) throw new Response("Not Found", { status: 404 });
  const standort = application.standortId ? standortById(getTraeger(), application.standortId) : undefined;
  const work = await applicationWork(application);
  const url = new URL(request.url);
  const list = inboxParams(staff, url.searchParams);
  const listQuery = list.list.toString();
  const [neighbours, assignment, shortcuts] = await Promise.all([inboxNeighbours(list.filters, application.id), assignmentOf(application.id), shortcutsEnabled(request)]);
  const mayWrite = staffMay(staff.roles, "applications:write");
  const noticeParam = url.searchParams.get("gespeichert");
  const notice = noticeParam && noticeParam in SECTION ? (noticeParam as keyof typeof SECTION) : null;
  const members = derivedMembers(application.data, application.antragsdatum);
  const applicant = members.find((m) => m.id === APPLICANT_ID);
  const withList = (path: string) => (listQuery ? `${path}?${listQuery}` : path);
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "application", "uploads"], "backoffice:application.title", { reference: application.reference })),
      staff: { id: staff.id, name: staff.name, roles: staff.roles },
      application: {
        id: application.id,
        reference: application.reference,
        antragsdatum: application.antragsdatum,
        submittedAt: application.submittedAt,
        language: application.language,
        standort: standort?.name ?? null,
        decisionsDigital: application.decisionsDigital,
      },
      header: {
        name: personName(application.data, APPLICANT_ID),
        birthDate: application.data.personal?.birthDate ?? null,
        members: personIds(application.data).length,
        status: PROCESSING_STATUS_GERMAN[work.history.at(-1)?.status ?? "eingegangen"],
        u25: { applicant: applicant?.u25 ?? false, others: members.filter((m) => m.id !== APPLICANT_ID && m.u25 && m.age >= 15).length },
        p15a: { applicant: applicant?.paragraph15a ?? false, others: members.filter((m) => m.id !== APPLICANT_ID && m.paragraph15a).length },
      },
      nav: {
        back: withList("/backoffice"),
        previous: neighbours.previous ? withList(`/backoffice/antraege/${neighbours.previous}`) : null,
        next: neighbours.next ? withList(`/backoffice/antraege/${neighbours.next}`) : null,
        position: neighbours.position,
        total: neighbours.total,
        /** This page's address with the list, for forms that come back here. */
        self: withList(`/backoffice/antraege/${application.id}`),
      },
      shortcuts,
      assignment: assignment ? { staffId: assignment.staffId, name: assignment.name, at: assignment.at } : null,
      colleagues: mayWrite ? await colleaguesWith("applications:write") : [],
      groups: officialFormOrder(summaryGroups(application.data)),
      mayWrite,
      notice,
      reviewed: notice === "pruefung" ? url.searchParams.get("datei") : null,
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
  const intent = String(form.get("intent") ?? "");
  const value = (name: string) => String(form.get(name) ?? "");
  const result =
    intent === "assign"
      ? await assignByStaff(staff, application, { to: value("to") === "me" ? staff.id : value("to") })
      : intent === "status"
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
        intent,
      },
      { status: 400, headers: privateNoStoreHeaders },
    );
  // Back to the section acted on, with the list the page was opened from (next/previous).
  const saved = intent === "assign" ? "zuweisung" : intent === "status" ? "stand" : intent === "review" ? "pruefung" : "anforderung";
  const back = new URLSearchParams(inboxParams(staff, new URL(request.url).searchParams).list);
  back.set("gespeichert", saved);
  if (intent === "review") back.set("datei", value("attachmentId"));
  const fragment = intent === "review" ? `datei-${value("attachmentId")}` : SECTION[saved];
  return redirect(`/backoffice/antraege/${application.id}?${back.toString()}#${fragment}`);
}
