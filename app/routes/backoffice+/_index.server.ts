import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTraeger } from "~/config/traeger";
import { parseDateInput } from "~/domain/application/dates";
import { PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES, type ProcessingStatus } from "~/domain/application/documents";
import { customerStandorte } from "~/domain/traeger/lookup";
import { pageI18n } from "~/platform/http/page.server";
import { inboxPage } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// Loader of the staff inbox (_index.tsx): the filters from the address (Standort, processing
// status, submitted since), one page of applications and the link to the next.

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const url = new URL(request.url);
  const standorte = customerStandorte(getTraeger()).map((s) => ({
    id: s.id,
    name: s.name,
  }));
  const standortParam = url.searchParams.get("standort") ?? "";
  const standort = standorte.some((s) => s.id === standortParam) ? standortParam : "";
  const statusParam = url.searchParams.get("stand") ?? "";
  const status = (PROCESSING_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ProcessingStatus) : "";
  const sinceText = (url.searchParams.get("seit") ?? "").trim();
  const since = sinceText ? parseDateInput(sinceText) : null;
  const errors: Record<string, string> = sinceText && !since ? { seit: "backoffice:inbox.filters.sinceInvalid" } : {};
  const page = await inboxPage(staff, {
    standort: standort || undefined,
    status: status || undefined,
    since: since ?? undefined,
    cursor: url.searchParams.get("cursor") ?? undefined,
  });
  const moreParams = new URLSearchParams({
    ...(standort ? { standort } : {}),
    ...(status ? { stand: status } : {}),
    ...(since ? { seit: sinceText } : {}),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  });
  return json(
    {
      ...(await pageI18n(request, ["backoffice"], "backoffice:inbox.title")),
      staff: { name: staff.name, roles: staff.roles },
      standorte,
      filters: { standort, stand: status, seit: sinceText },
      statuses: PROCESSING_STATUSES.map((value) => ({
        value,
        label: PROCESSING_STATUS_GERMAN[value],
      })),
      errors,
      rows: page.rows,
      more: page.nextCursor ? `/backoffice?${moreParams.toString()}` : null,
    },
    { headers: privateNoStoreHeaders },
  );
}
