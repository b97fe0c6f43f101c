import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import * as z from "zod/mini";
import { getTraeger } from "~/config/traeger";
import { parseDateInput } from "~/domain/application/dates";
import type { DateWarning } from "~/domain/appointments/series";
import { mondayOf } from "~/domain/appointments/series";
import { addDays, toBerlin } from "~/domain/appointments/time";
import { formValues, parseForm } from "~/lib/validation";
import { addSeries, addSlot, bookableStandorte, copyWeek, defaultDuration, removeSlot, standortForStaff, upcomingSlots, type AddSlotResult } from "~/features/appointments/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Slot management for the Standortleitung (termine.zeiten.tsx), apart from the day view: one
// week's slots, a single slot, a series (weekdays × start times in a date range) and a copied
// week. Public holidays of the Land and the Träger's closed days are named and need an explicit
// confirmation (the same form again with the box ticked).

const NOTICES = {
  angelegt: "slots.notices.added",
  geloescht: "slots.notices.deleted",
} as const;

function zeitenUrl(standortId: string, week: string, extra = ""): string {
  return `/backoffice/termine/zeiten?standort=${encodeURIComponent(standortId)}&woche=${week}${extra}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "appointments:write");
  const url = new URL(request.url);
  const standortId = await standortForStaff(staff, url.searchParams.get("standort"));
  const hinweis = url.searchParams.get("hinweis");
  const today = toBerlin(new Date()).date;
  const week = mondayOf(parseDateInput(url.searchParams.get("woche") ?? "") ?? today);
  const count = Number(url.searchParams.get("anzahl") ?? "");
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "appointments"], "backoffice:slots.title")),
      staff: { name: staff.name, roles: staff.roles },
      standorte: bookableStandorte(),
      standortId,
      types: getTraeger().appointmentTypes.map((t) => ({ id: t.id, minutes: t.durationMinutes })),
      week,
      previousWeek: addDays(week, -7),
      nextWeek: addDays(week, 7),
      slots: standortId ? await upcomingSlots(standortId, new Date(), week, 7) : [],
      notice: hinweis && hinweis in NOTICES ? NOTICES[hinweis as keyof typeof NOTICES] : null,
      created: Number.isInteger(count) && count > 0 ? count : null,
    },
    { headers: privateNoStoreHeaders },
  );
}

const date = (key: string) => z.string(key).check(z.refine((v) => parseDateInput(v) !== null, key));
const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;
const duration = z.string().check(
  z.trim(),
  z.refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 5 && Number(v) <= 480), "backoffice:slots.errors.duration"),
);
const capacity = z.string("backoffice:slots.errors.capacity").check(
  z.trim(),
  z.refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 50, "backoffice:slots.errors.capacity"),
);
// Whether the type is one of the Träger's is checked on the server (createSlot).
const type = z.string("backoffice:slots.errors.type").check(z.minLength(1, "backoffice:slots.errors.type"));

const AddSlotForm = z.object({
  type,
  date: date("backoffice:slots.errors.date"),
  time: z.string("backoffice:slots.errors.time").check(z.trim(), z.regex(TIME, "backoffice:slots.errors.time")),
  duration,
  capacity,
});

const SeriesForm = z.object({
  seriesType: type,
  seriesFrom: date("backoffice:slots.errors.date"),
  seriesTo: date("backoffice:slots.errors.date"),
  seriesWeekdays: z.string("backoffice:slots.series.errors.weekdays").check(z.regex(/^[1-7](,[1-7])*$/, "backoffice:slots.series.errors.weekdays")),
  seriesTimes: z.string("backoffice:slots.series.errors.times").check(z.refine((v) => splitTimes(v).length > 0 && splitTimes(v).every((t) => TIME.test(t)), "backoffice:slots.series.errors.times")),
  seriesDuration: duration,
  seriesCapacity: capacity,
});

const CopyForm = z.object({
  copyFrom: date("backoffice:slots.errors.date"),
  copyTo: date("backoffice:slots.errors.date"),
});

function splitTimes(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

const PROBLEMS: Record<string, Record<string, string>> = {
  add: {
    "in-the-past": "time:backoffice:slots.errors.inThePast",
    duplicate: "time:backoffice:slots.errors.duplicate",
    "unknown-standort": "_form:backoffice:slots.errors.unknownStandort",
    "unknown-type": "type:backoffice:slots.errors.type",
    "end-before-start": "duration:backoffice:slots.errors.duration",
  },
  series: {
    "in-the-past": "seriesFrom:backoffice:slots.series.errors.past",
    range: "seriesTo:backoffice:slots.series.errors.range",
    "too-long": "seriesTo:backoffice:slots.series.errors.tooLong",
    "too-many": "seriesTimes:backoffice:slots.series.errors.tooMany",
    none: "seriesWeekdays:backoffice:slots.series.errors.none",
  },
  copy: {
    "in-the-past": "copyTo:backoffice:slots.copy.errors.past",
    range: "copyTo:backoffice:slots.copy.errors.same",
    "nothing-to-copy": "copyFrom:backoffice:slots.copy.errors.empty",
  },
};

const CONFIRM_FIELD = { add: "confirm", series: "seriesConfirm", copy: "copyConfirm" } as const;

type Intent = keyof typeof CONFIRM_FIELD;

function refused(intent: Intent, form: FormData, result: Exclude<AddSlotResult, { ok: true }>) {
  const values = formValues(form);
  if (result.problem === "confirm") {
    return json(
      { intent, errors: { [CONFIRM_FIELD[intent]]: "backoffice:slots.warnings.confirmNeeded" } as Record<string, string>, values, warnings: result.warnings as DateWarning[] },
      { status: 409 },
    );
  }
  const [field, ...key] = (PROBLEMS[intent][result.problem] ?? "_form:backoffice:slots.errors.notFound").split(":");
  return json({ intent, errors: { [field]: key.join(":") } as Record<string, string>, values, warnings: [] as DateWarning[] }, { status: result.problem === "duplicate" ? 409 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "appointments:write");
  const standortId = await standortForStaff(staff, String(form.get("standort") ?? ""));
  const week = mondayOf(parseDateInput(String(form.get("woche") ?? "")) ?? toBerlin(new Date()).date);
  const intent = String(form.get("intent") ?? "");
  const invalid = (intentName: Intent, errors: Record<string, string>) => json({ intent: intentName, errors, values: formValues(form), warnings: [] as DateWarning[] }, { status: 400 });
  const done = (result: AddSlotResult, landing: string, intentName: Intent) =>
    result.ok ? redirect(zeitenUrl(standortId, mondayOf(landing), `&hinweis=angelegt&anzahl=${result.created}`)) : refused(intentName, form, result);

  if (intent === "delete") {
    const result = await removeSlot(staff, String(form.get("slotId") ?? ""));
    if (result === "deleted") return redirect(zeitenUrl(standortId, week, "&hinweis=geloescht"));
    return json(
      {
        intent: "delete" as Intent | "delete",
        errors: { _form: result === "has-appointments" ? "backoffice:slots.errors.hasAppointments" : "backoffice:slots.errors.notFound" } as Record<string, string>,
        values: {} as Record<string, string>,
        warnings: [] as DateWarning[],
      },
      { status: 409 },
    );
  }
  if (intent === "series") {
    const parsed = parseForm(SeriesForm, form);
    if (!parsed.ok) return invalid("series", parsed.errors);
    const d = parsed.data;
    const fromDate = parseDateInput(d.seriesFrom)!;
    const result = await addSeries(staff, {
      standortId,
      type: d.seriesType,
      fromDate,
      toDate: parseDateInput(d.seriesTo)!,
      weekdays: d.seriesWeekdays.split(",").map(Number),
      times: splitTimes(d.seriesTimes).map((t) => t.padStart(5, "0")),
      durationMinutes: d.seriesDuration ? Number(d.seriesDuration) : defaultDuration(d.seriesType),
      capacity: Number(d.seriesCapacity),
      confirmed: form.get("seriesConfirm") === "1",
    });
    return done(result, fromDate, "series");
  }
  if (intent === "copy") {
    const parsed = parseForm(CopyForm, form);
    if (!parsed.ok) return invalid("copy", parsed.errors);
    const toDate = parseDateInput(parsed.data.copyTo)!;
    const result = await copyWeek(staff, { standortId, fromDate: parseDateInput(parsed.data.copyFrom)!, toDate, confirmed: form.get("copyConfirm") === "1" });
    return done(result, toDate, "copy");
  }
  const parsed = parseForm(AddSlotForm, form);
  if (!parsed.ok) return invalid("add", parsed.errors);
  const { date: dateText, time, duration: minutes, capacity: places } = parsed.data;
  const day = parseDateInput(dateText)!;
  const result = await addSlot(staff, {
    standortId,
    type: parsed.data.type,
    date: day,
    time: time.padStart(5, "0"),
    durationMinutes: minutes ? Number(minutes) : defaultDuration(parsed.data.type),
    capacity: Number(places),
    confirmed: form.get("confirm") === "1",
  });
  return done(result, day, "add");
}
