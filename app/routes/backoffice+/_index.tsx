import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Checkbox, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { Pager, StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatTime } from "~/lib/format";
import { LANGUAGE_NAMES, htmlLangOf, isLanguage } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { loader } from "./_index.server";

export const meta = pageMeta;

export { loader };

// The staff inbox: search (name, Aktenzeichen, birth date, Kundennummer / BG-Nummer), filters,
// "mine", sortable columns and pages — all plain links and GET forms. On a narrow screen (and at
// 200 % zoom) each application is a block of its own, so nothing needs sideways scrolling.
export default function Inbox() {
  const { staff, standorte, statuses, filters, errors, rows, page, pages, total, pageLinks, sortLinks, list, searching } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["backoffice", "common"]);
  const standortName = (id: string | null) => standorte.find((s) => s.id === id)?.name ?? t("inbox.noStandort");
  const col = {
    reference: t("inbox.table.reference"),
    applicant: t("inbox.table.applicant"),
    submittedAt: t("inbox.table.submittedAt"),
    antragsdatum: t("inbox.table.antragsdatum"),
    standort: t("inbox.table.standort"),
    status: t("inbox.table.status"),
    members: t("inbox.table.members"),
    language: t("inbox.table.language"),
    assignee: t("inbox.table.assignee"),
  };
  const open = (id: string) => (list ? `/backoffice/antraege/${id}?${list}` : `/backoffice/antraege/${id}`);
  return (
    <div className="page page--wide">
      <StaffBar staff={staff} />
      <ErrorSummary errors={errors} ns="backoffice" />
      <h1>{t("inbox.title")}</h1>
      <p className="lead">{t("inbox.intro")}</p>
      <Form method="get" className="staff-filters" aria-label={t("inbox.filters.legend")}>
        <div className="staff-filters__search">
          <TextField name="q" label={t("inbox.filters.q")} hint={t("inbox.filters.qHint")} defaultValue={filters.q} />
        </div>
        <SelectField
          name="standort"
          label={t("inbox.filters.standort")}
          defaultValue={filters.standort}
          options={[{ value: "", label: t("inbox.filters.allStandorte") }, ...standorte.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField name="stand" label={t("inbox.filters.status")} defaultValue={filters.stand} options={[{ value: "", label: t("inbox.filters.allStatuses") }, ...statuses]} />
        <TextField name="seit" width="short" label={t("inbox.filters.since")} defaultValue={filters.seit} error={errors.seit} />
        <Checkbox name="mein" label={t("inbox.filters.mine")} defaultChecked={filters.mein} />
        {filters.sortierung !== "eingang" ? <input type="hidden" name="sortierung" value={filters.sortierung} /> : null}
        <div className="form-group">
          <button type="submit" className="button">
            {t("inbox.filters.apply")}
          </button>{" "}
          {searching ? <Link to="/backoffice">{t("inbox.filters.reset")}</Link> : null}
        </div>
      </Form>
      <p>{t("inbox.found", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("inbox.empty")}</p>
      ) : (
        <StaffTable
          id="inbox"
          stack
          caption={t("inbox.table.caption")}
          columns={[
            { label: col.reference, sort: sortLinks.aktenzeichen },
            col.applicant,
            { label: col.submittedAt, sort: sortLinks.eingang },
            { label: col.antragsdatum, sort: sortLinks.antragsdatum },
            { label: col.standort, sort: sortLinks.standort },
            col.status,
            { label: col.members, numeric: true },
            col.language,
            col.assignee,
          ]}
        >
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={col.reference}>
                <Link to={open(row.id)}>{row.reference}</Link>
              </td>
              <td data-label={col.applicant}>
                <span>
                  <bdi>{row.applicant}</bdi>
                  {row.birthDate ? (
                    <>
                      <br />
                      <span className="hint">{t("inbox.born", { date: formatDate("de", row.birthDate, "medium") })}</span>
                    </>
                  ) : null}
                </span>
              </td>
              <td data-label={col.submittedAt}>{`${formatDate("de", row.submittedAt, "medium")}, ${formatTime("de", row.submittedAt)}`}</td>
              <td data-label={col.antragsdatum}>{formatDate("de", row.antragsdatum, "medium")}</td>
              <td data-label={col.standort}>{standortName(row.standortId)}</td>
              <td data-label={col.status}>{statuses.find((s) => s.value === row.status)?.label}</td>
              <td data-label={col.members} className="num">
                {row.members}
              </td>
              <td data-label={col.language}>{isLanguage(row.language) ? <span lang={htmlLangOf(row.language)}>{LANGUAGE_NAMES[row.language]}</span> : row.language}</td>
              <td data-label={col.assignee}>{row.assignee ? (row.assignee.id === staff.id ? t("inbox.assignedToMe") : row.assignee.name) : t("inbox.unassigned")}</td>
            </tr>
          ))}
        </StaffTable>
      )}
      <Pager page={page} pages={pages} href={(p) => pageLinks[p - 1]} label={t("pager.label")} />
    </div>
  );
}
