import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { signOutStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Signing out is a POST from the staff bar; a GET goes back to the inbox.
export function loader() {
  return redirect("/backoffice");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  return redirect("/backoffice/anmelden?hinweis=abgemeldet", {
    headers: { "Set-Cookie": await signOutStaff(request) },
  });
}
