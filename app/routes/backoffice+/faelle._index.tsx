import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, TextArea, TextField } from "~/components/forms";
import { Pager, StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatDateTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./faelle._index.server";

export const meta = pageMeta;

// Cases of people who already receive benefits (role Integration): create a case or a new
// activation code for the letter, find a case by Kundennummer or BG-Nummer.
export { action, loader };

export default function StaffCases() {
  const { staff, label, q, sort, cases, page, pages, total, pageLinks, sortLinks } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "common"]);
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors} ns="backoffice" />
      <h1>{t("cases.title", { label })}</h1>
      <p className="lead">{t("cases.intro")}</p>

      {answer?.created ? (
        <div className="notice" role="status">
          <h2>{t("cases.create.done")}</h2>
          <p>
            <strong>{t("cases.create.code", { code: answer.created.activationCode })}</strong>
          </p>
          <p>
            {t("cases.create.expires", {
              date: formatDate("de", answer.created.expiresAt.slice(0, 10)),
            })}
          </p>
          {/* A plain form post (reloadDocument): the browser opens the PDF to print; nothing typed here is stored. */}
          <Form method="post" action="/backoffice/faelle/aktivierungsbrief" reloadDocument target="_blank">
            <CsrfInput />
            <input type="hidden" name="caseId" value={answer.created.caseId} />
            <input type="hidden" name="code" value={answer.created.activationCode} />
            <input type="hidden" name="expiresAt" value={answer.created.expiresAt} />
            <TextArea name="address" rows={4} label={t("cases.letter.address")} hint={t("cases.letter.addressHint")} />
            <button type="submit" className="button button--secondary">
              {t("cases.letter.submit")}
            </button>
          </Form>
          <p>
            <Link to={`/backoffice/faelle/${answer.created.caseId}`}>{t("cases.create.open")}</Link>
          </p>
        </div>
      ) : null}

      <h2>{t("cases.create.title")}</h2>
      <Form method="post" noValidate>
        <CsrfInput />
        <TextField
          name="kundennummer"
          width="medium"
          required
          spellCheck={false}
          label={t("cases.create.kundennummer")}
          defaultValue={answer?.values.kundennummer}
          error={answer?.errors.kundennummer}
        />
        <TextField name="bgNummer" width="medium" required spellCheck={false} label={t("cases.create.bgNummer")} defaultValue={answer?.values.bgNummer} error={answer?.errors.bgNummer} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("cases.create.submit")}
        </button>
      </Form>

      <h2>{q ? t("cases.search.caption") : t("cases.search.recent")}</h2>
      <Form method="get" className="staff-filters">
        <TextField name="q" width="medium" spellCheck={false} label={t("cases.search.label")} hint={t("cases.search.hint")} defaultValue={q} />
        {sort !== "geaendert" ? <input type="hidden" name="sortierung" value={sort} /> : null}
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            {t("cases.search.submit")}
          </button>
        </div>
      </Form>
      <p>{t("cases.search.found", { count: total })}</p>
      {cases.length === 0 ? (
        <p>{t("cases.search.none")}</p>
      ) : (
        <StaffTable
          id="cases"
          stack
          caption={t("cases.search.caption")}
          columns={[
            { label: t("cases.create.kundennummer"), sort: sortLinks.kundennummer },
            { label: t("cases.create.bgNummer"), sort: sortLinks.bg },
            t("cases.search.reference"),
            t("cases.case.linked"),
            { label: t("cases.search.updated"), sort: sortLinks.geaendert },
          ]}
        >
          {cases.map((c) => (
            <tr key={c.id}>
              <td data-label={t("cases.create.kundennummer")}>
                <Link to={`/backoffice/faelle/${c.id}`}>{c.kundennummer}</Link>
              </td>
              <td data-label={t("cases.create.bgNummer")}>{c.bgNummer}</td>
              <td data-label={t("cases.search.reference")}>{c.reference ?? "–"}</td>
              <td data-label={t("cases.case.linked")}>{c.linked ? t("cases.search.linked") : t("cases.search.notLinked")}</td>
              <td data-label={t("cases.search.updated")}>{formatDateTime("de", c.updatedAt)}</td>
            </tr>
          ))}
        </StaffTable>
      )}
      <Pager page={page} pages={pages} href={(p) => pageLinks[p - 1]} label={t("pager.label")} />
    </div>
  );
}
