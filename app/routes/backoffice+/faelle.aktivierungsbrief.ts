import type { ActionFunctionArgs } from "@remix-run/node";
import { activationLetterByStaff } from "~/features/cases/index.server";
import { requireStaff } from "~/features/staff/index.server";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { readForm } from "~/platform/http/form.server";

// POST /backoffice/faelle/aktivierungsbrief: the activation-code letter as a PDF to print (issue 19
// § 14), posted from the page that shows a new code once. Nothing typed here is stored.

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "cases:write");
  const pdf = await activationLetterByStaff(staff, {
    caseId: String(form.get("caseId") ?? ""),
    code: String(form.get("code") ?? ""),
    expiresAt: String(form.get("expiresAt") ?? ""),
    address: String(form.get("address") ?? "").slice(0, 600),
  });
  if (!pdf) throw new Response("Not Found", { status: 404 });
  return new Response(Buffer.from(pdf), {
    headers: { ...privateNoStoreHeaders, "Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="aktivierungsbrief.pdf"' },
  });
}

export async function loader() {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
