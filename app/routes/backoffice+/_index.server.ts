import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTraeger } from "~/config/traeger";
import { PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES } from "~/domain/application/documents";
import { customerStandorte } from "~/domain/traeger/lookup";
import { pageI18n } from "~/platform/http/page.server";
import { INBOX_SORTS, inboxPage, inboxParams, type InboxSort } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

// Loader of the staff inbox (_index.tsx): search, filters, sorting and page from the address
// (inboxParams), one page of applications, and the links of the sortable columns and pages.

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const url = new URL(request.url);
  const standorte = customerStandorte(getTraeger()).map((s) => ({ id: s.id, name: s.name }));
  const params = inboxParams(staff, url.searchParams);
  const page = await inboxPage(staff, params.filters);
  const at = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.list);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const text = next.toString();
    return text ? `/backoffice?${text}` : "/backoffice";
  };
  const sortLinks = Object.fromEntries(
    INBOX_SORTS.map((sort) => {
      const current = params.values.sortierung === sort;
      // A click on the sorted column turns the order round; another column starts in its natural order.
      const direction = current ? (params.values.richtung === "asc" ? "ab" : "auf") : sort === "eingang" ? "ab" : "auf";
      return [sort, { href: at({ sortierung: sort === "eingang" ? null : sort, richtung: direction }), state: current ? (params.values.richtung === "asc" ? "ascending" : "descending") : null }];
    }),
  ) as Record<InboxSort, { href: string; state: "ascending" | "descending" | null }>;
  const pageLinks = Array.from({ length: page.pages }, (_, i) => at({ seite: i === 0 ? null : String(i + 1) }));
  return json(
    {
      ...(await pageI18n(request, ["backoffice"], "backoffice:inbox.title")),
      staff: { id: staff.id, name: staff.name, roles: staff.roles },
      standorte,
      filters: params.values,
      statuses: PROCESSING_STATUSES.map((value) => ({ value, label: PROCESSING_STATUS_GERMAN[value] })),
      errors: params.errors,
      rows: page.rows,
      page: page.page,
      pages: page.pages,
      total: page.total,
      pageLinks,
      sortLinks,
      /** The list's parameters, carried into an application for its next/previous links. */
      list: params.list.toString(),
      searching: Boolean(params.values.q || params.values.standort || params.values.stand || params.values.seit || params.values.mein),
    },
    { headers: privateNoStoreHeaders },
  );
}
