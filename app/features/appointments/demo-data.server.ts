import { getTraeger } from "~/config/traeger";
import { generateSlots, type ScheduleWindow } from "~/domain/appointments/schedule";
import { toBerlin } from "~/domain/appointments/time";
import { customerStandorte } from "~/domain/traeger/lookup";
import { insertSlots } from "./appointments.server";
import { env } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";

// DEMO DATA, NOT THE TRÄGER'S: appointment slots for demonstrations and tests, loaded at start
// when DEMO_DATA=1 (the default; production sets DEMO_DATA=0 and the back office creates slots
// through POST /api/v1/appointment-slots). The Träger configurations have no opening hours (the
// sources give none), so this made-up weekly schedule stands in for them. Slots are made for the
// next four weeks at every customer Standort, for every appointment type (cut to its duration),
// skipping weekends and the Land's public holidays. Loading twice adds nothing: a slot is unique
// per Standort, type and start.

/** Made-up demo schedule (German local time): Monday–Friday mornings, Thursday afternoon too. */
export const DEMO_SCHEDULE: readonly ScheduleWindow[] = [
  { days: [1, 2, 3, 4, 5], from: "08:30", to: "12:00" },
  { days: [4], from: "14:00", to: "17:00" },
];

/** Made-up demo capacity per slot (parallel staff) by appointment type; others get 1. */
export const DEMO_CAPACITY: Readonly<Record<string, number>> = { antragsabgabe: 2, erstberatung: 1, folgegespraech: 2, beratung: 1 };

export const DEMO_DAYS = 28;

export async function loadDemoData(now = new Date()): Promise<number> {
  if (env().DEMO_DATA !== "1") return 0;
  const traeger = getTraeger();
  const templates = customerStandorte(traeger, now).flatMap((standort) =>
    traeger.appointmentTypes.map((type) => ({ standortId: standort.id, type: type.id, durationMinutes: type.durationMinutes, capacity: DEMO_CAPACITY[type.id] ?? 1 })),
  );
  const slots = generateSlots({ fromDate: toBerlin(now).date, days: DEMO_DAYS, windows: DEMO_SCHEDULE, templates, holidays: traeger.holidays, notBefore: now });
  const inserted = await insertSlots(slots, "demo");
  log().info({ event: "demo-slots", inserted, considered: slots.length }, "demo data loaded (DEMO_DATA=1)");
  return inserted;
}
