import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { applicationPdf, pdfFilename, requireOwnApplication } from "~/features/application/index.server";

// GET /antrag/<id>/pdf: the applicant's own application as the German PDF.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireOwnApplication(request, params.id);
  const pdf = await applicationPdf(application);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdfFilename(application)}"`,
      ...privateNoStoreHeaders,
    },
  });
}
