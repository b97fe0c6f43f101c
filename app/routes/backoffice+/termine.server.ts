import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import * as z from "zod/mini";
import { getTraeger } from "~/config/traeger";
import { parseDateInput } from "~/domain/application/dates";
import { toBerlin } from "~/domain/appointments/time";
import { formValues, parseForm } from "~/lib/validation";
import { isBookableStandort, addSlot, appointmentsOfDay, defaultDuration, recordOutcomeByStaff, removeSlot, SLOT_DAYS_SHOWN, upcomingSlots } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Appointment slots for staff (termine.tsx): the loader lists a Standort's upcoming slots and one
// day's appointments; the action adds or removes a slot or records whether a person came.

function bookableStandorte() {
  return getTraeger()
    .standorte.filter((s) => isBookableStandort(s.id))
    .map((s) => ({ id: s.id, name: s.name }));
}

function chosenStandort(value: string | null): string {
  const standorte = bookableStandorte();
  return standorte.find((s) => s.id === value)?.id ?? standorte[0]?.id ?? "";
}

const NOTICES = {
  angelegt: "slots.notices.added",
  geloescht: "slots.notices.deleted",
  eingetragen: "slots.notices.outcome",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "appointments:write");
  const url = new URL(request.url);
  const standortId = chosenStandort(url.searchParams.get("standort"));
  const hinweis = url.searchParams.get("hinweis");
  const dayText = (url.searchParams.get("tag") ?? "").trim();
  const day = dayText ? parseDateInput(dayText) : toBerlin(new Date()).date;
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "appointments"], "backoffice:slots.title")),
      staff: { name: staff.name, roles: staff.roles },
      standorte: bookableStandorte(),
      standortId,
      types: getTraeger().appointmentTypes.map((t) => t.id),
      slots: standortId ? await upcomingSlots(standortId) : [],
      days: SLOT_DAYS_SHOWN,
      day: day ?? null,
      dayText,
      dayErrors: day ? {} : ({ tag: "backoffice:slots.day.dateInvalid" } as Record<string, string>),
      appointments: standortId && day ? await appointmentsOfDay(staff, standortId, day) : [],
      notice: hinweis && hinweis in NOTICES ? NOTICES[hinweis as keyof typeof NOTICES] : null,
    },
    { headers: privateNoStoreHeaders },
  );
}

const AddSlotForm = z.object({
  standort: z.string(),
  // Whether the type is one of the Träger's is checked on the server (addSlot): the Träger
  // configuration must not reach the browser bundle.
  type: z.string("backoffice:slots.errors.type").check(z.minLength(1, "backoffice:slots.errors.type")),
  date: z.string("backoffice:slots.errors.date").check(z.refine((v) => parseDateInput(v) !== null, "backoffice:slots.errors.date")),
  time: z.string("backoffice:slots.errors.time").check(z.trim(), z.regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "backoffice:slots.errors.time")),
  duration: z.string().check(
    z.trim(),
    z.refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 5 && Number(v) <= 480), "backoffice:slots.errors.duration"),
  ),
  capacity: z.string("backoffice:slots.errors.capacity").check(
    z.trim(),
    z.refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 50, "backoffice:slots.errors.capacity"),
  ),
});

const PROBLEM_KEYS = {
  "in-the-past": ["time", "backoffice:slots.errors.inThePast"],
  duplicate: ["time", "backoffice:slots.errors.duplicate"],
  "unknown-standort": ["standort", "backoffice:slots.errors.unknownStandort"],
  "unknown-type": ["type", "backoffice:slots.errors.type"],
  "end-before-start": ["duration", "backoffice:slots.errors.duration"],
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "appointments:write");
  const standortId = chosenStandort(String(form.get("standort") ?? ""));
  const back = (hinweis: string) => redirect(`/backoffice/termine?standort=${encodeURIComponent(standortId)}&hinweis=${hinweis}`);
  const intent = form.get("intent");
  if (intent === "attended" || intent === "missed") {
    const saved = await recordOutcomeByStaff(staff, String(form.get("appointmentId") ?? ""), intent);
    if (saved) return redirect(`/backoffice/termine?standort=${encodeURIComponent(standortId)}&tag=${encodeURIComponent(String(form.get("tag") ?? ""))}&hinweis=eingetragen`);
    return json(
      {
        errors: { _form: "backoffice:slots.day.outcomeRefused" } as Record<string, string>,
        values: {} as Record<string, string>,
      },
      { status: 409 },
    );
  }
  if (intent === "delete") {
    const result = await removeSlot(staff, String(form.get("slotId") ?? ""));
    if (result === "deleted") return back("geloescht");
    return json(
      {
        errors: {
          _form: result === "has-appointments" ? "backoffice:slots.errors.hasAppointments" : "backoffice:slots.errors.notFound",
        } as Record<string, string>,
        values: {} as Record<string, string>,
      },
      { status: 409 },
    );
  }
  const parsed = parseForm(AddSlotForm, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { type, date, time, duration, capacity } = parsed.data;
  const result = await addSlot(staff, {
    standortId,
    type,
    date: parseDateInput(date)!,
    time: time.padStart(5, "0"),
    durationMinutes: duration ? Number(duration) : defaultDuration(type),
    capacity: Number(capacity),
  });
  if (result.ok) return back("angelegt");
  const [field, key] = PROBLEM_KEYS[result.problem];
  return json(
    {
      errors: { [field]: key } as Record<string, string>,
      values: formValues(form),
    },
    { status: result.problem === "duplicate" ? 409 : 400 },
  );
}
