import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { toBerlin } from "~/domain/appointments/time";
import { benefitPeriodOf, caseOfUser, caseView, confirmPlanRead, hasChanges } from "~/features/cases/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of "Mein Fall" (_index.tsx): the linked case and its plan with the dates
// shown; the action records that the person has read a plan version.

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const page = await pageI18n(request, ["case", "absence"], "case:title");
  const row = await caseOfUser(session.userId);
  const view = row ? await caseView(row) : null;
  const params = new URL(request.url).searchParams;
  const flash = params.get("hinweis");
  return json(
    {
      ...page,
      view: view
        ? {
            ...view,
            plan: view.plan
              ? {
                  ...view.plan,
                  changed: Boolean(view.plan.changes && hasChanges(view.plan.changes)),
                  // Calendar days in Germany, for display.
                  publishedDay: toBerlin(view.plan.publishedAt).date,
                  readDay: view.plan.readAt ? toBerlin(view.plan.readAt).date : null,
                }
              : null,
          }
        : null,
      benefitPeriod: row ? benefitPeriodOf(row) : null,
      today: toBerlin(new Date()).date,
      flash: flash === "verbunden" || flash === "gelesen" ? flash : null,
    },
    { headers: privateNoStoreHeaders },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const version = Number(form.get("version"));
  if (Number.isInteger(version) && version > 0) await confirmPlanRead(session.userId, version);
  return redirect("/mein-fall?hinweis=gelesen#gelesen");
}
