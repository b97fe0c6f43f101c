import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentForStaff, inboxApplication } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// A document the applicant handed over, opened in the browser for staff (audited).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const application = await inboxApplication(staff, params.id ?? "");
  const response = application ? await attachmentForStaff(staff, application, params.attachmentId ?? "") : null;
  if (!response) throw new Response("Not Found", { status: 404 });
  return response;
}
