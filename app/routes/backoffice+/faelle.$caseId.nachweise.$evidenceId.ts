import type { LoaderFunctionArgs } from "@remix-run/node";
import { evidenceDownload } from "~/features/cases/index.server";
import { requireStaff } from "~/features/staff/index.server";

// An evidence file of a task of the case, for staff with the role Integration (audited).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "cases:write");
  const response = await evidenceDownload(staff, params.caseId ?? "", params.evidenceId ?? "");
  if (!response) throw new Response("Not Found", { status: 404 });
  return response;
}
