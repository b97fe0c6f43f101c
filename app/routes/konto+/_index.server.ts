import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { applicableSections, isComplete, sectionStatuses } from "~/domain/application/model";
import { accountOverview } from "~/features/accounts/index.server";
import { applicationDocuments, currentApplication, memberNames, type ApplicationRecord } from "~/features/application/index.server";
import { listOwnAppointments, viewOf } from "~/features/appointments/index.server";
import { benefitPeriodOf, caseOfUser } from "~/features/cases/index.server";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";

// Loader of /konto (konto+/_index.tsx), the person's home: her application (draft with how far
// it is, or submitted with receipt, PDF and the documents still missing with their due dates),
// her next appointments, Mein Fall, and the one thing to do next.

// Notices after a redirect to this page: ?hinweis=…
const NOTICES = {
  passwort: "overview.notices.passwordChanged",
  "link-gesendet": "overview.notices.linkSent",
  bestaetigt: "overview.notices.emailConfirmed",
  "schon-bestaetigt": "overview.notices.alreadyConfirmed",
} as const;

/** The one next step /konto names (account:home.next.<step>). */
export type NextStep = "confirm" | "start" | "continue" | "submit" | "documents" | "invitation" | "wait" | "recipient" | "renew" | "ended";

const SHOWN_APPOINTMENTS = 3;

async function applicationSummary(application: ApplicationRecord) {
  const { data } = application;
  if (application.status === "draft") {
    const sections = applicableSections(data);
    const statuses = sectionStatuses(data);
    return {
      id: application.id,
      reference: application.reference,
      status: "draft" as const,
      antragsdatum: application.antragsdatum,
      submittedAt: null,
      done: sections.filter((s) => statuses[s] === "done").length,
      total: sections.length,
      complete: isComplete(data),
      missing: [],
    };
  }
  const { checklist, progress, requests } = await applicationDocuments(application);
  const names = memberNames(data);
  const open = (state: string | undefined) => state === undefined || state === "missing" || state === "asked-again";
  const missing = [
    ...checklist
      .filter((e) => e.required && open(progress[e.id]?.state))
      .map((e) => ({
        id: e.id,
        category: e.category as string,
        member: e.memberId ? (names[e.memberId] ?? null) : null,
        dueDate: progress[e.id]?.dueDate ?? null,
        description: null as string | null,
      })),
    ...requests
      .filter((r) => r.status === "open")
      .map((r) => ({ id: r.id, category: r.category as string, member: r.memberId ? (names[r.memberId] ?? null) : null, dueDate: r.dueDate, description: r.description as string | null })),
  ].sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  return {
    id: application.id,
    reference: application.reference,
    status: "submitted" as const,
    antragsdatum: application.antragsdatum,
    submittedAt: application.submittedAt,
    done: 0,
    total: 0,
    complete: true,
    missing,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const hinweis = new URL(request.url).searchParams.get("hinweis") as keyof typeof NOTICES | null;
  const account = await accountOverview(session);
  const current = await currentApplication(session.userId);
  const application = current ? await applicationSummary(current) : null;
  const own = await listOwnAppointments(session.userId);
  const appointments = own.upcoming.slice(0, SHOWN_APPOINTMENTS).map((row) => {
    const view = viewOf(row);
    return { id: view.id, type: view.type, start: view.start, standortName: view.standortName, canChange: view.canChange };
  });
  const invitations = own.invitations.map((row) => ({ id: row.id, type: row.type, start: row.starts_at }));
  const caseRow = await caseOfUser(session.userId);
  const linkedCase = Boolean(caseRow);
  const benefitPeriod = caseRow ? benefitPeriodOf(caseRow) : null;
  // A person who already receives benefits (a linked case with an approval period) and has no
  // application in progress: the renewal is her next step, not a first application.
  const recipientStep: NextStep | null =
    benefitPeriod && (!application || application.status === "submitted") && !invitations.length
      ? benefitPeriod.state === "renew"
        ? "renew"
        : benefitPeriod.state === "ended"
          ? "ended"
          : "recipient"
      : null;
  const next: NextStep = !account.emailConfirmed
    ? "confirm"
    : recipientStep && (recipientStep !== "recipient" || !application || !application.missing.length)
      ? recipientStep
      : !application
        ? "start"
        : application.status === "draft"
          ? application.complete
            ? "submit"
            : "continue"
          : invitations.length
            ? "invitation"
            : application.missing.length
              ? "documents"
              : "wait";
  return json(
    {
      ...(await pageI18n(request, ["account", "application", "appointments", "uploads", "case"], "account:overview.title")),
      account,
      application,
      appointments,
      moreAppointments: own.upcoming.length > SHOWN_APPOINTMENTS,
      invitations,
      linkedCase,
      benefitPeriod,
      next,
      notice: hinweis && hinweis in NOTICES ? NOTICES[hinweis] : null,
    },
    { headers: privateNoStoreHeaders },
  );
}
