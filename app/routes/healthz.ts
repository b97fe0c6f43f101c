import { json } from "@remix-run/node";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { pingDb } from "~/platform/db/db.server";
import { DATABASE_RETRY_AFTER_SECONDS } from "~/platform/db/unavailable.server";

export async function loader() {
  const ok = await pingDb();
  // pingDb gives up after HEALTH_TIMEOUT_MS (1.5 s): a silent database is "unavailable" at once.
  if (ok) return json({ status: "ok" }, { headers: noStoreHeaders });
  return json({ status: "unavailable", detail: "The database is not reachable." }, { status: 503, headers: { ...noStoreHeaders, "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } });
}
