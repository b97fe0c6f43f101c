import { json } from "@remix-run/node";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { pingDb } from "~/platform/db/db.server";

export async function loader() {
  const ok = await pingDb();
  return json(ok ? { status: "ok" } : { status: "unavailable" }, { status: ok ? 200 : 503, headers: noStoreHeaders });
}
