import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnswerValue } from "~/components/application";
import { StaffBar } from "~/components/staff";
import { getTraeger } from "~/config/traeger";
import { summaryGroups } from "~/domain/application/summary";
import { standortById } from "~/domain/traeger/lookup";
import { formatDate, formatDateTime, formatEuro } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf } from "~/lib/languages";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/server/page.server";
import { inboxApplication } from "~/server/staff-inbox.server";
import { requireStaff } from "~/server/staff.server";

export const meta = pageMeta;

// One submitted application for staff: the facts, every answer (as on the applicant's check
// page, in German), the PDF.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const application = await inboxApplication(staff, params.id ?? "");
  if (!application) throw new Response("Not Found", { status: 404 });
  const standort = application.standortId ? standortById(getTraeger(), application.standortId) : undefined;
  return json(
    {
      ...(await pageI18n(request, ["backoffice", "application"], "backoffice:application.title", { reference: application.reference })),
      staff: { name: staff.name, roles: staff.roles },
      application: {
        id: application.id,
        reference: application.reference,
        antragsdatum: application.antragsdatum,
        submittedAt: application.submittedAt,
        language: application.language,
        standort: standort?.name ?? null,
        decisionsDigital: application.decisionsDigital,
      },
      groups: summaryGroups(application.data),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function StaffApplication() {
  const { staff, application, groups } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["backoffice", "application", "common"]);
  const format = { date: (iso: string) => formatDate("de", iso), euro: (n: number) => formatEuro("de", n) };
  let lastSection = "";
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <Link to="/backoffice" className="back-link">
        {t("application.back")}
      </Link>
      <h1>{t("application.title", { reference: application.reference })}</h1>
      <h2>{t("application.facts")}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("application.antragsdatum")}</dt>
          <dd>{formatDate("de", application.antragsdatum)}</dd>
        </div>
        {application.submittedAt ? (
          <div className="summary-list__row">
            <dt>{t("application.submittedAt")}</dt>
            <dd>{formatDateTime("de", application.submittedAt)}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t("application.standort")}</dt>
          <dd>{application.standort ?? t("inbox.noStandort")}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("application.language")}</dt>
          <dd>
            <span lang={htmlLangOf(application.language)}>{LANGUAGE_NAMES[application.language]}</span>
          </dd>
        </div>
        {application.decisionsDigital !== null ? (
          <div className="summary-list__row">
            <dt>{t("application.digital")}</dt>
            <dd>{application.decisionsDigital ? t("common:form.yes") : t("common:form.no")}</dd>
          </div>
        ) : null}
      </dl>
      <p>
        <a href={`/backoffice/antraege/${application.id}/pdf`} download>
          {t("application.pdf")}
        </a>
      </p>
      <h2>{t("application.answers")}</h2>
      {groups.map((group, g) => {
        const first = group.section !== lastSection;
        lastSection = group.section;
        return (
          <section key={g} aria-label={group.heading ? `${t(`application:tasks.sections.${group.section}`)}: ${group.heading}` : t(`application:tasks.sections.${group.section}`)}>
            {first ? <h3>{t(`application:tasks.sections.${group.section}`)}</h3> : null}
            {group.heading ? (
              <h4>
                <bdi>{group.heading}</bdi>
              </h4>
            ) : null}
            <dl className="summary-list">
              {group.rows.map((row, r) => (
                <div className="summary-list__row" key={r}>
                  <dt>{t(`application:${row.label}`, row.params)}</dt>
                  <dd>
                    <AnswerValue value={row.value} format={format} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
