import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { formValues } from "~/lib/validation";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { caseForStaff, legalTemplatesOn, planFromForm, publishPlanByStaff } from "~/features/cases/index.server";
import { berlinDay } from "~/domain/application/dates";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of one case for staff (faelle.$caseId._index.tsx): the plan's current
// version as the form's starting values; publishing a new version.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "cases:write");
  const found = await caseForStaff(staff, params.caseId ?? "");
  if (!found) throw new Response("Not Found", { status: 404 });
  const { view, linked } = found;
  const plan = view.plan;
  const germanDate = (iso: string | undefined) => (iso ? iso.split("-").reverse().join(".") : "");
  // The form's starting values: the current version, task by task.
  const tasks = (plan?.tasks ?? []).map((task) => ({
    id: task.id,
    title: task.title,
    description: task.description ?? "",
    kind: task.kind,
    due: germanDate(task.recurrence?.firstDueDate ?? task.dueDate),
    repeat: task.recurrence?.frequency ?? "",
    count: task.recurrence ? String(task.recurrence.count) : "",
    evidence: task.evidenceRequired,
    legal: task.legalConsequences,
  }));
  const version = Number(new URL(request.url).searchParams.get("veroeffentlicht")) || null;
  // The Träger's Rechtsfolgenbelehrungen in force today (app/config/traeger/legal-templates-2026.ts).
  const templates = legalTemplatesOn(berlinDay(new Date()));
  return json(
    {
      ...(await pageI18n(request, ["backoffice"], "backoffice:cases.case.title", { kundennummer: view.kundennummer, bgNummer: view.bgNummer })),
      staff: { name: staff.name, roles: staff.roles },
      view,
      linked,
      published: version,
      templates: {
        plan: templates.plan.map((t) => ({ id: t.id, label: t.label, source: t.source })),
        task: templates.task.map((t) => ({ id: t.id, label: t.label, text: t.text })),
      },
      form: {
        goals: plan?.goals.join("\n") ?? "",
        commitments: plan?.jobcenterCommitments.join("\n") ?? "",
        // A new plan starts with the Träger's current template instead of an empty field.
        rechtsfolgenbelehrung: plan?.rechtsfolgenbelehrung ?? templates.plan[0]?.text ?? "",
        tasks,
        // Empty task fieldsets start with the template of the default kind (applications).
        newTaskLegal: templates.task.find((t) => !t.taskKinds || t.taskKinds.includes("applications"))?.text ?? "",
        // The plan's tasks plus two empty fieldsets for new ones.
        slots: Math.min(50, tasks.length + 2),
      },
    },
    { headers: privateNoStoreHeaders },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "cases:write");
  if (form.get("intent") === "template") {
    // "Vorlage einsetzen": the chosen template into the Rechtsfolgenbelehrung, everything typed kept (no JavaScript needed).
    const chosen = legalTemplatesOn(berlinDay(new Date())).plan.find((t) => t.id === form.get("template"));
    const values = formValues(form);
    if (chosen) values.rechtsfolgenbelehrung = chosen.text;
    return json({ errors: {} as Record<string, string>, values }, { headers: privateNoStoreHeaders });
  }
  const parsed = planFromForm(form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: formValues(form) }, { status: 400, headers: privateNoStoreHeaders });
  const version = await publishPlanByStaff(staff, params.caseId ?? "", parsed.plan);
  if (version === null) throw new Response("Not Found", { status: 404 });
  return redirect(`/backoffice/faelle/${params.caseId}?veroeffentlicht=${version}`);
}
