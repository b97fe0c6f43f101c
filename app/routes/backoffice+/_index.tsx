import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatDateTime } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf, isLanguage } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { loader } from "./_index.server";

export const meta = pageMeta;

export { loader };

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
