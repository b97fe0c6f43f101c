import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { CATEGORY_GERMAN, isDocumentCategory } from "~/domain/application/documents";
import { pageI18n } from "~/platform/http/page.server";
import { deadlines } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// Loader of the deadline view (fristen.tsx): open document requests due within 7 days or
// overdue, and invitations without an answer; all, or only the staff member's own (?mein=1).

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const mine = new URL(request.url).searchParams.get("mein") === "1";
  const rows = await deadlines(staff, { assignedTo: mine ? staff.id : undefined, days: 7 });
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "appointments"], "backoffice:deadlines.title")),
      staff: { id: staff.id, name: staff.name, roles: staff.roles },
      mine,
      rows: rows.map((r) => ({ ...r, label: r.kind === "request" ? (isDocumentCategory(r.what) ? CATEGORY_GERMAN[r.what] : r.what) : null })),
    },
    { headers: privateNoStoreHeaders },
  );
}
