import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { detailsValues, parseDetailsForm, type DetailsValues } from "~/domain/appointments/details-form";
import { TEXT_LIMITS } from "~/domain/appointments/rules";
import { meldeversaeumnisConsequence } from "~/domain/appointments/meldeversaeumnis";
import { answerInvitation, channelsOf, countUnexplainedMissed, getOwnAppointment, viewOf, type BookingProblem } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of an invitation (einladung.$id.tsx): accept it with the meeting details,
// or decline it with an optional message; a second click goes where the first answer went.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const row = await getOwnAppointment(session.userId, params.id ?? "");
  if (!row || row.origin !== "invitation") throw new Response("Not found", { status: 404 });
  if (row.status === "booked") throw redirect(`/termine/${row.id}`);
  return json({
    ...(await pageI18n(request, ["appointments", "standorte", "case"], "appointments:invitation.title")),
    view: viewOf(row),
    // The Rechtsfolgenbelehrung for this appointment, with the missed appointments counted.
    consequence: meldeversaeumnisConsequence(row.starts_at, await countUnexplainedMissed(session.userId, row.starts_at)),
    open: row.status === "proposed" && row.starts_at > new Date().toISOString(),
    channels: channelsOf(row.type),
  });
}

type Answer = { errors: Record<string, string>; values: DetailsValues | null; message: string; problem: BookingProblem | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const id = params.id ?? "";
  const row = await getOwnAppointment(session.userId, id);
  if (!row || row.origin !== "invitation") throw new Response("Not found", { status: 404 });
  const accept = form.get("intent") === "accept";
  const rawMessage = form.get("message");
  const message = typeof rawMessage === "string" ? rawMessage : "";
  // Already answered (a second click): go where the first answer went.
  if (row.status === "booked") return redirect(`/termine/${row.id}?angenommen=1`);
  if (row.status === "declined") return redirect("/termine?abgelehnt=1");
  if (accept) {
    const parsed = parseDetailsForm(form, channelsOf(row.type));
    if (!parsed.ok) return json<Answer>({ errors: parsed.errors, values: parsed.values, message, problem: null }, { status: 400 });
    const result = await answerInvitation({ userId: session.userId, appointmentId: id, accept: true, details: parsed.details });
    if (result.ok) return redirect(`/termine/${id}?angenommen=1`);
    return json<Answer>({ errors: {}, values: detailsValues(form), message, problem: result.problem }, { status: 409 });
  }
  const trimmed = message.trim();
  if (trimmed.length > TEXT_LIMITS.message) return json<Answer>({ errors: { message: "appointments:errors.tooLong" }, values: detailsValues(form), message, problem: null }, { status: 400 });
  const result = await answerInvitation({ userId: session.userId, appointmentId: id, accept: false, message: trimmed || null });
  if (result.ok) return redirect("/termine?abgelehnt=1");
  return json<Answer>({ errors: {}, values: null, message, problem: result.problem }, { status: 409 });
}
