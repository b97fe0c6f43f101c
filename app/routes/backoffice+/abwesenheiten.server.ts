import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { absencesForStaff, decideAbsenceByStaff } from "~/features/absence/index.server";
import { requireStaff } from "~/features/staff/index.server";
import { formValues } from "~/lib/validation";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { readForm } from "~/platform/http/form.server";
import { pageI18n } from "~/platform/http/page.server";

// Loader and action of /backoffice/abwesenheiten (role Integration): requests to be away, the
// ones to decide first; "Zustimmen" / "Nicht zustimmen" with a message for the person.

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "cases:write");
  const { pending, decided } = await absencesForStaff();
  const saved = new URL(request.url).searchParams.get("gespeichert") === "1";
  return json(
    { ...(await pageI18n(request, ["backoffice"], "backoffice:absences.title")), staff: { name: staff.name, roles: staff.roles }, pending, decided, saved },
    { headers: privateNoStoreHeaders },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "cases:write");
  const id = String(form.get("id") ?? "");
  const result = await decideAbsenceByStaff(staff, { id, decision: String(form.get("decision") ?? ""), message: String(form.get(`message-${id}`) ?? "") });
  if (!result.ok) return json({ errors: result.errors, values: formValues(form), id }, { status: 400, headers: privateNoStoreHeaders });
  return redirect("/backoffice/abwesenheiten?gespeichert=1#entschieden");
}
