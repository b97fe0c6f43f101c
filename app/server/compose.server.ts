import { loadTraeger } from "~/config/traeger";
import { getDb } from "~/platform/db/db.server";
import { env, isProduction } from "~/platform/config/env.server";
import { loadDemoData } from "~/features/appointments/demo-data.server";
import { documentKey, sessionSecret } from "~/platform/crypto/keys.server";
import { log } from "~/platform/log/log.server";
import { startDocumentHousekeeping } from "~/features/documents/uploads.server";

type Stop = () => Promise<void>;
const jobs: Array<() => Stop | Promise<Stop>> = [];

/** Background jobs (reminders, webhook delivery, retention) register here. */
export function registerJob(start: () => Stop | Promise<Stop>): void {
  jobs.push(start);
}

// Documents: stale resumable uploads, documents of deleted accounts, blobs without a record.
registerJob(startDocumentHousekeeping);

export async function startup(): Promise<Stop> {
  if (isProduction() && !env().PUBLIC_URL) {
    // Links in mails must not be built from a Host header a client can forge.
    throw new Error("PUBLIC_URL must be set in production (the portal's public https:// address)");
  }
  const traeger = loadTraeger(); // throws with the failing field named
  await getDb();
  await loadDemoData(); // appointment slots for demos (DEMO_DATA=1); see demo-data.server.ts
  sessionSecret();
  documentKey();
  log().info({ traeger: traeger.id }, "configuration loaded");
  const stops: Stop[] = [];
  for (const start of jobs) stops.push(await start());
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
