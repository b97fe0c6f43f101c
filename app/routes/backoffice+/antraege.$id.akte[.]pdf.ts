import type { LoaderFunctionArgs } from "@remix-run/node";
import { efilePdfForStaff, inboxApplication } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// The application PDF as PDF/A-2b for the e-file, audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const application = await inboxApplication(staff, params.id ?? "");
  if (!application) throw new Response("Not Found", { status: 404 });
  return efilePdfForStaff(staff, application);
}
