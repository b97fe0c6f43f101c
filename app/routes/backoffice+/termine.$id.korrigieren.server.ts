import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import * as z from "zod/mini";
import { OUTCOMES } from "~/domain/appointments/rules";
import { correctOutcomeByStaff, dayAppointment } from "~/features/appointments/index.server";
import { formValues, parseForm } from "~/lib/validation";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Correcting a recorded attendance (termine.$id.korrigieren.tsx): the recorded outcome is locked
// on the day view; here it is flipped with a reason (sealed, audited). `from` is the outcome the
// page showed: a second submit, or a change by someone else meanwhile, writes nothing.

export const REASON_MIN = 10;
export const REASON_MAX = 500;

async function load(request: Request, id: string) {
  const staff = await requireStaff(request, "appointments:write");
  const appointment = await dayAppointment(staff, id);
  if (!appointment || !appointment.outcome) throw new Response("Not Found", { status: 404 });
  return { staff, appointment };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, appointment } = await load(request, params.id ?? "");
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "appointments"], "backoffice:slots.correct.title")),
      staff: { name: staff.name, roles: staff.roles },
      appointment,
      reasonMax: REASON_MAX,
    },
    { headers: privateNoStoreHeaders },
  );
}

const CorrectionForm = z.object({
  from: z.enum(OUTCOMES, "backoffice:slots.correct.changed"),
  reason: z
    .string("backoffice:slots.correct.reasonMissing")
    .check(
      z.trim(),
      z.minLength(1, "backoffice:slots.correct.reasonMissing"),
      z.minLength(REASON_MIN, "backoffice:slots.correct.reasonShort"),
      z.maxLength(REASON_MAX, "backoffice:slots.correct.reasonLong"),
    ),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const { staff, appointment } = await load(request, params.id ?? "");
  const back = `/backoffice/termine?standort=${encodeURIComponent(appointment.standortId)}&tag=${appointment.date}`;
  const parsed = parseForm(CorrectionForm, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { from, reason } = parsed.data;
  const to = from === "attended" ? "missed" : "attended";
  const result = await correctOutcomeByStaff(staff, { appointmentId: appointment.id, from, to, reason });
  if (result.ok) return redirect(`${back}&hinweis=korrigiert`);
  // Corrected already (a double submit, or a colleague): the day view shows what is recorded now.
  if (result.problem === "changed") return redirect(`${back}&hinweis=korrigiert`);
  return json({ errors: { _form: "backoffice:slots.correct.refused" } as Record<string, string>, values: formValues(form) }, { status: 409 });
}
