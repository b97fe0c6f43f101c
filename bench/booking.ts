// Booking under load: 50 people (BENCH_BOOKING_PEOPLE) book at the same time across the four
// Standorte, over HTTP exactly like a browser without JavaScript: POST the chosen time (a hold),
// POST the confirmation. Each person then cancels (not measured) so the per-type limit never
// bites, and books again, for BENCH_SECONDS. Reports bookings per second and the latency of one
// booking (hold + confirmation). People and sessions are made directly in the portal's database
// (signing up 50 people would measure the password hash, not booking).
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { RunningServer } from "./servers";

export interface BookingResult {
  name: string;
  people: number;
  bookings: number;
  /** Attempts that found their time taken in the meantime (409) and chose again. */
  conflicts: number;
  errors: number;
  bookingsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

interface Person {
  cookie: string;
  csrf: string;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function preparePeople(portal: RunningServer, count: number): Promise<{ people: Person[]; slots: Array<{ id: string; type: string; standortId: string }> }> {
  if (!portal.env) throw new Error("the portal's environment is needed for the booking bench");
  Object.assign(process.env, portal.env, { NODE_ENV: "test" });
  delete process.env.DATABASE_URL;
  const { getDb, closeDb } = await import("../app/platform/db/db.server");
  const { createSession } = await import("../app/platform/http/session.server");
  const db = await getDb();
  const now = new Date().toISOString();
  const csrfCookie = createCookie("csrf", { path: "/", sameSite: "lax", httpOnly: true });
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    await db
      .insertInto("users")
      .values({ id, email: `bench.${id}@example.org`, password_hash: "x", email_verified_at: now, language: "de", created_at: now, updated_at: now })
      .execute();
    const sid = (await createSession(id)).split(";")[0];
    const csrf = crypto.randomBytes(24).toString("base64url");
    people.push({ cookie: `${sid}; ${(await csrfCookie.serialize(csrf)).split(";")[0]}`, csrf });
  }
  // Demo slots more than two days ahead (so a booking can be cancelled again), every Standort and type.
  const slots = await db
    .selectFrom("appointment_slots")
    .select(["id", "type", "standort_id as standortId"])
    .where("deleted_at", "is", null)
    .where("starts_at", ">", new Date(Date.now() + 48 * 3_600_000).toISOString())
    .execute();
  await closeDb();
  if (slots.length < count) throw new Error(`only ${slots.length} demo slots: is DEMO_DATA=1?`);
  return { people, slots };
}

export async function bookingLoad(portal: RunningServer, { people: count = 50, durationSeconds = 10 } = {}): Promise<BookingResult> {
  const { people, slots } = await preparePeople(portal, count);
  const standorte = new Set(slots.map((s) => s.standortId)).size;
  const post = (person: Person, path: string, fields: Record<string, string>) =>
    fetch(portal.url + path, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ _csrf: person.csrf, ...fields }),
      headers: { Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: portal.url },
    });
  const latencies: number[] = [];
  let conflicts = 0;
  let errors = 0;
  const until = Date.now() + durationSeconds * 1000;
  const started = Date.now();
  await Promise.all(
    people.map(async (person, index) => {
      let next = index;
      while (Date.now() < until) {
        const slot = slots[(next += count) % slots.length];
        const t0 = performance.now();
        const hold = await post(person, `/termine/buchen/zeit?anliegen=${slot.type}&standort=${slot.standortId}`, { slotId: slot.id });
        await hold.arrayBuffer();
        if (hold.status === 409) {
          conflicts++;
          continue;
        }
        const confirmPath = hold.headers.get("location");
        if (hold.status !== 302 || !confirmPath) {
          errors++;
          continue;
        }
        const confirm = await post(person, confirmPath, { intent: "book", interpreter: "no", channel: "in-person" });
        await confirm.arrayBuffer();
        const bookedPath = confirm.headers.get("location") ?? "";
        if (confirm.status !== 302 || !bookedPath.includes("?gebucht=1")) {
          errors++;
          continue;
        }
        latencies.push(performance.now() - t0);
        const cancel = await post(person, `${bookedPath.split("?")[0]}/absagen`, {});
        await cancel.arrayBuffer();
        if (cancel.status !== 302) errors++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name: `Booking: ${count} people, ${standorte} Standorte`,
    people: count,
    bookings: latencies.length,
    conflicts,
    errors,
    bookingsPerSecond: latencies.length / seconds,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
  };
}
