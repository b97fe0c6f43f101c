import { type ActionFunctionArgs, json } from "@remix-run/node";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { keepAlive } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

// The idle keepalive of components/session-timeout.tsx: "stay signed in" posts here and gets
// the new end of the idle time. Only POST (it changes the session), with the CSRF token.
export async function loader() {
  return json({ idleExpiresAt: null }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await getSession(request, { touch: false });
  if (!session) return json({ idleExpiresAt: null }, { status: 401, headers: noStoreHeaders });
  return json({ idleExpiresAt: await keepAlive(session) }, { headers: noStoreHeaders });
}
