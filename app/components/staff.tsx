import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ROLE_LABELS, staffMay, type StaffRole } from "~/domain/staff/roles";
import { CsrfInput } from "./forms";

/** The staff inbox's own navigation: who is signed in, the inbox, sign out. */
export function StaffBar({ staff }: { staff: { name: string; roles: StaffRole[] } }) {
  const { t } = useTranslation("backoffice");
  return (
    <nav className="staff-bar" aria-label={t("bar.label")}>
      <p className="staff-bar__who">
        {t("bar.signedInAs", {
          name: staff.name,
          roles: staff.roles.map((r) => ROLE_LABELS[r]).join(", "),
        })}
      </p>
      <ul className="staff-bar__links">
        <li>
          <Link to="/backoffice">{t("bar.inbox")}</Link>
        </li>
        {staffMay(staff.roles, "cases:write") ? (
          <li>
            <Link to="/backoffice/faelle">{t("bar.cases")}</Link>
          </li>
        ) : null}
        {staffMay(staff.roles, "appointments:write") ? (
          <li>
            <Link to="/backoffice/termine">{t("bar.slots")}</Link>
          </li>
        ) : null}
        <li>
          <Form method="post" action="/backoffice/abmelden">
            <CsrfInput />
            <button type="submit" className="button button--secondary">
              {t("bar.signOut")}
            </button>
          </Form>
        </li>
      </ul>
    </nav>
  );
}

/** A table that scrolls sideways on a narrow screen (a labelled, focusable region), with a caption. */
export function StaffTable({ id, caption, columns, children }: { id: string; caption: ReactNode; columns: Array<ReactNode | { label: ReactNode; numeric: true }>; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) =>
              column && typeof column === "object" && "numeric" in column ? (
                <th scope="col" className="num" key={i}>
                  {column.label}
                </th>
              ) : (
                <th scope="col" key={i}>
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
