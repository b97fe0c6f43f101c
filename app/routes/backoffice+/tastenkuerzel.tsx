import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { requireStaff, shortcutsSetting, staffRedirect } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Turns the keyboard shortcuts of the application page on or off (a POST from that page; the
// setting is a cookie without personal data). A GET goes back to the inbox.
export function loader() {
  return redirect("/backoffice");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  await requireStaff(request);
  const to = staffRedirect(form.get("zurueck"));
  return redirect(`${to}#tastenkuerzel`, { headers: { "Set-Cookie": await shortcutsSetting(form.get("an") === "1") } });
}
