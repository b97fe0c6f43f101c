import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { formValues } from "~/lib/validation";
import { planLabel, createCaseByStaff, findCases } from "~/features/cases/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireStaff } from "~/features/staff/index.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of the staff case list (faelle._index.tsx): search by Kundennummer or
// BG-Nummer; create a case, whose activation code is answered once, for the letter.

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "cases:write");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 40);
  const label = planLabel();
  return json(
    {
      ...(await pageI18n(request, ["backoffice"], "backoffice:cases.title", {
        label,
      })),
      staff: { name: staff.name, roles: staff.roles },
      label,
      q,
      cases: await findCases(staff, q),
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
