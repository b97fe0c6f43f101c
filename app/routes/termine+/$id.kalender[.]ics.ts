import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { ownAppointmentIcs } from "~/features/appointments/index.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { requireSession } from "~/platform/http/session.server";

// GET /termine/{id}/kalender.ics: the calendar file of one of the person's own appointments, in
// the page's language (a cancelled one gives the file that removes it from the calendar).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const ics = await ownAppointmentIcs(session.userId, params.id ?? "", await getLanguage(request));
  if (!ics) throw new Response("Not found", { status: 404 });
  return new Response(ics.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ics.filename}"`,
      ...privateNoStoreHeaders,
    },
  });
}
