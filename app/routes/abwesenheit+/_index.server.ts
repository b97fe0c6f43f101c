import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { DAYS_WITHOUT_REASON_PER_YEAR, daysInYear } from "~/domain/absence/absence";
import { berlinDay } from "~/domain/application/dates";
import { noticeDays, ownAbsences } from "~/features/absence/index.server";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";

// Loader of /abwesenheit: the rules, the days used this year without an important reason, and
// the person's requests with their decisions; without a linked case, how to link it.
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const own = await ownAbsences(session.userId);
  const today = berlinDay();
  const year = Number(today.slice(0, 4));
  const usedDays = (own ?? []).filter((a) => a.status !== "refused" && a.reason === "none").reduce((sum, a) => sum + daysInYear(a.from, a.to, year), 0);
  const params = new URL(request.url).searchParams;
  const sent = params.get("gesendet");
  return json(
    {
      ...(await pageI18n(request, ["absence"], "absence:title")),
      linked: own !== null,
      requests: (own ?? []).map((a) => ({
        id: a.id,
        reference: a.reference,
        from: a.from,
        to: a.to,
        destination: a.destination,
        reason: a.reason,
        status: a.status,
        decisionMessage: a.decisionMessage,
      })),
      noticeDays: noticeDays(),
      yearlyDays: DAYS_WITHOUT_REASON_PER_YEAR,
      usedDays,
      year,
      sent: sent && /^W-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(sent) ? sent : null,
    },
    { headers: privateNoStoreHeaders },
  );
}
