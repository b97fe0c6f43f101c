import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { keepAlive } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getSession } from "~/platform/http/session.server";

// The idle keepalive of components/session-timeout.tsx: "stay signed in" posts here and gets
// the new end of the idle time. Only POST (it changes the session), with the CSRF token.
export async function loader(_args: LoaderFunctionArgs) {
  return json({ idleExpiresAt: null }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  await verifyCsrf(request, form);
  const session = await getSession(request, { touch: false });
  if (!session) return json({ idleExpiresAt: null }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return json({ idleExpiresAt: await keepAlive(session) }, { headers: { "Cache-Control": "no-store" } });
}
