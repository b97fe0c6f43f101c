import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseDateInput } from "~/domain/application/dates";
import { addDays, toBerlin } from "~/domain/appointments/time";
import { appointmentsOfDay, bookableStandorte, recordOutcomeByStaff, standortForStaff } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// The appointment day view for reception and the Standortleitung (termine._index.tsx): one day
// at one Standort (the staff member's own by default), who comes when, for what, with which
// needs; attendance is recorded here once (a correction has its own page, termin.$id.korrigieren).

const NOTICES = {
  eingetragen: "slots.notices.outcome",
  korrigiert: "slots.notices.corrected",
} as const;

export function dayViewUrl(standortId: string, day: string, hinweis?: string): string {
  return `/backoffice/termine?standort=${encodeURIComponent(standortId)}&tag=${encodeURIComponent(day)}${hinweis ? `&hinweis=${hinweis}` : ""}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "appointments:write");
  const url = new URL(request.url);
  const standortId = await standortForStaff(staff, url.searchParams.get("standort"));
  const hinweis = url.searchParams.get("hinweis");
  const dayText = (url.searchParams.get("tag") ?? "").trim();
  const today = toBerlin(new Date()).date;
  const day = dayText ? parseDateInput(dayText) : today;
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "appointments"], "backoffice:slots.day.title")),
      staff: { name: staff.name, roles: staff.roles },
      standorte: bookableStandorte(),
      standortId,
      day: day ?? null,
      today,
      previous: day ? addDays(day, -1) : null,
      next: day ? addDays(day, 1) : null,
      dayText,
      dayErrors: day ? {} : ({ tag: "backoffice:slots.day.dateInvalid" } as Record<string, string>),
      appointments: standortId && day ? await appointmentsOfDay(staff, standortId, day) : [],
      notice: hinweis && hinweis in NOTICES ? NOTICES[hinweis as keyof typeof NOTICES] : null,
    },
    { headers: privateNoStoreHeaders },
  );
}

const OUTCOME_REFUSALS = {
  "not-found": "backoffice:slots.day.outcomeRefused",
  "too-late": "backoffice:slots.day.outcomeRefused",
  locked: "backoffice:slots.day.outcomeLocked",
  changed: "backoffice:slots.day.outcomeLocked",
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "appointments:write");
  const standortId = await standortForStaff(staff, String(form.get("standort") ?? ""));
  const day = parseDateInput(String(form.get("tag") ?? "")) ?? toBerlin(new Date()).date;
  const intent = form.get("intent");
  if (intent === "attended" || intent === "missed") {
    const saved = await recordOutcomeByStaff(staff, String(form.get("appointmentId") ?? ""), intent);
    if (saved.ok) return redirect(dayViewUrl(standortId, day, "eingetragen"));
    return json({ errors: { _form: OUTCOME_REFUSALS[saved.problem] } as Record<string, string> }, { status: 409 });
  }
  return json({ errors: { _form: "backoffice:slots.day.outcomeRefused" } as Record<string, string> }, { status: 400 });
}
