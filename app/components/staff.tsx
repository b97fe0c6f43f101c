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
        <li>
          <Link to="/backoffice/fristen">{t("bar.deadlines")}</Link>
        </li>
        {staffMay(staff.roles, "cases:write") ? (
          <li>
            <Link to="/backoffice/faelle">{t("bar.cases")}</Link>
          </li>
        ) : null}
        {staffMay(staff.roles, "cases:write") ? (
          <li>
            <Link to="/backoffice/abwesenheiten">{t("bar.absences")}</Link>
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

export type StaffColumn = ReactNode | { label: ReactNode; numeric?: boolean; sort?: { href: string; state: "ascending" | "descending" | null } };

/**
 * A table with a caption that scrolls sideways on a narrow screen (a labelled, focusable
 * region) or, with `stack`, becomes one block per row there (cells carry data-label). A column
 * with `sort` has a link in its header (works without JavaScript) and aria-sort when sorted.
 */
export function StaffTable({ id, caption, columns, children, stack = false }: { id: string; caption: ReactNode; columns: StaffColumn[]; children: ReactNode; stack?: boolean }) {
  return (
    <div className={stack ? "table-scroll table-scroll--stack" : "table-scroll"} role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={stack ? "table table--stack table--staff" : "table table--staff"}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => {
              if (!column || typeof column !== "object" || !("label" in column)) {
                return (
                  <th scope="col" key={i}>
                    {column as ReactNode}
                  </th>
                );
              }
              const sort = column.sort;
              return (
                <th scope="col" className={column.numeric ? "num" : undefined} key={i} aria-sort={sort?.state ?? undefined}>
                  {sort ? (
                    <a href={sort.href} className="sort-link">
                      {column.label}
                      <span aria-hidden="true" className="sort-link__mark">
                        {sort.state === "ascending" ? " ▲" : sort.state === "descending" ? " ▼" : " ↕"}
                      </span>
                    </a>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Previous / next page of a long list, with "Seite 2 von 5". */
export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  const { t } = useTranslation("backoffice");
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t("pager.previous")}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{t("pager.position", { page, pages })}</li>
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {t("pager.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
