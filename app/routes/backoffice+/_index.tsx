import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { getTraeger } from "~/config/traeger";
import { parseDateInput } from "~/domain/application/dates";
import { PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES, type ProcessingStatus } from "~/domain/application/documents";
import { customerStandorte } from "~/domain/traeger/lookup";
import { formatDate, formatDateTime } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf, isLanguage } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";
import { inboxPage } from "~/features/application/index.server";
import { requireStaff } from "~/features/staff/index.server";

export const meta = pageMeta;

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
    { headers: { "Cache-Control": "private, no-store" } }
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
        <SelectField
          name="standort"
          label={t("inbox.filters.standort")}
          defaultValue={filters.standort}
          options={[{ value: "", label: t("inbox.filters.allStandorte") }, ...standorte.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField name="stand" label={t("inbox.filters.status")} defaultValue={filters.stand} options={[{ value: "", label: t("inbox.filters.allStatuses") }, ...statuses]} />
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
        <StaffTable
          id="inbox"
          caption={t("inbox.table.caption")}
          columns={[
            t("inbox.table.reference"),
            t("inbox.table.applicant"),
            t("inbox.table.submittedAt"),
            t("inbox.table.antragsdatum"),
            t("inbox.table.standort"),
            t("inbox.table.status"),
            { label: t("inbox.table.members"), numeric: true },
            t("inbox.table.language"),
          ]}
        >
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
        </StaffTable>
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
