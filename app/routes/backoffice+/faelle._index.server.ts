import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { formValues } from "~/lib/validation";
import { CASE_SORTS, planLabel, createCaseByStaff, findCases, type CaseSort } from "~/features/cases/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of the staff case list (faelle._index.tsx): search by Kundennummer,
// BG-Nummer, or the Aktenzeichen, a name or birth date of the application the case came from;
// sortable columns and pages; create a case, whose activation code is answered once, for the letter.

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "cases:write");
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const sortParam = params.get("sortierung") ?? "";
  const sort: CaseSort = (CASE_SORTS as readonly string[]).includes(sortParam) ? (sortParam as CaseSort) : "geaendert";
  const richtung = params.get("richtung");
  const direction = richtung === "auf" ? "asc" : richtung === "ab" ? "desc" : sort === "geaendert" ? "desc" : "asc";
  const found = await findCases(staff, q, { sort, direction, page: Number.parseInt(params.get("seite") ?? "1", 10) || 1 });
  const at = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (sort !== "geaendert") next.set("sortierung", sort);
    if (richtung === "auf" || richtung === "ab") next.set("richtung", richtung);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const text = next.toString();
    return text ? `/backoffice/faelle?${text}` : "/backoffice/faelle";
  };
  const sortLinks = Object.fromEntries(
    CASE_SORTS.map((s) => {
      const current = sort === s;
      const turn = current ? (direction === "asc" ? "ab" : "auf") : s === "geaendert" ? "ab" : "auf";
      return [s, { href: at({ sortierung: s === "geaendert" ? null : s, richtung: turn }), state: current ? (direction === "asc" ? "ascending" : "descending") : null }];
    }),
  ) as Record<CaseSort, { href: string; state: "ascending" | "descending" | null }>;
  const label = planLabel();
  return json(
    {
      ...(await pageI18n(request, ["backoffice"], "backoffice:cases.title", {
        label,
      })),
      staff: { name: staff.name, roles: staff.roles },
      label,
      q,
      sort,
      cases: found.rows,
      page: found.page,
      pages: found.pages,
      total: found.total,
      pageLinks: Array.from({ length: found.pages }, (_, i) => at({ seite: i === 0 ? null : String(i + 1) })),
      sortLinks,
    },
    { headers: privateNoStoreHeaders },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const staff = await requireStaff(request, "cases:write");
  const result = await createCaseByStaff(staff, {
    kundennummer: String(form.get("kundennummer") ?? ""),
    bgNummer: String(form.get("bgNummer") ?? ""),
  });
  if (!result.ok) return json({ errors: result.errors, values: formValues(form), created: null }, { status: 400, headers: privateNoStoreHeaders });
  // The code is shown once, here, for the letter; it is never in a URL or a log.
  return json(
    {
      errors: {} as Record<string, string>,
      values: {} as Record<string, string>,
      created: result.created,
    },
    { headers: privateNoStoreHeaders },
  );
}
