import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { CATEGORY_GERMAN, isDocumentCategory } from "~/domain/application/documents";
import { pageI18n } from "~/platform/http/page.server";
import { deadlines } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// Loader of the deadline view (fristen.tsx): open document requests due within 7 days or
// overdue, and invitations without an answer; all, or only the staff member's own (?mein=1).

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const params = new URL(request.url).searchParams;
  const mine = params.get("mein") === "1";
  const all = await deadlines(staff, { assignedTo: mine ? staff.id : undefined, days: 7 });
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, Number.parseInt(params.get("seite") ?? "1", 10) || 1), pages);
  const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const pageLinks = Array.from({ length: pages }, (_, i) => {
    const next = new URLSearchParams({ ...(mine ? { mein: "1" } : {}), ...(i ? { seite: String(i + 1) } : {}) }).toString();
    return next ? `/backoffice/fristen?${next}` : "/backoffice/fristen";
  });
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "appointments"], "backoffice:deadlines.title")),
      staff: { id: staff.id, name: staff.name, roles: staff.roles },
      mine,
      page,
      pages,
      pageLinks,
      rows: rows.map((r) => ({ ...r, label: r.kind === "request" ? (isDocumentCategory(r.what) ? CATEGORY_GERMAN[r.what] : r.what) : null })),
    },
    { headers: privateNoStoreHeaders },
  );
}
