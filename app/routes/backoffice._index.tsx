import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { StaffBar } from "~/components/staff";
import { getTraeger } from "~/config/traeger";
import { parseDateInput } from "~/domain/application/dates";
import { PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES, type ProcessingStatus } from "~/domain/application/documents";
import { customerStandorte } from "~/domain/traeger/lookup";
import { formatDate, formatDateTime } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf, isLanguage } from "~/lib/languages";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/server/page.server";
import { inboxPage } from "~/server/staff-inbox.server";
import { requireStaff } from "~/server/staff.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "applications:read");
  const url = new URL(request.url);
  const standorte = customerStandorte(getTraeger()).map((s) => ({ id: s.id, name: s.name }));
  const standortParam = url.searchParams.get("standort") ?? "";
  const standort = standorte.some((s) => s.id === standortParam) ? standortParam : "";
  const statusParam = url.searchParams.get("stand") ?? "";
  const status = (PROCESSING_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ProcessingStatus) : "";
  const sinceText = (url.searchParams.get("seit") ?? "").trim();
  const since = sinceText ? parseDateInput(sinceText) : null;
  const errors: Record<string, string> = sinceText && !since ? { seit: "backoffice:inbox.filters.sinceInvalid" } : {};
  const page = await inboxPage(staff, { standort: standort || undefined, status: status || undefined, since: since ?? undefined, cursor: url.searchParams.get("cursor") ?? undefined });
  const moreParams = new URLSearchParams({ ...(standort ? { standort } : {}), ...(status ? { stand: status } : {}), ...(since ? { seit: sinceText } : {}), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
  return json(
    {
      ...(await pageI18n(request, ["backoffice"], "backoffice:inbox.title")),
      staff: { name: staff.name, roles: staff.roles },
      standorte,
      filters: { standort, stand: status, seit: sinceText },
      statuses: PROCESSING_STATUSES.map((value) => ({ value, label: PROCESSING_STATUS_GERMAN[value] })),
      errors,
      rows: page.rows,
      more: page.nextCursor ? `/backoffice?${moreParams.toString()}` : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function Inbox() {
  const { staff, standorte, statuses, filters, errors, rows, more } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["backoffice", "common"]);
  const standortName = (id: string | null) => standorte.find((s) => s.id === id)?.name ?? t("inbox.noStandort");
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={errors} ns="backoffice" />
      <h1>{t("inbox.title")}</h1>
      <p className="lead">{t("inbox.intro")}</p>
      <Form method="get" className="staff-filters" aria-label={t("inbox.filters.legend")}>
        <div className="form-group">
          <label className="label" htmlFor="field-standort">
            {t("inbox.filters.standort")}
          </label>
          <select className="input input--medium" id="field-standort" name="standort" defaultValue={filters.standort}>
            <option value="">{t("inbox.filters.allStandorte")}</option>
            {standorte.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="field-stand">
            {t("inbox.filters.status")}
          </label>
          <select className="input input--medium" id="field-stand" name="stand" defaultValue={filters.stand}>
            <option value="">{t("inbox.filters.allStatuses")}</option>
            {statuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <TextField name="seit" width="short" label={t("inbox.filters.since")} defaultValue={filters.seit} error={errors.seit} />
        <div className="form-group">
          <button type="submit" className="button">
            {t("inbox.filters.apply")}
          </button>{" "}
          {filters.standort || filters.stand || filters.seit ? <Link to="/backoffice">{t("inbox.filters.reset")}</Link> : null}
        </div>
      </Form>
      {rows.length === 0 ? (
        <p>{t("inbox.empty")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="inbox-caption" tabIndex={0}>
          <table className="table">
            <caption id="inbox-caption">{t("inbox.table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("inbox.table.reference")}</th>
                <th scope="col">{t("inbox.table.applicant")}</th>
                <th scope="col">{t("inbox.table.submittedAt")}</th>
                <th scope="col">{t("inbox.table.antragsdatum")}</th>
                <th scope="col">{t("inbox.table.standort")}</th>
                <th scope="col">{t("inbox.table.status")}</th>
                <th scope="col" className="num">
                  {t("inbox.table.members")}
                </th>
                <th scope="col">{t("inbox.table.language")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/backoffice/antraege/${row.id}`}>{row.reference}</Link>
                  </td>
                  <td>
                    <bdi>{row.applicant}</bdi>
                  </td>
                  <td>{formatDateTime("de", row.submittedAt)}</td>
                  <td>{formatDate("de", row.antragsdatum, "medium")}</td>
                  <td>{standortName(row.standortId)}</td>
                  <td>{statuses.find((s) => s.value === row.status)?.label}</td>
                  <td className="num">{row.members}</td>
                  <td>{isLanguage(row.language) ? <span lang={htmlLangOf(row.language)}>{LANGUAGE_NAMES[row.language]}</span> : row.language}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>{t("inbox.shown", { count: rows.length })}</p>
      {more ? (
        <p>
          <Link to={more}>{t("inbox.more")}</Link>
        </p>
      ) : null}
    </div>
  );
}
