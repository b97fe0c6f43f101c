import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { applicationPdf, pdfFilename, inboxApplication } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// The pre-filled German application PDF for staff (the same document as the API's).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const application = await inboxApplication(staff, params.id ?? "", "application.pdf");
  if (!application) throw new Response("Not Found", { status: 404 });
  const pdf = await applicationPdf(application);
  return new Response(Buffer.from(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${pdfFilename(application)}"`, ...privateNoStoreHeaders },
  });
}
