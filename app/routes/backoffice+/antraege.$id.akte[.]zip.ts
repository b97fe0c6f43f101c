import type { LoaderFunctionArgs } from "@remix-run/node";
import { efileZipForStaff, inboxApplication } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// The e-file bundle of an application (ZIP: PDF/A, documents, histories, manifest), audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const application = await inboxApplication(staff, params.id ?? "");
  if (!application) throw new Response("Not Found", { status: 404 });
  return efileZipForStaff(staff, application);
}
