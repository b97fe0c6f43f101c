import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { groupByDay } from "~/domain/appointments/rules";
import { addDays, fromBerlin } from "~/domain/appointments/time";
import {
  appointmentLimits,
  appointmentType,
  createHold,
  freeSlots,
  getOwnAppointment,
  holdAllowed,
  isBookableStandort,
  standortOf,
  viewOf,
  type BookingProblem,
} from "~/features/appointments/index.server";
import { ownApplication } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of booking step 3 (buchen.zeit.tsx): the free slots from the day in the
// address; choosing one holds it (rate-limited) and goes on to step 4.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_PER_PAGE = 5;

/** The booking flow's state in the address: type, Standort, first day shown, rebooked appointment. */
function flowParams(request: Request) {
  const params = new URL(request.url).searchParams;
  const ab = params.get("ab");
  const rebook = params.get("umbuchen");
  const application = params.get("antrag");
  return {
    type: params.get("anliegen") ?? "",
    standortId: params.get("standort") ?? "",
    from: ab && ISO_DATE.test(ab) ? ab : null,
    rebook: rebook && /^[0-9a-f-]{36}$/.test(rebook) ? rebook : null,
    /** The application the appointment is for (booked from its receipt or status page). */
    application: application && /^[0-9a-f-]{36}$/.test(application) ? application : null,
    expired: params.get("abgelaufen") === "1",
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const p = flowParams(request);
  if (!appointmentType(p.type)) throw redirect("/termine/buchen?fehler=anliegen");
  if (!isBookableStandort(p.standortId)) throw redirect(`/termine/buchen/standort?${new URLSearchParams({ anliegen: p.type, fehler: "standort", ...(p.rebook ? { umbuchen: p.rebook } : {}) })}`);
  const rebookRow = p.rebook ? await getOwnAppointment(session.userId, p.rebook) : null;
  const rebook = rebookRow && rebookRow.status === "booked" && rebookRow.type === p.type ? viewOf(rebookRow) : null;
  const slots = await freeSlots({ standortId: p.standortId, type: p.type, from: p.from ? fromBerlin(p.from, "00:00").toISOString() : null, days: DAYS_PER_PAGE });
  const days = groupByDay(slots);
  const lastDay = days[days.length - 1]?.date;
  return json({
    ...(await pageI18n(request, ["appointments"], "appointments:time.title")),
    type: p.type,
    standortId: p.standortId,
    standortName: standortOf(p.standortId)?.name ?? p.standortId,
    days,
    from: p.from,
    laterFrom: lastDay && days.length >= DAYS_PER_PAGE ? addDays(lastDay, 1) : null,
    rebook,
    application: p.application,
    expired: p.expired,
    holdMinutes: appointmentLimits().holdMinutes,
    maxPerType: appointmentLimits().maxPerType,
    cancelHours: appointmentLimits().cancelHours,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const p = flowParams(request);
  const slotId = form.get("slotId");
  if (typeof slotId !== "string" || !/^[0-9a-f-]{36}$/.test(slotId)) {
    return json({ problem: "slot" as const, retryMinutes: null }, { status: 400 });
  }
  const limit = await holdAllowed(session.userId, context.clientIp);
  if (!limit.allowed) {
    return json({ problem: "rateLimited" as const, retryMinutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  }
  // Linked only to the person's own application; another id in the address is refused.
  if (p.application && !(await ownApplication(session.userId, p.application))) throw new Response("Not Found", { status: 404 });
  const hold = await createHold({ userId: session.userId, slotId, language: await getLanguage(request), rebookOf: p.rebook, applicationId: p.application });
  if (!hold.ok) {
    const status = hold.problem === "limit" || hold.problem === "slot-full" || hold.problem === "already-booked" ? 409 : 400;
    return json({ problem: hold.problem as BookingProblem, retryMinutes: null }, { status });
  }
  return redirect(`/termine/buchen/bestaetigen/${hold.value.id}`);
}
