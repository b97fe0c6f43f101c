import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isCurrentRelationship, isMemberComplete, membersFromPrecheck, removeMember } from "~/domain/application/model";
import { formErrors, NO_STORE, precheckMembers, requireDraft, saveAnswers, applicationContact } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { todayInGermany } from "~/domain/eligibility";
import { readForm } from "~/platform/http/form.server";

// Loader and action of the household page ($id.haushalt._index.tsx): take the members over
// from the pre-check, remove one, or confirm the list.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const household = application.data.household ?? null;
  const fromPrecheck = household?.members.length ? 0 : precheckMembers(request).filter((m) => m.role !== "applicant").length;
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:household.title")),
      contact: applicationContact(application),
      id: application.id,
      members: (household?.members ?? []).map((m) => ({ ...m, complete: isMemberComplete(m) && isCurrentRelationship(m.relationship) })),
      confirmed: household?.confirmed ?? false,
      fromPrecheck,
      // Carried from the pre-check (decision 037): her own age as a hint, and this year for "born around".
      precheckApplicantAge: application.data.precheck?.applicantAge ?? null,
      year: Number(todayInGermany().slice(0, 4)),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const intent = String(form.get("intent") ?? "");
  const here = `/antrag/${application.id}/haushalt`;
  if (intent === "prefill") {
    const members = precheckMembers(request);
    await saveAnswers(session.userId, application.id, (data) => (data.household?.members.length ? data : membersFromPrecheck(data, members)));
    return redirect(here);
  }
  if (intent === "remove") {
    const memberId = String(form.get("memberId") ?? "");
    await saveAnswers(session.userId, application.id, (data) => ({
      ...removeMember(data, memberId),
      household: { members: data.household?.members.filter((m) => m.id !== memberId) ?? [], confirmed: false },
    }));
    return redirect(here);
  }
  // Confirm the list.
  const members = application.data.household?.members ?? [];
  if (!members.every((m) => isMemberComplete(m) && isCurrentRelationship(m.relationship))) return formErrors({ confirmed: "application:errors.householdIncomplete" }, {});
  if (form.get("confirmed") !== "1") return formErrors({ confirmed: "application:errors.declaration" }, {});
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, household: { members: data.household?.members ?? [], confirmed: true } }));
  return redirect(`/antrag/${application.id}`);
}
