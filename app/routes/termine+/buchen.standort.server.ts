import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getTraeger } from "~/config/traeger";
import { customerStandorte, municipalitiesOfStandort } from "~/domain/traeger/lookup";
import { appointmentType, listOwnAppointments, nextFreeByStandort, suggestStandort, travelOf } from "~/features/appointments/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";

// Loader of booking step 2 (buchen.standort.tsx): the customer Standorte with their next free
// time and travel notes, the suggestion for a typed place, and the one chosen before.

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const params = new URL(request.url).searchParams;
  const type = params.get("anliegen") ?? "";
  if (!appointmentType(type)) throw redirect("/termine/buchen?fehler=anliegen");
  const place = (params.get("ort") ?? "").trim().slice(0, 100);
  const suggestion = place ? suggestStandort(place) : null;
  const traeger = getTraeger();
  const [own, nextFree] = await Promise.all([listOwnAppointments(session.userId), nextFreeByStandort(type)]);
  const missing = params.get("fehler") === "standort";
  const rebook = params.get("umbuchen");
  const application = params.get("antrag");
  const standorte = customerStandorte(traeger, new Date()).map((s) => ({
    id: s.id,
    name: s.name,
    municipalities: municipalitiesOfStandort(traeger, s).map((m) => m.name),
    nextFree: nextFree[s.id] ?? null,
    travel: travelOf(s.id),
  }));
  const selected = suggestion?.standortId ?? params.get("standort") ?? own.lastStandortId;
  return json(
    {
      ...(await pageI18n(request, ["appointments", "standorte"], "appointments:standort.title")),
      type,
      place,
      suggestion,
      placeUnknown: Boolean(place && !suggestion),
      lastStandortId: own.lastStandortId,
      selected: standorte.some((s) => s.id === selected) ? selected : null,
      standorte,
      rebook: rebook && /^[0-9a-f-]{36}$/.test(rebook) ? rebook : null,
      application: application && /^[0-9a-f-]{36}$/.test(application) ? application : null,
      example: traeger.municipalities[0]?.name ?? "",
      errors: missing ? { standort: "appointments:standort.error" } : undefined,
    },
    { status: missing ? 400 : 200 },
  );
}
