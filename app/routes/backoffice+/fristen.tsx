import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager, StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { loader } from "./fristen.server";

export const meta = pageMeta;

export { loader };

// What waits for an answer: requested documents due or overdue, invitations not answered.
export default function Deadlines() {
  const { staff, mine, rows, page, pages, pageLinks } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["backoffice", "appointments"]);
  const col = { due: t("deadlines.due"), what: t("deadlines.what"), application: t("deadlines.application"), assignee: t("inbox.table.assignee") };
  return (
    <div className="page page--wide">
      <StaffBar staff={staff} />
      <h1>{t("deadlines.title")}</h1>
      <p className="lead">{t("deadlines.intro")}</p>
      <p>{t("deadlines.postfach")}</p>
      <p>{mine ? <Link to="/backoffice/fristen">{t("deadlines.showAll")}</Link> : <Link to="/backoffice/fristen?mein=1">{t("deadlines.showMine")}</Link>}</p>
      {rows.length === 0 ? (
        <p>{t("deadlines.empty")}</p>
      ) : (
        <StaffTable id="deadlines" stack caption={mine ? t("deadlines.captionMine") : t("deadlines.caption")} columns={[col.due, col.what, col.application, col.assignee]}>
          {rows.map((r) => (
            <tr key={`${r.kind}-${r.id}`}>
              <td data-label={col.due}>
                <span>
                  {r.kind === "request" ? formatDate("de", r.due, "medium") : `${formatDate("de", r.due, "medium")}, ${formatTime("de", r.due)}`}
                  {r.overdue ? (
                    <>
                      {" "}
                      <strong className="tag tag--overdue">{t("deadlines.overdue")}</strong>
                    </>
                  ) : null}
                </span>
              </td>
              <td data-label={col.what}>{r.kind === "request" ? t("deadlines.request", { label: r.label }) : t("deadlines.invitation", { type: t(`appointments:types.${r.what}.name`) })}</td>
              <td data-label={col.application}>
                <span>
                  <Link to={`/backoffice/antraege/${r.applicationId}#${r.kind === "request" ? "anforderungen" : "stand"}`}>{r.reference}</Link> <bdi>{r.applicant}</bdi>
                </span>
              </td>
              <td data-label={col.assignee}>{r.assignee ? (r.assignee.id === staff.id ? t("inbox.assignedToMe") : r.assignee.name) : t("inbox.unassigned")}</td>
            </tr>
          ))}
        </StaffTable>
      )}
      <Pager page={page} pages={pages} href={(p) => pageLinks[p - 1]} label={t("pager.label")} />
    </div>
  );
}
